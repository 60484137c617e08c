/**
 * The browser tests' governance step: the Committed members accept every open dispute of the open period by a
 * vote (propose, vote, queue, execute, the clock moved by Hardhat's helpers), so that the treasurer can close it.
 * It moves the clock past every voting deadline, so the tests run it after their votes.
 *
 *   DISCO_RPC_URL=http://127.0.0.1:<port> hardhat run --network e2e scripts/lib/app-e2e/resolve-dispute.ts
 */
import { network } from "hardhat";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import { readDeployment } from "../deployments.ts";
import { Support } from "@disco-ledger/sdk/governance";
import { enact, toProposalCalls } from "../drive.ts";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";

const { ethers, networkHelpers, networkName } = await network.getOrCreate();
const { contracts } = readDeployment(networkName);
const governor = await ethers.getContractAt("DisCOGovernor", contracts.governor.address);
const ledger = await ethers.getContractAt("ValueLedger", contracts.ledger.address);
const signers = await ethers.getSigners();
const person = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index];

const disputed: bigint[] = [];
for (let id = 1n; id <= (await ledger.entryCount()); id++) {
  if (ENTRY_STATUSES[Number((await ledger.entry(id)).status)] === "Disputed") disputed.push(id);
}
if (disputed.length === 0) throw new Error("No disputed entry to resolve");
const target = await ledger.getAddress();
const proposal = await enact(
  governor,
  networkHelpers.time,
  person("Alice"),
  toProposalCalls({
    targets: disputed.map(() => target),
    values: disputed.map(() => 0n),
    calldatas: disputed.map((id) => ledger.interface.encodeFunctionData("resolveDispute", [id, true])),
    description: `Accept the disputed ledger entries ${disputed.join(", ")} (browser tests)`,
  }),
  (["Alice", "Bob", "Carla", "Dara"] as const).map((name) => [person(name), Support.For] as const),
);
const period = await ledger.currentPeriod();
console.log(
  `Resolved disputes ${disputed.join(", ")} by proposal ${proposal}; period ${period} has ` +
    `${(await ledger.periodInfo(period)).openDisputes} open disputes`,
);
