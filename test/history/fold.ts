import { expect } from "chai";
import {
  AUDITOR_ROLE,
  foldHistory,
  type ContractName,
  type DecodedEvent,
  type PlainValue,
} from "../../scripts/lib/history/index.ts";

const A = "0x00000000000000000000000000000000000000aA";
const B = "0x00000000000000000000000000000000000000bB";
const TREASURY = "0x0000000000000000000000000000000000007e5A";
const ZERO = "0x0000000000000000000000000000000000000000";

/** Events written by hand, one per log, in the order given. */
function history(...specs: Array<[ContractName, string, Record<string, PlainValue>]>): DecodedEvent[] {
  return specs.map(([contract, name, args], i) => ({
    block: 10 + i,
    logIndex: i,
    txHash: `0x${i.toString(16).padStart(64, "0")}`,
    contract,
    address: ZERO,
    name,
    args,
  }));
}

const opened = (period: number): [ContractName, string, Record<string, PlainValue>] => [
  "ledger",
  "PeriodOpened",
  { period: BigInt(period), openedAt: 1_000n * BigInt(period) },
];
const logged = (entryId: number, author: string, amount: bigint, weightBps: bigint) =>
  [
    "ledger",
    "EntryLogged",
    { entryId: BigInt(entryId), author, period: 1n, stream: 0n, amount, weightBps, evidence: "0x01", uri: "" },
  ] as [ContractName, string, Record<string, PlainValue>];
const counted = (entryId: number, author: string, amount: bigint, payableAmount: bigint) =>
  ["ledger", "EntryCounted", { entryId: BigInt(entryId), author, period: 1n, stream: 0n, amount, payableAmount }] as [
    ContractName,
    string,
    Record<string, PlainValue>,
  ];

describe("foldHistory on hand-written events", () => {
  it("counts, disputes and resolves entries into member, period and lifetime totals", () => {
    const state = foldHistory(
      history(
        ["membership", "MemberAdmitted", { account: A, stage: 5n, constituency: 0n, mentor: ZERO }],
        ["ledger", "ApprovalsRequiredSet", { approvalsRequired: 1n }],
        opened(1),
        logged(1, A, 1_000n, 5_000n),
        ["ledger", "EntryApproved", { entryId: 1n, approver: B, approvals: 1n }],
        counted(1, A, 1_000n, 500n),
        logged(2, A, 300n, 10_000n),
        ["ledger", "EntryApproved", { entryId: 2n, approver: B, approvals: 1n }],
        counted(2, A, 300n, 300n),
        [
          "ledger",
          "EntryUncounted",
          { entryId: 2n, author: A, period: 1n, stream: 0n, amount: 300n, payableAmount: 300n },
        ],
        ["ledger", "EntryDisputed", { entryId: 2n, disputer: B, reason: "no invoice" }],
        ["ledger", "DisputeResolved", { entryId: 2n, accepted: false }],
        ["ledger", "PeriodClosed", { period: 1n, closedAt: 2_000n, treasurer: B }],
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
            kind: 2n,
            supermajorityNumerator: 2n,
            supermajorityDenominator: 3n,
            constituencyShares: Array(8).fill(0n),
          },
        ],
        ["governor", "VoteCast", { voter: A, proposalId: 7n, support: 3n, weight: 1n, reason: "not yet" }],
        ["governor", "VoteCast", { voter: B, proposalId: 7n, support: 1n, weight: 0n, reason: "" }],
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
    const HASH = `0x${"ab".repeat(32)}`;
    const ADMIN_ROLE = `0x${"00".repeat(32)}`;
    const state = foldHistory(
      history(
        ["audit", "WageRatioCapSet", { capX100: 600n }],
        ["audit", "RoleGranted", { role: ADMIN_ROLE, account: B, sender: ZERO }],
        ["audit", "RoleGranted", { role: AUDITOR_ROLE, account: A, sender: B }],
        ["governor", "QuorumNumeratorUpdated", { oldQuorumNumerator: 0n, newQuorumNumerator: 5000n }],
        ["membership", "MemberAdmitted", { account: A, stage: 5n, constituency: 0n, mentor: ZERO }],
        opened(1),
        ["ledger", "PeriodClosed", { period: 1n, closedAt: 2_000n, treasurer: B }],
        opened(2),
        ["audit", "PeriodAttested", { period: 1n, auditor: A, reportHash: HASH, uri: "ipfs://report" }],
        ["audit", "WageRatioCapSet", { capX100: 100n }],
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
    const vote = { voter: A, proposalId: 7n, support: 1n, weight: 1n, reason: "" };
    expect(() => foldHistory(history(["governor", "VoteCast", vote]), TREASURY)).to.throw(
      /block 10, log 0 \(governor.VoteCast\): proposal 7 was never created/,
    );
    expect(() =>
      foldHistory(
        history(opened(1), logged(1, A, 1_000n, 10_000n), counted(1, A, 1_000n, 1_000n), counted(1, A, 1_000n, 1_000n)),
        TREASURY,
      ),
    ).to.throw(/block 13, log 3 .*entry 1 is Counted/);
    expect(() =>
      foldHistory(history(opened(1), logged(1, A, 1_000n, 5_000n), counted(1, A, 1_000n, 1_000n)), TREASURY),
    ).to.throw(/block 12, log 2 .*amounts differ/);
    expect(() =>
      foldHistory(history(["treasury", "PayoutClaimed", { member: A, period: 1n, amount: 5n }]), TREASURY),
    ).to.throw(/before it was funded/);
    expect(() => foldHistory(history(["membership", "MemberLeft", { account: A }]), TREASURY)).to.throw(
      /non-member .*block 10, log 0/,
    );
    const attested = ["audit", "PeriodAttested", { period: 1n, auditor: A, reportHash: "0x01", uri: "" }] as [
      ContractName,
      string,
      Record<string, PlainValue>,
    ];
    const auditor = ["audit", "RoleGranted", { role: AUDITOR_ROLE, account: A, sender: B }] as typeof attested;
    expect(() => foldHistory(history(opened(1), attested), TREASURY)).to.throw(/attested without AUDITOR_ROLE/);
    expect(() => foldHistory(history(auditor, opened(1), attested), TREASURY)).to.throw(
      /block 12, log 2 .*period 1 attested before it closed/,
    );
  });
});
