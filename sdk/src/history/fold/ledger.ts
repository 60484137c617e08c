/** The value ledger's events: periods, logged work and its review, each member's and period's totals, settings. */
import type { ENTRY_STATUSES } from "../../ledger.ts";
import type { DecodedEvent } from "../decode.ts";
import { getOrMake, impossible, lower, nested, place, type FoldContext, type Place } from "./context.ts";

/** Three amounts, one per stream: Livelihood, Love, Care. */
export type PerStream = [bigint, bigint, bigint];

/** Historical and payable amounts per stream, as the ledger's Totals. */
export interface Totals {
  historical: PerStream;
  payable: PerStream;
}

export type EntryStatusLabel = (typeof ENTRY_STATUSES)[number];

/** One logged piece of work and its review. */
export interface LedgerEntry {
  id: bigint;
  author: string;
  period: number;
  stream: number;
  amount: bigint;
  weightBps: number;
  /** The payable amount (amount x weight), as EntryLogged implies and EntryCounted confirms. */
  payable: bigint;
  /** A hash of the note, or of evidence kept off-chain. */
  evidence: string;
  /** The author's public words about the work, with a link if any; empty for entries logged without one. */
  note: string;
  status: EntryStatusLabel;
  /** Approvals the entry needs: the ledger's setting when it was logged. */
  approvalsRequired: number;
  settled: boolean;
  logged: Place;
  approvals: Array<Place & { approver: string; approvals: number }>;
  disputes: Array<Place & { disputer: string; reason: string }>;
  resolutions: Array<Place & { accepted: boolean }>;
  withdrawn: Place | null;
  /** Accepted after its period became final, the entry counts in the period open then (EntryMoved). */
  moved: (Place & { fromPeriod: number; toPeriod: number }) | null;
}

/** One period of the ledger. */
export interface PeriodState {
  period: number;
  openedAt: bigint;
  closedAt: bigint | null;
  /** When its review window ends and its totals become final (closedAt + the review window); null while open. */
  finalAt: bigint | null;
  closedBy: string | null;
  openDisputes: number;
  totals: Totals;
}

export interface LedgerState {
  entries: Map<bigint, LedgerEntry>;
  periods: Map<number, PeriodState>;
  currentPeriod: number;
  /** Member (lowercase) to period to totals. */
  memberPeriodTotals: Map<string, Map<number, Totals>>;
  /** Member (lowercase) to lifetime totals. */
  lifetimeTotals: Map<string, Totals>;
  /** `${stage}/${stream}` to the payable weight in basis points. */
  weights: Map<string, number>;
  caps: PerStream;
  approvalsRequired: number;
  minimumContribution: { credits: bigint; periods: number };
  /** The review window in force (seconds) for periods closed from now on; null before the ledger set one. */
  reviewWindow: bigint | null;
}

const BPS = 10_000n;

const zeroTotals = (): Totals => ({ historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] });

function addTotals(totals: Totals, stream: number, amount: bigint, payable: bigint, sign: 1n | -1n) {
  totals.historical[stream] += sign * amount;
  totals.payable[stream] += sign * payable;
}

export const emptyLedger = (): LedgerState => ({
  entries: new Map(),
  periods: new Map(),
  currentPeriod: 0,
  memberPeriodTotals: new Map(),
  lifetimeTotals: new Map(),
  weights: new Map(),
  caps: [0n, 0n, 0n],
  approvalsRequired: 0,
  minimumContribution: { credits: 0n, periods: 0 },
  reviewWindow: null,
});

/** A period the ledger opened: what the treasury funds, the capital's years span and the auditors attest. */
export function periodOf({ state }: FoldContext, e: DecodedEvent, period: number): PeriodState {
  const found = state.ledger.periods.get(period);
  if (!found) throw impossible(e, `period ${period} was never opened`);
  return found;
}

/** An entry of any period: disputes of counted work and their resolutions outlive the period's closing. */
function anyEntryOf(ledger: LedgerState, e: DecodedEvent<"ledger">, entryId: bigint): LedgerEntry {
  const entry = ledger.entries.get(entryId);
  if (!entry) throw impossible(e, `entry ${entryId} was never logged`);
  return entry;
}

/** An entry of the open period: only there is work approved or withdrawn. */
function entryOf(ledger: LedgerState, e: DecodedEvent<"ledger">, entryId: bigint): LedgerEntry {
  const entry = anyEntryOf(ledger, e, entryId);
  if (entry.period !== ledger.currentPeriod) {
    throw impossible(
      e,
      `entry ${entry.id} of period ${entry.period} changed while period ${ledger.currentPeriod} is open`,
    );
  }
  return entry;
}

