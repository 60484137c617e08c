/**
 * What an entry's status means for the people it concerns, and what a period's closing and funding do to its entries,
 * decided from the folded history and the chain's clock as the ledger decides them (ValueLedger: closePeriod, isFinal,
 * dispute, resolveDispute; Treasury.fundPeriod). Closing is a treasurer's action, not a schedule: the open period's
 * entries still pending then lapse (they never count), its disputes carry on until the members decide, and its counted
 * work stays disputable for the review window, after which the period is final and can be funded. Pure.
 */
import type { HistoryState, LedgerEntry, PeriodState } from "./history/index.ts";

/**
 * An entry's real status at a moment:
 * - pending: in the open period, waiting for approvals (it lapses if the period closes first);
 * - counted: counts, and can still be disputed (`disputableUntil`: the end of its closed period's review window;
 *   null while its period is open);
 * - final: counts, and its period's totals are final;
 * - disputed: out of the totals until the members decide; accepted, it counts in its own period while that period is
 *   not final (`finalAt`, null while open), else in the period open then (`countsInOpenPeriod`);
 * - lapsed: still pending when its period closed: it never counts;
 * - rejected, withdrawn: it never counts.
 */
export type EntryStatus =
  | { kind: "pending" }
  | { kind: "counted"; disputableUntil: bigint | null }
  | { kind: "final" }
  | { kind: "disputed"; finalAt: bigint | null; countsInOpenPeriod: boolean }
  | { kind: "lapsed" }
  | { kind: "rejected" }
  | { kind: "withdrawn" };

/** Whether a period is final at `now` (chain seconds), as ValueLedger.isFinal; unknown time: not final. */
export const periodIsFinal = (period: PeriodState | undefined, now: bigint | undefined): boolean =>
  period?.finalAt != null && now !== undefined && now >= period.finalAt;

/** Whether a closed period is still in its review window at `now` (its counted work can still be disputed). */
export const inReviewWindow = (period: PeriodState | undefined, now: bigint | undefined): boolean =>
  period?.finalAt != null && (now === undefined || now < period.finalAt);

/** An entry's status from its folded state and its period's, at `now` (chain seconds; undefined: not known yet). */
export function entryStatus(entry: LedgerEntry, period: PeriodState | undefined, now: bigint | undefined): EntryStatus {
  const closed = period !== undefined && period.closedAt !== null;
  switch (entry.status) {
    case "Pending":
      // IValueLedger.entry reports Lapsed for pending work of a closed period. The fold marks it so when it folds the
      // closing; an entry read before that, with its period read after, is Lapsed here too.
      return closed ? { kind: "lapsed" } : { kind: "pending" };
    case "Counted":
      if (!closed) return { kind: "counted", disputableUntil: null };
      return periodIsFinal(period, now) ? { kind: "final" } : { kind: "counted", disputableUntil: period.finalAt };
    case "Disputed":
      return { kind: "disputed", finalAt: period?.finalAt ?? null, countsInOpenPeriod: periodIsFinal(period, now) };
    case "Lapsed":
      return { kind: "lapsed" };
    case "Rejected":
      return { kind: "rejected" };
    case "Withdrawn":
      return { kind: "withdrawn" };
    case "None":
      throw new Error(`Entry ${entry.id} has no status`);
  }
}

/**
 * What happens to one entry when its period closes or is funded:
 * - lapses: pending now, it will never count (its author may log the work again in the next period);
 * - staysDisputed: it stays out of the totals until the members decide; accepted before `finalAt`, it counts in
 *   its period, after that in the period open then (never in a funding already made);
 * - lapsed: it lapsed when the period closed (shown at funding: it is not in the pools).
 */
export type EntryFate =
  | { entry: LedgerEntry; fate: "lapses" }
  | { entry: LedgerEntry; fate: "staysDisputed"; finalAt: bigint | null }
  | { entry: LedgerEntry; fate: "lapsed" };

