/** The governor's EIP-712 domain (name, version, chain, address), read once: what ballots are signed under. */
import { useMemo } from "react";
import { useReadContract } from "wagmi";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { ballotDomainOf, type BallotDomain } from "@disco-ledger/sdk/governance";
import { GOVERNOR } from "./registry.ts";

export function useBallotDomain(): BallotDomain | undefined {
  const { data } = useReadContract({
    address: GOVERNOR,
    abi: governorAbi,
    functionName: "eip712Domain",
    query: { staleTime: Infinity },
  });
  // One object per answer, so that effects depending on the domain run once, not on every render.
  return useMemo(() => (data ? ballotDomainOf(data) : undefined), [data]);
}
