import { TRANSACTION_GAS_CAP } from "./baselines.ts";
import { DISCO_OPS, SITUATIONS, type DisCOOp } from "./disco.ts";
import type { BySize, GasResults } from "./gas.ts";

/*
 * The benchmark's printed report and its `--json` object, both pure functions of the measured figures.
 */

const CLAIM_TARGET = 70_000;
/** DESIGN.md: "Every treasurer and governance action costs the same gas at 10, 100, 1,000 and 10,000 members." */
const TREASURER_AND_GOVERNANCE: readonly DisCOOp[] = [
  "castVote",
  "castVoteBySig",
  "propose",
  "execute",
  "admit",
  "closePeriod",
  "fundPeriod",
  "closeYear",
];

const number = (n: number) => n.toLocaleString("en-US");
const ratio = (a: number, b: number) => (a / b).toFixed(2);

/** Whether every size measured the same figure. */
export function isConstant(sizes: readonly number[], gas: BySize): boolean {
  return sizes.every((size) => gas[size] === gas[sizes[0]]);
}

/** How a figure moves from the smallest size to the largest, e.g. "+11,787 gas, +7.9%, 10 to 10,000 members". */
function movement(sizes: readonly number[], gas: BySize): string {
  const [first, last] = [sizes[0], sizes[sizes.length - 1]];
  const change = gas[last] - gas[first];
  const sign = change > 0 ? "+" : "";
  // Beyond doubling, a multiple reads better than a percentage: "x794" rather than "+79321.4%".
  const relative =
    gas[last] > 2 * gas[first]
      ? `x${Math.round(gas[last] / gas[first])}`
      : `${sign}${((100 * change) / gas[first]).toFixed(1)}%`;
  return `${sign}${number(change)} gas, ${relative}, ${number(first)} to ${number(last)} members`;
}

/** The report's "constant" column: "yes", or "no" and how the figure moves. */
export function constancy(sizes: readonly number[], gas: BySize): string {
  if (sizes.length < 2) return "n/a (one size)";
  return isConstant(sizes, gas) ? "yes" : `no: ${movement(sizes, gas)}`;
}

/** A plain text table: the first column left-aligned, the others right-aligned, the last left-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((row) => row[c].length)));
  const last = header.length - 1;
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 0 || c === last ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function perSize(sizes: readonly number[], gas: BySize, mark: (value: number) => string = () => ""): string[] {
  return sizes.map((size) => number(gas[size]) + mark(gas[size]));
}

/** The report `npm run bench` prints: the DisCO's figures by size, the baselines, the ratios and the targets. */
export function formatGasReport(results: GasResults): string {
  const { sizes, ops, baselines } = results;
  const sizeHeaders = sizes.map((size) => `${number(size)} members`);
  const overCap = (value: number) => (value > TRANSACTION_GAS_CAP ? "*" : "");
  const lines = [
    "Gas used per call (receipt gasUsed) on fresh DisCOs, Hardhat's in-process chain",
    "",
    ...table(
      ["call", ...sizeHeaders, "constant"],
      DISCO_OPS.map((op) => [op, ...perSize(sizes, ops[op]), constancy(sizes, ops[op])]),
    ),
    "",
    "Baselines, same sizes, same run",
    "",
    ...table(
      ["baseline", ...sizeHeaders, "constant"],
      [
        ["ozCastVote", ...perSize(sizes, baselines.ozCastVote), constancy(sizes, baselines.ozCastVote)],
        ["ozPropose", ...perSize(sizes, baselines.ozPropose), constancy(sizes, baselines.ozPropose)],
        ["pushPayout", ...perSize(sizes, baselines.pushPayout, overCap), constancy(sizes, baselines.pushPayout)],
      ],
    ),
  ];
  if (sizes.some((size) => baselines.pushPayout[size] > TRANSACTION_GAS_CAP)) {
    lines.push(
      `* over EIP-7825's ${number(TRANSACTION_GAS_CAP)} gas per transaction: not sendable as one transaction on`,
      "  Ethereum; measured in one call on a chain with the block and transaction gas limits lifted.",
    );
  }
  const ratioRow = (name: string, value: (size: number) => string) => [name, ...sizes.map(value), ""];
  lines.push(
    "",
    "Ratios",
    "",
    ...table(
      ["ratio", ...sizeHeaders, ""],
      [
        ratioRow("castVote / ozCastVote", (s) => ratio(ops.castVote[s], baselines.ozCastVote[s])),
        ratioRow("propose / ozPropose", (s) => ratio(ops.propose[s], baselines.ozPropose[s])),
        ratioRow("pushPayout / fundPeriod", (s) => ratio(baselines.pushPayout[s], ops.fundPeriod[s])),
        ratioRow("pushPayout per member", (s) => number(Math.round(baselines.pushPayout[s] / s))),
        ratioRow("pull, if all claim: fundPeriod + N x claim1", (s) => number(ops.fundPeriod[s] + s * ops.claim1[s])),
      ],
    ),
    "",
    "DESIGN.md targets",
    ...targets(results).map((line) => `- ${line}`),
    "",
    "What each call is, the same at every size",
    ...DISCO_OPS.map((op) => `- ${op}: ${SITUATIONS[op]}`),
  );
  return lines.join("\n");
}

/** DESIGN.md's performance targets, each met or not, with the figures that say so. */
export function targets({ sizes, ops, baselines }: GasResults): string[] {
  const dearer = sizes.filter((s) => ops.castVote[s] > baselines.ozCastVote[s]);
  const worstVote = Math.max(...sizes.map((s) => ops.castVote[s] / baselines.ozCastVote[s]));
  const claims = sizes.map((s) => ops.claim1[s]);
  const moving = TREASURER_AND_GOVERNANCE.filter((op) => !isConstant(sizes, ops[op]));
  const pushes = sizes.map((s) => `${number(s)}: ${ratio(baselines.pushPayout[s], ops.fundPeriod[s])}x`).join(", ");
  return [
    dearer.length === 0
      ? `castVote no dearer than stock OpenZeppelin: met at every size (at most ${worstVote.toFixed(2)} of ozCastVote)`
      : `castVote no dearer than stock OpenZeppelin: NOT met at ${dearer.map(number).join(", ")} members`,
    Math.max(...claims) < CLAIM_TARGET
      ? `a claim under 70k gas: met (claim1 at most ${number(Math.max(...claims))}; claim3, three months at once, ${number(Math.max(...sizes.map((s) => ops.claim3[s])))})`
      : `a claim under 70k gas: NOT met (claim1 up to ${number(Math.max(...claims))})`,
    isConstant(sizes, ops.fundPeriod)
      ? `a payout costs the treasurer a constant: met (fundPeriod ${number(ops.fundPeriod[sizes[0]])} at every size; pushPayout / fundPeriod ${pushes})`
      : `a payout costs the treasurer a constant: NOT met (fundPeriod ${movement(sizes, ops.fundPeriod)})`,
    sizes.length < 2
      ? "treasurer and governance actions constant across sizes: not shown by one size"
      : moving.length === 0
        ? "treasurer and governance actions constant across sizes: met"
        : `treasurer and governance actions constant across sizes: NOT met by ${moving.map((op) => `${op} (${movement(sizes, ops[op])})`).join(" and ")}`,
  ];
}

/** The `--json` object's gas part: `{ sizes, ops, baselines }`. */
export function gasJson({ sizes, ops, baselines }: GasResults) {
  return { sizes, ops, baselines };
}
