/**
 * `npm start`: a local chain on 127.0.0.1, the DisCO deployed to it, the demo seeded, and the dApp served on
 * 127.0.0.1; then it keeps running until Ctrl-C, which stops everything. DISCO_PORT changes the chain's port
 * (default 8545), APP_PORT the app's (default 5173).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { startAppServer } from "./lib/app-server.ts";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import { readDeployment, ROOT } from "./lib/deployments.ts";
import { HOST, portInUse, startChain, type Chain } from "./lib/processes.ts";

const PORT = Number(process.env.DISCO_PORT ?? 8545);
const RPC_URL = `http://${HOST}:${PORT}`;
const HARDHAT = join(ROOT, "node_modules", ".bin", "hardhat");

function hardhat(args: string[]): void {
  const env = { ...process.env, DISCO_RPC_URL: RPC_URL };
  const result = spawnSync(HARDHAT, args, { cwd: ROOT, stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`hardhat ${args.join(" ")} failed`);
}

if (await portInUse(PORT)) {
  console.error(`Port ${PORT} on ${HOST} is already in use: stop what listens there, or set DISCO_PORT.`);
  process.exit(1);
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
  hardhat(["run", "scripts/deploy.ts", "--network", "localhost"]);
  hardhat(["run", "--no-compile", "scripts/seed.ts", "--network", "localhost"]);
  app = await startAppServer();
} catch (error) {
  console.error((error as Error).message);
  stop(1);
}

if (!stopping) {
  const { chainId, contracts } = readDeployment("localhost");
  console.log(`
DisCO is running.
  app         ${app?.url}  (open it in a browser; pick a demo person to try any role)
  chain       ${RPC_URL}  (chain id ${chainId}; add it to your wallet as a custom network)
${Object.entries(contracts)
  .map(([name, { address }]) => `  ${name.padEnd(11)} ${address}`)
  .join("\n")}
  deployment  deployments/localhost.json

Demo people (Hardhat's public dev accounts; never use them on a real network):
${DEMO_PEOPLE.map((p) => `  #${p.index} ${p.name.padEnd(8)} ${p.role}`).join("\n")}

Try the CLI in another terminal:
  npm run cli -- members
  npm run cli -- proposals
  npm run cli -- vote <proposalId> for --account 3
  npm run cli -- entries
  npm run cli -- account --account 2
  npm run cli -- capital --account 1
  npm run cli -- owed

Press Ctrl-C to stop.`);
}
