/**
 * Every log of a deployment, from its startBlock to a target block, in block ranges that adapt to what the provider
 * accepts, with retries for transient failures, resumable from a cache. Browser-safe: no Node imports.
 */
import {
  getAddress,
  numberToHex,
  pad,
  toEventSelector,
  type Address,
  type Client,
  type Hex,
  type PublicRpcSchema,
} from "viem";

/**
 * What fetching needs of a viem client: its JSON-RPC requests, nothing else. A PublicClient serves, and so does a
 * bare `createClient` (a browser's first download need not carry viem's actions).
 */
export type RpcClient = Pick<Client<never, never, never, PublicRpcSchema>, "request">;
import type { Deployment } from "../deployment.ts";

/** A log as fetch keeps it: what decoding and ordering need, and nothing that ties it to a provider. */
export interface RawLog {
  blockNumber: number;
  /** The log's index in its block. */
  index: number;
  transactionHash: string;
  address: string;
  topics: readonly string[];
  data: string;
}

/** What a cache keeps of a fetch, and what a later fetch resumes from. */
export interface HistorySnapshot {
  chainId: number;
  /** The addresses fetched (lowercase, sorted): a snapshot of other addresses is not resumed from. */
  addresses: string[];
  /** The treasury, whose token transfers in and out are fetched beside the contracts' own logs. */
  treasury: string;
  token: string;
  fromBlock: number;
  /** The last block fetched: a resumed fetch asks from the next one. */
  lastBlock: number;
  logs: RawLog[];
}

/** Where snapshots are kept between fetches: memory here, files in scripts/lib/history/file-cache.ts. */
export interface HistoryCache {
  load(key: string): Promise<HistorySnapshot | undefined>;
  save(key: string, snapshot: HistorySnapshot): Promise<void>;
}

/** A cache that lives as long as the process: for tests and for a page that fetches more than once. */
export function memoryCache(): HistoryCache & { entries: Map<string, HistorySnapshot> } {
  const entries = new Map<string, HistorySnapshot>();
  const copy = (s: HistorySnapshot): HistorySnapshot => ({ ...s, addresses: [...s.addresses], logs: [...s.logs] });
  return {
    entries,
    load: async (key) => {
      const snapshot = entries.get(key);
      return snapshot && copy(snapshot);
    },
    save: async (key, snapshot) => {
      entries.set(key, copy(snapshot));
    },
  };
}

/** Reported after each range fetched. */
export interface FetchProgress {
  fromBlock: number;
  toBlock: number;
  target: number;
  logs: number;
  rangeSize: number;
}

export interface FetchOptions {
  /** The last block to fetch (default: the head when the fetch starts). */
  toBlock?: number;
  cache?: HistoryCache;
  /** The cache key (default: chain id and governor address). */
  cacheKey?: string;
  /** The first and largest range, in blocks (default LOG_RANGE). */
  maxRange?: number;
  /** Attempts per request before a transient failure is final (default 5). */
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles it (default 500 ms). */
  baseDelayMs?: number;
  /** Successes in a row after which the range doubles again, up to maxRange (default 3). */
  growAfter?: number;
  onProgress?: (progress: FetchProgress) => void;
  /** How to wait between retries (tests pass one that doesn't). */
  sleep?: (ms: number) => Promise<void>;
}

/** The widest range asked for at first: public providers commonly refuse wider ones. */
export const LOG_RANGE = 10_000;

/** keccak256("Transfer(address,address,uint256)"), the ERC-20 Transfer topic. */
export const TRANSFER_TOPIC = toEventSelector("Transfer(address,address,uint256)");

/** How an error from a provider is to be handled. */
export type ErrorKind = "range" | "transient" | "unknown";

