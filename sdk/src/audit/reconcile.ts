/**
 * The folded history against the contracts' own views: every figure the events rebuild that a view also answers,
 * each one a check with both values. Browser-safe: the views are typechain contracts on any provider.
 */
import type { ContractRunner } from "ethers";
import {
  AuditRegistry__factory,
  CapitalAccounts__factory,
  DemoEuro__factory,
  DisCOGovernor__factory,
  Membership__factory,
  Treasury__factory,
  ValueLedger__factory,
  type AuditRegistry,
  type CapitalAccounts,
  type DemoEuro,
  type DisCOGovernor,
  type Membership,
  type Treasury,
  type ValueLedger,
} from "../../../types/ethers-contracts/index.js";
import type { Deployment } from "../deployment.ts";
import { PROPOSAL_KINDS, PROPOSAL_STATES } from "../governance.ts";
import { AUDITOR_ROLE, type HistoryState, type Totals } from "../history/index.ts";
import { ENTRY_STATUSES } from "../ledger.ts";
import { STAGES } from "../members.ts";
import { canonicalJson, toJson, type Json } from "./canonical.ts";
import { proposalCheck } from "./checks.ts";
import { eventsByAccount, type BlockReader, type Timeline } from "./timeline.ts";

/** The deployment's contracts as views, and block headers, from one provider. */
export interface AuditViews {
  membership: Membership;
  ledger: ValueLedger;
  governor: DisCOGovernor;
  treasury: Treasury;
  capital: CapitalAccounts;
  audit: AuditRegistry;
  /** The currency: only the ERC-20 views (balanceOf, decimals, symbol) are read. */
  token: DemoEuro;
  treasuryAddress: string;
  blocks: BlockReader;
}

/** The views of a deployment on `provider` (an ethers provider, or a signer for writing through them). */
export function connectViews(deployment: Deployment, provider: ContractRunner & BlockReader): AuditViews {
  const c = deployment.contracts;
  return {
    membership: Membership__factory.connect(c.membership.address, provider),
    ledger: ValueLedger__factory.connect(c.ledger.address, provider),
    governor: DisCOGovernor__factory.connect(c.governor.address, provider),
    treasury: Treasury__factory.connect(c.treasury.address, provider),
    capital: CapitalAccounts__factory.connect(c.capital.address, provider),
    audit: AuditRegistry__factory.connect(c.audit.address, provider),
    token: DemoEuro__factory.connect(c.token.address, provider),
    treasuryAddress: c.treasury.address,
    blocks: provider,
  };
}

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

export interface ReconcileOptions {
  /** The block the history was fetched to: every view is read there, so later blocks can't cause a mismatch. */
  blockTag?: number;
  /** The governor's clock over the history: with it, each proposal's quorum at its snapshot is reconciled too. */
  timeline?: Timeline;
  /** View calls in flight at once (default 50; ethers batches each round into one HTTP request). */
  concurrency?: number;
}

/** A figure to check: its folded value and how to read the view. */
interface Probe {
  section: Section;
  what: string;
  folded: unknown;
  read: () => Promise<unknown>;
}

const totals = (t: { historical: readonly bigint[]; payable_: readonly bigint[] }): Totals => ({
  historical: [t.historical[0], t.historical[1], t.historical[2]],
  payable: [t.payable_[0], t.payable_[1], t.payable_[2]],
});
const NO_TOTALS: Totals = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };
const SUPPORTS = ["Against", "For", "Abstain", "Block"];

/**
 * Every figure of the folded state that a view also answers, compared: members and stages; entries, period, member
 * and lifetime totals; proposals' states, tallies, votes and (given the timeline) quorums; the treasury's owed,
 * pools, claims, balance and unallocated money; the capital books and accounts; the audit registry's cap,
 * attestations and auditors. Views are read `concurrency` at a time, at `blockTag`.
 */
