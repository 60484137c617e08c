/**
 * Which network a build of the app follows, and through which RPC: VITE_NETWORK names it among deployments/*.json
 * (generated: its factory and recorded DisCOs), VITE_RPC_URL is the RPC; scripts/app.ts and npm start set both. Read
 * by the app (chain.ts, from import.meta.env) and by its build (vite.config.ts, for the request index.html sends
 * first, for the network's first DisCO).
 */
import { deploymentOf, type Deployment, type DeploymentsFile } from "@disco-ledger/sdk/deployment";
import { deployments } from "./generated/deployments.ts";

/** What the app knows of a network before asking its chain: the factory and the DisCOs recorded by name. */
export type AppNetwork = Pick<DeploymentsFile, "chainId" | "network" | "factory" | "discos">;

type Network = keyof typeof deployments;

export function followed(env: { VITE_NETWORK?: string; VITE_RPC_URL?: string }) {
  const name = (env.VITE_NETWORK ?? "localhost") as Network;
  if (!(name in deployments)) throw new Error(`No deployment "${name}" in deployments/: deploy it first`);
  // Typed as generated, so that the chain's id is known to the compiler (wagmi's hooks are typed by it).
  const network = deployments[name];
  /** The network's first recorded DisCO, which an address naming none opens. */
  const first: Deployment = deploymentOf(network);
  return { network, first, rpcUrl: env.VITE_RPC_URL ?? "http://127.0.0.1:8545" };
}
