/**
 * Developer accounts on the local chain, one wagmi connector per demo person. The local Hardhat node holds their
 * keys (its public dev accounts) and signs for them, so this wallet only names the account and forwards every
 * request to the node: a real EIP-1193 provider, with no extension needed. Never offered on another chain.
 */
import { createConnector } from "wagmi";
import { getAddress, numberToHex, type EIP1193RequestFn, type Address } from "viem";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";

export type DemoPerson = (typeof DEMO_PEOPLE)[number];

interface RpcRequest {
  method: string;
  params?: unknown;
}

/** A JSON-RPC call to the node over HTTP; errors keep their code and data so viem can decode reverts. */
export async function rpc(url: string, { method, params }: RpcRequest): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
  });
  const body = (await response.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
  if (body.error) throw Object.assign(new Error(body.error.message), body.error);
  return body.result;
}

/** An EIP-1193 provider for the node's dev account `index`: accounts answered here, everything else by the node. */
export function devProvider(url: string, index: number, chainId: number) {
  let address: Address | undefined;
  const account = async (): Promise<Address> => {
    if (!address) {
      const accounts = (await rpc(url, { method: "eth_accounts" })) as string[];
      if (!accounts[index]) throw new Error(`The local chain has no dev account #${index}`);
      address = getAddress(accounts[index]);
    }
    return address;
  };
  const request = (async ({ method, params }: RpcRequest) => {
    switch (method) {
      case "eth_accounts":
      case "eth_requestAccounts":
        return [await account()];
      case "eth_chainId":
        return numberToHex(chainId);
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return null;
      default:
        return rpc(url, { method, params });
    }
  }) as EIP1193RequestFn;
  return { request, on: () => undefined, removeListener: () => undefined };
}

const CONNECTED_KEY = "disco-ledger.dev-account";

/** Which demo person is connected, kept across reloads as a wallet extension keeps its connection. */
const remembered = {
  get: (): string | null => {
    try {
      return localStorage.getItem(CONNECTED_KEY);
    } catch {
      return null;
    }
  },
  set: (id: string | null) => {
    try {
      if (id === null) localStorage.removeItem(CONNECTED_KEY);
      else localStorage.setItem(CONNECTED_KEY, id);
    } catch {
      // storage refused: the connection lasts this visit only
    }
  },
};

/** The connector of one demo person; its id is `dev-<index>`. */
export function devAccount(person: DemoPerson, url: string) {
  const id = `dev-${person.index}`;
  return createConnector((config) => {
    const chainId = config.chains[0].id;
    const provider = devProvider(url, person.index, chainId);
    return {
      id,
      name: `#${person.index} ${person.name}`,
      type: "devAccount",
      async setup() {},
      async connect<withCapabilities extends boolean = false>() {
        const accounts = (await provider.request({ method: "eth_requestAccounts" })) as Address[];
        remembered.set(id);
        return {
          accounts: accounts as unknown as withCapabilities extends true
            ? readonly { address: Address; capabilities: Record<string, unknown> }[]
            : readonly Address[],
          chainId,
        };
      },
      async disconnect() {
        if (remembered.get() === id) remembered.set(null);
      },
      async getAccounts() {
        return (await provider.request({ method: "eth_accounts" })) as Address[];
      },
      async getChainId() {
        return chainId;
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        return remembered.get() === id;
      },
      async switchChain({ chainId: id }) {
        const chain = config.chains.find((c) => c.id === id);
        if (!chain) throw new Error(`Chain ${id} is not this app's`);
        return chain;
      },
      onAccountsChanged() {},
      onChainChanged() {},
      onDisconnect() {
        if (remembered.get() === id) remembered.set(null);
        config.emitter.emit("disconnect");
      },
    };
  });
}

export const devConnectors = (url: string) => DEMO_PEOPLE.map((person) => devAccount(person, url));
export { DEMO_PEOPLE };
