import {
  createPublicClient,
  custom,
  encodeAbiParameters,
  encodeEventTopics,
  numberToHex,
  pad,
  type Hex,
  type PublicClient,
} from "viem";
import { describe, expect, it, vi } from "vitest";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { createLogDecoder, fetchHistory, type RawLog } from "@disco-ledger/sdk/history";
import { tokenAbi } from "@disco-ledger/sdk/abis";
import { historyFollower, loadCached, update } from "./loader.ts";
import { historyKey, memoryStore, type HistoryStore } from "./store.ts";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Hex;
const NAMES = ["governor", "timelock", "membership", "ledger", "treasury", "capital", "audit", "token"] as const;
const deployment: Deployment = {
  chainId: 31337,
  network: "test",
  startBlock: 1,
  contracts: Object.fromEntries(
    NAMES.map((name, i) => [name, { address: address(i + 1), blockNumber: 1 }]),
  ) as Deployment["contracts"],
};
const TREASURY = deployment.contracts.treasury.address as Hex;
const TOKEN = deployment.contracts.token.address as Hex;
const PAYER = address(0xabc);

/** A token transfer into (or out of) the treasury, ABI-encoded as the chain would log it. */
function transfer(block: number, amount: bigint, into = true): RawLog {
  const [from, to] = into ? [PAYER, TREASURY] : [TREASURY, PAYER];
  return {
    blockNumber: block,
    index: 0,
    transactionHash: `0x${block.toString(16).padStart(64, "0")}`,
    address: TOKEN,
    topics: encodeEventTopics({ abi: tokenAbi, eventName: "Transfer", args: { from, to } }) as string[],
    data: encodeAbiParameters([{ type: "uint256" }], [amount]),
  };
}

interface Filter {
  address: string | string[];
  topics?: Array<string | null>;
  fromBlock: Hex;
  toBlock: Hex;
}

/** A chain whose logs and head the test sets, behind a viem client; counts the eth_getLogs ranges it is asked for. */
function fakeChain(genesisHash: Hex = "0xaaa") {
  const chain = {
    head: 1,
    logs: [] as RawLog[],
    ranges: [] as Array<[number, number]>,
    genesisHash,
    /** Holds the deployment block's answer back until it resolves. */
    hashGate: Promise.resolve(),
  };
  const treasuryTopic = pad(TREASURY, { size: 32 }).toLowerCase();
  const getLogs = (filter: Filter) => {
    const [from, to] = [Number(filter.fromBlock), Number(filter.toBlock)];
    const token = filter.address === TOKEN.toLowerCase();
    if (!token) chain.ranges.push([from, to]);
    const side = filter.topics?.[1] ? 1 : 2;
    return chain.logs
      .filter((log) => token && log.blockNumber >= from && log.blockNumber <= to)
      .filter((log) => log.topics[side].toLowerCase() === treasuryTopic)
      .map((log) => ({
        ...log,
        blockNumber: numberToHex(log.blockNumber),
        logIndex: numberToHex(log.index),
      }));
  };
  const client: PublicClient = createPublicClient({
    transport: custom({
      request: async ({ method, params }: { method: string; params: unknown[] }) => {
        if (method === "eth_chainId") return numberToHex(31337);
        if (method === "eth_blockNumber") return numberToHex(chain.head);
        if (method === "eth_getBlockByNumber") {
          await chain.hashGate;
          return { hash: chain.genesisHash, number: params[0] };
        }
        if (method === "eth_getLogs") return getLogs(params[0] as Filter);
        throw new Error(`unexpected ${method}`);
      },
    }),
  });
  return { chain, client };
}

