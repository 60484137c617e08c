import { describe, expect, it } from "vitest";
import {
  emptyHistoryState,
  type CapitalState,
  type Funding,
  type LedgerState,
  type Totals,
  type TreasuryState,
} from "@disco-ledger/sdk/history";
import type { MembersState, MemberState } from "@disco-ledger/sdk/members";
import {
  capitalHistory,
  claimCandidates,
  claimSelection,
  claimedByMe,
  discoSeries,
  discoWork,
  memberSeries,
  memberWork,
  membersByStage,
  redemptionSchedule,
  scheduleDue,
} from "./figures.ts";

const ALICE = "0xAaAa000000000000000000000000000000000001";
const BOB = "0xBbBb000000000000000000000000000000000002";
const place = { block: 1, logIndex: 0, txHash: "0x" };
const totals = (payable: [bigint, bigint, bigint], historical = payable): Totals => ({ historical, payable });

function ledger(partial: Partial<LedgerState>): LedgerState {
  const minimumContribution = { credits: 0n, periods: 1 };
  return { ...emptyHistoryState().ledger, currentPeriod: 1, approvalsRequired: 1, minimumContribution, ...partial };
}

const period = (n: number, t: Totals) => ({
  period: n,
  openedAt: 0n,
  closedAt: null,
  finalAt: null,
  closedBy: null,
  openDisputes: 0,
  totals: t,
});

describe("membersByStage", () => {
  it("counts members per stage from Casual to Committed and the former ones apart", () => {
    const member = (stage: MemberState["stage"]): MemberState => ({
      account: "0x",
      stage,
      constituency: 0,
      mentor: null,
      joinedBlock: 1,
      history: [],
    });
    const members: MembersState = {
      current: new Map([
        ["a", member("Committed")],
        ["b", member("Committed")],
        ["c", member("Dating2")],
      ]),
      former: new Map([["d", { ...member("Dating3"), endedBlock: 9, reason: null }]]),
    };
    const result = membersByStage({ members });
    expect(result.total).toBe(3);
    expect(result.former).toBe(1);
    expect(result.stages.map((s) => s.stage)).toEqual(["Casual", "Dating1", "Dating2", "Dating3", "Committed"]);
    expect(result.stages.find((s) => s.stage === "Committed")?.count).toBe(2);
    expect(result.stages.find((s) => s.stage === "Dating3")?.count).toBe(0);
  });
});

describe("work figures", () => {
  const books = ledger({
    currentPeriod: 3,
    periods: new Map([
      [1, period(1, totals([100n, 200n, 300n]))],
      [2, period(2, totals([50n, 0n, 25n], [60n, 0n, 25n]))],
      [3, period(3, totals([0n, 10n, 0n]))],
    ]),
    memberPeriodTotals: new Map([[ALICE.toLowerCase(), new Map([[2, totals([50n, 0n, 0n])]])]]),
    lifetimeTotals: new Map([[ALICE.toLowerCase(), totals([150n, 0n, 0n])]]),
  });

  it("adds every period into the DisCO's lifetime and takes the open period as current", () => {
    const work = discoWork(books);
    expect(work.lifetime.payable).toEqual([150n, 210n, 325n]);
    expect(work.lifetime.historical).toEqual([160n, 210n, 325n]);
    expect(work.current.payable).toEqual([0n, 10n, 0n]);
  });

  it("reads a member's figures in any case and gives zeros to someone who never logged", () => {
    expect(memberWork(books, ALICE).lifetime.payable).toEqual([150n, 0n, 0n]);
    expect(memberWork(books, BOB).current.payable).toEqual([0n, 0n, 0n]);
  });

  it("gives a series from period 1 to the open one with zeros for empty periods", () => {
    expect(memberSeries(books, ALICE).map((p) => p.values)).toEqual([
      [0n, 0n, 0n],
      [50n, 0n, 0n],
      [0n, 0n, 0n],
    ]);
    expect(discoSeries(books).map((p) => p.period)).toEqual([1, 2, 3]);
  });

  it("keeps only the last periods when asked to", () => {
    expect(discoSeries(books, 2).map((p) => p.period)).toEqual([2, 3]);
  });
});

/** A period's funding; only its presence matters here. */
const funding = (period: number): Funding => ({
  ...place,
  period,
  treasurer: BOB,
  amount: 0n,
  bucketsBps: [0, 0, 0],
  streamPools: [0n, 0n, 0n],
  periodPayable: [0n, 0n, 0n],
  claimed: 0n,
});

