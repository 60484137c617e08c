/**
 * The governor's vocabulary and the calls a member's intent becomes: proposal ids, the governor calls that propose,
 * queue, execute and relay, and the EIP-712 ballots a member signs for anyone to relay. Pure, apart from the two
 * reads a ballot needs (the governor's domain and the voter's nonce), which take a viem PublicClient. Any signer
 * signs the typed data: viem's `signTypedData(ballotTypedData(..))`, or ethers'
 * `signer.signTypedData(domain, types, message)` with the same three parts.
 */
import {
  encodeAbiParameters,
  hexToBigInt,
  keccak256,
  toHex,
  type Address,
  type ContractFunctionReturnType,
  type Hex,
  type PublicClient,
  type TypedDataDefinition,
} from "viem";
import { pluralForm, type Lang } from "./format.ts";
import { governorAbi } from "./generated/abis.ts";

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

/** A proposal as the governor takes it: the calls the timelock makes if it passes, and what it is for. */
export interface ProposalCalls {
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
}

/**
 * A vote signed by a member for anyone to relay: EIP-712 Ballot as OpenZeppelin's Governor defines it, or
 * ExtendedBallot when it carries a reason (a Block must). This is the JSON the CLI writes and the app reads.
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

export const descriptionHash = (description: string): Hex => keccak256(toHex(description));

/**
 * The proposal's id, as the governor's (pure) hashProposal computes it: the hash of the calls and of the
 * description. The governor does not override it, so no call is needed.
 */
export function proposalIdOf(calls: ProposalCalls): bigint {
  const encoded = encodeAbiParameters(
    [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
    [calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description)],
  );
  return hexToBigInt(keccak256(encoded));
}

/** The governor call that makes the proposal, for viem's writeContract/simulateContract or encodeFunctionData. */
export const proposeCall = (calls: ProposalCalls) =>
  ({
    abi: governorAbi,
    functionName: "propose",
    args: [calls.targets, calls.values, calls.calldatas, calls.description],
  }) as const;

/** The governor call that queues a Succeeded proposal in the timelock. */
export const queueCall = (calls: ProposalCalls) =>
  ({
    abi: governorAbi,
    functionName: "queue",
    args: [calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description)],
  }) as const;

/** The governor call that executes a Queued proposal once its timelock delay is over. */
export const executeCall = (calls: ProposalCalls) =>
  ({
    abi: governorAbi,
    functionName: "execute",
    args: [calls.targets, calls.values, calls.calldatas, descriptionHash(calls.description)],
  }) as const;

/** EIP-712 types of a vote by signature, as OpenZeppelin's Governor hashes them. */
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

/** The governor's EIP-712 domain, from its eip712Domain() view. */
export interface BallotDomain {
  name: string;
  version: string;
  chainId: bigint;
  verifyingContract: Address;
}

/** A vote to sign. With a reason it is an ExtendedBallot (a Block must have one, params empty); without, a Ballot. */
export interface Ballot {
  proposalId: bigint;
  support: number;
  voter: Address;
  nonce: bigint;
  reason?: string;
}

/** The EIP-712 types a ballot is signed with: an ExtendedBallot when it has a reason, a Ballot without. */
export const ballotTypes = (
  ballot: Pick<Ballot, "reason">,
): { Ballot: typeof BALLOT } | { ExtendedBallot: typeof EXTENDED_BALLOT } =>
  ballot.reason === undefined ? { Ballot: BALLOT } : { ExtendedBallot: EXTENDED_BALLOT };

/**
 * What the voter signs, for viem's signTypedData and verifyTypedData; ethers' signTypedData takes its domain,
 * `ballotTypes(ballot)` and its message. Typed as any typed data, since viem's signers take a Ballot or an
 * ExtendedBallot only once the reason decides which.
 */
export function ballotTypedData(domain: BallotDomain, ballot: Ballot): TypedDataDefinition {
  const { proposalId, support, voter, nonce, reason } = ballot;
  const message = { proposalId, support, voter, nonce };
  return reason === undefined
    ? { domain, types: ballotTypes(ballot), primaryType: "Ballot", message }
    : {
        domain,
        types: ballotTypes(ballot),
        primaryType: "ExtendedBallot",
        message: { ...message, reason, params: "0x" },
      };
}

/** The signed vote as the CLI writes it (decimal strings for the big numbers, reason only when there is one). */
export function toSignedBallot(domain: BallotDomain, ballot: Ballot, signature: Hex): SignedBallot {
  return {
    governor: domain.verifyingContract,
    chainId: domain.chainId.toString(),
    proposalId: ballot.proposalId.toString(),
    support: ballot.support,
    voter: ballot.voter,
    nonce: ballot.nonce.toString(),
    ...(ballot.reason === undefined ? {} : { reason: ballot.reason }),
    signature,
  };
}

/**
 * The governor call that submits a signed vote (with a reason, the extended form); the relayer pays the gas. Takes
 * the SignedBallot JSON as it is, or one whose proposal id was already read as a number.
 */
export function relayCall(
  ballot: Pick<SignedBallot, "support" | "voter" | "reason" | "signature"> & { proposalId: string | bigint },
) {
  const proposalId = BigInt(ballot.proposalId);
  const voter = ballot.voter as Address;
  const signature = ballot.signature as Hex;
  return ballot.reason === undefined
    ? ({
        abi: governorAbi,
        functionName: "castVoteBySig",
        args: [proposalId, ballot.support, voter, signature],
      } as const)
    : ({
        abi: governorAbi,
        functionName: "castVoteWithReasonAndParamsBySig",
        args: [proposalId, ballot.support, voter, ballot.reason, "0x" as Hex, signature],
      } as const);
}

