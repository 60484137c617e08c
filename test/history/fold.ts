import { expect } from "chai";
import type { Address } from "viem";
import { traceMoney } from "@disco-ledger/sdk/audit";
import {
  AUDITOR_ROLE,
  foldHistory,
  type ContractName,
  type DecodedEvent,
  type EventArgs,
  type EventName,
} from "@disco-ledger/sdk/history";

const A: Address = "0x00000000000000000000000000000000000000aA";
const B: Address = "0x00000000000000000000000000000000000000bB";
const TREASURY: Address = "0x0000000000000000000000000000000000007e5A";
const ZERO: Address = "0x0000000000000000000000000000000000000000";

/** An event written by hand: its contract, its name and its arguments, typed by the ABIs as decoding gives them. */
type Spec = { [C in ContractName]: { [N in EventName<C>]: [C, N, EventArgs<C, N>] }[EventName<C>] }[ContractName];

/** Events written by hand, one per log, in the order given. */
function history(...specs: Spec[]): DecodedEvent[] {
  return specs.map(
    ([contract, name, args], i) =>
      ({
        block: 10 + i,
        logIndex: i,
        txHash: `0x${i.toString(16).padStart(64, "0")}`,
        contract,
        address: ZERO,
        name,
        args,
      }) as DecodedEvent,
  );
}

const opened = (period: number): Spec => ["ledger", "PeriodOpened", { period, openedAt: 1_000 * period }];
/** Period `period` closes at 2,000 x period, final three days (the default review window) later. */
const closed = (period: number): Spec => [
  "ledger",
  "PeriodClosed",
  {
    period,
    closedAt: 2_000 * period,
    finalAt: 2_000 * period + 259_200,
    treasurer: B,
  },
];
const logged = (entryId: number, author: Address, amount: bigint, weightBps: number, period = 1) =>
  [
    "ledger",
    "EntryLogged",
    {
      entryId: BigInt(entryId),
      author,
      period,
      stream: 0,
      amount,
      weightBps,
      evidence: "0x01",
      note: "",
    },
  ] satisfies Spec;
const counted = (entryId: number, author: Address, amount: bigint, payableAmount: bigint, period = 1) =>
  [
    "ledger",
    "EntryCounted",
    { entryId: BigInt(entryId), author, period, stream: 0, amount, payableAmount },
  ] satisfies Spec;
const uncounted = (entryId: number, author: Address, amount: bigint, period = 1) =>
  [
    "ledger",
    "EntryUncounted",
    { entryId: BigInt(entryId), author, period, stream: 0, amount, payableAmount: amount },
  ] satisfies Spec;

