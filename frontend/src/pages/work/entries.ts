/** The work page's selections of ledger entries, pure so they are tested without a browser. */
import type { EntryStatusLabel, LedgerEntry, LedgerState, PerStream, Totals } from "@disco-ledger/sdk/history";
import type { StageLabel } from "@disco-ledger/sdk/members";
import { inReviewWindow } from "@disco-ledger/sdk/ledger-status";

export interface EntryFilter {
  /** An author's address (any case). */
  member?: string;
  period?: number;
  stream?: number;
  status?: EntryStatusLabel;
}

/** Entries matching every given criterion, newest first. */
export function filterEntries(ledger: Pick<LedgerState, "entries">, filter: EntryFilter): LedgerEntry[] {
  const member = filter.member?.toLowerCase();
  return [...ledger.entries.values()]
    .filter(
      (e) =>
        (member === undefined || e.author.toLowerCase() === member) &&
        (filter.period === undefined || e.period === filter.period) &&
        (filter.stream === undefined || e.stream === filter.stream) &&
        (filter.status === undefined || e.status === filter.status),
    )
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The counted amounts of some entries per stream: what the ledger's totals hold for them. */
export function countedTotals(entries: readonly LedgerEntry[]): Totals {
  const totals: Totals = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };
  for (const e of entries) {
    if (e.status !== "Counted") continue;
    totals.historical[e.stream] += e.amount;
    totals.payable[e.stream] += e.payable;
  }
  return totals;
}

/** Others' pending entries of the open period (only those can still be reviewed), oldest first: the review queue. */
export function reviewQueue(ledger: Pick<LedgerState, "entries" | "currentPeriod">, me?: string): LedgerEntry[] {
  const key = me?.toLowerCase();
  return [...ledger.entries.values()].filter(
    (e) => e.status === "Pending" && e.period === ledger.currentPeriod && e.author.toLowerCase() !== key,
  );
}

/** My own pending entries of the open period: the ones I may still withdraw. */
export function myPending(ledger: Pick<LedgerState, "entries" | "currentPeriod">, me: string): LedgerEntry[] {
  const key = me.toLowerCase();
  return [...ledger.entries.values()].filter(
    (e) => e.status === "Pending" && e.period === ledger.currentPeriod && e.author.toLowerCase() === key,
  );
}

/** Entries under dispute now (waiting for the members' vote), oldest first. */
export const openDisputes = (ledger: Pick<LedgerState, "entries">): LedgerEntry[] =>
  [...ledger.entries.values()].filter((e) => e.status === "Disputed");

/**
 * Counted entries of closed periods still in their review window at `now`, oldest first: any Committed member may
 * still dispute them until their period is final (an entry the members already accepted is settled).
 */
export function stillInReview(
  ledger: Pick<LedgerState, "entries" | "periods" | "currentPeriod">,
  now: bigint | undefined,
): LedgerEntry[] {
  return [...ledger.entries.values()].filter(
    (e) =>
      e.status === "Counted" &&
      !e.settled &&
      e.period !== ledger.currentPeriod &&
      inReviewWindow(ledger.periods.get(e.period), now),
  );
}

/** Why someone cannot approve an entry, or null when they can: the ledger's own refusals. */
export type ReviewBlock = "notConnected" | "notCommitted" | "ownEntry" | "alreadyApproved" | "closedPeriod";

export function reviewBlock(
  entry: LedgerEntry,
  currentPeriod: number,
  me: string | undefined,
  stage: StageLabel | undefined,
): ReviewBlock | null {
  if (!me) return "notConnected";
  if (entry.period !== currentPeriod) return "closedPeriod";
  if (entry.author.toLowerCase() === me.toLowerCase()) return "ownEntry";
  if (stage !== "Committed") return "notCommitted";
  if (entry.approvals.some((a) => a.approver.toLowerCase() === me.toLowerCase())) return "alreadyApproved";
  return null;
}

/** Why someone cannot dispute an entry, or null when they can: ValueLedger.dispute's refusals. */
export type DisputeBlock = "notConnected" | "notCommitted" | "ownEntry" | "settled" | "reviewOver" | "notDisputable";

export function disputeBlock(
  entry: LedgerEntry,
  ledger: Pick<LedgerState, "periods" | "currentPeriod">,
  me: string | undefined,
  stage: StageLabel | undefined,
  now: bigint | undefined,
): DisputeBlock | null {
  if (!me) return "notConnected";
  if (entry.period === ledger.currentPeriod) {
    if (entry.status !== "Pending" && entry.status !== "Counted") return "notDisputable";
  } else {
    // A closed period: its counted work until the period is final; its pending work has lapsed.
    if (entry.status !== "Counted") return "notDisputable";
    if (!inReviewWindow(ledger.periods.get(entry.period), now)) return "reviewOver";
  }
  if (entry.author.toLowerCase() === me.toLowerCase()) return "ownEntry";
  if (stage !== "Committed") return "notCommitted";
  if (entry.settled) return "settled";
  return null;
}

/** Why someone cannot log a stream, or null: not a member, or a Casual member's livelihood (ValueLedger._record). */
export type LogBlock = "notConnected" | "notMember" | "casualLivelihood";

export function logBlock(me: string | undefined, stage: StageLabel | undefined, stream: number): LogBlock | null {
  if (!me) return "notConnected";
  if (!stage || stage === "None") return "notMember";
  if (stage === "Casual" && stream === 0) return "casualLivelihood";
  return null;
}

/**
 * What is left under a stream's per-period cap (null: no cap), and whether `amount` fits: the ledger counts what
 * the member logged in the period and has not withdrawn or lost in a dispute (loggedInPeriod).
 */
export function capRoom(caps: PerStream, logged: PerStream | undefined, stream: number, amount: bigint) {
  const cap = caps[stream];
  if (cap === 0n) return { cap: null, left: null, fits: true };
  const left = cap - (logged?.[stream] ?? 0n);
  return { cap, left: left > 0n ? left : 0n, fits: amount <= left };
}

/** The payable amount an entry would have: amount x the stage's weight for the stream, rounded down as on chain. */
export function payableOf(amount: bigint, weightBps: number): bigint {
  return (amount * BigInt(weightBps)) / 10_000n;
}

/** A note as text and links: only http(s) addresses become links (never javascript: or data: URLs). */
export type NotePart = { text: string } | { href: string };

export function noteParts(note: string): NotePart[] {
  const parts: NotePart[] = [];
  let rest = 0;
  for (const match of note.matchAll(/https?:\/\/[^\s<>"]+/gi)) {
    // Punctuation that ends a sentence is not part of the address ("see https://x.org/a.").
    const href = match[0].replace(/[.,;:!?)\]'’”]+$/, "");
    if (match.index > rest) parts.push({ text: note.slice(rest, match.index) });
    parts.push({ href });
    rest = match.index + href.length;
  }
  if (rest < note.length) parts.push({ text: note.slice(rest) });
  return parts;
}
