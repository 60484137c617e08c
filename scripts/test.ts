/**
 * `npm test`: every check and every test, in the order that fails fastest. Exits non-zero at the first failure.
 *   build -> typecheck -> lint (solhint, prettier) -> all tests (Solidity and Mocha) with coverage -> 100% lines
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/deployments.ts";

const BIN = join(ROOT, "node_modules", ".bin");
const REQUIRED_LINE_COVERAGE = 100;

function step(title: string, command: string, args: string[]): void {
  console.log(`\n== ${title}: ${command} ${args.join(" ")}`);
  const result = spawnSync(join(BIN, command), args, { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

/** Line coverage of contracts/ from the lcov report that `hardhat test --coverage` writes. */
function contractLineCoverage(): { hit: number; found: number; missed: string[] } {
  const lcov = readFileSync(join(ROOT, "coverage", "lcov.info"), "utf8");
  let hit = 0;
  let found = 0;
  const missed: string[] = [];
  for (const record of lcov.split("end_of_record")) {
    const file = /^SF:(.*)$/m.exec(record)?.[1];
    if (!file || !file.startsWith("contracts/")) continue;
    for (const [, line, count] of record.matchAll(/^DA:(\d+),(\d+)$/gm)) {
      found += 1;
      if (count !== "0") hit += 1;
      else missed.push(`${file}:${line}`);
    }
  }
  return { hit, found, missed };
}

step("Build", "hardhat", ["build"]);
step("Typecheck", "tsc", ["-p", "tsconfig.json"]);
step("Lint Solidity", "solhint", ["--max-warnings", "0", "contracts/**/*.sol"]);
step("Check formatting", "prettier", ["--check", "."]);
step("Tests with coverage", "hardhat", ["test", "--coverage"]);

const { hit, found, missed } = contractLineCoverage();
const percent = found === 0 ? 0 : (100 * hit) / found;
console.log(`\nLine coverage of contracts/: ${hit}/${found} = ${percent.toFixed(2)}%`);
if (percent < REQUIRED_LINE_COVERAGE) {
  console.error(`Below the required ${REQUIRED_LINE_COVERAGE}%. Lines never run:\n  ${missed.join("\n  ")}`);
  process.exit(1);
}
