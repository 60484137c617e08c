/**
 * The federations of the network and the one shown, as queries: found from the factory's FederationCreated events
 * (the SDK's discoverFederations), each folded from its own logs (loadFederation), block by block onto the state
 * before (so a poll reads only the new logs); the network's DisCOs for their names; whether the person connected is a
 * treasurer or an auditor of the DisCO shown (who may check in, set trust within the bound, confirm or challenge).
 */
import { useQuery } from "@tanstack/react-query";
import { erc20Abi, keccak256, toHex, zeroAddress, type Address } from "viem";
import { usePublicClient, useReadContract, useReadContracts } from "wagmi";
import { auditAbi, ledgerAbi } from "@disco-ledger/sdk/abis";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import {
  discoverFederations,
  loadFederation,
  type FederationState,
  type FoundFederation,
} from "@disco-ledger/sdk/federation";
import { chain, deployment, network } from "../../chain.ts";
import type { Currency } from "./currency.ts";

/** Every federation of the network, oldest first. */
export function useFederations() {
  const client = usePublicClient({ chainId: chain.id });
  return useQuery({
    queryKey: ["federations", chain.id, network.factory?.address],
    queryFn: () => discoverFederations(client, network),
    refetchInterval: 10_000,
  });
}

/** The network's DisCOs (the DisCOs page's query): membership address, lower case, to name. */
export function useDisCONames() {
  const client = usePublicClient({ chainId: chain.id });
  const found = useQuery({
    queryKey: ["discos", chain.id, network.factory?.address],
    queryFn: () => discoverDisCOs(client, network),
    refetchInterval: 10_000,
  });
  const names = new Map((found.data ?? []).map((d) => [d.contracts.membership.address.toLowerCase(), d.name]));
  names.set(deployment.contracts.membership.address.toLowerCase(), deployment.name ?? "");
  return { discos: found.data, name: (disco: string) => names.get(disco.toLowerCase()) };
}

/** Each federation's latest state, kept so that the next load folds only the logs after it. */
const folded = new Map<string, FederationState>();

/** The federation's state, reloaded every few seconds (and after a transaction, by `refetch`). */
export function useFederation(found: FoundFederation | undefined) {
  const client = usePublicClient({ chainId: chain.id });
  return useQuery({
    queryKey: ["federation", chain.id, found?.address],
    queryFn: async () => {
      if (!found) throw new Error("No federation");
      const key = found.address.toLowerCase();
      const state = await loadFederation(client, found, folded.get(key));
      // Two loads may overlap (a poll and a reload after a transaction): the later state is kept.
      if (state.lastBlock > (folded.get(key)?.lastBlock ?? -1)) folded.set(key, state);
      return state;
    },
    enabled: found !== undefined,
    refetchInterval: 3_000,
    structuralSharing: false,
  });
}

const TREASURER_ROLE = keccak256(toHex("TREASURER_ROLE"));
const AUDITOR_ROLE = keccak256(toHex("AUDITOR_ROLE"));

/** Whether `account` is a treasurer (ledger) or an auditor (audit registry) of the DisCO shown. */
export function useRoles(account: Address | undefined) {
  const query = { enabled: account !== undefined };
  const who = account ?? zeroAddress;
  const c = deployment.contracts;
  const treasurer = useReadContract({
    address: c.ledger.address,
    abi: ledgerAbi,
    functionName: "hasRole",
    args: [TREASURER_ROLE, who],
    query,
  });
  const auditor = useReadContract({
    address: c.audit.address,
    abi: auditAbi,
    functionName: "hasRole",
    args: [AUDITOR_ROLE, who],
    query,
  });
  return { treasurer: treasurer.data === true, auditor: auditor.data === true };
}

/** Each token's symbol and decimals (read once, in one batch), by its address in lower case; absent until read. */
export function useCurrencies(tokens: readonly string[]): Map<string, Currency> {
  const unique = [...new Set(tokens.map((a) => a.toLowerCase() as Address))];
  const reads = useReadContracts({
    contracts: unique.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" as const },
      { address, abi: erc20Abi, functionName: "decimals" as const },
    ]),
    query: { enabled: unique.length > 0, staleTime: Number.POSITIVE_INFINITY },
  });
  const found = new Map<string, Currency>();
  unique.forEach((address, i) => {
    const symbol = reads.data?.[2 * i];
    const decimals = reads.data?.[2 * i + 1];
    if (symbol?.status === "success" && decimals?.status === "success") {
      found.set(address, { address, symbol: symbol.result as string, decimals: Number(decimals.result) });
    }
  });
  return found;
}
