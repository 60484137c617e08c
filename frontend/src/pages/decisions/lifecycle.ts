/**
 * Where a proposal stands in time and what can be done with it, from the governor's state and the chain's clock
 * (ERC-6372 timestamps: the local chain's clock is moved, so the laptop's clock would lie). Pure.
 */
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import type { StageLabel } from "@disco-ledger/sdk/members";

export type StateLabel = (typeof PROPOSAL_STATES)[number];

/** The governor's state number as its label; undefined while unknown. */
export const stateLabel = (state: number | undefined): StateLabel | undefined =>
  state === undefined ? undefined : PROPOSAL_STATES[state];

/** Still needs someone: to vote, queue or execute. */
export const OPEN_STATES: readonly StateLabel[] = ["Pending", "Active", "Succeeded", "Queued"];
export const isOpen = (state: StateLabel | undefined): boolean => state !== undefined && OPEN_STATES.includes(state);

export type Countdown =
  | { kind: "opens"; at: bigint; seconds: number }
  | { kind: "closes"; at: bigint; seconds: number }
  | { kind: "executable"; at: bigint; seconds: number }
  | { kind: "ready"; at: bigint; seconds: number }
  | null;

/**
 * The next moment that matters. Voting opens after the snapshot (the governor's Pending lasts while
 * snapshot >= now) and stays open through the deadline; a queued proposal can be executed from its eta on.
 */
export function countdown(
  state: StateLabel | undefined,
  times: { voteStart: bigint; voteEnd: bigint; eta: bigint | null },
  now: bigint,
): Countdown {
  const until = (at: bigint) => Math.max(0, Number(at - now));
  if (state === "Pending") return { kind: "opens", at: times.voteStart + 1n, seconds: until(times.voteStart + 1n) };
  if (state === "Active") return { kind: "closes", at: times.voteEnd, seconds: until(times.voteEnd) };
  if (state === "Queued" && times.eta !== null) {
    return now >= times.eta
      ? { kind: "ready", at: times.eta, seconds: 0 }
      : { kind: "executable", at: times.eta, seconds: until(times.eta) };
  }
  return null;
}

export type LifecycleBlock = "notConnected" | "notSucceeded" | "notQueued" | "tooEarly" | null;

/** Why Queue can't be pressed now, or null when it can. */
export function queueBlocker(state: StateLabel | undefined, connected: boolean): LifecycleBlock {
  if (state !== "Succeeded") return "notSucceeded";
  if (!connected) return "notConnected";
  return null;
}

/** Why Execute can't be pressed now, or null when it can (the timelock's eta has passed on the chain's clock). */
export function executeBlocker(
  state: StateLabel | undefined,
  eta: bigint | null,
  now: bigint,
  connected: boolean,
): LifecycleBlock {
  if (state !== "Queued") return "notQueued";
  if (eta === null || now < eta) return "tooEarly";
  if (!connected) return "notConnected";
  return null;
}

/** The binding votes the governor counts toward quorum, and how far they are from it. */
export interface QuorumProgress {
  /** Binding For + Against + Abstain + Block: every binding vote, whatever it says (_quorumReached). */
  counted: number;
  quorum: number;
  reached: boolean;
  /** 0 to 1, for a progress bar. */
  fraction: number;
}

export function quorumProgress(
  tally: { forVotes: number; againstVotes: number; abstainVotes: number; blockVotes: number },
  quorum: bigint | number,
): QuorumProgress {
  const counted = tally.forVotes + tally.againstVotes + tally.abstainVotes + tally.blockVotes;
  const needed = Number(quorum);
  return {
    counted,
    quorum: needed,
    reached: counted >= needed,
    fraction: needed === 0 ? 1 : Math.min(1, counted / needed),
  };
}

export type VoteBlock =
  "notConnected" | "notActive" | "loading" | "alreadyVoted" | "noVote" | "blockNeedsReason" | "blockNotConsent";

/**
 * Whether the connected account may vote now, and how the vote will count: binding for a member Committed at the
 * snapshot, advisory for a Dating one; anyone else's vote the governor refuses.
 */
export function voteStanding(input: {
  connected: boolean;
  state: StateLabel | undefined;
  stageAtSnapshot: StageLabel | undefined;
  hasVoted: boolean | undefined;
}): { ok: true; binding: boolean } | { ok: false; why: VoteBlock } {
  if (!input.connected) return { ok: false, why: "notConnected" };
  if (input.state !== "Active") return { ok: false, why: "notActive" };
  if (input.hasVoted === undefined || input.stageAtSnapshot === undefined) return { ok: false, why: "loading" };
  if (input.hasVoted) return { ok: false, why: "alreadyVoted" };
  if (input.stageAtSnapshot === "Committed") return { ok: true, binding: true };
  if (input.stageAtSnapshot.startsWith("Dating")) return { ok: true, binding: false };
  return { ok: false, why: "noVote" };
}

/** What a particular support needs beyond standing: a Block only on consent proposals, and only with a reason. */
export function supportBlocker(support: number, kind: string | null, reason: string): VoteBlock | null {
  if (support !== 3) return null;
  if (kind !== "Consent") return "blockNotConsent";
  if (reason.trim() === "") return "blockNeedsReason";
  return null;
}
