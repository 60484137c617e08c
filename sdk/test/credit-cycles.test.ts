/**
 * Clearing suggestions: cycles of debts of 3 to maxHops hops, each found once from its lowest address, by their least
 * debt, the most debt cleared first, at most `limit`.
 */
import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { findCycles } from "../src/credit/index.ts";
import { creditNetwork } from "./credit-network.ts";
import { addressOf } from "./federation-logs.ts";

// In address order, so that a cycle's first node is known.
const [A, B, C, D, E] = ["Demo", "Small", "River", "Dune", "Estuary"]
  .map(addressOf)
  .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
const owes = (debtor: Address, creditor: Address, amount: bigint): [Address, Address, bigint] => [
  debtor,
  creditor,
  amount,
];

describe("findCycles", () => {
  it("finds a cycle once, from its lowest address, by its least debt", () => {
    const state = creditNetwork({ debts: [owes(B, C, 70n), owes(C, A, 30n), owes(A, B, 50n)] });
    expect(findCycles(state, 4)).toEqual([{ cycle: [A, B, C, A], amount: 30n, cleared: 90n }]);
  });

  it("finds nothing where the debts do not go round", () => {
    const state = creditNetwork({ debts: [owes(A, B, 50n), owes(B, C, 50n), owes(A, C, 50n)] });
    expect(findCycles(state, 4)).toEqual([]);
  });

  it("keeps to cycles of at most maxHops hops", () => {
    const square = [owes(A, B, 10n), owes(B, C, 10n), owes(C, D, 10n), owes(D, A, 10n)];
    const state = creditNetwork({ debts: square });
    expect(findCycles(state, 4)).toEqual([{ cycle: [A, B, C, D, A], amount: 10n, cleared: 40n }]);
    expect(findCycles(state, 3)).toEqual([]);
  });

  it("puts the most debt cleared first and gives at most `limit`", () => {
    // A -> B -> C -> A clears 3 × 20; A -> B -> D -> E -> A clears 4 × 40; C -> D -> E -> C clears 3 × 5.
    const state = creditNetwork({
      debts: [
        owes(A, B, 60n),
        owes(B, C, 20n),
        owes(C, A, 20n),
        owes(B, D, 40n),
        owes(D, E, 45n),
        owes(E, A, 40n),
        owes(C, D, 5n),
        owes(E, C, 5n),
      ],
    });
    const suggestions = findCycles(state, 4);
    expect(suggestions.map((s) => [s.cycle, s.cleared])).toEqual([
      [[A, B, D, E, A], 160n],
      [[A, B, C, A], 60n],
      [[C, D, E, C], 15n],
    ]);
    expect(findCycles(state, 4, 1)).toEqual([suggestions[0]]);
    expect(findCycles(state, 4, 0)).toEqual([]);
  });
});
