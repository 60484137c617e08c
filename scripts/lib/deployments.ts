import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Deployment } from "@disco-ledger/sdk/deployment";

export * from "@disco-ledger/sdk/deployment";

/** The project's root folder, wherever a script is started from. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

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
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  return path;
}
