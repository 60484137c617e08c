import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { fileCache } from "../../scripts/lib/history/file-cache.ts";
import type { HistorySnapshot } from "@disco-ledger/sdk/history";

describe("fileCache", () => {
  it("saves a snapshot as a file and loads it back; a missing key loads nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "history-"));
    try {
      const cache = fileCache(dir);
      const snapshot: HistorySnapshot = {
        chainId: 31337,
        addresses: ["0x01"],
        treasury: "0x02",
        token: "0x03",
        fromBlock: 1,
        lastBlock: 9,
        logs: [{ blockNumber: 3, index: 0, transactionHash: "0x04", address: "0x01", topics: ["0x05"], data: "0x" }],
      };
      await cache.save("history-31337/0xAbC", snapshot);
      expect(await cache.load("history-31337/0xAbC")).to.deep.equal(snapshot);
      expect(await cache.load("other")).to.equal(undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
