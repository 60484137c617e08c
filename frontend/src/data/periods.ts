/**
 * The review window as the app reads it from the folded history (PeriodState.finalAt = closedAt + the review window
 * then): whether a closed period's totals are final at a moment, as ValueLedger.isFinal. Pure, so the pages and
 * their tests agree with the ledger's rules (IValueLedger: closePeriod, isFinal, dispute).
 */
import type { PeriodState } from "@disco-ledger/sdk/history";

/** Whether a period is final at `now` (chain seconds): closed and its review window over, as ValueLedger.isFinal. */
export function isFinal(period: PeriodState | undefined, now: bigint | undefined): boolean {
  return period?.finalAt != null && now !== undefined && now >= period.finalAt;
}

/** Whether a closed period is still in its review window at `now` (its counted work can still be disputed). */
export function inReviewWindow(period: PeriodState | undefined, now: bigint | undefined): boolean {
  return period?.finalAt != null && (now === undefined || now < period.finalAt);
}
