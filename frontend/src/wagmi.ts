import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors";
import { chain, isLocal, rpcUrl } from "./chain.ts";
import { devConnectors } from "./wallet/devAccounts.ts";

export const config = createConfig({
  chains: [chain],
  // Any EIP-1193 browser wallet (MetaMask, Rabby, ...), and on the local chain the demo's developer accounts.
  connectors: [injected(), ...(isLocal ? devConnectors(rpcUrl) : [])],
  // One client for the whole app, the Audit page included; requests made together go as one JSON-RPC batch.
  transports: { [chain.id]: http(rpcUrl, { batch: true }) },
  pollingInterval: isLocal ? 1_000 : 4_000,
});

declare module "wagmi" {
  interface Register {
    config: typeof config;
  }
}
