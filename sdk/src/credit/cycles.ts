/**
 * Clearing suggestions: cycles of debts in a credit network (each node owes the next), which anyone may clear by
 * their least debt without changing anybody's net position. Pure, with bounded work.
 */
import type { Address } from "viem";
import type { CreditState } from "./fold.ts";

export interface CreditCycle {
  /** Closed: the first node (the lowest address) repeated last; each node owes the next. */
  cycle: Address[];
  /** The least debt on it: what clearCycle may take off every hop. */
  amount: bigint;
  /** The debt cleared in all: amount × hops. */
  cleared: bigint;
}

/** Debt edges a search follows at most: a network of a thousand accounts answers in tens of milliseconds. */
export const CYCLE_SEARCH_STEPS = 200_000;

/**
 * The `limit` cycles of debts that clear the most debt, most first, of 3 to `maxHops` hops, each found once (starting
 * at its lowest address); the search follows at most CYCLE_SEARCH_STEPS debts (the largest first, and leaving a branch
 * that cannot beat the suggestions found), so a huge network gets good suggestions, not every one. Each suggestion
 * stands alone: clearing one lowers the debts of those that share its hops; fold the network again for the next.
 */
export function findCycles(state: Pick<CreditState, "balances">, maxHops: number, limit = 10): CreditCycle[] {
  const nodes: Address[] = [];
  const index = new Map<string, number>();
  // Each debtor's debts, the largest first.
  const debts: { to: number; debt: bigint }[][] = [];
  const node = (address: Address) => {
    let at = index.get(address.toLowerCase());
    if (at === undefined) {
      at = nodes.length;
      index.set(address.toLowerCase(), at);
      nodes.push(address);
      debts.push([]);
    }
    return at;
  };
  for (const { low, high, balance } of state.balances) {
    if (balance === 0n) continue;
    const [debtor, creditor] = balance < 0n ? [node(low), node(high)] : [node(high), node(low)];
    debts[debtor].push({ to: creditor, debt: balance < 0n ? -balance : balance });
  }
  for (const list of debts) list.sort((a, b) => (a.debt > b.debt ? -1 : a.debt < b.debt ? 1 : 0));
  // Starts in address order; a cycle's other nodes come after its start, so each is found once.
  const rank = nodes.map((_, i) => i).sort((a, b) => (nodes[a].toLowerCase() < nodes[b].toLowerCase() ? -1 : 1));
  const order = new Array<number>(nodes.length);
  rank.forEach((n, i) => {
    order[n] = i;
  });

  const found: CreditCycle[] = [];
  const bar = () => (found.length < limit ? 0n : found[found.length - 1].cleared);
  const keep = (cycle: number[], amount: bigint) => {
    const hops = cycle.length - 1;
    found.push({ cycle: cycle.map((n) => nodes[n]), amount, cleared: amount * BigInt(hops) });
    found.sort((a, b) => (a.cleared > b.cleared ? -1 : a.cleared < b.cleared ? 1 : 0));
    if (found.length > limit) found.pop();
  };
  let steps = 0;
  const onPath = new Set<number>();
  const search = (start: number, path: number[], least: bigint): void => {
    const at = path[path.length - 1];
    for (const { to, debt } of debts[at]) {
      if (++steps > CYCLE_SEARCH_STEPS) return;
      // `least` is -1 at the start: no debt bounds it yet.
      const amount = least < 0n || debt < least ? debt : least;
      // No cycle through here or a smaller debt can clear more than the suggestions kept.
      if (amount * BigInt(maxHops) <= bar()) return;
      // Back at the start: at least 3 hops, as a pair has one balance (its two nodes never owe each other).
      if (to === start) keep([...path, start], amount);
      else if (order[to] > order[start] && !onPath.has(to) && path.length < maxHops) {
        onPath.add(to);
        path.push(to);
        search(start, path, amount);
        path.pop();
        onPath.delete(to);
      }
    }
  };
  for (const start of rank) {
    if (steps > CYCLE_SEARCH_STEPS || limit <= 0) break;
    search(start, [start], -1n);
  }
  return found;
}
