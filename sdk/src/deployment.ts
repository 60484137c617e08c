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

/** deployments/<network>.json, the format that the dApp, the scripts and outside tools read (DESIGN.md). */
export interface Deployment {
  chainId: number;
  network: string;
  startBlock: number;
  /**
   * The hash of block `startBlock`, recorded by deploys since issue 14: it tells the deployment's chain from a fresh
   * local chain whose contracts have the same addresses. Older records lack it.
   */
  startBlockHash?: string;
  contracts: DeploymentContracts;
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
