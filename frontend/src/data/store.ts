/**
 * Where the browser keeps a DisCO's logs between visits: IndexedDB, one record per update (the logs of the blocks it
 * brought in), so that following the chain writes only what is new. A visit reads them all back in order.
 */
import type { HistorySnapshot } from "@disco-ledger/sdk/history";

export interface HistoryStore {
  /** Every update saved under `key`, in chain order. */
  get(key: string): Promise<HistorySnapshot[]>;
  /** Saves one update: its snapshot holds its own logs only. */
  add(key: string, update: HistorySnapshot): Promise<void>;
  delete(key: string): Promise<void>;
}

const DB = "disco-ledger";
const STORE = "updates";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      // Version 1 kept one record of decoded events per history; updates of raw logs replace it.
      if (db.objectStoreNames.contains("history")) db.deleteObjectStore("history");
      db.createObjectStore(STORE);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const request = act(db.transaction(STORE, mode).objectStore(STORE));
        request.onsuccess = () => {
          resolve(request.result as T);
          db.close();
        };
        request.onerror = () => {
          reject(request.error);
          db.close();
        };
      }),
  );
}

/** A history's updates sort by their last block under its key. */
const updatesOf = (key: string) => IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);

/** IndexedDB, or nothing kept where the browser refuses it (a private window may): the app still works, slower. */
export function indexedDbStore(): HistoryStore {
  const available = typeof indexedDB !== "undefined";
  return {
    get: async (key) =>
      available ? run<HistorySnapshot[]>("readonly", (s) => s.getAll(updatesOf(key))).catch(() => []) : [],
    add: async (key, update) => {
      if (available) await run("readwrite", (s) => s.put(update, [key, update.lastBlock])).catch(() => undefined);
    },
    delete: async (key) => {
      if (available) await run("readwrite", (s) => s.delete(updatesOf(key))).catch(() => undefined);
    },
  };
}

/** A store in memory, for tests. */
export function memoryStore(): HistoryStore & { entries: Map<string, HistorySnapshot[]> } {
  const entries = new Map<string, HistorySnapshot[]>();
  return {
    entries,
    get: async (key) => [...(entries.get(key) ?? [])],
    add: async (key, update) => void entries.set(key, [...(entries.get(key) ?? []), update]),
    delete: async (key) => void entries.delete(key),
  };
}
