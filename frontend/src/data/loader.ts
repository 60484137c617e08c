/**
 * A DisCO's state in the browser, by the SDK's history module: fetch the logs (resuming where the last visit
 * stopped), decode only the new ones, fold them into the books. The cache holds decoded events, so a second visit
 * folds at once and then asks the chain only for what is new. A follower keeps one deployment's books for the
 * page's life and brings them forward one update at a time (data/history.tsx runs it inside queries).
 */
import {
  decodeLogs,
  fetchHistory,
  foldHistory,
  memoryCache,
  type DecodedEvent,
  type FetchProgress,
  type HistoryState,
} from "@disco-ledger/sdk/history";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import type { ChainReader } from "./rpcLogs.ts";
import type { HistoryStore, StoredHistory } from "./store.ts";

export interface LoadedHistory {
  state: HistoryState;
  events: DecodedEvent[];
  /** The last block folded in. */
  lastBlock: number;
  /** Whether these books came from the cache without asking the chain for logs (yet). */
  fromCache: boolean;
}

type Followed = LoadedHistory & { stored: StoredHistory };

/** The cache key: chain, governor, and the deployment block's hash, which a restarted local chain changes. */
export async function historyKey(reader: ChainReader, deployment: Deployment): Promise<string> {
  const hash = await reader.getBlockHash(deployment.startBlock);
  return `${deployment.chainId}:${deployment.contracts.governor.address.toLowerCase()}:${hash}`;
}

/** The books of decoded events, from the first (previous undefined) or after `previous`'s. */
function fold(previous: DecodedEvent[], added: DecodedEvent[], deployment: Deployment) {
  const events = previous.length ? [...previous, ...added] : added;
  return { events, state: foldHistory(events, deployment.contracts.treasury.address) };
}

/** The cached books, if any and still foldable; a cache the fold refuses is dropped. */
export async function loadCached(
  store: HistoryStore,
  key: string,
  deployment: Deployment,
): Promise<Followed | undefined> {
  const stored = await store.get(key);
  if (!stored) return undefined;
  try {
    const { state, events } = fold([], stored.events, deployment);
    return { state, events, lastBlock: stored.snapshot.lastBlock, fromCache: true, stored };
  } catch {
    await store.delete(key);
    return undefined;
  }
}

/**
 * Brings `previous` (or nothing) up to `toBlock`: fetches the logs after its last block, decodes and folds only
 * those, and saves them. `previous` itself when no block is new.
 */
export async function update(
  reader: ChainReader,
  deployment: Deployment,
  store: HistoryStore,
  key: string,
  previous: Followed | undefined,
  toBlock: number,
  onProgress?: (progress: FetchProgress) => void,
): Promise<Followed> {
  const last = previous?.stored.snapshot.lastBlock;
  if (last !== undefined && last > toBlock) {
    // The chain is behind the cache: not the chain it came from. Start again.
    await store.delete(key);
    return update(reader, deployment, store, key, undefined, toBlock, onProgress);
  }
  if (previous && last === toBlock) return previous;
  // fetchHistory resumes from a snapshot in its cache; ours carries no logs, so it returns only the new ones.
  const cache = memoryCache();
  if (previous) await cache.save(key, previous.stored.snapshot);
  const snapshot = await fetchHistory(reader, deployment, { toBlock, cache, cacheKey: key, onProgress });
  const started = performance.now();
  const { state, events } = fold(
    previous?.events ?? [],
    decodeLogs(snapshot.logs, deployment.contracts).events,
    deployment,
  );
  // This update's decoding and folding, on the Performance timeline for the load benchmark.
  performance.measure("disco-fold", { start: started, detail: { events: events.length, logs: snapshot.logs.length } });
  const stored: StoredHistory = { snapshot: { ...snapshot, logs: [] }, events };
  await store.put(key, stored);
  return { state, events, lastBlock: snapshot.lastBlock, fromCache: false, stored };
}

/** One deployment's books in a page, kept across updates; each update waits for the one before. */
export interface HistoryFollower {
  /** The books the cache holds, or null. */
  cached(): Promise<LoadedHistory | null>;
  /** The books up to `block` (at least: an update already past it is kept). */
  advance(block: number): Promise<LoadedHistory>;
}

export function historyFollower(
  reader: ChainReader,
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
  const keyOf = () => (key ??= historyKey(reader, deployment));
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
        current = await update(reader, deployment, store, await keyOf(), current, block, onProgress);
        return current;
      }),
  };
}
