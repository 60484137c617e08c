/**
 * The chain a command works on, found the way Hardhat finds it: `--network <name>` connects through Hardhat's own
 * runtime, so the URL and the accounts come from hardhat.config.ts (configuration variables and the keystore
 * included), and viem speaks to its EIP-1193 provider. DISCO_PORT moves the local chain; --rpc overrides any URL.
 * Before a command reads anything, the chain is checked to be the deployment's: a fresh local chain puts its
 * contracts at the same addresses every time, so without the check another demo's books would be read silently.
 */
import type { NetworkConnection } from "hardhat/types/network";
import {
  BlockNotFoundError,
  createPublicClient,
  custom,
  isAddress,
  type EIP1193Provider,
  type PublicClient,
} from "viem";
import { printable } from "@disco-ledger/sdk/format";
import { discoverDisCOs, findDisCO, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import { deploymentOf, isLocalChain, type Deployment, type DeploymentsFile } from "../lib/deployments.ts";
import { ChainError, UsageError } from "./context.ts";

/** What the commands need of an EIP-1193 provider: its requests. */
export type ChainProvider = Pick<EIP1193Provider, "request">;

/** A network's provider and a viem client over it; `close` ends the connection so the process can exit. */
export interface ChainConnection {
  provider: ChainProvider;
  client: PublicClient;
  /** The URL it speaks to, for messages: a configured one without its path and query (withoutSecrets). */
  url: string;
  /** Hardhat's connection to it, for what the deploy scripts check (a currency's contract). */
  hardhat: NetworkConnection;
  close(): Promise<void>;
}

/** How a command reaches the network `name` (connectNetwork; a test's in-process chain instead). */
export type Connect = (name: string, rpc?: string) => Promise<ChainConnection>;

/** A viem public client over any EIP-1193 provider: Hardhat's, or a test's in-process chain. */
export function clientOver(provider: ChainProvider): PublicClient {
  // Local chains mine at once: poll receipts often rather than every 4 s.
  return createPublicClient({ transport: custom(provider), pollingInterval: 100 });
}

/** The URL a command speaks to: --rpc, else DISCO_PORT's on localhost, else hardhat.config.ts's (undefined here). */
export function networkUrl(name: string, rpc: string | undefined, port = process.env.DISCO_PORT): string | undefined {
  return rpc ?? (name === "localhost" && port !== undefined ? `http://127.0.0.1:${port}` : undefined);
}

/**
 * A configured URL as messages may show it: its origin alone when it has a path or a query, where providers put
 * their API keys (https://eth-sepolia.g.alchemy.com/v2/<key>), so that no key reaches a terminal or a CI log.
 */
export function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    const bare = (parsed.pathname === "/" || parsed.pathname === "") && parsed.search === "" && parsed.username === "";
    return bare ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return "the configured URL";
  }
}

/** Connects to the network `name` of hardhat.config.ts; `rpc` (or DISCO_PORT on localhost) overrides its URL. */
export async function connectNetwork(name: string, rpc?: string): Promise<ChainConnection> {
  const override = networkUrl(name, rpc);
  // Loaded here, not at the top: a command's --help and usage errors need no Hardhat runtime.
  const { network } = await import("hardhat");
  const connection = await network.create({
    network: name,
    ...(override === undefined ? {} : { override: { url: override } }),
  });
  const config = connection.networkConfig;
  const url =
    override ??
    (config.type === "http" ? await config.url.get().then(withoutSecrets, () => `network ${name}'s URL`) : name);
  const provider: ChainProvider = connection.provider as EIP1193Provider;
  return { provider, client: clientOver(provider), url, hardhat: connection, close: () => connection.close() };
}

/** An error's innermost cause, which says it plainly ("Connection to http://127.0.0.1:8545 was refused"). */
function innermost(error: unknown): string {
  let cause = error as Error;
  while (cause.cause instanceof Error) cause = cause.cause;
  return String(cause.message).split("\n")[0].replace(/\.$/, "");
}

/** How to reach a chain that does not answer: where it was looked for, how to start or find it. */
export function unreachable(name: string, url: string, reason: string): ChainError {
  const local = name === "localhost" || url.startsWith("http://127.0.0.1") || url.startsWith("http://localhost");
  return new ChainError(
    `No chain answers at ${url} (network ${name}): ${reason}.\n` +
      (local
        ? "Start the local chain with `npm start` in another terminal and leave it running. If it runs on another " +
          "port, give the same DISCO_PORT to this command (DISCO_PORT=8546 npm run cli -- members), or pass " +
          "--rpc http://127.0.0.1:<port>."
        : `Check the network's URL in hardhat.config.ts, or pass --rpc <url>.`),
  );
}

/**
 * Checks that the chain at `chain` is the one `deployment` describes: it answers, with the deployment's chain id,
 * the block the deployment started in has the hash recorded at deploy time (or, in a deployment recorded before
 * that hash was, the governor has code). Throws ChainError, saying what differs, when it is not.
 */
