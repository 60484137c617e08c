/**
 * `npm start`: a local chain on 127.0.0.1, the DisCO deployed to it, the demo seeded, and the dApp served on
 * 127.0.0.1; then it keeps running until Ctrl-C, which stops everything. DISCO_PORT changes the chain's port
 * (default 8545), APP_PORT the app's (default 5173).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { startAppServer } from "./lib/app-server.ts";
import { DEMO_PEOPLE } from "./lib/demo.ts";
import { readDeployment, ROOT } from "./lib/deployments.ts";

const HOST = "127.0.0.1";
const PORT = Number(process.env.DISCO_PORT ?? 8545);
const RPC_URL = `http://${HOST}:${PORT}`;
const HARDHAT = join(ROOT, "node_modules", ".bin", "hardhat");
const LOG = join(ROOT, "cache", "hardhat-node.log");
const READY_TIMEOUT_MS = 120_000;

const portInUse = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: HOST, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });

async function waitForChain(chain: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (chain.exitCode !== null) throw new Error(`The local chain exited early; see ${LOG}`);
    try {
      const response = await fetch(RPC_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The local chain did not answer on ${RPC_URL} within ${READY_TIMEOUT_MS / 1000} s; see ${LOG}`);
}

function hardhat(args: string[]): void {
  const env = { ...process.env, DISCO_RPC_URL: RPC_URL };
  const result = spawnSync(HARDHAT, args, { cwd: ROOT, stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`hardhat ${args.join(" ")} failed`);
}

if (await portInUse(PORT)) {
  console.error(`Port ${PORT} on ${HOST} is already in use: stop what listens there, or set DISCO_PORT.`);
  process.exit(1);
}

mkdirSync(join(ROOT, "cache"), { recursive: true });
const log = openSync(LOG, "w");
const chain = spawn(HARDHAT, ["node", "--hostname", HOST, "--port", String(PORT)], {
  cwd: ROOT,
  stdio: ["ignore", log, log],
});
let stopping = false;
let app: Awaited<ReturnType<typeof startAppServer>> | undefined;
const stop = (code: number) => {
  stopping = true;
  void app?.server.close();
  if (chain.exitCode === null) chain.kill("SIGTERM");
  process.exitCode = code;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("\nStopping the local chain...");
    stop(0);
  });
}
chain.on("exit", (code) => {
  if (!stopping) {
    console.error(`The local chain stopped unexpectedly (exit ${code}); see ${LOG}`);
    process.exit(1);
  }
  console.log("Stopped.");
});

try {
  console.log(`Starting a local Hardhat chain on ${RPC_URL} (log: ${LOG})...`);
  await waitForChain(chain);
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
