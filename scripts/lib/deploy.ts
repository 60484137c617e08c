import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import {
  foundingParams,
  foundingProblems,
  withDefaults,
  type Founding,
  type FoundingProblem,
} from "@disco-ledger/sdk/founding";
import { zeroAddress } from "viem";
import type { IDisCOFactory } from "../../types/ethers-contracts/contracts/interfaces/IDisCOFactory.ts";
import DemoEuroModule from "../../ignition/modules/DemoEuro.ts";
import DisCOModule, {
  DEFAULT_CURRENCY_DECIMALS,
  discoModule,
  Stage,
  type Founder,
} from "../../ignition/modules/DisCO.ts";
import { deploymentBlock, ROOT, type ContractRecord, type Deployment, type DeploymentsFile } from "./deployments.ts";

/** The capital accounts' rules as the parameters give them (ICapitalAccounts.Settings). */
export type CapitalSettings = {
  contribution: number | bigint;
  contributionReserveBps: number;
  reserveBps: number;
  commonsBps: number;
  cashBps: number;
  interestBps: number;
  interestCapBps: number;
  basis: number;
  instalments: number;
  revolvingPeriod: number;
};

/** The Ignition parameters of the DisCO module (see ignition/parameters/). */
export type DisCOParameters = {
  /** The DisCO's name (its membership token's too): deployments/<network>.json lists its DisCOs by it. */
  name: string;
  symbol?: string;
  constituencies?: string[];
  founders: Founder[];
  treasurers?: string[];
  /**
   * The currency token's address. Without one, a DemoEuro (a token anyone can mint from its faucet) is deployed:
   * on the local networks only (LOCAL_NETWORKS); elsewhere deploying without a currency is refused.
   */
  currency?: string;
  /**
   * On a live network, deploy the demo currency (DemoEuro, whose public faucet lets anyone mint it) for want of a
   * `currency`: for trying a DisCO on a testnet, never for real money. The local networks do so without being asked.
   */
  testCurrency?: boolean;
  /** The decimals of `currency` that the amounts (the capital contribution) assume: 6 unless given. */
  currencyDecimals?: number;
  buckets?: number[];
  capitalSettings?: CapitalSettings;
  /** The wage ratio cap times 100 (600 is 6:1), which the audit checks each paid period against. */
  wageRatioCap?: number;
  ledgerSettings?: {
    weights: number[][];
    caps: number[];
    approvalsRequired: number;
    minimumCredits: number;
    minimumPeriods: number;
    reviewWindow: number;
  };
  timelockDelay?: number;
  governorSettings?: {
    votingDelay: number;
    votingPeriod: number;
    proposalThreshold: number;
    quorumBps: number;
    supermajorityNumerator: number;
    supermajorityDenominator: number;
  };
};

/** The demo DisCO's parameters (ignition/parameters/localhost.json), as `npm start` deploys it. */
export const DEMO_PARAMETERS = (
  JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "localhost.json"), "utf8")) as {
    DisCO: DisCOParameters;
  }
).DisCO;

/** The networks that run on this machine (the in-process chain, npm start's, the browser tests', the benchmark's). */
export const LOCAL_NETWORKS: readonly string[] = ["hardhat", "localhost", "e2e", "bench"];

/** Whether a connection is to a chain on this machine: Hardhat's in-process one (whatever its name), or a local one. */
export const isLocalNetwork = (connection: Pick<NetworkConnection, "networkName" | "networkConfig">): boolean =>
  connection.networkConfig.type === "edr-simulated" || LOCAL_NETWORKS.includes(connection.networkName);

/** Parameters that must not be deployed, with what to change. */
export class DeployParametersError extends Error {}

/**
 * Refuses a live deployment without a `currency`: the DemoEuro deployed in its place has a public faucet, so anyone
 * could mint the treasury's money.
 */
