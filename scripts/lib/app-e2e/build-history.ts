/**
 * The load benchmark's chain: the demo DisCO deployed with a history of at least APP_BENCH_EVENTS events (default
 * 10,000), built through the contracts' real entry points by the audit benchmark's buildHistory; written as
 * deployments/bench.json for the app's build (the benchmark fetches the same logs in Node itself, over viem).
 *
 *   DISCO_RPC_URL=http://127.0.0.1:<port> hardhat run --network bench scripts/lib/app-e2e/build-history.ts
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { buildHistory } from "../bench/audit-speed.ts";
import { ROOT, writeDeployment } from "../deployments.ts";

const target = Number(process.env.APP_BENCH_EVENTS ?? 10_000);
const connection = await network.getOrCreate();
const { chainId } = await connection.ethers.provider.getNetwork();
// A fresh local chain: an old Ignition journal for it describes contracts that are not there (as in deploy.ts).
rmSync(join(ROOT, "ignition", "deployments", `chain-${chainId}`), { recursive: true, force: true });

const built = await buildHistory(connection, target, (line) => console.log(line));
const deployment = { ...built.deployed.deployment, network: connection.networkName };
console.log(`Wrote ${writeDeployment(deployment)}`);
