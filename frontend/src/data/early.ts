/**
 * A visit's first requests, sent before the app's code has run: index.html loads this small module on its own
 * (async, beside the app's larger download; vite.config.ts), and the app adopts what it started (data/history.tsx
 * imports the same module). It starts reading the cached books and asks the chain's head; when nothing is cached, it
 * fetches the whole history up to that head at once, which the app's follower folds if its first head is the same
 * (data/loader.ts). On a first visit to a build, index.html itself has asked for the whole history and the head
 * already (data/first-request.ts): their answer serves unless it failed. Nothing here decides what is shown: the
 * books are confirmed against the chain as ever.
 */
import { createClient, http } from "viem";
import { getBlockNumber } from "viem/actions";
import { fetchHistory, wholeHistoryOf, type FetchProgress, type HistorySnapshot } from "@disco-ledger/sdk/history";
import { chain, deployment, rpcUrl } from "../chain.ts";
import { firstAnswer } from "./first-request.ts";
import { historyKey, indexedDbStore } from "./store.ts";

/** A history fetched up to `toBlock` before the app asked. */
export interface PrefetchedHistory {
  toBlock: number;
  snapshot: Promise<HistorySnapshot>;
}

/** How far a fetch of the whole history has come, for the loading message. */
export const progress = (() => {
  let value: FetchProgress | undefined;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next: FetchProgress) => {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
})();

/** The app's one cache (one connection, so that its writes apply in order). */
export const store = indexedDbStore();

// When the first requests leave, on the Performance timeline for the load benchmark (scripts/app-bench.ts).
performance.mark("disco-early");

let logsAsked = () => {};
/**
 * Resolves once a request for logs has left: the app's first render waits for it when the whole history is
 * fetched (main.tsx), so that the round trips before it are not held up behind that render.
 */
export const logsRequested = new Promise<void>((resolve) => {
  logsAsked = resolve;
});

// The whole history's answer is megabytes: read by the browser at once (viem otherwise reads it chunk by chunk in
// JavaScript and refuses more than 10 MB; a tenth of a second at 10,000 events). The URL is the app's own RPC.
const client = createClient({
  chain,
  transport: http(rpcUrl, {
    batch: true,
    maxResponseBodySize: false,
    onFetchRequest: (_request, init) => {
      if (typeof init.body === "string" && init.body.includes('"eth_getLogs"')) logsAsked();
    },
  }),
});

const key = historyKey(deployment);
/** The cached updates of this deployment's books. */
export const cachedUpdates = store.get(key);
// The cache's reading, on the Performance timeline for the load benchmark.
void cachedUpdates.then(() => performance.measure("disco-cache-read", { start: "disco-early" }));

const mayBeCached = store.mayHave(key);
/** The whole history index.html asked for, if it did and its answer serves. */
const answered = mayBeCached ? undefined : firstAnswer()?.then((answer) => wholeHistoryOf(deployment, answer));
if (answered) logsAsked();

/** The chain's head as the visit began (a fresh answer, not viem's cached one; or the one index.html's request had). */
export const firstHead =
  answered?.then((whole) => (whole ? BigInt(whole.lastBlock) : getBlockNumber(client, { cacheTime: 0 }))) ??
  getBlockNumber(client, { cacheTime: 0 });

function fetchWhole(head: bigint): PrefetchedHistory {
  const toBlock = Number(head);
  const snapshot = fetchHistory(client, deployment, { toBlock, onProgress: progress.set });
  // Its adopter sees a failure; unadopted, it fails quietly (the app asks again).
  snapshot.catch(() => undefined);
  return { toBlock, snapshot };
}

// When the store's hint says nothing is cached, the fetch need not wait for the database to say so.
const fetchedAtOnce = mayBeCached
  ? undefined
  : (answered?.then(async (whole) =>
      whole ? { toBlock: whole.lastBlock, snapshot: Promise.resolve(whole) } : fetchWhole(await firstHead),
    ) ?? firstHead.then(fetchWhole));

/** Without cached books, the whole history up to the first head; otherwise nothing (the cache is built on). */
export const prefetched: Promise<PrefetchedHistory | undefined> = Promise.all([cachedUpdates, firstHead]).then(
  async ([updates, head]) => (updates.length > 0 ? undefined : ((await fetchedAtOnce) ?? fetchWhole(head))),
);
for (const started of [firstHead, fetchedAtOnce, prefetched]) started?.catch(() => undefined);
