/**
 * Paths for a payment: the fewest hops first, then the least new debt, then the widest; only hops that carry the
 * amount (a frozen line carries nothing), within maxHops, through and to accounts only, no node twice; and the most
 * one payment can carry; a path given checked by the contract's rules.
 */
import { describe, expect, it } from "vitest";
import { checkPath, creditAccounts, creditGraph, findPath, maxPayable } from "../src/credit/index.ts";
import { creditNetwork } from "./credit-network.ts";
import { addressOf } from "./federation-logs.ts";

const [A, B, C, D, E, X] = ["Demo", "Small", "River", "Dune", "Estuary", "Ana"].map(addressOf);
const ALL = [A, B, C, D, E];

describe("creditAccounts", () => {
  it("gives the active member DisCOs and the persons whose home DisCO is one", () => {
    const Y = addressOf("Yara");
    const federation = {
      members: [
        { disco: A, active: true },
        { disco: B, active: false },
        { disco: C, active: true },
      ],
    };
    const accounts = [
      { account: X, disco: A, time: 0 },
      { account: Y, disco: B, time: 0 },
    ];
    expect(creditAccounts(federation, { accounts })).toEqual([A, C, X]);
  });
});

describe("creditGraph", () => {
  it("gives each hop toward an account its capacity and what the next node owes", () => {
    // B lets A owe it 100; C lets B owe it 50 and owes B 30; X (no account) lets A owe it 500.
    const state = creditNetwork({
      lines: [
        [B, A, 100n],
        [C, B, 50n],
        [X, A, 500n],
      ],
      debts: [[C, B, 30n]],
    });
    const graph = creditGraph(state, ALL);
    const hop = (from: string, to: string) =>
      graph.edges[graph.index.get(from.toLowerCase()) as number].find((e) => graph.nodes[e.to] === to);
    expect(hop(A, B)).toEqual({ to: graph.index.get(B.toLowerCase()), capacity: 100n, owed: 0n });
    expect(hop(B, C)).toMatchObject({ capacity: 80n, owed: 30n });
    // C may pay B back what B owes it: B extends no line.
    expect(hop(C, B)).toBeUndefined();
    expect(hop(A, X)).toBeUndefined();
    expect(graph.accounts[graph.index.get(X.toLowerCase()) as number]).toBe(false);
  });
});

describe("findPath", () => {
  it("takes the fewest hops even when a longer path creates no new debt", () => {
    // A -> B direct on B's line, or A -> C -> B paying down what C and B owe.
    const state = creditNetwork({
      lines: [[B, A, 100n]],
      debts: [
        [C, A, 100n],
        [B, C, 100n],
      ],
    });
    expect(findPath(creditGraph(state, ALL), A, B, 60n, 4)).toEqual({
      path: [A, B],
      hops: 1,
      capacity: 100n,
      newDebt: 60n,
    });
  });

  it("among the shortest, takes the one that creates the least new debt, then the widest", () => {
    // Through C: a line of 1,000 at each hop. Through D: D owes A 40 (paid down first) on a line of 100. Through E:
    // like D, on a line of 200.
    const state = creditNetwork({
      lines: [
        [C, A, 1_000n],
        [B, C, 1_000n],
        [D, A, 100n],
        [B, D, 1_000n],
        [E, A, 200n],
        [B, E, 1_000n],
      ],
      debts: [
        [D, A, 40n],
        [E, A, 40n],
      ],
    });
    const graph = creditGraph(state, ALL);
    expect(findPath(graph, A, B, 100n, 4)).toEqual({ path: [A, E, B], hops: 2, capacity: 240n, newDebt: 160n });
    // Over E's capacity, C's path is the one left.
    expect(findPath(graph, A, B, 500n, 4)).toEqual({ path: [A, C, B], hops: 2, capacity: 1_000n, newDebt: 1_000n });
    expect(findPath(graph, A, B, 1_001n, 4)).toBeNull();
  });

  it("leaves out frozen lines, unless what the next node owes carries the payment", () => {
    const state = creditNetwork({ lines: [[B, A, 100n, true]], debts: [[B, A, 30n]] });
    const graph = creditGraph(state, ALL);
    expect(findPath(graph, A, B, 30n, 4)).toEqual({ path: [A, B], hops: 1, capacity: 30n, newDebt: 0n });
    expect(findPath(graph, A, B, 31n, 4)).toBeNull();
  });

  it("keeps within maxHops", () => {
    const state = creditNetwork({
      lines: [
        [B, A, 100n],
        [C, B, 100n],
        [D, C, 100n],
      ],
    });
    const graph = creditGraph(state, ALL);
    expect(findPath(graph, A, D, 10n, 3)?.path).toEqual([A, B, C, D]);
    expect(findPath(graph, A, D, 10n, 2)).toBeNull();
  });

  it("goes through and to accounts only, and refuses a payment to oneself or of nothing", () => {
    const state = creditNetwork({
      lines: [
        [X, A, 100n],
        [B, X, 100n],
        [C, A, 100n],
        [D, C, 100n],
        [B, D, 100n],
      ],
    });
    const graph = creditGraph(state, ALL);
    // The two-hop path through X is no payment's: X is no account.
    expect(findPath(graph, A, B, 10n, 4)?.path).toEqual([A, C, D, B]);
    expect(findPath(graph, A, X, 10n, 4)).toBeNull();
    // X may not pay either, though B's line lets it owe B.
    expect(findPath(graph, X, B, 10n, 4)).toBeNull();
    expect(findPath(graph, A, A, 10n, 4)).toBeNull();
    expect(findPath(graph, A, B, 0n, 4)).toBeNull();
    expect(findPath(graph, A, addressOf("stranger"), 10n, 4)).toBeNull();
  });
});

