import { describe, expect, it } from "vitest";
import {
  emptyHistoryState,
  type EntryStatusLabel,
  type LedgerEntry,
  type LedgerState,
  type PeriodState,
} from "@disco-ledger/sdk/history";
import {
  closingPreview,
  entryStatus,
  fundingLeavesOut,
  periodDeadline,
  periodIsFinal,
} from "@disco-ledger/sdk/ledger-status";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const DAY = 86_400n;

const at = { block: 1, logIndex: 0, txHash: "0x" };

function period(n: number, openedAt: bigint, closedAt: bigint | null = null, window = 3n * DAY): PeriodState {
  return {
    period: n,
    openedAt,
    closedAt,
    finalAt: closedAt === null ? null : closedAt + window,
    closedBy: null,
    openDisputes: 0,
    totals: { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] },
  };
}

function entry(
  id: bigint,
  p: number,
  status: EntryStatusLabel,
  author = ALICE,
  stream = 2,
  amount = 900n,
): LedgerEntry {
  return {
    id,
    author,
    period: p,
    stream,
    amount,
    weightBps: 10_000,
    payable: amount,
    evidence: "0x",
    note: "",
    status,
    approvalsRequired: 1,
    settled: false,
    logged: at,
    approvals: [],
    disputes: [],
    resolutions: [],
    withdrawn: null,
    moved: null,
  };
}

/** Period 1 ran 30 days (closed at day 30), period 2 ran 28, period 3 is open since day 58. */
function ledger(entries: LedgerEntry[]): { ledger: LedgerState } {
  const periods = [period(1, 0n, 30n * DAY), period(2, 30n * DAY, 58n * DAY), period(3, 58n * DAY)];
  return {
    ledger: {
      ...emptyHistoryState().ledger,
      entries: new Map(entries.map((e) => [e.id, e])),
      periods: new Map(periods.map((p) => [p.period, p])),
      currentPeriod: 3,
      approvalsRequired: 1,
      minimumContribution: { credits: 0n, periods: 1 },
      reviewWindow: 3n * DAY,
    },
  };
}

describe("entryStatus", () => {
  const open = period(3, 58n * DAY);
  const reviewing = period(2, 30n * DAY, 58n * DAY); // final at day 61
  const inWindow = 59n * DAY;
  const afterWindow = 62n * DAY;

  it("keeps pending work pending while its period is open, and calls it lapsed once the period closed", () => {
    expect(entryStatus(entry(1n, 3, "Pending"), open, inWindow)).toEqual({ kind: "pending" });
    // A fold or a cache that still says Pending in a closed period: the ledger reports it Lapsed.
    expect(entryStatus(entry(1n, 2, "Pending"), reviewing, inWindow)).toEqual({ kind: "lapsed" });
    expect(entryStatus(entry(1n, 2, "Lapsed"), reviewing, inWindow)).toEqual({ kind: "lapsed" });
  });

  it("says until when counted work can be disputed, and that it is final after the review window", () => {
    expect(entryStatus(entry(1n, 3, "Counted"), open, inWindow)).toEqual({ kind: "counted", disputableUntil: null });
    expect(entryStatus(entry(1n, 2, "Counted"), reviewing, inWindow)).toEqual({
      kind: "counted",
      disputableUntil: 61n * DAY,
    });
    expect(entryStatus(entry(1n, 2, "Counted"), reviewing, afterWindow)).toEqual({ kind: "final" });
    // The clock not known yet: not final, as the ledger would not say so either.
    expect(entryStatus(entry(1n, 2, "Counted"), reviewing, undefined).kind).toBe("counted");
  });

  it("says where disputed work counts if the members accept it: its own period until final, else the open one", () => {
    expect(entryStatus(entry(1n, 2, "Disputed"), reviewing, inWindow)).toEqual({
      kind: "disputed",
      finalAt: 61n * DAY,
      countsInOpenPeriod: false,
    });
    expect(entryStatus(entry(1n, 2, "Disputed"), reviewing, afterWindow)).toMatchObject({ countsInOpenPeriod: true });
    expect(entryStatus(entry(1n, 3, "Disputed"), open, inWindow)).toEqual({
      kind: "disputed",
      finalAt: null,
      countsInOpenPeriod: false,
    });
  });

  it("names work that never counts", () => {
    expect(entryStatus(entry(1n, 3, "Rejected"), open, inWindow)).toEqual({ kind: "rejected" });
    expect(entryStatus(entry(1n, 3, "Withdrawn"), open, inWindow)).toEqual({ kind: "withdrawn" });
  });

  it("reads a period as final exactly when ValueLedger.isFinal does (finalAt <= now)", () => {
    expect(periodIsFinal(reviewing, 61n * DAY - 1n)).toBe(false);
    expect(periodIsFinal(reviewing, 61n * DAY)).toBe(true);
    expect(periodIsFinal(open, afterWindow)).toBe(false);
  });
});

