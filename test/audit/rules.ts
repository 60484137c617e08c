import { expect } from "chai";
import { auditTables, canonicalJson, proposalHex, toCsv } from "@disco-ledger/sdk/audit";
import { descriptionHash, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { closeVoting, enact, openVoting, propose, queue, toProposalCalls } from "../../scripts/lib/drive.ts";
import { ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { loadHistory } from "@disco-ledger/sdk/history";
import { audit, csvObjects } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";

const { loadFixture, time } = connection.networkHelpers;

/**
 * The demo after the rules of issue 12 have played out: Bob closes period 3 with work still pending (it lapses)
 * and a dispute open; within the review window Dara disputes Alice's counted entry of period 3; the members accept
 * it by a vote that ends after the window, so it counts in period 4 (EntryMoved). Then proposals in every state:
 * Succeeded, Defeated (Against > For), Queued, Canceled, Active and Pending.
 */
async function reviewedDemo() {
  const demo = await recordedDemo();
  const { ledger, governor, membership, signers, work } = demo;
  const [alice, bob, carla, dara] = [1, 2, 3, 4].map((i) => signers[i]);
  const counted = work.pending[0] - 1n;
  await (await ledger.connect(bob).closePeriod()).wait();
  await (await ledger.connect(dara).dispute(counted, "Is part 3 invoiced?")).wait();
  const accept = toProposalCalls({
    targets: [await ledger.getAddress()],
    values: [0n],
    calldatas: [ledger.interface.encodeFunctionData("resolveDispute", [counted, true])],
    description: "Accept Alice's translation, part 3: the invoice is there",
  });
  const inFavour = (...voters: typeof signers) => voters.map((v) => [v, Support.For] as const);
  const resolved = await enact(governor, time, alice, accept, inFavour(alice, bob, carla));

  const admit = async (description: string): Promise<ProposalCalls> =>
    toProposalCalls({
      targets: [await membership.getAddress()],
      values: [0n],
      calldatas: [
        membership.interface.encodeFunctionData("admit", [signers[12].address, Stage.Casual, 3, ZeroAddress]),
      ],
      description,
    });
  const [succeededCalls, defeatedCalls, queuedCalls] = await Promise.all(
    ["Admit a supporter (succeeded)", "Admit a supporter (defeated)", "Admit a supporter (queued)"].map(admit),
  );
  const succeeded = await propose(governor, alice, succeededCalls);
  const defeated = await propose(governor, alice, defeatedCalls);
  const queued = await propose(governor, alice, queuedCalls);
  await openVoting(governor, time, queued);
  for (const id of [succeeded, queued]) {
    for (const voter of [alice, bob, carla]) await (await governor.connect(voter).castVote(id, Support.For)).wait();
  }
  // Against > For: defeated whatever the kind.
  await (await governor.connect(alice).castVote(defeated, Support.For)).wait();
  await (await governor.connect(bob).castVote(defeated, Support.Against)).wait();
  await (await governor.connect(carla).castVote(defeated, Support.Against)).wait();
  await closeVoting(governor, time, queued);
  await (await queue(governor, alice, queuedCalls)).wait();

  const canceledCalls = await admit("Admit a supporter (canceled)");
  const canceled = await propose(governor, alice, canceledCalls);
  const { targets, values, calldatas, description } = canceledCalls;
  await (await governor.connect(alice).cancel(targets, values, calldatas, descriptionHash(description))).wait();
  const active = await propose(governor, alice, await admit("Admit a supporter (active)"));
  await openVoting(governor, time, active);
  const pending = await propose(governor, alice, await admit("Admit a supporter (pending)"));

  const { state } = await loadHistory(publicClient(connection), demo.deployment);
  const blockTimes = new Map<number, bigint>();
  const report = await audit(demo.deployment, state, blockTimes);
  const ids = { resolved, succeeded, defeated, queued, canceled, active, pending };
  return { ...demo, counted, ids, state, report, blockTimes };
}

describe("audit under the review window and the decision table", () => {
  it("reconciles lapsed work, a dispute within the window, a moved entry and each period's final time", async () => {
    const { report, state, ledger, counted, work } = await loadFixture(reviewedDemo);
    expect(report.reconciliation.checks.filter((c) => !c.matched)).to.deep.equal([]);
    expect(
      report.proposals.filter((p) => !p.ok),
      "proposals",
    ).to.deep.equal([]);
    expect(
      report.wageRatio.filter((w) => !w.ok),
      "wage",
    ).to.deep.equal([]);
    expect([report.money.untraced, report.money.unpaid]).to.deep.equal([[], []]);
    expect(report.summary.ok).to.equal(true);

    // Pending at closing: Lapsed, as the ledger's entry() reports it.
    for (const id of work.pending) expect(state.ledger.entries.get(id)!.status).to.equal("Lapsed");
    const reconciled = (what: string) => report.reconciliation.checks.find((c) => c.what === what)!;
    expect(reconciled(`entry ${work.pending[0]}`).onChain).to.include({ status: "Lapsed" });
    // Accepted after period 3 was final: it counts in period 4.
    const moved = state.ledger.entries.get(counted)!;
    expect([moved.status, moved.period, moved.moved?.fromPeriod, moved.moved?.toPeriod]).to.deep.equal([
      "Counted",
      4,
      3,
      4,
    ]);
    expect((await ledger.entry(counted)).period).to.equal(4n);
    expect(reconciled("period 3 final")).to.include({ folded: true, matched: true });
    expect(reconciled("period 4 final")).to.include({ folded: false, matched: true });
    expect(reconciled("reviewWindow")).to.include({ folded: String(3 * 24 * 3600), matched: true });
    const info = await ledger.periodInfo(3);
    expect(report.periods[2].finalAt).to.equal(info.finalAt.toString());

    // Each period's books list the move; books without one read as before (no move fields at all).
    const [, , three, four] = report.periods;
    const inThree = three.books.entries.find((e) => e.id === counted.toString())!;
    const inFour = four.books.entries.find((e) => e.id === counted.toString())!;
    expect([inThree.movedTo, inThree.movedFrom, inFour.movedFrom, inFour.movedTo]).to.deep.equal([
      4,
      undefined,
      3,
      undefined,
    ]);
    expect(canonicalJson(report.periods[0].books)).to.not.contain("moved");
    expect(canonicalJson(three.books)).to.contain('"movedTo":4');
    expect(three.books.entries.filter((e) => e.status === "Lapsed").length).to.equal(work.pending.length);
  });

  it("gives every proposal its state, quorum and participation, in the report and the export", async () => {
    const { report, state, blockTimes, governor, ids } = await loadFixture(reviewedDemo);
    const stateOf = (id: bigint) => report.proposals.find((p) => p.proposalId === id)!;
    expect(Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, stateOf(id).state]))).to.deep.equal({
      resolved: "Executed",
      succeeded: "Succeeded",
      defeated: "Defeated",
      queued: "Queued",
      canceled: "Canceled",
      active: "Active",
      pending: "Pending",
    });
    const defeated = stateOf(ids.defeated);
    expect([defeated.quorum.reached, defeated.threshold.passed, defeated.ok]).to.deep.equal([true, false, true]);
    const checks = report.reconciliation.checks.filter((c) => c.what.endsWith(" state"));
    expect(checks.length).to.equal(state.governance.proposals.size);
    expect(checks.every((c) => c.matched)).to.equal(true);

    const table = auditTables(state, report, blockTimes).find((t) => t.name === "proposals")!;
    const rows = csvObjects(toCsv(table));
    const row = rows.find((r) => r.id === proposalHex(ids.defeated))!;
    const bindingMembers = 4n;
    const required = (bindingMembers * (await governor["quorumNumerator()"]()) + 9_999n) / 10_000n;
    expect(row).to.include({
      state: "Defeated",
      bindingMembers: "4",
      quorumRequired: required.toString(),
      participation: "3",
      quorumReached: "true",
      thresholdPassed: "false",
      rulesMet: "true",
    });
    expect(rows.map((r) => r.state)).to.include.members(["Pending", "Active", "Succeeded", "Queued", "Canceled"]);
  });
});
