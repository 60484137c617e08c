import { network } from "hardhat";
import { id, toBeHex, type BaseContract, type Interface, type Signer } from "ethers";
import { Stage, type Founder } from "../../ignition/modules/DisCO.ts";
import { deployDisCO as deploy, type DisCOParameters } from "../../scripts/lib/deploy.ts";
import {
  ballotNonceKey,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  proposalIdOf,
  Support,
  type ProposalCalls,
} from "@disco-ledger/sdk/governance";
import {
  closeVoting,
  enact,
  openVoting,
  propose,
  queue,
  type Clock,
  toProposalCalls,
} from "../../scripts/lib/drive.ts";
import type { DisCOGovernor, Membership } from "../../types/ethers-contracts/index.js";
import type { GovernedContracts } from "./clones.ts";

export { Stage };

export const DAY = 24 * 3600;
export const SETTINGS = {
  votingDelay: DAY,
  votingPeriod: 7 * DAY,
  proposalThreshold: 1,
  quorumBps: 5000,
  supermajorityNumerator: 2,
  supermajorityDenominator: 3,
};
export const TIMELOCK_DELAY = 2 * DAY;
export const CONSTITUENCIES = ["worker", "community", "client", "supporter", "backer"];
export const Constituency = { worker: 0, community: 1, client: 2, supporter: 3, backer: 4 } as const;

export const connection = await network.getOrCreate();

/**
 * The DisCO the tests start from, deployed by the same Ignition module as production: four Committed members
 * (alice, bob: workers; carol: community; dave: client), erin Dating2 mentored by alice, frank Casual supporter;
 * grace, heidi and ivan are outsiders. Bob is the ledger's founding treasurer.
 */
export async function deployDisCO() {
  return deployDisCOWith({});
}

/**
 * deployDisCO's DisCO with some of the module's parameters replaced (the capital rules, say). A fixture of its own
 * wraps it: loadFixture passes its network connection as the first argument.
 */
export async function deployDisCOWith(parameters: Partial<DisCOParameters>) {
  const { ethers } = connection;
  const [deployer, alice, bob, carol, dave, erin, frank, grace, heidi, ivan] = await ethers.getSigners();
  const founders: Founder[] = [
    { account: alice.address, stage: Stage.Committed, constituency: Constituency.worker, mentor: ethers.ZeroAddress },
    { account: bob.address, stage: Stage.Committed, constituency: Constituency.worker, mentor: ethers.ZeroAddress },
    {
      account: carol.address,
      stage: Stage.Committed,
      constituency: Constituency.community,
      mentor: ethers.ZeroAddress,
    },
    { account: dave.address, stage: Stage.Committed, constituency: Constituency.client, mentor: ethers.ZeroAddress },
    { account: erin.address, stage: Stage.Dating2, constituency: Constituency.worker, mentor: alice.address },
    { account: frank.address, stage: Stage.Casual, constituency: Constituency.supporter, mentor: ethers.ZeroAddress },
  ];
  const { deployment, membership, ledger, treasury, capital, audit, governor, timelock } = await deploy(connection, {
    name: "Test DisCO",
    founders,
    treasurers: [bob.address],
    constituencies: CONSTITUENCIES,
    timelockDelay: TIMELOCK_DELAY,
    governorSettings: SETTINGS,
    ...parameters,
  });
  return {
    deployment,
    membership,
    ledger,
    treasury,
    capital,
    audit,
    governor,
    timelock,
    deployer,
    alice,
    bob,
    carol,
    dave,
    erin,
    frank,
    grace,
    heidi,
    ivan,
    founders,
  };
}

/** The deployed DisCO plus a signer for its timelock, so governance-only functions can be called directly. */
export async function deployWithAdmin() {
  const { ethers, networkHelpers } = connection;
  const disco = await deployDisCO();
  const timelockAddress = await disco.timelock.getAddress();
  await networkHelpers.impersonateAccount(timelockAddress);
  await networkHelpers.setBalance(timelockAddress, ethers.parseEther("10"));
  const admin = await ethers.getSigner(timelockAddress);
  return { ...disco, admin, timelockAddress };
}

// ------------------------------------------------------------------------------------------------ GOVERNANCE

/** IGovernor.ProposalState names. */
export type StateName = (typeof PROPOSAL_STATES)[number];
/** IGovernor.ProposalState by name, as the contract returns it. */
export const state = (name: StateName): bigint => BigInt(PROPOSAL_STATES.indexOf(name));
/** IDisCOGovernor.ProposalKind by name, as the contract returns it. */
export const kind = (name: (typeof PROPOSAL_KINDS)[number]): bigint => BigInt(PROPOSAL_KINDS.indexOf(name));
/** Governor._encodeStateBitmap of the states named, as GovernorUnexpectedProposalState reports them. */
export const onlyStates = (...names: StateName[]): string =>
  toBeHex(
    names.reduce((bits, name) => bits | (1n << state(name)), 0n),
    32,
  );

