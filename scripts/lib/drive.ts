/**
 * Drives the governor with ethers signers on a Hardhat network: the seed, the deploy and the Hardhat tests take
 * proposals through their lifecycle and sign ballots here. What a proposal or a ballot is comes from the SDK
 * (@disco-ledger/sdk/governance), so the CLI and the app, which sign and send with viem, make the same ones.
 */
import type { Signer } from "ethers";
import {
  ballotNonceKey,
  ballotTypedData,
  ballotTypes,
  descriptionHash,
  proposalIdOf,
  toSignedBallot,
  type BallotDomain,
  type ProposalCalls,
  type SignedBallot,
} from "@disco-ledger/sdk/governance";
import { getAddress, isHex, type Address, type Hex } from "viem";
import type { DisCOGovernor } from "../../types/ethers-contracts/index.js";

/** Moves the chain's clock; on the local chain this is Hardhat's network helpers. */
export interface Clock {
  increase(seconds: number | bigint): Promise<unknown>;
}

/**
 * A proposal that ethers code built (its addresses and calldata are plain strings), checked into the SDK's type:
 * each target an address, each calldata hex.
 */
export function toProposalCalls(calls: {
  targets: readonly string[];
  values: readonly bigint[];
  calldatas: readonly string[];
  description: string;
}): ProposalCalls {
  const hex = (data: string): Hex => {
    if (!isHex(data)) throw new Error(`Not calldata: ${data}`);
    return data;
  };
  return {
    targets: calls.targets.map((target) => getAddress(target)),
    values: [...calls.values],
    calldatas: calls.calldatas.map(hex),
    description: calls.description,
  };
}

/** Makes the proposal; returns its id. */
export async function propose(governor: DisCOGovernor, proposer: Signer, calls: ProposalCalls): Promise<bigint> {
  await (
    await governor.connect(proposer).propose(calls.targets, calls.values, calls.calldatas, calls.description)
  ).wait();
  return proposalIdOf(calls);
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
 * `nonces(voter)` the governor still accepts, or any other (which it refuses). The typed data is the SDK's, which
 * viem signers sign too.
 */
export async function signBallotWithNonce(
  signer: Signer,
  governor: DisCOGovernor,
  proposalId: bigint,
  support: number,
  nonce: bigint,
  reason?: string,
): Promise<SignedBallot> {
  const { name, version, chainId, verifyingContract } = await governor.eip712Domain();
  const domain: BallotDomain = { name, version, chainId, verifyingContract: verifyingContract as Address };
  const ballot = { proposalId, support, voter: (await signer.getAddress()) as Address, nonce, reason };
  // ethers wants mutable field lists; the SDK's are `as const` for viem's type inference.
  const types = Object.fromEntries(Object.entries(ballotTypes(ballot)).map(([type, fields]) => [type, [...fields]]));
  const signature = await signer.signTypedData(domain, types, ballotTypedData(domain, ballot).message);
  return toSignedBallot(domain, ballot, signature as Hex);
}

/** Submits someone's signed vote; the relayer pays the gas. */
export async function relayBallot(governor: DisCOGovernor, relayer: Signer, ballot: SignedBallot) {
  const { proposalId, support, voter, reason, signature } = ballot;
  const relaying = governor.connect(relayer);
  return reason === undefined
    ? relaying.castVoteBySig(proposalId, support, voter, signature)
    : relaying.castVoteWithReasonAndParamsBySig(proposalId, support, voter, reason, "0x", signature);
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
