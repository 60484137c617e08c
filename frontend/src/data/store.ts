/**
 * Where the browser keeps a DisCO's decoded history between visits: IndexedDB, which stores bigints and Maps as
 * they are. Decoding is most of a first load's time, so decoded events are kept, not raw logs.
 */
import type { DecodedEvent, HistorySnapshot } from "@disco-ledger/sdk/history";

/** What a visit leaves for the next: where the fetch stopped (with no logs) and every event decoded so far. */
export interface StoredHistory {
  snapshot: HistorySnapshot;
  events: DecodedEvent[];
}

export interface HistoryStore {
  get(key: string): Promise<StoredHistory | undefined>;
  put(key: string, value: StoredHistory): Promise<void>;
  delete(key: string): Promise<void>;
}

const DB = "disco-ledger";
const STORE = "history";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
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

/** IndexedDB, or nothing kept where the browser refuses it (a private window may): the app still works, slower. */
export function indexedDbStore(): HistoryStore {
  const available = typeof indexedDB !== "undefined";
  return {
    get: async (key) =>
      available ? run<StoredHistory | undefined>("readonly", (s) => s.get(key)).catch(() => undefined) : undefined,
    put: async (key, value) => {
      if (available) await run("readwrite", (s) => s.put(value, key)).catch(() => undefined);
    },
    delete: async (key) => {
      if (available) await run("readwrite", (s) => s.delete(key)).catch(() => undefined);
    },
  };
}

/** A store in memory, for tests. */
export function memoryStore(): HistoryStore & { entries: Map<string, StoredHistory> } {
  const entries = new Map<string, StoredHistory>();
  return {
    entries,
    get: async (key) => entries.get(key),
    put: async (key, value) => void entries.set(key, value),
    delete: async (key) => void entries.delete(key),
  };
}
