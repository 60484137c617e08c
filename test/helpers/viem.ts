/** A viem client on a Hardhat network connection: how the tests hand the chain to the SDK, the CLI and the audit. */
import type { NetworkConnection } from "hardhat/types/network";
import { createPublicClient, custom, type PublicClient } from "viem";

export function publicClient(connection: Pick<NetworkConnection, "provider">): PublicClient {
  return createPublicClient({ transport: custom(connection.provider) });
}
