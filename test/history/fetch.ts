import { expect } from "chai";
import {
  createPublicClient,
  custom,
  getAddress,
  HttpRequestError,
  LimitExceededRpcError,
  numberToHex,
  pad,
  type Hex,
} from "viem";
import type { Deployment } from "../../scripts/lib/deployments.ts";
import {
  classifyError,
  fetchHistory,
  memoryCache,
  TRANSFER_TOPIC,
  HEAD_PLACEHOLDER,
  wholeHistoryOf,
  wholeHistoryRequests,
  type RawLog,
} from "@disco-ledger/sdk/history";

/** One eth_getLogs request, as the fake provider saw it. */
interface LogFilter {
  address: string | string[];
  topics?: Array<string | null>;
  fromBlock: number;
  toBlock: number;
}

const address = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const NAMES = ["governor", "timelock", "membership", "ledger", "treasury", "capital", "token"] as const;
const START = 1_000;
const deployment: Deployment = {
  chainId: 31337,
  network: "fake",
  startBlock: START,
  contracts: Object.fromEntries(
    NAMES.map((name, i) => [name, { address: address(0xd15c0 + i), blockNumber: START }]),
  ) as Deployment["contracts"],
};
const TREASURY = deployment.contracts.treasury.address;
const TOKEN = deployment.contracts.token.address;
const topic = (a: string) => pad(a.toLowerCase() as Hex, { size: 32 });

/** One log every 997 blocks from each contract, and token transfers into, out of and unrelated to the treasury. */
function chainLogs(head: number): RawLog[] {
  const logs: RawLog[] = [];
  for (let block = START; block <= head; block += 997) {
    const tx = `0x${block.toString(16).padStart(64, "0")}`;
    const log = (index: number, a: string, topics: string[]) =>
      logs.push({ blockNumber: block, index, transactionHash: tx, address: a, topics, data: "0x" });
    log(0, deployment.contracts.ledger.address, ["0x01"]);
    log(1, TOKEN, [TRANSFER_TOPIC, topic(address(7)), topic(TREASURY)]);
    log(2, TOKEN, [TRANSFER_TOPIC, topic(TREASURY), topic(address(8))]);
    log(3, TOKEN, [TRANSFER_TOPIC, topic(address(7)), topic(address(8))]);
    log(4, deployment.contracts.governor.address, ["0x02"]);
  }
  return logs;
}

const matches = (log: RawLog, f: LogFilter) =>
  log.blockNumber >= f.fromBlock &&
  log.blockNumber <= f.toBlock &&
  [f.address].flat().some((a) => a.toLowerCase() === log.address.toLowerCase()) &&
  (f.topics ?? []).every((t, i) => t === null || t === log.topics[i]);

/** eth_getLogs's answer for a log: quantities in hex, the address lowercase. */
const rpcLog = (log: RawLog) => ({
  blockNumber: numberToHex(log.blockNumber),
  logIndex: numberToHex(log.index),
  transactionHash: log.transactionHash,
  address: log.address.toLowerCase(),
  topics: log.topics,
  data: log.data,
  blockHash: `0x${"00".repeat(32)}`,
  transactionIndex: "0x0",
  removed: false,
});

/** A 503 from an HTTP provider, as viem's http transport reports it. */
const unavailable = () =>
  new HttpRequestError({ url: "https://rpc.example", status: 503, details: "Service Unavailable" });

/**
 * A viem client on a fake JSON-RPC provider that refuses ranges wider than `maxRange` with `refusal`, and fails the
 * first `failures` calls.
 */
function fakeProvider(
  head: number,
  options: { maxRange?: number; refusal?: () => unknown; failures?: number; mined?: number } = {},
) {
  // `mined`: the last block with logs, past the head that eth_blockNumber answered (a block mined since).
  const logs = chainLogs(options.mined ?? head);
  const requests: LogFilter[] = [];
  let failures = options.failures ?? 0;
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    if (method === "eth_chainId") return numberToHex(31337);
    if (method === "eth_blockNumber") return numberToHex(head);
    if (method !== "eth_getLogs") throw new Error(`Unexpected ${method}`);
    const [query] = params as [
      { address: string | string[]; topics?: Array<string | null>; fromBlock: Hex; toBlock: Hex },
    ];
    const filter: LogFilter = { ...query, fromBlock: Number(query.fromBlock), toBlock: Number(query.toBlock) };
    if (!filter.topics) delete filter.topics;
    requests.push(filter);
    if (failures > 0) {
      failures--;
      throw unavailable();
    }
    if (options.maxRange && filter.toBlock - filter.fromBlock + 1 > options.maxRange) throw options.refusal!();
    return logs.filter((log) => matches(log, filter)).map(rpcLog);
  };
  const provider = createPublicClient({ transport: custom({ request }) });
  /** A JSON-RPC batch's answer, each request answered or failed on its own. */
  const batch = (body: string) =>
    Promise.all(
      (JSON.parse(body) as Array<{ id: number; method: string; params: unknown }>).map(({ id, method, params }) =>
        request({ method, params }).then(
          (result) => ({ jsonrpc: "2.0", id, result }),
          (error: Error) => ({ jsonrpc: "2.0", id, error: { code: -32000, message: error.message } }),
        ),
      ),
    );
  return { provider, requests, logs, batch };
}

