/**
 * A DisCO's state in the browser, by the SDK's history module: fetch the logs (resuming where the last visit
 * stopped) and fold only the new ones onto the books with the deployment's history folder. The cache holds the
 * logs of each update, so a second visit folds them at once and then asks the chain only for what is new. A
 * follower keeps one deployment's books for the page's life and brings them forward one update at a time
 * (data/history.tsx runs it inside queries).
 */
import type { PublicClient } from "viem";
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
import type { HistoryStore } from "./store.ts";

export interface LoadedHistory {
  state: HistoryState;
  events: readonly DecodedEvent[];
  /** The last block folded in. */
  lastBlock: number;
  /** Whether these books came from the cache without asking the chain for logs (yet). */
  fromCache: boolean;
}

/** The books with the folder they came from and where their fetch stopped (a snapshot without logs). */
interface Followed extends LoadedHistory {
  folder: HistoryFolder;
  snapshot: HistorySnapshot;
}

/** The cache key: chain, governor, and the deployment block's hash, which a restarted local chain changes. */
export async function historyKey(client: PublicClient, deployment: Deployment): Promise<string> {
  const { hash } = await client.getBlock({ blockNumber: BigInt(deployment.startBlock) });
  return `${deployment.chainId}:${deployment.contracts.governor.address.toLowerCase()}:${hash}`;
}

/**
 * The folder's books as the pages see them: new objects at each update (the folder folds in place), so that what
 * the pages compute from them is computed again.
 */
function followed(folder: HistoryFolder, snapshot: HistorySnapshot, fromCache: boolean): Followed {
  const state = { ...folder.state };
  const events = folder.decoded.events.slice();
  return { folder, snapshot: { ...snapshot, logs: [] }, state, events, lastBlock: snapshot.lastBlock, fromCache };
}

/** The cached books, if any and still foldable; a cache the fold refuses is dropped. */
export async function loadCached(
  store: HistoryStore,
  key: string,
  deployment: Deployment,
): Promise<Followed | undefined> {
  const updates = await store.get(key);
  const last = updates.at(-1);
  if (!last) return undefined;
  try {
    const folder = createHistoryFolder(deployment);
    for (const update of updates) folder.apply(update.logs);
    return followed(folder, { ...last, fromBlock: updates[0].fromBlock }, true);
  } catch {
    await store.delete(key);
    return undefined;
  }
}

/**
 * Brings `previous` (or nothing) up to `toBlock`: fetches the logs after its last block, folds only those onto its
 * books and saves them. `previous` itself when no block is new.
 */
export async function update(
  client: PublicClient,
  deployment: Deployment,
  store: HistoryStore,
  key: string,
  previous: Followed | undefined,
  toBlock: number,
  onProgress?: (progress: FetchProgress) => void,
): Promise<Followed> {
  const last = previous?.snapshot.lastBlock;
  if (last !== undefined && last > toBlock) {
    // The chain is behind the cache: not the chain it came from. Start again.
    await store.delete(key);
    return update(client, deployment, store, key, undefined, toBlock, onProgress);
  }
  if (previous && last === toBlock) return previous;
  // fetchHistory resumes from a snapshot in its cache; ours carries no logs, so it returns only the new ones.
  const cache = memoryCache();
  if (previous) await cache.save(key, previous.snapshot);
  const snapshot = await fetchHistory(client, deployment, { toBlock, cache, cacheKey: key, onProgress });
  const folder = previous?.folder ?? createHistoryFolder(deployment);
  const started = performance.now();
  folder.apply(snapshot.logs);
  // This update's decoding and folding, on the Performance timeline for the load benchmark.
  performance.measure("disco-fold", {
    start: started,
    detail: { events: folder.decoded.events.length, logs: snapshot.logs.length },
  });
  await store.add(key, snapshot);
  return followed(folder, snapshot, false);
}

/** One deployment's books in a page, kept across updates; each update waits for the one before. */
export interface HistoryFollower {
  /** The books the cache holds, or null. */
  cached(): Promise<LoadedHistory | null>;
  /** The books up to `block` (at least: an update already past it is kept). */
  advance(block: number): Promise<LoadedHistory>;
}

export function historyFollower(
  client: PublicClient,
  deployment: Deployment,
  store: HistoryStore,
  onProgress?: (progress: FetchProgress) => void,
): HistoryFollower {
  let key: Promise<string> | undefined;
  let current: Followed | undefined;
  // Updates apply in order: the next starts from the books the last one left.
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work);
    last = next.catch(() => undefined);
    return next;
  };
  const keyOf = () => {
    key ??= historyKey(client, deployment);
    return key;
  };
  return {
    cached: () =>
      inTurn(async () => {
        current ??= await loadCached(store, await keyOf(), deployment);
        return current ?? null;
      }),
    advance: (block) =>
      inTurn(async () => {
        // A head older than books this page fetched is an update overtaken by a later one. Books from the cache
        // ahead of the chain came from another chain: update() starts again.
        if (current && !current.fromCache && current.lastBlock >= block) return current;
        current = await update(client, deployment, store, await keyOf(), current, block, onProgress);
        return current;
      }),
  };
}