describe("the browser's history loader", () => {
  const key = historyKey(deployment);
  const slotOf = (store: HistoryStore, hash = "0xaaa") => ({ store, key, hash: Promise.resolve(hash) });

  it("folds the whole history at first, then only the blocks after the last", async () => {
    const { chain, client } = fakeChain();
    const store = memoryStore();
    chain.logs.push(transfer(2, 500n), transfer(3, 200n, false));
    chain.head = 3;

    const first = await update(client, deployment, slotOf(store), undefined, chain.head);
    expect(first.state.treasuryBalance).toBe(300n);
    expect(first.events).toHaveLength(2);
    expect(chain.ranges).toEqual([[1, 3]]);

    expect(await update(client, deployment, slotOf(store), first, chain.head)).toBe(first);

    chain.logs.push(transfer(5, 1_000n));
    chain.head = 5;
    const next = await update(client, deployment, slotOf(store), first, chain.head);
    expect(chain.ranges.at(-1)).toEqual([4, 5]);
    expect(next.state.treasuryBalance).toBe(1_300n);
    expect(next.events.map((e) => e.block)).toEqual([2, 3, 5]);
    // Each update saves only its own events, decoded, and no logs.
    const saved = store.entries.get(key) ?? [];
    expect(saved.map((update) => update.decoded.events.map((e) => e.block))).toEqual([[2, 3], [5]]);
    expect(saved.map((update) => update.snapshot.logs)).toEqual([[], []]);
  });

  it("gives the cached books back without the chain (structured clones), and they resume where they stopped", async () => {
    const { chain, client } = fakeChain();
    const store = memoryStore();
    chain.logs.push(transfer(2, 700n));
    chain.head = 2;
    await update(client, deployment, slotOf(store), undefined, chain.head);
    // IndexedDB keeps structured clones.
    store.entries.set(key, structuredClone(store.entries.get(key) ?? []));

    const cached = await loadCached(store, key, deployment);
    expect(cached?.fromCache).toBe(true);
    expect(cached?.hash).toBe("0xaaa");
    expect(cached?.state.treasuryBalance).toBe(700n);
    chain.head = 4;
    chain.logs.push(transfer(4, 1n));
    const resumed = await update(client, deployment, slotOf(store), cached, chain.head);
    expect(chain.ranges).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(resumed.state.treasuryBalance).toBe(701n);
  });

  it("drops a cache from a chain that is now behind it, one whose events no longer fold, one of two chains", async () => {
    const { chain, client } = fakeChain();
    const store = memoryStore();
    chain.logs.push(transfer(2, 10n), transfer(9, 5n));
    chain.head = 9;
    const long = await update(client, deployment, slotOf(store), undefined, chain.head);

    chain.head = 2;
    const restarted = await update(client, deployment, slotOf(store), long, chain.head);
    expect(restarted.state.treasuryBalance).toBe(10n);
    expect(restarted.lastBlock).toBe(2);
    expect(store.entries.get(key)?.map((update) => update.snapshot.lastBlock)).toEqual([2]);

    // An outflow with nothing in the treasury is a history the contracts could not have made.
    const [saved] = await store.get(key);
    await store.delete(key);
    await store.add(key, { ...saved, decoded: createLogDecoder(deployment.contracts)([transfer(2, 10n, false)]) });
    expect(await loadCached(store, key, deployment)).toBeUndefined();
    expect(store.entries.has(key)).toBe(false);

    await store.add(key, saved);
    await store.add(key, { ...saved, hash: "0xbbb", snapshot: { ...saved.snapshot, lastBlock: 3 } });
    expect(await loadCached(store, key, deployment)).toBeUndefined();
    expect(store.entries.has(key)).toBe(false);
  });

  it("shows cached books at once, then drops them if the deployment block has another hash (a restarted chain)", async () => {
    const store = memoryStore();
    const before = fakeChain("0x01");
    before.chain.logs.push(transfer(2, 700n));
    before.chain.head = 2;
    await historyFollower(before.client, deployment, store).advance(2);

    const kept = loadCached(store, key, deployment);
    expect((await kept)?.state.treasuryBalance).toBe(700n);
    expect(await historyFollower(fakeChain("0x01").client, deployment, store, { cached: kept }).confirmed()).toBe(true);

    const after = fakeChain("0x02");
    after.chain.logs.push(transfer(2, 40n));
    after.chain.head = 2;
    const follower = historyFollower(after.client, deployment, store);
    expect(await follower.confirmed()).toBe(false);
    const fresh = await follower.advance(2);
    expect(fresh.fromCache).toBe(false);
    expect(fresh.state.treasuryBalance).toBe(40n);
    expect(after.chain.ranges).toEqual([[1, 2]]);
    expect(store.entries.get(key)?.map((update) => update.hash)).toEqual(["0x02"]);
  });

  it("follows the chain one update at a time, each folding only the blocks after the last", async () => {
    const { chain, client } = fakeChain();
    const follower = historyFollower(client, deployment, memoryStore());
    chain.logs.push(transfer(2, 500n), transfer(3, 200n));
    chain.head = 3;
    // Two heads asked for together: the second starts where the first stopped, and an older one changes nothing.
    const [at2, at3] = await Promise.all([follower.advance(2), follower.advance(3)]);
    expect(at2.state.treasuryBalance).toBe(500n);
    expect(at3.state.treasuryBalance).toBe(700n);
    expect(await follower.advance(2)).toBe(at3);
    expect(chain.ranges).toEqual([
      [1, 2],
      [3, 3],
    ]);
  });

  it("after new logs fail to fold, drops the books and their cache, and folds the whole history afresh", async () => {
    const { chain, client } = fakeChain();
    const store = memoryStore();
    const follower = historyFollower(client, deployment, store);
    chain.logs.push(transfer(2, 500n));
    chain.head = 2;
    expect((await follower.advance(2)).state.treasuryBalance).toBe(500n);
    // A block in which the treasury pays out more than it holds: no contract could have logged it.
    chain.logs.push(transfer(3, 900n, false));
    chain.head = 3;
    await expect(follower.advance(3)).rejects.toThrow(/could not take the chain's new logs/);
    expect(store.entries.get(key)).toBeUndefined();
    // The chain's answer is put right (another node, say): the next update folds everything again, from block 1.
    chain.logs.pop();
    chain.logs.push(transfer(3, 100n, false));
    chain.head = 4;
    const again = await follower.advance(4);
    expect(again.state.treasuryBalance).toBe(400n);
    expect(chain.ranges.at(-1)).toEqual([1, 4]);
  });

  it("fetches and folds the first books without waiting for the deployment block's hash, and saves them under it", async () => {
    const { chain, client } = fakeChain("0x0c");
    const store = memoryStore();
    chain.logs.push(transfer(2, 5n));
    chain.head = 2;
    let release = () => {};
    chain.hashGate = new Promise((resolve) => (release = resolve));
    const books = await historyFollower(client, deployment, store).advance(2);
    expect(books.state.treasuryBalance).toBe(5n);
    expect(store.entries.has(key)).toBe(false);
    release();
    await vi.waitFor(() => expect(store.entries.get(key)?.map((update) => update.hash)).toEqual(["0x0c"]));
  });

  it("starts again when the cached books are ahead of the chain", async () => {
    const { chain, client } = fakeChain();
    const store = memoryStore();
    chain.logs.push(transfer(2, 10n), transfer(9, 5n));
    chain.head = 9;
    await historyFollower(client, deployment, store).advance(9);

    const cached = loadCached(store, key, deployment);
    expect((await cached)?.lastBlock).toBe(9);
    const follower = historyFollower(client, deployment, store, { cached });
    const restarted = await follower.advance(2);
    expect(restarted.lastBlock).toBe(2);
    expect(restarted.state.treasuryBalance).toBe(10n);
  });

  it("folds a history fetched before it was made only as its first books, and only at the block it was fetched to", async () => {
    const { chain, client } = fakeChain();
    chain.logs.push(transfer(2, 30n), transfer(3, 4n));
    chain.head = 3;
    const early = (toBlock: number) =>
      Promise.resolve({ toBlock, snapshot: fetchHistory(client, deployment, { toBlock }) });

    const adopted = historyFollower(client, deployment, memoryStore(), { prefetched: early(2) });
    expect((await adopted.advance(2)).state.treasuryBalance).toBe(30n);
    expect((await adopted.advance(3)).state.treasuryBalance).toBe(34n);
    // The prefetch's range, then only the new block: the follower fetched nothing twice.
    expect(chain.ranges).toEqual([
      [1, 2],
      [3, 3],
    ]);

    chain.ranges.length = 0;
    const passed = historyFollower(client, deployment, memoryStore(), { prefetched: early(2) });
    expect((await passed.advance(3)).state.treasuryBalance).toBe(34n);
    expect(chain.ranges).toEqual([
      [1, 2],
      [1, 3],
    ]);
  });
});
