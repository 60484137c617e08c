/**
 * Seeds the demo DisCO on a local chain that scripts/deploy.ts has just deployed to.
 *
 *   npx hardhat run scripts/seed.ts --network localhost
 */
import { network } from "hardhat";
import { readDeployment } from "./lib/deployments.ts";
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { seedAll } from "./lib/seed.ts";

const { ethers, networkHelpers, networkName } = await network.getOrCreate();
const deployment = readDeployment(networkName);
const { contracts } = deployment;
const membership = await ethers.getContractAt("Membership", contracts.membership.address);
const governor = await ethers.getContractAt("DisCOGovernor", contracts.governor.address);
const ledger = await ethers.getContractAt("ValueLedger", contracts.ledger.address);
const treasury = await ethers.getContractAt("Treasury", contracts.treasury.address);
const capital = await ethers.getContractAt("CapitalAccounts", contracts.capital.address);
const audit = await ethers.getContractAt("AuditRegistry", contracts.audit.address);
const signers = await ethers.getSigners();

const { proposals, work, money, accounts, attestation } = await seedAll(
  { deployment, membership, governor, ledger, treasury, capital, audit },
  signers,
  networkHelpers.time,
);
console.log(`Seeded the demo DisCO: ${await membership.memberCount()} members`);
for (const [label, id] of Object.entries(proposals)) {
  console.log(`  ${label.padEnd(8)} proposal ${PROPOSAL_STATES[Number(await governor.state(id))]}: ${id}`);
}
console.log(
  `  ledger   periods ${work.closedPeriods.join(" and ")} closed and final, period ${work.openPeriod} open with ${await ledger.entryCount()} entries in all`,
);
for (const id of [...work.pending, ...work.disputed]) {
  console.log(`           entry ${id} ${ENTRY_STATUSES[Number((await ledger.entry(id)).status)]}`);
}
console.log(
  `  treasury periods ${money.funded.join(" and ")} funded; ${money.claims.map((c) => `${c.name} claimed ${c.periods.join(" and ")}`).join(", ")}`,
);
console.log(
  `  capital  ${accounts.contributors.length} joining contributions; year ${accounts.year}'s accounts approved by the members; ${accounts.cashClaims.join(" and ")} claimed their cash; ${accounts.leaver} left, redemption scheduled`,
);
console.log(`  audit    Jun attested period ${attestation.period}'s books: ${attestation.hash}`);