export async function checkDeploymentChain(
  chain: Pick<ChainConnection, "client" | "url">,
  deployment: Deployment,
  networkName = deployment.network,
): Promise<void> {
  let chainId: number;
  try {
    chainId = await chain.client.getChainId();
  } catch (error) {
    throw unreachable(networkName, chain.url, innermost(error));
  }
  const file = `deployments/${deployment.network}.json`;
  if (chainId !== deployment.chainId) {
    throw new ChainError(
      `The chain at ${chain.url} has chain id ${chainId}, but ${file} describes a DisCO on chain ${deployment.chainId}: ` +
        `pass the --network or --rpc of that chain.`,
    );
  }
  const fresh = isLocalChain(chainId)
    ? ` A local chain starts empty each time: the DisCO that ${file} describes was on a chain that has stopped. ` +
      "Run `npm start` again (it deploys and seeds a new demo), or point DISCO_PORT or --rpc at the chain it runs on."
    : "";
  // A chain without that block is not the deployment's; one that fails to answer is out of reach, not another chain.
  const block = await chain.client.getBlock({ blockNumber: BigInt(deployment.startBlock) }).catch((error: unknown) => {
    if (error instanceof BlockNotFoundError) return null;
    throw unreachable(networkName, chain.url, innermost(error));
  });
  if (deployment.startBlockHash !== undefined) {
    if (block?.hash !== deployment.startBlockHash) {
      throw new ChainError(
        `The chain at ${chain.url} is not the one ${file} describes: its block ${deployment.startBlock} is ` +
          `${block ? block.hash : "not there yet"}, not ${deployment.startBlockHash}.${fresh}`,
      );
    }
    return;
  }
  const governor = deployment.contracts.governor.address as `0x${string}`;
  const code = block ? await chain.client.getCode({ address: governor }) : undefined;
  if (code === undefined || code === "0x") {
    throw new ChainError(
      `The chain at ${chain.url} has no DisCO governor at ${governor}, where ${file} says it is.${fresh}`,
    );
  }
}

/** The DisCOs a deployments file records, for messages: "Demo DisCO", "Small DisCO". */
const recordedNames = (file: DeploymentsFile): string =>
  Object.keys(file.discos)
    .map((name) => `"${name}"`)
    .join(", ") || "none";

/**
 * Checks that `chain` is the one deployments/<network>.json describes, before its factory's events are read or it is
 * sent a DisCO to create, by the file's first DisCO (checkDeploymentChain): a fresh local chain has its factory at the
 * same address as the chain the file was written on.
 */
export const checkFileChain = (
  chain: Pick<ChainConnection, "client" | "url">,
  file: DeploymentsFile,
  networkName = file.network,
): Promise<void> => checkDeploymentChain(chain, deploymentOf(file), networkName);

/** Every DisCO the factory of deployments/<network>.json started, on the chain the file describes, oldest first. */
export async function discoverOn(
  chain: Pick<ChainConnection, "client" | "url">,
  file: DeploymentsFile,
  networkName = file.network,
): Promise<FoundDisCO[]> {
  if (file.factory === undefined) {
    throw new UsageError(
      `deployments/${file.network}.json names no factory, so its DisCOs are only those it records: ` +
        `${recordedNames(file)}.`,
    );
  }
  await checkFileChain(chain, file, networkName);
  return discoverDisCOs(chain.client, file);
}

/**
 * The DisCO that `key` (--disco) names, checked to be on `chain`: a name the deployments file records is taken from
 * it; any other name, or an address of one of its contracts, is looked for among the DisCOs its factory started
 * (findDisCO); without a key, the file's first DisCO. Throws a UsageError naming the DisCOs there are when `key`
 * names none, or more than one.
 */
export async function chooseDisCO(
  chain: Pick<ChainConnection, "client" | "url">,
  file: DeploymentsFile,
  key: string | undefined,
  networkName = file.network,
): Promise<Deployment> {
  if (key === undefined || Object.hasOwn(file.discos, key)) {
    const recorded = deploymentOf(file, key);
    await checkDeploymentChain(chain, recorded, networkName);
    return recorded;
  }
  const found = await discoverOn(chain, file, networkName);
  try {
    const chosen = findDisCO(found, key);
    // Anyone can start a DisCO under any name: one found by its name alone is told by its addresses too.
    if (!isAddress(key)) {
      console.error(
        `"${printable(chosen.name)}" is not recorded in deployments/${file.network}.json: found among the factory's ` +
          `DisCOs, membership ${chosen.contracts.membership.address}, started by ${chosen.creator}. Name it by its ` +
          "address to be sure of it.",
      );
    }
    return chosen;
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message} deployments/${file.network}.json records ${recordedNames(file)}.`,
    );
  }
}