export function checkCurrency(
  networkName: string,
  parameters: Pick<DisCOParameters, "currency" | "testCurrency">,
  local = LOCAL_NETWORKS.includes(networkName),
): void {
  if (parameters.currency !== undefined && parameters.testCurrency === true) {
    throw new DeployParametersError(`Both "currency" and "testCurrency" are given: keep one.`);
  }
  if (parameters.currency === undefined && !local && parameters.testCurrency !== true) {
    throw new DeployParametersError(
      `No "currency" in the parameters for ${networkName}: a live DisCO needs the address of the ERC-20 its treasury ` +
        `holds (a stablecoin). Without one only the local networks (${LOCAL_NETWORKS.join(", ")}) deploy the demo ` +
        `currency, DemoEuro, whose public faucet lets anyone mint it; to try a DisCO on a testnet with it anyway, ` +
        `say so: "testCurrency": true.`,
    );
  }
}

/** One founding problem (@disco-ledger/sdk/founding) as a sentence that names the parameters file's field. */
function problemSentence(problem: FoundingProblem, parameters: DisCOParameters): string {
  const field = `"${problem.field}"`;
  switch (problem.code) {
    case "noCommitted":
      return (
        `No Committed founder among the ${parameters.founders.length} founders: at least one must have "stage": ` +
        `${Stage.Committed} (Committed), or nobody could ever vote (the factory refuses it: FactoryNoCommittedFounder).`
      );
    case "bucketsSum":
      return (
        `${field} sum to ${problem.sum}: livelihood, love and care must be three shares summing to 10000 (100%, in ` +
        `basis points), or the factory refuses them (FactoryInvalidBuckets).`
      );
    case "empty":
      return `${field} is empty.`;
    case "address":
      return `${field} is not an account's address.`;
    case "duplicate":
      return `${field} names an account listed before.`;
    case "tooMany":
      return `${field} has more than ${problem.most} entries.`;
    case "stage":
      return `${field} is not a stage: 1 (Casual) to 5 (Committed).`;
    case "constituency":
      return `${field} names no constituency of "constituencies" (counted from 0).`;
    case "mentor":
      return `${field}: a Dating founder names a Committed founder listed before as mentor; others name none (0x0).`;
    case "range":
      return `${field} must be from ${problem.least} to ${problem.most}.`;
  }
}

/** The parameters with every value they leave out at the DisCO model's default (DEFAULTS), as the SDK checks them. */
const founding = (parameters: DisCOParameters, currency: string): Founding =>
  withDefaults({ ...withoutTestCurrency(parameters), currency } as Parameters<typeof withDefaults>[0]);

/**
 * What the deploy script checks before it sends anything, each refusal naming the parameters file's field: every
 * founding problem the SDK finds (@disco-ledger/sdk/founding, which the app's form shows too: a name, a Committed
 * founder, mentors, buckets summing to 100%, quorum and supermajority in range...) and a live network's currency
 * (checkCurrency). The currency's code and decimals are the chain's to check (deployDisCO does, before sending).
 */
export function checkParameters(
  networkName: string,
  parameters: DisCOParameters,
  local = LOCAL_NETWORKS.includes(networkName),
): void {
  // The currency may be deployed later (the local chains' DemoEuro): any address stands in for it here.
  const problems = foundingProblems(founding(parameters, parameters.currency ?? zeroAddress)).filter(
    (p) => parameters.currency !== undefined || p.field !== "currency",
  );
  if (problems.length > 0) {
    throw new DeployParametersError(problems.map((p) => problemSentence(p, parameters)).join(" "));
  }
  checkCurrency(networkName, parameters, local);
}

/** DisCOFactory.create's argument (IDisCOFactory.Params) for a DisCO's parameters, with the defaults filled in. */
export const factoryParams = (parameters: DisCOParameters & { currency: string }) =>
  foundingParams(founding(parameters, parameters.currency));

/** The same argument as ethers' typed contracts take it (their struct types want mutable arrays; the values are one). */
export const factoryParamsForEthers = (parameters: DisCOParameters & { currency: string }) =>
  factoryParams(parameters) as unknown as IDisCOFactory.ParamsStruct;

/**
 * A currency that is not an ERC-20 with the decimals the amounts assume would leave the treasury unusable, or every
 * euro figure off by a power of ten: refused before anything is sent (the factory refuses it too).
 */
