/**
 * What a credit network's folded state says of an account, as the contract's views answer (balanceOf, lineOf) and
 * beyond them (net positions, a hop's capacity, the payments and settlements an account made or received). Pure.
 */
import type { Address, Hex } from "viem";
import type { CreditState } from "./fold.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `a`'s balance toward `b` in credit cents, as the contract's balanceOf: positive when `b` owes `a`. */
export function balanceOf(state: Pick<CreditState, "balances">, a: Address, b: Address): bigint {
  const pair = state.balances.find((p) => (same(p.low, a) && same(p.high, b)) || (same(p.low, b) && same(p.high, a)));
  if (!pair) return 0n;
  return same(pair.low, a) ? pair.balance : -pair.balance;
}

/** The line `giver` extends to `receiver`, as the contract's lineOf (0, not frozen, when never set). */
export function lineOf(
  state: Pick<CreditState, "lines">,
  giver: Address,
  receiver: Address,
): { limit: bigint; frozen: boolean } {
  const line = state.lines.find((l) => same(l.giver, giver) && same(l.receiver, receiver));
  return { limit: line?.limit ?? 0n, frozen: line?.frozen ?? false };
}

/** The sum of `account`'s balances: positive when it is owed more than it owes. */
export function netPosition(state: Pick<CreditState, "balances">, account: Address): bigint {
  let net = 0n;
  for (const pair of state.balances) {
    if (same(pair.low, account)) net += pair.balance;
    else if (same(pair.high, account)) net -= pair.balance;
  }
  return net;
}

/**
 * The most a hop `from -> to` may carry now: `from`'s balance toward `to` may fall to minus the line `to` extends to
 * `from` (nothing when that line is frozen), as the contract's pay checks (never below 0).
 */
export function hopCapacity(state: Pick<CreditState, "balances" | "lines">, from: Address, to: Address): bigint {
  const line = lineOf(state, to, from);
  const capacity = balanceOf(state, from, to) + (line.frozen ? 0n : line.limit);
  return capacity > 0n ? capacity : 0n;
}

/** A DisCO's treasurers' limits and spending, as the contract's treasurersOf answers. */
export interface TreasurersRecord {
  /** Credit cents the treasurers may pay per period. */
  budget: bigint;
  /** The highest line they may set. */
  lineBound: bigint;
  /** What they spent in `period`. */
  spent: bigint;
  /** The period they last paid in: the number of whole periods since 1 January 1970 then. */
  period: number;
}

/**
 * What a DisCO's treasurers may still pay at `now` (unix seconds), as the contract counts it: periods of `period`
 * seconds (its PERIOD) counted from 1 January 1970, each starting at nothing spent; `spent` counts only when it was
 * spent in the current period; `left` is the budget less that, never below zero (a budget cut below what was spent
 * leaves nothing); `renews` is when the current period ends and the budget is whole again.
 */
export function treasurerAllowance(
  record: Pick<TreasurersRecord, "budget" | "spent" | "period">,
  now: number,
  period: number,
): { spent: bigint; left: bigint; renews: number } {
  const current = Math.floor(now / period);
  const spent = record.period === current ? record.spent : 0n;
  return { spent, left: record.budget > spent ? record.budget - spent : 0n, renews: (current + 1) * period };
}

/** A payment or settlement as one account's books see it. */
export interface CreditFlow {
  kind: "payment" | "settlement";
  /** "in": the account was paid, or a debt owed to it was settled; "out": it paid, or settled its debt. */
  direction: "in" | "out";
  counterparty: Address;
  /** Credit cents. */
  amount: bigint;
  /** A payment's reference; null for a settlement. */
  paymentRef: Hex | null;
  /** A settlement's currency units; null for a payment. */
  tokens: bigint | null;
  blockNumber: number;
  logIndex: number;
  transactionHash: Hex;
  time: number;
}

/**
 * The payments `account` made (out) or received (in) as payer or payee, and the settlements of its debts (out) or of
 * debts to it (in), in chain order. Payments it carried as an intermediate node are not its flows: its net position
 * does not change there; clearings change nobody's.
 */
export function creditFlowsOf(state: Pick<CreditState, "payments" | "settlements">, account: Address): CreditFlow[] {
  const flows: CreditFlow[] = [];
  for (const p of state.payments) {
    const out = same(p.payer, account);
    if (!out && !same(p.payee, account)) continue;
    const { amount, paymentRef, blockNumber, logIndex, transactionHash, time } = p;
    flows.push({
      kind: "payment",
      direction: out ? "out" : "in",
      counterparty: out ? p.payee : p.payer,
      amount,
      paymentRef,
      tokens: null,
      blockNumber,
      logIndex,
      transactionHash,
      time,
    });
  }
  for (const s of state.settlements) {
    const out = same(s.debtor, account);
    if (!out && !same(s.creditor, account)) continue;
    const { amount, tokens, blockNumber, logIndex, transactionHash, time } = s;
    flows.push({
      kind: "settlement",
      direction: out ? "out" : "in",
      counterparty: out ? s.creditor : s.debtor,
      amount,
      paymentRef: null,
      tokens,
      blockNumber,
      logIndex,
      transactionHash,
      time,
    });
  }
  return flows.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}