describe("foldHistory on hand-written events", () => {
  it("counts, disputes and resolves entries into member, period and lifetime totals", () => {
    const state = foldHistory(
      history(
        ["membership", "MemberAdmitted", { account: A, stage: 5, constituency: 0, mentor: ZERO }],
        ["ledger", "ApprovalsRequiredSet", { approvalsRequired: 1 }],
        opened(1),
        logged(1, A, 1_000n, 5_000),
        ["ledger", "EntryApproved", { entryId: 1n, approver: B, approvals: 1 }],
        counted(1, A, 1_000n, 500n),
        logged(2, A, 300n, 10_000),
        ["ledger", "EntryApproved", { entryId: 2n, approver: B, approvals: 1 }],
        counted(2, A, 300n, 300n),
        [
          "ledger",
          "EntryUncounted",
          { entryId: 2n, author: A, period: 1, stream: 0, amount: 300n, payableAmount: 300n },
        ],
        ["ledger", "EntryDisputed", { entryId: 2n, disputer: B, reason: "no invoice" }],
        ["ledger", "DisputeResolved", { entryId: 2n, accepted: false }],
        closed(1),
        opened(2),
      ),
      TREASURY,
    );
    const a = A.toLowerCase();
    expect(state.ledger.memberPeriodTotals.get(a)?.get(1)).to.deep.equal({
      historical: [1_000n, 0n, 0n],
      payable: [500n, 0n, 0n],
    });
    expect(state.ledger.lifetimeTotals.get(a)).to.deep.equal(state.ledger.periods.get(1)?.totals);
    const entry = state.ledger.entries.get(2n)!;
    expect([entry.status, entry.disputes.length, entry.resolutions[0].accepted]).to.deep.equal(["Rejected", 1, false]);
    expect(state.ledger.currentPeriod).to.equal(2);
    expect(state.members.current.get(a)?.stage).to.equal("Committed");
  });

  it("lapses pending work at closing, keeps counted work disputable and moves work accepted after the window", () => {
    const state = foldHistory(
      history(
        ["ledger", "ReviewWindowSet", { window: 259_200 }],
        ["ledger", "ApprovalsRequiredSet", { approvalsRequired: 1 }],
        opened(1),
        logged(1, A, 1_000n, 10_000),
        ["ledger", "EntryApproved", { entryId: 1n, approver: B, approvals: 1 }],
        counted(1, A, 1_000n, 1_000n),
        logged(2, A, 400n, 10_000),
        logged(3, A, 200n, 10_000),
        ["ledger", "EntryApproved", { entryId: 3n, approver: B, approvals: 1 }],
        counted(3, A, 200n, 200n),
        closed(1),
        opened(2),
        // Within the review window: counted work of the closed period is disputed there.
        uncounted(1, A, 1_000n),
        ["ledger", "EntryDisputed", { entryId: 1n, disputer: B, reason: "no invoice" }],
        uncounted(3, A, 200n),
        ["ledger", "EntryDisputed", { entryId: 3n, disputer: B, reason: "twice?" }],
        // Accepted before the period is final: it counts in its own period again.
        ["ledger", "DisputeResolved", { entryId: 3n, accepted: true }],
        counted(3, A, 200n, 200n),
        // Accepted after: it counts in the open period.
        ["ledger", "DisputeResolved", { entryId: 1n, accepted: true }],
        ["ledger", "EntryMoved", { entryId: 1n, fromPeriod: 1, toPeriod: 2 }],
        counted(1, A, 1_000n, 1_000n, 2),
      ),
      TREASURY,
    );
    const a = A.toLowerCase();
    const [one, two, three] = [1n, 2n, 3n].map((id) => state.ledger.entries.get(id)!);
    expect([one.status, two.status, three.status]).to.deep.equal(["Counted", "Lapsed", "Counted"]);
    expect([one.period, one.moved?.fromPeriod, one.moved?.toPeriod, three.moved]).to.deep.equal([2, 1, 2, null]);
    expect(state.ledger.periods.get(1)!.finalAt).to.equal(2_000n + 259_200n);
    expect(state.ledger.periods.get(2)!.finalAt).to.equal(null);
    expect(state.ledger.periods.get(1)!.openDisputes).to.equal(0);
    expect(state.ledger.memberPeriodTotals.get(a)?.get(1)?.historical).to.deep.equal([200n, 0n, 0n]);
    expect(state.ledger.memberPeriodTotals.get(a)?.get(2)?.historical).to.deep.equal([1_000n, 0n, 0n]);
    expect(state.ledger.lifetimeTotals.get(a)?.historical).to.deep.equal([1_200n, 0n, 0n]);
    expect(state.ledger.reviewWindow).to.equal(259_200n);

    // A lapsed entry is never approved, counted or disputed; nothing moves without an accepted dispute.
    const lapsed = history(opened(1), logged(1, A, 400n, 10_000), closed(1), opened(2));
    expect(() =>
      foldHistory(
        [
          ...lapsed,
          ...history(["ledger", "EntryApproved", { entryId: 1n, approver: B, approvals: 1 }]).map((e) => ({
            ...e,
            block: 99,
          })),
        ],
        TREASURY,
      ),
    ).to.throw(/entry 1 of period 1 changed while period 2 is open/);
    expect(() =>
      foldHistory(
        [
          ...lapsed,
          ...history(["ledger", "EntryDisputed", { entryId: 1n, disputer: B, reason: "x" }]).map((e) => ({
            ...e,
            block: 99,
          })),
        ],
        TREASURY,
      ),
    ).to.throw(/entry 1 is Lapsed/);
    expect(() =>
      foldHistory(
        [
          ...lapsed,
          ...history(["ledger", "EntryMoved", { entryId: 1n, fromPeriod: 1, toPeriod: 2 }]).map((e) => ({
            ...e,
            block: 99,
          })),
        ],
        TREASURY,
      ),
    ).to.throw(/entry 1 moved without an accepted dispute/);
  });

  it("keeps each redemption of a member as a schedule of its own, and records token recoveries", () => {
    const scheduled = (schedule: bigint, shares: bigint, amount: bigint, start: number) =>
      [
        "capital",
        "RedemptionScheduled",
        { member: A, schedule, shares, amount, start, period: 300, instalments: 3 },
      ] satisfies Spec;
    const paid = (schedule: bigint, amount: bigint, paidTotal: bigint) =>
      ["capital", "Redeemed", { member: A, schedule, amount, paidTotal }] satisfies Spec;
    const contributed = [
      "capital",
      "ContributionPaid",
      { member: A, amount: 100n, toReserve: 25n, toAccount: 75n, shares: 75n },
    ] satisfies Spec;
    const state = foldHistory(
      history(contributed, scheduled(0n, 75n, 75n, 1_000), paid(0n, 25n, 25n), [
        "treasury",
        "TokensRecovered",
        { token: B, to: A, amount: 9n },
      ]),
      TREASURY,
    );
    const schedules = state.capital.redemptions.get(A.toLowerCase())!;
    expect(schedules).to.deep.equal([
      { schedule: 0, total: 75n, paid: 25n, start: 1_000n, period: 300n, instalments: 3 },
    ]);
    expect(state.capital.redemptionsOwed).to.equal(50n);
    expect(state.capital.redemptionsPaid.map((r) => [r.schedule, r.amount, r.paidTotal])).to.deep.equal([
      [0, 25n, 25n],
    ]);
    expect(state.recoveries.map((r) => [r.contract, r.token, r.to, r.amount])).to.deep.equal([["treasury", B, A, 9n]]);

    // A second schedule is numbered after the first; a payment names a schedule that exists.
    expect(() => foldHistory(history(contributed, scheduled(1n, 75n, 75n, 1_000)), TREASURY)).to.throw(
      /schedule 1 after 0/,
    );
    expect(() =>
      foldHistory(history(contributed, scheduled(0n, 75n, 75n, 1_000), paid(1n, 1n, 1n)), TREASURY),
    ).to.throw(/has no redemption schedule 1/);
    expect(() =>
      foldHistory(history(contributed, scheduled(0n, 75n, 75n, 1_000), paid(0n, 80n, 80n)), TREASURY),
    ).to.throw(/redemption paid 80 after 0 of 75/);
  });

  it("traces one redemption transfer to the Redeemed events of every schedule it paid", () => {
    const events = history(
      ["token", "Transfer", { from: B, to: TREASURY, value: 500n }],
      ["capital", "ContributionPaid", { member: A, amount: 100n, toReserve: 25n, toAccount: 75n, shares: 75n }],
      [
        "capital",
        "RedemptionScheduled",
        { member: A, schedule: 0n, shares: 75n, amount: 75n, start: 1_000, period: 300, instalments: 3 },
      ],
      opened(1),
      closed(1),
      opened(2),
      [
        "capital",
        "YearClosed",
        {
          year: 1,
          treasurer: B,
          firstPeriod: 1,
          lastPeriod: 1,
          split: {
            surplus: 100n,
            interest: 0n,
            toReserve: 30n,
            toCommons: 10n,
            cashPool: 10n,
            retainedPool: 50n,
            retainedShares: 50n,
            totalPatronage: 1_000n,
            index: 10n ** 27n,
          },
        },
      ],
      ["capital", "AllocationSettled", { member: A, year: 1, patronage: 1_000n, cash: 10n, shares: 50n, value: 50n }],
      [
        "capital",
        "RedemptionScheduled",
        { member: A, schedule: 1n, shares: 50n, amount: 50n, start: 5_000, period: 300, instalments: 3 },
      ],
      ["capital", "Redeemed", { member: A, schedule: 0n, amount: 25n, paidTotal: 25n }],
      ["capital", "Redeemed", { member: A, schedule: 1n, amount: 16n, paidTotal: 16n }],
      ["token", "Transfer", { from: TREASURY, to: A, value: 41n }],
    );
    // redeem() pays both schedules in one transaction and one transfer.
    const paying = events.slice(-3).map((e) => ({ ...e, txHash: events.at(-1)!.txHash }));
    const state = foldHistory([...events.slice(0, -3), ...paying], TREASURY);
    expect(state.capital.redemptions.get(A.toLowerCase())!.map((r) => [r.schedule, r.total, r.paid])).to.deep.equal([
      [0, 75n, 25n],
      [1, 50n, 16n],
    ]);
    expect(state.capital.redemptionsOwed).to.equal(75n + 50n - 41n);
    const { movements, unpaid, ok } = traceMoney(state);
    const out = movements.find((m) => m.direction === "out")!;
    expect([out.tracedTo, out.detail]).to.deep.equal([
      "redemption",
      "schedule 0: paid 25 in total; schedule 1: paid 16 in total",
    ]);
    expect([unpaid, ok]).to.deep.equal([[], true]);
  });

  it("traces tokens recovered from another of the DisCO's contracts into the treasury", () => {
    // The capital contract (here at ZERO, as every hand-written event) sends back currency sent to it by mistake.
    const events = history(
      ["capital", "TokensRecovered", { token: B, to: TREASURY, amount: 9n }],
      ["token", "Transfer", { from: ZERO, to: TREASURY, value: 9n }],
    ).map((e, _, all) => ({ ...e, txHash: all[0].txHash }));
    const state = foldHistory(events, TREASURY);
    expect(state.recoveries.map((r) => [r.contract, r.to, r.amount])).to.deep.equal([["capital", TREASURY, 9n]]);
    const [recovered] = traceMoney(state).movements;
    expect([recovered.tracedTo, recovered.detail]).to.deep.equal(["recovery", "recovered from the capital"]);
  });

  it("tallies binding and advisory votes and follows money in and out of the treasury", () => {
    const state = foldHistory(
      history(
        [
          "governor",
          "ProposalCreated",
          {
            proposalId: 7n,
            proposer: A,
            targets: [B],
            values: [0n],
            signatures: [""],
            calldatas: ["0x"],
            voteStart: 100n,
            voteEnd: 200n,
            description: "[consent] x",
          },
        ],
        [
          "governor",
          "ProposalClassified",
          {
            proposalId: 7n,
            kind: 2,
            supermajorityNumerator: 2,
            supermajorityDenominator: 3,
            constituencyShares: [0, 0, 0, 0, 0, 0, 0, 0],
          },
        ],
        ["governor", "VoteCast", { voter: A, proposalId: 7n, support: 3, weight: 1n, reason: "not yet" }],
        ["governor", "VoteCast", { voter: B, proposalId: 7n, support: 1, weight: 0n, reason: "" }],
        ["token", "Transfer", { from: A, to: TREASURY, value: 500n }],
        ["token", "Transfer", { from: TREASURY, to: B, value: 200n }],
      ),
      TREASURY,
    );
    const proposal = state.governance.proposals.get(7n)!;
    expect([proposal.kind, proposal.tally.blockVotes, proposal.tally.advisoryFor]).to.deep.equal(["Consent", 1, 1]);
    expect(proposal.votes.map((v) => [v.support, v.binding, v.reason])).to.deep.equal([
      ["Block", true, "not yet"],
      ["For", false, ""],
    ]);
    expect(state.movements.map((m) => m.direction)).to.deep.equal(["in", "out"]);
    expect(state.treasuryBalance).to.equal(300n);
  });

  it("folds the audit registry: the cap and its history, who may attest, each period's attestations", () => {
    const HASH = `0x${"ab".repeat(32)}` as const;
    const ADMIN_ROLE = `0x${"00".repeat(32)}` as const;
    const state = foldHistory(
      history(
        ["audit", "WageRatioCapSet", { capX100: 600 }],
        ["audit", "RoleGranted", { role: ADMIN_ROLE, account: B, sender: ZERO }],
        ["audit", "RoleGranted", { role: AUDITOR_ROLE, account: A, sender: B }],
        ["governor", "QuorumNumeratorUpdated", { oldQuorumNumerator: 0n, newQuorumNumerator: 5000n }],
        ["membership", "MemberAdmitted", { account: A, stage: 5, constituency: 0, mentor: ZERO }],
        opened(1),
        closed(1),
        opened(2),
        ["audit", "PeriodAttested", { period: 1, auditor: A, reportHash: HASH, uri: "ipfs://report" }],
        ["audit", "WageRatioCapSet", { capX100: 100 }],
        ["audit", "RoleRevoked", { role: AUDITOR_ROLE, account: A, sender: B }],
        ["membership", "MemberLeft", { account: A }],
      ),
      TREASURY,
    );
    expect(state.audit.wageRatioCap).to.equal(100);
    expect(state.audit.capHistory.map((c) => [c.capX100, c.block])).to.deep.equal([
      [600, 10],
      [100, 19],
    ]);
    expect([...state.audit.auditors]).to.deep.equal([]);
    const [attestation] = state.audit.attestations.get(1)!;
    expect([attestation.auditor, attestation.reportHash, attestation.uri, attestation.block]).to.deep.equal([
      A,
      HASH,
      "ipfs://report",
      18,
    ]);
    expect(state.governance.quorumHistory.map((q) => [q.numerator, q.block])).to.deep.equal([[5000n, 13]]);
    // A former member's events stay in the membership's history: what the members were at any timepoint.
    expect(state.memberEvents.map((e) => e.kind)).to.deep.equal(["MemberAdmitted", "MemberLeft"]);
    expect(state.members.current.size).to.equal(0);
  });

  it("throws, naming block and log index, on a sequence the contracts could not emit", () => {
    const vote = { voter: A, proposalId: 7n, support: 1, weight: 1n, reason: "" };
    expect(() => foldHistory(history(["governor", "VoteCast", vote]), TREASURY)).to.throw(
      /block 10, log 0 \(governor.VoteCast\): proposal 7 was never created/,
    );
    expect(() =>
      foldHistory(
        history(opened(1), logged(1, A, 1_000n, 10_000), counted(1, A, 1_000n, 1_000n), counted(1, A, 1_000n, 1_000n)),
        TREASURY,
      ),
    ).to.throw(/block 13, log 3 .*entry 1 is Counted/);
    expect(() =>
      foldHistory(history(opened(1), logged(1, A, 1_000n, 5_000), counted(1, A, 1_000n, 1_000n)), TREASURY),
    ).to.throw(/block 12, log 2 .*amounts differ/);
    expect(() =>
      foldHistory(history(["treasury", "PayoutClaimed", { member: A, period: 1, amount: 5n }]), TREASURY),
    ).to.throw(/before it was funded/);
    expect(() => foldHistory(history(["membership", "MemberLeft", { account: A }]), TREASURY)).to.throw(
      /non-member .*block 10, log 0/,
    );
    const attested = ["audit", "PeriodAttested", { period: 1, auditor: A, reportHash: "0x01", uri: "" }] satisfies Spec;
    const auditor = ["audit", "RoleGranted", { role: AUDITOR_ROLE, account: A, sender: B }] satisfies Spec;
    expect(() => foldHistory(history(opened(1), attested), TREASURY)).to.throw(/attested without AUDITOR_ROLE/);
    expect(() => foldHistory(history(auditor, opened(1), attested), TREASURY)).to.throw(
      /block 12, log 2 .*period 1 attested before it closed/,
    );
  });
});
