/**
 * The review window as the app reads it from the folded history: when a closed period's totals become final, and
 * what an entry's status is now (a pending entry of a closed period has lapsed). Pure, so the pages and their tests
 * agree with the ledger's rules (IValueLedger: closePeriod, isFinal, dispute, entry).
 */
import type { EntryStatusLabel, LedgerEntry, LedgerState, PeriodState } from "../../../scripts/lib/history/index.ts";

/** An entry's status as the ledger's `entry(id)` reports it: Lapsed is never stored, only reported. */
export type EntryStatus = EntryStatusLabel | "Lapsed";

/**
 * When a closed period's totals become final (PeriodClosed's finalAt = closedAt + the review window then); null while
 * it is open, or when the history does not carry it (a fold from before the review window).
 */
export function finalAtOf(period: PeriodState | undefined): bigint | null {
  if (!period || period.closedAt === null) return null;
  const finalAt = (period as PeriodState & { finalAt?: unknown }).finalAt;
  return typeof finalAt === "bigint" ? finalAt : null;
}

/**
 * Whether a period is final at `now` (chain seconds): closed and its review window over, as ValueLedger.isFinal.
 * A closed period whose history carries no finalAt counts as final: the contract refuses, with its reason, if not.
 */
export function isFinal(period: PeriodState | undefined, now: bigint | undefined): boolean {
  if (!period || period.closedAt === null) return false;
  const finalAt = finalAtOf(period);
  return finalAt === null || (now !== undefined && now >= finalAt);
}

/** Whether a closed period is still in its review window at `now` (its counted work can still be disputed). */
export function inReviewWindow(period: PeriodState | undefined, now: bigint | undefined): boolean {
  const finalAt = finalAtOf(period);
  return finalAt !== null && (now === undefined || now < finalAt);
}

/** An entry's status now: a Pending entry of a closed period has lapsed (it never counts; the author may log again). */
export function entryStatus(entry: LedgerEntry, ledger: Pick<LedgerState, "periods">): EntryStatus {
  if (entry.status !== "Pending") return entry.status;
  return ledger.periods.get(entry.period)?.closedAt == null ? "Pending" : "Lapsed";
}
