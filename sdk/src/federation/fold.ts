/**
 * A federation's state folded from its own logs alone (DESIGN.md's Interfaces: every state change emits an event rich
 * enough to rebuild the state): its members, proposals and votes, check-ins and peers' verdicts, trust and its
 * history. Plain data (JSON-friendly but for bigints), folded incrementally: a state folds later logs onto a copy of
 * itself. Browser-safe.
 */
import {
  getAddress,
  parseEventLogs,
  type Abi,
  zeroAddress,
  type Address,
  type Hex,
  type Log,
  type ParseEventLogsReturnType,
  type PublicClient,
} from "viem";
import { loadBlockTimes } from "../audit/timeline.ts";
import { federationAbi } from "../generated/abis.ts";
import { checkInFromEvent, FIGURES, type CheckInFigures, type FigureName } from "./checkins.ts";
import type { FoundFederation } from "./discovery.ts";

// ------------------------------------------------------------------------------------------------ STATE

/** IFederation.ProposalKind, in its order. */
export const FEDERATION_PROPOSAL_KINDS = ["Admit", "Remove", "Charter"] as const;
export type ProposalKindName = (typeof FEDERATION_PROPOSAL_KINDS)[number];
/** IFederation.ProposalState, in its order. */
export const FEDERATION_PROPOSAL_STATES = ["Active", "Passed", "Defeated", "Executed", "Expired", "Withdrawn"] as const;
export type ProposalStateName = (typeof FEDERATION_PROPOSAL_STATES)[number];

/** A DisCO that applied or was a member, by its membership address (its id). */
export interface FederationMember {
  disco: Address;
  /** Its permanent number, given at its first admission (0: never admitted). */
  index: number;
  active: boolean;
  timelock: Address;
  ledger: Address;
  audit: Address;
  delegate: Address | null;
  treasurerTrustBound: number;
  /** When it was last admitted (unix seconds). */
  admittedAt: number | null;
  /**
   * The federation's admissions counter when it was last admitted (0: never admitted): it votes only on proposals
   * whose snapshot is at least this, and a Remove voted on an earlier admission is stale.
   */
  admission: number;
  /** When it last left or was removed, if it is not a member now. */
  leftAt: number | null;
  /**
   * Its latest application while neither executed nor withdrawn (federationProposalState tells whether it is still
   * open, or was Defeated or Expired).
   */
  application: bigint | null;
}

export interface FederationVote {
  disco: Address;
  support: boolean;
  /** Its timelock or delegate. */
  by: Address;
}

export interface FederationProposal {
  id: bigint;
  kind: ProposalKindName;
  /** The DisCO admitted or removed; null for a Charter proposal. */
  subject: Address | null;
  uri: string;
  hash: Hex;
  /** The proposing DisCO (the applicant, for Admit). */
  proposer: Address;
  by: Address;
  snapshot: number;
  electorate: number;
  /** Unix seconds. */
  deadline: number;
  forVotes: number;
  againstVotes: number;
  votes: FederationVote[];
  executed: boolean;
  withdrawn: boolean;
  /** The applicant's reason (Admit). */
  reason: string | null;
  createdAt: number;
}

export interface CheckInVerdict {
  /** The judging DisCO. */
  peer: Address;
  verdict: "Confirmed" | "Challenged";
  /** The figure a challenge names. */
  figure: FigureName | null;
  reason: string | null;
  /** The auditor who recorded it. */
  by: Address;
  /** Recorded by the address that made the check-in (an auditor of both DisCOs): not counted. */
  conflict: boolean;
  time: number;
}

export interface FederationCheckIn {
  disco: Address;
  period: number;
  digest: Hex;
  figures: CheckInFigures;
  by: Address;
  blockNumber: number;
  /**
   * The CheckedIn log's index in its block: its digest and figures are the DisCO's as of just before this log (its
   * logs of earlier blocks, and those earlier in this block).
   */
  logIndex: number;
  transactionHash: Hex;
  time: number;
  verdicts: CheckInVerdict[];
}

