/**
 * The DisCO's books for every page, as queries: the cached books (IndexedDB), shown at once and then confirmed
 * against the chain (dropped if it is not theirs), then the books at each new block, each folded onto the last by one
 * follower per app (data/loader.ts). The cache's reading, the chain's head and (with nothing cached) the whole
 * history's fetch start before the app's code has run (data/early.ts); prefetchHistory starts the queries on them
 * before React renders, which waits for the cached books. The history code comes with the first download and the
 * fetch reads through a bare client, so that neither the cached books nor the first fetch wait for a chunk.
 * The app's own transactions bring the books to their block at once (refresh). Marks `disco-figures` on the
 * Performance timeline when the books are first ready, which the load benchmark reads (scripts/app-bench.ts).
 */
import { keepPreviousData, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { getBlockNumber } from "viem/actions";
import { useBlockNumber, useClient } from "wagmi";
import { getBlockNumberQueryKey } from "wagmi/query";
import type { FetchProgress } from "@disco-ledger/sdk/history";
import { chain, deployment } from "../chain.ts";
import { cachedUpdates, firstHead, prefetched, progress, store } from "./early.ts";
import { historyFollower, loadCached, type HistoryFollower, type LoadedHistory } from "./loader.ts";
import { config } from "../wagmi.ts";
import { historyKey } from "./store.ts";

export interface HistoryView {
  status: "loading" | "ready" | "error";
  loaded?: LoadedHistory;
  /** How far the first fetch has come, until the books are ready. */
  progress?: FetchProgress;
  error?: string;
  /** Brings the books up to `block` (default: the chain's head) and shows them. */
  refresh: (block?: bigint) => Promise<void>;
}

/** Every query of this deployment's history starts with this key. */
export const HISTORY_KEY = ["disco-history", deployment.chainId, deployment.contracts.governor.address] as const;

/** The cached books, read (from the visit's start: data/early.ts) and folded once per page load. */
let fromCache: ReturnType<typeof loadCached> | undefined;
function cachedOf(): ReturnType<typeof loadCached> {
  fromCache ??= loadCached(store, historyKey(deployment), deployment, cachedUpdates);
  return fromCache;
}

/**
 * The app's one follower, kept across refetches, reading through the app's one client (wagmi's, which batches
 * requests made together): a bare client, so the first fetch waits for no chunk of viem's actions.
 */
let follower: HistoryFollower | undefined;
function followerOf(): HistoryFollower {
  follower ??= historyFollower(config.getClient({ chainId: chain.id }), deployment, store, {
    cached: cachedOf(),
    prefetched,
    onProgress: progress.set,
  });
  return follower;
}

let shown = false;
/** Marks the first books of this page load for the benchmark. */
function firstShown<T extends LoadedHistory | null>(books: T): T {
  if (books && !shown) {
    shown = true;
    performance.mark("disco-figures", { detail: { fromCache: books.fromCache, events: books.events.length } });
  }
  return books;
}

// Books are large and change only by folding: no structural sharing (a deep compare of every event per block).
/** The query of the cached books, which holds them (or null) once read. */
export const cachedBooksKey = [...HISTORY_KEY, "cache"];
const cachedBooks = () => ({
  queryKey: cachedBooksKey,
  queryFn: async () => firstShown((await cachedOf()) ?? null),
  staleTime: Infinity,
  gcTime: Infinity,
  structuralSharing: false,
});

/** Whether the cached books are of the chain read now; until they are, they are shown, and if not, no longer. */
const cacheConfirmed = () => ({
  queryKey: [...HISTORY_KEY, "confirmed"],
  queryFn: () => followerOf().confirmed(),
  staleTime: Infinity,
  gcTime: Infinity,
});

const booksAt = (block: bigint) => ({
  queryKey: [...HISTORY_KEY, "block", Number(block)],
  queryFn: async () => firstShown(await followerOf().advance(Number(block))),
  staleTime: Infinity,
  gcTime: 10_000,
  structuralSharing: false,
});

const HEAD_KEY = getBlockNumberQueryKey({ chainId: chain.id });

/**
 * Starts the books' queries as the app starts, before React renders and its hooks ask: the cache and its
 * confirmation, and the chain's head with the books at it (the head and the deployment block's hash in one batched
 * request). Resolves once the cached books are read (and folded, if any), so that the first render can show them.
 */
export function prefetchHistory(queryClient: QueryClient): Promise<void> {
  const cached = queryClient.prefetchQuery(cachedBooks());
  void queryClient.prefetchQuery(cacheConfirmed());
  void firstHead
    .then((head) => {
      if (queryClient.getQueryData(HEAD_KEY) === undefined) queryClient.setQueryData(HEAD_KEY, head);
      return queryClient.prefetchQuery(booksAt(head));
    })
    // The hooks ask again, and show the error.
    .catch(() => undefined);
  return cached;
}

export function useHistory(): HistoryView {
  const client = useClient({ chainId: chain.id });
  const { data: head } = useBlockNumber({ chainId: chain.id, watch: true });
  const cached = useQuery(cachedBooks());
  const confirmed = useQuery(cacheConfirmed());
  // The follower starts from the cache once it is confirmed, so the books at a block never wait for this query.
  const live = useQuery({ ...booksAt(head ?? 0n), enabled: head !== undefined, placeholderData: keepPreviousData });
  const fetching = useSyncExternalStore(progress.subscribe, progress.get);
  const queryClient = useQueryClient();
  const refresh = useCallback(
    async (block?: bigint) => {
      const to = block ?? (await getBlockNumber(client, { cacheTime: 0 }));
      await queryClient.fetchQuery(booksAt(to));
      const seen = queryClient.getQueryData<bigint>(HEAD_KEY);
      if (seen === undefined || to > seen) queryClient.setQueryData(HEAD_KEY, to);
    },
    [client, queryClient],
  );
  // Cached books that the chain does not confirm (or that can't be confirmed) are not shown.
  const loaded = live.data ?? (confirmed.data === false || confirmed.isError ? undefined : cached.data) ?? undefined;
  const error = live.error ?? cached.error ?? confirmed.error;
  return {
    status: loaded ? "ready" : error ? "error" : "loading",
    loaded,
    progress: loaded ? undefined : fetching,
    error: error?.message,
    refresh,
  };
}

/** The folded state, once loaded; pages show their loading state until then. */
export function useBooks() {
  return useHistory().loaded?.state;
}