/** A function's 4-byte selector, from its signature. */
export const selector = (signature: string): string => id(signature).slice(0, 10);

/** A function of a contract, as the governor's bylaw table names it. */
export type BylawFunction = { target: string; selector: string };

/**
 * The governor's default bylaw table, written out here independently of DisCOGovernor: the role functions of the five
 * contracts the timelock administers, the membership's constituency names, and every rule of the ledger, the
 * treasury, the capital accounts and the audit (a loss year among them). 25 functions.
 */
export async function defaultBylawFunctions(
  disco: Pick<Awaited<ReturnType<typeof deployDisCOWith>>, "membership" | "ledger" | "treasury" | "capital" | "audit">,
): Promise<BylawFunction[]> {
  const contracts: [BaseContract, string[]][] = [
    [disco.membership, ["setConstituencyName"]],
    [disco.ledger, ["setWeight", "setCap", "setApprovalsRequired", "setMinimumContribution", "setReviewWindow"]],
    [disco.treasury, ["setBuckets"]],
    [disco.capital, ["setSettings", "closeYearAtLoss"]],
    [disco.audit, ["setWageRatioCap"]],
  ];
  const table: BylawFunction[] = [];
  for (const [contract, rules] of contracts) {
    const target = await contract.getAddress();
    for (const name of ["grantRole", "revokeRole", "renounceRole", ...rules]) {
      table.push({ target, selector: contract.interface.getFunction(name)!.selector });
    }
  }
  return table;
}

/** The contracts a DisCO's governor names in its clone's arguments, in DisCOGovernor's order. */
export async function governedContracts(
  disco: Pick<Awaited<ReturnType<typeof deployDisCOWith>>, "membership" | "ledger" | "treasury" | "capital" | "audit">,
): Promise<GovernedContracts> {
  const { membership, ledger, treasury, capital, audit } = disco;
  return [
    await membership.getAddress(),
    await ledger.getAddress(),
    await treasury.getAddress(),
    await capital.getAddress(),
    await audit.getAddress(),
  ];
}

/** A vote: who, and their support value. */
export type Vote = readonly [Signer, number];

/** The chain's clock for the governance helpers. */
export const time: Clock = connection.networkHelpers.time;

/** A proposal of one call. */
export function calls(target: string, data: string, description: string): ProposalCalls {
  return toProposalCalls({ targets: [target], values: [0n], calldatas: [data], description });
}

/** Every founder who is Committed in the fixture, in favour: enough for any kind of proposal. */
export function allFor(disco: { alice: Signer; bob: Signer; carol: Signer; dave: Signer }): Vote[] {
  return [disco.alice, disco.bob, disco.carol, disco.dave].map((voter) => [voter, Support.For] as const);
}

export async function castVotes(governor: DisCOGovernor, proposalId: bigint, votes: ReadonlyArray<Vote>) {
  for (const [voter, support] of votes) await (await governor.connect(voter).castVote(proposalId, support)).wait();
}

/** A harmless Standard proposal: admit heidi as a Casual supporter. */
export async function standardProposal(
  disco: { membership: Membership; heidi: Signer },
  description: string,
): Promise<ProposalCalls> {
  const data = disco.membership.interface.encodeFunctionData("admit", [
    await disco.heidi.getAddress(),
    Stage.Casual,
    Constituency.supporter,
    connection.ethers.ZeroAddress,
  ]);
  return calls(await disco.membership.getAddress(), data, description);
}

/** A call on the governor itself, which makes a Bylaw proposal. */
export async function governorCall(
  governor: DisCOGovernor,
  functionName: string,
  args: ReadonlyArray<unknown>,
  description: string,
): Promise<ProposalCalls> {
  const iface: Interface = governor.interface;
  return calls(await governor.getAddress(), iface.encodeFunctionData(functionName, args), description);
}

/** Constituency shares in basis points, one per constituency id (IDisCOGovernor.setConstituencyShares). */
export type Shares = [number, number, number, number, number, number, number, number];
export const NO_SHARES: Shares = [0, 0, 0, 0, 0, 0, 0, 0];

/** The members switch constituency weighting to `shares` by a unanimous bylaw vote. */
export async function setShares(disco: Awaited<ReturnType<typeof deployDisCOWith>>, shares: Shares): Promise<void> {
  const proposal = await governorCall(disco.governor, "setConstituencyShares", [shares], `shares ${shares.join("/")}`);
  await enact(disco.governor, time, disco.alice, proposal, allFor(disco));
}

