/** deployments/<network>.json's shape (DESIGN.md's Interfaces) and what can be learnt of it from a chain. */

export interface ContractRecord {
  address: string;
  blockNumber: number;
}

/** The contracts of one deployment; later parts of the DisCO add their own entries. */
export interface DeploymentContracts {
  governor: ContractRecord;
  timelock: ContractRecord;
  membership: ContractRecord;
  ledger: ContractRecord;
  treasury: ContractRecord;
  capital: ContractRecord;
  audit: ContractRecord;
  token: ContractRecord;
  [name: string]: ContractRecord;
}

/** One DisCO on one network: its contracts and where its history starts, as the SDK reads it. */
export interface Deployment {
  chainId: number;
  network: string;
  /** The DisCO's name, as it was started (DisCOCreated); records from before the factory lack it. */
  name?: string;
  startBlock: number;
  /**
   * The hash of block `startBlock`, recorded by deploys since issue 14: it tells the deployment's chain from a fresh
   * local chain whose contracts have the same addresses. Older records lack it.
   */
  startBlockHash?: string;
  contracts: DeploymentContracts;
}

/** A DisCO as deployments/<network>.json keeps it, under its name. */
export type DisCORecord = Pick<Deployment, "startBlock" | "startBlockHash" | "contracts">;

/**
 * deployments/<network>.json, the format that the dApp, the scripts and outside tools read (DESIGN.md's Interfaces):
 * the network's factory and implementations, and each DisCO deployed from this repository by name. DisCOs started
 * otherwise are found from the factory's events; the file is a convenience.
 */
export interface DeploymentsFile {
  chainId: number;
  network: string;
  factory?: ContractRecord;
  implementations?: Record<string, ContractRecord>;
  discos: Record<string, DisCORecord>;
  /** Federations founded from this repository's DisCOs, by name; the factory's FederationCreated events are the record. */
  federations?: Record<string, ContractRecord>;
}

/**
 * A deployments file as read from JSON: the format above, or the one-DisCO format of records written before the
 * factory (`{ chainId, network, startBlock, contracts }`), read as a file of that one DisCO named "DisCO".
 */
export function deploymentsFileFrom(json: DeploymentsFile | Deployment): DeploymentsFile {
  if ("discos" in json) return json;
  const { chainId, network, name, startBlock, startBlockHash, contracts } = json;
  return { chainId, network, discos: { [name ?? "DisCO"]: { startBlock, startBlockHash, contracts } } };
}

/**
 * The DisCO called `name` in a deployments file, or its only (else first) DisCO when no name is given. Throws, naming
 * the DisCOs there are, when none matches.
 */
export function deploymentOf(file: DeploymentsFile, name?: string): Deployment {
  const names = Object.keys(file.discos);
  const chosen = name ?? names[0];
  const record = chosen === undefined ? undefined : file.discos[chosen];
  if (chosen === undefined || record === undefined) {
    const known = names.length === 0 ? "none" : names.map((n) => `"${n}"`).join(", ");
    throw new Error(`No DisCO "${name ?? ""}" on ${file.network}: its deployments file names ${known}.`);
  }
  return { chainId: file.chainId, network: file.network, name: chosen, ...record };
}

/** The DisCO recorded in `file` whose membership contract is at `membership`, if any. */
export function recordedDisCO(
  file: Pick<DeploymentsFile, "chainId" | "network" | "discos">,
  membership: string,
): Deployment | undefined {
  const found = Object.entries(file.discos).find(
    ([, record]) => record.contracts.membership.address.toLowerCase() === membership.toLowerCase(),
  );
  return found && { chainId: file.chainId, network: file.network, name: found[0], ...found[1] };
}

/**
 * `file` with `deployment` recorded under its name. A DisCO already recorded with the same contracts keeps its
 * record as it was: running a deployment again never changes a recorded block. One recorded with other contracts
 * is refused: two DisCOs must not share a name in one file.
 */
export function recordDeployment(
  file: DeploymentsFile | undefined,
  deployment: Deployment,
  chain: Pick<DeploymentsFile, "factory" | "implementations"> = {},
): DeploymentsFile {
  const name = deployment.name ?? "DisCO";
  const base: DeploymentsFile = file ?? { chainId: deployment.chainId, network: deployment.network, discos: {} };
  if (base.chainId !== deployment.chainId) {
    throw new Error(
      `deployments/${deployment.network}.json is chain ${base.chainId}'s; "${name}" is on chain ${deployment.chainId}.`,
    );
  }
  const factory = chain.factory?.address.toLowerCase();
  if (factory !== undefined && base.factory !== undefined && base.factory.address.toLowerCase() !== factory) {
    throw new Error(
      `deployments/${deployment.network}.json names the factory ${base.factory.address}; "${name}" was started by ` +
        `${chain.factory?.address}. One file follows one factory: record the new one's DisCOs in a file of their own.`,
    );
  }
  const known = base.discos[name];
  const { startBlock, startBlockHash, contracts } = deployment;
  if (known !== undefined) {
    const same = Object.entries(contracts).every(
      ([key, c]) => known.contracts[key]?.address.toLowerCase() === c.address.toLowerCase(),
    );
    if (!same) {
      throw new Error(
        `deployments/${deployment.network}.json already names a DisCO "${name}" with other contracts: choose another ` +
          `name, or remove its record if that DisCO is abandoned.`,
      );
    }
  }
  return {
    chainId: base.chainId,
    network: base.network,
    factory: base.factory ?? chain.factory,
    implementations: base.implementations ?? chain.implementations,
    discos: { ...base.discos, [name]: known ?? { startBlock, startBlockHash, contracts } },
    ...(base.federations && { federations: base.federations }),
  };
}

/** The chain id of Hardhat's local chains (npm start's, the tests'): their accounts are public, their clock moves. */
export const LOCAL_CHAIN_ID = 31337;

/**
 * Whether a chain is a local development chain: only there does the app offer the demo's accounts and skipping ahead
 * in time, and does the CLI name the demo's people.
 */
export const isLocalChain = (chainId: number): boolean => chainId === LOCAL_CHAIN_ID;

/** The little of a JSON-RPC provider that finding deployment blocks needs. */
export interface CodeReader {
  getCode(address: string, blockTag: number): Promise<string>;
}

/**
 * The block in which `address` got its code, by binary search over [from, to]: a few calls on any EVM network,
 * with no explorer and no deployment journal needed.
 */
export async function deploymentBlock(reader: CodeReader, address: string, from: number, to: number): Promise<number> {
  if ((await reader.getCode(address, to)) === "0x") throw new Error(`No code at ${address} by block ${to}`);
  let low = from;
  let high = to;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if ((await reader.getCode(address, mid)) === "0x") low = mid + 1;
    else high = mid;
  }
  return low;
}
