/**
 * A DisCO's place in a credit network, as its page shows it: each counterparty with the balance between them, the
 * line each extends to the other (frozen marked) and the trust each gives the other in the federation. The figures are
 * the SDK's (balanceOf, lineOf; treasurerAllowance for the budget); this only gathers them. Pure.
 */
import type { Address } from "viem";
import { balanceOf, lineOf, type CreditState } from "@disco-ledger/sdk/credit";
import type { TrustEdge } from "@disco-ledger/sdk/federation";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface Counterparty {
  account: Address;
  /** The DisCO's balance toward it, credit cents: positive when it owes the DisCO. */
  balance: bigint;
  /** The line the DisCO extends to it (how far it may owe the DisCO). */
  given: { limit: bigint; frozen: boolean };
  /** The line it extends to the DisCO. */
  received: { limit: bigint; frozen: boolean };
  /** The trust the DisCO gives it, and it gives the DisCO, out of 100; null where none is set. */
  trustGiven: number | null;
  trustReceived: number | null;
}

/**
 * `account`'s counterparties: every one of `peers` (the federation's other active DisCOs, in their order), then
 * every other account it has a line or a balance with (a DisCO that left, a person's account), in the order the
 * network first touched them.
 */
export function counterparties(
  state: CreditState,
  account: Address,
  peers: readonly Address[],
  trust: readonly TrustEdge[],
): Counterparty[] {
  const others: Address[] = [];
  const add = (a: Address) => {
    if (!same(a, account) && !others.some((o) => same(o, a))) others.push(a);
  };
  for (const peer of peers) add(peer);
  for (const line of state.lines) {
    if (same(line.giver, account)) add(line.receiver);
    if (same(line.receiver, account)) add(line.giver);
  }
  for (const pair of state.balances) {
    if (same(pair.low, account)) add(pair.high);
    if (same(pair.high, account)) add(pair.low);
  }
  const trustOf = (from: Address, to: Address) =>
    trust.find((e) => same(e.from, from) && same(e.to, to))?.value ?? null;
  return others.map((other) => ({
    account: other,
    balance: balanceOf(state, account, other),
    given: lineOf(state, account, other),
    received: lineOf(state, other, account),
    trustGiven: trustOf(account, other),
    trustReceived: trustOf(other, account),
  }));
}

/**
 * Whether the DisCO's treasurers may change the line it extends from `current` to `limit` themselves: both within
 * their bound (a line the members set above it is the members' to change), as the contract checks.
 */
export const withinLineBound = (lineBound: bigint, current: bigint, limit: bigint): boolean =>
  current <= lineBound && limit <= lineBound;

/**
 * A closed cycle (first node repeated last) read from `account` when it is on it: the same cycle, so a DisCO reads
 * its own clearing suggestions starting from itself; else as given.
 */
export function cycleFrom<T extends string>(cycle: readonly T[], account: string): T[] {
  const open = cycle.slice(0, -1);
  const at = open.findIndex((node) => node.toLowerCase() === account.toLowerCase());
  if (at <= 0) return [...cycle];
  const turned = [...open.slice(at), ...open.slice(0, at)];
  return [...turned, turned[0]];
}
