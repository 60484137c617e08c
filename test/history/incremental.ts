import { expect } from "chai";
import { toEventSelector } from "viem";
import { createHistoryFolder, foldSnapshot, logsAfter, type RawLog, type SavedFolder } from "@disco-ledger/sdk/history";
import { connection } from "../helpers/disco.ts";
import { recordedDemo } from "../helpers/demo.ts";

/** `logs` cut before each of `cuts` (indexes into it, in order). */
const slices = (logs: readonly RawLog[], cuts: number[]) =>
  [0, ...cuts, logs.length].slice(1).map((end, i, ends) => logs.slice(i === 0 ? 0 : ends[i - 1], end));

describe("createHistoryFolder", () => {
  it("folds a history applied in slices into exactly the state of folding it at once", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { logs } = demo.snapshot;
    const once = foldSnapshot(demo.snapshot, demo.deployment);
    // Every block a slice, as a page following new blocks gets them; then uneven cuts, inside blocks too.
    const blocks = logs.map((_, i) => i).filter((i) => i > 0 && logs[i].blockNumber !== logs[i - 1].blockNumber);
    const uneven = [1, 2, 17, Math.floor(logs.length / 3), Math.floor(logs.length / 3) + 1, logs.length - 1];
    for (const cuts of [blocks, uneven]) {
      const folder = createHistoryFolder(demo.deployment);
      for (const slice of slices(logs, cuts)) folder.apply(slice);
      expect(folder.state).to.deep.equal(once.state);
      expect(folder.decoded).to.deep.equal(once.decoded);
    }
  });

  it("resumes from the decoded events a cache kept (structured clones) as from their logs", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { logs } = demo.snapshot;
    const once = foldSnapshot(demo.snapshot, demo.deployment);
    const cut = Math.floor(logs.length / 2);
    const kept = structuredClone(foldSnapshot({ logs: logs.slice(0, cut) }, demo.deployment).decoded);
    const folder = createHistoryFolder(demo.deployment);
    folder.applyDecoded(kept);
    folder.apply(logs.slice(cut));
    expect(folder.state).to.deep.equal(once.state);
    expect(folder.decoded).to.deep.equal(once.decoded);
  });

  it("resumes from a folder saved through JSON as if it had folded the whole history at once", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { logs } = demo.snapshot;
    const once = foldSnapshot(demo.snapshot, demo.deployment);
    const half = createHistoryFolder(demo.deployment);
    half.apply(logs.slice(0, Math.floor(logs.length / 2)));
    const saved = JSON.parse(JSON.stringify(half.save())) as SavedFolder;
    const folder = createHistoryFolder(demo.deployment, saved);
    folder.apply(logsAfter(folder.decoded, logs) ?? []);
    expect(folder.state).to.deep.equal(once.state);
    expect(folder.decoded).to.deep.equal(once.decoded);
  });

  it("refuses logs older than those applied, and any more (or saving) after a fold failed", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { logs } = demo.snapshot;
    const folder = createHistoryFolder(demo.deployment);
    folder.apply(logs.slice(0, 10));
    expect(() => folder.apply(logs.slice(5, 6))).to.throw(/Logs out of order/);

    const broken = createHistoryFolder(demo.deployment);
    // The first period opened twice.
    const opened = logs.findIndex((log) => log.topics[0] === toEventSelector("PeriodOpened(uint32,uint48)"));
    expect(() =>
      broken.apply([...logs.slice(0, opened + 1), { ...logs[opened], index: logs[opened].index + 1000 }]),
    ).to.throw(/Impossible history/);
    expect(() => broken.apply(logs.slice(opened + 1))).to.throw(/fold the history again/);
    expect(() => broken.save()).to.throw(/fold the history again/);
  });
});