/** deployWithAdmin's DisCO, weighted: workers 60%, community 20%, clients 20%. */
export async function deployWeightedForWorkers() {
  const disco = await deployWithAdmin();
  await setShares(disco, [6000, 2000, 2000, 0, 0, 0, 0, 0]);
  return disco;
}

/** deployWithAdmin's DisCO, weighted: workers 20%, community 40%, clients 40%. */
export async function deployWeightedForOthers() {
  const disco = await deployWithAdmin();
  await setShares(disco, [2000, 4000, 4000, 0, 0, 0, 0, 0]);
  return disco;
}

/** deployWithAdmin's DisCO, weighted: workers 50%, community 20%, clients 20%, supporters 10% (none Committed). */
export async function deployWeightedWithEmptyConstituency() {
  const disco = await deployWithAdmin();
  await setShares(disco, [5000, 2000, 2000, 1000, 0, 0, 0, 0]);
  return disco;
}

/** Proposes, votes and closes the vote; returns the proposal id, now Succeeded or Defeated. */
export async function decide(
  governor: DisCOGovernor,
  proposer: Signer,
  proposal: ProposalCalls,
  votes: ReadonlyArray<Vote>,
): Promise<bigint> {
  const proposalId = await propose(governor, proposer, proposal);
  await openVoting(governor, time, proposalId);
  await castVotes(governor, proposalId, votes);
  await closeVoting(governor, time, proposalId);
  return proposalId;
}

/** Queues a Succeeded proposal and waits out the timelock, so a test can watch the execution itself. */
export async function queueAndWait(governor: DisCOGovernor, caller: Signer, proposal: ProposalCalls) {
  await (await queue(governor, caller, proposal)).wait();
  const eta = await governor.proposalEta(proposalIdOf(proposal));
  const now = await governor.clock();
  if (eta > now) await time.increase(eta - now);
}

/** Proposes every proposal, votes each the same way in one voting period and closes it. Returns their ids. */
export async function decideTogether(
  governor: DisCOGovernor,
  proposer: Signer,
  proposals: ProposalCalls[],
  votes: ReadonlyArray<Vote>,
): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const proposal of proposals) ids.push(await propose(governor, proposer, proposal));
  await openVoting(governor, time, ids[ids.length - 1]);
  for (const proposalId of ids) await castVotes(governor, proposalId, votes);
  await closeVoting(governor, time, ids[ids.length - 1]);
  return ids;
}

/** alice, bob and erin For, carol and dave Against: 3 of 5 (60%), a majority short of 2/3 (deployWithFiveCommitted). */
export function threeToTwo(disco: { alice: Signer; bob: Signer; carol: Signer; dave: Signer; erin: Signer }): Vote[] {
  return [
    [disco.alice, Support.For],
    [disco.bob, Support.For],
    [disco.erin, Support.For],
    [disco.carol, Support.Against],
    [disco.dave, Support.Against],
  ];
}

/** Takes a proposal to the point where it can be executed; returns its id. */
export async function passAndQueue(
  governor: DisCOGovernor,
  proposer: Signer,
  proposal: ProposalCalls,
  votes: ReadonlyArray<Vote>,
): Promise<bigint> {
  const proposalId = await decide(governor, proposer, proposal, votes);
  await queueAndWait(governor, proposer, proposal);
  return proposalId;
}

/**
 * The fixture's DisCO after the members made erin Committed by a bylaw vote: five binding members (alice, bob, erin
 * workers; carol community; dave client), so that a 3-2 split is possible. No timelock impersonation.
 */
export async function deployWithFiveCommitted() {
  const disco = await deployDisCO();
  await promoteErin(disco);
  return disco;
}

/** The members promote erin to Committed by a unanimous bylaw vote of the four Committed founders. */
export async function promoteErin(disco: Awaited<ReturnType<typeof deployDisCOWith>>): Promise<void> {
  const { governor, membership, erin } = disco;
  const data = membership.interface.encodeFunctionData("changeStage", [
    erin.address,
    Stage.Committed,
    connection.ethers.ZeroAddress,
  ]);
  const promotion = calls(await membership.getAddress(), data, "Erin becomes a Committed member");
  await enact(governor, time, disco.alice, promotion, allFor(disco));
}

/** The keyed nonce (GovernorNoncesKeyed) that a ballot for `proposalId` signs: key uint192(proposalId). */
export async function keyedNonce(governor: DisCOGovernor, voter: string, proposalId: bigint): Promise<bigint> {
  return governor["nonces(address,uint192)"](voter, ballotNonceKey(proposalId));
}
