/**
 * A federation folded from its logs: members, proposals, check-ins and trust as the contract keeps them, the same
 * whether the logs are folded at once or in parts, the contract's proposal states, a check-in's status among its
 * peers (a verdict by the check-in's own author not counted), and trust reset when a DisCO leaves.
 */
import { parseEventLogs, zeroAddress, type Log } from "viem";
import { describe, expect, it } from "vitest";
import {
  checkInStatus,
  federationProposalState,
  FIGURES,
  foldFederation,
  isStale,
  mayVote,
  type FederationCheckIn,
  type FederationProposal,
} from "../src/federation/index.ts";
import { federationAbi } from "../src/generated/abis.ts";
import { addressOf, FEDERATION, federationLog, timeOfBlock, timesOf } from "./federation-logs.ts";

const DAY = 86_400;
const VOTING_PERIOD = 3 * DAY;
const [A, B, C] = ["Demo", "Small", "River"].map(addressOf);
const contracts = (name: string) => ({
  timelock: addressOf(`${name} timelock`),
  ledger: addressOf(`${name} ledger`),
  audit: addressOf(`${name} audit`),
});
const figures = {
  members: 5,
  bindingMembers: 3,
  payable_: [1_200n, 300n, 40n],
  moneyIn: 120_000n,
  moneyOut: 90_000n,
  creditIn: 45_050n,
  creditOut: 30_000n,
};
const digest = (text: string) => `0x${text.padStart(64, "0")}` as const;
const deadlineOf = (block: number) => timeOfBlock(block) + BigInt(VOTING_PERIOD);

/** The admission of `disco` by proposal `id` in `block`: A's vote, the admission, the execution. */
const admit = (disco: `0x${string}`, name: string, id: bigint, index: number, admission: number, block: number) => [
  federationLog("VoteCast", { id, disco: A, support: true, by: contracts("Demo").timelock }, block, 0),
  federationLog("MemberAdmitted", { disco, proposalId: id, index, admission, ...contracts(name) }, block, 1),
  federationLog("ProposalExecuted", { id }, block, 2),
];
/** `disco` applies with proposal `id` in `block`, with `snapshot` admissions and `electorate` members. */
const apply = (disco: `0x${string}`, name: string, id: bigint, snapshot: number, electorate: number, block: number) => [
  federationLog(
    "ProposalCreated",
    {
      id,
      proposer: disco,
      kind: 0,
      subject: disco,
      uri: "",
      hash: digest("0"),
      snapshot,
      electorate,
      deadline: deadlineOf(block),
      by: contracts(name).timelock,
    },
    block,
    0,
  ),
  federationLog(
    "Applied",
    { disco, proposalId: id, ...contracts(name), reason: `${name} shares the charter` },
    block,
    1,
  ),
];

const LOGS: Log[] = [
  federationLog("FederationFounded", { name: "Commons Federation", votingPeriod: VOTING_PERIOD }, 1, 0),
  federationLog("CharterSet", { uri: "ipfs://charter", hash: digest("c4a27e7") }, 1, 1),
  federationLog("MemberAdmitted", { disco: A, proposalId: 0n, index: 1, admission: 1, ...contracts("Demo") }, 1, 2),
  ...apply(B, "Small", 1n, 1, 1, 2),
  ...admit(B, "Small", 1n, 2, 2, 3),
  ...apply(C, "River", 2n, 2, 2, 4),
  federationLog("TrustSet", { from: A, to: B, value: 80, by: contracts("Demo").timelock }, 5, 0),
  federationLog("TrustSet", { from: B, to: A, value: 70, by: addressOf("Small treasurer") }, 5, 1),
  federationLog("DelegateSet", { disco: A, delegate: addressOf("Demo delegate") }, 5, 2),
  federationLog("TreasurerTrustBoundSet", { disco: B, bound: 75 }, 5, 3),
  federationLog(
    "CheckedIn",
    { disco: A, period: 1, digest: digest("a1"), figures, by: addressOf("Demo treasurer") },
    6,
    0,
  ),
  federationLog(
    "CheckedIn",
    { disco: B, period: 1, digest: digest("b1"), figures, by: addressOf("Small auditor") },
    6,
    1,
  ),
  // An auditor of both DisCOs checks in Small's period 2 and confirms it for Demo: a conflict.
  federationLog("CheckedIn", { disco: B, period: 2, digest: digest("b2"), figures, by: addressOf("both") }, 6, 2),
  federationLog("CheckInConfirmed", { disco: A, period: 1, confirmer: B, by: addressOf("Small auditor") }, 7, 0),
  federationLog(
    "CheckInChallenged",
    {
      disco: B,
      period: 1,
      challenger: A,
      figure: 6,
      reason: "money in: 1,200.00 €, 1,000.00 € in its logs",
      by: addressOf("Jun"),
    },
    7,
    1,
  ),
  federationLog("CheckInConfirmed", { disco: B, period: 2, confirmer: A, by: addressOf("both") }, 7, 2),
  federationLog("MemberLeft", { disco: B }, 8, 0),
  ...apply(B, "Small", 3n, 2, 1, 9),
  ...admit(B, "Small", 3n, 2, 3, 10),
  federationLog("TrustSet", { from: B, to: A, value: 20, by: contracts("Small").timelock }, 11, 0),
  federationLog("ApplicationWithdrawn", { disco: C, proposalId: 2n }, 12, 0),
];
const TIMES = timesOf(LOGS);
const fold = (logs: readonly Log[], previous?: Parameters<typeof foldFederation>[1]) =>
  foldFederation(logs, previous ?? FEDERATION, { times: TIMES });

