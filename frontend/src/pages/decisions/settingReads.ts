/**
 * What the settings catalogue needs from the page: constituency and function names for a setting's keys, and its
 * current value read from the chain (the catalogue's view calls, through wagmi).
 */
import { useReadContracts } from "wagmi";
import { functionNameOf } from "@disco-ledger/sdk/proposals";
import type { KeyNames, KeyValue, RawValue, Setting } from "@disco-ledger/sdk/settings";
import { useBooks } from "../../data/history.tsx";
import { REGISTRY } from "./registry.ts";

/** Constituencies by their names in the books, functions by contract and name ("ledger.setCap"). */
export function useKeyNames(unnamed: (index: number) => string): KeyNames {
  const books = useBooks();
  return {
    constituency: (index) => books?.constituencies.get(index) || unnamed(index),
    function: (target, selector) => functionNameOf(REGISTRY, target, selector),
  };
}

/** A setting's value now, for these keys; undefined while it is read, or when the keys are not all chosen. */
export function useSettingNow(setting: Setting | undefined, keys: KeyValue[] | null): RawValue[] | undefined {
  const contract = setting ? REGISTRY.find((c) => c.name === setting.contract) : undefined;
  const reads = setting && contract && keys ? setting.read(keys) : [];
  const { data } = useReadContracts({
    contracts: reads.map((read) => ({
      address: contract?.address,
      abi: contract?.abi,
      functionName: read.functionName,
      args: read.args,
    })),
    query: { enabled: reads.length > 0, refetchInterval: 5_000 },
  });
  if (!setting || !data || data.length !== reads.length || data.some((d) => d.status !== "success")) return undefined;
  return setting.fromRead(data.map((d) => d.result));
}
