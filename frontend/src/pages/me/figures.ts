/**
 * The home page's figures, computed from the folded history: pure functions, so the numbers a member reads are
 * tested without a browser.
 */
import type {
  CapitalState,
  HistoryState,
  LedgerState,
  PerStream,
  Redemption,
  Totals,
  TreasuryState,
} from "@disco-ledger/sdk/history";
import { STAGES, type StageLabel } from "@disco-ledger/sdk/members";

export const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

const zeroTotals = (): Totals => ({ historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] });

/** Members per stage, Casual to Committed (stage None is nobody's), with the former members counted apart. */
export function membersByStage(state: Pick<HistoryState, "members">): {
  stages: Array<{ stage: StageLabel; count: number }>;
  total: number;
  former: number;
} {
  const counts = new Map<StageLabel, number>();
  for (const member of state.members.current.values()) counts.set(member.stage, (counts.get(member.stage) ?? 0) + 1);
  return {
    stages: STAGES.slice(1).map((stage) => ({ stage, count: counts.get(stage) ?? 0 })),
    total: state.members.current.size,
    former: state.members.former.size,
  };
}

/** The whole DisCO's counted work: the open period's and every period's together. */
export function discoWork(ledger: LedgerState): { current: Totals; lifetime: Totals } {
  const lifetime = zeroTotals();
  for (const period of ledger.periods.values()) {
    for (let s = 0; s < 3; s++) {
      lifetime.historical[s] += period.totals.historical[s];
      lifetime.payable[s] += period.totals.payable[s];
    }
  }
  return { current: ledger.periods.get(ledger.currentPeriod)?.totals ?? zeroTotals(), lifetime };
}

/** A member's counted work this period and for life (zeros for someone who never logged). */
export function memberWork(ledger: LedgerState, member: string): { current: Totals; lifetime: Totals } {
  const key = member.toLowerCase();
  return {
    current: ledger.memberPeriodTotals.get(key)?.get(ledger.currentPeriod) ?? zeroTotals(),
    lifetime: ledger.lifetimeTotals.get(key) ?? zeroTotals(),
  };
}

/** One period's payable work per stream: a bar group of the charts. */
export interface StreamPoint {
  period: number;
  values: PerStream;
}