describe("foldFederation", () => {
  const state = fold(LOGS);

  it("rebuilds the federation: charter, members by index, proposals with their votes", () => {
    expect([state.address, state.name, state.votingPeriod, state.charter]).toEqual([
      FEDERATION,
      "Commons Federation",
      VOTING_PERIOD,
      { uri: "ipfs://charter", hash: digest("c4a27e7") },
    ]);
    expect(state.members.map((m) => [m.disco, m.index, m.active, m.application])).toEqual([
      [A, 1, true, null],
      [B, 2, true, null],
      [C, 0, false, null],
    ]);
    const [demo, small] = state.members;
    expect(demo).toMatchObject({ ...contracts("Demo"), delegate: addressOf("Demo delegate"), leftAt: null });
    expect(demo.admittedAt).toBe(Number(timeOfBlock(1)));
    // Small left in block 8 and was admitted again in block 10.
    expect([small.admittedAt, small.leftAt, small.treasurerTrustBound]).toEqual([Number(timeOfBlock(10)), null, 75]);
    expect(state.proposals.map((p) => [p.id, p.kind, p.subject, p.forVotes, p.executed, p.reason])).toEqual([
      [1n, "Admit", B, 1, true, "Small shares the charter"],
      [2n, "Admit", C, 0, false, "River shares the charter"],
      [3n, "Admit", B, 1, true, "Small shares the charter"],
    ]);
    expect(state.proposals[0].votes).toEqual([{ disco: A, support: true, by: contracts("Demo").timelock }]);
    expect([state.proposals[1].deadline, state.proposals[1].createdAt]).toEqual([
      Number(deadlineOf(4)),
      Number(timeOfBlock(4)),
    ]);
    expect(state.proposals.map((p) => p.withdrawn)).toEqual([false, true, false]);
    expect(federationProposalState(state.proposals[1], VOTING_PERIOD, 0)).toBe("Withdrawn");
    expect(state.lastBlock).toBe(12);
  });

  it("keeps each check-in's figures and its peers' verdicts", () => {
    expect(state.checkIns.map((c) => [c.disco, c.period, c.digest, c.blockNumber])).toEqual([
      [A, 1, digest("a1"), 6],
      [B, 1, digest("b1"), 6],
      [B, 2, digest("b2"), 6],
    ]);
    expect(state.checkIns[0].figures).toEqual({
      members: 5n,
      bindingMembers: 3n,
      payable: [1_200n, 300n, 40n],
      moneyIn: 120_000n,
      moneyOut: 90_000n,
      creditIn: 45_050n,
      creditOut: 30_000n,
    });
    expect(state.checkIns[1].verdicts).toEqual([
      {
        peer: A,
        verdict: "Challenged",
        figure: "MoneyIn",
        reason: "money in: 1,200.00 €, 1,000.00 € in its logs",
        by: addressOf("Jun"),
        conflict: false,
        time: Number(timeOfBlock(7)),
      },
    ]);
    expect(state.checkIns[2].verdicts.map((v) => v.conflict)).toEqual([true]);
  });

  it("folds logs in parts onto the state of those before as it folds them all at once", () => {
    const blocks = [...new Set(LOGS.map((log) => Number(log.blockNumber)))];
    for (const last of blocks) {
      const before = fold(LOGS.filter((log) => Number(log.blockNumber) <= last));
      const frozen = structuredClone(before);
      expect(
        fold(
          LOGS.filter((log) => Number(log.blockNumber) > last),
          before,
        ),
        `after block ${last}`,
      ).toEqual(state);
      expect(before, "the previous state is left as it was").toEqual(frozen);
    }
    // In three parts (blocks 1-3, 4-5, 6-11), the middle one decoded by the caller.
    const first = fold(LOGS.slice(0, 8));
    const middle = parseEventLogs({ abi: federationAbi, logs: LOGS.slice(8, 14) });
    expect(fold(LOGS.slice(14), fold(middle, first))).toEqual(state);
  });

  it("folds only the expected federation's logs: a forged founding from another contract is left out", () => {
    const forged = { ...LOGS[0], address: addressOf("forged federation") };
    expect(fold([forged, ...LOGS])).toEqual(state);
    expect(() => fold([forged, ...LOGS.slice(1)])).toThrow(`The logs of federation ${FEDERATION} start with`);
  });

  it("refuses logs folded before, logs without their block's time, and logs that don't start with the founding", () => {
    const before = fold(LOGS.slice(0, 8));
    expect(() => fold(LOGS.slice(7), before)).toThrow("The log of block 3 was folded before");
    expect(() => foldFederation(LOGS, FEDERATION)).toThrow("No timestamp for block 1");
    expect(() => fold(LOGS.slice(3))).toThrow("start with its FederationFounded event");
    expect(() => fold([...LOGS.slice(0, 3), LOGS[17]])).toThrow(
      `The federation's logs judge ${A}'s period 1 before it was checked in`,
    );
  });

  it("leaves out logs of other contracts", () => {
    const other = federationLog("MemberLeft", { disco: A }, 13, 0, addressOf("another federation"));
    expect(fold([other], state)).toEqual({ ...state, lastBlock: 12 });
  });

  it("resets trust from and toward a DisCO that leaves, also once it is admitted again; the history keeps it", () => {
    const atBlock = (block: number) => fold(LOGS.filter((log) => Number(log.blockNumber) <= block));
    expect(atBlock(7).trust.map((e) => [e.from, e.to, e.value])).toEqual([
      [A, B, 80],
      [B, A, 70],
    ]);
    expect(atBlock(8).trust).toEqual([]);
    expect(atBlock(10).trust).toEqual([]);
    expect(state.trust).toEqual([
      { from: B, to: A, value: 20, by: contracts("Small").timelock, time: Number(timeOfBlock(11)) },
    ]);
    expect(state.trustHistory.map((e) => [e.from, e.to, e.value, e.blockNumber])).toEqual([
      [A, B, 80, 5],
      [B, A, 70, 5],
      [B, A, 20, 11],
    ]);
    const cleared = federationLog("TrustSet", { from: B, to: A, value: 0, by: contracts("Small").timelock }, 13, 0);
    expect(foldFederation([cleared], state, { times: timesOf([cleared]) }).trust).toEqual([]);
  });
});