/** Reads the governor's EIP-712 domain, which every ballot for it is signed under. */
export async function readBallotDomain(client: PublicClient, governor: Address): Promise<BallotDomain> {
  return ballotDomainOf(
    await client.readContract({ address: governor, abi: governorAbi, functionName: "eip712Domain" }),
  );
}

/** The ballot domain in the governor's `eip712Domain()` answer (ERC-5267), however it was read. */
export function ballotDomainOf(
  answer: ContractFunctionReturnType<typeof governorAbi, "view", "eip712Domain">,
): BallotDomain {
  const [, name, version, chainId, verifyingContract] = answer;
  return { name, version, chainId, verifyingContract };
}

/** The voter's keyed nonce for this proposal, `governor.nonces(voter, uint192(proposalId))`: what a ballot signs. */
export async function readBallotNonce(
  client: PublicClient,
  governor: Address,
  voter: Address,
  proposalId: bigint,
): Promise<bigint> {
  return client.readContract({
    address: governor,
    abi: governorAbi,
    functionName: "nonces",
    args: [voter, ballotNonceKey(proposalId)],
  });
}

/**
 * The ballot a voter signs for this proposal, with its domain and their keyed nonce read from the chain: sign
 * `ballotTypedData(domain, ballot)` and keep `toSignedBallot(domain, ballot, signature)`.
 */
export async function prepareBallot(
  client: PublicClient,
  governor: Address,
  vote: Omit<Ballot, "nonce">,
): Promise<{ domain: BallotDomain; ballot: Ballot }> {
  const [domain, nonce] = await Promise.all([
    readBallotDomain(client, governor),
    readBallotNonce(client, governor, vote.voter, vote.proposalId),
  ]);
  return { domain, ballot: { ...vote, nonce } };
}

// ------------------------------------------------------------------------------------------ AS PEOPLE SAY IT

const numbering = new WeakMap<ReadonlyMap<bigint, unknown>, Map<bigint, number>>();

/**
 * Each proposal's short number, #1, #2…, in the order of their ProposalCreated events: the order the history's fold
 * added them to `proposals` in. Derived once per fold and extended as it folds more (earlier numbers never change).
 */
export function proposalNumbers(proposals: ReadonlyMap<bigint, unknown>): ReadonlyMap<bigint, number> {
  let numbers = numbering.get(proposals);
  if (!numbers) {
    numbers = new Map();
    numbering.set(proposals, numbers);
  }
  if (numbers.size < proposals.size) {
    for (const id of [...proposals.keys()].slice(numbers.size)) numbers.set(id, numbers.size + 1);
  }
  return numbers;
}

/** "#3" for a proposal the history knows; its full id otherwise. */
export function proposalLabel(proposals: ReadonlyMap<bigint, unknown>, id: bigint): string {
  const number = proposalNumbers(proposals).get(id);
  return number === undefined ? id.toString() : `#${number}`;
}

/**
 * A proposal as a person names it: "#3" or "3" (its short number), or its full id in decimal or hex. Null when no
 * proposal of the history has it, or when the text is none of these.
 */
export function findProposal(proposals: ReadonlyMap<bigint, unknown>, text: string): bigint | null {
  const trimmed = text.trim();
  const short = /^#?(\d{1,6})$/.exec(trimmed);
  if (short) {
    const wanted = Number(short[1]);
    for (const [id, number] of proposalNumbers(proposals)) if (number === wanted) return id;
    if (trimmed.startsWith("#")) return null;
  }
  if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(trimmed)) return null;
  const id = BigInt(trimmed);
  return proposals.has(id) ? id : null;
}

/** The roles of the DisCO's contracts, by id: who holds each is decided by governance. */
export const ROLES: ReadonlyArray<{ id: Hex; en: string; es: string }> = [
  { id: `0x${"00".repeat(32)}`, en: "Administrator (governance)", es: "Administración (gobernanza)" },
  { id: keccak256(toHex("TREASURER_ROLE")), en: "Treasurer", es: "Tesorería" },
  { id: keccak256(toHex("AUDITOR_ROLE")), en: "Auditor", es: "Auditoría" },
  { id: keccak256(toHex("PROPOSER_ROLE")), en: "Proposer (timelock)", es: "Proponente (timelock)" },
  { id: keccak256(toHex("EXECUTOR_ROLE")), en: "Executor (timelock)", es: "Ejecución (timelock)" },
  { id: keccak256(toHex("CANCELLER_ROLE")), en: "Canceller (timelock)", es: "Cancelación (timelock)" },
];

/** A role id by its name ("Treasurer"); the id itself when it is not one of the DisCO's roles. */
export function roleName(id: string, lang: Lang): string {
  return ROLES.find((r) => r.id === id.toLowerCase())?.[lang] ?? id;
}

const QUORUM: Record<Lang, { voted: Record<"one" | "other", string>; needed: Record<"one" | "other", string> }> = {
  en: {
    voted: { one: "{n} voted", other: "{n} voted" },
    needed: { one: "{n} needed", other: "{n} needed" },
  },
  es: {
    voted: { one: "ha votado {n}", other: "han votado {n}" },
    needed: { one: "se necesita {n}", other: "se necesitan {n}" },
  },
};

/** A quorum in words: "3 voted; 2 needed", "ha votado 1; se necesitan 2". */
export function quorumWords(voted: number, needed: number, lang: Lang): string {
  const say = (forms: Record<"one" | "other", string>, n: number) =>
    forms[pluralForm(n, lang)].replace("{n}", String(n));
  return `${say(QUORUM[lang].voted, voted)}; ${say(QUORUM[lang].needed, needed)}`;
}
