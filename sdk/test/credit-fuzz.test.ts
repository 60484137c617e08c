/**
 * Paths and cycles on random networks (seeded: a failure reproduces), against a search of every simple path and cycle:
 * findPath is the best of them by (hops, new debt, width), maxPayable the widest; a path's payment, folded hop by hop,
 * never takes a balance past a line; a cleared cycle changes no net position and no debt past zero.
 */
import { zeroHash, type Address } from "viem";
import { describe, expect, it } from "vitest";
import {
  balanceOf,
  creditGraph,
  findCycles,
  findPath,
  foldCredit,
  hopCapacity,
  lineOf,
  maxPayable,
  netPosition,
  type CreditState,
} from "../src/credit/index.ts";
import { creditEvent, creditNetwork, type NetworkSpec } from "./credit-network.ts";
import { addressOf } from "./federation-logs.ts";

/** mulberry32: a small seeded generator. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NODES = Array.from({ length: 7 }, (_, i) => addressOf(`DisCO ${i}`));

/** A random network on NODES: lines (some frozen), debts, and the accounts among the nodes. */
function randomNetwork(seed: number) {
  const next = random(seed);
  const amount = (most: number) => BigInt(1 + Math.floor(next() * most));
  const spec: Required<Pick<NetworkSpec, "lines" | "debts">> = { lines: [], debts: [] };
  for (const giver of NODES) {
    for (const receiver of NODES) {
      if (giver !== receiver && next() < 0.45) spec.lines.push([giver, receiver, amount(100), next() < 0.15]);
      if (giver !== receiver && next() < 0.2) spec.debts.push([giver, receiver, amount(60)]);
    }
  }
  const accounts = NODES.filter(() => next() < 0.85);
  return { state: creditNetwork(spec), accounts, next };
}

/** Every simple path from `from` to `to` within `maxHops` whose hops carry `amount`, through accounts. */
function everyPath(
  state: CreditState,
  accounts: Address[],
  from: Address,
  to: Address,
  amount: bigint,
  maxHops: number,
) {
  const paths: Address[][] = [];
  const walk = (path: Address[]) => {
    const at = path[path.length - 1];
    if (at === to) return paths.push(path);
    if (path.length > maxHops) return;
    for (const n of accounts) {
      if (!path.includes(n) && hopCapacity(state, at, n) >= amount) walk([...path, n]);
    }
  };
  if (from !== to && accounts.includes(from)) walk([from]);
  return paths;
}

/** Ascending order of bigints. */
const ascending = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const hopsOf = (path: Address[]) => path.slice(1).map((to, i) => [path[i], to] as const);
const newDebtOf = (state: CreditState, path: Address[], amount: bigint) =>
  hopsOf(path).reduce((sum, [a, b]) => {
    const owed = balanceOf(state, a, b) > 0n ? balanceOf(state, a, b) : 0n;
    return sum + (amount > owed ? amount - owed : 0n);
  }, 0n);
const widthOf = (state: CreditState, path: Address[]) =>
  hopsOf(path).reduce((least, [a, b]) => {
    const c = hopCapacity(state, a, b);
    return least < 0n || c < least ? c : least;
  }, -1n);

/** `state` with `event` folded on, in the next block. */
const folded = (state: CreditState, eventName: "CreditPaid" | "CycleCleared", args: never) =>
  foldCredit([creditEvent(eventName, args, state.lastBlock + 1)], state);

