/**
 * The bylaw checks of the auditor's report, as pure functions of the folded history (and of the governor's clock,
 * which the events don't carry): the wage ratio of each paid period against the cap the members set, every
 * proposal's state, quorum and threshold at its snapshot, and where every token that left the treasury went.
 * Browser-safe.
 */
import type { PROPOSAL_STATES } from "../governance.ts";
import type { HistoryState, MoneyMovement, Place, Proposal, TimelockOperation, Totals } from "../history/index.ts";
import type { StageLabel } from "../members.ts";
import { Stream } from "../ledger.ts";
import {
  before,
  committedAt,
  countBefore,
  historiesByAccount,
  valueAt,
  voterStatus,
  type AccountHistory,
  type CommittedAt,
  type Timeline,
} from "./timeline.ts";

const BPS = 10_000n;
/** DisCOGovernor._SHARE_SCALE: a constituency's share in basis points times this, so the whole DisCO weighs 1e18. */
const SHARE_SCALE = 10n ** 14n;
/** Ledger amounts have two decimals: 100 is one hour. */
const HUNDRED = 100n;

/** A non-negative fraction, kept exact. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

/** a/b compared with c/d, by cross-multiplying (denominators are positive): -1, 0 or 1. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A fraction with two decimals, rounded up: a ratio above a cap (itself two decimals) never prints as the cap.
 */
export function fractionText(f: Fraction): string {
  const hundredths = (f.num * HUNDRED + f.den - 1n) / f.den;
  return `${hundredths / HUNDRED}.${(hundredths % HUNDRED).toString().padStart(2, "0")}`;
}

// ------------------------------------------------------------------------------------------------ WAGE RATIO

/** One member's paid livelihood work in a period. */
export interface HourlyPay {
  member: string;
  /** Historical livelihood amount, two decimals, read as hours. */
  hours: bigint;
  /** Payable livelihood amount (hours x the stage's weight). */
  payable: bigint;
  /** Currency units per hour: pool x payable / period payable / hours. */
  perHour: Fraction;
}

export interface WageRatioCheck {
  period: number;
  funded: Place;
  /** The cap in force when the period was funded, times 100; null when none was set yet. */
  capX100: number | null;
  /** The period's livelihood pool and payable livelihood (what the pool is shared by). */
  pool: bigint;
  periodPayable: bigint;
  /** Members with counted, paid livelihood work, by address. */
  paid: HourlyPay[];
  /** Members whose counted livelihood work pays nothing (weight 0, e.g. Dating 1, or no livelihood pool). */
  unpaid: string[];
  best: string | null;
  worst: string | null;
  /** Best over worst paid hour; null when nobody was paid livelihood. */
  ratio: Fraction | null;
  /** The ratio with two decimals (rounded up), or "-". */
  ratioText: string;
  ok: boolean;
}

/** The cap of the last WageRatioCapSet before `place`. */
function capInForce(state: HistoryState, place: Place): number | null {
  const count = countBefore(state.audit.capHistory, place);
  return count === 0 ? null : state.audit.capHistory[count - 1].capX100;
}

/** Each member's totals in one period, by address. */
export type MemberTotals = Array<{ member: string; totals: Totals }>;

/** Each period's members with totals, sorted by address: memberPeriodTotals turned around once. */
export function membersByPeriod(state: HistoryState): Map<number, MemberTotals> {
  const index = new Map<number, MemberTotals>();
  for (const [member, periods] of state.ledger.memberPeriodTotals) {
    for (const [period, totals] of periods) {
      const list = index.get(period);
      if (list) list.push({ member, totals });
      else index.set(period, [{ member, totals }]);
    }
  }
  for (const list of index.values()) list.sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  return index;
}

/**
 * The wage ratio of each funded period: among members with counted livelihood work, each one's pay per hour is the
 * livelihood pool x their payable livelihood / the period's payable livelihood / their livelihood hours; the ratio
 * is the best paid hour over the worst, exact, checked against the cap in force when the period was funded. A
 * period where every livelihood hour weighs the same has ratio 1.00.
 */
