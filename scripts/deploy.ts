/**
 * Deploys a DisCO and writes deployments/<network>.json.
 *
 *   npx hardhat run scripts/deploy.ts --network <name>
 *
 * Parameters come from ignition/parameters/<network>.json, or from the file named by DISCO_PARAMETERS.
 * Live networks take their RPC URL and deployer key from configVariable secrets (see README).
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { network } from "hardhat";
import { generateAppContracts } from "./lib/app-contracts.ts";
import {
  checkParameters,
  deployDisCO,
  DeployParametersError,
  isLocalNetwork,
  type DisCOParameters,
} from "./lib/deploy.ts";
import { ROOT, writeDeployment } from "./lib/deployments.ts";

const LOCAL_CHAIN_ID = 31337n;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const connection = await network.getOrCreate();
if (connection.networkConfig.type === "edr-simulated") {
  fail("The in-process chain ends with this command: use `npm start` for a local chain, or give --network <name>.");
}
const parametersPath =
  process.env.DISCO_PARAMETERS ?? join(ROOT, "ignition", "parameters", `${connection.networkName}.json`);
if (!existsSync(parametersPath)) {
  fail(
    `No parameters at ${parametersPath}: copy ignition/parameters/live.example.json there and fill in the founders.`,
  );
}
const parameters = JSON.parse(readFileSync(parametersPath, "utf8")) as { DisCO: DisCOParameters };
// Before anything is sent: a live network's currency, a Committed founder.
try {
  checkParameters(connection.networkName, parameters.DisCO, isLocalNetwork(connection));
} catch (error) {
  if (!(error instanceof DeployParametersError)) throw error;
  fail(`Refusing to deploy with ${parametersPath}: ${error.message}`);
}

// A local chain starts empty every time, so its old Ignition journal describes contracts that no longer exist.
const { chainId } = await connection.ethers.provider.getNetwork();
if (chainId === LOCAL_CHAIN_ID)
  rmSync(join(ROOT, "ignition", "deployments", `chain-${chainId}`), { recursive: true, force: true });

const { deployment } = await deployDisCO(connection, parameters.DisCO);
const path = writeDeployment(deployment);
console.log(
  `Deployed the DisCO on ${deployment.network} (chain ${deployment.chainId}) from block ${deployment.startBlock}`,
);
for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
  console.log(`  ${name.padEnd(11)} ${address}  (block ${blockNumber})`);
}
console.log(`Wrote ${path}`);

// The dApp's addresses and ABIs follow every deploy.
const { files } = generateAppContracts();
console.log(`Generated the app's contracts: ${files.map((f) => f.replace(`${ROOT}/`, "")).join(", ")}`);
