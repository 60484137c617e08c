/**
 * Which deployment a build of the app follows, and through which RPC: VITE_NETWORK names it among
 * deployments/*.json (generated), VITE_RPC_URL is the RPC; scripts/app.ts and npm start set both. Read by the app
 * (chain.ts, from import.meta.env) and by its build (vite.config.ts, for the request index.html sends first).
 */
import { deployments } from "./generated/deployments.ts";

type Network = keyof typeof deployments;

export function followed(env: { VITE_NETWORK?: string; VITE_RPC_URL?: string }) {
  const network = (env.VITE_NETWORK ?? "localhost") as Network;
  if (!(network in deployments)) throw new Error(`No deployment "${network}" in deployments/: deploy it first`);
  return { deployment: deployments[network], rpcUrl: env.VITE_RPC_URL ?? "http://127.0.0.1:8545" };
}