describe("closingPreview and fundingLeavesOut", () => {
  const state = ledger([
    entry(1n, 2, "Counted"),
    entry(2n, 2, "Disputed", BOB, 1, 25_000n),
    entry(3n, 2, "Lapsed"),
    entry(4n, 3, "Pending"),
    entry(5n, 3, "Disputed", BOB),
    entry(6n, 3, "Counted"),
    entry(7n, 3, "Withdrawn"),
  ]);

  it("lists each pending entry of the open period as lapsing and each disputed one as staying disputed", () => {
    const now = 70n * DAY;
    const preview = closingPreview(state, now);
    expect(preview.period).toBe(3);
    expect(preview.finalAt).toBe(73n * DAY);
    expect(preview.counted).toBe(1);
    expect(preview.fates.map((f) => [f.entry.id, f.fate])).toEqual([
      [4n, "lapses"],
      [5n, "staysDisputed"],
    ]);
    expect(preview.fates[1]).toMatchObject({ finalAt: 73n * DAY });
  });

  it("lists what a funding of a final period leaves out: its open disputes and its lapsed work", () => {
    expect(fundingLeavesOut(state, 2).map((f) => [f.entry.id, f.fate])).toEqual([
      [2n, "staysDisputed"],
      [3n, "lapsed"],
    ]);
    expect(fundingLeavesOut(state, 1)).toEqual([]);
  });
});

describe("periodDeadline", () => {
  const state = ledger([entry(1n, 3, "Pending"), entry(2n, 3, "Pending", BOB), entry(3n, 3, "Counted")]);

  it("estimates the close from the median length of the closed periods, and lists the member's pending work", () => {
    const deadline = periodDeadline(state, 60n * DAY, ALICE.toLowerCase());
    expect(deadline).toMatchObject({ period: 3, openedAt: 58n * DAY, expectedCloseAt: 86n * DAY, overdue: false });
    expect(deadline?.pending.map((e) => e.id)).toEqual([1n]);
    expect(deadline?.inReview).toEqual([{ period: 2, finalAt: 61n * DAY }]);
  });

  it("says when the estimate has passed, and that a period past its review window is no longer in review", () => {
    const deadline = periodDeadline(state, 90n * DAY);
    expect(deadline).toMatchObject({ overdue: true, pending: [], inReview: [] });
  });

  it("gives no estimate before any period closed", () => {
    const first = ledger([]);
    first.ledger.periods = new Map([[1, period(1, 0n)]]);
    first.ledger.currentPeriod = 1;
    expect(periodDeadline(first, 5n * DAY)).toMatchObject({ period: 1, expectedCloseAt: null, overdue: false });
  });

  it("takes no rhythm from periods closed within the day they opened (a demo's, a test's)", () => {
    const quick = ledger([]);
    quick.ledger.periods = new Map([
      [1, period(1, 0n, 60n)],
      [2, period(2, 60n, 120n)],
      [3, period(3, 120n)],
    ]);
    expect(periodDeadline(quick, 5n * DAY)).toMatchObject({ period: 3, expectedCloseAt: null, overdue: false });
    // One real period is enough to estimate from.
    quick.ledger.periods.set(2, period(2, 60n, 60n + 30n * DAY));
    expect(periodDeadline(quick, 5n * DAY)?.expectedCloseAt).toBe(120n + 30n * DAY);
  });
});
