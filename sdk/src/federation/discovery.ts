/**
 * The federations of a chain, found from its factory's FederationCreated events, as discovery.ts finds its DisCOs
 * (the factory's logs are the record). Browser-safe: no Node imports.
 */
import { parseEventLogs, type Address, type Hex, type Log } from "viem";
import type { FactoryChain, LogReader } from "../discovery.ts";
import { factoryAbi } from "../generated/abis.ts";
import { printable } from "../format.ts";

/** A federation as its factory announced it. */
export interface FoundFederation {
  address: Address;
  name: string;
  /** The founding DisCO, by its membership address (its id). */
  founder: Address;
  /** Its mutual-credit network (IMutualCredit), created with it: its logs start in the same block. */
  credit: Address;
  /** The block it was founded in: its logs start there. */
  blockNumber: number;
  blockHash: Hex;
}

/** Every federation the factory of `chain` founded, oldest first. */
export async function discoverFederations(client: LogReader, chain: FactoryChain): Promise<FoundFederation[]> {
  if (chain.factory === undefined) return [];
  const logs = await client.getLogs({
    address: chain.factory.address as Address,
    fromBlock: BigInt(chain.factory.blockNumber),
    toBlock: "latest",
  });
  return federationsCreated(logs, chain);
}

/**
 * The federations that the factory of `chain` announced among `logs` (its getLogs answer, or the receipt of a
 * createFederation): FederationCreated events of other contracts are no factory's of this chain, and are left out.
 */
export function federationsCreated(logs: readonly Log[], chain: FactoryChain): FoundFederation[] {
  const factory = chain.factory?.address.toLowerCase();
  const own = logs.filter((log) => log.address.toLowerCase() === factory);
  return parseEventLogs({ abi: factoryAbi, eventName: "FederationCreated", logs: own as Log[] }).map(
    ({ args, blockNumber, blockHash }) => ({
      address: args.federation,
      name: args.name,
      founder: args.founder,
      credit: args.credit,
      blockNumber: Number(blockNumber),
      blockHash,
    }),
  );
}

/**
 * The federation that `key` names among `found`: by its address, else by its name (case and spaces aside). Throws,
 * naming the federations there are, when none or more than one matches: names and key printable (their founders
 * typed them; the refusal is printed).
 */
export function findFederation(found: readonly FoundFederation[], key: string): FoundFederation {
  const wanted = key.trim().toLowerCase();
  const byAddress = found.filter((f) => f.address.toLowerCase() === wanted);
  const matches = byAddress.length > 0 ? byAddress : found.filter((f) => f.name.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0];
  const listed = found.map((f) => `"${printable(f.name)}" (${f.address})`).join(", ") || "none";
  if (matches.length === 0) {
    throw new Error(`No federation "${printable(key)}" on this chain. Its factory founded: ${listed}.`);
  }
  throw new Error(
    `${matches.length} federations are called "${printable(key)}": name one by its address: ` +
      matches.map((f) => f.address).join(", "),
  );
}
