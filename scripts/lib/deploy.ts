import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import type { IDisCOFactory } from "../../types/ethers-contracts/contracts/interfaces/IDisCOFactory.ts";
import DemoEuroModule from "../../ignition/modules/DemoEuro.ts";
import DisCOModule, {
  DEFAULT_CURRENCY_DECIMALS,
  DEFAULTS,
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

/**
 * What the deploy script checks before it sends anything: a live network's currency (checkCurrency), and a founder
 * who is Committed. Without one nobody holds a binding vote and the DisCO could never decide anything again: the
 * Membership contract refuses it (MembershipNoCommittedFounder), and this says so before any gas is spent.
 */
export function checkParameters(
  networkName: string,
  parameters: DisCOParameters,
  local = LOCAL_NETWORKS.includes(networkName),
): void {
  const founders = parameters.founders ?? [];
  if (!founders.some((f) => Number(f.stage) === Stage.Committed)) {
    throw new DeployParametersError(
      `No Committed founder among the ${founders.length} founders: at least one must have "stage": ` +
        `${Stage.Committed} (Committed), or nobody could ever vote (the Membership contract refuses it: ` +
        `MembershipNoCommittedFounder).`,
    );
  }
  if (typeof parameters.name !== "string" || parameters.name.trim() === "") {
    throw new DeployParametersError(`"name" is missing: the DisCO's name, which its members and the app read.`);
  }
  const buckets = parameters.buckets;
  if (buckets !== undefined && buckets.length !== 3) {
    throw new DeployParametersError(`"buckets" has ${buckets.length} entries: livelihood, love and care, three.`);
  }
  if (buckets !== undefined && buckets.reduce((sum, b) => sum + Number(b), 0) !== 10_000) {
    throw new DeployParametersError(
      `"buckets" sum to ${buckets.reduce((sum, b) => sum + Number(b), 0)}: livelihood, love and care must sum to ` +
        `10000 (100%, in basis points), or the factory refuses them (FactoryInvalidBuckets).`,
    );
  }
  checkCurrency(networkName, parameters, local);
}

/** DisCOFactory.create's argument (IDisCOFactory.Params) for a DisCO's parameters, with DEFAULTS filled in. */
export function factoryParams(parameters: DisCOParameters & { currency: string }): IDisCOFactory.ParamsStruct {
  return {
    name: parameters.name,
    symbol: parameters.symbol ?? DEFAULTS.symbol,
    constituencies: parameters.constituencies ?? DEFAULTS.constituencies,
    founders: parameters.founders,
    treasurers: parameters.treasurers ?? DEFAULTS.treasurers,
    currency: parameters.currency,
    currencyDecimals: parameters.currencyDecimals ?? DEFAULTS.currencyDecimals,
    timelockDelay: parameters.timelockDelay ?? DEFAULTS.timelockDelay,
    // Three, as checkParameters makes sure.
    buckets: (parameters.buckets ?? DEFAULTS.buckets) as [number, number, number],
    wageRatioCapX100: parameters.wageRatioCap ?? DEFAULTS.wageRatioCap,
    governor: parameters.governorSettings ?? DEFAULTS.governorSettings,
    ledger: parameters.ledgerSettings ?? DEFAULTS.ledgerSettings,
    capital: parameters.capitalSettings ?? DEFAULTS.capitalSettings,
    // The weights' five stages by three streams, as the parameters' JSON gives them (the ABI encoder checks).
  } as IDisCOFactory.ParamsStruct;
}

/**
 * A currency that is not an ERC-20 with the decimals the amounts assume would leave the treasury unusable, or every
 * euro figure off by a power of ten: refused before anything is sent (the factory refuses it too).
 */
async function checkCurrencyContract(connection: NetworkConnection, currency: string, decimals: number) {
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
 * whether the transaction reached the network. This looks: when the deployer's nonce that transaction would have
 * used is still unused on chain, nothing was sent, so the future is wiped (`hardhat ignition wipe`, what Ignition's
 * own message advises) and the deployment runs again from there. A transaction that may have been sent is left to
 * the operator, with Ignition's message.
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
    const used = await connection.ethers.provider.getTransactionCount(account, "pending");
    if (used > Number(nonce)) throw error;
    const chainId = (await connection.ethers.provider.getNetwork()).chainId;
    const { default: hre } = await import("hardhat");
    console.log(`Nothing was sent for ${futureId} (nonce ${nonce} of ${account} is unused): clearing it and going on.`);
    await hre.tasks.getTask(["ignition", "wipe"]).run({ deploymentId: deploymentId ?? `chain-${chainId}`, futureId });
    return deploy();
  }
}

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
  const {
    membership: m,
    ledger: l,
    treasury: t,
    capital: c,
    audit: a,
    governor: g,
    timelock: tl,
  } = await factory.implementations();
  for (const [key, address] of Object.entries({
    membership: m,
    ledger: l,
    treasury: t,
    capital: c,
    audit: a,
    governor: g,
    timelock: tl,
  })) {
    implementations[key] = await record(address, 0);
  }
  const chain: Required<Pick<DeploymentsFile, "factory" | "implementations">> = {
    factory: await record(factory, 0),
    implementations,
  };
  return { deployment, chain, membership, ledger, treasury, capital, audit, governor, timelock };
}