// Messages and codes of providers refusing a range or a result size: Alchemy ("Log response size exceeded",
// "up to a 2K block range"), Infura (-32005 "query returned more than 10000 results"), QuickNode ("eth_getLogs is
// limited to a 10,000 range"), Ankr, Cloudflare, BlastAPI, llamarpc and geth/erigon-based public RPCs.
const RANGE_PATTERNS = [
  /block range/i,
  /range (is )?too (large|wide|big)/i,
  /range.*exceed/i,
  /exceed.*range/i,
  /max(imum)? range/i,
  /is limited to/i,
  /more than \d[\d,]* (results|logs)/i,
  /too many (results|logs|blocks)/i,
  /response size/i,
  /result (set )?(is )?too large/i,
  /query timeout/i,
  /limit exceeded/i,
];
const TRANSIENT_PATTERNS = [
  /rate.?limit/i,
  /too many requests/i,
  /\b429\b/,
  /\b5\d\d\b/,
  /timed? ?out/i,
  /network error/i,
  /socket hang up/i,
  /econnreset|econnrefused|etimedout|enotfound|eai_again/i,
  /fetch failed/i,
  /bad gateway|service unavailable|internal server error|gateway timeout/i,
  /header not found/i,
];
const TRANSIENT_CODES = new Set<unknown>(["NETWORK_ERROR", "TIMEOUT", "SERVER_ERROR", 429, -32603]);

/**
 * Every message, code and status in an error and what it wraps: viem's errors keep the provider's answer in
 * `details` and `cause` (an RpcError's code, an HttpRequestError's status and body), other clients in `error` or
 * `info`.
 */
function describe(error: unknown, depth = 0): { text: string; codes: unknown[] } {
  if (depth > 4 || error === null || typeof error !== "object") return { text: String(error), codes: [] };
  const e = error as Record<string, unknown>;
  const body = typeof e.body === "object" && e.body !== null ? JSON.stringify(e.body) : e.body;
  // viem's message repeats its short message and details among lines of URL and version: those two say it all.
  const message = typeof e.shortMessage === "string" ? e.shortMessage : e.message;
  const status = typeof e.status === "number" ? `status ${e.status}` : undefined;
  const parts = [message, e.details, status, body, e.responseStatus].filter((p) => typeof p === "string");
  const codes: unknown[] = [e.code, e.status].filter((c) => c !== undefined);
  for (const inner of [e.error, e.info, e.cause]) {
    if (inner === undefined) continue;
    const nested = describe(inner, depth + 1);
    parts.push(nested.text);
    codes.push(...nested.codes);
  }
  return { text: parts.join(" | "), codes };
}

/** Whether a provider refused a range (or the results it would give), failed transiently, or said something else. */
export function classifyError(error: unknown): ErrorKind {
  const { text, codes } = describe(error);
  if (RANGE_PATTERNS.some((p) => p.test(text))) return "range";
  if (codes.some((c) => TRANSIENT_CODES.has(c)) || TRANSIENT_PATTERNS.some((p) => p.test(text))) return "transient";
  return "unknown";
}

const sortLogs = (logs: RawLog[]) => logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);

/** A log as eth_getLogs returns it: quantities in hex, addresses lowercase. */
interface RpcLog {
  blockNumber: Hex | null;
  logIndex: Hex | null;
  transactionHash: Hex | null;
  address: Address;
  topics: readonly Hex[];
  data: Hex;
}

/** The addresses whose own logs are fetched: every contract of the deployment but the token. */
export function deploymentAddresses(deployment: Deployment): string[] {
  return Object.entries(deployment.contracts)
    .filter(([name]) => name !== "token")
    .map(([, record]) => record.address.toLowerCase())
    .sort();
}

/** One eth_getLogs filter as sent: blocks as quantities (or the head's placeholder, wholeHistoryRequests). */
interface RpcLogFilter<To extends Hex | typeof HEAD_PLACEHOLDER = Hex> {
  address: Address | Address[];
  topics?: Array<Hex | null>;
  fromBlock: Hex;
  toBlock: To;
}

/** A deployment's three eth_getLogs filters over a range: its contracts' own logs, token transfers out, in. */
function logFilters<To extends Hex | typeof HEAD_PLACEHOLDER>(
  deployment: Deployment,
  fromBlock: Hex,
  toBlock: To,
): RpcLogFilter<To>[] {
  const treasury = pad(deployment.contracts.treasury.address.toLowerCase() as Hex, { size: 32 });
  const token = deployment.contracts.token.address.toLowerCase() as Address;
  return [
    { address: deploymentAddresses(deployment) as Address[], fromBlock, toBlock },
    { address: token, topics: [TRANSFER_TOPIC, treasury], fromBlock, toBlock },
    { address: token, topics: [TRANSFER_TOPIC, null, treasury], fromBlock, toBlock },
  ];
}