const noWait = async () => {};
/** The treasury's logs and transfers that a full fetch must return, in order. */
const expected = (logs: RawLog[], to: number) =>
  logs.filter((l) => l.blockNumber <= to && l.index !== 3 && l.blockNumber >= START);
const ranges = (requests: LogFilter[]) => [
  ...new Set(requests.filter((r) => Array.isArray(r.address)).map((r) => `${r.fromBlock}-${r.toBlock}`)),
];

// Refusals as real providers phrase them, as JSON-RPC errors (which viem wraps in its RpcErrors) or as viem reports
// an HTTP provider's answer.
const REFUSALS: Record<string, () => unknown> = {
  Alchemy: () =>
    Object.assign(new Error("could not coalesce error"), {
      code: "UNKNOWN_ERROR",
      error: {
        code: -32602,
        message:
          "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size",
      },
    }),
  Infura: () => ({ code: -32005, message: "query returned more than 10000 results" }),
  QuickNode: () => new Error("eth_getLogs is limited to a 10,000 range"),
  "public RPC": () => ({ code: -32000, message: "block range is too wide" }),
  "an HTTP provider": () =>
    new HttpRequestError({
      url: "https://rpc.example",
      status: 400,
      body: { method: "eth_getLogs" },
      details: '{"jsonrpc":"2.0","error":{"code":-32602,"message":"eth_getLogs is limited to a 10,000 range"}}',
    }),
  "an unrecognised message": () => new Error("something odd happened"),
};

