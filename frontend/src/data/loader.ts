/**
 * A DisCO's state in the browser, by the SDK's history module: fetch the logs (resuming where the last visit
 * stopped) and fold only the new ones onto the books with the deployment's history folder. The cache holds the
 * decoded events of each update, so a second visit folds them at once, without decoding, and then asks the chain
 * only for what is new. A follower keeps one deployment's books for the page's life and brings them forward one
 * update at a time (data/history.tsx runs it inside queries).
 */
import type { Client } from "viem";
import { getBlock } from "viem/actions";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import {
  createHistoryFolder,
  fetchHistory,
  memoryCache,
  type DecodedEvent,
  type FetchProgress,
  type HistoryFolder,
  type HistorySnapshot,
  type HistoryState,
} from "@disco-ledger/sdk/history";
import type { PrefetchedHistory } from "./early.ts";
import { historyKey, type CachedUpdate, type HistoryStore } from "./store.ts";

export interface LoadedHistory {
  state: HistoryState;
  events: readonly DecodedEvent[];
  /** The last block folded in. */
  lastBlock: number;
  /** Whether these books came from the cache without asking the chain for logs (yet). */
  fromCache: boolean;
}

/** The books with the folder they came from, and where their fetch stopped (a snapshot without logs). */
export interface FollowedHistory extends LoadedHistory {
  folder: HistoryFolder;
  snapshot: HistorySnapshot;
}

/** Books from the cache, with the deployment block's hash on the chain they were fetched from. */
export interface CachedHistory extends FollowedHistory {
  hash: string;
}

/**
 * Where one deployment's books are cached, and the chain they are fetched from: its deployment block's hash, which
 * may still be on its way while the logs are fetched and folded (an update is saved once it has come).
 */
export interface CacheSlot {
  store: HistoryStore;
  key: string;
  hash: Promise<string>;
}

/** The hash of the deployment's first block, which a restarted local chain changes. */
export async function deploymentBlockHash(client: Client, deployment: Deployment): Promise<string> {
  const { hash } = await getBlock(client, { blockNumber: BigInt(deployment.startBlock) });
  return hash;
}

/**
 * The folder's books as the pages see them: new objects at each update (the folder folds in place), so that what
 * the pages compute from them is computed again.
 */
function followed(folder: HistoryFolder, snapshot: HistorySnapshot, fromCache: boolean): FollowedHistory {
  const state = { ...folder.state };
  const events = folder.decoded.events.slice();
  return {
    folder,
    snapshot: { ...snapshot, logs: [] },
    state,
    events,
    lastBlock: snapshot.lastBlock,
    fromCache,
  };
}

/**
 * The cached books, if any and still foldable, not yet checked against the chain (their `hash` says which chain
 * they came from); a cache the fold refuses, or of more than one chain, is dropped. `stored`: the updates under
 * `key`, if their reading has begun already.
 */
export async function loadCached(
  store: HistoryStore,
  key: string,
  deployment: Deployment,
  stored: Promise<CachedUpdate[]> = store.get(key),
): Promise<CachedHistory | undefined> {
  const updates = await stored;
  const last = updates.at(-1);
  if (!last) return undefined;
  try {
    if (updates.some((update) => update.hash !== last.hash)) throw new Error("Updates of more than one chain");
    const started = performance.now();
    const folder = createHistoryFolder(deployment);
    for (const update of updates) folder.applyDecoded(update.decoded);
    // The cached events' fold, on the Performance timeline for the load benchmark.
    performance.measure("disco-cache-fold", { start: started, detail: { events: folder.decoded.events.length } });
    const snapshot = { ...last.snapshot, fromBlock: updates[0].snapshot.fromBlock };
    return { ...followed(folder, snapshot, true), hash: last.hash };
  } catch {
    await store.delete(key);
    return undefined;
  }
}

export interface UpdateOptions {
  onProgress?: (progress: FetchProgress) => void;
  /** The whole history up to `toBlock`, fetched already: used when there are no books to build on. */
  fetched?: Promise<HistorySnapshot>;
}

/**
 * Brings `previous` (or nothing) up to `toBlock`: fetches the logs after its last block, folds only those onto its
 * books and saves their decoded events under the slot's hash (waiting for neither: an update whose hash can't be
 * read is not saved). `previous` itself when no block is new.
 */