/** A range's logs from its three filters' answers; a transfer from the treasury to itself answers two: kept once. */
function mergeLogs(own: RawLog[], out: RawLog[], into: RawLog[]): RawLog[] {
  const outs = new Set(out.map((log) => `${log.blockNumber}:${log.index}`));
  return [...own, ...out, ...into.filter((log) => !outs.has(`${log.blockNumber}:${log.index}`))];
}

/** Logs as ethers and viem's own getLogs give them: the address checksummed (only the deployment's appear). */
function rawLogOf(deployment: Deployment): (log: RpcLog) => RawLog {
  const checksums = new Map(
    Object.values(deployment.contracts).map((c) => [c.address.toLowerCase(), getAddress(c.address)]),
  );
  return (log) => {
    if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) {
      throw new Error(`eth_getLogs answered a pending log of ${log.address} for mined blocks`);
    }
    return {
      blockNumber: Number(log.blockNumber),
      index: Number(log.logIndex),
      transactionHash: log.transactionHash,
      address: checksums.get(log.address.toLowerCase()) ?? getAddress(log.address),
      topics: log.topics,
      data: log.data,
    };
  };
}

/** Where the head's answer goes in `wholeHistoryRequests().logs` (as a JSON string: `"HEAD"`). */
export const HEAD_PLACEHOLDER = "HEAD";

/**
 * A whole history in two JSON-RPC batches that need no code but fetch to send, as the app's index.html does before
 * any of the app's code has downloaded: `head`, the chain's id and head (ids 0 and 1), then `logs`, the three
 * filters' logs from the deployment's first block to that head (ids 2 to 4), once `"HEAD"` in it is replaced by the
 * head's answer. Up to a head already answered, not to "latest" in the same batch: a provider may answer a batch's
 * requests in any order, and a block mined between them would be lost. `wholeHistoryOf` reads both answers, joined;
 * a provider that refuses so wide a range is then asked range by range (fetchHistory).
 */
export function wholeHistoryRequests(deployment: Deployment): { head: string; logs: string } {
  const batch = (requests: Array<{ method: string; params: unknown[] }>, firstId: number) =>
    JSON.stringify(requests.map((request, i) => ({ jsonrpc: "2.0", id: firstId + i, ...request })));
  const filters = logFilters(deployment, numberToHex(deployment.startBlock), HEAD_PLACEHOLDER);
  return {
    head: batch(
      [
        { method: "eth_chainId", params: [] },
        { method: "eth_blockNumber", params: [] },
      ],
      0,
    ),
    logs: batch(
      filters.map((filter) => ({ method: "eth_getLogs", params: [filter] })),
      2,
    ),
  };
}

/**
 * The history `wholeHistoryRequests` answered (both answers in one array), up to the head it answered; undefined if
 * any of its requests failed, or the chain is not the deployment's.
 */
export function wholeHistoryOf(deployment: Deployment, answer: unknown): HistorySnapshot | undefined {
  if (!Array.isArray(answer)) return undefined;
  const results = new Map<unknown, unknown>();
  for (const reply of answer as Array<{ id?: unknown; result?: unknown } | null>) {
    if (reply?.result !== undefined) results.set(reply.id, reply.result);
  }
  const [chainId, head, ...logs] = [0, 1, 2, 3, 4].map((id) => results.get(id));
  if (typeof chainId !== "string" || Number(chainId) !== deployment.chainId || typeof head !== "string") {
    return undefined;
  }
  if (!logs.every(Array.isArray)) return undefined;
  const lastBlock = Number(head);
  const rawLog = rawLogOf(deployment);
  const [own, out, into] = (logs as RpcLog[][]).map((answered) =>
    answered.map(rawLog).filter((log) => log.blockNumber <= lastBlock),
  );
  return {
    chainId: deployment.chainId,
    addresses: deploymentAddresses(deployment),
    treasury: deployment.contracts.treasury.address.toLowerCase(),
    token: deployment.contracts.token.address.toLowerCase(),
    fromBlock: deployment.startBlock,
    lastBlock,
    logs: sortLogs(mergeLogs(own, out, into)),
  };
}