describe("maxPayable", () => {
  it("gives the widest path within maxHops", () => {
    // Direct 100; through C 300; through C and D 700.
    const state = creditNetwork({
      lines: [
        [B, A, 100n],
        [C, A, 300n],
        [B, C, 300n],
        [D, C, 700n],
        [B, D, 700n],
        [E, A, 700n],
        [D, E, 700n],
      ],
    });
    const graph = creditGraph(state, ALL);
    expect(maxPayable(graph, A, B, 1)).toEqual({ path: [A, B], hops: 1, capacity: 100n, newDebt: 100n });
    expect(maxPayable(graph, A, B, 2)).toMatchObject({ path: [A, C, B], capacity: 300n });
    expect(maxPayable(graph, A, B, 3)).toMatchObject({ path: [A, E, D, B], capacity: 700n, newDebt: 2_100n });
    expect(maxPayable(graph, B, A, 4)).toBeNull();
  });
});

describe("checkPath", () => {
  // B lets A owe it 100; C lets B owe it 50 and owes B 30; X (no account) lets A owe it 500.
  const state = creditNetwork({
    lines: [
      [B, A, 100n],
      [C, B, 50n],
      [X, A, 500n],
    ],
    debts: [[C, B, 30n]],
  });
  const check = (path: string[], amount = 40n, maxHops = 4) => checkPath(state, ALL, path as never, amount, maxHops);

  it("gives a path the contract accepts with its capacity and new debt, as findPath would", () => {
    expect(check([A, B, C])).toEqual({ path: [A, B, C], hops: 2, capacity: 80n, newDebt: 40n + 10n });
    expect(check([A, B, C])).toEqual(findPath(creditGraph(state, ALL), A, C, 40n, 4));
  });

  it("names each problem as the contract's error, in the contract's order", () => {
    expect(check([A, B], 0n)).toEqual({ error: "CreditZeroAmount" });
    expect(check([A])).toEqual({ error: "CreditInvalidPathLength", length: 1 });
    expect(check([A, B, C], 40n, 1)).toEqual({ error: "CreditInvalidPathLength", length: 3 });
    expect(checkPath(state, ALL, [A, B], 40n, 4, { payer: A, payee: C })).toEqual({
      error: "CreditPathEnds",
      expected: C,
      node: B,
    });
    expect(checkPath(state, ALL, [B, C], 40n, 4, { payer: A, payee: C })).toEqual({
      error: "CreditPathEnds",
      expected: A,
      node: B,
    });
    expect(check([A, B, A, B])).toEqual({ error: "CreditRepeatedNode", node: A });
    expect(check([A, X])).toEqual({ error: "CreditNotAccount", account: X });
    expect(check([X, A])).toEqual({ error: "CreditNotAccount", account: X });
    expect(check([A, B, C], 90n)).toEqual({ error: "CreditOverLine", from: B, to: C, capacity: 80n });
    // A frozen line carries nothing.
    const frozen = creditNetwork({ lines: [[B, A, 100n, true]] });
    expect(checkPath(frozen, ALL, [A, B], 1n, 4)).toEqual({ error: "CreditOverLine", from: A, to: B, capacity: 0n });
  });
});