export function wageRatioChecks(
  state: HistoryState,
  byPeriod: ReadonlyMap<number, MemberTotals> = membersByPeriod(state),
): WageRatioCheck[] {
  const checks: WageRatioCheck[] = [];
  const fundings = [...state.treasury.fundings.values()].sort((a, b) => a.period - b.period);
  for (const funding of fundings) {
    const pool = funding.streamPools[Stream.Livelihood];
    const periodPayable = funding.periodPayable[Stream.Livelihood];
    const paid: HourlyPay[] = [];
    const unpaid: string[] = [];
    for (const { member, totals } of byPeriod.get(funding.period) ?? []) {
      const hours = totals.historical[Stream.Livelihood];
      if (hours <= 0n) continue;
      const payable = totals.payable[Stream.Livelihood];
      if (payable === 0n || pool === 0n) unpaid.push(member);
      else
        paid.push({ member, hours, payable, perHour: { num: pool * payable * HUNDRED, den: periodPayable * hours } });
    }
    const ranked = [...paid].sort((a, b) => compareFractions(a.perHour, b.perHour));
    const [worst, best] = [ranked[0], ranked.at(-1)];
    const ratio =
      worst && best ? { num: best.perHour.num * worst.perHour.den, den: best.perHour.den * worst.perHour.num } : null;
    const capX100 = capInForce(state, funding);
    checks.push({
      period: funding.period,
      funded: { block: funding.block, logIndex: funding.logIndex, txHash: funding.txHash },
      capX100,
      pool,
      periodPayable,
      paid,
      unpaid,
      best: best?.member ?? null,
      worst: worst?.member ?? null,
      ratio,
      ratioText: ratio ? fractionText(ratio) : "-",
      ok: ratio === null || capX100 === null || ratio.num * HUNDRED <= BigInt(capX100) * ratio.den,
    });
  }
  return checks;
}

// ------------------------------------------------------------------------------------------------ PROPOSALS

/** A vote whose weight disagrees with what the voter was at the proposal's snapshot. */
export interface IneligibleVote {
  voter: string;
  countedAs: "binding" | "advisory";
  stageAtSnapshot: StageLabel;
}

/** IGovernor.ProposalState as a name. */
export type ProposalStateLabel = (typeof PROPOSAL_STATES)[number];

export interface ProposalCheck {
  proposalId: bigint;
  description: string;
  kind: Proposal["kind"];
  /**
   * The state the governor gives it, re-derived from the events at the audit's clock: Pending until its snapshot,
   * Active until its deadline, then Defeated unless quorum and threshold are met, Succeeded, Queued, Executed or
   * Canceled as its events say (Expired: never, with a timelock).
   */
  state: ProposalStateLabel;
  snapshot: bigint;
  deadline: bigint;
  quorum: {
    /** Committed members at the snapshot (the membership's getPastTotalSupply). */
    bindingMembers: number;
    /** The quorum numerator in force at the snapshot, in basis points; null when no event set one by then. */
    numeratorBps: bigint | null;
    /** Binding participation needed: bindingMembers x numerator / 10,000, rounded up. */
    required: bigint | null;
    /** Binding For + Against + Abstain + Block, from the folded tally. */
    participation: number;
    reached: boolean;
  };
  threshold: {
    rule: string;
    /** The binding votes as the governor decides by them: scaled by constituency shares on a weighted proposal. */
    forVotes: bigint;
    againstVotes: bigint;
    abstainVotes: bigint;
    blockVotes: number;
    weighted: boolean;
    passed: boolean;
  };
  ineligibleVotes: IneligibleVote[];
  ok: boolean;
}

const isDating = (stage: StageLabel) => stage === "Dating1" || stage === "Dating2" || stage === "Dating3";

/** The timelock operations by the transaction that scheduled them (the first, as the chain ordered them). */
function operationsByTx(state: HistoryState): Map<string, TimelockOperation> {
  const index = new Map<string, TimelockOperation>();
  for (const operation of state.governance.operations.values()) {
    if (!index.has(operation.scheduled.txHash)) index.set(operation.scheduled.txHash, operation);
  }
  return index;
}

/** What re-deciding proposals reads besides each proposal, gathered once for all of them. */
interface ProposalContext {
  /** historiesByAccount(state, timeline). */
  own: ReadonlyMap<string, AccountHistory>;
  /** operationsByTx(state). */
  operations: ReadonlyMap<string, TimelockOperation>;
}