/** What closing the open period at `now` would do: each pending or disputed entry's fate, and when it becomes final. */
export function closingPreview(
  state: Pick<HistoryState, "ledger">,
  now: bigint | undefined,
): { period: number; finalAt: bigint | null; fates: EntryFate[]; counted: number } {
  const { currentPeriod: period, reviewWindow } = state.ledger;
  const finalAt = now !== undefined && reviewWindow !== null ? now + reviewWindow : null;
  const fates: EntryFate[] = [];
  let counted = 0;
  for (const entry of state.ledger.entries.values()) {
    if (entry.period !== period) continue;
    if (entry.status === "Pending") fates.push({ entry, fate: "lapses" });
    else if (entry.status === "Disputed") fates.push({ entry, fate: "staysDisputed", finalAt });
    else if (entry.status === "Counted") counted++;
  }
  return { period, finalAt, fates, counted };
}

/**
 * What funding a final `period` leaves out: its disputes still open (accepted later, they count in the period open
 * then, not in this funding) and its entries that lapsed at closing. Entries accepted after the period became final
 * moved to another period and are not its own any more.
 */
export function fundingLeavesOut(state: Pick<HistoryState, "ledger">, period: number): EntryFate[] {
  const fates: EntryFate[] = [];
  for (const entry of state.ledger.entries.values()) {
    if (entry.period !== period) continue;
    if (entry.status === "Disputed") fates.push({ entry, fate: "staysDisputed", finalAt: null });
    else if (entry.status === "Lapsed" || entry.status === "Pending") fates.push({ entry, fate: "lapsed" });
  }
  return fates;
}

/**
 * What a member should know about the open period's closing at `now`. Nothing schedules it: a treasurer closes it
 * (monthly, by the DisCO's rhythm), so `expectedCloseAt` is an estimate, the open period's opening plus the median
 * length of the periods closed so far that lasted at least a day (null before any did: a period closed within the
 * day it opened, as a demo's or a test's, says nothing of the rhythm). `pending`: the member's entries that would lapse if
 * it closed now. `inReview`: closed periods whose counted work can still be disputed, with until when.
 */
export interface PeriodDeadline {
  period: number;
  openedAt: bigint;
  expectedCloseAt: bigint | null;
  /** The estimate has passed: the period may close at any moment. */
  overdue: boolean;
  pending: LedgerEntry[];
  inReview: Array<{ period: number; finalAt: bigint }>;
}

const DAY = 86_400n;

export function periodDeadline(
  state: Pick<HistoryState, "ledger">,
  now: bigint | undefined,
  member?: string,
): PeriodDeadline | null {
  const { ledger } = state;
  const open = ledger.periods.get(ledger.currentPeriod);
  if (!open) return null;
  const lengths: bigint[] = [];
  const inReview: PeriodDeadline["inReview"] = [];
  for (const p of ledger.periods.values()) {
    if (p.closedAt === null) continue;
    if (p.closedAt - p.openedAt >= DAY) lengths.push(p.closedAt - p.openedAt);
    if (p.finalAt !== null && !periodIsFinal(p, now)) inReview.push({ period: p.period, finalAt: p.finalAt });
  }
  lengths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = lengths.length === 0 ? null : lengths[(lengths.length - 1) >> 1];
  const expectedCloseAt = median === null ? null : open.openedAt + median;
  const who = member?.toLowerCase();
  const pending =
    who === undefined
      ? []
      : [...ledger.entries.values()].filter(
          (e) => e.period === open.period && e.status === "Pending" && e.author.toLowerCase() === who,
        );
  return {
    period: open.period,
    openedAt: open.openedAt,
    expectedCloseAt,
    overdue: expectedCloseAt !== null && now !== undefined && now >= expectedCloseAt,
    pending,
    inReview: inReview.sort((a, b) => a.period - b.period),
  };
}
