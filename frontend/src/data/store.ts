/**
 * Where the browser keeps a DisCO's books between visits: IndexedDB, one record per update (the events of the blocks
 * it brought in, decoded: structured clones keep bigints), so that following the chain writes only what is new and a
 * visit folds them back without decoding. A visit reads them all back in order.
 */
import type { Deployment } from "@disco-ledger/sdk/deployment";
import type { DecodedHistory, HistorySnapshot } from "@disco-ledger/sdk/history";

/** The cache key: chain and governor. The deployment block's hash is kept in each update and checked. */
export const historyKey = (deployment: Deployment): string =>
  `${deployment.chainId}:${deployment.contracts.governor.address.toLowerCase()}`;

/** One update as the cache keeps it. */
export interface CachedUpdate {
  /**
   * The hash of the deployment's first block on the chain the update was fetched from: a restarted local chain has
   * the same chain id and addresses but another hash, and its books are not these.
   */
  hash: string;
  /** Where the update's fetch started and stopped (its logs are not kept: `decoded` holds them). */
  snapshot: HistorySnapshot;
  decoded: DecodedHistory;
}

export interface HistoryStore {
  /** Every update saved under `key`, in chain order. */
  get(key: string): Promise<CachedUpdate[]>;
  /** Saves one update: its events only. */
  add(key: string, update: CachedUpdate): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Whether `key` may have updates, known at once, before reading them: false when none were saved in this browser,
   * or all were dropped since (a hint kept beside the database, which may be behind a write that never landed).
   */
  mayHave(key: string): boolean;
}

const DB = "disco-ledger";
const STORE = "updates";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 4);
    request.onupgradeneeded = () => {
      const db = request.result;
      // Version 1 kept one record of decoded events per history, version 2 raw logs per update, version 3 decoded
      // events whose ledger entries had a `uri` (now `note`): none is read now.
      for (const old of ["history", STORE]) if (db.objectStoreNames.contains(old)) db.deleteObjectStore(old);
      db.createObjectStore(STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab's newer version of the app upgrades the database: let it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  });
}

/** A history's updates sort by their last block under its key. */
const updatesOf = (key: string) => IDBKeyRange.bound([key, 0], [key, Number.MAX_SAFE_INTEGER]);

/** Where the hint of `mayHave` is kept in localStorage (index.html reads it too: vite.config.ts). */
export const cachedHintName = (key: string) => `${DB}:cached:${key}`;

/** The hint of `mayHave`, in localStorage; where it can't be kept, every key may have updates. */
const hint = {
  name: cachedHintName,
  get: (key: string) => {
    try {
      return localStorage.getItem(hint.name(key)) !== null;
    } catch {
      return true;
    }
  },
  set: (key: string, cached: boolean) => {
    try {
      if (cached) localStorage.setItem(hint.name(key), "1");
      else localStorage.removeItem(hint.name(key));
    } catch {
      // Without the hint, the app reads the database before fetching.
    }
  },
};

/**
 * IndexedDB, or nothing kept where the browser refuses it (a private window may): the app still works, slower. One
 * connection, so that writes apply in the order they are made (IndexedDB runs a connection's read-write transactions
 * in the order they were created); each write waits for the task that made it to end, so that cloning the books into
 * the database comes after the page has them (not after it has shown them: a visit may end at once, the write with it).
 */
export function indexedDbStore(): HistoryStore {
  if (typeof indexedDB === "undefined")
    return { get: async () => [], add: async () => undefined, delete: async () => undefined, mayHave: () => false };
  let db: Promise<IDBDatabase> | undefined;
  const run = <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest): Promise<T> => {
    db ??= open();
    return db.then(
      (connection) =>
        new Promise<T>((resolve, reject) => {
          const request = act(connection.transaction(STORE, mode).objectStore(STORE));
          request.onsuccess = () => resolve(request.result as T);
          request.onerror = () => reject(request.error);
        }),
    );
  };
  const later = (write: () => Promise<unknown>) =>
    new Promise<void>((resolve) =>
      setTimeout(
        () =>
          void write().then(
            () => resolve(),
            () => resolve(),
          ),
        0,
      ),
    );
  return {
    get: (key) => run<CachedUpdate[]>("readonly", (s) => s.getAll(updatesOf(key))).catch(() => []),
    add: (key, update) => {
      hint.set(key, true);
      return later(() => run("readwrite", (s) => s.put(update, [key, update.snapshot.lastBlock])));
    },
    delete: (key) => {
      hint.set(key, false);
      return later(() => run("readwrite", (s) => s.delete(updatesOf(key))));
    },
    mayHave: hint.get,
  };
}

/** A store in memory, for tests. */
export function memoryStore(): HistoryStore & { entries: Map<string, CachedUpdate[]> } {
  const entries = new Map<string, CachedUpdate[]>();
  return {
    entries,
    get: async (key) => [...(entries.get(key) ?? [])],
    add: async (key, update) => void entries.set(key, [...(entries.get(key) ?? []), update]),
    delete: async (key) => void entries.delete(key),
    mayHave: (key) => entries.has(key),
  };
}
