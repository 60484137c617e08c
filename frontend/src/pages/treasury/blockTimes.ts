/**
 * When blocks were made, for people who read dates rather than block numbers: each block's header fetched once (a
 * block's time never changes), those asked together sent as one JSON-RPC batch by the app's client.
 */
import { useQueries } from "@tanstack/react-query";
import { getBlock } from "viem/actions";
import { usePublicClient } from "wagmi";
import { chain, deployment } from "../../chain.ts";

/** Block number to its timestamp (seconds), for the blocks read so far; a block still being read is missing. */
export function useBlockTimes(blocks: readonly number[]): ReadonlyMap<number, bigint> {
  const client = usePublicClient({ chainId: chain.id });
  const unique = [...new Set(blocks)];
  return useQueries({
    queries: unique.map((block) => ({
      // The deployment's start block keeps a fresh local chain's blocks apart from an earlier one's.
      queryKey: ["block-time", chain.id, deployment.startBlock, deployment.contracts.ledger.address, block],
      queryFn: async () => {
        if (!client) throw new Error("No client for the chain");
        return (await getBlock(client, { blockNumber: BigInt(block) })).timestamp;
      },
      enabled: client !== undefined,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
    })),
    combine: (results) => {
      const times = new Map<number, bigint>();
      results.forEach((r, i) => {
        if (r.data !== undefined) times.set(unique[i], r.data);
      });
      return times;
    },
  });
}
