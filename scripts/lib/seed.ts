import type { Signer } from "ethers";
import { ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import type { DisCOGovernor, Membership } from "../../types/ethers-contracts/index.js";
import { DEMO_PEOPLE, type DemoName } from "./demo.ts";
import {
  closeVoting,
  enact,
  openVoting,
  propose,
  relayBallot,
  signBallot,
  Support,
  type Clock,
  type ProposalCalls,
} from "./governance.ts";

export interface DemoProposals {
  admitted: bigint;
  blocked: bigint;
  open: bigint;
}

/**
 * Brings a freshly deployed demo DisCO (ignition/parameters/localhost.json) to life: one finished vote that admits
 * Gus as a Dating member, one consent proposal blocked with a reason, and one open proposal with binding,
 * advisory and signed votes already cast.
 */
export async function seedDemo(
  membership: Membership,
  governor: DisCOGovernor,
  signers: Signer[],
  clock: Clock,
): Promise<DemoProposals> {
  const person = (name: DemoName): Signer => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index];
  const address = (name: DemoName) => person(name).getAddress();
  const target = await membership.getAddress();
  const call = (description: string, data: string): ProposalCalls => ({
    targets: [target],
    values: [0n],
    calldatas: [data],
    description,
  });

  const admitGus = call(
    "Admit Gus as a Dating member (stage 1), mentored by Bob",
    membership.interface.encodeFunctionData("admit", [await address("Gus"), Stage.Dating1, 0, await address("Bob")]),
  );
  const admitted = await enact(governor, clock, person("Alice"), admitGus, [
    [person("Alice"), Support.For],
    [person("Bob"), Support.For],
    [person("Carla"), Support.For],
    [person("Dara"), Support.Against],
    [person("Eli"), Support.For],
  ]);

  const admitHana = call(
    "[consent] Admit Hana as a Casual supporter",
    membership.interface.encodeFunctionData("admit", [await address("Hana"), Stage.Casual, 3, ZeroAddress]),
  );
  const blocked = await propose(governor, person("Bob"), admitHana);
  await openVoting(governor, clock, blocked);
  await (await governor.connect(person("Alice")).castVote(blocked, Support.For)).wait();
  await (await governor.connect(person("Bob")).castVote(blocked, Support.For)).wait();
  await (
    await governor
      .connect(person("Carla"))
      .castVoteWithReason(blocked, Support.Block, "We have not met Hana yet: invite her to a rhythm meeting first.")
  ).wait();
  await closeVoting(governor, clock, blocked);

  const advanceEli = call(
    "Advance Eli to Dating stage 3",
    membership.interface.encodeFunctionData("changeStage", [
      await address("Eli"),
      Stage.Dating3,
      await address("Alice"),
    ]),
  );
  const open = await propose(governor, person("Alice"), advanceEli);
  await openVoting(governor, clock, open);
  await (await governor.connect(person("Alice")).castVote(open, Support.For)).wait();
  await (await governor.connect(person("Eli")).castVote(open, Support.For)).wait();
  const ballot = await signBallot(person("Bob"), governor, open, Support.For);
  await (await relayBallot(governor, person("Deployer"), ballot)).wait();

  return { admitted, blocked, open };
}
