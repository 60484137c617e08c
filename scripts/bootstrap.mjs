#!/usr/bin/env node
// The entry point of `npm start` and `npm test`. It runs under whatever Node the machine has (Node 20 on a fresh
// machine, which cannot run Hardhat 3): on first run, or when package-lock.json changed, it installs the project
// with Node 24 and npm 11 taken from the npm registry, then runs the real command with node_modules/.bin (and so
// Node 24, a devDependency) first on PATH. Plain JavaScript with no dependencies, on purpose.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { constants } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "node_modules", ".bin");
const MARKER = join(ROOT, "node_modules", ".disco-installed");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const NODE = pkg.devDependencies.node;
const NPM = pkg.packageManager.replace(/^npm@/, "");

const TASKS = {
  start: ["scripts/start.ts"],
  test: ["scripts/test.ts"],
  app: ["scripts/app.ts"],
};

const task = process.argv[2];
if (!(task in TASKS)) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(TASKS).join("|")}> [args...]`);
  process.exit(2);
}

const lockHash = createHash("sha256")
  .update(readFileSync(join(ROOT, "package-lock.json")))
  .digest("hex");
const installed =
  existsSync(join(BIN, "node")) &&
  existsSync(join(BIN, "hardhat")) &&
  existsSync(MARKER) &&
  readFileSync(MARKER, "utf8") === lockHash;
if (!installed) {
  console.log(`Installing dependencies with Node ${NODE} and npm ${NPM} (first run, or package-lock.json changed)...`);
  // `npm install --no-save` installs exactly what package-lock.json pins. Not `npm ci`: the registry these
  // machines reach lacks the other platforms' builds of Hardhat's EDR runtime, so the lock cannot list them and
  // `npm ci` refuses it as out of sync.
  const install = spawnSync(
    "npx",
    ["-y", "-p", `node@${NODE}`, "-p", `npm@${NPM}`, "--", "npm", "install", "--no-save", "--no-audit", "--no-fund"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (install.status !== 0) {
    const how = install.error
      ? `could not run npx: ${install.error.message}`
      : install.signal
        ? `stopped by ${install.signal}`
        : `exit ${install.status}`;
    console.error(`Installing dependencies failed (${how}); see the npm output above.`);
    process.exit(install.status ?? 1);
  }
  writeFileSync(MARKER, lockHash);
}

const env = { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ""}` };
const child = spawn(join(BIN, "node"), [...TASKS[task], ...process.argv.slice(3)], {
  cwd: ROOT,
  env,
  stdio: "inherit",
});
// Ctrl-C reaches the whole process group; the child decides how to stop, and we leave with its status.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("error", (error) => {
  console.error(`Could not run ${TASKS[task].join(" ")} with ${join(BIN, "node")}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) console.error(`${TASKS[task].join(" ")} was stopped by ${signal}`);
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});
