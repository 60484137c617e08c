/** Saving a history folder as JSON and resuming from it, on the demo's recorded history (fixtures/demo-history.json). */
import { describe, expect, it } from "vitest";
import {
  createHistoryFolder,
  foldSnapshot,
  fromTaggedJson,
  logsAfter,
  SAVED_FOLDER_VERSION,
  toTaggedJson,
  type ContractName,
  type RawLog,
  type SavedFolder,
} from "@disco-ledger/sdk/history";
import recorded from "./fixtures/demo-history.json";

const { contracts, logs } = recorded as { contracts: Record<ContractName, { address: string }>; logs: RawLog[] };
const deployment = { contracts };

/** Through a file and back. */
const throughJson = (saved: SavedFolder): SavedFolder => JSON.parse(JSON.stringify(saved));

/** A folder that folded `logs` up to `cut`, saved. */
const savedAt = (cut: number) => {
  const folder = createHistoryFolder(deployment);
  folder.apply(logs.slice(0, cut));
  return throughJson(folder.save());
};

describe("the tagged JSON encoding", () => {
  it("carries bigints, Maps (bigint keys too), Sets, arrays and objects back unchanged", () => {
    const value = {
      id: 12n,
      negative: -(2n ** 200n),
      entries: new Map([[1n, { amount: 3n, tags: new Set(["a", "b"]) }]]),
      nested: [new Map([["k", [1, "x", true, null]]])],
    };
    expect(toTaggedJson(12n)).toEqual({ $bigint: "12" });
    expect(toTaggedJson(new Map([[1n, new Set([2])]]))).toEqual({ $map: [[{ $bigint: "1" }, { $set: [2] }]] });
    expect(fromTaggedJson(JSON.parse(JSON.stringify(toTaggedJson(value))))).toEqual(value);
  });

  it("refuses what it could not carry back rather than losing it", () => {
    expect(() => toTaggedJson({ a: undefined })).toThrow(/undefined/);
    expect(() => toTaggedJson(Number.NaN)).toThrow(/NaN/);
    expect(() => toTaggedJson(new Date(0))).toThrow(/Date/);
    expect(() => toTaggedJson({ $bigint: "1" })).toThrow(/keyed \$bigint/);
  });
});

describe("a saved history folder", () => {
  const once = foldSnapshot({ logs }, deployment);

  it("resumed from JSON at any cut, folds the rest into exactly the one-pass state and decoded events", () => {
    for (const cut of [0, 1, 17, Math.floor(logs.length / 2), logs.length - 1, logs.length]) {
      const folder = createHistoryFolder(deployment, savedAt(cut));
      const rest = logsAfter(folder.decoded, logs);
      expect(rest, `cut ${cut}`).toEqual(logs.slice(cut));
      folder.apply(rest ?? []);
      expect(folder.state, `cut ${cut}`).toEqual(once.state);
      expect(folder.decoded, `cut ${cut}`).toEqual(once.decoded);
    }
  });

  it("keeps the fold's own context beside the state: a resumed folder saves what it was resumed from", () => {
    const saved = savedAt(logs.length);
    const { firstOpenEntry } = fromTaggedJson(saved.progress) as { firstOpenEntry: bigint };
    // The demo's last period opened after entries of earlier ones: its first entry is not the first of all.
    const open = [...once.state.ledger.entries.values()].filter((e) => e.period === once.state.ledger.currentPeriod);
    expect(firstOpenEntry).toBeGreaterThan(1n);
    expect(firstOpenEntry).toBe(open[0]?.id ?? BigInt(once.state.ledger.entries.size + 1));
    expect(throughJson(createHistoryFolder(deployment, saved).save())).toEqual(saved);
  });

  it("is refused when of another version or deployment, or not a saved folder", () => {
    const saved = savedAt(10);
    expect(() => createHistoryFolder(deployment, { ...saved, version: SAVED_FOLDER_VERSION + 1 })).toThrow(
      new RegExp(`format version ${SAVED_FOLDER_VERSION + 1}, not ${SAVED_FOLDER_VERSION}`),
    );
    const other = { contracts: { ...contracts, ledger: { address: `0x${"12".repeat(20)}` } } };
    expect(() => createHistoryFolder(other, saved)).toThrow(/its ledger is 0x\w+, not 0x1212/);
    expect(() => createHistoryFolder(deployment, { ...saved, progress: null })).toThrow(/no fold progress/);
    expect(() => createHistoryFolder(deployment, { ...saved, decoded: {} })).toThrow(/no decoded history/);
  });

  it("finds no logs to resume with in a history that does not begin with those it folded", () => {
    const folder = createHistoryFolder(deployment, savedAt(20));
    expect(logsAfter(folder.decoded, logs.slice(0, 19))).toBeUndefined();
    expect(logsAfter(folder.decoded, logs.slice(1))).toBeUndefined();
    const altered = logs.map((log, i) => (i === 5 ? { ...log, transactionHash: `0x${"ab".repeat(32)}` } : log));
    expect(logsAfter(folder.decoded, altered)).toBeUndefined();
  });
});