describe("paths on random networks", () => {
  it("findPath is the best simple path, and paying along it keeps every balance within its line", () => {
    let paid = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const { state, accounts, next } = randomNetwork(seed);
      const graph = creditGraph(state, accounts);
      for (let trial = 0; trial < 15; trial++) {
        const from = NODES[Math.floor(next() * NODES.length)];
        const to = NODES[Math.floor(next() * NODES.length)];
        const amount = BigInt(1 + Math.floor(next() * 120));
        const maxHops = 1 + Math.floor(next() * 4);
        const found = findPath(graph, from, to, amount, maxHops);
        const all = everyPath(state, accounts, from, to, amount, maxHops);
        if (found === null) {
          expect(all).toEqual([]);
          continue;
        }
        const { path } = found;
        expect(new Set(path).size).toBe(path.length);
        expect(path.every((n) => accounts.includes(n))).toBe(true);
        expect([path[0], path[path.length - 1], found.hops]).toEqual([from, to, path.length - 1]);
        expect(found.capacity).toBe(widthOf(state, path));
        expect(found.newDebt).toBe(newDebtOf(state, path, amount));
        const best = all
          .map((p) => [p.length - 1, newDebtOf(state, p, amount), -widthOf(state, p)] as const)
          .sort((a, b) => a[0] - b[0] || ascending(a[1], b[1]) || ascending(a[2], b[2]))[0];
        expect([found.hops, found.newDebt, -found.capacity]).toEqual(best);

        const args = { payer: from, payee: to, amount, paymentRef: zeroHash, path, by: from };
        const after = folded(state, "CreditPaid", args as never);
        for (const [a, b] of hopsOf(path)) {
          const line = lineOf(state, b, a);
          expect(balanceOf(after, a, b)).toBeGreaterThanOrEqual(line.frozen ? 0n : -line.limit);
        }
        for (const n of path.slice(1, -1)) expect(netPosition(after, n)).toBe(netPosition(state, n));
        expect(netPosition(after, from)).toBe(netPosition(state, from) - amount);
        expect(NODES.reduce((sum, n) => sum + netPosition(after, n), 0n)).toBe(0n);
        paid++;
      }
    }
    // The networks make a fair share of payments possible.
    expect(paid).toBeGreaterThan(150);
  });

  it("maxPayable carries the most any simple path within maxHops carries", () => {
    for (let seed = 100; seed < 130; seed++) {
      const { state, accounts, next } = randomNetwork(seed);
      const graph = creditGraph(state, accounts);
      const [from, to] = [NODES[Math.floor(next() * 7)], NODES[Math.floor(next() * 7)]];
      const maxHops = 1 + Math.floor(next() * 4);
      const widths = everyPath(state, accounts, from, to, 1n, maxHops).map((p) => widthOf(state, p));
      expect(maxPayable(graph, from, to, maxHops)?.capacity ?? 0n).toBe(widths.sort(ascending).pop() ?? 0n);
    }
  });
});

describe("cycles on random networks", () => {
  it("finds the cycles that clear the most, each once; clearing one changes no net position", () => {
    let cleared = 0;
    for (let seed = 200; seed < 260; seed++) {
      const { state } = randomNetwork(seed);
      const maxHops = 3 + (seed % 3);
      const suggestions = findCycles(state, maxHops, 50);
      // Every cycle of debts, by a search of every simple one from its lowest node.
      const owes = (a: Address, b: Address) => -balanceOf(state, a, b);
      const every: bigint[] = [];
      const walk = (path: Address[], least: bigint) => {
        const at = path[path.length - 1];
        for (const n of NODES) {
          if (owes(at, n) <= 0n) continue;
          const amount = least < 0n || owes(at, n) < least ? owes(at, n) : least;
          if (n === path[0] && path.length >= 3) every.push(amount * BigInt(path.length));
          else if (n.toLowerCase() > path[0].toLowerCase() && !path.includes(n) && path.length < maxHops)
            walk([...path, n], amount);
        }
      };
      for (const start of NODES) walk([start], -1n);
      expect(suggestions.map((s) => s.cleared)).toEqual(every.sort(ascending).reverse().slice(0, 50));
      expect(new Set(suggestions.map((s) => s.cycle.join())).size).toBe(suggestions.length);

      for (const { cycle, amount } of suggestions) {
        const nodes = cycle.slice(0, -1);
        expect(cycle[0]).toBe(cycle[cycle.length - 1]);
        expect(nodes.every((n) => n.toLowerCase() >= cycle[0].toLowerCase())).toBe(true);
        expect(new Set(nodes).size).toBe(nodes.length);
        const debts = hopsOf(cycle).map(([a, b]) => owes(a, b));
        expect(debts.sort(ascending)[0]).toBe(amount);

        const after = folded(state, "CycleCleared", { cycle, amount, by: cycle[0] } as never);
        for (const n of NODES) expect(netPosition(after, n)).toBe(netPosition(state, n));
        for (const [a, b] of hopsOf(cycle)) {
          expect(balanceOf(after, a, b)).toBe(balanceOf(state, a, b) + amount);
          expect(balanceOf(after, a, b)).toBeLessThanOrEqual(0n);
        }
        cleared++;
      }
    }
    expect(cleared).toBeGreaterThan(20);
  });
});