function requireStatus(e: DecodedEvent<"ledger">, entry: LedgerEntry, ...statuses: EntryStatusLabel[]): void {
  if (!statuses.includes(entry.status)) throw impossible(e, `entry ${entry.id} is ${entry.status}`);
}

/** EntryCounted and EntryUncounted move the same amounts in the member's, the period's and the lifetime totals. */
function count(
  context: FoldContext,
  e: DecodedEvent<"ledger">,
  args: { entryId: bigint; author: string; period: number; stream: number; amount: bigint; payableAmount: bigint },
  sign: 1n | -1n,
): LedgerEntry {
  const { ledger } = context.state;
  const entry = anyEntryOf(ledger, e, args.entryId);
  const { stream, amount, payableAmount: payable } = args;
  if (lower(args.author) !== lower(entry.author) || args.period !== entry.period) {
    throw impossible(e, `entry ${entry.id}'s author or period differs from when it was logged`);
  }
  if (stream !== entry.stream || amount !== entry.amount || payable !== entry.payable) {
    throw impossible(e, `entry ${entry.id}'s stream or amounts differ from when it was logged`);
  }
  const author = lower(entry.author);
  addTotals(nested(ledger.memberPeriodTotals, author, entry.period, zeroTotals), stream, amount, payable, sign);
  addTotals(periodOf(context, e, entry.period).totals, stream, amount, payable, sign);
  addTotals(getOrMake(ledger.lifetimeTotals, author, zeroTotals), stream, amount, payable, sign);
  return entry;
}

/** Folds one ledger event. Its helpers are module functions, not closures made per event: a busy ledger has
 * hundreds of thousands of events, and the fold's cost should be theirs alone. */
