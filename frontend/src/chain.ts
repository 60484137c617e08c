/**
 * The one deployment this build of the app follows: VITE_NETWORK names it among deployments/*.json (generated),
 * VITE_RPC_URL is the RPC it reads through; scripts/app.ts and npm start set both.
 */
import { defineChain } from "viem";
import { deployments } from "./generated/deployments.ts";

type Network = keyof typeof deployments;
const network = (import.meta.env.VITE_NETWORK ?? "localhost") as Network;
if (!(network in deployments)) throw new Error(`No deployment "${network}" in deployments/: deploy it first`);

export const deployment = deployments[network];

export const LOCAL_CHAIN_ID = 31337;
/** The local Hardhat chain of `npm start`, where the developer-account picker is offered. */
export const isLocal = deployment.chainId === LOCAL_CHAIN_ID;

export const rpcUrl: string = import.meta.env.VITE_RPC_URL ?? "http://127.0.0.1:8545";

export const chain = defineChain({
  id: deployment.chainId,
  name: isLocal ? "DisCO local chain" : deployment.network,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
