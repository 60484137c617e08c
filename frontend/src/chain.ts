/** The one deployment this build of the app follows, and the RPC it reads through (network.ts). */
import { defineChain } from "viem";
import { isLocalChain } from "@disco-ledger/sdk/deployment";
import { followed } from "./network.ts";

const { deployment, rpcUrl } = followed(import.meta.env);
export { deployment, rpcUrl };

/** The local Hardhat chain of `npm start`, where the developer-account picker and Skip ahead are offered. */
export const isLocal = isLocalChain(deployment.chainId);

export const chain = defineChain({
  id: deployment.chainId,
  name: isLocal ? "DisCO local chain" : deployment.network,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
