/**
 * The folded history against the contracts' own views: every figure the events rebuild that a view also answers,
 * each one a check with both values. Browser-safe: the views are read through any viem client, many to a request
 * (./views.ts).
 */
import type { Address, Hex } from "viem";
import { PROPOSAL_KINDS, PROPOSAL_STATES } from "../governance.ts";
import { AUDITOR_ROLE, type HistoryState, type Totals } from "../history/index.ts";
import { ENTRY_STATUSES } from "../ledger.ts";
import { STAGES } from "../members.ts";
import { toJson, type Json } from "./canonical.ts";
import { proposalCheck } from "./checks.ts";
import { eventsByAccount, type Timeline } from "./timeline.ts";
import { readViews, view, type AuditViews, type ReadOptions, type ViewCall } from "./views.ts";

/** The parts of the books a check belongs to. */
export const SECTIONS = ["members", "ledger", "governance", "treasury", "capital", "audit"] as const;
export type Section = (typeof SECTIONS)[number];

/** One figure as the events rebuild it and as a view answers it. */
export interface Check {
  section: Section;
  what: string;
  folded: Json;
  onChain: Json;
  matched: boolean;
}

export interface ReconcileOptions extends Omit<ReadOptions, "blockNumber"> {
  /** The block the history was fetched to: every view is read there, so later blocks can't cause a mismatch. */
  blockTag?: number;
  /** The governor's clock at `blockTag`, when already read. */
  now?: bigint;
  /** The governor's clock over the history: with it, each proposal's quorum at its snapshot is reconciled too. */
  timeline?: Timeline;
}

/** A figure to check: its folded value and the view that answers it. */
interface Probe {
  section: Section;
  what: string;
  folded: unknown;
  call: ViewCall;
}

const totals = (t: { historical: readonly bigint[]; payable_: readonly bigint[] }): Totals => ({
  historical: [t.historical[0], t.historical[1], t.historical[2]],
  payable: [t.payable_[0], t.payable_[1], t.payable_[2]],
});
const NO_TOTALS: Totals = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };
const SUPPORTS = ["Against", "For", "Abstain", "Block"];
/** The folded history keeps addresses as text; the views take them typed. */
const address = (text: string) => text as Address;

/**
 * Every figure of the folded state that a view also answers, compared: members and stages; entries (one by one,
 * but for the counted entries of final periods, which the totals pin), period, member and lifetime totals; proposals' states, tallies, votes and (given the timeline) quorums; the treasury's owed,
 * pools, claims, balance and unallocated money; the capital books and accounts; the audit registry's cap,
 * attestations and auditors. Views are read at `blockTag`, many at once (readViews): their number grows with
 * members, periods and proposals, not with the counted work of final periods.
 */
