/** A history cache in files under cache/history/ (gitignored): Node only, the one file of history that reads disks. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../deployments.ts";
import type { HistoryCache, HistorySnapshot, SavedFolder } from "@disco-ledger/sdk/history";

/** The cache's default folder. */
export const HISTORY_CACHE_DIR = join(ROOT, "cache", "history");

/** JSON files, one per key (and kind), in `dir`. A missing or unreadable file is nothing saved. */
function jsonFiles<T>(dir: string, suffix: string) {
  const path = (key: string) => join(dir, `${key.replace(/[^\w.-]/g, "_")}${suffix}.json`);
  return {
    load: async (key: string): Promise<T | undefined> => {
      try {
        return JSON.parse(readFileSync(path(key), "utf8")) as T;
      } catch {
        return undefined;
      }
    },
    save: async (key: string, value: T) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path(key), JSON.stringify(value));
    },
  };
}

/** Snapshots of fetched logs, one file per key, in `dir`. */
export function fileCache(dir: string = HISTORY_CACHE_DIR): HistoryCache {
  return jsonFiles<HistorySnapshot>(dir, "");
}

/**
 * Folded books (a HistoryFolder's `save()`), beside the snapshot of the same key (`<key>-folder.json`): a rerun
 * folds only the logs fetched since. What a file holds is checked when resumed from (createHistoryFolder,
 * logsAfter), never trusted as it is.
 */
export function folderCache(dir: string = HISTORY_CACHE_DIR) {
  return jsonFiles<SavedFolder>(dir, "-folder");
}