export interface TrustEdge {
  from: Address;
  to: Address;
  value: number;
  by: Address;
  time: number;
}

export interface TrustChange extends TrustEdge {
  blockNumber: number;
}

export interface FederationState {
  address: Address;
  name: string;
  /** Seconds a proposal stays open. */
  votingPeriod: number;
  charter: { uri: string; hash: Hex };
  /** Every DisCO that applied or was a member: the admitted by index, then the others as they applied. */
  members: FederationMember[];
  /** By id. */
  proposals: FederationProposal[];
  /** In block order. */
  checkIns: FederationCheckIn[];
  /** The non-zero values between DisCOs that are both still on the admissions they were set on. */
  trust: TrustEdge[];
  /** Every TrustSet, in block order. */
  trustHistory: TrustChange[];
  /** The id of the last Charter proposal executed (0: the founding charter): an older one is stale. */
  lastCharterId: bigint;
  /** The last block folded. */
  lastBlock: number;
}

// ------------------------------------------------------------------------------------------------ RULES

/**
 * Where a proposal stands at `now` (unix seconds), as Federation's `state` answers: Executed, Withdrawn; Passed once
 * For is an absolute majority of its electorate, until `deadline + votingPeriod` (its execution window), Expired
 * after; Defeated once Against is half of it or more, or after the deadline without a majority; else Active.
 */
export function federationProposalState(p: FederationProposal, votingPeriod: number, now: number): ProposalStateName {
  if (p.executed) return "Executed";
  if (p.withdrawn) return "Withdrawn";
  if (p.forVotes * 2 > p.electorate) return now > p.deadline + votingPeriod ? "Expired" : "Passed";
  if (p.againstVotes * 2 >= p.electorate || now > p.deadline) return "Defeated";
  return "Active";
}

/** A check-in's standing among its peers; a verdict by the address that made the check-in is not counted. */
export type CheckInStatus =
  | { status: "unverified" }
  | { status: "confirmed"; by: number }
  | { status: "challenged"; by: number; figures: FigureName[] };

/** Challenged when any counted verdict challenges it (naming the figures, in FIGURES' order); else confirmed. */
export function checkInStatus(c: Pick<FederationCheckIn, "verdicts">): CheckInStatus {
  const counted = c.verdicts.filter((v) => !v.conflict);
  const challenges = counted.filter((v) => v.verdict === "Challenged");
  if (challenges.length > 0) {
    const named = new Set(challenges.map((v) => v.figure));
    return {
      status: "challenged",
      by: challenges.length,
      figures: FIGURES.map((f) => f.name).filter((name) => named.has(name)),
    };
  }
  return counted.length > 0 ? { status: "confirmed", by: counted.length } : { status: "unverified" };
}

/**
 * Whether a DisCO may vote on a proposal, as Federation's `vote` checks (besides the proposal being Active and the
 * caller its timelock or delegate): it is a member, admitted by the proposal's snapshot, and has not voted on it.
 */
export function mayVote(member: FederationMember, proposal: FederationProposal): boolean {
  return (
    member.active && member.admission <= proposal.snapshot && !proposal.votes.some((v) => same(v.disco, member.disco))
  );
}

/**
 * Whether executing a proposal would revert FederationProposalStale, as Federation's `execute` checks: a Remove whose
 * subject left, or left and was admitted again, since its snapshot; a Charter older than the last one executed; an
 * Admit of a DisCO that is already a member.
 */
export function isStale(
  state: Pick<FederationState, "members" | "lastCharterId">,
  proposal: FederationProposal,
): boolean {
  if (proposal.kind === "Charter") return proposal.id < state.lastCharterId;
  const subject = state.members.find((m) => proposal.subject !== null && same(m.disco, proposal.subject));
  if (proposal.kind === "Admit") return subject?.active === true;
  return subject === undefined || !subject.active || subject.admission > proposal.snapshot;
}