export async function reconcile(
  state: HistoryState,
  views: AuditViews,
  options: ReconcileOptions = {},
): Promise<Check[]> {
  const { membership, ledger, governor, treasury, capital, audit, token } = views;
  const read = { ...options, blockNumber: options.blockTag };
  const probes: Probe[] = [];
  const probe = <T>(section: Section, what: string, folded: unknown, call: ViewCall<T>) =>
    probes.push({ section, what, folded, call });

  // Members: everyone the events name, current or former.
  const m = state.members;
  probe("members", "memberCount", BigInt(m.current.size), view(membership, "memberCount", []));
  const binding = [...m.current.values()].filter((member) => member.stage === "Committed").length;
  probe("members", "bindingMembers", BigInt(binding), view(membership, "bindingMembers", []));
  for (const account of [...m.current.keys(), ...m.former.keys()]) {
    const member = m.current.get(account);
    probe(
      "members",
      `member ${account}`,
      member ? { stage: member.stage, constituency: member.constituency } : { stage: "None" },
      view(membership, "memberOf", [address(account)], (record) => {
        const stage = STAGES[record.stage];
        return stage === "None" ? { stage } : { stage, constituency: record.constituency };
      }),
    );
  }

  // The governor's clock at the audit's block: on a timestamp clock, also the ledger's.
  const now = options.now ?? BigInt((await readViews(views.client, [view(governor, "clock", [])], read))[0]);
  const timestamps = options.timeline?.mode === "timestamp";

  // Ledger: entries, periods, and each author's period and lifetime totals.
  const l = state.ledger;
  probe("ledger", "entryCount", BigInt(l.entries.size), view(ledger, "entryCount", []));
  probe("ledger", "currentPeriod", BigInt(l.currentPeriod), view(ledger, "currentPeriod", [], BigInt));
  probe("ledger", "reviewWindow", l.reviewWindow, view(ledger, "reviewWindow", [], BigInt));
  // A final period's counted entries can't change any more, and its totals and each author's (below) add them
  // up: they are pinned at a cost that doesn't grow with the history. Every other entry is compared one by one.
  const periods = [...l.periods.keys()];
  const final = await readViews(
    views.client,
    periods.map((p) => view(ledger, "isFinal", [p])),
    read,
  );
  const finalPeriods = new Set(periods.filter((_, i) => final[i]));
  for (const entry of l.entries.values()) {
    if (entry.status === "Counted" && finalPeriods.has(entry.period)) continue;
    const { author, period, stream, amount, weightBps, status, settled } = entry;
    const folded = { author, period, stream, amount, weightBps, status, approvals: entry.approvals.length, settled };
    probe(
      "ledger",
      `entry ${entry.id}`,
      folded,
      view(ledger, "entry", [entry.id], (e) => ({
        author: e.author,
        period: e.period,
        stream: e.stream,
        amount: e.amount,
        weightBps: e.weightBps,
        status: ENTRY_STATUSES[e.status],
        approvals: e.approvals,
        settled: e.settled,
      })),
    );
  }
  const authorsOf = new Map<number, Set<string>>();
  for (const entry of l.entries.values()) {
    const authors = authorsOf.get(entry.period) ?? new Set<string>();
    authorsOf.set(entry.period, authors.add(entry.author.toLowerCase()));
  }
  for (const period of l.periods.values()) {
    const p = period.period;
    probe("ledger", `period ${p} totals`, period.totals, view(ledger, "periodTotals", [p], totals));
    probe(
      "ledger",
      `period ${p} dates and open disputes`,
      [period.openedAt, period.closedAt ?? 0n, period.finalAt ?? 0n, period.openDisputes],
      view(ledger, "periodInfo", [p], (info) => [
        BigInt(info.openedAt),
        BigInt(info.closedAt),
        BigInt(info.finalAt),
        info.openDisputes,
      ]),
    );
    // Final: closed, and its review window over by the ledger's clock (block timestamps, as the governor's).
    if (timestamps) {
      const final = period.finalAt !== null && period.finalAt <= now;
      probe("ledger", `period ${p} final`, final, view(ledger, "isFinal", [p]));
    }
    for (const author of authorsOf.get(p) ?? []) {
      const folded = l.memberPeriodTotals.get(author)?.get(p) ?? NO_TOTALS;
      probe(
        "ledger",
        `${author} in period ${p}`,
        folded,
        view(ledger, "memberPeriodTotals", [address(author), p], totals),
      );
    }
  }
  for (const author of new Set([...authorsOf.values()].flatMap((authors) => [...authors]))) {
    probe(
      "ledger",
      `${author} for life`,
      l.lifetimeTotals.get(author) ?? NO_TOTALS,
      view(ledger, "lifetimeTotals", [address(author)], totals),
    );
  }

  // Governance: each proposal's end, kind, tally and votes, each vote, and the rules in force.
  const g = state.governance;
  const own = options.timeline && eventsByAccount(state);
  const stateOf = (id: bigint) => view(governor, "state", [id], (s) => PROPOSAL_STATES[s]);
  for (const proposal of g.proposals.values()) {
    const id = proposal.id;
    // Every state, Pending to Executed, re-derived from the events and the clock by the decision table.
    const decided = options.timeline && own && proposalCheck(state, options.timeline, proposal, own, now);
    if (decided) {
      probe("governance", `proposal ${id} state`, decided.state, stateOf(id));
    } else {
      const ended = proposal.executed ? "Executed" : proposal.canceled ? "Canceled" : proposal.queued ? "Queued" : null;
      probe(
        "governance",
        `proposal ${id} ended`,
        ended,
        view(governor, "state", [id], (s) => {
          const onChain = PROPOSAL_STATES[s];
          return ["Executed", "Canceled", "Queued"].includes(onChain) ? onChain : null;
        }),
      );
    }
    probe(
      "governance",
      `proposal ${id} kind and tally`,
      { kind: proposal.kind, ...proposal.tally },
      view(governor, "proposalTally", [id], (t) => ({
        kind: PROPOSAL_KINDS[t.kind],
        forVotes: t.forVotes,
        againstVotes: t.againstVotes,
        abstainVotes: t.abstainVotes,
        blockVotes: t.blockVotes,
        advisoryFor: t.advisoryFor,
        advisoryAgainst: t.advisoryAgainst,
        advisoryAbstain: t.advisoryAbstain,
        advisoryBlock: t.advisoryBlock,
      })),
    );
    const { againstVotes, forVotes, abstainVotes } = proposal.tally;
    probe(
      "governance",
      `proposal ${id} proposalVotes`,
      [againstVotes, forVotes, abstainVotes].map(BigInt),
      view(governor, "proposalVotes", [id]),
    );
    for (const vote of proposal.votes) {
      probe(
        "governance",
        `vote of ${vote.voter} on ${id}`,
        [true, vote.support],
        view(governor, "voteOf", [id, address(vote.voter)], ([voted, support]) => [voted, SUPPORTS[support]]),
      );
    }
    if (decided && proposal.voteStart < now) {
      probe(
        "governance",
        `proposal ${id} quorum at its snapshot`,
        decided.quorum.required,
        view(governor, "quorum", [proposal.voteStart]),
      );
      if (proposal.weighted) {
        const { againstVotes: a, forVotes: f, abstainVotes: s } = decided.threshold;
        probe("governance", `proposal ${id} weighted votes`, [a, f, s], view(governor, "weightedVotes", [id]));
      }
    }
  }
  probe(
    "governance",
    "quorumNumerator",
    g.quorumHistory.at(-1)?.numerator ?? null,
    view(governor, "quorumNumerator", []),
  );
  probe(
    "governance",
    "supermajority",
    g.supermajority,
    view(governor, "supermajority", [], ([numerator, denominator]) => ({ numerator, denominator })),
  );
  probe(
    "governance",
    "constituencyShares",
    g.constituencyShares.length ? g.constituencyShares : Array(8).fill(0),
    view(governor, "constituencyShares", []),
  );

  // Treasury: what is owed, each pool, each claim, the balance the transfers add up to, and what is unallocated.
  const t = state.treasury;
  const c = state.capital;
  probe("treasury", "owed", t.owed, view(treasury, "owed", []));
  probe("treasury", "buckets", t.buckets, view(treasury, "buckets", []));
  for (const funding of t.fundings.values()) {
    probe(
      "treasury",
      `pool ${funding.period}`,
      [funding.amount, funding.streamPools, funding.periodPayable],
      view(treasury, "pool", [funding.period], (pool) => [pool.funded, pool.streamPools, pool.periodPayable]),
    );
  }
  for (const [member, periods] of t.claims) {
    for (const period of periods.keys()) {
      probe(
        "treasury",
        `${member} claimed period ${period}`,
        true,
        view(treasury, "hasClaimed", [address(member), period]),
      );
    }
  }
  probe("treasury", "balance", state.treasuryBalance, view(token, "balanceOf", [treasury.address]));
  const committed = t.owed + c.held;
  const unallocated = state.treasuryBalance > committed ? state.treasuryBalance - committed : 0n;
  probe("treasury", "unallocated", unallocated, view(treasury, "unallocated", []));

  // Capital: the settings, the books' totals, each account and each redemption.
  probe(
    "capital",
    "settings",
    c.settings,
    view(capital, "settings", [], (s) => ({ ...s, revolvingPeriod: BigInt(s.revolvingPeriod) })),
  );
  probe("capital", "held", c.held, view(capital, "held", []));
  probe("capital", "reserve", c.reserve, view(capital, "reserve", []));
  probe("capital", "commons", c.commons, view(capital, "commons", []));
  probe("capital", "cashOwed", c.cashOwed, view(capital, "cashOwed", []));
  probe("capital", "redemptionsOwed", c.redemptionsOwed, view(capital, "redemptionsOwed", []));
  probe("capital", "accountsTotal", c.accountsTotal, view(capital, "accountsTotal", []));
  probe("capital", "totalShares", c.totalShares, view(capital, "totalShares", []));
  probe("capital", "index", c.index, view(capital, "index", []));
  probe("capital", "yearCount", BigInt(c.years.size), view(capital, "yearCount", [], BigInt));
  for (const [member, account] of c.accounts) {
    probe("capital", `account of ${member}`, account, view(capital, "accountOf", [address(member)]));
  }
  for (const [member, schedules] of c.redemptions) {
    probe(
      "capital",
      `redemption schedules of ${member}`,
      BigInt(schedules.length),
      view(capital, "redemptionCount", [address(member)]),
    );
    for (const redemption of schedules) {
      const i = redemption.schedule;
      probe(
        "capital",
        `redemption ${i} of ${member}`,
        redemption,
        view(capital, "redemptionOf", [address(member), BigInt(i)], (r) => ({
          schedule: i,
          total: r.total,
          paid: r.paid,
          start: BigInt(r.start),
          period: BigInt(r.period),
          instalments: r.instalments,
        })),
      );
    }
  }

  // Audit registry: the cap, each period's attestations, the auditors.
  const a = state.audit;
  probe("audit", "wageRatioCap", a.wageRatioCap, view(audit, "wageRatioCap", []));
  for (const period of l.periods.keys()) {
    const attestations = a.attestations.get(period) ?? [];
    probe(
      "audit",
      `attestations of period ${period}`,
      BigInt(attestations.length),
      view(audit, "attestationCount", [period]),
    );
    attestations.forEach((attestation, i) => {
      const { auditor, reportHash, uri } = attestation;
      probe(
        "audit",
        `attestation ${i + 1} of period ${period}`,
        { auditor, reportHash, uri },
        view(audit, "attestationOf", [period, BigInt(i)], (onChain) => ({
          auditor: onChain.auditor,
          reportHash: onChain.reportHash,
          uri: onChain.uri,
        })),
      );
    });
  }
  for (const auditor of a.auditors) {
    probe(
      "audit",
      `${auditor} holds AUDITOR_ROLE`,
      true,
      view(audit, "hasRole", [AUDITOR_ROLE as Hex, address(auditor)]),
    );
  }

  const answers = await readViews(
    views.client,
    probes.map((p) => p.call),
    read,
  );
  return probes.map(({ section, what, folded }, i) => {
    const [f, o] = [toJson(folded), toJson(answers[i])];
    return { section, what, folded: f, onChain: o, matched: sameJson(f, o) };
  });
}

/** Whether two JSON values are one value (their canonical JSON texts equal), without writing the texts. */
function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && sameJson(a[key], b[key]));
}
