/**
 * The treasury's money as members read it: every token movement with what explains it (the audit's own trace, so the
 * page and the auditor never disagree), the period it happened in, totals in and out per period, and each closed
 * period's funding against what was claimed of it. Pure functions of the folded history.
 */
import type { DecodedEvent, HistoryState, PerStream } from "@disco-ledger/sdk/history";
import { traceMoney, type TraceKind } from "@disco-ledger/sdk/audit";
import { periodIsFinal } from "@disco-ledger/sdk/ledger-status";
import type { CreditFlow } from "@disco-ledger/sdk/credit";

/** Where a movement is in the chain, enough to order it. */
interface At {
  block: number;
  logIndex: number;
}

/** The blocks at which each period opened, in order: from the ledger's PeriodOpened events. */
export type PeriodOpenings = Array<At & { period: number }>;

export function periodOpenings(events: readonly DecodedEvent[]): PeriodOpenings {
  const openings: PeriodOpenings = [];
  for (const e of events) {
    if (e.contract === "ledger" && e.name === "PeriodOpened") {
      openings.push({ block: e.block, logIndex: e.logIndex, period: Number(e.args.period) });
    }
  }
  return openings.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/**
 * The period open when something happened: the last one opened at or before it (binary search, since a long history
 * has thousands of movements). Before the first opening, the first period.
 */
export function periodAt(openings: PeriodOpenings, at: At): number {
  let lo = 0;
  let hi = openings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = openings[mid];
    if (o.block < at.block || (o.block === at.block && o.logIndex <= at.logIndex)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? (openings[0]?.period ?? 1) : openings[found].period;
}

/** What a movement was, for a member: the audit's trace, or "untraced" when nothing in its transaction explains it. */
export type FlowKind = TraceKind | "untraced";

export interface Flow extends At {
  txHash: string;
  direction: "in" | "out";
  /** Who paid in, or who was paid. */
  party: string;
  amount: bigint;
  kind: FlowKind;
  /** A payment reference, the periods claimed, a spending's reason. */
  detail: string;
  period: number;
}

/** Every movement of the treasury's money, oldest first. */
export function flowsOf(state: HistoryState, openings: PeriodOpenings): Flow[] {
  return traceMoney(state).movements.map((m) => ({
    block: m.block,
    logIndex: m.logIndex,
    txHash: m.txHash,
    direction: m.direction,
    party: m.direction === "in" ? m.from : m.to,
    amount: m.amount,
    kind: m.tracedTo ?? "untraced",
    detail: m.detail,
    period: periodAt(openings, m),
  }));
}

/**
 * A mutual-credit payment or settlement of the DisCO's (the SDK's creditFlowsOf) as the movements list shows it beside
 * the money: in credit cents (euros with two decimals), never in the treasury's balance nor in its totals.
 */
export interface CreditMovement extends At {
  txHash: string;
  direction: "in" | "out";
  /** The other DisCO (or person's account). */
  party: string;
  /** Credit cents. */
  amount: bigint;
  kind: "payment" | "settlement";
  /** A payment's reference (bytes32); empty for a settlement. */
  detail: string;
  period: number;
}

/** The DisCO's credit flows in the period each happened in, oldest first. */
export function creditMovements(flows: readonly CreditFlow[], openings: PeriodOpenings): CreditMovement[] {
  return flows
    .map((f) => ({
      block: f.blockNumber,
      logIndex: f.logIndex,
      txHash: f.transactionHash,
      direction: f.direction,
      party: f.counterparty,
      amount: f.amount,
      kind: f.kind,
      detail: f.paymentRef ?? "",
      period: periodAt(openings, { block: f.blockNumber, logIndex: f.logIndex }),
    }))
    .sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

/** A row of the movements list: the treasury's money, or the DisCO's mutual credit. */
export type Movement = { source: "money"; flow: Flow } | { source: "credit"; flow: CreditMovement };

/** The money's movements and the credit's together, in chain order (each list in chain order already). */
export function allMovements(money: readonly Flow[], credit: readonly CreditMovement[]): Movement[] {
  const rows: Movement[] = [];
  let [i, j] = [0, 0];
  const before = (a: At, b: At) => a.block < b.block || (a.block === b.block && a.logIndex < b.logIndex);
  while (i < money.length || j < credit.length) {
    if (j >= credit.length || (i < money.length && before(money[i], credit[j]))) {
      rows.push({ source: "money", flow: money[i++] });
    } else rows.push({ source: "credit", flow: credit[j++] });
  }
  return rows;
}

export interface PeriodFlow {
  period: number;
  in: bigint;
  out: bigint;
  /** Totals per kind, for the chart's tooltip and the table. */
  byKind: Partial<Record<FlowKind, bigint>>;
}

/** Money in and out per period, for every period from 1 to `lastPeriod` (a quiet period shows as zero). */
export function flowsByPeriod(flows: readonly Flow[], lastPeriod: number): PeriodFlow[] {
  const rows: PeriodFlow[] = [];
  for (let period = 1; period <= lastPeriod; ++period) rows.push({ period, in: 0n, out: 0n, byKind: {} });
  for (const f of flows) {
    let row = rows[f.period - 1];
    if (!row) {
      // A movement in a period beyond `lastPeriod` (the books moved on meanwhile): grow to it rather than drop it.
      while (rows.length < f.period) rows.push({ period: rows.length + 1, in: 0n, out: 0n, byKind: {} });
      row = rows[f.period - 1];
    }
    row[f.direction] += f.amount;
    row.byKind[f.kind] = (row.byKind[f.kind] ?? 0n) + f.amount;
  }
  return rows;
}

export interface FundingRow {
  period: number;
  /** review: closed, in its review window (not fundable yet); unfunded: final, waiting for funding. */
  status: "open" | "review" | "unfunded" | "funded";
  /** When a closed period's totals become final (null while open). */
  finalAt: bigint | null;
  /** Funded amount and stream pools (zero while unfunded). */
  funded: bigint;
  pools: PerStream;
  claimed: bigint;
  claims: number;
  /** Funded and not claimed yet. */
  unclaimed: bigint;
}

/** Each period of the ledger, newest first, with its funding and what members claimed of it, at `now` (chain time). */
export function fundingTable(state: HistoryState, now: bigint | undefined): FundingRow[] {
  const claimsPerPeriod = new Map<number, number>();
  for (const c of state.treasury.claimList) claimsPerPeriod.set(c.period, (claimsPerPeriod.get(c.period) ?? 0) + 1);
  return [...state.ledger.periods.values()]
    .sort((a, b) => b.period - a.period)
    .map((p): FundingRow => {
      const f = state.treasury.fundings.get(p.period);
      const status = f ? "funded" : p.closedAt === null ? "open" : periodIsFinal(p, now) ? "unfunded" : "review";
      const funded = f?.amount ?? 0n;
      const claimed = f?.claimed ?? 0n;
      return {
        period: p.period,
        status,
        finalAt: p.finalAt,
        funded,
        pools: f ? [...f.streamPools] : [0n, 0n, 0n],
        claimed,
        claims: claimsPerPeriod.get(p.period) ?? 0,
        unclaimed: funded - claimed,
      };
    });
}

/** Final periods not funded yet, oldest first: what a treasurer can fund (Treasury.fundPeriod needs a final period). */
export const unfundedPeriods = (state: HistoryState, now: bigint | undefined): number[] =>
  fundingTable(state, now)
    .filter((r) => r.status === "unfunded")
    .map((r) => r.period)
    .reverse();

/** Closed periods still in their review window, oldest first, with when each can be funded. */
export const periodsInReview = (
  state: HistoryState,
  now: bigint | undefined,
): Array<{ period: number; finalAt: bigint }> =>
  fundingTable(state, now)
    .flatMap((r) => (r.status === "review" && r.finalAt !== null ? [{ period: r.period, finalAt: r.finalAt }] : []))
    .reverse();

/**
 * What fundPeriod would put in each stream pool, as Treasury.fundPeriod computes it: each stream's bucket share of
 * `amount`, or nothing for a stream nobody earned payable work in; what is not pooled stays unallocated.
 */
export function fundingPreview(amount: bigint, bucketsBps: readonly number[], periodPayable: PerStream) {
  const pools: PerStream = [0n, 0n, 0n];
  for (let s = 0; s < 3; ++s) {
    if (periodPayable[s] === 0n) continue;
    pools[s] = (amount * BigInt(bucketsBps[s] ?? 0)) / 10_000n;
  }
  const funded = pools[0] + pools[1] + pools[2];
  return { pools, funded, leftUnallocated: amount - funded };
}
