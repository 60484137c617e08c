import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ContractRecord,
  deploymentOf,
  deploymentsFileFrom,
  recordDeployment,
  type Deployment,
  type DeploymentsFile,
} from "@disco-ledger/sdk/deployment";

export * from "@disco-ledger/sdk/deployment";

/** The project's root folder, wherever a script is started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where deployments files are kept: deployments/, or DISCO_DEPLOYMENTS_DIR's folder (npm test's live-path test keeps
 * its stand-in network's records out of the repository's).
 */
export const DEPLOYMENTS_DIR = process.env.DISCO_DEPLOYMENTS_DIR ?? join(ROOT, "deployments");

export const deploymentPath = (network: string): string => join(DEPLOYMENTS_DIR, `${network}.json`);

/** deployments/<network>.json as it is, or undefined when the network has none yet. */
export function readDeploymentsFile(network: string): DeploymentsFile | undefined {
  const path = deploymentPath(network);
  if (!existsSync(path)) return undefined;
  return deploymentsFileFrom(JSON.parse(readFileSync(path, "utf8")) as DeploymentsFile | Deployment);
}

/** deployments/<network>.json; throws, saying to deploy first, when the network has none. */
export function deploymentsFileOf(network: string): DeploymentsFile {
  const file = readDeploymentsFile(network);
  if (file === undefined) {
    throw new Error(`No deployment for network "${network}" at ${deploymentPath(network)}: deploy first (see README).`);
  }
  return file;
}

/** The DisCO called `disco` on `network` (its only or first DisCO when not named), from deployments/<network>.json. */
export function readDeployment(network: string, disco?: string): Deployment {
  return deploymentOf(deploymentsFileOf(network), disco);
}

/**
 * Records a DisCO in deployments/<network>.json (recordDeployment: a DisCO recorded before keeps its record). `fresh`
 * starts the file anew: a local chain that restarted empty.
 */
export function writeDeployment(
  deployment: Deployment,
  chain: Pick<DeploymentsFile, "factory" | "implementations"> = {},
  fresh = false,
): string {
  const path = deploymentPath(deployment.network);
  mkdirSync(dirname(path), { recursive: true });
  const file = recordDeployment(fresh ? undefined : readDeploymentsFile(deployment.network), deployment, chain);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}

/** Records a federation under its name in deployments/<network>.json, whose DisCOs founded it. */
export function writeFederation(network: string, name: string, federation: ContractRecord): string {
  const file = deploymentsFileOf(network);
  writeFileSync(
    deploymentPath(network),
    `${JSON.stringify({ ...file, federations: { ...file.federations, [name]: federation } }, null, 2)}\n`,
  );
  return deploymentPath(network);
}