/**
 * All logs of a deployment's contracts and every token Transfer to or from its treasury, from its startBlock (or
 * where a cached snapshot ends) to `toBlock`, in block and log order. Per range: one eth_getLogs with the contracts'
 * address list and two for the token's transfers (out of, into the treasury). A range the provider refuses is
 * halved and retried; after `growAfter` successes it doubles back up to `maxRange`. Transient failures are retried
 * with exponential backoff, `maxAttempts` times, then thrown with the range that failed. The cache is saved after
 * each range, so an interrupted fetch resumes where it stopped.
 */
export async function fetchHistory(
  client: RpcClient,
  deployment: Deployment,
  options: FetchOptions = {},
): Promise<HistorySnapshot> {
  const maxRange = options.maxRange ?? LOG_RANGE;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const growAfter = options.growAfter ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  // Raw requests, not getChainId and getBlockNumber: viem caches the head for its polling interval, and a fetch
  // right after a new block must see it.
  const chainId = Number(await client.request({ method: "eth_chainId" }));
  if (chainId !== deployment.chainId) {
    throw new Error(`The provider is on chain ${chainId}, the deployment on chain ${deployment.chainId}`);
  }
  const addresses = deploymentAddresses(deployment);
  const treasury = deployment.contracts.treasury.address.toLowerCase();
  const token = deployment.contracts.token.address.toLowerCase();
  const key = options.cacheKey ?? `history-${chainId}-${deployment.contracts.governor.address.toLowerCase()}`;

  const cached = await options.cache?.load(key);
  const fresh: HistorySnapshot = {
    chainId,
    addresses,
    treasury,
    token,
    fromBlock: deployment.startBlock,
    lastBlock: deployment.startBlock - 1,
    logs: [],
  };
  const matches =
    cached !== undefined &&
    cached.chainId === chainId &&
    cached.treasury === treasury &&
    cached.token === token &&
    cached.fromBlock === deployment.startBlock &&
    cached.addresses.join() === addresses.join();
  const snapshot = matches ? cached : fresh;
  const target = options.toBlock ?? Number(await client.request({ method: "eth_blockNumber" }));

  const rawLog = rawLogOf(deployment);
  // viem's own retries would hide range refusals behind their backoff: this loop retries, and halves ranges.
  const getLogs = async (params: RpcLogFilter): Promise<RawLog[]> => {
    const logs = await client.request({ method: "eth_getLogs", params: [params] }, { retryCount: 0 });
    return (logs as readonly RpcLog[]).map(rawLog);
  };

  /** One range's logs, or "refused" when the provider won't answer for a range this wide. */
  const fetchRange = async (fromBlock: number, toBlock: number): Promise<RawLog[] | "refused"> => {
    const size = toBlock - fromBlock + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const [own, out, into] = await Promise.all(
          logFilters(deployment, numberToHex(fromBlock), numberToHex(toBlock)).map(getLogs),
        );
        return mergeLogs(own, out, into);
      } catch (error) {
        const kind = classifyError(error);
        if ((kind === "range" || kind === "unknown") && size > 1) return "refused";
        if (kind === "range") {
          throw new Error(`The provider refuses eth_getLogs even for the single block ${fromBlock}`, {
            cause: error,
          });
        }
        if (attempt >= maxAttempts) {
          throw new Error(
            `eth_getLogs for blocks ${fromBlock}-${toBlock} failed ${attempt} times; last error: ${describe(error).text}`,
            { cause: error },
          );
        }
        await sleep(baseDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  let range = maxRange;
  let successes = 0;
  while (snapshot.lastBlock < target) {
    const fromBlock = snapshot.lastBlock + 1;
    const toBlock = Math.min(fromBlock + range - 1, target);
    const logs = await fetchRange(fromBlock, toBlock);
    if (logs === "refused") {
      range = Math.max(1, Math.floor((toBlock - fromBlock + 1) / 2));
      successes = 0;
      continue;
    }
    for (const log of sortLogs(logs)) snapshot.logs.push(log);
    snapshot.lastBlock = toBlock;
    await options.cache?.save(key, snapshot);
    options.onProgress?.({ fromBlock, toBlock, target, logs: logs.length, rangeSize: toBlock - fromBlock + 1 });
    if (++successes >= growAfter && range < maxRange) {
      range = Math.min(maxRange, range * 2);
      successes = 0;
    }
  }
  return snapshot;
}
