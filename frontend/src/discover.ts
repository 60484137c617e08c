/**
 * Every DisCO the network's factory started, from its events, through a client of its own (wagmi's config needs
 * chain.ts first). A module apart, loaded only when an address names a DisCO the deployments file does not record,
 * so that a visit to a recorded DisCO downloads none of it.
 */
import { createPublicClient, http, type Chain } from "viem";
import { discoverDisCOs, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import type { AppNetwork } from "./network.ts";

export const discover = (chain: Chain, rpcUrl: string, network: AppNetwork): Promise<FoundDisCO[]> =>
  discoverDisCOs(createPublicClient({ chain, transport: http(rpcUrl) }), network);
