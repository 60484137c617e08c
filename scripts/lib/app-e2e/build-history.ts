/**
 * The load benchmark's chain: the demo DisCO deployed with a history of at least APP_BENCH_EVENTS events (default
 * 10,000), built through the contracts' real entry points by the audit benchmark's buildHistory; written as
 * deployments/bench.json for the app's build. Then, for comparison with the browser, the time Node
 * takes to fetch, decode and fold the same logs with the same history module.
 *
 *   DISCO_RPC_URL=http://127.0.0.1:<port> hardhat run --network bench scripts/lib/app-e2e/build-history.ts
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { buildHistory } from "../bench/audit-speed.ts";
import { ROOT, writeDeployment } from "../deployments.ts";
import { decodeLogs, fetchHistory, foldHistory, memoryCache } from "@disco-ledger/sdk/history";

const target = Number(process.env.APP_BENCH_EVENTS ?? 10_000);
const connection = await network.getOrCreate();
const { chainId } = await connection.ethers.provider.getNetwork();
// A fresh local chain: an old Ignition journal for it describes contracts that are not there (as in deploy.ts).
rmSync(join(ROOT, "ignition", "deployments", `chain-${chainId}`), { recursive: true, force: true });

const built = await buildHistory(connection, target, (line) => console.log(line));
const deployment = { ...built.deployed.deployment, network: connection.networkName };
console.log(`Wrote ${writeDeployment(deployment)}`);

const provider = connection.ethers.provider;
let start = performance.now();
const snapshot = await fetchHistory(provider, deployment, { cache: memoryCache() });
const fetchMs = performance.now() - start;
start = performance.now();
const decoded = decodeLogs(snapshot.logs, deployment.contracts);
const decodeMs = performance.now() - start;
start = performance.now();
foldHistory(decoded.events, deployment.contracts.treasury.address);
const foldMs = performance.now() - start;
// One line the benchmark reads back.
console.log(
  `APP_BENCH_NODE ${JSON.stringify({ events: snapshot.logs.length, fetchMs, decodeMs, foldMs, lastBlock: snapshot.lastBlock })}`,
);