/**
 * Every proposal re-decided from the events (proposalCheck), in the order they were made (the report numbers them
 * #1, #2… by it), with its state at `now`
 * (the governor's clock at the audit's block; omitted: after every deadline). Each vote's weight is checked against
 * the voter's stage at the snapshot. The membership is replayed once for all the snapshots (committedAt).
 */
export function proposalChecks(state: HistoryState, timeline: Timeline, now?: bigint): ProposalCheck[] {
  const context = { own: historiesByAccount(state, timeline), operations: operationsByTx(state) };
  const proposals = [...state.governance.proposals.values()];
  const committed = committedAt(
    state,
    timeline,
    proposals.map((p) => p.voteStart),
  );
  return proposals.map((proposal, i) => proposalCheck(state, timeline, proposal, committed[i], context, now));
}

/**
 * A proposal's state as DisCOGovernor.state answers it at `now` (Governor and GovernorTimelockControl): its end as
 * the events record it (executed, canceled by the governor or in the timelock), else Pending while now <= snapshot,
 * Active while now <= deadline, Defeated unless the re-derived quorum is reached and the vote succeeded, Queued
 * once queued, else Succeeded. `operations` is operationsByTx(state), computed once for many proposals.
 */
export function proposalState(
  state: HistoryState,
  proposal: Proposal,
  decided: { reached: boolean; passed: boolean },
  now?: bigint,
  operations: ReadonlyMap<string, TimelockOperation> = operationsByTx(state),
): ProposalStateLabel {
  if (proposal.executed) return "Executed";
  if (proposal.canceled) return "Canceled";
  if (now !== undefined && proposal.voteStart >= now) return "Pending";
  if (now !== undefined && proposal.voteEnd >= now) return "Active";
  if (!decided.reached || !decided.passed) return "Defeated";
  if (!proposal.queued) return "Succeeded";
  const operation = operations.get(proposal.queued.txHash);
  if (operation?.executed) return "Executed";
  if (operation?.canceled) return "Canceled";
  return "Queued";
}

/**
 * One proposal re-decided from the events: its quorum from the folded membership and quorum numerator at its
 * snapshot (DisCOGovernor.quorum: binding members x numerator / 10,000, rounded up) against the folded binding
 * participation (For + Against + Abstain + Block), and its threshold from the folded tally by the decision table
 * (every kind: For > Against; consent: and no binding Block; bylaw: and For / (For + Against) >= its
 * supermajority), with constituency weighting replayed from each voter's constituency at the snapshot as
 * DisCOGovernor.weightedVotes scales it; and its state at `now` (proposalState). `ok`: no vote was counted against
 * the voter's stage, and a proposal that went ahead (Succeeded, Queued or Executed) met quorum and threshold.
 * `committed` is the committed members at its snapshot (committedAt) and `context` what all proposals share.
 */