// ------------------------------------------------------------------------------------------------ FOLD

/** A Federation log decoded by its ABI. */
export type FederationEvent = ParseEventLogsReturnType<typeof federationAbi, undefined, true>[number];

export interface FoldOptions {
  /**
   * Block number to timestamp, for logs that carry no `blockTimestamp` (loadBlockTimes fills it): every event's time
   * is its block's.
   */
  times?: ReadonlyMap<number, bigint>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const orNull = (address: Address) => (address === zeroAddress ? null : address);

/**
 * `from` (a previous state, as a copy: it is left as it was) with `logs` folded on, or, given the federation's address,
 * its state from its founding log (FederationFounded) on. Only the logs of that address are folded: another
 * contract's, even one that calls itself a federation, are left out. Decoded logs (parseEventLogs over the
 * Federation's ABI) are taken as they are. Folding later logs onto a state gives the state of all the logs folded at
 * once. Throws when the federation's logs don't start with its founding, when a log comes at or before the previous
 * state's `lastBlock`, when its block's time is unknown, or when the logs tell of a member, proposal or check-in that
 * they never made.
 */
export function foldFederation(
  logs: readonly (Log | FederationEvent)[],
  from: Address | FederationState,
  options: FoldOptions = {},
): FederationState {
  const previous = typeof from === "string" ? undefined : from;
  const address = getAddress(typeof from === "string" ? from : from.address);
  const decoded = decodeInOrder(federationAbi, logs).filter((e) => same(e.address, address));
  if (previous === undefined && decoded[0]?.eventName !== "FederationFounded") {
    throw new Error(`The logs of federation ${address} start with its FederationFounded event`);
  }
  const state: FederationState = previous
    ? structuredClone(previous)
    : {
        address,
        name: "",
        votingPeriod: 0,
        charter: { uri: "", hash: "0x" },
        members: [],
        proposals: [],
        checkIns: [],
        trust: [],
        trustHistory: [],
        lastCharterId: 0n,
        lastBlock: 0,
      };
  for (const event of decoded) {
    const block = Number(event.blockNumber);
    if (previous !== undefined && block <= previous.lastBlock) {
      throw new Error(`The log of block ${block} was folded before: fold the logs after block ${previous.lastBlock}`);
    }
    apply(state, event, blockTimeOf(event, options.times));
    state.lastBlock = Math.max(state.lastBlock, block);
  }
  // Admitted DisCOs by index, then the others in the order they applied (a stable sort keeps it).
  const rank = (m: FederationMember) => (m.index === 0 ? Number.MAX_SAFE_INTEGER : m.index);
  state.members.sort((a, b) => rank(a) - rank(b));
  return state;
}

/**
 * `logs` decoded by `abi`, in chain order: those already decoded taken as they are, raw ones the ABI does not know
 * left out (the caller keeps its own contract's by address).
 */
export function decodeInOrder<const abi extends Abi>(
  abi: abi,
  logs: readonly (Log | ParseEventLogsReturnType<abi, undefined, true>[number])[],
): ParseEventLogsReturnType<abi, undefined, true>[number][] {
  type Event = ParseEventLogsReturnType<abi, undefined, true>[number];
  const raw = logs.filter((log): log is Log => !("eventName" in log));
  return [
    ...logs.filter((log): log is Event => "eventName" in log),
    ...(parseEventLogs({ abi, logs: raw, strict: true }) as Event[]),
  ].sort((a, b) => Number(a.blockNumber - b.blockNumber) || a.logIndex - b.logIndex);
}

/** An event's time (unix seconds): its block's, from `times` (loadBlockTimes) or the log's own `blockTimestamp`. */
export function blockTimeOf(
  event: { blockNumber: bigint; blockTimestamp?: bigint | null },
  times: ReadonlyMap<number, bigint> | undefined,
): number {
  const time = times?.get(Number(event.blockNumber)) ?? event.blockTimestamp;
  if (time == null) throw new Error(`No timestamp for block ${event.blockNumber}: load it with loadBlockTimes first`);
  return Number(time);
}

function memberOf(state: FederationState, disco: Address): FederationMember {
  const member = state.members.find((m) => same(m.disco, disco));
  if (!member) throw new Error(`The federation's logs name DisCO ${disco} before it applied or was admitted`);
  return member;
}

function proposalOf(state: FederationState, id: bigint): FederationProposal {
  const proposal = state.proposals.find((p) => p.id === id);
  if (!proposal) throw new Error(`The federation's logs name proposal ${id} before it was made`);
  return proposal;
}

function checkInAt(state: FederationState, disco: Address, period: number): FederationCheckIn {
  const checkIn = state.checkIns.find((c) => same(c.disco, disco) && c.period === period);
  if (!checkIn) throw new Error(`The federation's logs judge ${disco}'s period ${period} before it was checked in`);
  return checkIn;
}

/** Trust toward and from a DisCO that leaves reads 0, also once it is admitted again (Federation's trustOf). */
function resetTrust(state: FederationState, disco: Address): void {
  state.trust = state.trust.filter((edge) => !same(edge.from, disco) && !same(edge.to, disco));
}

function apply(state: FederationState, event: FederationEvent, time: number): void {
  switch (event.eventName) {
    case "FederationFounded":
      state.name = event.args.name;
      state.votingPeriod = event.args.votingPeriod;
      return;
    case "CharterSet":
      state.charter = { uri: event.args.uri, hash: event.args.hash };
      return;
    case "ProposalCreated": {
      const { id, proposer, kind, subject, uri, hash, snapshot, electorate, deadline, by } = event.args;
      state.proposals.push({
        id,
        kind: FEDERATION_PROPOSAL_KINDS[kind],
        subject: orNull(subject),
        uri,
        hash,
        proposer,
        by,
        snapshot,
        electorate,
        deadline: Number(deadline),
        forVotes: 0,
        againstVotes: 0,
        votes: [],
        executed: false,
        withdrawn: false,
        reason: null,
        createdAt: time,
      });
      return;
    }
    case "Applied": {
      const { disco, proposalId, timelock, ledger, audit, reason } = event.args;
      proposalOf(state, proposalId).reason = reason;
      const member = state.members.find((m) => same(m.disco, disco));
      const contracts = { timelock, ledger, audit, application: proposalId };
      if (member) Object.assign(member, contracts);
      else state.members.push({ ...newMember(disco), ...contracts });
      return;
    }
    case "ApplicationWithdrawn": {
      proposalOf(state, event.args.proposalId).withdrawn = true;
      memberOf(state, event.args.disco).application = null;
      return;
    }
    case "MemberAdmitted": {
      const { disco, proposalId, index, admission, timelock, ledger, audit } = event.args;
      let member = state.members.find((m) => same(m.disco, disco));
      if (!member) {
        // The founder is admitted without applying.
        member = newMember(disco);
        state.members.push(member);
      }
      Object.assign(member, {
        index,
        admission,
        active: true,
        timelock,
        ledger,
        audit,
        admittedAt: time,
        leftAt: null,
      });
      if (member.application === proposalId) member.application = null;
      return;
    }
    case "MemberLeft":
    case "MemberRemoved": {
      const member = memberOf(state, event.args.disco);
      member.active = false;
      member.leftAt = time;
      resetTrust(state, member.disco);
      return;
    }
    case "DelegateSet":
      memberOf(state, event.args.disco).delegate = orNull(event.args.delegate);
      return;
    case "VoteCast": {
      const { id, disco, support, by } = event.args;
      const proposal = proposalOf(state, id);
      proposal.votes.push({ disco, support, by });
      if (support) proposal.forVotes++;
      else proposal.againstVotes++;
      return;
    }
    case "ProposalExecuted": {
      const proposal = proposalOf(state, event.args.id);
      proposal.executed = true;
      if (proposal.kind === "Charter") state.lastCharterId = proposal.id;
      return;
    }
    case "CheckedIn": {
      const { disco, period, by } = event.args;
      const { digest, figures } = checkInFromEvent(event.args);
      state.checkIns.push({
        disco,
        period,
        digest,
        figures,
        by,
        blockNumber: Number(event.blockNumber),
        logIndex: event.logIndex,
        transactionHash: event.transactionHash,
        time,
        verdicts: [],
      });
      return;
    }
    case "CheckInConfirmed": {
      const { confirmer, ...args } = event.args;
      judge(state, args, time, { peer: confirmer, verdict: "Confirmed", figure: null, reason: null });
      return;
    }
    case "CheckInChallenged": {
      const { challenger, figure, reason, ...args } = event.args;
      judge(state, args, time, { peer: challenger, verdict: "Challenged", figure: FIGURES[figure].name, reason });
      return;
    }
    case "TrustSet": {
      const { from, to, value, by } = event.args;
      const edge: TrustEdge = { from, to, value, by, time };
      state.trustHistory.push({ ...edge, blockNumber: Number(event.blockNumber) });
      const at = state.trust.findIndex((e) => same(e.from, from) && same(e.to, to));
      if (value === 0) {
        if (at >= 0) state.trust.splice(at, 1);
      } else if (at >= 0) state.trust[at] = edge;
      else state.trust.push(edge);
      return;
    }
    case "TreasurerTrustBoundSet":
      memberOf(state, event.args.disco).treasurerTrustBound = event.args.bound;
      return;
  }
}

/** Records a peer's verdict on a check-in; one by the address that made the check-in is marked a conflict. */
function judge(
  state: FederationState,
  { disco, period, by }: { disco: Address; period: number; by: Address },
  time: number,
  verdict: Pick<CheckInVerdict, "peer" | "verdict" | "figure" | "reason">,
): void {
  const checkIn = checkInAt(state, disco, period);
  checkIn.verdicts.push({ ...verdict, by, conflict: same(by, checkIn.by), time });
}

const newMember = (disco: Address): FederationMember => ({
  disco,
  index: 0,
  active: false,
  timelock: zeroAddress,
  ledger: zeroAddress,
  audit: zeroAddress,
  delegate: null,
  treasurerTrustBound: 0,
  admittedAt: null,
  admission: 0,
  leftAt: null,
  application: null,
});

// ------------------------------------------------------------------------------------------------ LOAD

/** What loadFederation needs of a viem client. */
export type FederationReader = Pick<PublicClient, "getLogs" | "getBlock" | "getBlockNumber">;

/**
 * A federation's state at the chain's head: its logs since it was founded (or since `previous` stopped) folded, with
 * their blocks' times.
 */
export async function loadFederation(
  client: FederationReader,
  federation: FoundFederation,
  previous?: FederationState,
): Promise<FederationState> {
  const { logs, times, head } = await logsSince(
    client,
    federation.address,
    previous?.lastBlock ?? federation.blockNumber - 1,
  );
  return { ...foldFederation(logs, previous ?? federation.address, { times }), lastBlock: head };
}

/**
 * The logs of the contract at `address` after block `after` up to the chain's head, with their blocks' times: what a
 * fold of its state needs to catch up.
 */
export async function logsSince(
  client: FederationReader,
  address: Address,
  after: number,
): Promise<{ logs: Log[]; times: Map<number, bigint>; head: number }> {
  // Not viem's cached head: a load right after a new block must see it.
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const fromBlock = BigInt(after + 1);
  const logs = fromBlock > head ? [] : await client.getLogs({ address, fromBlock, toBlock: head });
  const times = await loadBlockTimes(client, [...new Set(logs.map((log) => Number(log.blockNumber)))]);
  return { logs, times, head: Number(head) };
}
