/** The governor's and the timelock's events: proposals, their classification, votes and tallies, operations. */
import { PROPOSAL_KINDS } from "../../governance.ts";
import type { DecodedEvent } from "../decode.ts";
import { getOrMake, impossible, lower, place, type FoldContext, type Place } from "./context.ts";

export type SupportLabel = "Against" | "For" | "Abstain" | "Block";
const SUPPORTS: readonly SupportLabel[] = ["Against", "For", "Abstain", "Block"];

/** One vote: binding (weight 1, a Committed member at the snapshot) or advisory (weight 0, a Dating member). */
export interface Vote extends Place {
  proposalId: bigint;
  voter: string;
  support: SupportLabel;
  weight: bigint;
  reason: string;
  binding: boolean;
}

/** Binding and advisory counts, as IDisCOGovernor.ProposalTally. */
export interface Tally {
  forVotes: number;
  againstVotes: number;
  abstainVotes: number;
  blockVotes: number;
  advisoryFor: number;
  advisoryAgainst: number;
  advisoryAbstain: number;
  advisoryBlock: number;
}

export interface Proposal {
  id: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  signatures: string[];
  calldatas: string[];
  description: string;
  /** The snapshot timepoint (ERC-6372 timestamp). */
  voteStart: bigint;
  /** The deadline timepoint. */
  voteEnd: bigint;
  kind: (typeof PROPOSAL_KINDS)[number] | null;
  supermajority: { numerator: number; denominator: number } | null;
  constituencyShares: number[];
  weighted: boolean;
  created: Place;
  queued: (Place & { eta: bigint }) | null;
  executed: Place | null;
  canceled: Place | null;
  votes: Vote[];
  tally: Tally;
}

/** A timelock operation (a queued proposal's batch, or one scheduled directly). */
export interface TimelockOperation {
  id: string;
  calls: Array<{ index: bigint; target: string; value: bigint; data: string }>;
  delay: bigint;
  scheduled: Place;
  executed: Place | null;
  canceled: Place | null;
}

export interface GovernanceState {
  proposals: Map<bigint, Proposal>;
  votes: Vote[];
  operations: Map<string, TimelockOperation>;
  supermajority: { numerator: number; denominator: number } | null;
  constituencyShares: number[];
  /** `${target}:${selector}` (lowercase) of functions registered as bylaws. */
  bylawFunctions: Set<string>;
  /** Every quorum numerator set (basis points), in order; the governor looks the one of a snapshot up in these. */
  quorumHistory: Array<Place & { numerator: bigint }>;
}

const BINDING_COUNTERS: Record<SupportLabel, keyof Tally> = {
  For: "forVotes",
  Against: "againstVotes",
  Abstain: "abstainVotes",
  Block: "blockVotes",
};
const ADVISORY_COUNTERS: Record<SupportLabel, keyof Tally> = {
  For: "advisoryFor",
  Against: "advisoryAgainst",
  Abstain: "advisoryAbstain",
  Block: "advisoryBlock",
};

const emptyTally = (): Tally => ({
  forVotes: 0,
  againstVotes: 0,
  abstainVotes: 0,
  blockVotes: 0,
  advisoryFor: 0,
  advisoryAgainst: 0,
  advisoryAbstain: 0,
  advisoryBlock: 0,
});

export const emptyGovernance = (): GovernanceState => ({
  proposals: new Map(),
  votes: [],
  operations: new Map(),
  supermajority: null,
  constituencyShares: [],
  bylawFunctions: new Set(),
  quorumHistory: [],
});

