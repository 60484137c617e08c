/**
 * What closing a year will do, before the members vote it: the periods it spans (every one final), how
 * CapitalAccounts._split shares a surplus (interest on the accounts first, then reserve and commons shares of the
 * rest, then patronage in cash and retained) or how closeYearAtLoss absorbs a loss. Pure; mirrors the contract so
 * the preview is the outcome. The proposal a treasurer makes is the SDK's (`@disco-ledger/sdk/capital`) (the year close is the
 * timelock's: the members approve the accounts).
 */
import type { HistoryState } from "@disco-ledger/sdk/history";
import { periodIsFinal } from "@disco-ledger/sdk/ledger-status";

const BPS = 10_000n;
const RAY = 10n ** 27n;
/** CapitalAccounts.MAX_YEAR_PERIODS. */
export const MAX_YEAR_PERIODS = 13;

/** The last period of the last closed year (0 before any). */
export function closedThrough(state: HistoryState): number {
  let last = 0;
  for (const y of state.capital.years.values()) last = Math.max(last, y.lastPeriod);
  return last;
}

/**
 * Periods a year can end with at `now`: after the last closed year, at most 13 periods on, and every period from the
 * year's first to it final (closed, review window over), as CapitalAccounts._openYear requires.
 */
export function yearEndChoices(state: HistoryState, now: bigint | undefined): number[] {
  const from = closedThrough(state);
  const choices: number[] = [];
  for (let p = from + 1; p - from <= MAX_YEAR_PERIODS; ++p) {
    if (!periodIsFinal(state.ledger.periods.get(p), now)) break;
    choices.push(p);
  }
  return choices;
}

/**
 * How CapitalAccounts.closeYearAtLoss absorbs a loss: the reserve first, the rest charged to the accounts in
 * proportion to the year's patronage (nothing charged without patronage); refused above reserve + accounts.
 */
export function lossPreview(loss: bigint, reserve: bigint, accountsTotal: bigint, totalPatronage: bigint) {
  const absorbable = reserve + accountsTotal;
  const fromReserve = loss < reserve ? loss : reserve;
  const charged = totalPatronage === 0n ? 0n : loss - fromReserve;
  return { absorbable, tooLarge: loss > absorbable, fromReserve, charged, uncovered: loss - fromReserve - charged };
}

/** The year's patronage, as the contract sums it: credits (livelihood + love payable) or care hours payable. */
export function yearPatronage(state: HistoryState, firstPeriod: number, lastPeriod: number, basis: number): bigint {
  let total = 0n;
  for (let p = firstPeriod; p <= lastPeriod; ++p) {
    const payable = state.ledger.periods.get(p)?.totals.payable ?? [0n, 0n, 0n];
    total += basis === 0 ? payable[0] + payable[1] : payable[2];
  }
  return total;
}

export interface SplitInputs {
  surplus: bigint;
  totalPatronage: bigint;
  /** capital.index(), totalShares(), pendingLossShares(): read on chain (the events don't carry pending losses). */
  index: bigint;
  totalShares: bigint;
  pendingLossShares: bigint;
  interestBps: number;
  reserveBps: number;
  commonsBps: number;
  cashBps: number;
}

export interface SplitPreview {
  interest: bigint;
  toReserve: bigint;
  toCommons: bigint;
  cashPool: bigint;
  retainedPool: bigint;
}

/** CapitalAccounts._split, in the same integer steps. */
export function splitSurplus(i: SplitInputs): SplitPreview {
  let interest = 0n;
  if (i.totalShares > i.pendingLossShares) {
    const value = ((i.totalShares - i.pendingLossShares) * i.index) / RAY;
    interest = (value * BigInt(i.interestBps)) / BPS;
    if (interest > i.surplus) interest = i.surplus;
  }
  const rest = i.surplus - interest;
  let toReserve = (rest * BigInt(i.reserveBps)) / BPS;
  const toCommons = (rest * BigInt(i.commonsBps)) / BPS;
  const patronagePool = rest - toReserve - toCommons;
  if (i.totalPatronage === 0n) {
    // Nobody to allocate to: the patronage share goes to the reserve.
    toReserve += patronagePool;
    return { interest, toReserve, toCommons, cashPool: 0n, retainedPool: 0n };
  }
  const cashPool = (patronagePool * BigInt(i.cashBps)) / BPS;
  return { interest, toReserve, toCommons, cashPool, retainedPool: patronagePool - cashPool };
}
