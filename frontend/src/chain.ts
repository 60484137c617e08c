/** The one deployment this build of the app follows, and the RPC it reads through (network.ts). */
import { defineChain } from "viem";
import { followed } from "./network.ts";

const { deployment, rpcUrl } = followed(import.meta.env);
export { deployment, rpcUrl };

export const LOCAL_CHAIN_ID = 31337;
/** The local Hardhat chain of `npm start`, where the developer-account picker is offered. */
export const isLocal = deployment.chainId === LOCAL_CHAIN_ID;

export const chain = defineChain({
  id: deployment.chainId,
  name: isLocal ? "DisCO local chain" : deployment.network,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