export async function reconcile(
  state: HistoryState,
  views: AuditViews,
  options: ReconcileOptions = {},
): Promise<Check[]> {
  const { membership, ledger, governor, treasury, capital, audit, token } = views;
  const at = options.blockTag === undefined ? {} : { blockTag: options.blockTag };
  const probes: Probe[] = [];
  const probe = (section: Section, what: string, folded: unknown, read: () => Promise<unknown>) =>
    probes.push({ section, what, folded, read });

  // Members: everyone the events name, current or former.
  const m = state.members;
  probe("members", "memberCount", BigInt(m.current.size), () => membership.memberCount(at));
  const binding = [...m.current.values()].filter((member) => member.stage === "Committed").length;
  probe("members", "bindingMembers", BigInt(binding), () => membership.bindingMembers(at));
  for (const account of [...m.current.keys(), ...m.former.keys()]) {
    const member = m.current.get(account);
    probe(
      "members",
      `member ${account}`,
      member ? { stage: member.stage, constituency: member.constituency } : { stage: "None" },
      async () => {
        const record = await membership.memberOf(account, at);
        const stage = STAGES[Number(record.stage)];
        return stage === "None" ? { stage } : { stage, constituency: Number(record.constituency) };
      },
    );
  }

  // The governor's clock at the audit's block: on a timestamp clock, also the ledger's.
  const now = await governor.clock(at);
  const timestamps = options.timeline?.mode === "timestamp";

  // Ledger: entries, periods, and each author's period and lifetime totals.
  const l = state.ledger;
  probe("ledger", "entryCount", BigInt(l.entries.size), () => ledger.entryCount(at));
  probe("ledger", "currentPeriod", BigInt(l.currentPeriod), () => ledger.currentPeriod(at));
  probe("ledger", "reviewWindow", l.reviewWindow, () => ledger.reviewWindow(at));
  for (const entry of l.entries.values()) {
    const { author, period, stream, amount, weightBps, status, settled } = entry;
    const folded = { author, period, stream, amount, weightBps, status, approvals: entry.approvals.length, settled };
    probe("ledger", `entry ${entry.id}`, folded, async () => {
      const e = await ledger.entry(entry.id, at);
      return {
        author: e.author,
        period: Number(e.period),
        stream: Number(e.stream),
        amount: e.amount,
        weightBps: Number(e.weightBps),
        status: ENTRY_STATUSES[Number(e.status)],
        approvals: Number(e.approvals),
        settled: e.settled,
      };
    });
  }
  const authorsOf = new Map<number, Set<string>>();
  for (const entry of l.entries.values()) {
    const authors = authorsOf.get(entry.period) ?? new Set<string>();
    authorsOf.set(entry.period, authors.add(entry.author.toLowerCase()));
  }
  for (const period of l.periods.values()) {
    const p = period.period;
    probe("ledger", `period ${p} totals`, period.totals, async () => totals(await ledger.periodTotals(p, at)));
    probe(
      "ledger",
      `period ${p} dates and open disputes`,
      [period.openedAt, period.closedAt ?? 0n, period.finalAt ?? 0n, period.openDisputes],
      async () => {
        const info = await ledger.periodInfo(p, at);
        return [info.openedAt, info.closedAt, info.finalAt, Number(info.openDisputes)];
      },
    );
    // Final: closed, and its review window over by the ledger's clock (block timestamps, as the governor's).
    if (timestamps) {
      const final = period.finalAt !== null && period.finalAt <= now;
      probe("ledger", `period ${p} final`, final, () => ledger.isFinal(p, at));
    }
    for (const author of authorsOf.get(p) ?? []) {
      const folded = l.memberPeriodTotals.get(author)?.get(p) ?? NO_TOTALS;
      probe("ledger", `${author} in period ${p}`, folded, async () =>
        totals(await ledger.memberPeriodTotals(author, p, at)),
      );
    }
  }
  for (const author of new Set([...authorsOf.values()].flatMap((authors) => [...authors]))) {
    probe("ledger", `${author} for life`, l.lifetimeTotals.get(author) ?? NO_TOTALS, async () =>
      totals(await ledger.lifetimeTotals(author, at)),
    );
  }

  // Governance: each proposal's end, kind, tally and votes, each vote, and the rules in force.
  const g = state.governance;
  const own = options.timeline && eventsByAccount(state);
  for (const proposal of g.proposals.values()) {
    const id = proposal.id;
    if (options.timeline && own) {
      // Every state, Pending to Executed, re-derived from the events and the clock by the decision table.
      const decided = proposalCheck(state, options.timeline, proposal, own, now);
      probe(
        "governance",
        `proposal ${id} state`,
        decided.state,
        async () => PROPOSAL_STATES[Number(await governor.state(id, at))],
      );
    } else {
      const ended = proposal.executed ? "Executed" : proposal.canceled ? "Canceled" : proposal.queued ? "Queued" : null;
      probe("governance", `proposal ${id} ended`, ended, async () => {
        const onChain = PROPOSAL_STATES[Number(await governor.state(id, at))];
        return ["Executed", "Canceled", "Queued"].includes(onChain) ? onChain : null;
      });
    }
    probe("governance", `proposal ${id} kind and tally`, { kind: proposal.kind, ...proposal.tally }, async () => {
      const t = await governor.proposalTally(id, at);
      return {
        kind: PROPOSAL_KINDS[Number(t.kind)],
        forVotes: Number(t.forVotes),
        againstVotes: Number(t.againstVotes),
        abstainVotes: Number(t.abstainVotes),
        blockVotes: Number(t.blockVotes),
        advisoryFor: Number(t.advisoryFor),
        advisoryAgainst: Number(t.advisoryAgainst),
        advisoryAbstain: Number(t.advisoryAbstain),
        advisoryBlock: Number(t.advisoryBlock),
      };
    });
    const { againstVotes, forVotes, abstainVotes } = proposal.tally;
    probe(
      "governance",
      `proposal ${id} proposalVotes`,
      [againstVotes, forVotes, abstainVotes].map(BigInt),
      async () => [...(await governor.proposalVotes(id, at))],
    );
    for (const vote of proposal.votes) {
      probe("governance", `vote of ${vote.voter} on ${id}`, [true, vote.support], async () => {
        const [voted, support] = await governor.voteOf(id, vote.voter, at);
        return [voted, SUPPORTS[Number(support)]];
      });
    }
    if (options.timeline && own && proposal.voteStart < now) {
      const decided = proposalCheck(state, options.timeline, proposal, own, now);
      probe("governance", `proposal ${id} quorum at its snapshot`, decided.quorum.required, () =>
        governor.quorum(proposal.voteStart, at),
      );
      if (proposal.weighted) {
        const { againstVotes: a, forVotes: f, abstainVotes: s } = decided.threshold;
        probe("governance", `proposal ${id} weighted votes`, [a, f, s], async () => [
          ...(await governor.weightedVotes(id, at)),
        ]);
      }
    }
  }
  probe("governance", "quorumNumerator", g.quorumHistory.at(-1)?.numerator ?? null, () =>
    governor["quorumNumerator()"](at),
  );
  probe("governance", "supermajority", g.supermajority, async () => {
    const [numerator, denominator] = await governor.supermajority(at);
    return { numerator: Number(numerator), denominator: Number(denominator) };
  });
  probe(
    "governance",
    "constituencyShares",
    g.constituencyShares.length ? g.constituencyShares : Array(8).fill(0),
    async () => (await governor.constituencyShares(at)).map(Number),
  );

  // Treasury: what is owed, each pool, each claim, the balance the transfers add up to, and what is unallocated.
  const t = state.treasury;
  const c = state.capital;
  probe("treasury", "owed", t.owed, () => treasury.owed(at));
  probe("treasury", "buckets", t.buckets, async () => (await treasury.buckets(at)).map(Number));
  for (const funding of t.fundings.values()) {
    probe(
      "treasury",
      `pool ${funding.period}`,
      [funding.amount, funding.streamPools, funding.periodPayable],
      async () => {
        const pool = await treasury.pool(funding.period, at);
        return [pool.funded, [...pool.streamPools], [...pool.periodPayable]];
      },
    );
  }
  for (const [member, periods] of t.claims) {
    for (const period of periods.keys()) {
      probe("treasury", `${member} claimed period ${period}`, true, () => treasury.hasClaimed(member, period, at));
    }
  }
  probe("treasury", "balance", state.treasuryBalance, () => token.balanceOf(views.treasuryAddress, at));
  const committed = t.owed + c.held;
  const unallocated = state.treasuryBalance > committed ? state.treasuryBalance - committed : 0n;
  probe("treasury", "unallocated", unallocated, () => treasury.unallocated(at));

  // Capital: the settings, the books' totals, each account and each redemption.
  probe("capital", "settings", c.settings, async () => {
    const s = await capital.settings(at);
    return {
      contribution: s.contribution,
      contributionReserveBps: Number(s.contributionReserveBps),
      reserveBps: Number(s.reserveBps),
      commonsBps: Number(s.commonsBps),
      cashBps: Number(s.cashBps),
      interestBps: Number(s.interestBps),
      interestCapBps: Number(s.interestCapBps),
      basis: Number(s.basis),
      instalments: Number(s.instalments),
      revolvingPeriod: s.revolvingPeriod,
    };
  });
  const books = [
    ["held", c.held, () => capital.held(at)],
    ["reserve", c.reserve, () => capital.reserve(at)],
    ["commons", c.commons, () => capital.commons(at)],
    ["cashOwed", c.cashOwed, () => capital.cashOwed(at)],
    ["redemptionsOwed", c.redemptionsOwed, () => capital.redemptionsOwed(at)],
    ["accountsTotal", c.accountsTotal, () => capital.accountsTotal(at)],
    ["totalShares", c.totalShares, () => capital.totalShares(at)],
    ["index", c.index, () => capital.index(at)],
    ["yearCount", BigInt(c.years.size), () => capital.yearCount(at)],
  ] as const;
  for (const [what, folded, read] of books) probe("capital", what, folded, read);
  for (const [member, account] of c.accounts) {
    probe("capital", `account of ${member}`, account, async () => {
      const a = await capital.accountOf(member, at);
      return {
        shares: a.shares,
        value: a.value,
        cash: a.cash,
        settledYears: Number(a.settledYears),
        contributed: a.contributed,
      };
    });
  }
  for (const [member, schedules] of c.redemptions) {
    probe("capital", `redemption schedules of ${member}`, BigInt(schedules.length), () =>
      capital.redemptionCount(member, at),
    );
    for (const redemption of schedules) {
      const i = redemption.schedule;
      probe("capital", `redemption ${i} of ${member}`, redemption, async () => {
        const r = await capital.redemptionOf(member, i, at);
        const { total, paid, start, period } = r;
        return { schedule: i, total, paid, start, period, instalments: Number(r.instalments) };
      });
    }
  }

  // Audit registry: the cap, each period's attestations, the auditors.
  const a = state.audit;
  probe("audit", "wageRatioCap", a.wageRatioCap, async () => Number(await audit.wageRatioCap(at)));
  for (const period of l.periods.keys()) {
    const attestations = a.attestations.get(period) ?? [];
    probe("audit", `attestations of period ${period}`, BigInt(attestations.length), () =>
      audit.attestationCount(period, at),
    );
    attestations.forEach((attestation, i) => {
      const { auditor, reportHash, uri } = attestation;
      probe("audit", `attestation ${i + 1} of period ${period}`, { auditor, reportHash, uri }, async () => {
        const onChain = await audit.attestationOf(period, i, at);
        return { auditor: onChain.auditor, reportHash: onChain.reportHash, uri: onChain.uri };
      });
    });
  }
  for (const auditor of a.auditors) {
    probe("audit", `${auditor} holds AUDITOR_ROLE`, true, () => audit.hasRole(AUDITOR_ROLE, auditor, at));
  }

  return runProbes(probes, options.concurrency ?? 50);
}

/** Reads the probes' views `concurrency` at a time and compares each with its folded value. */
async function runProbes(probes: readonly Probe[], concurrency: number): Promise<Check[]> {
  const checks: Check[] = [];
  for (let i = 0; i < probes.length; i += concurrency) {
    const round = probes.slice(i, i + concurrency);
    const answers = await Promise.all(round.map((p) => p.read()));
    round.forEach(({ section, what, folded }, j) => {
      const [f, o] = [toJson(folded), toJson(answers[j])];
      checks.push({ section, what, folded: f, onChain: o, matched: canonicalJson(f) === canonicalJson(o) });
    });
  }
  return checks;
}
