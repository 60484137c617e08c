/**
 * The DisCOs of a chain, found from its factory's DisCOCreated events (DESIGN.md's Interfaces: deployments files are
 * a convenience; the factory's logs are the record). Browser-safe: no Node imports.
 */
import { getAddress, parseEventLogs, type Address, type Log, type PublicClient } from "viem";
import { factoryAbi } from "./generated/abis.ts";
import type { ContractRecord, Deployment, DeploymentsFile } from "./deployment.ts";
import { printable } from "./format.ts";

/** What discovery needs of a viem client. */
export type LogReader = Pick<PublicClient, "getLogs">;

/** A DisCO as its factory announced it: its name, who started it, and its contracts from the block it began in. */
export interface FoundDisCO extends Deployment {
  name: string;
  creator: Address;
}

/** The chain a DisCO was announced on, and by which factory. */
export type FactoryChain = Pick<DeploymentsFile, "chainId" | "network" | "factory">;

/**
 * Every DisCO the factory of `chain` started, oldest first, each as a Deployment the SDK reads like a recorded one:
 * its contracts (and currency) from the block of its creation, which is its start block.
 */
export async function discoverDisCOs(client: LogReader, chain: FactoryChain): Promise<FoundDisCO[]> {
  if (chain.factory === undefined) return [];
  const logs = await client.getLogs({
    address: chain.factory.address as Address,
    fromBlock: BigInt(chain.factory.blockNumber),
    toBlock: "latest",
  });
  return disCOsCreated(logs, chain);
}

/**
 * The DisCOs that the factory of `chain` announced among `logs` (its getLogs answer, or the receipt of a create):
 * DisCOCreated events of other contracts are no factory's of this chain, and are left out.
 */
export function disCOsCreated(logs: readonly Log[], chain: FactoryChain): FoundDisCO[] {
  const factory = chain.factory?.address.toLowerCase();
  const own = logs.filter((log) => log.address.toLowerCase() === factory);
  return parseEventLogs({ abi: factoryAbi, eventName: "DisCOCreated", logs: own as Log[] }).map(
    ({ args, blockNumber, blockHash }) => {
      const block = Number(blockNumber);
      const at = (address: string): ContractRecord => ({ address: getAddress(address), blockNumber: block });
      return {
        chainId: chain.chainId,
        network: chain.network,
        name: args.name,
        creator: args.creator,
        startBlock: block,
        startBlockHash: blockHash,
        contracts: {
          governor: at(args.governor),
          timelock: at(args.timelock),
          membership: at(args.membership),
          ledger: at(args.ledger),
          treasury: at(args.treasury),
          capital: at(args.capital),
          audit: at(args.audit),
          // The DisCO's books start with it: the currency's earlier history is none of theirs.
          token: at(args.currency),
        },
      };
    },
  );
}

/**
 * The DisCO that `key` names among `found`: by one of its contracts' addresses, else by its name (case and spaces
 * aside). Throws, naming the DisCOs there are, when none or more than one matches: names and key printable (their
 * founders typed them; the refusal is printed).
 */
export function findDisCO(found: readonly FoundDisCO[], key: string): FoundDisCO {
  const wanted = key.trim().toLowerCase();
  const byAddress = found.filter((d) =>
    Object.values(d.contracts).some((c) => c.address.toLowerCase() === wanted && c !== d.contracts.token),
  );
  const matches = byAddress.length > 0 ? byAddress : found.filter((d) => d.name.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0];
  const listed = found.map((d) => `"${printable(d.name)}" (${d.contracts.membership.address})`).join(", ") || "none";
  if (matches.length === 0)
    throw new Error(`No DisCO "${printable(key)}" on this chain. Its factory started: ${listed}.`);
  throw new Error(
    `${matches.length} DisCOs are called "${printable(key)}": name one by its membership address: ` +
      matches.map((d) => d.contracts.membership.address).join(", "),
  );
}
