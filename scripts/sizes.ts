/**
 * `tsx scripts/sizes.ts`: every deployable contract's runtime code size, from the build's artifacts. Exits 1 when one
 * is over the project's budget, naming it: 23,000 bytes, which leaves room under EIP-170's 24,576 for the next rule.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/deployments.ts";

const SIZE_BUDGET = 23_000;

interface Artifact {
  contractName: string;
  sourceName: string;
  deployedBytecode: string;
}

/** Every artifact file below `dir` (one per contract; build-info and type declarations skipped). */
function artifactFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return artifactFiles(path);
    return name.endsWith(".json") ? [path] : [];
  });
}

/** Runtime sizes in bytes of the contracts with code (interfaces and abstract contracts have none), largest first. */
function contractSizes(): { name: string; source: string; bytes: number }[] {
  const dirs = ["contracts", "@openzeppelin"].map((d) => join(ROOT, "artifacts", d));
  return dirs
    .flatMap((dir) => artifactFiles(dir))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as Artifact)
    .map((a) => ({ name: a.contractName, source: a.sourceName, bytes: (a.deployedBytecode.length - 2) / 2 }))
    .filter((c) => c.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

const sizes = contractSizes();
for (const c of sizes) {
  const flag = c.bytes > SIZE_BUDGET ? "  OVER BUDGET" : "";
  console.log(`${c.name.padEnd(22)} ${c.bytes.toLocaleString("en-GB").padStart(6)} bytes${flag}`);
}
const over = sizes.filter((c) => c.bytes > SIZE_BUDGET);
for (const c of over) {
  console.error(`${c.name} (${c.source}) is ${c.bytes} bytes of runtime code, over the ${SIZE_BUDGET}-byte budget.`);
}
if (over.length > 0) process.exit(1);
console.log(`Every contract is within ${SIZE_BUDGET.toLocaleString("en-GB")} bytes.`);
