/**
 * Seeds the demo DisCO on a local chain that scripts/deploy.ts has just deployed to.
 *
 *   npx hardhat run scripts/seed.ts --network localhost
 */
import { network } from "hardhat";
import { readDeployment } from "./lib/deployments.ts";
import { PROPOSAL_STATES } from "./lib/governance.ts";
import { seedDemo } from "./lib/seed.ts";

const { ethers, networkHelpers, networkName } = await network.getOrCreate();
const { contracts } = readDeployment(networkName);
const membership = await ethers.getContractAt("Membership", contracts.membership.address);
const governor = await ethers.getContractAt("DisCOGovernor", contracts.governor.address);

const proposals = await seedDemo(membership, governor, await ethers.getSigners(), networkHelpers.time);
console.log(`Seeded the demo DisCO: ${await membership.memberCount()} members`);
for (const [label, id] of Object.entries(proposals)) {
  console.log(`  ${label.padEnd(8)} proposal ${PROPOSAL_STATES[Number(await governor.state(id))]}: ${id}`);
}
