/**
 * Issue 17: path search over a credit network of 1,000 accounts and 10,000 lines, off chain. A synthetic network, the
 * same in every run (its choices drawn from keccak256 of a label and a counter), lines of 100 to 5,000 € (one in
 * twenty frozen) and, on half of them, a debt within the line; then the time to build the graph (creditGraph), to
 * find a path for a payment (findPath: the median and the slowest of many searches, beside maxPayable's median), and
 * to find the clearing suggestions (findCycles).
 */
import { id } from "ethers";
import type { Address } from "viem";
import {
  creditGraph,
  findCycles,
  findPath,
  maxPayable,
  type CreditBalance,
  type CreditLine,
  type CreditState,
} from "@disco-ledger/sdk/credit";
import { crowd, median } from "./chain.ts";
import type { BenchSection } from "./sections.ts";

export const CREDIT_PATH_ACCOUNTS = 1_000;
export const CREDIT_PATH_LINES = 10_000;
/** Searches timed, between pairs of accounts drawn like the lines. */
const SEARCHES = 201;
/** Graph builds and cycle searches timed; the median is shown. */
const RUNS = 5;
const MAX_HOPS = 4;
const EURO = 100n;

/** The `i`-th draw of `label`: a number below `n`, from keccak256, the same in every run. */
const draw = (label: string, i: number, n: number) => Number(BigInt(id(`${label} ${i}`)) % BigInt(n));

/** The synthetic network: every line between distinct accounts, at most one per giver and receiver. */
export function syntheticNetwork(
  accounts: readonly Address[],
  lineCount: number,
): Pick<CreditState, "lines" | "balances"> {
  const n = accounts.length;
  const lines: CreditLine[] = [];
  const balances = new Map<string, CreditBalance>();
  const seen = new Set<string>();
  for (let i = 0; lines.length < lineCount; i++) {
    const [giver, receiver] = [accounts[draw("giver", i, n)], accounts[draw("receiver", i, n)]];
    const key = `${giver} ${receiver}`;
    if (giver === receiver || seen.has(key)) continue;
    seen.add(key);
    const limit = BigInt(100 + draw("limit", i, 4_901)) * EURO;
    lines.push({ giver, receiver, limit, frozen: draw("frozen", i, 20) === 0, by: giver, time: 0 });
    // Half the lines carry a debt of the receiver within them (a pair keeps its first).
    const pair = giver.toLowerCase() < receiver.toLowerCase() ? `${giver} ${receiver}` : `${receiver} ${giver}`;
    if (draw("debt", i, 2) === 0 && !balances.has(pair)) {
      const owed = (limit * BigInt(1 + draw("owed", i, 100))) / 100n;
      const giverLow = giver.toLowerCase() < receiver.toLowerCase();
      balances.set(pair, {
        low: giverLow ? giver : receiver,
        high: giverLow ? receiver : giver,
        // The giver's balance toward the receiver is +owed.
        balance: giverLow ? owed : -owed,
      });
    }
  }
  return { lines, balances: [...balances.values()] };
}

const time = <T>(run: () => T): [T, number] => {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
};

export const CREDIT_PATHS: BenchSection = {
  name: "credit paths",
  async run({ progress }) {
    const accounts = crowd("credit account", CREDIT_PATH_ACCOUNTS) as Address[];
    const state = syntheticNetwork(accounts, CREDIT_PATH_LINES);
    progress(`credit paths: ${accounts.length} accounts, ${state.lines.length} lines, ${state.balances.length} debts`);

    const builds = Array.from({ length: RUNS }, () => time(() => creditGraph(state, accounts)));
    const graph = builds[0][0];
    const searches: number[] = [];
    const widest: number[] = [];
    let found = 0;
    let hops = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const [from, to] = [accounts[draw("payer", i, accounts.length)], accounts[draw("payee", i, accounts.length)]];
      const amount = BigInt(10 + draw("amount", i, 491)) * EURO;
      const [path, ms] = time(() => findPath(graph, from, to, amount, MAX_HOPS));
      searches.push(ms);
      if (path) {
        found++;
        hops += path.hops;
      }
      if (i % 10 === 0) widest.push(time(() => maxPayable(graph, from, to, MAX_HOPS))[1]);
    }
    const cycleRuns = Array.from({ length: RUNS }, () => time(() => findCycles(state, MAX_HOPS)));
    const cycles = cycleRuns[0][0];

    const ms = (value: number) => Math.round(value * 100) / 100;
    const figures = {
      accounts: accounts.length,
      lines: state.lines.length,
      debts: state.balances.length,
      maxHops: MAX_HOPS,
      graphMs: ms(median(builds.map(([, t]) => t))),
      searches: SEARCHES,
      found,
      meanHops: found === 0 ? 0 : Math.round((hops / found) * 100) / 100,
      findPathMedianMs: ms(median(searches)),
      findPathSlowestMs: ms(Math.max(...searches)),
      maxPayableMedianMs: ms(median(widest)),
      findCyclesMs: ms(median(cycleRuns.map(([, t]) => t))),
      cycles: cycles.length,
      mostCleared: Number(cycles[0]?.cleared ?? 0n) / 100,
    };
    const row = (label: string, value: number, note = "") =>
      `  ${label.padEnd(42)}${`${value.toLocaleString("en-GB")} ms`.padStart(11)}${note}`;
    const text = [
      `Mutual-credit paths over ${figures.accounts.toLocaleString("en-GB")} accounts and ` +
        `${figures.lines.toLocaleString("en-GB")} lines (${figures.debts.toLocaleString("en-GB")} debts), ` +
        `up to ${MAX_HOPS} hops, off chain`,
      row("build the graph (creditGraph)", figures.graphMs, `  (median of ${RUNS})`),
      row(
        "find a payment's path (findPath), median",
        figures.findPathMedianMs,
        `  (${SEARCHES} searches, ${found} found, ${figures.meanHops} hops on average)`,
      ),
      row("findPath, the slowest", figures.findPathSlowestMs),
      row("the most one payment carries (maxPayable)", figures.maxPayableMedianMs, "  (median)"),
      row(
        "clearing suggestions (findCycles)",
        figures.findCyclesMs,
        `  (median of ${RUNS}; ${figures.cycles} cycles, the best clears ${figures.mostCleared.toLocaleString("en-GB")} €)`,
      ),
    ].join("\n");
    return { text, json: { creditPaths: figures } };
  },
};