export async function checkCurrencyContract(connection: NetworkConnection, currency: string, decimals: number) {
  const { ethers } = connection;
  if (!ethers.isAddress(currency)) {
    throw new DeployParametersError(`"currency" is not an address: ${JSON.stringify(currency)}.`);
  }
  if ((await ethers.provider.getCode(currency)) === "0x") {
    throw new DeployParametersError(`"currency" ${currency} has no contract on this network: no ERC-20 lives there.`);
  }
  const token = new ethers.Contract(currency, ["function decimals() view returns (uint8)"], ethers.provider);
  const actual = await token.decimals().then(Number, () => undefined);
  if (actual !== decimals) {
    throw new DeployParametersError(
      `"currency" ${currency} has ${actual === undefined ? "no decimals()" : `${actual} decimals`}, but the amounts ` +
        `assume ${decimals} ("currencyDecimals").`,
    );
  }
}

/**
 * Runs an Ignition deployment, resuming one that an earlier run left with a transaction it could not send (the
 * deployer ran out of funds, the node refused it). Ignition then refuses to go on (HHE10410) because it can't know
 * whether the transaction reached the network. When the deployer's nonce that transaction would have used is still
 * unused on chain (mined and pending), the step is wiped (`hardhat ignition wipe`) and the deployment runs on from
 * there: at once on a local chain; on a live one only when the operator says so with DISCO_RESUME_UNSENT=1, since a
 * node may not see a transaction another node holds (sent twice, a `create` would start two DisCOs). Otherwise
 * Ignition's own message stands, with its `track-tx` instructions.
 */
async function resumingUnsent<T>(
  connection: NetworkConnection,
  deploymentId: string | undefined,
  deploy: () => Promise<T>,
): Promise<T> {
  try {
    return await deploy();
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const unsent = /HHE10410[\s\S]*future (\S+)\.[\s\S]*nonce (\d+) sent from account (0x[0-9a-fA-F]{40})/.exec(
      message,
    );
    if (unsent === null) throw error;
    const [, futureId, nonce, account] = unsent;
    const { provider } = connection.ethers;
    const used = Math.max(
      await provider.getTransactionCount(account, "latest"),
      await provider.getTransactionCount(account, "pending"),
    );
    if (used > Number(nonce)) throw error;
    if (!isLocalNetwork(connection) && process.env.DISCO_RESUME_UNSENT !== "1") {
      console.error(
        `Nothing seems sent for ${futureId}: nonce ${nonce} of ${account} is unused on this node. If no other ` +
          "node can hold that transaction, run the same command with DISCO_RESUME_UNSENT=1 to clear the step and go on.",
      );
      throw error;
    }
    const chainId = (await connection.ethers.provider.getNetwork()).chainId;
    const { default: hre } = await import("hardhat");
    console.log(`Nothing was sent for ${futureId} (nonce ${nonce} of ${account} is unused): clearing it and going on.`);
    await hre.tasks.getTask(["ignition", "wipe"]).run({ deploymentId: deploymentId ?? `chain-${chainId}`, futureId });
    return deploy();
  }
}

/** DisCOFactory's implementations (IDisCOFactory.Implementations), each by its contract's name. */
export const IMPLEMENTATION_CONTRACTS = {
  membership: "Membership",
  ledger: "ValueLedger",
  treasury: "Treasury",
  capital: "CapitalAccounts",
  audit: "AuditRegistry",
  governor: "DisCOGovernor",
  timelock: "DisCOTimelock",
  federation: "Federation",
  credit: "MutualCredit",
} as const;
export const IMPLEMENTATION_KEYS = Object.keys(IMPLEMENTATION_CONTRACTS) as (keyof typeof IMPLEMENTATION_CONTRACTS)[];

/** The parameters as the Ignition module takes them: `testCurrency` is this script's, not the module's. */
const withoutTestCurrency = ({ testCurrency: _, ...rest }: DisCOParameters) => rest;

/**
 * Starts the DisCO with its founders through the chain's factory (deploying the implementations and the factory first
 * if this chain has none yet: Ignition's journal remembers them), and describes it in the deployments format. The
 * same code serves the tests (in-process chain), the local chain and live networks. Refuses, before sending
 * anything, parameters that the factory would refuse and a live network without a currency.
 */