describe("fetchHistory", () => {
  it("asks once per range for the contracts and twice for the treasury's token transfers, in 10,000 blocks", async () => {
    const head = START + 25_000;
    const { provider, requests, logs } = fakeProvider(head);
    const snapshot = await fetchHistory(provider, deployment);
    expect(ranges(requests)).to.deep.equal([`1000-10999`, `11000-20999`, `21000-26000`]);
    expect(requests.length).to.equal(9);
    expect(requests.slice(0, 3).map((r) => r.topics ?? [])).to.deep.equal([
      [],
      [TRANSFER_TOPIC, topic(TREASURY)],
      [TRANSFER_TOPIC, null, topic(TREASURY)],
    ]);
    expect(requests[0].address).to.not.include(TOKEN);
    expect(snapshot.logs).to.deep.equal(expected(logs, head));
    expect(snapshot.lastBlock).to.equal(head);
  });

  for (const [provider, refusal] of Object.entries(REFUSALS)) {
    it(`halves the range when ${provider} refuses it, and grows it back after successes`, async () => {
      const head = START + 30_000;
      const fake = fakeProvider(head, { maxRange: 2_500, refusal });
      const progress: number[] = [];
      const snapshot = await fetchHistory(fake.provider, deployment, {
        growAfter: 2,
        onProgress: (p) => progress.push(p.rangeSize),
      });
      expect(snapshot.logs).to.deep.equal(expected(fake.logs, head));
      // 10,000 and 5,000 refused; 2,500 accepted twice, then 5,000 tried (refused) and halved again.
      expect(ranges(fake.requests).slice(0, 6)).to.deep.equal([
        "1000-10999",
        "1000-5999",
        "1000-3499",
        "3500-5999",
        "6000-10999",
        "6000-8499",
      ]);
      expect(progress.every((size) => size <= 2_500)).to.equal(true);
    });
  }

  it("retries transient failures with exponential backoff, then succeeds", async () => {
    // Each attempt makes three calls: seven failures spoil three attempts.
    const fake = fakeProvider(START + 100, { failures: 7 });
    const waits: number[] = [];
    const snapshot = await fetchHistory(fake.provider, deployment, {
      baseDelayMs: 100,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(waits).to.deep.equal([100, 200, 400]);
    expect(snapshot.logs).to.deep.equal(expected(fake.logs, START + 100));
  });

  it("gives up with a clear error after its attempts", async () => {
    const fake = fakeProvider(START + 100, { failures: 100 });
    await fetchHistory(fake.provider, deployment, { maxAttempts: 3, sleep: noWait }).then(
      () => expect.fail("fetched"),
      (error: Error) => expect(error.message).to.match(/blocks 1000-1100 failed 3 times.*503/),
    );
  });

  it("refuses a provider that won't give even one block", async () => {
    const fake = fakeProvider(START + 10, { maxRange: 0.5, refusal: REFUSALS.Infura });
    await fetchHistory(fake.provider, deployment, { sleep: noWait }).then(
      () => expect.fail("fetched"),
      (error: Error) => expect(error.message).to.match(/single block 1000/),
    );
  });

  it("resumes from its cache: the second fetch asks only for the blocks after the first", async () => {
    const head = START + 40_000;
    const full = fakeProvider(head);
    const once = await fetchHistory(full.provider, deployment);

    const cache = memoryCache();
    const first = fakeProvider(head);
    const middle = START + 15_000;
    await fetchHistory(first.provider, deployment, { cache, toBlock: middle });
    expect(Math.max(...first.requests.map((r) => r.toBlock))).to.equal(middle);

    const second = fakeProvider(head);
    const resumed = await fetchHistory(second.provider, deployment, { cache });
    expect(Math.min(...second.requests.map((r) => r.fromBlock))).to.equal(middle + 1);
    expect(resumed.logs).to.deep.equal(once.logs);
    expect(resumed.lastBlock).to.equal(head);

    // A snapshot of another deployment is not resumed from.
    const other = { ...deployment, startBlock: START + 1 };
    const third = fakeProvider(head);
    await fetchHistory(third.provider, other, { cache });
    expect(Math.min(...third.requests.map((r) => r.fromBlock))).to.equal(START + 1);
  });

  it("refuses a provider on another chain", async () => {
    const { provider } = fakeProvider(START);
    await fetchHistory(provider, { ...deployment, chainId: 1 }).then(
      () => expect.fail("fetched"),
      (error: Error) => expect(error.message).to.match(/chain 31337.*chain 1/),
    );
  });

  it("tells range refusals from transient failures", () => {
    for (const refusal of Object.values(REFUSALS).slice(0, 5)) expect(classifyError(refusal())).to.equal("range");
    // As viem reports them after its transport wrapped the provider's answer.
    const infura = REFUSALS.Infura() as { code: number; message: string };
    expect(classifyError(new LimitExceededRpcError(Object.assign(new Error(infura.message), infura)))).to.equal(
      "range",
    );
    expect(classifyError(unavailable())).to.equal("transient");
    expect(classifyError(new HttpRequestError({ url: "https://rpc.example", status: 429 }))).to.equal("transient");
    expect(classifyError({ code: 429, message: "Too Many Requests" })).to.equal("transient");
    expect(classifyError(new Error("getaddrinfo ENOTFOUND rpc.example"))).to.equal("transient");
    expect(classifyError(new Error("execution reverted"))).to.equal("unknown");
  });
});

/** Asks as the app's index.html does: the head's batch, then the logs' batch up to the head it answered. */
async function askWhole(fake: ReturnType<typeof fakeProvider>) {
  const { head, logs } = wholeHistoryRequests(deployment);
  const first = await fake.batch(head);
  const answered = first.find((reply) => reply.id === 1);
  if (!answered || !("result" in answered)) return first;
  return [...first, ...(await fake.batch(logs.replaceAll(`"${HEAD_PLACEHOLDER}"`, JSON.stringify(answered.result))))];
}

describe("a whole history in two requests (wholeHistoryRequests, wholeHistoryOf)", () => {
  it("asks for the chain and its head, then for the three filters' logs up to that head", async () => {
    const head = START + 25_000;
    const fake = fakeProvider(head);
    const { head: first, logs } = wholeHistoryRequests(deployment);
    expect((JSON.parse(first) as Array<{ method: string }>).map((r) => r.method)).to.deep.equal([
      "eth_chainId",
      "eth_blockNumber",
    ]);
    expect((JSON.parse(logs) as Array<{ method: string }>).map((r) => r.method)).to.deep.equal([
      "eth_getLogs",
      "eth_getLogs",
      "eth_getLogs",
    ]);
    const snapshot = wholeHistoryOf(deployment, await askWhole(fake));
    expect(fake.requests.map((r) => [r.fromBlock, r.toBlock, r.topics ?? []])).to.deep.equal([
      [START, head, []],
      [START, head, [TRANSFER_TOPIC, topic(TREASURY)]],
      [START, head, [TRANSFER_TOPIC, null, topic(TREASURY)]],
    ]);
    // The same history as the fetch by ranges, and one it resumes from.
    const byRanges = await fetchHistory(fakeProvider(head).provider, deployment);
    expect(snapshot).to.deep.equal(byRanges);
  });

  it("leaves the logs of blocks mined after the head it answered to the next fetch", async () => {
    const head = START + 5_000;
    const fake = fakeProvider(head, { mined: head + 2_000 });
    const snapshot = wholeHistoryOf(deployment, await askWhole(fake));
    expect(fake.logs.some((log) => log.blockNumber > head)).to.equal(true);
    expect(snapshot?.lastBlock).to.equal(head);
    expect(snapshot?.logs).to.deep.equal(expected(fake.logs, head));
  });

  it("gives nothing for a refused range, another chain or answers that are not all there", async () => {
    const refused = fakeProvider(START + 30_000, { maxRange: 10_000, refusal: REFUSALS.Infura });
    expect(wholeHistoryOf(deployment, await askWhole(refused))).to.equal(undefined);
    const answer = await askWhole(fakeProvider(START + 100));
    expect(wholeHistoryOf(deployment, answer)).to.not.equal(undefined);
    expect(wholeHistoryOf({ ...deployment, chainId: 1 }, answer)).to.equal(undefined);
    expect(wholeHistoryOf(deployment, answer.slice(0, 4))).to.equal(undefined);
    for (const odd of [undefined, null, {}, "0x1", [null]]) expect(wholeHistoryOf(deployment, odd)).to.equal(undefined);
  });
});
