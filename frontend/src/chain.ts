/** The one chain this build of the app follows: the deployment's, read through the generated RPC URL. */
import { defineChain } from "viem";
import { deployment, rpcUrl } from "./generated/deployment.ts";

export const LOCAL_CHAIN_ID = 31337;
/** The local Hardhat chain of `npm start`, where the developer-account picker is offered. */
export const isLocal = deployment.chainId === LOCAL_CHAIN_ID;

export const chain = defineChain({
  id: deployment.chainId,
  name: isLocal ? "DisCO local chain" : deployment.network,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});

export { deployment, rpcUrl };
