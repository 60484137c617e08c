/**
 * When the blocks of the entries shown were made (their headers' timestamps), for dates people read instead of block
 * numbers. One query per block, kept forever (a block's time never changes), so a new entry reads only its own
 * header; the app's transport sends the headers asked for together as one JSON-RPC batch.
 */
import { useQueries } from "@tanstack/react-query";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { chain } from "../../chain.ts";

export function useBlockTimes(blocks: readonly number[]): (block: number) => bigint | undefined {
  const client = useClient({ chainId: chain.id });
  const unique = [...new Set(blocks)];
  const results = useQueries({
    queries: unique.map((block) => ({
      queryKey: ["blockTime", chain.id, block],
      queryFn: async () => (await getBlock(client, { blockNumber: BigInt(block) })).timestamp,
      staleTime: Infinity,
      gcTime: Infinity,
    })),
  });
  const times = new Map(unique.map((block, i) => [block, results[i]?.data]));
  return (block) => times.get(block);
}