export async function update(
  client: Client,
  deployment: Deployment,
  slot: CacheSlot,
  previous: FollowedHistory | undefined,
  toBlock: number,
  options: UpdateOptions = {},
): Promise<FollowedHistory> {
  const last = previous?.snapshot.lastBlock;
  if (last !== undefined && last > toBlock) {
    // The chain is behind the cache: not the chain it came from. Start again.
    void slot.store.delete(slot.key);
    return update(client, deployment, slot, undefined, toBlock, options);
  }
  if (previous && last === toBlock) return previous;
  const fetch = async () => {
    // fetchHistory resumes from a snapshot in its cache; ours carries no logs, so it returns only the new ones.
    const cache = memoryCache();
    if (previous) await cache.save(slot.key, previous.snapshot);
    return fetchHistory(client, deployment, {
      toBlock,
      cache,
      cacheKey: slot.key,
      onProgress: options.onProgress,
    });
  };
  // Before folding: an update whose fetch fails leaves the books as they were.
  const snapshot = await ((!previous && options.fetched) || fetch());
  const folder = previous?.folder ?? createHistoryFolder(deployment);
  const [events, unknown] = [folder.decoded.events.length, folder.decoded.unknown.length];
  const started = performance.now();
  try {
    folder.apply(snapshot.logs);
  } catch (error) {
    // The folder folds in place, so a fold that fails leaves it half done and refusing more: the cache it came from
    // goes, and the follower starts the books again from the chain.
    void slot.store.delete(slot.key);
    throw new FoldFailed(error);
  }
  // This update's decoding and folding, on the Performance timeline for the load benchmark.
  performance.measure("disco-fold", {
    start: started,
    detail: { events: folder.decoded.events.length, logs: snapshot.logs.length },
  });
  const decoded = { events: folder.decoded.events.slice(events), unknown: folder.decoded.unknown.slice(unknown) };
  const saved = { snapshot: { ...snapshot, logs: [] }, decoded };
  // Updates are saved in their order: each waits for the same hash, and the store writes in the order asked.
  slot.hash.then((hash) => slot.store.add(slot.key, { hash, ...saved })).catch(() => undefined);
  return followed(folder, snapshot, false);
}

/** New logs that would not fold onto the books: a history the contracts could not have made, or books gone wrong. */
export class FoldFailed extends Error {
  constructor(cause: unknown) {
    super(`The books could not take the chain's new logs: ${(cause as Error).message}`, { cause });
  }
}

/** One deployment's books in a page, kept across updates; each update waits for the one before. */
export interface HistoryFollower {
  /**
   * Whether the cached books (if any) are of the chain read now: false when its deployment block has another hash,
   * and then the cache is dropped; rejects when the chain can't be asked.
   */
  confirmed(): Promise<boolean>;
  /** The books up to `block` (at least: an update already past it is kept), from confirmed books only. */
  advance(block: number): Promise<LoadedHistory>;
}

export interface FollowerOptions {
  /** The cached books (loadCached), if their reading has begun already (as the app starts, before any client). */
  cached?: Promise<CachedHistory | undefined>;
  /** The whole history fetched before the follower was made (data/early.ts): the first books, if at its block. */
  prefetched?: Promise<PrefetchedHistory | undefined>;
  onProgress?: (progress: FetchProgress) => void;
}

/** A follower, which starts reading the cache (unless given its books) and asking the chain for its deployment block's hash at once. */
export function historyFollower(
  client: Client,
  deployment: Deployment,
  store: HistoryStore,
  options: FollowerOptions = {},
): HistoryFollower {
  const { onProgress } = options;
  const key = historyKey(deployment);
  const cached = options.cached ?? loadCached(store, key, deployment);
  const confirm = () =>
    Promise.all([cached, deploymentBlockHash(client, deployment)]).then(([books, hash]) => {
      const ok = !books || books.hash === hash;
      if (!ok) void store.delete(key);
      return { ok, hash };
    });
  let confirmation = confirm();
  // Not left unhandled before someone asks; asked again after a failure (the chain was out of reach).
  confirmation.catch(() => undefined);
  const confirmed = () => confirmation.catch(() => (confirmation = confirm()));
  let current: FollowedHistory | undefined;
  let started = false;
  // Updates apply in order: the next starts from the books the last one left.
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work);
    last = next.catch(() => undefined);
    return next;
  };
  return {
    confirmed: async () => (await confirmed()).ok,
    advance: (block) =>
      inTurn(async () => {
        // The prefetched history serves the first update only, and only at its own block.
        let fetched: Promise<HistorySnapshot> | undefined;
        if (!started) {
          // Cached books are built on once the chain confirms them; without any, the fetch starts at once.
          const [books, first] = await Promise.all([cached, options.prefetched?.catch(() => undefined)]);
          current = books && (await confirmed()).ok ? books : undefined;
          if (first?.toBlock === block) fetched = first.snapshot;
          started = true;
        }
        // A head older than books this page fetched is an update overtaken by a later one. Books from the cache
        // ahead of the chain came from another chain: update() starts again.
        if (current && !current.fromCache && current.lastBlock >= block) return current;
        const hash = confirmed().then((confirmation) => confirmation.hash);
        try {
          current = await update(client, deployment, { store, key, hash }, current, block, { onProgress, fetched });
        } catch (error) {
          // After a failed fold the next update folds the whole history afresh.
          if (error instanceof FoldFailed) current = undefined;
          throw error;
        }
        return current;
      }),
  };
}