export function foldLedger(context: FoldContext, e: DecodedEvent<"ledger">): void {
  const { ledger } = context.state;

  switch (e.name) {
    case "PeriodOpened": {
      const { period } = e.args;
      if (period !== ledger.currentPeriod + 1) throw impossible(e, `period ${period} after ${ledger.currentPeriod}`);
      const previous = ledger.periods.get(ledger.currentPeriod);
      if (previous && previous.closedAt === null) throw impossible(e, `period ${previous.period} is still open`);
      ledger.periods.set(period, {
        period,
        openedAt: BigInt(e.args.openedAt),
        closedAt: null,
        finalAt: null,
        closedBy: null,
        openDisputes: 0,
        totals: zeroTotals(),
      });
      ledger.currentPeriod = period;
      context.firstOpenEntry = BigInt(ledger.entries.size + 1);
      break;
    }
    case "PeriodClosed": {
      const { period } = e.args;
      if (period !== ledger.currentPeriod)
        throw impossible(e, `period ${period} closed while ${ledger.currentPeriod} is open`);
      const state = periodOf(context, e, period);
      if (state.closedAt !== null) throw impossible(e, `period ${period} closed twice`);
      const [closedAt, finalAt] = [BigInt(e.args.closedAt), BigInt(e.args.finalAt)];
      if (finalAt < closedAt) throw impossible(e, `period ${period} final at ${finalAt}, before it closed`);
      state.closedAt = closedAt;
      state.finalAt = finalAt;
      state.closedBy = e.args.treasurer;
      // Its entries still pending lapse: IValueLedger.entry reports them Lapsed (never stored, never counted).
      for (let id = context.firstOpenEntry; id <= BigInt(ledger.entries.size); id++) {
        const entry = ledger.entries.get(id);
        if (entry?.status === "Pending") entry.status = "Lapsed";
      }
      break;
    }
    case "EntryLogged": {
      const { entryId: id, author, period, stream, amount, weightBps, evidence, note } = e.args;
      if (id !== BigInt(ledger.entries.size + 1)) throw impossible(e, `entry ${id} after ${ledger.entries.size}`);
      if (period !== ledger.currentPeriod) throw impossible(e, `work logged in period ${period}, not the open one`);
      ledger.entries.set(id, {
        id,
        author,
        period,
        stream,
        amount,
        weightBps,
        payable: (amount * BigInt(weightBps)) / BPS,
        evidence,
        note,
        status: "Pending",
        approvalsRequired: ledger.approvalsRequired,
        settled: false,
        logged: place(e),
        approvals: [],
        disputes: [],
        resolutions: [],
        withdrawn: null,
        moved: null,
      });
      break;
    }
    case "EntryApproved": {
      const entry = entryOf(ledger, e, e.args.entryId);
      requireStatus(e, entry, "Pending");
      const { approver, approvals } = e.args;
      if (entry.approvals.some((a) => lower(a.approver) === lower(approver))) {
        throw impossible(e, `${approver} approved entry ${entry.id} twice`);
      }
      if (approvals !== entry.approvals.length + 1) throw impossible(e, `approval ${approvals} of entry ${entry.id}`);
      entry.approvals.push({ ...place(e), approver, approvals });
      break;
    }
    case "EntryCounted": {
      const entry = count(context, e, e.args, 1n);
      const accepted = entry.status === "Disputed" && entry.resolutions.at(-1)?.accepted === true;
      if (!accepted) {
        requireStatus(e, entry, "Pending");
        if (entry.period !== ledger.currentPeriod)
          throw impossible(e, `entry ${entry.id} of closed period ${entry.period} counted by approval`);
        if (entry.approvals.length < entry.approvalsRequired) {
          throw impossible(e, `entry ${entry.id} counted with ${entry.approvals.length} approvals`);
        }
      }
      entry.status = "Counted";
      break;
    }
    case "EntryUncounted": {
      const entry = count(context, e, e.args, -1n);
      requireStatus(e, entry, "Counted");
      // EntryDisputed follows in the same transaction.
      entry.status = "Disputed";
      break;
    }
    case "EntryDisputed": {
      const entry = anyEntryOf(ledger, e, e.args.entryId);
      if (entry.settled) throw impossible(e, `entry ${entry.id} was settled`);
      // A counted entry is uncounted first, which leaves it Disputed here; in a closed period only counted work
      // can be disputed (its pending work lapsed).
      const uncounted = entry.status === "Disputed" && entry.disputes.length === entry.resolutions.length;
      if (!uncounted) requireStatus(e, entry, "Pending");
      if (!uncounted && entry.period !== ledger.currentPeriod)
        throw impossible(e, `entry ${entry.id} of closed period ${entry.period} disputed while not counted`);
      entry.status = "Disputed";
      entry.disputes.push({ ...place(e), disputer: e.args.disputer, reason: e.args.reason });
      periodOf(context, e, entry.period).openDisputes++;
      break;
    }
    case "DisputeResolved": {
      const entry = anyEntryOf(ledger, e, e.args.entryId);
      requireStatus(e, entry, "Disputed");
      if (entry.disputes.length !== entry.resolutions.length + 1)
        throw impossible(e, `entry ${entry.id} has no open dispute`);
      const { accepted } = e.args;
      entry.resolutions.push({ ...place(e), accepted });
      periodOf(context, e, entry.period).openDisputes--;
      if (accepted) entry.settled = true;
      else entry.status = "Rejected";
      break;
    }
    case "EntryMoved": {
      const entry = anyEntryOf(ledger, e, e.args.entryId);
      const { fromPeriod, toPeriod } = e.args;
      const accepted = entry.status === "Disputed" && entry.resolutions.at(-1)?.accepted === true;
      if (!accepted || entry.moved) throw impossible(e, `entry ${entry.id} moved without an accepted dispute`);
      if (fromPeriod !== entry.period || toPeriod !== ledger.currentPeriod || fromPeriod === toPeriod) {
        throw impossible(e, `entry ${entry.id} of period ${entry.period} moved from ${fromPeriod} to ${toPeriod}`);
      }
      if (periodOf(context, e, fromPeriod).finalAt === null) throw impossible(e, `period ${fromPeriod} is not closed`);
      entry.period = toPeriod;
      entry.moved = { ...place(e), fromPeriod, toPeriod };
      break;
    }
    case "EntryWithdrawn": {
      const entry = entryOf(ledger, e, e.args.entryId);
      requireStatus(e, entry, "Pending");
      entry.status = "Withdrawn";
      entry.withdrawn = place(e);
      break;
    }
    case "WeightSet":
      ledger.weights.set(`${e.args.stage}/${e.args.stream}`, e.args.weightBps);
      break;
    case "CapSet":
      ledger.caps[e.args.stream] = e.args.cap;
      break;
    case "ApprovalsRequiredSet":
      ledger.approvalsRequired = e.args.approvalsRequired;
      break;
    case "MinimumContributionSet":
      ledger.minimumContribution = { credits: e.args.credits, periods: e.args.periods };
      break;
    case "ReviewWindowSet":
      ledger.reviewWindow = BigInt(e.args.window);
      break;
  }
}
