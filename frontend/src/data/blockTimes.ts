/**
 * When blocks happened, for the dates people read instead of block numbers: each block's timestamp, asked once per
 * page load and kept (a block's time never changes; a restarted local chain reloads the page's books anyway). The
 * blocks a page shows are asked together, so wagmi's batched transport sends them as one request.
 */
import { useQueries } from "@tanstack/react-query";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { chain, deployment } from "../chain.ts";

/** Block number to its timestamp (seconds), for the blocks whose time has come back so far. */
export function useBlockTimes(blocks: readonly number[]): ReadonlyMap<number, bigint> {
  const client = useClient({ chainId: chain.id });
  const unique = [...new Set(blocks)];
  return useQueries({
    queries: unique.map((block) => ({
      // The deployment keeps a fresh local chain's blocks apart from an earlier one's (npm start again).
      queryKey: ["block-time", chain.id, deployment.startBlock, deployment.contracts.ledger.address, block],
      queryFn: async () => (await getBlock(client, { blockNumber: BigInt(block) })).timestamp,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) =>
      new Map(unique.flatMap((block, i) => (results[i].data === undefined ? [] : [[block, results[i].data]]))),
  });
}
