import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import DemoEuroModule from "../../ignition/modules/DemoEuro.ts";
import DisCOModule, { Stage, type Founder } from "../../ignition/modules/DisCO.ts";
import { deploymentBlock, ROOT, type Deployment } from "./deployments.ts";

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
  membershipName?: string;
  governorName?: string;
  symbol?: string;
  constituencies?: string[];
  founders: Founder[];
  treasurers?: string[];
  /**
   * The currency token's address. Without one, a DemoEuro (a token anyone can mint from its faucet) is deployed:
   * on the local networks only (LOCAL_NETWORKS); elsewhere deploying without a currency is refused.
   */
  currency?: string;
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
  parameters: Pick<DisCOParameters, "currency">,
  local = LOCAL_NETWORKS.includes(networkName),
): void {
  if (parameters.currency === undefined && !local) {
    throw new DeployParametersError(
      `No "currency" in the parameters for ${networkName}: a live DisCO needs the address of the ERC-20 its treasury ` +
        `holds (a stablecoin). Without one only the local networks (${LOCAL_NETWORKS.join(", ")}) deploy the demo ` +
        `currency, DemoEuro, whose public faucet lets anyone mint it.`,
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
  checkCurrency(networkName, parameters, local);
}

/**
 * Deploys the whole DisCO with its founders through the Ignition module and describes it in the deployments format.
 * The same code serves the tests (in-process chain), the local chain and live networks. Refuses, before sending
 * anything, a live network without a currency (checkCurrency).
 */
export async function deployDisCO(connection: NetworkConnection, parameters: DisCOParameters) {
  const { ethers, ignition, networkName } = connection;
  checkCurrency(networkName, parameters, isLocalNetwork(connection));
  const startBlock = (await ethers.provider.getBlockNumber()) + 1;
  const currency = parameters.currency ?? (await (await ignition.deploy(DemoEuroModule)).token.getAddress());
  const deployed = await ignition.deploy(DisCOModule, {
    parameters: { DisCO: { ...parameters, currency } },
  });
  const [membership, ledger, treasury, capital, audit, governor, timelock] = await Promise.all([
    ethers.getContractAt("Membership", await deployed.membership.getAddress()),
    ethers.getContractAt("ValueLedger", await deployed.ledger.getAddress()),
    ethers.getContractAt("Treasury", await deployed.treasury.getAddress()),
    ethers.getContractAt("CapitalAccounts", await deployed.capital.getAddress()),
    ethers.getContractAt("AuditRegistry", await deployed.audit.getAddress()),
    ethers.getContractAt("DisCOGovernor", await deployed.governor.getAddress()),
    ethers.getContractAt("TimelockController", await deployed.timelock.getAddress()),
  ]);

  const endBlock = await ethers.provider.getBlockNumber();
  // A currency that was there before (a live network's token) is searched for from genesis.
  const record = async (contract: { getAddress(): Promise<string> } | string, from = startBlock) => {
    const address = typeof contract === "string" ? contract : await contract.getAddress();
    return { address, blockNumber: await deploymentBlock(ethers.provider, address, from, endBlock) };
  };
  // The start block's hash tells this chain from a fresh local one with the same addresses (the CLI checks it).
  const startBlockHash = (await ethers.provider.getBlock(startBlock))?.hash;
  if (!startBlockHash) throw new Error(`The chain has no block ${startBlock} after the deployment`);
  const deployment: Deployment = {
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    network: networkName,
    startBlock,
    startBlockHash,
    contracts: {
      governor: await record(governor),
      timelock: await record(timelock),
      membership: await record(membership),
      ledger: await record(ledger),
      treasury: await record(treasury),
      capital: await record(capital),
      audit: await record(audit),
      token: await record(currency, parameters.currency === undefined ? startBlock : 0),
    },
  };
  return { deployment, membership, ledger, treasury, capital, audit, governor, timelock };
}
