/**
 * The governor's clock over the folded history: when each block happened (ERC-6372 timestamps, or block numbers),
 * and who the members were at any timepoint, replayed from the membership events as the Membership contract's
 * checkpoints record them. Browser-safe.
 */
import type { PublicClient } from "viem";
import type { HistoryState, Place } from "../history/index.ts";
import { STAGES, type MemberEvent, type StageLabel } from "../members.ts";

/** The governor's ERC-6372 clock: timepoints are block timestamps or block numbers. */
export type ClockMode = "timestamp" | "blocknumber";

/** What the folded history needs to place its blocks on the governor's clock. */
export interface Timeline {
  mode: ClockMode;
  /** Block number to its timestamp (seconds): every block the audit asks a time of (see blocksToTime). */
  times: ReadonlyMap<number, bigint>;
}

/** CLOCK_MODE() as the governor answers it, in the ERC-6372 format ("mode=timestamp"). */
export function parseClockMode(answer: string): ClockMode {
  const mode = new URLSearchParams(answer).get("mode");
  if (mode === "timestamp" || mode === "blocknumber") return mode;
  throw new Error(`Unknown ERC-6372 clock mode "${answer}"`);
}

/** A block's timepoint on the governor's clock. Throws when a timestamp clock was not given the block's time. */
export function timepointOf(timeline: Timeline, block: number): bigint {
  if (timeline.mode === "blocknumber") return BigInt(block);
  const time = timeline.times.get(block);
  if (time === undefined) throw new Error(`No timestamp for block ${block}: load it with loadBlockTimes first`);
  return time;
}

/** A block's time as an ISO date, when it is known. */
export function isoDateOf(timeline: Timeline, block: number): string {
  const time = timeline.times.get(block);
  return time === undefined ? "" : isoDate(time);
}

/** Seconds since 1970 as an ISO date; 0 (a contract's "not yet") as an empty string. */
export const isoDate = (seconds: bigint): string =>
  seconds === 0n ? "" : new Date(Number(seconds) * 1000).toISOString();

/** Whether the first place comes before the second in the chain. */
export const before = (a: { block: number; logIndex?: number }, b: { block: number; logIndex?: number }) =>
  a.block < b.block || (a.block === b.block && (a.logIndex ?? 0) < (b.logIndex ?? 0));

/**
 * The blocks whose times the audit reads: those of membership events and quorum changes (which the governance
 * checks place on a timestamp clock) and, with `dates`, every block of an event that the exports date.
 */
export function blocksToTime(state: HistoryState, dates: boolean): number[] {
  const blocks = new Set<number>();
  const add = (place: { block: number } | null) => place && blocks.add(place.block);
  state.memberEvents.forEach(add);
  state.governance.quorumHistory.forEach(add);
  if (dates) {
    for (const entry of state.ledger.entries.values()) add(entry.logged);
    for (const proposal of state.governance.proposals.values()) {
      [proposal.created, proposal.queued, proposal.executed, proposal.canceled].forEach(add);
    }
    state.governance.votes.forEach(add);
    state.movements.forEach(add);
    state.capital.allocations.forEach(add);
    state.capital.redemptionsPaid.forEach(add);
    for (const attestations of state.audit.attestations.values()) attestations.forEach(add);
  }
  return [...blocks].sort((a, b) => a - b);
}

/**
 * Fills `times` with the timestamps of `blocks` it lacks, `concurrency` requests at a time (a client with JSON-RPC
 * batching sends each round as one HTTP call). Returns `times`.
 */
export async function loadBlockTimes(
  client: Pick<PublicClient, "getBlock">,
  blocks: readonly number[],
  times: Map<number, bigint> = new Map(),
  concurrency = 50,
): Promise<Map<number, bigint>> {
  const missing = blocks.filter((block) => !times.has(block));
  for (let i = 0; i < missing.length; i += concurrency) {
    const round = missing.slice(i, i + concurrency);
    const headers = await Promise.all(round.map((block) => client.getBlock({ blockNumber: BigInt(block) })));
    headers.forEach((header, j) => times.set(round[j], header.timestamp));
  }
  return times;
}

/** A member's record at a timepoint, as Membership's checkpoints keep it. */
export interface RecordAt {
  account: string;
  stage: StageLabel;
  constituency: number;
  /** The timepoint of the admission this record belongs to (MemberRecord.joinedAt). */
  joinedAt: bigint;
}

/** Each account's record after the events that `include` lets through, in chain order; non-members absent. */
function replay(
  events: readonly MemberEvent[],
  timeline: Timeline,
  include: (event: MemberEvent) => boolean,
): Map<string, RecordAt> {
  const records = new Map<string, RecordAt>();
  for (const event of events) {
    if (!include(event)) continue;
    const key = event.account.toLowerCase();
    const record = records.get(key);
    switch (event.kind) {
      case "MemberAdmitted":
        records.set(key, {
          account: key,
          stage: STAGES[event.stage],
          constituency: event.constituency,
          joinedAt: timepointOf(timeline, event.block),
        });
        break;
      case "MemberStageChanged":
        if (record) record.stage = STAGES[event.stage];
        break;
      case "MemberConstituencyChanged":
        if (record) record.constituency = event.constituency;
        break;
      default:
        records.delete(key);
    }
  }
  return records;
}

/** Every member's record at `timepoint` (getPastVotes, getPastTotalSupply and friends look these up). */
export function membersAt(state: HistoryState, timeline: Timeline, timepoint: bigint): Map<string, RecordAt> {
  return replay(state.memberEvents, timeline, (e) => timepointOf(timeline, e.block) <= timepoint);
}

/** Each account's own membership events (lowercase key), in chain order: one voter's status replays only these. */
export function eventsByAccount(state: HistoryState): Map<string, MemberEvent[]> {
  const index = new Map<string, MemberEvent[]>();
  for (const event of state.memberEvents) {
    const key = event.account.toLowerCase();
    const list = index.get(key);
    if (list) list.push(event);
    else index.set(key, [event]);
  }
  return index;
}

/**
 * What Membership.voterStatus answered for `account` when it voted at `place` on a proposal with `snapshot`: the
 * stage and constituency at the snapshot, or None for someone who is no longer a member, or rejoined after it.
 * `own` is the account's events (eventsByAccount).
 */
export function voterStatus(
  own: readonly MemberEvent[],
  timeline: Timeline,
  snapshot: bigint,
  place: Place,
): { stage: StageLabel; constituency: number } {
  const current = replay(own, timeline, (e) => before(e, place))
    .values()
    .next().value;
  const then = replay(own, timeline, (e) => timepointOf(timeline, e.block) <= snapshot)
    .values()
    .next().value;
  if (!current || current.joinedAt > snapshot || !then) return { stage: "None", constituency: 0 };
  return { stage: then.stage, constituency: then.constituency };
}

/** The value of the last of `history` (in chain order) at or before `timepoint`, or undefined. */
export function valueAt<T extends Place>(history: readonly T[], timeline: Timeline, timepoint: bigint): T | undefined {
  let found: T | undefined;
  for (const item of history) {
    if (timepointOf(timeline, item.block) > timepoint) break;
    found = item;
  }
  return found;
}
