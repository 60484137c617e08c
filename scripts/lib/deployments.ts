import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder, wherever a script is started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

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
  contracts: DeploymentContracts;
}

/** The little of a JSON-RPC provider that finding deployment blocks needs. */
export interface CodeReader {
  getCode(address: string, blockTag: number): Promise<string>;
}

export const deploymentPath = (network: string): string => join(ROOT, "deployments", `${network}.json`);

export function readDeployment(network: string): Deployment {
  const path = deploymentPath(network);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Deployment;
  } catch (error) {
    throw new Error(`No deployment for network "${network}" at ${path}: deploy first (see README).`, {
      cause: error,
    });
  }
}

export function writeDeployment(deployment: Deployment): string {
  const path = deploymentPath(deployment.network);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(deployment, null, 2) + "\n");
  return path;
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
