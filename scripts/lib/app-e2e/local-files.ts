/**
 * The browser tests and the load benchmark deploy and build as `npm start` does, which rewrites
 * deployments/localhost.json and frontend/src/generated/. They keep the developer's copies and put them back.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_DIR } from "../app-contracts.ts";
import { deploymentPath } from "../deployments.ts";

/** Copies the files into `backup` now; the returned function puts them back and removes the copies. */
export function keepLocalFiles(backup: string): () => void {
  rmSync(backup, { recursive: true, force: true });
  mkdirSync(join(backup, "generated"), { recursive: true });
  const deployment = deploymentPath("localhost");
  const hadDeployment = existsSync(deployment);
  if (hadDeployment) copyFileSync(deployment, join(backup, "localhost.json"));
  const generated = existsSync(GENERATED_DIR) ? readdirSync(GENERATED_DIR) : [];
  for (const file of generated) copyFileSync(join(GENERATED_DIR, file), join(backup, "generated", file));
  return () => {
    if (hadDeployment) copyFileSync(join(backup, "localhost.json"), deployment);
    else rmSync(deployment, { force: true });
    for (const file of generated) copyFileSync(join(backup, "generated", file), join(GENERATED_DIR, file));
    rmSync(backup, { recursive: true, force: true });
  };
}
