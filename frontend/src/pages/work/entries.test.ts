import { describe, expect, it } from "vitest";
import type { LedgerEntry, PeriodState } from "@disco-ledger/sdk/history";
import { inReviewWindow, periodIsFinal } from "@disco-ledger/sdk/ledger-status";
import {
  capRoom,
  countedTotals,
  disputeBlock,
  filterEntries,
  logBlock,
  myPending,
  noteParts,
  openDisputes,
  payableOf,
  reviewBlock,
  reviewQueue,
  stillInReview,
} from "./entries.ts";

const ALICE = "0xAaAa000000000000000000000000000000000001";
const BOB = "0xBbBb000000000000000000000000000000000002";
const place = { block: 1, logIndex: 0, txHash: "0x" };

function entry(id: number, patch: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: BigInt(id),
    author: ALICE,
    period: 3,
    stream: 0,
    amount: 100n,
    weightBps: 10_000,
    payable: 100n,
    evidence: "0x",
    note: "",
    status: "Pending",
    approvalsRequired: 1,
    settled: false,
    logged: place,
    approvals: [],
    disputes: [],
    resolutions: [],
    withdrawn: null,
    moved: null,
    ...patch,
  };
}

const entries = [
  entry(1, { period: 1, status: "Counted", stream: 1, amount: 300n, payable: 150n }),
  entry(2, { author: BOB, status: "Counted", amount: 200n, payable: 200n }),
  entry(3, { author: BOB }),
  entry(4, { status: "Disputed" }),
  entry(5, { period: 2, status: "Lapsed" }),
  entry(6, { author: BOB, stream: 2, status: "Withdrawn" }),
];
/** Periods 1 and 2 closed (period 1 final at 1,000, period 2 at 5,000: the folded finalAt), period 3 open. */
function period(n: number, closedAt: bigint | null, finalAt: bigint | null): PeriodState {
  const totals = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] } as PeriodState["totals"];
  return { period: n, openedAt: 0n, closedAt, closedBy: null, openDisputes: 0, totals, finalAt } as PeriodState;
}
const periods = new Map([
  [1, period(1, 700n, 1_000n)],
  [2, period(2, 4_000n, 5_000n)],
  [3, period(3, null, null)],
]);
const ledger = { entries: new Map(entries.map((e) => [e.id, e])), currentPeriod: 3, periods };

describe("filterEntries", () => {
  it("filters by member in any case, period, stream and status, newest first", () => {
    expect(filterEntries(ledger, { member: BOB.toLowerCase() }).map((e) => e.id)).toEqual([6n, 3n, 2n]);
    expect(filterEntries(ledger, { period: 3, stream: 0 }).map((e) => e.id)).toEqual([4n, 3n, 2n]);
    expect(filterEntries(ledger, { status: "Counted" }).map((e) => e.id)).toEqual([2n, 1n]);
    expect(filterEntries(ledger, {})).toHaveLength(6);
    expect(filterEntries(ledger, { member: ALICE, status: "Withdrawn" })).toEqual([]);
  });

  it("finds a lapsed entry of a closed period as Lapsed, not Pending", () => {
    expect(filterEntries(ledger, { status: "Lapsed" }).map((e) => e.id)).toEqual([5n]);
    expect(filterEntries(ledger, { status: "Pending" }).map((e) => e.id)).toEqual([3n]);
  });
});

describe("the review window", () => {
  it("makes a closed period final at its finalAt, not before; an open period never", () => {
    expect(periodIsFinal(periods.get(2), 4_999n)).toBe(false);
    expect(periodIsFinal(periods.get(2), 5_000n)).toBe(true);
    expect(periodIsFinal(periods.get(2), undefined)).toBe(false);
    expect(periodIsFinal(periods.get(3), 10_000n)).toBe(false);
    expect(periodIsFinal(undefined, 10_000n)).toBe(false);
  });

  it("keeps a closed period in review until its finalAt; an open period is not in review", () => {
    expect(inReviewWindow(periods.get(2), 4_999n)).toBe(true);
    expect(inReviewWindow(periods.get(2), 5_000n)).toBe(false);
    expect(inReviewWindow(periods.get(2), undefined)).toBe(true);
    expect(inReviewWindow(periods.get(3), 0n)).toBe(false);
  });

  it("keeps counted work of a closed period disputable until the period is final", () => {
    const counted = entry(20, { period: 2, status: "Counted", author: BOB });
    const l = { ...ledger, entries: new Map([...ledger.entries, [counted.id, counted]]) };
    expect(stillInReview(l, 4_500n).map((e) => e.id)).toEqual([20n]);
    expect(stillInReview(l, 5_000n)).toEqual([]);
    expect(disputeBlock(counted, l, ALICE, "Committed", 4_500n)).toBeNull();
    expect(disputeBlock(counted, l, ALICE, "Committed", 5_000n)).toBe("reviewOver");
    expect(disputeBlock({ ...counted, settled: true }, l, ALICE, "Committed", 4_500n)).toBe("settled");
    expect(disputeBlock(counted, l, BOB, "Committed", 4_500n)).toBe("ownEntry");
    expect(disputeBlock(counted, l, "0xCc", "Dating2", 4_500n)).toBe("notCommitted");
    expect(disputeBlock(counted, l, undefined, undefined, 4_500n)).toBe("notConnected");
  });

  it("refuses to dispute a lapsed entry, and allows pending or counted work of the open period", () => {
    expect(disputeBlock(entries[4], ledger, BOB, "Committed", 0n)).toBe("notDisputable");
    expect(disputeBlock(entries[2], ledger, ALICE, "Committed", 0n)).toBeNull();
    expect(disputeBlock(entries[1], ledger, ALICE, "Committed", 99_999n)).toBeNull();
    expect(disputeBlock(entries[5], ledger, ALICE, "Committed", 0n)).toBe("notDisputable");
  });
});

