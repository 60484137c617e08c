/**
 * The chain a command works on, found the way Hardhat finds it: `--network <name>` connects through Hardhat's own
 * runtime, so the URL and the accounts come from hardhat.config.ts (configuration variables and the keystore
 * included), and viem speaks to its EIP-1193 provider. DISCO_PORT moves the local chain; --rpc overrides any URL.
 */
import { createPublicClient, custom, type EIP1193Provider, type PublicClient } from "viem";

/** What the commands need of an EIP-1193 provider: its requests. */
export type ChainProvider = Pick<EIP1193Provider, "request">;

/** A network's provider and a viem client over it; `close` ends the connection so the process can exit. */
export interface ChainConnection {
  provider: ChainProvider;
  client: PublicClient;
  close(): Promise<void>;
}

/** The local chain's dev network: `npm start` serves it on 127.0.0.1 (DISCO_PORT, else 8545). */
export const LOCAL_CHAIN_ID = 31337;

/** A viem public client over any EIP-1193 provider: Hardhat's, or a test's in-process chain. */
export function clientOver(provider: ChainProvider): PublicClient {
  // Local chains mine at once: poll receipts often rather than every 4 s.
  return createPublicClient({ transport: custom(provider), pollingInterval: 100 });
}

/** Connects to the network `name` of hardhat.config.ts; `rpc` (or DISCO_PORT on localhost) overrides its URL. */
export async function connectNetwork(name: string, rpc?: string): Promise<ChainConnection> {
  const port = process.env.DISCO_PORT;
  const url = rpc ?? (name === "localhost" && port !== undefined ? `http://127.0.0.1:${port}` : undefined);
  // Loaded here, not at the top: a command's --help and usage errors need no Hardhat runtime.
  const { network } = await import("hardhat");
  const connection = await network.connect({ network: name, ...(url === undefined ? {} : { override: { url } }) });
  const provider: ChainProvider = connection.provider as EIP1193Provider;
  return { provider, client: clientOver(provider), close: () => connection.close() };
}