export async function deployDisCO(connection: NetworkConnection, parameters: DisCOParameters, moduleId = "DisCO") {
  const { ethers, ignition, networkName } = connection;
  checkParameters(networkName, parameters, isLocalNetwork(connection));
  const currencyDecimals = parameters.currencyDecimals ?? DEFAULT_CURRENCY_DECIMALS;
  if (parameters.currency !== undefined) await checkCurrencyContract(connection, parameters.currency, currencyDecimals);
  // Ignition's journal: ignition/deployments/chain-<id> unless DISCO_DEPLOYMENT_ID names another folder there (the
  // live-path test's). On a live network it is kept, as the deployments files are: a run that failed or was
  // interrupted resumes from it, and a run that finds everything done sends nothing.
  const deploymentId = process.env.DISCO_DEPLOYMENT_ID;
  const currency =
    parameters.currency ?? (await (await ignition.deploy(DemoEuroModule, { deploymentId })).token.getAddress());
  const module = moduleId === "DisCO" ? DisCOModule : discoModule(moduleId);
  const deployed = await resumingUnsent(connection, deploymentId, () =>
    ignition.deploy(module, {
      deploymentId,
      parameters: { [moduleId]: { ...withoutTestCurrency(parameters), currency, currencyDecimals } },
    }),
  );
  const [membership, ledger, treasury, capital, audit, governor, timelock] = await Promise.all([
    ethers.getContractAt("Membership", await deployed.membership.getAddress()),
    ethers.getContractAt("ValueLedger", await deployed.ledger.getAddress()),
    ethers.getContractAt("Treasury", await deployed.treasury.getAddress()),
    ethers.getContractAt("CapitalAccounts", await deployed.capital.getAddress()),
    ethers.getContractAt("AuditRegistry", await deployed.audit.getAddress()),
    ethers.getContractAt("DisCOGovernor", await deployed.governor.getAddress()),
    ethers.getContractAt("DisCOTimelock", await deployed.timelock.getAddress()),
  ]);

  // Every contract of the DisCO was born in its create transaction's block, which starts its history; the same on a
  // run that only found it in Ignition's journal, so that running a deployment again records the same blocks.
  const endBlock = await ethers.provider.getBlockNumber();
  const record = async (contract: { getAddress(): Promise<string> } | string, from = 0) => {
    const address = typeof contract === "string" ? contract : await contract.getAddress();
    return { address, blockNumber: await deploymentBlock(ethers.provider, address, from, endBlock) };
  };
  const born = await record(membership);
  const startBlock = born.blockNumber;
  // The start block's hash tells this chain from a fresh local one with the same addresses (the CLI checks it).
  const startBlockHash = (await ethers.provider.getBlock(startBlock))?.hash;
  if (!startBlockHash) throw new Error(`The chain has no block ${startBlock} after the deployment`);
  const at = async (contract: { getAddress(): Promise<string> }) => ({
    address: await contract.getAddress(),
    blockNumber: startBlock,
  });
  const deployment: Deployment = {
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    network: networkName,
    name: parameters.name,
    startBlock,
    startBlockHash,
    contracts: {
      governor: await at(governor),
      timelock: await at(timelock),
      membership: born,
      ledger: await at(ledger),
      treasury: await at(treasury),
      capital: await at(capital),
      audit: await at(audit),
      // A currency that was there before (a live network's token) is searched for from genesis.
      token: await record(currency),
    },
  };
  // The factory and implementations this DisCO was started from (deployed earlier in this run, or before).
  const factory = await ethers.getContractAt("DisCOFactory", await deployed.factory.getAddress());
  const implementations: Record<string, ContractRecord> = {};
  const found = await factory.implementations();
  for (const key of IMPLEMENTATION_KEYS) implementations[key] = await record(found[key], 0);
  const chain: Required<Pick<DeploymentsFile, "factory" | "implementations">> = {
    factory: await record(factory, 0),
    implementations,
  };
  return { deployment, chain, membership, ledger, treasury, capital, audit, governor, timelock };
}