describe("mayVote and isStale", () => {
  const state = fold(LOGS);
  const [demo, small, river] = state.members;
  const [admitSmall, admitRiver] = state.proposals;
  const remove = (snapshot: number, subject = B): FederationProposal => ({
    ...admitRiver,
    kind: "Remove",
    subject,
    snapshot,
  });
  const charter = (id: bigint): FederationProposal => ({ ...admitRiver, id, kind: "Charter", subject: null });

  it("keeps each member's admission and the last Charter executed", () => {
    expect([demo.admission, small.admission, river.admission]).toEqual([1, 3, 0]);
    expect(state.lastCharterId).toBe(0n);
    const logs = [
      federationLog(
        "ProposalCreated",
        { ...admitRiver, id: 4n, proposer: A, kind: 2, subject: zeroAddress, deadline: deadlineOf(13) },
        13,
        0,
      ),
      federationLog("ProposalExecuted", { id: 4n }, 14, 0),
    ];
    expect(foldFederation(logs, state, { times: timesOf(logs) }).lastCharterId).toBe(4n);
  });

  it("lets a member vote once, on proposals made since its admission", () => {
    // Proposal 2's snapshot is 2: Demo (admission 1) may vote; Small, admitted again at 3, may not; River isn't one.
    expect([demo, small, river].map((m) => mayVote(m, admitRiver))).toEqual([true, false, false]);
    expect(mayVote(demo, admitSmall)).toBe(false); // Demo voted on it
    expect(mayVote(small, { ...admitRiver, snapshot: 3 })).toBe(true);
  });

  it("is stale as Federation's execute reverts: an Admit of a member, a Remove of another admission, an older Charter", () => {
    expect([isStale(state, admitSmall), isStale(state, admitRiver)]).toEqual([true, false]);
    expect([isStale(state, remove(2)), isStale(state, remove(3)), isStale(state, remove(3, C))]).toEqual([
      true,
      false,
      true,
    ]);
    const later = { ...state, lastCharterId: 5n };
    expect([isStale(later, charter(4n)), isStale(later, charter(5n)), isStale(later, charter(6n))]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe("federationProposalState", () => {
  const proposal = (votes: Partial<FederationProposal>): FederationProposal => ({
    ...fold(LOGS).proposals[1],
    electorate: 3,
    deadline: 1_000,
    withdrawn: false,
    ...votes,
  });
  const at = (p: FederationProposal, now: number) => federationProposalState(p, VOTING_PERIOD, now);

  it("is Active until a majority either way or the deadline", () => {
    expect(at(proposal({ forVotes: 1 }), 1_000)).toBe("Active");
    expect(at(proposal({ forVotes: 1 }), 1_001)).toBe("Defeated");
  });

  it("is Passed once For is an absolute majority, until the execution window ends: Expired after", () => {
    expect(at(proposal({ forVotes: 2 }), 10)).toBe("Passed");
    expect(at(proposal({ forVotes: 2 }), 1_000 + VOTING_PERIOD)).toBe("Passed");
    expect(at(proposal({ forVotes: 2 }), 1_001 + VOTING_PERIOD)).toBe("Expired");
  });

  it("is Defeated once Against is half the electorate or more", () => {
    expect(at(proposal({ electorate: 2, againstVotes: 1 }), 10)).toBe("Defeated");
    expect(at(proposal({ electorate: 3, againstVotes: 1 }), 10)).toBe("Active");
    expect(at(proposal({ electorate: 0 }), 10)).toBe("Defeated");
  });

  it("is Executed, or Withdrawn, whatever the votes and the time", () => {
    expect(at(proposal({ forVotes: 2, executed: true }), 1e9)).toBe("Executed");
    expect(at(proposal({ forVotes: 2, withdrawn: true }), 10)).toBe("Withdrawn");
  });
});

describe("checkInStatus", () => {
  const [ofDemo, ofSmall, conflicted] = fold(LOGS).checkIns;
  const confirmation = ofDemo.verdicts[0];

  it("is confirmed by the peers that confirmed it, challenged naming the figures, or unverified", () => {
    expect(checkInStatus(ofDemo)).toEqual({ status: "confirmed", by: 1 });
    expect(checkInStatus(ofSmall)).toEqual({ status: "challenged", by: 1, figures: ["MoneyIn"] });
    expect(checkInStatus({ verdicts: [] })).toEqual({ status: "unverified" });
  });

  it("does not count a verdict by the check-in's own author", () => {
    expect(checkInStatus(conflicted)).toEqual({ status: "unverified" });
    const withPeer: Pick<FederationCheckIn, "verdicts"> = { verdicts: [...conflicted.verdicts, confirmation] };
    expect(checkInStatus(withPeer)).toEqual({ status: "confirmed", by: 1 });
  });

  it("is challenged when any counted verdict challenges, naming each figure once in FIGURES' order", () => {
    const challenge = ofSmall.verdicts[0];
    const verdicts = [
      confirmation,
      challenge,
      { ...challenge, peer: C, figure: "Digest" as const },
      { ...challenge, peer: addressOf("x"), figure: "MoneyIn" as const },
      { ...challenge, figure: "MoneyOut" as const, conflict: true },
    ];
    expect(checkInStatus({ verdicts })).toEqual({ status: "challenged", by: 3, figures: ["Digest", "MoneyIn"] });
    expect(FIGURES[6].name).toBe("MoneyIn");
  });
});

it("names no delegate for the zero address", () => {
  const revoked = federationLog("DelegateSet", { disco: A, delegate: zeroAddress }, 13, 0);
  expect(foldFederation([revoked], fold(LOGS), { times: timesOf([revoked]) }).members[0].delegate).toBe(null);
});
