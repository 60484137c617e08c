/**
 * `npm test`: every check and every test, in the order that fails fastest. Exits non-zero at the first failure.
 *   build (which regenerates the SDK's ABIs), with coverage's instrumented build beside it at a lower priority, in
 *   folders of its own (hardhat.config.ts) -> contract sizes (each at most 23,000 bytes) -> typecheck (scripts and
 *   tests, then the SDK with no Node types) and lint (Biome; solhint and prettier beside) -> gas snapshot, with the
 *   SDK's unit tests (Vitest) beside it -> the app in Chromium (its own chain, deploy, seed, production build within
 *   its size budget, browser flows, accessibility, screenshots) -> all tests (Solidity and Mocha) with coverage, over
 *   the instrumented build made at the start, with the app's typecheck and unit tests (Vitest) beside it -> 100%
 *   lines. Most of a build is one solc process (the project's largest job): two builds side by side keep both cores
 *   compiling.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { initialJavaScript, INITIAL_JS_BUDGET } from "./lib/app-server.ts";
import { ROOT } from "./lib/deployments.ts";

const BIN = join(ROOT, "node_modules", ".bin");
const REQUIRED_LINE_COVERAGE = 100;

/** Runs one step, its output shown as it comes, and returns that output; exits at the first failing step. */
async function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  console.log(`\n== ${title}: ${command} ${args.join(" ")}`);
  const started = performance.now();
  const child = spawn(join(BIN, command), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  const status = await exitOf(title, child);
  if (status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(status ?? 1);
  }
  console.log(`== ${title}: done in ${elapsed(started)}`);
  return output;
}

/** How a step's process ended: its status, or null when it could not start (a program missing from the machine). */
const exitOf = (title: string, child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    child.on("close", resolve);
    child.on("error", (error) => {
      console.error(`\n${title} could not run: ${error.message}`);
      resolve(null);
    });
  });

/** Seconds since `start` (performance.now()), for the log: where CI's minutes go. */
const elapsed = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/**
 * Runs one step beside the steps that follow (the machine has two cores, and the long steps leave one mostly idle):
 * its output is kept and shown whole once it ends, after its title; exits at its failure.
 */
async function beside(
  title: string,
  command: string,
  args: string[],
  { env = {}, yielding = false }: { env?: NodeJS.ProcessEnv; yielding?: boolean } = {},
): Promise<string> {
  const started = performance.now();
  // A yielding step runs at a lower priority (nice): the steps it runs beside go first.
  const [program, programArgs] = yielding
    ? ["nice", ["-n", "10", join(BIN, command), ...args]]
    : [join(BIN, command), args];
  const child = spawn(program, programArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const status = await exitOf(title, child);
  console.log(`\n== ${title} (run beside the other steps, done in ${elapsed(started)}): ${command} ${args.join(" ")}`);
  process.stdout.write(output);
  process.stderr.write(errors);
  if (status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(status ?? 1);
  }
  return output;
}

/** Line coverage of contracts/ from the lcov report that `hardhat test --coverage` writes. */
function contractLineCoverage(): { hit: number; found: number; missed: string[] } {
  const lcov = readFileSync(join(ROOT, "coverage", "lcov.info"), "utf8");
  let hit = 0;
  let found = 0;
  const missed: string[] = [];
  for (const record of lcov.split("end_of_record")) {
    const file = /^SF:(.*)$/m.exec(record)?.[1];
    if (!file?.startsWith("contracts/")) continue;
    for (const [, line, count] of record.matchAll(/^DA:(\d+),(\d+)$/gm)) {
      found += 1;
      if (count !== "0") hit += 1;
      else missed.push(`${file}:${line}`);
    }
  }
  return { hit, found, missed };
}

// The instrumented build's folders (hardhat.config.ts): coverage's compile, and the coverage run that finds it done.
const COVERAGE_BUILD = { DISCO_COVERAGE_BUILD: "1" };
// It has until coverage to finish, the plain build only until the next step: it yields.
const coverageBuild = beside("Build for coverage", "hardhat", ["--coverage", "build", "--quiet"], {
  env: COVERAGE_BUILD,
  yielding: true,
});
await step("Build", "hardhat", ["build"]);
await step("Contract sizes", "tsx", ["scripts/sizes.ts"]);
// The linters read only sources: beside the typechecks.
const solidityLint = beside("Lint Solidity", "solhint", ["--max-warnings", "0", "contracts/**/*.sol"]);
const formatting = beside("Check formatting", "prettier", ["--check", "."]);
await step("Typecheck", "tsc", ["-p", "tsconfig.json"]);
// The SDK's configuration has no Node types: that the browser can load it is the compiler's finding.
await step("Typecheck the SDK", "tsc", ["-p", "sdk/tsconfig.json"]);
await step("Lint TypeScript", "biome", ["lint", "--error-on-warnings"]);
await solidityLint;
await formatting;
// The SDK's unit tests read only its sources and the generated ABIs (rewritten only when they change).
const sdkTests = beside("SDK unit tests", "vitest", ["run", "--root", "sdk"]);
// Coverage instrumentation makes every call dearer, so gas is checked on its own, uninstrumented chain.
await step("Gas snapshot", "tsx", ["scripts/bench.ts", "--check"]);
// The app needs a deployment to be generated against: the browser tests make theirs first (network e2e).
const browserOutput = await step("Browser tests", "node", ["scripts/app-test.ts"]);
const browserPassed = /^browser tests: (\d+) passed, 0 failed/m.exec(browserOutput)?.[1];
const sdkOutput = await sdkTests;
await coverageBuild;
// The app's typecheck and unit tests read the deployment the browser tests generated: they run beside coverage.
const appTests = (async () => {
  await beside("Typecheck the app", "tsc", ["-p", "frontend/tsconfig.json"]);
  return beside("App unit tests", "vitest", ["run", "--root", "frontend"]);
})();
const testOutput = await step("Tests with coverage", "hardhat", ["test", "--coverage"], COVERAGE_BUILD);
const passed = /^(\d+) passing \(\d+ solidity, \d+ mocha\)$/m.exec(testOutput)?.[1];
if (passed === undefined) {
  console.error("Could not find Hardhat's count of passing tests.");
  process.exit(1);
}

const { hit, found, missed } = contractLineCoverage();
const percent = found === 0 ? 0 : (100 * hit) / found;
console.log(`\nLine coverage of contracts/: ${hit}/${found} = ${percent.toFixed(2)}%`);
if (percent < REQUIRED_LINE_COVERAGE) {
  console.error(`Below the required ${REQUIRED_LINE_COVERAGE}%. Lines never run:\n  ${missed.join("\n  ")}`);
  process.exit(1);
}
const unitOutput = await appTests;
const vitestPassed = (output: string) => /Tests\s+(\d+) passed/.exec(stripVTControlCharacters(output))?.[1];
const unitPassed = vitestPassed(unitOutput);
const sdkPassed = vitestPassed(sdkOutput);
if (browserPassed === undefined || unitPassed === undefined || sdkPassed === undefined) {
  console.error("Could not find the browser tests', the app's or the SDK's unit tests' count of passing tests.");
  process.exit(1);
}

const { gzipBytes } = initialJavaScript();
console.log(
  `\nInitial JavaScript of the app: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET / 1024} KB)`,
);
const total = Number(passed) + Number(sdkPassed) + Number(browserPassed) + Number(unitPassed);
console.log(`Contracts and scripts ${passed}, SDK unit ${sdkPassed}, app unit ${unitPassed}, browser ${browserPassed}`);
console.log(`\ntests: ${total} passed, 0 failed`);
