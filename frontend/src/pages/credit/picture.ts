/**
 * The credit network as the page draws it (ui/NetworkPicture): an arrow per pair with a balance, from the debtor to the
 * creditor, wider as the debt grows (the largest drawn at full width), drawn straight; and a light, bowed arrow per
 * credit line, from the giver to the receiver, wider as the line grows. The table beside it has a row per pair with the
 * same numbers. The balances and lines are the SDK's (balanceOf, lineOf). Pure.
 */
import type { Address } from "viem";
import { balanceOf, lineOf, type CreditState } from "@disco-ledger/sdk/credit";
import type { NetworkEdge } from "../../ui/network.ts";

const lower = (a: string) => a.toLowerCase();

export interface CreditEdge extends NetworkEdge {
  kind: "debt" | "line";
  /** Credit cents: the debt, or the line's limit. */
  amount: bigint;
  frozen: boolean;
}

/** The largest of `amounts` (0 for none); Math.max takes no bigints. */
function largest(amounts: readonly bigint[]): bigint {
  let most = 0n;
  for (const amount of amounts) if (amount > most) most = amount;
  return most;
}

/** `part` of `whole` as a weight from 0 to 1, to the thousandth. */
const share = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 1000n) / whole) / 1000);

/**
 * The arrows between `nodes` (others' balances and lines are left out): debts first, in the order of the pairs'
 * first touch, then lines with a limit, in the order they were first set.
 */
export function creditEdges(state: CreditState, nodes: readonly Address[]): CreditEdge[] {
  const drawn = new Set(nodes.map(lower));
  const debts = state.balances.flatMap((pair) => {
    if (pair.balance === 0n || !drawn.has(lower(pair.low)) || !drawn.has(lower(pair.high))) return [];
    // low's balance toward high is positive when high owes low.
    const [from, to] = pair.balance > 0n ? [pair.high, pair.low] : [pair.low, pair.high];
    const amount = pair.balance > 0n ? pair.balance : -pair.balance;
    return [{ from, to, amount }];
  });
  const lines = state.lines.filter((l) => l.limit > 0n && drawn.has(lower(l.giver)) && drawn.has(lower(l.receiver)));
  const maxDebt = largest(debts.map((d) => d.amount));
  const maxLine = largest(lines.map((l) => l.limit));
  return [
    ...debts.map((d) => ({
      kind: "debt" as const,
      from: d.from,
      to: d.to,
      amount: d.amount,
      frozen: false,
      weight: share(d.amount, maxDebt),
      bend: 0,
    })),
    ...lines.map((l) => ({
      kind: "line" as const,
      from: l.giver,
      to: l.receiver,
      amount: l.limit,
      frozen: l.frozen,
      // Lighter than any debt: at most half the width.
      weight: share(l.limit, maxLine) / 2,
    })),
  ];
}

/** The largest debt drawn: the legend's widest arrow. */
export const largestDebt = (edges: readonly CreditEdge[]): bigint =>
  largest(edges.filter((e) => e.kind === "debt").map((e) => e.amount));

export interface PairRow {
  /** Who owes (the first of the two in the nodes' order when neither does). */
  debtor: Address;
  creditor: Address;
  /** What the debtor owes the creditor, credit cents (0: even). */
  owed: bigint;
  /** The line the creditor extends to the debtor (how far the debtor may owe it), and the one back. */
  creditorLine: { limit: bigint; frozen: boolean };
  debtorLine: { limit: bigint; frozen: boolean };
}

/** A row per pair of `nodes` with a balance or a line either way, in the nodes' order. */
export function pairRows(state: CreditState, nodes: readonly Address[]): PairRow[] {
  const touched = new Set<string>();
  for (const pair of state.balances) if (pair.balance !== 0n) touched.add(`${lower(pair.low)} ${lower(pair.high)}`);
  for (const line of state.lines) {
    if (line.limit === 0n && !line.frozen) continue;
    const [a, b] = [lower(line.giver), lower(line.receiver)].sort();
    touched.add(`${a} ${b}`);
  }
  const rows: PairRow[] = [];
  nodes.forEach((a, i) => {
    for (const b of nodes.slice(i + 1)) {
      const [x, y] = [lower(a), lower(b)].sort();
      if (!touched.has(`${x} ${y}`)) continue;
      // a's balance toward b: negative when a owes b.
      const balance = balanceOf(state, a, b);
      const [debtor, creditor] = balance > 0n ? [b, a] : [a, b];
      rows.push({
        debtor,
        creditor,
        owed: balance < 0n ? -balance : balance,
        creditorLine: lineOf(state, creditor, debtor),
        debtorLine: lineOf(state, debtor, creditor),
      });
    }
  });
  return rows;
}
