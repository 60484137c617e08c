/** What the treasury holds for a member to claim, period by period: the contract's own amounts (Treasury.claimable). */
import { useReadContracts } from "wagmi";
import { treasuryAbi } from "@disco-ledger/sdk/abis";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { deployment } from "../../chain.ts";
import { useHistory } from "../../data/history.tsx";
import { claimCandidates, claimSelection } from "./figures.ts";

const treasury = deployment.contracts.treasury.address;

/** The periods one claim() would pay and their amounts, read again at each block the books reach. */
export function useClaimable(books: HistoryState, address: `0x${string}`) {
  const lastBlock = useHistory().loaded?.lastBlock;
  const candidates = claimCandidates(books.treasury, books.ledger, address);
  const reads = useReadContracts({
    contracts: candidates.map((period) => ({
      address: treasury,
      abi: treasuryAbi,
      functionName: "claimable" as const,
      args: [address, period] as const,
    })),
    scopeKey: `block-${lastBlock}`,
    query: { enabled: candidates.length > 0, placeholderData: (previous) => previous },
  });
  const amounts = candidates.map((_, i) => {
    const read = reads.data?.[i];
    return read?.status === "success" ? (read.result as bigint) : undefined;
  });
  return {
    candidates,
    selection: claimSelection(candidates, amounts),
    loading: candidates.length > 0 && reads.isPending,
    error: reads.error,
  };
}
