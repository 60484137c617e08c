/**
 * Starts each DisCO of the parameters file through the chain's factory (deploying the implementations and the
 * factory first where the chain has none) and records them in deployments/<network>.json.
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
import { deploymentPath, ROOT, writeDeployment } from "./lib/deployments.ts";

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
// One DisCO per entry, keyed by its Ignition module id ("DisCO", and e.g. "SmallDisCO" for npm start's second).
const parameters = JSON.parse(readFileSync(parametersPath, "utf8")) as Record<string, DisCOParameters>;
// Before anything is sent: a live network's currency, a Committed founder, the buckets, a name.
for (const [id, disco] of Object.entries(parameters)) {
  try {
    checkParameters(connection.networkName, disco, isLocalNetwork(connection));
  } catch (error) {
    if (!(error instanceof DeployParametersError)) throw error;
    fail(`Refusing to deploy ${id} with ${parametersPath}: ${error.message}`);
  }
}

// Each DisCO is recorded under its name: two entries of one name would both be paid for and one left unrecorded.
const names = Object.values(parameters).map((disco) => disco.name?.trim());
const repeated = names.find((name, i) => names.indexOf(name) !== i);
if (repeated !== undefined) fail(`Refusing to deploy with ${parametersPath}: two DisCOs are called "${repeated}".`);

// A local chain starts empty every time, so its old Ignition journal and deployments file describe contracts that no
// longer exist.
const { chainId } = await connection.ethers.provider.getNetwork();
if (chainId === LOCAL_CHAIN_ID) {
  rmSync(join(ROOT, "ignition", "deployments", `chain-${chainId}`), { recursive: true, force: true });
  rmSync(deploymentPath(connection.networkName), { force: true });
}

for (const [id, disco] of Object.entries(parameters)) {
  const { deployment, chain } = await deployDisCO(connection, disco, id);
  const path = writeDeployment(deployment, chain);
  console.log(
    `Started the DisCO "${deployment.name}" on ${deployment.network} (chain ${deployment.chainId}) in block ` +
      `${deployment.contracts.membership.blockNumber}, through the factory ${chain.factory?.address}`,
  );
  for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(11)} ${address}  (block ${blockNumber})`);
  }
  console.log(`Wrote ${path}`);
}
// The dApp's addresses and ABIs follow every deploy into this repository's deployments/ (not a test's own folder).
if (process.env.DISCO_DEPLOYMENTS_DIR === undefined) {
  const { files } = generateAppContracts();
  console.log(`Generated the app's contracts: ${files.map((f) => f.replace(`${ROOT}/`, "")).join(", ")}`);
}
