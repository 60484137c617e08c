import { keccak256, toUtf8Bytes, type Signer } from "ethers";
import type { DisCOGovernor } from "../../types/ethers-contracts/index.js";

/** Vote support values (GovernorBravo order, plus Block for consent proposals). */
export const Support = { Against: 0, For: 1, Abstain: 2, Block: 3 } as const;
export type SupportName = keyof typeof Support;

/** IGovernor.ProposalState, by number. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

/** IDisCOGovernor.ProposalKind, by number. */
export const PROPOSAL_KINDS = ["Standard", "Bylaw", "Consent"] as const;

export interface ProposalCalls {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

/**
 * A vote signed by a member for anyone to relay: EIP-712 Ballot as OpenZeppelin's Governor defines it, or
 * ExtendedBallot when it carries a reason (a Block must).
 */
export interface SignedBallot {
  governor: string;
  chainId: string;
  proposalId: string;
  support: number;
  voter: string;
  nonce: string;
  reason?: string;
  signature: string;
}

/** Moves the chain's clock; on the local chain this is Hardhat's network helpers. */
export interface Clock {
  increase(seconds: number | bigint): Promise<unknown>;
}

export const descriptionHash = (description: string): string => keccak256(toUtf8Bytes(description));

export async function proposalIdOf(governor: DisCOGovernor, calls: ProposalCalls): Promise<bigint> {
  return governor.hashProposal(calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description));
}

export async function propose(governor: DisCOGovernor, proposer: Signer, calls: ProposalCalls): Promise<bigint> {
  const id = await proposalIdOf(governor, calls);
  await (
    await governor.connect(proposer).propose(calls.targets, calls.values, calls.calldatas, calls.description)
  ).wait();
  return id;
}

/** EIP-712 types of a vote by signature, as OpenZeppelin's Governor hashes them; the dApp signs the same. */
export const BALLOT = [
  { name: "proposalId", type: "uint256" },
  { name: "support", type: "uint8" },
  { name: "voter", type: "address" },
  { name: "nonce", type: "uint256" },
] as const;
export const EXTENDED_BALLOT = [
  ...BALLOT,
  { name: "reason", type: "string" },
  { name: "params", type: "bytes" },
] as const;

/**
 * The key of a ballot's nonce (GovernorNoncesKeyed): the proposal id's low 192 bits, so that a member's signed
 * ballots for different proposals never use up each other's nonce.
 */
export const ballotNonceKey = (proposalId: bigint): bigint => BigInt.asUintN(192, proposalId);

/** Signs a ballot with the voter's keyed nonce for this proposal, `governor.nonces(voter, uint192(proposalId))`. */
export async function signBallot(
  signer: Signer,
  governor: DisCOGovernor,
  proposalId: bigint,
  support: number,
  reason?: string,
): Promise<SignedBallot> {
  const nonce = await governor["nonces(address,uint192)"](await signer.getAddress(), ballotNonceKey(proposalId));
  return signBallotWithNonce(signer, governor, proposalId, support, nonce, reason);
}

/**
 * Signs a ballot (EIP-712 Ballot, or ExtendedBallot with a reason) with the given nonce: the keyed one, the plain
 * `nonces(voter)` the governor still accepts, or any other (which it refuses).
 */
export async function signBallotWithNonce(
  signer: Signer,
  governor: DisCOGovernor,
  proposalId: bigint,
  support: number,
  nonce: bigint,
  reason?: string,
): Promise<SignedBallot> {
  const voter = await signer.getAddress();
  const domain = await governor.eip712Domain();
  const ballot = { proposalId, support, voter, nonce };
  const signature = await signer.signTypedData(
    {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: domain.verifyingContract,
    },
    reason === undefined ? { Ballot: [...BALLOT] } : { ExtendedBallot: [...EXTENDED_BALLOT] },
    reason === undefined ? ballot : { ...ballot, reason, params: "0x" },
  );
  return {
    governor: domain.verifyingContract,
    chainId: domain.chainId.toString(),
    proposalId: proposalId.toString(),
    support,
    voter,
    nonce: nonce.toString(),
    ...(reason === undefined ? {} : { reason }),
    signature,
  };
}

/** Submits someone's signed vote; the relayer pays the gas. */
export async function relayBallot(governor: DisCOGovernor, relayer: Signer, ballot: SignedBallot) {
  const { proposalId, support, voter, reason, signature } = ballot;
  const relaying = governor.connect(relayer);
  return reason === undefined
    ? relaying.castVoteBySig(proposalId, support, voter, signature)
    : relaying.castVoteWithReasonAndParamsBySig(proposalId, support, voter, reason, "0x", signature);
}

export async function queue(governor: DisCOGovernor, caller: Signer, calls: ProposalCalls) {
  return governor
    .connect(caller)
    .queue(calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description));
}

export async function execute(governor: DisCOGovernor, caller: Signer, calls: ProposalCalls) {
  return governor
    .connect(caller)
    .execute(calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description));
}

/** Moves the clock to the first moment the proposal can be voted on; no move once voting has opened. */
export async function openVoting(governor: DisCOGovernor, clock: Clock, proposalId: bigint): Promise<void> {
  const [snapshot, now] = await Promise.all([governor.proposalSnapshot(proposalId), governor.clock()]);
  if (snapshot >= now) await clock.increase(snapshot - now + 1n);
}

/** Moves the clock past the proposal's deadline; no move once voting has closed. */
export async function closeVoting(governor: DisCOGovernor, clock: Clock, proposalId: bigint): Promise<void> {
  const [deadline, now] = await Promise.all([governor.proposalDeadline(proposalId), governor.clock()]);
  if (deadline >= now) await clock.increase(deadline - now + 1n);
}

/**
 * Takes a proposal through the whole lifecycle on a chain whose clock can be moved: propose, wait for the snapshot,
 * each voter votes, wait for the deadline, queue, wait for the timelock, execute. Returns the proposal id.
 */
export async function enact(
  governor: DisCOGovernor,
  clock: Clock,
  proposer: Signer,
  calls: ProposalCalls,
  votes: ReadonlyArray<readonly [Signer, number]>,
): Promise<bigint> {
  const id = await propose(governor, proposer, calls);
  await openVoting(governor, clock, id);
  for (const [voter, support] of votes) await (await governor.connect(voter).castVote(id, support)).wait();
  await closeVoting(governor, clock, id);
  await (await queue(governor, proposer, calls)).wait();
  const eta = await governor.proposalEta(id);
  const now = await governor.clock();
  if (eta > now) await clock.increase(eta - now);
  await (await execute(governor, proposer, calls)).wait();
  return id;
}