function proposalCheck(
  state: HistoryState,
  timeline: Timeline,
  proposal: Proposal,
  committed: CommittedAt,
  { own, operations }: ProposalContext,
  now?: bigint,
): ProposalCheck {
  const snapshot = proposal.voteStart;
  const numerator = valueAt(state.governance.quorumHistory, timeline, snapshot)?.numerator ?? null;
  const required = numerator === null ? null : (BigInt(committed.total) * numerator + BPS - 1n) / BPS;
  const t = proposal.tally;
  const participation = t.forVotes + t.againstVotes + t.abstainVotes + t.blockVotes;

  // Each vote as the governor counted it, and the constituency tallies a weighted proposal scales.
  const ineligibleVotes: IneligibleVote[] = [];
  const perConstituency = new Map<number, Record<"For" | "Against" | "Abstain", bigint>>();
  for (const vote of proposal.votes) {
    const status = voterStatus(own.get(vote.voter.toLowerCase()), timeline, snapshot, vote);
    const binding = status.stage === "Committed";
    if (vote.binding !== binding || (!vote.binding && !isDating(status.stage))) {
      ineligibleVotes.push({
        voter: vote.voter,
        countedAs: vote.binding ? "binding" : "advisory",
        stageAtSnapshot: status.stage,
      });
    }
    if (!vote.binding || vote.support === "Block") continue;
    const tally = perConstituency.get(status.constituency) ?? { For: 0n, Against: 0n, Abstain: 0n };
    tally[vote.support]++;
    perConstituency.set(status.constituency, tally);
  }

  const votes = {
    forVotes: BigInt(t.forVotes),
    againstVotes: BigInt(t.againstVotes),
    abstainVotes: BigInt(t.abstainVotes),
  };
  if (proposal.weighted) {
    [votes.forVotes, votes.againstVotes, votes.abstainVotes] = [0n, 0n, 0n];
    proposal.constituencyShares.forEach((share, c) => {
      const members = BigInt(committed.byConstituency.get(c) ?? 0);
      if (share === 0 || members === 0n) return;
      const scale = BigInt(share) * SHARE_SCALE;
      const tally = perConstituency.get(c) ?? { For: 0n, Against: 0n, Abstain: 0n };
      votes.forVotes += (scale * tally.For) / members;
      votes.againstVotes += (scale * tally.Against) / members;
      votes.abstainVotes += (scale * tally.Abstain) / members;
    });
  }

  const { forVotes, againstVotes } = votes;
  // The decision table: no kind passes with Against >= For (weighted when weighted), nor ever when more binding
  // members voted Against than For.
  const majority = forVotes > againstVotes && t.againstVotes <= t.forVotes;
  let rule: string;
  let passed: boolean;
  switch (proposal.kind) {
    case "Consent":
      rule = "consent: For > Against and no binding Block";
      passed = majority && t.blockVotes === 0;
      break;
    case "Standard":
      rule = "simple majority: For > Against";
      passed = majority;
      break;
    case "Bylaw": {
      // ProposalClassified sets a proposal's kind and its supermajority together.
      if (!proposal.supermajority) throw new Error(`proposal ${proposal.id} is a Bylaw without its supermajority`);
      const { numerator: n, denominator: d } = proposal.supermajority;
      rule = `supermajority: For > Against and For / (For + Against) >= ${n}/${d}`;
      passed = majority && forVotes * BigInt(d) >= (forVotes + againstVotes) * BigInt(n);
      break;
    }
    default:
      rule = "unknown: the proposal was never classified";
      passed = false;
  }
  const reached = required !== null && BigInt(participation) >= required;
  const decided = proposalState(state, proposal, { reached, passed }, now, operations);
  const wentAhead = ["Succeeded", "Queued", "Executed"].includes(decided) || proposal.queued !== null;
  return {
    proposalId: proposal.id,
    description: proposal.description.split("\n")[0],
    kind: proposal.kind,
    state: decided,
    snapshot,
    deadline: proposal.voteEnd,
    quorum: { bindingMembers: committed.total, numeratorBps: numerator, required, participation, reached },
    threshold: { rule, ...votes, blockVotes: t.blockVotes, weighted: proposal.weighted, passed },
    ineligibleVotes,
    ok: (!wentAhead || (reached && passed)) && ineligibleVotes.length === 0,
  };
}

// ------------------------------------------------------------------------------------------------ MONEY

/** What a token movement of the treasury is explained by. */
export type TraceKind = "claim" | "cash" | "redemption" | "spend" | "commons" | "pay-in" | "contribution" | "recovery";

export interface MovementTrace extends MoneyMovement {
  /** What explains the movement in its transaction, or null. */
  tracedTo: TraceKind | null;
  /** Periods claimed, a reason, a payment reference, or why the movement is not traced. */
  detail: string;
  /** The governor proposal whose execution spent the money, for spends. */
  proposalId: bigint | null;
}

/** An event that says money left the treasury, with no transfer of that amount to match it in its transaction. */
export interface UnpaidEvent extends Place {
  kind: TraceKind;
  to: string;
  amount: bigint;
}

export interface MoneyCheck {
  movements: MovementTrace[];
  /** Transfers out that nothing in their transaction explains: flagged. */
  untraced: MovementTrace[];
  /** Transfers in with no pay-in or contribution event (someone sent tokens directly): listed, not flagged. */
  unreferenced: MovementTrace[];
  /** Payout, cash, redemption or spending events with no transfer out to match: flagged. */
  unpaid: UnpaidEvent[];
  ok: boolean;
}

/** One event of a transaction that explains money moving, in log order. */
type Explanation = Place & { kind: TraceKind; party: string; amount: bigint; detail: string };

/**
 * The unused explanations of one party in one transaction logged before the transfer being traced: its claims and
 * the redemption schedules with their sums, and the single outflows (redemptions among them) by amount and kind.
 */
