/** A history cache in files under cache/history/ (gitignored): Node only, the one file of history that reads disks. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../deployments.ts";
import type { HistoryCache, HistorySnapshot } from "@disco-ledger/sdk/history";

/** The cache's default folder. */
export const HISTORY_CACHE_DIR = join(ROOT, "cache", "history");

/** Snapshots as JSON files, one per key, in `dir`. A missing or unreadable file is no snapshot. */
export function fileCache(dir: string = HISTORY_CACHE_DIR): HistoryCache {
  const path = (key: string) => join(dir, `${key.replace(/[^\w.-]/g, "_")}.json`);
  return {
    load: async (key) => {
      try {
        return JSON.parse(readFileSync(path(key), "utf8")) as HistorySnapshot;
      } catch {
        return undefined;
      }
    },
    save: async (key, snapshot) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path(key), JSON.stringify(snapshot));
    },
  };
}