describe("countedTotals", () => {
  it("adds only counted entries, logged and payable per stream", () => {
    const totals = countedTotals(entries);
    expect(totals.historical).toEqual([200n, 300n, 0n]);
    expect(totals.payable).toEqual([200n, 150n, 0n]);
  });
});

describe("the review queue", () => {
  it("holds others' pending entries of the open period only", () => {
    expect(reviewQueue(ledger, ALICE).map((e) => e.id)).toEqual([3n]);
    expect(reviewQueue(ledger, BOB).map((e) => e.id)).toEqual([]);
    expect(reviewQueue(ledger).map((e) => e.id)).toEqual([3n]);
  });

  it("gives me my own pending entries of the open period to withdraw", () => {
    expect(myPending(ledger, BOB.toLowerCase()).map((e) => e.id)).toEqual([3n]);
    expect(myPending(ledger, ALICE).map((e) => e.id)).toEqual([]);
  });

  it("lists the entries under dispute", () => {
    expect(openDisputes(ledger).map((e) => e.id)).toEqual([4n]);
  });
});

describe("reviewBlock", () => {
  const pending = entry(9, { author: BOB, approvals: [{ ...place, approver: ALICE.toLowerCase(), approvals: 1 }] });
  it("says why the ledger would refuse a review", () => {
    expect(reviewBlock(pending, 3, undefined, undefined)).toBe("notConnected");
    expect(reviewBlock(pending, 4, ALICE, "Committed")).toBe("closedPeriod");
    expect(reviewBlock(pending, 3, BOB, "Committed")).toBe("ownEntry");
    expect(reviewBlock(pending, 3, "0xCc", "Dating3")).toBe("notCommitted");
    expect(reviewBlock(pending, 3, ALICE, "Committed")).toBe("alreadyApproved");
    expect(reviewBlock(entry(10, { author: BOB }), 3, ALICE, "Committed")).toBeNull();
  });
});

describe("logBlock", () => {
  it("refuses non-members and Casual members' livelihood work", () => {
    expect(logBlock(undefined, undefined, 1)).toBe("notConnected");
    expect(logBlock(ALICE, undefined, 1)).toBe("notMember");
    expect(logBlock(ALICE, "Casual", 0)).toBe("casualLivelihood");
    expect(logBlock(ALICE, "Casual", 1)).toBeNull();
    expect(logBlock(ALICE, "Dating1", 0)).toBeNull();
  });
});

describe("capRoom", () => {
  it("has no limit when the stream has no cap", () => {
    expect(capRoom([0n, 0n, 0n], [500n, 0n, 0n], 0, 10_000n)).toEqual({ cap: null, left: null, fits: true });
  });

  it("counts what is already logged in the period against the cap", () => {
    expect(capRoom([0n, 4000n, 0n], [0n, 3000n, 0n], 1, 1000n)).toEqual({ cap: 4000n, left: 1000n, fits: true });
    expect(capRoom([0n, 4000n, 0n], [0n, 3000n, 0n], 1, 1001n).fits).toBe(false);
    expect(capRoom([0n, 4000n, 0n], undefined, 1, 4000n).fits).toBe(true);
  });
});

describe("payableOf", () => {
  it("applies the weight and rounds down as the ledger does", () => {
    expect(payableOf(1225n, 9_000)).toBe(1102n);
    expect(payableOf(100n, 10_000)).toBe(100n);
  });
});

describe("an entry's note", () => {
  it("keeps the words and makes only http(s) addresses links, without the sentence's last punctuation", () => {
    expect(noteParts("Translated the March newsletter into Catalan")).toEqual([
      { text: "Translated the March newsletter into Catalan" },
    ]);
    expect(noteParts("Glossary update, see https://wiki.example.org/glossary.")).toEqual([
      { text: "Glossary update, see " },
      { href: "https://wiki.example.org/glossary" },
      { text: "." },
    ]);
    expect(noteParts("http://a.example/x (and https://b.example/y?q=1)")).toEqual([
      { href: "http://a.example/x" },
      { text: " (and " },
      { href: "https://b.example/y?q=1" },
      { text: ")" },
    ]);
    // Scripts and data are text, never links.
    for (const note of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.example/a"]) {
      expect(noteParts(note)).toEqual([{ text: note }]);
    }
    expect(noteParts("")).toEqual([]);
  });
});