interface Earlier {
  claims: Explanation[];
  claimed: bigint;
  /** Redemptions, some perhaps used since one at a time (counted by `open`, summed by `scheduled`). */
  schedules: Explanation[];
  open: number;
  scheduled: bigint;
  singles: Map<bigint, Map<TraceKind, Explanation[]>>;
}

/** Adds `item` to the list of `key`. */
function push<K, T>(index: Map<K, T[]>, key: K, item: T): void {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
}

/** The first of `list` not in `used`, dropping the used ones before it (they are never wanted again). */
function firstUnused(list: Explanation[] | undefined, used: ReadonlySet<Explanation>): Explanation | undefined {
  while (list && list.length > 0 && used.has(list[0])) list.shift();
  return list?.[0];
}

const INFLOWS: readonly TraceKind[] = ["pay-in", "contribution", "recovery"];
const SINGLE_OUTFLOWS: readonly TraceKind[] = ["cash", "redemption", "spend", "commons"];

/**
 * Traces every token movement of the treasury to the events of its own transaction. A transfer out is traced by the
 * PayoutClaimed or Redeemed events of its recipient emitted before it (their sum), or by a CashClaimed, Spent or
 * CommonsSpent of its recipient and amount; the contracts emit each of these just before they pay. A Spent or
 * CommonsSpent counts only inside the execution of a governor proposal (ProposalExecuted or the timelock's
 * CallExecuted in the same transaction). A transfer in is traced by a PaidIn or ContributionPaid of its payer and
 * amount, or a TokensRecovered of the contract it came from.
 */
