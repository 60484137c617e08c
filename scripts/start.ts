/**
 * `npm start`: a local chain on 127.0.0.1, the DisCO deployed to it, the demo seeded, and the dApp served on
 * 127.0.0.1; then it keeps running until Ctrl-C, which stops everything. DISCO_PORT changes the chain's port
 * (default 8545), APP_PORT the app's (default 5173). Once seeded, the chain mines a block every few seconds as well as
 * each transaction at once, so that its clock follows real time and the app's countdowns come true.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getAddress } from "viem";
import { startAppServer } from "./lib/app-server.ts";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import { readDeployment, ROOT } from "./lib/deployments.ts";
import { HOST, portInUse, rpc, run, startChain, type Chain } from "./lib/processes.ts";

const PORT = Number(process.env.DISCO_PORT ?? 8545);
const APP_PORT = Number(process.env.APP_PORT ?? 5173);
const RPC_URL = `http://${HOST}:${PORT}`;
/** What the deploy and the seed print, kept whole; a failed step shows its last lines. */
const LOG = join(ROOT, "cache", "start.log");
/** How often the chain mines a block when no transaction comes: its clock moves with real time. */
const BLOCK_INTERVAL_MS = 3_000;

/** Runs a hardhat step against the chain, its output shown as it comes; a failure says what went wrong. */
async function step(what: string, args: string[]): Promise<void> {
  console.log(`${what}...`);
  try {
    await run("hardhat", args, { log: LOG, env: { DISCO_RPC_URL: RPC_URL }, echo: true });
  } catch (error) {
    throw new Error(`${what} failed: ${(error as Error).message}\n(the whole output: ${LOG})`);
  }
}

for (const [port, variable, what] of [
  [PORT, "DISCO_PORT", "the chain"],
  [APP_PORT, "APP_PORT", "the app"],
] as const) {
  if (await portInUse(port)) {
    console.error(
      `Port ${port} on ${HOST} (${what}) is already in use: stop what listens there, or set ${variable} to another port.`,
    );
    process.exit(1);
  }
}

console.log(`Starting a local Hardhat chain on ${RPC_URL} (log: ${join(ROOT, "cache", "hardhat-node.log")})...`);
let chain: Chain;
try {
  chain = await startChain(PORT, join(ROOT, "cache"));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
let stopping = false;
let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
const stop = (code: number) => {
  stopping = true;
  void app?.server.close();
  void chain.stop();
  process.exitCode = code;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("\nStopping the local chain...");
    stop(0);
  });
}
void chain.exited.then((code) => {
  if (!stopping) {
    console.error(`The local chain stopped unexpectedly (exit ${code}); see ${chain.log}`);
    process.exit(1);
  }
  console.log("Stopped.");
});

try {
  writeFileSync(LOG, "");
  await step("Deploying the DisCO", ["run", "scripts/deploy.ts", "--network", "localhost"]);
  await step("Seeding the demo", ["run", "--no-compile", "scripts/seed.ts", "--network", "localhost"]);
  // Automine stays on: a transaction is still mined at once.
  await rpc(RPC_URL, "evm_setIntervalMining", [BLOCK_INTERVAL_MS]);
  app = await startAppServer("localhost", APP_PORT);
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  stop(1);
}

if (!stopping) {
  const { chainId, contracts } = readDeployment("localhost");
  const accounts = (await rpc<string[]>(RPC_URL, "eth_accounts")).map((account) => getAddress(account));
  const port = PORT === 8545 ? "" : `DISCO_PORT=${PORT} `;
  console.log(`
DisCO is running.
  app         ${app?.url}  (open it in a browser; pick a demo person to try any role)
  chain       ${RPC_URL}  (chain id ${chainId}; add it to your wallet as a custom network; a block every ${BLOCK_INTERVAL_MS / 1000} s)
${Object.entries(contracts)
  .map(([name, { address }]) => `  ${name.padEnd(11)} ${address}`)
  .join("\n")}
  deployment  deployments/localhost.json

Demo people (Hardhat's public dev accounts; never use them on a real network):
${DEMO_PEOPLE.map((p) => `  #${String(p.index).padEnd(2)} ${p.name.padEnd(8)} ${accounts[p.index]}  ${p.role}`).join("\n")}

Votes and the timelock take days and hours: on this chain the app's "Skip ahead" bar moves its clock on.

Try the CLI in another terminal:
  ${port}npm run cli -- members
  ${port}npm run cli -- proposals
  ${port}npm run cli -- vote <proposalId> for --account 3
  ${port}npm run cli -- entries
  ${port}npm run cli -- account --account 2
  ${port}npm run cli -- capital --account 1
  ${port}npm run cli -- owed

Press Ctrl-C to stop.`);
}