describe("claims", () => {
  const treasury = {
    fundings: new Map([1, 2, 3].map((period) => [period, funding(period)])),
    claims: new Map([[ALICE.toLowerCase(), new Map([[1, 500n]])]]),
    claimList: [
      { ...place, block: 7, member: BOB, period: 2, amount: 20n },
      { ...place, block: 5, member: ALICE, period: 1, amount: 500n },
      { ...place, block: 6, member: BOB, period: 1, amount: 10n },
    ],
  } satisfies Pick<TreasuryState, "fundings" | "claims" | "claimList">;
  const work = ledger({
    memberPeriodTotals: new Map([
      [
        ALICE.toLowerCase(),
        new Map([
          [1, totals([1n, 0n, 0n])],
          [2, totals([0n, 0n, 0n], [5n, 0n, 0n])],
          [3, totals([0n, 0n, 7n])],
          [4, totals([9n, 0n, 0n])],
        ]),
      ],
    ]),
  });

  it("asks only for funded, unclaimed periods with payable work of the member", () => {
    // 1 is claimed, 2 has only non-payable work, 4 is not funded.
    expect(claimCandidates(treasury, work, ALICE)).toEqual([3]);
    expect(claimCandidates(treasury, work, BOB)).toEqual([]);
  });

  it("claims the periods the contract says are claimable, skipping zeros and reads not in yet", () => {
    const selection = claimSelection([1, 2, 3, 4], [100n, 0n, undefined, 250n]);
    expect(selection.periods).toEqual([1, 4]);
    expect(selection.amounts).toEqual([100n, 250n]);
    expect(selection.total).toBe(350n);
    expect(claimSelection([], []).total).toBe(0n);
  });

  it("lists what a member claimed by period", () => {
    expect(claimedByMe(treasury, BOB.toLowerCase()).map((c) => c.period)).toEqual([1, 2]);
  });
});

describe("capital", () => {
  it("merges a member's capital events in chain order", () => {
    const capital = {
      contributions: [{ ...place, block: 2, member: ALICE, amount: 100n, toReserve: 25n, toAccount: 75n, shares: 75n }],
      allocations: [{ ...place, block: 9, member: ALICE, year: 1, patronage: 1n, cash: 5n, shares: 20n, value: 20n }],
      lossCharges: [],
      cashClaims: [
        { ...place, block: 9, logIndex: 3, member: ALICE, amount: 5n },
        { ...place, block: 4, member: BOB, amount: 1n },
      ],
      redemptionsScheduled: [],
      redemptionsPaid: [],
    } as unknown as CapitalState;
    const lines = capitalHistory(capital, ALICE.toLowerCase());
    expect(lines.map((l) => l.kind)).toEqual(["contribution", "allocation", "cash"]);
  });

  it("schedules instalments as the contract owes them, the last one taking the rounding", () => {
    const rows = redemptionSchedule({ total: 100n, paid: 33n, start: 1000n, period: 90n, instalments: 3 });
    expect(rows.map((r) => r.amount)).toEqual([33n, 33n, 34n]);
    expect(rows.map((r) => r.dueAt)).toEqual([1030n, 1060n, 1090n]);
    expect(rows.map((r) => r.paid)).toEqual([true, false, false]);
  });

  it("rounds due times up, as CapitalAccounts._due does", () => {
    const rows = redemptionSchedule({ total: 10n, paid: 0n, start: 0n, period: 100n, instalments: 3 });
    expect(rows.map((r) => r.dueAt)).toEqual([34n, 67n, 100n]);
    expect(redemptionSchedule({ total: 10n, paid: 0n, start: 0n, period: 1n, instalments: 0 })).toEqual([]);
  });

  it("says what one schedule has due and when its next instalment falls, as CapitalAccounts._due", () => {
    const r = { total: 100n, paid: 0n, start: 1000n, period: 90n, instalments: 3 };
    expect(scheduleDue(r, 1000n)).toEqual({ due: 0n, nextDueAt: 1030n });
    expect(scheduleDue(r, 1029n)).toEqual({ due: 0n, nextDueAt: 1030n });
    expect(scheduleDue(r, 1030n)).toEqual({ due: 33n, nextDueAt: 1060n });
    expect(scheduleDue({ ...r, paid: 33n }, 1065n)).toEqual({ due: 33n, nextDueAt: 1090n });
    expect(scheduleDue({ ...r, paid: 66n }, 5000n)).toEqual({ due: 34n, nextDueAt: 0n });
    expect(scheduleDue({ ...r, paid: 100n }, 5000n)).toEqual({ due: 0n, nextDueAt: 0n });
  });

  it("keeps each schedule apart: a second redemption starts its own instalments (finding 6)", () => {
    const first = { total: 90n, paid: 90n, start: 0n, period: 90n, instalments: 3 };
    const second = { total: 60n, paid: 0n, start: 500n, period: 90n, instalments: 3 };
    expect(scheduleDue(first, 510n).due + scheduleDue(second, 510n).due).toBe(0n);
    expect(scheduleDue(second, 530n)).toEqual({ due: 20n, nextDueAt: 560n });
  });

  it("names the schedule each redemption line opened or paid from", () => {
    const capital = {
      contributions: [],
      allocations: [],
      lossCharges: [],
      cashClaims: [],
      redemptionsScheduled: [
        {
          ...place,
          block: 3,
          member: ALICE,
          schedule: 1,
          shares: 1n,
          amount: 50n,
          start: 0n,
          period: 9n,
          instalments: 3,
        },
        {
          ...place,
          block: 2,
          member: ALICE,
          schedule: 0,
          shares: 1n,
          amount: 40n,
          start: 0n,
          period: 9n,
          instalments: 3,
        },
      ],
      redemptionsPaid: [{ ...place, block: 4, member: ALICE, schedule: 1, amount: 10n, paidTotal: 10n }],
    } as unknown as CapitalState;
    const lines = capitalHistory(capital, ALICE);
    expect(
      lines.map((l) => (l.kind === "scheduled" || l.kind === "redeemed" ? [l.kind, l.amount, l.schedule] : null)),
    ).toEqual([
      ["scheduled", 40n, 0],
      ["scheduled", 50n, 1],
      ["redeemed", 10n, 1],
    ]);
  });
});