export function traceMoney(state: HistoryState): MoneyCheck {
  const byTx = new Map<string, Explanation[]>();
  const add = (e: Explanation) => {
    const list = byTx.get(e.txHash);
    if (list) list.push(e);
    else byTx.set(e.txHash, [e]);
  };
  const at = (p: Place): Place => ({ block: p.block, logIndex: p.logIndex, txHash: p.txHash });
  const t = state.treasury;
  const c = state.capital;
  for (const e of t.claimList) {
    add({ ...at(e), kind: "claim", party: e.member, amount: e.amount, detail: `${e.period}` });
  }
  for (const e of c.cashClaims) {
    add({ ...at(e), kind: "cash", party: e.member, amount: e.amount, detail: "patronage cash" });
  }
  for (const e of c.redemptionsPaid) {
    add({
      ...at(e),
      kind: "redemption",
      party: e.member,
      amount: e.amount,
      detail: `schedule ${e.schedule}: paid ${e.paidTotal} in total`,
    });
  }
  for (const e of t.spends) add({ ...at(e), kind: "spend", party: e.to, amount: e.amount, detail: e.reason });
  for (const e of c.commonsSpending) {
    add({ ...at(e), kind: "commons", party: e.to, amount: e.amount, detail: e.reason });
  }
  for (const e of t.payIns) add({ ...at(e), kind: "pay-in", party: e.payer, amount: e.amount, detail: e.paymentRef });
  for (const e of c.contributions) {
    add({ ...at(e), kind: "contribution", party: e.member, amount: e.amount, detail: "joining contribution" });
  }
  // Tokens the members recovered from another of the DisCO's contracts into the treasury.
  for (const e of state.recoveries) {
    add({ ...at(e), kind: "recovery", party: e.address, amount: e.amount, detail: `recovered from the ${e.contract}` });
  }

  const executions = new Map<string, bigint | null>();
  for (const operation of state.governance.operations.values()) {
    if (operation.executed) executions.set(operation.executed.txHash, null);
  }
  for (const proposal of state.governance.proposals.values()) {
    if (proposal.executed) executions.set(proposal.executed.txHash, proposal.id);
  }

  const used = new Set<Explanation>();
  const traced = (m: MoneyMovement, kind: TraceKind | null, detail: string, proposalId: bigint | null = null) => ({
    ...m,
    tracedTo: kind,
    detail,
    proposalId,
  });
  // Each transaction's explanations indexed, so that a movement looks only at those of its own party (and amount):
  // a transaction of many payments costs as many steps, not their square. Within a transaction, each list of the
  // state is in chain order and so is every index built from it; `party` keys are lowercase.
  const inflows = new Map<string, Explanation[]>();
  const outflows = new Map<string, { list: Explanation[]; next: number }>();
  for (const [txHash, list] of byTx) {
    const outs: Explanation[] = [];
    for (const e of list) {
      if (!INFLOWS.includes(e.kind)) outs.push(e);
      else push(inflows, `${txHash} ${e.party.toLowerCase()} ${e.amount}`, e);
    }
    outflows.set(txHash, { list: outs.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex), next: 0 });
  }
  // What a transfer out can be traced to: the unused explanations of its party logged before it, gathered as the
  // transfers of the transaction go by (in chain order).
  const earlier = new Map<string, Earlier>();
  const movements: MovementTrace[] = state.movements.map((m) => {
    if (m.direction === "in") {
      const queue = inflows.get(`${m.txHash} ${m.from.toLowerCase()} ${m.amount}`) ?? [];
      const found = queue.shift();
      if (!found) return traced(m, null, "no pay-in, contribution or recovery in its transaction");
      used.add(found);
      return traced(m, found.kind, found.detail);
    }
    const outs = outflows.get(m.txHash);
    for (; outs && outs.next < outs.list.length && before(outs.list[outs.next], m); outs.next++) {
      const e = outs.list[outs.next];
      const key = `${m.txHash} ${e.party.toLowerCase()}`;
      const party: Earlier = earlier.get(key) ?? {
        claims: [],
        claimed: 0n,
        schedules: [],
        open: 0,
        scheduled: 0n,
        singles: new Map(),
      };
      earlier.set(key, party);
      if (e.kind === "claim") {
        party.claims.push(e);
        party.claimed += e.amount;
        continue;
      }
      if (e.kind === "redemption") {
        party.schedules.push(e);
        party.open++;
        party.scheduled += e.amount;
      }
      const byKind = party.singles.get(e.amount) ?? new Map<TraceKind, Explanation[]>();
      party.singles.set(e.amount, byKind);
      push(byKind, e.kind, e);
    }
    const party = earlier.get(`${m.txHash} ${m.to.toLowerCase()}`);
    if (!party) return traced(m, null, "no claim, redemption or spending in its transaction");
    const claims = party.claims;
    if (claims.length > 0 && party.claimed === m.amount) {
      for (const e of claims) used.add(e);
      [party.claims, party.claimed] = [[], 0n];
      return traced(m, "claim", `payout of period ${claims.map((e) => e.detail).join(", ")}`);
    }
    // One redeem() pays every due schedule in one transfer, after a Redeemed for each.
    if (party.open > 1 && party.scheduled === m.amount) {
      const schedules = party.schedules.filter((e) => !used.has(e));
      for (const e of schedules) used.add(e);
      [party.schedules, party.open, party.scheduled] = [[], 0, 0n];
      return traced(m, "redemption", schedules.map((e) => e.detail).join("; "));
    }
    // The first of the kinds in the order they were gathered (cash, redemption, spend, commons) of the amount.
    const byKind = party.singles.get(m.amount);
    const single = SINGLE_OUTFLOWS.map((kind) => firstUnused(byKind?.get(kind), used)).find((e) => e !== undefined);
    if (!single) return traced(m, null, "no claim, redemption or spending in its transaction");
    used.add(single);
    if (single.kind === "redemption") [party.open, party.scheduled] = [party.open - 1, party.scheduled - single.amount];
    if ((single.kind === "spend" || single.kind === "commons") && !executions.has(m.txHash)) {
      return traced(m, null, `${single.kind} outside the execution of a proposal: ${single.detail}`);
    }
    return traced(m, single.kind, single.detail, executions.get(m.txHash) ?? null);
  });

  const unpaid: UnpaidEvent[] = [];
  for (const list of byTx.values()) {
    for (const e of list) {
      if (used.has(e) || INFLOWS.includes(e.kind)) continue;
      unpaid.push({
        block: e.block,
        logIndex: e.logIndex,
        txHash: e.txHash,
        kind: e.kind,
        to: e.party,
        amount: e.amount,
      });
    }
  }
  unpaid.sort((a, b) => (before(a, b) ? -1 : 1));
  const untraced = movements.filter((m) => m.direction === "out" && m.tracedTo === null);
  const unreferenced = movements.filter((m) => m.direction === "in" && m.tracedTo === null);
  return { movements, untraced, unreferenced, unpaid, ok: untraced.length === 0 && unpaid.length === 0 };
}
