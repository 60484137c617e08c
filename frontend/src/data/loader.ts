/**
 * A DisCO's state in the browser, by the scripts' own history module: fetch the logs (resuming where the last visit
 * stopped), decode only the new ones, fold every event into the books. The cache holds decoded events, so a second
 * visit folds at once and then asks the chain only for what is new.
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
import type { Deployment } from "../../../scripts/lib/deployments.ts";
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

/** The cache key: chain, governor, and the deployment block's hash, which a restarted local chain changes. */
export async function historyKey(reader: ChainReader, deployment: Deployment): Promise<string> {
  const hash = await reader.getBlockHash(deployment.startBlock);
  return `${deployment.chainId}:${deployment.contracts.governor.address.toLowerCase()}:${hash}`;
}

const fold = (events: DecodedEvent[], deployment: Deployment) =>
  foldHistory(events, deployment.contracts.treasury.address);

/** The cached books, if any and still foldable; a cache the fold refuses is dropped. */
export async function loadCached(
  store: HistoryStore,
  key: string,
  deployment: Deployment,
): Promise<(LoadedHistory & { stored: StoredHistory }) | undefined> {
  const stored = await store.get(key);
  if (!stored) return undefined;
  try {
    const state = fold(stored.events, deployment);
    return { state, events: stored.events, lastBlock: stored.snapshot.lastBlock, fromCache: true, stored };
  } catch {
    await store.delete(key);
    return undefined;
  }
}

/**
 * Brings `previous` (or nothing) up to the chain's head: fetches the logs after its last block, decodes them,
 * folds all events and saves them. Null when no block is new.
 */
export async function update(
  reader: ChainReader,
  deployment: Deployment,
  store: HistoryStore,
  key: string,
  previous: { events: DecodedEvent[]; stored?: StoredHistory } | undefined,
  onProgress?: (progress: FetchProgress) => void,
): Promise<(LoadedHistory & { stored: StoredHistory }) | null> {
  const head = await reader.getBlockNumber();
  const last = previous?.stored?.snapshot.lastBlock;
  if (last !== undefined && last > head) {
    // The chain is behind the cache: not the chain it came from. Start again.
    await store.delete(key);
    return update(reader, deployment, store, key, undefined, onProgress);
  }
  if (last !== undefined && last === head) return null;
  // fetchHistory resumes from a snapshot in its cache; ours carries no logs, so it returns only the new ones.
  const cache = memoryCache();
  if (previous?.stored) await cache.save(key, previous.stored.snapshot);
  const snapshot = await fetchHistory(reader, deployment, { toBlock: head, cache, cacheKey: key, onProgress });
  const decoded = decodeLogs(snapshot.logs, deployment.contracts);
  const events = [...(previous?.events ?? []), ...decoded.events];
  const state = fold(events, deployment);
  const stored: StoredHistory = { snapshot: { ...snapshot, logs: [] }, events };
  await store.put(key, stored);
  return { state, events, lastBlock: snapshot.lastBlock, fromCache: false, stored };
}