/** Periods 1 to the open one, oldest first, keeping the last `limit` (a chart stays readable on a phone). */
function periodRange(ledger: LedgerState, limit: number): number[] {
  const last = ledger.currentPeriod;
  const first = Math.max(1, last - limit + 1);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/** The DisCO's payable work per period and stream. */
export function discoSeries(ledger: LedgerState, limit = 12): StreamPoint[] {
  return periodRange(ledger, limit).map((period) => ({
    period,
    values: [...(ledger.periods.get(period)?.totals.payable ?? [0n, 0n, 0n])] as PerStream,
  }));
}

/** A member's payable work per period and stream; periods they logged nothing in are zeros, not gaps. */
export function memberSeries(ledger: LedgerState, member: string, limit = 12): StreamPoint[] {
  const periods = ledger.memberPeriodTotals.get(member.toLowerCase());
  return periodRange(ledger, limit).map((period) => ({
    period,
    values: [...(periods?.get(period)?.payable ?? [0n, 0n, 0n])] as PerStream,
  }));
}

/**
 * Funded periods a member might still claim: not claimed yet, and with payable work of theirs in the period (a
 * payout is shared by payable work, so without any there is nothing to read). The amounts are then the contract's.
 */
export function claimCandidates(
  treasury: Pick<TreasuryState, "fundings" | "claims">,
  ledger: Pick<LedgerState, "memberPeriodTotals">,
  member: string,
): number[] {
  const key = member.toLowerCase();
  const claimed = treasury.claims.get(key);
  const work = ledger.memberPeriodTotals.get(key);
  return [...treasury.fundings.keys()]
    .filter((period) => !claimed?.has(period) && sum(work?.get(period)?.payable ?? []) > 0n)
    .sort((a, b) => a - b);
}

/** From the contract's claimable amount per candidate period (undefined while a read is loading or failed), the
 *  periods one claim() pays and their total. */
export function claimSelection(
  periods: readonly number[],
  amounts: ReadonlyArray<bigint | undefined>,
): { periods: number[]; amounts: bigint[]; total: bigint } {
  const chosen: number[] = [];
  const paid: bigint[] = [];
  periods.forEach((period, i) => {
    const amount = amounts[i];
    if (amount !== undefined && amount > 0n) {
      chosen.push(period);
      paid.push(amount);
    }
  });
  return { periods: chosen, amounts: paid, total: sum(paid) };
}

/** What a member has claimed, period by period, oldest first. */
export function claimedByMe(treasury: Pick<TreasuryState, "claimList">, member: string) {
  const key = member.toLowerCase();
  return treasury.claimList.filter((c) => c.member.toLowerCase() === key).sort((a, b) => a.period - b.period);
}

/** One line of a capital account's history. */
export type CapitalLine = { block: number; logIndex: number } & (
  | { kind: "contribution"; amount: bigint; toAccount: bigint; toReserve: bigint }
  | { kind: "allocation"; year: number; cash: bigint; value: bigint }
  | { kind: "loss"; year: number; value: bigint }
  | { kind: "cash"; amount: bigint }
  | { kind: "scheduled"; amount: bigint; schedule: number }
  | { kind: "redeemed"; amount: bigint; schedule: number; paidTotal: bigint }
);

/** A member's capital events in chain order. */
export function capitalHistory(capital: CapitalState, member: string): CapitalLine[] {
  const key = member.toLowerCase();
  const mine = <T extends { member: string }>(list: T[]) => list.filter((x) => x.member.toLowerCase() === key);
  const lines: CapitalLine[] = [
    ...mine(capital.contributions).map((c) => ({
      block: c.block,
      logIndex: c.logIndex,
      kind: "contribution" as const,
      amount: c.amount,
      toAccount: c.toAccount,
      toReserve: c.toReserve,
    })),
    ...mine(capital.allocations).map((a) => ({
      block: a.block,
      logIndex: a.logIndex,
      kind: "allocation" as const,
      year: a.year,
      cash: a.cash,
      value: a.value,
    })),
    ...mine(capital.lossCharges).map((l) => ({
      block: l.block,
      logIndex: l.logIndex,
      kind: "loss" as const,
      year: l.year,
      value: l.value,
    })),
    ...mine(capital.cashClaims).map((c) => ({
      block: c.block,
      logIndex: c.logIndex,
      kind: "cash" as const,
      amount: c.amount,
    })),
    ...mine(capital.redemptionsScheduled).map((r) => ({
      block: r.block,
      logIndex: r.logIndex,
      kind: "scheduled" as const,
      amount: r.amount,
      schedule: r.schedule,
    })),
    ...mine(capital.redemptionsPaid).map((r) => ({
      block: r.block,
      logIndex: r.logIndex,
      kind: "redeemed" as const,
      amount: r.amount,
      schedule: r.schedule,
      paidTotal: r.paidTotal,
    })),
  ];
  return lines.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/** One redemption schedule's amounts and timing, as CapitalAccounts.redemptionOf returns them. */
export type RedemptionSchedule = Omit<Redemption, "schedule">;

/** What one schedule has due at `now` and when its next instalment falls (0: none left): CapitalAccounts._due. */
export function scheduleDue(r: RedemptionSchedule, now: bigint): { due: bigint; nextDueAt: bigint } {
  const n = BigInt(r.instalments);
  if (n === 0n || r.period === 0n) return { due: 0n, nextDueAt: 0n };
  const elapsed = now > r.start ? now - r.start : 0n;
  const reachedRaw = (elapsed * n) / r.period;
  const reached = reachedRaw < n ? reachedRaw : n;
  const owedSoFar = reached === n ? r.total : (r.total * reached) / n;
  const due = owedSoFar > r.paid ? owedSoFar - r.paid : 0n;
  const nextDueAt = reached < n ? r.start + ((reached + 1n) * r.period + n - 1n) / n : 0n;
  return { due, nextDueAt };
}

/** A redemption's instalments as CapitalAccounts._due counts them: after k of n, total x k / n is owed, from
 *  start + ceil(k x period / n); each is marked paid once the payments reach it. */
export function redemptionSchedule(
  redemption: RedemptionSchedule,
): Array<{ index: number; dueAt: bigint; amount: bigint; paid: boolean }> {
  const n = BigInt(redemption.instalments);
  if (n === 0n) return [];
  const owedAfter = (k: bigint) => (k === n ? redemption.total : (redemption.total * k) / n);
  return Array.from({ length: redemption.instalments }, (_, i) => {
    const k = BigInt(i + 1);
    return {
      index: i + 1,
      dueAt: redemption.start + (k * redemption.period + n - 1n) / n,
      amount: owedAfter(k) - owedAfter(k - 1n),
      paid: redemption.paid >= owedAfter(k),
    };
  });
}
