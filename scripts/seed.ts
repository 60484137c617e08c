/**
 * Seeds the demo on a local chain that scripts/deploy.ts has just deployed to: the demo DisCO's books, the federation
 * of three DisCOs and their mutual-credit trading, a fourth DisCO's open application, then the demo's open vote.
 *
 *   npx hardhat run scripts/seed.ts --network localhost
 */
import { network } from "hardhat";
import { deploymentsFileOf, readDeployment, writeFederation } from "./lib/deployments.ts";
import { money as shown } from "@disco-ledger/sdk/format";
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { personIn, seedBooks, seedOpenVote, viemClientOf } from "./lib/seed.ts";
import { cents, seedCredit } from "./lib/seed-credit.ts";
import { seedFederation, seedOpenApplication } from "./lib/seed-federation.ts";

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

const demo = { deployment, membership, governor, ledger, treasury, capital, audit };
const books = await seedBooks(demo, signers, networkHelpers.time);

// The federation's rounds of votes move the clock by days: before the open vote, which must stay open.
const file = deploymentsFileOf(networkName);
if (file.factory === undefined) throw new Error(`deployments/${networkName}.json names no factory: deploy first`);
const client = viemClientOf(signers[0]);
const started = performance.now();
const input = { demo: deployment, small: readDeployment(networkName, "Small DisCO"), factory: file.factory, client };
const seeded = await seedFederation(input, signers, networkHelpers.time);
const federationSeconds = (performance.now() - started) / 1000;
const credit = await seedCredit(input, seeded, networkHelpers.time);
const creditSeconds = (performance.now() - started) / 1000 - federationSeconds;
const fed = {
  ...seeded,
  application: await seedOpenApplication(seeded, personIn(signers)("Alice"), networkHelpers.time),
};
writeFederation(networkName, fed.federation.name, {
  address: fed.federation.address,
  blockNumber: fed.federation.blockNumber,
});

const open = await seedOpenVote(membership, governor, signers, networkHelpers.time);
const { work, money, accounts, attestation } = books;
const proposals = { ...books.proposals, open };

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
const challenged = fed.checkIns.filter((c) => c.verdict.startsWith("challenged"));
console.log(
  `  federation "${fed.federation.name}" ${fed.federation.address}: ${fed.members.join(", ")}; Garden DisCO's application #${fed.application} open; ` +
    `${fed.checkIns.length} check-ins judged, ${challenged.map((c) => `${c.disco}'s period ${c.period} ${c.verdict}`).join(", ")}; ` +
    `${fed.trust.length} trust values; profiles of ${fed.profiles.map((p) => p.disco).join(" and ")} (seeded in ${federationSeconds.toFixed(1)} s)`,
);
const euros = (value: number) => shown(cents(value), "en", 2);
console.log(
  `  credit   its network ${credit.network.address}: ${credit.lines.length} lines and the treasurers' limits by vote; ` +
    `${credit.payments.length} payments (${credit.payments.map((p) => `${p.path.join(" -> ")} ${euros(p.euros)} ${p.ref}`).join(", ")}); ` +
    `the cycle ${credit.cleared.cycle.join(" -> ")} cleared by ${euros(credit.cleared.euros)}; ` +
    `${credit.settled.debtor} settled ${euros(credit.settled.euros)} of its debt to ${credit.settled.creditor} through its treasury; ` +
    `a cycle left open to clear, ${shown(credit.open.amount, "en", 2)} off each debt (seeded in ${creditSeconds.toFixed(1)} s)`,
);
