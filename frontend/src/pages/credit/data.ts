/**
 * A federation's credit network as queries: folded from its own logs (the SDK's loadCredit), block by block onto the
 * state before, as the federation page follows its federation; and what the contract keeps beyond its events, read
 * from it: what a DisCO's treasurers spent of their budget this period, and the period's length.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { loadCredit, type CreditState, type TreasurersRecord } from "@disco-ledger/sdk/credit";
import type { FederationReader, FoundFederation } from "@disco-ledger/sdk/federation";
import { chain } from "../../chain.ts";

/** Each network's latest state, kept so that the next load folds only the logs after it. */
const folded = new Map<string, CreditState>();

/**
 * The credit network founded with the federation `found` (in its block), up to the chain's head, folding only the
 * logs since the last load: what the Credit and Treasury pages show, and the payments that give a check-in's credit
 * figures on the Federation page.
 */
export async function latestCredit(
  client: FederationReader,
  found: Pick<FoundFederation, "credit" | "blockNumber">,
): Promise<CreditState> {
  const key = found.credit.toLowerCase();
  const state = await loadCredit(client, { address: found.credit, blockNumber: found.blockNumber }, folded.get(key));
  // Two loads may overlap (a poll and a reload after a transaction): the later state is kept.
  if (state.lastBlock > (folded.get(key)?.lastBlock ?? -1)) folded.set(key, state);
  return state;
}

/** The credit network of `found`, for a query that is enabled only once `found` is known. */
function load(client: FederationReader, found: FoundFederation | undefined): Promise<CreditState> {
  if (!found) throw new Error("No federation");
  return latestCredit(client, found);
}

/** The credit network of `found`, reloaded every few seconds (and after a transaction, by `refetch`). */
export function useCredit(found: FoundFederation | undefined) {
  const client = usePublicClient({ chainId: chain.id });
  return useQuery({
    queryKey: ["credit", chain.id, found?.credit],
    queryFn: () => load(client, found),
    enabled: found !== undefined,
    refetchInterval: 3_000,
    structuralSharing: false,
  });
}

/** Every federation's credit network (the treasury shows the DisCO's flows in all of them). */
export function useCredits(found: readonly FoundFederation[]) {
  const client = usePublicClient({ chainId: chain.id });
  return useQueries({
    queries: found.map((f) => ({
      queryKey: ["credit", chain.id, f.credit],
      queryFn: () => load(client, f),
      refetchInterval: 10_000,
      structuralSharing: false,
    })),
  });
}

/** `disco`'s treasurers' limits and what they spent (treasurersOf), and the budget's period in seconds. */
export function useTreasurers(network: Address | undefined, disco: Address) {
  const reads = useReadContracts({
    contracts: network
      ? [
          { address: network, abi: creditAbi, functionName: "treasurersOf", args: [disco] },
          { address: network, abi: creditAbi, functionName: "PERIOD" },
        ]
      : [],
    query: { enabled: network !== undefined, refetchInterval: 3_000 },
  });
  const [limits, period] = reads.data ?? [];
  if (limits?.status !== "success" || period?.status !== "success") return { data: undefined, refetch: reads.refetch };
  const t = limits.result as { budget: bigint; lineBound: bigint; spent: bigint; period: number };
  const treasurers: TreasurersRecord = { budget: t.budget, lineBound: t.lineBound, spent: t.spent, period: t.period };
  return { data: { treasurers, periodLength: Number(period.result) }, refetch: reads.refetch };
}
