import type { NetworkConnection } from "hardhat/types/network";
import DisCOModule, { type Founder } from "../../ignition/modules/DisCO.ts";
import { deploymentBlock, type Deployment } from "./deployments.ts";

/** The Ignition parameters of the DisCO module (see ignition/parameters/). */
export type DisCOParameters = {
  membershipName?: string;
  governorName?: string;
  symbol?: string;
  constituencies?: string[];
  founders: Founder[];
  treasurers?: string[];
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

/**
 * Deploys the whole DisCO with its founders through the Ignition module and describes it in the deployments format.
 * The same code serves the tests (in-process chain), the local chain and live networks.
 */
export async function deployDisCO(connection: NetworkConnection, parameters: DisCOParameters) {
  const { ethers, ignition, networkName } = connection;
  const startBlock = (await ethers.provider.getBlockNumber()) + 1;
  const deployed = await ignition.deploy(DisCOModule, {
    parameters: { DisCO: { ...parameters } },
  });
  const [membership, ledger, governor, timelock] = await Promise.all([
    ethers.getContractAt("Membership", await deployed.membership.getAddress()),
    ethers.getContractAt("ValueLedger", await deployed.ledger.getAddress()),
    ethers.getContractAt("DisCOGovernor", await deployed.governor.getAddress()),
    ethers.getContractAt("TimelockController", await deployed.timelock.getAddress()),
  ]);

  const endBlock = await ethers.provider.getBlockNumber();
  const record = async (contract: { getAddress(): Promise<string> }) => {
    const address = await contract.getAddress();
    return { address, blockNumber: await deploymentBlock(ethers.provider, address, startBlock, endBlock) };
  };
  const deployment: Deployment = {
    chainId: Number((await ethers.provider.getNetwork()).chainId),
    network: networkName,
    startBlock,
    contracts: {
      governor: await record(governor),
      timelock: await record(timelock),
      membership: await record(membership),
      ledger: await record(ledger),
    },
  };
  return { deployment, membership, ledger, governor, timelock };
}
