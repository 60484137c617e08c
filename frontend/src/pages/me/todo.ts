/**
 * "What do I need to do?": for the person connected, what waits on them, from the books and the governor's answers.
 * Pure: the home page reads the chain (ToDo.tsx) and this decides.
 */
import type { HistoryState, LedgerEntry, Proposal } from "@disco-ledger/sdk/history";
import type { StageLabel } from "@disco-ledger/sdk/members";
import type { StateLabel } from "../decisions/lifecycle.ts";
import { reviewBlock, reviewQueue } from "../work/entries.ts";

/** A proposal not executed or canceled, with what the governor says of it and of my vote. */
export interface OpenProposal {
  proposal: Proposal;
  state: StateLabel | undefined;
  /** Whether I voted (read while its vote runs). */
  hasVoted: boolean | undefined;
  /** My stage at its snapshot (Membership.voterStatus), while its vote runs. */
  stageAtSnapshot: StageLabel | undefined;
}

export interface ToDo {
  /** Others' entries of the open period that I may approve. */
  review: LedgerEntry[];
  /** Running votes where I have a vote I have not cast. */
  vote: Proposal[];
  /** What the treasury holds for me to claim (base units of the currency). */
  claim: bigint;
  /** Proposals passed and waiting to be queued in the timelock: anyone may queue them. */
  queue: Proposal[];
  /** Queued proposals whose delay is over: anyone may carry them out. */
  execute: Proposal[];
  /** My entries under dispute, waiting for the members' decision. */
  disputed: LedgerEntry[];
}

const isVoter = (stage: StageLabel | undefined) => stage === "Committed" || Boolean(stage?.startsWith("Dating"));

export function toDoOf(input: {
  state: HistoryState;
  me: string;
  proposals: readonly OpenProposal[];
  claimable: bigint;
  /** The chain's time (seconds), once known. */
  now: bigint | undefined;
}): ToDo {
  const { state, me, proposals, now } = input;
  const key = me.toLowerCase();
  const stage = state.members.current.get(key)?.stage;
  const { ledger } = state;
  return {
    review: reviewQueue(ledger, me).filter((e) => reviewBlock(e, ledger.currentPeriod, me, stage) === null),
    vote: proposals
      .filter((p) => p.state === "Active" && p.hasVoted === false && isVoter(p.stageAtSnapshot))
      .map((p) => p.proposal),
    claim: input.claimable,
    queue: proposals.filter((p) => p.state === "Succeeded").map((p) => p.proposal),
    execute: proposals
      .filter((p) => p.state === "Queued" && now !== undefined && p.proposal.queued && p.proposal.queued.eta <= now)
      .map((p) => p.proposal),
    disputed: [...ledger.entries.values()].filter((e) => e.status === "Disputed" && e.author.toLowerCase() === key),
  };
}

/** Whether nothing waits on me. */
export const nothingToDo = (todo: ToDo): boolean =>
  todo.review.length + todo.vote.length + todo.queue.length + todo.execute.length + todo.disputed.length === 0 &&
  todo.claim === 0n;
