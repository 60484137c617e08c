/** The history module's LogProvider over a viem client: the raw JSON-RPC answers, in the shape fetch keeps. */
import { numberToHex, type Client, type Hex } from "viem";
import type { LogFilter, LogProvider, RawLog } from "@disco-ledger/sdk/history";

interface RpcLog {
  blockNumber: Hex;
  logIndex: Hex;
  transactionHash: Hex;
  address: Hex;
  topics: Hex[];
  data: Hex;
}

type Request = (args: { method: string; params?: unknown }) => Promise<unknown>;

export interface ChainReader extends LogProvider {
  /** The hash of a block: tells a restarted local chain from the one a cache was filled from. */
  getBlockHash(block: number): Promise<string>;
}

export function chainReader(client: Pick<Client, "request">): ChainReader {
  const request = client.request as unknown as Request;
  return {
    getBlockNumber: async () => Number(BigInt((await request({ method: "eth_blockNumber" })) as Hex)),
    getNetwork: async () => ({ chainId: BigInt((await request({ method: "eth_chainId" })) as Hex) }),
    getBlockHash: async (block) => {
      const header = (await request({ method: "eth_getBlockByNumber", params: [numberToHex(block), false] })) as {
        hash: string;
      } | null;
      if (!header) throw new Error(`Block ${block} is not on this chain yet`);
      return header.hash;
    },
    getLogs: async (filter: LogFilter): Promise<RawLog[]> => {
      const logs = (await request({
        method: "eth_getLogs",
        params: [
          {
            address: filter.address,
            topics: filter.topics,
            fromBlock: numberToHex(filter.fromBlock),
            toBlock: numberToHex(filter.toBlock),
          },
        ],
      })) as RpcLog[];
      return logs.map((log) => ({
        blockNumber: Number(BigInt(log.blockNumber)),
        index: Number(BigInt(log.logIndex)),
        transactionHash: log.transactionHash,
        address: log.address,
        topics: log.topics,
        data: log.data,
      }));
    },
  };
}
