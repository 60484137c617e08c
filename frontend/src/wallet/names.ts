/**
 * Names for addresses: on the local chain, the demo people's (the node's dev accounts, in order); elsewhere none,
 * since names stay off-chain.
 */
import { useEffect, useState } from "react";
import { isLocal, rpcUrl } from "../chain.ts";
import { DEMO_PEOPLE, rpc } from "./devAccounts.ts";

let devNames: Promise<Map<string, string>> | undefined;

function loadDevNames(): Promise<Map<string, string>> {
  devNames ??= (rpc(rpcUrl, { method: "eth_accounts" }) as Promise<string[]>)
    .then((accounts) => new Map(DEMO_PEOPLE.map((p) => [accounts[p.index]?.toLowerCase() ?? "", p.name])))
    .catch(() => new Map());
  return devNames;
}

/** Address (any case) to a name, where one is known. */
export function useNames(): (address: string) => string | undefined {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    if (isLocal) void loadDevNames().then(setNames);
  }, []);
  return (address: string) => names.get(address.toLowerCase());
}
