/**
 * What a local chain's clock can be skipped ahead to (the Skip ahead bar, SkipAhead.tsx): the end of the voting delay,
 * of the vote or of the timelock's delay, for the proposals waiting on each, and the end of a closed period's review
 * window, before which its work can't be paid (the treasury funds final periods only). The governor's clock is ERC-6372
 * timestamps (Membership's CLOCK_MODE "mode=timestamp"), so a skip moves the chain's time, not its block number.
 * Pure.
 */
import type { PeriodState, Proposal } from "@disco-ledger/sdk/history";

export const SKIP_STAGES = ["delay", "vote", "timelock", "review"] as const;
export type SkipStage = (typeof SKIP_STAGES)[number];

export interface SkipTarget {
  stage: SkipStage;
  /** The chain time (seconds) from which everything waiting on the stage is past it. */
  to: bigint;
  proposals: Proposal[];
  /** The closed periods whose review window is not over ("review"). */
  periods: number[];
  /**
   * Proposals waiting on another stage that the same jump takes past it too: a vote it ends (lost without its quorum),
   * a vote it opens, a timelock's wait it ends. The bar names them, so that nobody ends a vote unawares.
   */
  alsoPasses: Proposal[];
}

/**
 * The stage a proposal waits on at chain time `now`, and the first moment past it: voting opens once the clock is past
 * the snapshot (the governor's Pending lasts while snapshot >= now), closes once past the deadline, and a queued
 * proposal can be executed from its eta on. Null when time is not what it waits for.
 */
export function waitingOn(proposal: Proposal, now: bigint): { stage: SkipStage; to: bigint } | null {
  if (proposal.canceled !== null || proposal.executed !== null) return null;
  if (proposal.queued !== null)
    return now < proposal.queued.eta ? { stage: "timelock", to: proposal.queued.eta } : null;
  if (now <= proposal.voteStart) return { stage: "delay", to: proposal.voteStart + 1n };
  if (now <= proposal.voteEnd) return { stage: "vote", to: proposal.voteEnd + 1n };
  return null;
}

/**
 * For each stage some proposal or period waits on, the moment that takes all of them past it, in the stages' order.
 * A period is final once the clock reaches its finalAt (ValueLedger's _isFinal).
 */
export function skipTargets(
  books: { proposals: Iterable<Proposal>; periods: Iterable<PeriodState> },
  now: bigint,
): SkipTarget[] {
  const targets = new Map<SkipStage, SkipTarget>();
  const wait = (stage: SkipStage, to: bigint) => {
    const target = targets.get(stage) ?? { stage, to, proposals: [], periods: [], alsoPasses: [] };
    if (to > target.to) target.to = to;
    targets.set(stage, target);
    return target;
  };
  const waiting: Array<{ proposal: Proposal; stage: SkipStage; to: bigint }> = [];
  for (const proposal of books.proposals) {
    const on = waitingOn(proposal, now);
    if (on === null) continue;
    waiting.push({ proposal, ...on });
    wait(on.stage, on.to).proposals.push(proposal);
  }
  for (const { period, finalAt } of books.periods) {
    if (finalAt !== null && now < finalAt) wait("review", finalAt).periods.push(period);
  }
  for (const target of targets.values()) {
    target.alsoPasses = waiting.filter((w) => w.stage !== target.stage && w.to <= target.to).map((w) => w.proposal);
  }
  return SKIP_STAGES.flatMap((stage) => targets.get(stage) ?? []);
}

/** A proposal as the bar lists it: its description's first line, cut to `max` characters. */
export function proposalTitle(proposal: Pick<Proposal, "description">, max = 60): string {
  const line = proposal.description.split("\n")[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