/** Folds one governor event. */
export function foldGovernor({ state }: FoldContext, e: DecodedEvent<"governor">): void {
  const { governance } = state;
  const proposalOf = (proposalId: bigint) => {
    const proposal = governance.proposals.get(proposalId);
    if (!proposal) throw impossible(e, `proposal ${proposalId} was never created`);
    return proposal;
  };

  switch (e.name) {
    case "ProposalCreated": {
      const {
        proposalId: id,
        proposer,
        targets,
        values,
        signatures,
        calldatas,
        description,
        voteStart,
        voteEnd,
      } = e.args;
      if (governance.proposals.has(id)) throw impossible(e, `proposal ${id} created twice`);
      governance.proposals.set(id, {
        id,
        proposer,
        targets: [...targets],
        values: [...values],
        signatures: [...signatures],
        calldatas: [...calldatas],
        description,
        voteStart,
        voteEnd,
        kind: null,
        supermajority: null,
        constituencyShares: [],
        weighted: false,
        created: place(e),
        queued: null,
        executed: null,
        canceled: null,
        votes: [],
        tally: emptyTally(),
      });
      break;
    }
    case "ProposalClassified": {
      const proposal = proposalOf(e.args.proposalId);
      if (proposal.kind !== null) throw impossible(e, `proposal ${proposal.id} classified twice`);
      proposal.kind = PROPOSAL_KINDS[e.args.kind];
      proposal.supermajority = {
        numerator: e.args.supermajorityNumerator,
        denominator: e.args.supermajorityDenominator,
      };
      proposal.constituencyShares = [...e.args.constituencyShares];
      proposal.weighted = proposal.constituencyShares.some((s) => s !== 0);
      break;
    }
    case "VoteCast":
    case "VoteCastWithParams": {
      const proposal = proposalOf(e.args.proposalId);
      if (proposal.canceled || proposal.queued || proposal.executed) {
        throw impossible(
          e,
          `vote on proposal ${proposal.id} after it was ${proposal.canceled ? "canceled" : "queued"}`,
        );
      }
      const { voter, weight, reason } = e.args;
      if (proposal.votes.some((v) => lower(v.voter) === lower(voter))) {
        throw impossible(e, `${voter} voted twice on proposal ${proposal.id}`);
      }
      const support = SUPPORTS[e.args.support];
      if (support === undefined) throw impossible(e, `support ${e.args.support}`);
      if (support === "Block" && proposal.kind !== "Consent")
        throw impossible(e, `Block on a ${proposal.kind} proposal`);
      const vote: Vote = { ...place(e), proposalId: proposal.id, voter, support, weight, reason, binding: weight > 0n };
      proposal.votes.push(vote);
      governance.votes.push(vote);
      const counter = vote.binding ? BINDING_COUNTERS[support] : ADVISORY_COUNTERS[support];
      proposal.tally[counter]++;
      break;
    }
    case "ProposalQueued": {
      const proposal = proposalOf(e.args.proposalId);
      if (proposal.queued || proposal.executed || proposal.canceled)
        throw impossible(e, `proposal ${proposal.id} queued again`);
      proposal.queued = { ...place(e), eta: e.args.etaSeconds };
      break;
    }
    case "ProposalExecuted": {
      const proposal = proposalOf(e.args.proposalId);
      if (proposal.executed || proposal.canceled) throw impossible(e, `proposal ${proposal.id} executed again`);
      proposal.executed = place(e);
      break;
    }
    case "ProposalCanceled": {
      const proposal = proposalOf(e.args.proposalId);
      if (proposal.executed || proposal.canceled)
        throw impossible(e, `proposal ${proposal.id} canceled after it ended`);
      proposal.canceled = place(e);
      break;
    }
    case "SupermajoritySet":
      governance.supermajority = { numerator: e.args.numerator, denominator: e.args.denominator };
      break;
    case "ConstituencySharesSet":
      governance.constituencyShares = [...e.args.sharesBps];
      break;
    case "QuorumNumeratorUpdated":
      governance.quorumHistory.push({ ...place(e), numerator: e.args.newQuorumNumerator });
      break;
    case "BylawFunctionSet": {
      const bylaw = `${lower(e.args.target)}:${lower(e.args.selector)}`;
      if (e.args.isBylaw) governance.bylawFunctions.add(bylaw);
      else governance.bylawFunctions.delete(bylaw);
      break;
    }
  }
}

/** Folds one timelock event: the operations it scheduled, executed or cancelled. */
export function foldTimelock({ state }: FoldContext, e: DecodedEvent<"timelock">): void {
  const { operations } = state.governance;
  const operationOf = (id: string) => {
    const operation = operations.get(id);
    if (!operation) throw impossible(e, `operation ${id} was never scheduled`);
    return operation;
  };
  switch (e.name) {
    case "CallScheduled": {
      const { id, index, target, value, data, delay } = e.args;
      const operation = getOrMake(operations, id, () => ({
        id,
        calls: [],
        delay,
        scheduled: place(e),
        executed: null,
        canceled: null,
      }));
      operation.calls.push({ index, target, value, data });
      break;
    }
    case "CallExecuted":
      operationOf(e.args.id).executed = place(e);
      break;
    case "Cancelled":
      operationOf(e.args.id).canceled = place(e);
      break;
  }
}
