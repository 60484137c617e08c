/**
 * Paths for a payment through a credit network: the graph of what each hop may carry now, built once from a folded
 * state; the shortest path that carries an amount (each hop costs the payer ~25k gas), the cheapest among those in new
 * debt, the widest among those; and the most one payment can carry. Pure; searches run in milliseconds over a
 * thousand accounts and ten thousand lines.
 */
import type { Address } from "viem";
import type { FederationMember } from "../federation/fold.ts";
import { balanceOf, hopCapacity } from "./balances.ts";
import type { CreditState } from "./fold.ts";

/** A hop the graph allows: to node `to` (its index), carrying up to `capacity`, of which `owed` pays down a debt. */
export interface CreditEdge {
  to: number;
  /** The most the hop carries: the balance plus the line the next node extends (0 frozen); > 0. */
  capacity: bigint;
  /** What the next node already owes this one (>= 0): that part of a hop creates no new debt. */
  owed: bigint;
}

/** What a payment's hops may carry now, between the nodes of a network. */
export interface CreditGraph {
  /** Every address with a line, a balance or an account, by index. */
  nodes: Address[];
  /** Lowercase address to its index in `nodes`. */
  index: Map<string, number>;
  /** Whether the node may be on a payment's path (an account now). */
  accounts: boolean[];
  /** Each node's hops with capacity, to accounts only. */
  edges: CreditEdge[][];
}

/** A payment's path and what it costs. */
export interface CreditPath {
  /** From the payer to the payee. */
  path: Address[];
  hops: number;
  /** The most the path carries: its least hop capacity. */
  capacity: bigint;
  /** The debt the payment creates: on each hop, the part of the amount beyond what the next node owed. */
  newDebt: bigint;
}

/**
 * The accounts of a network now, as far as the folds tell: the federation's active member DisCOs, and the persons
 * whose home DisCO is one of them. Whether a person is still Committed there only their DisCO's membership tells: the
 * network checks it on every payment (CreditNotAccount).
 */
export function creditAccounts(
  federation: { members: readonly Pick<FederationMember, "disco" | "active">[] },
  state: Pick<CreditState, "accounts">,
): Address[] {
  const active = federation.members.filter((m) => m.active).map((m) => m.disco);
  const members = new Set(active.map((disco) => disco.toLowerCase()));
  return [...active, ...state.accounts.filter((a) => members.has(a.disco.toLowerCase())).map((a) => a.account)];
}

/**
 * The graph of `state`'s hops, with `accounts` (the active member DisCOs and the persons' accounts now:
 * creditAccounts) the only nodes a payment may go from, through or to.
 */
export function creditGraph(state: Pick<CreditState, "lines" | "balances">, accounts: readonly Address[]): CreditGraph {
  const graph: CreditGraph = { nodes: [], index: new Map(), accounts: [], edges: [] };
  const node = (address: Address): number => {
    let at = graph.index.get(address.toLowerCase());
    if (at === undefined) {
      at = graph.nodes.length;
      graph.index.set(address.toLowerCase(), at);
      graph.nodes.push(address);
      graph.accounts.push(false);
      graph.edges.push([]);
    }
    return at;
  };
  for (const account of accounts) graph.accounts[node(account)] = true;
  // Per ordered pair (from, to): from's balance toward to, and the line to extends to from (0 when frozen).
  const hops = new Map<string, { from: number; to: number; balance: bigint; line: bigint }>();
  const hop = (from: number, to: number) => {
    const key = `${from} ${to}`;
    let h = hops.get(key);
    if (!h) {
      h = { from, to, balance: 0n, line: 0n };
      hops.set(key, h);
      hops.set(`${to} ${from}`, { from: to, to: from, balance: 0n, line: 0n });
    }
    return h;
  };
  for (const line of state.lines) {
    if (!line.frozen) hop(node(line.receiver), node(line.giver)).line = line.limit;
  }
  for (const pair of state.balances) {
    const [low, high] = [node(pair.low), node(pair.high)];
    hop(low, high).balance = pair.balance;
    hop(high, low).balance = -pair.balance;
  }
  for (const { from, to, balance, line } of hops.values()) {
    const capacity = balance + line;
    if (capacity > 0n && graph.accounts[to]) {
      graph.edges[from].push({ to, capacity, owed: balance > 0n ? balance : 0n });
    }
  }
  return graph;
}

/** A path's label in a search: better is fewer hops, then less new debt, then wider. */
interface Label {
  newDebt: bigint;
  width: bigint;
  previous: number;
}

const better = (a: Label, b: Label | undefined) =>
  b === undefined || a.newDebt < b.newDebt || (a.newDebt === b.newDebt && a.width > b.width);

/**
 * The path that pays `amount` from `from` to `to` in the fewest hops (at most `maxHops`), among those the one
 * creating the least new debt, then the widest; every hop carrying at least `amount`, every node an account (the
 * payer too), none repeated. Null when there is none (also for a zero amount or a payment to oneself).
 */
