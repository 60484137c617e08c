import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../deployments.ts";

/*
 * The committed gas snapshot (gas-snapshot.json): the DisCO's headline figures at one size, so that a change in
 * cost shows in review, and `npm test` fails when one grows more than TOLERANCE without the snapshot being updated.
 */

export const SNAPSHOT_PATH = join(ROOT, "gas-snapshot.json");
/** How much a figure may grow before the check fails: 2%. */
export const TOLERANCE = 0.02;

export interface GasSnapshot {
  /** What the file is, for whoever opens it. */
  about: string;
  /** The number of members the figures were measured with; the check measures at the same size. */
  members: number;
  /** Gas by op name. */
  gas: Record<string, number>;
}

/**
 * - same / within: unchanged, or moved by at most TOLERANCE either way: passes;
 * - grew: more than TOLERANCE dearer: fails;
 * - shrank: more than TOLERANCE cheaper: passes, with a reminder to update the snapshot;
 * - new / missing: measured but not in the snapshot, or the other way round: fails.
 */
export type Verdict = "same" | "within" | "grew" | "shrank" | "new" | "missing";

export interface SnapshotRow {
  op: string;
  snapshot?: number;
  measured?: number;
  verdict: Verdict;
}

export interface SnapshotComparison {
  rows: SnapshotRow[];
  /** A figure grew beyond the tolerance, or the ops differ. */
  failed: boolean;
  /** A figure shrank beyond the tolerance: the snapshot should be updated. */
  stale: boolean;
}

/** Compares measured figures with the snapshot's, op by op (snapshot order, then new ops). */
export function compareSnapshot(
  snapshot: Record<string, number>,
  measured: Record<string, number>,
  tolerance = TOLERANCE,
): SnapshotComparison {
  const ops = [...Object.keys(snapshot), ...Object.keys(measured).filter((op) => !(op in snapshot))];
  const rows = ops.map((op): SnapshotRow => {
    const [before, after] = [snapshot[op], measured[op]];
    if (before === undefined) return { op, measured: after, verdict: "new" };
    if (after === undefined) return { op, snapshot: before, verdict: "missing" };
    const change = (after - before) / before;
    const verdict = after === before ? "same" : change > tolerance ? "grew" : change < -tolerance ? "shrank" : "within";
    return { op, snapshot: before, measured: after, verdict };
  });
  const failing: Verdict[] = ["grew", "new", "missing"];
  return {
    rows,
    failed: rows.some((row) => failing.includes(row.verdict)),
    stale: rows.some((row) => row.verdict === "shrank"),
  };
}

/** One line per op: the snapshot's figure, the measured one, the change and the verdict. */
export function formatComparison({ rows }: SnapshotComparison): string[] {
  const figure = (gas?: number) => (gas === undefined ? "-" : gas.toLocaleString("en-US"));
  const width = Math.max(...rows.map((row) => row.op.length));
  return rows.map(({ op, snapshot, measured, verdict }) => {
    const change =
      snapshot !== undefined && measured !== undefined
        ? ` (${measured >= snapshot ? "+" : ""}${((100 * (measured - snapshot)) / snapshot).toFixed(2)}%)`
        : "";
    return `${op.padEnd(width)}  ${figure(snapshot).padStart(9)} -> ${figure(measured).padStart(9)}${change}  ${verdict}`;
  });
}

/** The snapshot of the DisCO's figures measured with `members` members. */
export function snapshotOf(members: number, gas: Record<string, number>): GasSnapshot {
  return {
    about:
      `Gas of the DisCO's calls with ${members} members (receipt gasUsed), as \`npm run bench\` measures them. ` +
      `\`npm test\` fails when one grows more than ${100 * TOLERANCE}%; \`npm run bench -- --check --update-snapshot\` ` +
      "rewrites this file.",
    members,
    gas,
  };
}

export function readSnapshot(path = SNAPSHOT_PATH): GasSnapshot {
  return JSON.parse(readFileSync(path, "utf8")) as GasSnapshot;
}

/** Writes the snapshot one figure a line, as Prettier formats JSON, so that a review diff names the op that moved. */
export function writeSnapshot(snapshot: GasSnapshot, path = SNAPSHOT_PATH): void {
  writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
}
