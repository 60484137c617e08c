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
    for (const [j, header] of headers.entries()) times.set(round[j], header.timestamp);
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

/** Folds one membership event into `records` (lowercase account to record), as Membership's checkpoints do. */
export function applyMemberEvent(records: Map<string, RecordAt>, event: MemberEvent, timeline: Timeline): void {
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

/** The committed members at a timepoint, as getPastTotalSupply and getPastConstituencyVotes count them. */
export interface CommittedAt {
  total: number;
  byConstituency: ReadonlyMap<number, number>;
}

/**
 * The committed members at each of `timepoints`, in their order: the membership events are replayed once, in chain
 * order, taking the timepoints from the earliest; the events at or before a timepoint are a prefix of the chain,
 * since timepoints never go back along it (block numbers, and block timestamps, which each block must raise).
 */
export function committedAt(state: HistoryState, timeline: Timeline, timepoints: readonly bigint[]): CommittedAt[] {
  if (timepoints.length === 0) return [];
  const events = state.memberEvents;
  const points = events.map((event) => timepointOf(timeline, event.block));
  const records = new Map<string, RecordAt>();
  const byConstituency = new Map<number, number>();
  let total = 0;
  const count = (record: RecordAt | undefined, delta: number) => {
    if (record?.stage !== "Committed") return;
    total += delta;
    byConstituency.set(record.constituency, (byConstituency.get(record.constituency) ?? 0) + delta);
  };
  const order = timepoints
    .map((_, i) => i)
    .sort((a, b) => (timepoints[a] < timepoints[b] ? -1 : timepoints[a] > timepoints[b] ? 1 : 0));
  const result: CommittedAt[] = [];
  let next = 0;
  for (const i of order) {
    for (; next < events.length && points[next] <= timepoints[i]; next++) {
      const key = events[next].account.toLowerCase();
      count(records.get(key), -1);
      applyMemberEvent(records, events[next], timeline);
      count(records.get(key), 1);
    }
    result[i] = { total, byConstituency: new Map(byConstituency) };
  }
  return result;
}

/** One account's membership events in chain order, and its record after each: `records[i]` after the first i. */
export interface AccountHistory {
  events: MemberEvent[];
  records: Array<RecordAt | undefined>;
}

/** Each account's membership history (lowercase key): one voter's status looks only at its own. */
export function historiesByAccount(state: HistoryState, timeline: Timeline): Map<string, AccountHistory> {
  const index = new Map<string, AccountHistory>();
  for (const event of state.memberEvents) {
    const key = event.account.toLowerCase();
    const own = index.get(key) ?? { events: [], records: [undefined] };
    index.set(key, own);
    const records = new Map<string, RecordAt>();
    const last = own.records.at(-1);
    if (last) records.set(key, { ...last });
    applyMemberEvent(records, event, timeline);
    own.events.push(event);
    own.records.push(records.get(key));
  }
  return index;
}

/**
 * What Membership.voterStatus answered for an account when it voted at `place` on a proposal with `snapshot`: the
 * stage and constituency at the snapshot, or None for someone who is no longer a member, or rejoined after it.
 * `own` is the account's history (historiesByAccount).
 */
export function voterStatus(
  own: AccountHistory | undefined,
  timeline: Timeline,
  snapshot: bigint,
  place: Place,
): { stage: StageLabel; constituency: number } {
  if (!own) return { stage: "None", constituency: 0 };
  const current = own.records[countBefore(own.events, place)];
  const then = own.records[countAt(own.events, timeline, snapshot)];
  if (!current || current.joinedAt > snapshot || !then) return { stage: "None", constituency: 0 };
  return { stage: then.stage, constituency: then.constituency };
}

/**
 * How many of `history` (in chain order) come before `place`, found by halving: the length of the prefix that
 * `before` lets through.
 */
export function countBefore(
  history: readonly { block: number; logIndex?: number }[],
  place: { block: number; logIndex?: number },
): number {
  let [low, high] = [0, history.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(history[mid], place)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * How many of `history` (in chain order) come at or before `timepoint`, found by halving: timepoints never go back
 * along the chain (block numbers, and block timestamps, which each block must raise).
 */
export function countAt(history: readonly { block: number }[], timeline: Timeline, timepoint: bigint): number {
  return countUpTo(history, (item) => timepointOf(timeline, item.block), timepoint);
}

/** How many of `history` come at or before `timepoint` by `timeOf`, which must never go back along it (by halving). */
export function countUpTo<T>(history: readonly T[], timeOf: (item: T) => bigint, timepoint: bigint): number {
  let [low, high] = [0, history.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (timeOf(history[mid]) <= timepoint) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The value of the last of `history` (in chain order) at or before `timepoint`, or undefined. */
export function valueAt<T extends Place>(history: readonly T[], timeline: Timeline, timepoint: bigint): T | undefined {
  const count = countAt(history, timeline, timepoint);
  return count === 0 ? undefined : history[count - 1];
}