export function findPath(
  graph: CreditGraph,
  from: Address,
  to: Address,
  amount: bigint,
  maxHops: number,
): CreditPath | null {
  const source = graph.index.get(from.toLowerCase());
  const target = graph.index.get(to.toLowerCase());
  if (source === undefined || target === undefined || source === target || amount <= 0n) return null;
  // The contract refuses a payer that is no account, as any other node.
  if (!graph.accounts[source]) return null;
  // Breadth-first by layers: a node's label is the best over the shortest paths to it, so every path kept is simple.
  // The payer's width is -1: no hop yet bounds it.
  const labels = new Map<number, Label>([[source, { newDebt: 0n, width: -1n, previous: -1 }]]);
  let layer = [source];
  for (let hops = 1; hops <= maxHops && layer.length > 0; hops++) {
    const next = new Map<number, Label>();
    for (const u of layer) {
      const at = labels.get(u) as Label;
      for (const edge of graph.edges[u]) {
        if (edge.capacity < amount || labels.has(edge.to)) continue;
        const label = {
          newDebt: at.newDebt + (amount > edge.owed ? amount - edge.owed : 0n),
          width: at.width < 0n || edge.capacity < at.width ? edge.capacity : at.width,
          previous: u,
        };
        if (better(label, next.get(edge.to))) next.set(edge.to, label);
      }
    }
    for (const [v, label] of next) labels.set(v, label);
    const reached = next.get(target);
    if (reached) {
      const path: Address[] = [];
      for (let v = target; v !== -1; v = (labels.get(v) as Label).previous) path.unshift(graph.nodes[v]);
      return { path, hops, capacity: reached.width, newDebt: reached.newDebt };
    }
    layer = [...next.keys()];
  }
  return null;
}

/**
 * The path of the largest payment from `from` to `to` within `maxHops` hops: its capacity is the most one payment
 * can carry; among the paths that carry it, the one findPath would choose (its newDebt is for paying that much).
 */
export function maxPayable(graph: CreditGraph, from: Address, to: Address, maxHops: number): CreditPath | null {
  const capacities = [...new Set(graph.edges.flat().map((e) => e.capacity))].sort((a, b) => (a < b ? -1 : 1));
  // The largest edge capacity that some path carries: reachability only falls as the amount rises.
  let [low, high, best] = [0, capacities.length - 1, null as CreditPath | null];
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = findPath(graph, from, to, capacities[middle], maxHops);
    if (found) {
      best = found;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

/** Why the contract's pay would refuse a path, named as its error and with its arguments. */
export type CreditPathProblem =
  | { error: "CreditZeroAmount" }
  | { error: "CreditInvalidPathLength"; length: number }
  | { error: "CreditPathEnds"; expected: Address; node: Address }
  | { error: "CreditRepeatedNode"; node: Address }
  | { error: "CreditNotAccount"; account: Address }
  | { error: "CreditOverLine"; from: Address; to: Address; capacity: bigint };

/**
 * A path given for a payment of `amount` from its first node to its last, checked by the contract's rules for pay
 * before it is sent: an amount above zero; 2 to maxHops + 1 nodes; each node an account now (`accounts`:
 * creditAccounts) and none repeated; every hop carrying the amount (hopCapacity). The path with its capacity and new
 * debt, or the first problem the contract would find, named as its error. The payer and payee are the path's ends:
 * a caller that names them checks the ends too (CreditPathEnds).
 */
export function checkPath(
  state: Pick<CreditState, "balances" | "lines">,
  accounts: readonly Address[],
  path: readonly Address[],
  amount: bigint,
  maxHops: number,
  ends?: { payer: Address; payee: Address },
): CreditPath | CreditPathProblem {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (amount <= 0n) return { error: "CreditZeroAmount" };
  if (path.length < 2 || path.length > maxHops + 1) return { error: "CreditInvalidPathLength", length: path.length };
  const last = path[path.length - 1];
  if (ends && !same(path[0], ends.payer)) return { error: "CreditPathEnds", expected: ends.payer, node: path[0] };
  if (ends && !same(last, ends.payee)) return { error: "CreditPathEnds", expected: ends.payee, node: last };
  let capacity = -1n;
  let newDebt = 0n;
  for (const [i, node] of path.entries()) {
    if (path.slice(0, i).some((n) => same(n, node))) return { error: "CreditRepeatedNode", node };
    if (!accounts.some((a) => same(a, node))) return { error: "CreditNotAccount", account: node };
    if (i === 0) continue;
    const hop = hopCapacity(state, path[i - 1], node);
    if (hop < amount) return { error: "CreditOverLine", from: path[i - 1], to: node, capacity: hop };
    capacity = capacity < 0n || hop < capacity ? hop : capacity;
    const owed = balanceOf(state, path[i - 1], node);
    newDebt += owed > 0n ? (amount > owed ? amount - owed : 0n) : amount;
  }
  return { path: [...path], hops: path.length - 1, capacity, newDebt };
}
