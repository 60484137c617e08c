/**
 * The auditor's report: the reconciliation of the folded history with the contracts' views, the bylaw checks, each
 * closed period's books with the hash an auditor attests, and the attestations on record. A plain object (for the
 * dApp and the JSON file), a text rendering, a canonical form and its hash. Browser-safe.
 */
import { formatUnits } from "viem";
import type { Deployment } from "../deployment.ts";
import type { HistoryState, LedgerEntry } from "../history/index.ts";
import { STREAMS } from "../ledger.ts";
import { hashOf } from "./canonical.ts";
import {
  membersByPeriod,
  proposalChecks,
  traceMoney,
  wageRatioChecks,
  type Fraction,
  type MemberTotals,
  type MoneyCheck,
  type ProposalCheck,
  type WageRatioCheck,
} from "./checks.ts";
import { reconcile, SECTIONS, type Check, type Section } from "./reconcile.ts";
import { blocksToTime, isoDate, loadBlockTimes, parseClockMode, type ClockMode, type Timeline } from "./timeline.ts";
import { readViews, view, type AuditViews } from "./views.ts";

/** The report's format, in its JSON: a reader knows what it reads. */
export const REPORT_FORMAT = "disco-audit/1";
/** The format of one period's books, the object whose hash is attested. */
export const PERIOD_BOOKS_FORMAT = "disco-period-books/1";

export interface Currency {
  address: string;
  symbol: string;
  decimals: number;
}

/** One attestation on record, and whether it attests the books this report rebuilt for its period. */
export interface AttestationLine {
  auditor: string;
  reportHash: string;
  uri: string;
  block: number;
  txHash: string;
  matches: boolean;
}

export interface PeriodReport {
  period: number;
  closed: boolean;
  /** When its review window ends (closedAt + the review window), as a decimal timestamp; null while open. Only a
   * final period can be funded, closed into a year or attested. */
  finalAt: string | null;
  /** keccak256 of the canonical JSON of `books`: what `--attest <period>` records. Null while the period is open. */
  readonly hash: string | null;
  books: PeriodBooks;
  attestations: AttestationLine[];
}

export interface AuditReport {
  format: typeof REPORT_FORMAT;
  chainId: number;
  network: string;
  governor: string;
  fromBlock: number;
  toBlock: number;
  clockMode: ClockMode;
  currency: Currency;
  /** Where the figures the checks use come from, beyond the logs. */
  sources: string[];
  reconciliation: {
    matched: number;
    mismatched: number;
    bySection: Record<Section, { matched: number; mismatched: number }>;
    checks: Check[];
  };
  wageRatio: WageRatioCheck[];
  proposals: ProposalCheck[];
  money: MoneyCheck;
  periods: PeriodReport[];
  summary: { mismatches: number; brokenChecks: number; ok: boolean };
}

export interface AuditOptions {
  deployment: Pick<Deployment, "chainId" | "network" | "startBlock"> & {
    contracts: { governor: { address: string }; ledger: { address: string } };
  };
  /** The last block of the history: the views are read there. */
  toBlock: number;
  /** Block times already known (a cache); the ones the audit reads are added to it. */
  blockTimes?: Map<number, bigint>;
  /** Read the time of every block an export dates, not only those the checks need (default true). */
  dates?: boolean;
  /** Block headers requested at once (default 50). The views are read many to an eth_call (readViews). */
  concurrency?: number;
}

/**
 * Audits a folded history against its deployment's views: reads the governor's clock mode and the block times it
 * needs, reconciles every figure at `toBlock`, runs the bylaw checks and builds each closed period's books.
 */
export async function auditHistory(
  state: HistoryState,
  views: AuditViews,
  options: AuditOptions,
): Promise<AuditReport> {
  const dates = options.dates ?? true;
  const { governor, token } = views;
  const [clock, now, symbol, decimals] = await readViews<unknown>(
    views.client,
    [
      view(governor, "CLOCK_MODE", []),
      view(governor, "clock", [], BigInt),
      view(token, "symbol", []),
      view(token, "decimals", []),
    ],
    { blockNumber: options.toBlock },
  );
  const mode = parseClockMode(clock as string);
  const blocks = mode === "timestamp" || dates ? blocksToTime(state, dates) : [];
  const times = await loadBlockTimes(views.client, blocks, options.blockTimes, options.concurrency);
  const timeline: Timeline = { mode, times };
  const checks = await reconcile(state, views, {
    blockTag: options.toBlock,
    now: now as bigint,
    timeline,
  });
  return buildReport(state, {
    chainId: options.deployment.chainId,
    network: options.deployment.network,
    governor: options.deployment.contracts.governor.address,
    ledger: options.deployment.contracts.ledger.address,
    fromBlock: options.deployment.startBlock,
    toBlock: options.toBlock,
    timeline,
    currency: { address: token.address, symbol: symbol as string, decimals: decimals as number },
    checks,
    now: now as bigint,
  });
}

export interface ReportInputs {
  chainId: number;
  network: string;
  governor: string;
  ledger: string;
  fromBlock: number;
  toBlock: number;
  timeline: Timeline;
  currency: Currency;
  checks: Check[];
  /** The governor's clock at `toBlock`, which Pending and Active proposals are told by; omitted: after every vote. */
  now?: bigint;
}

/** The report from the folded state and its reconciliation: pure. */
export function buildReport(state: HistoryState, inputs: ReportInputs): AuditReport {
  const { checks, timeline } = inputs;
  const index = periodIndex(state);
  const wageRatio = wageRatioChecks(state, index.members);
  const wageOf = new Map(wageRatio.map((w) => [w.period, w]));
  const proposals = proposalChecks(state, timeline, inputs.now);
  const money = traceMoney(state);
  const bySection = Object.fromEntries(SECTIONS.map((s) => [s, { matched: 0, mismatched: 0 }])) as Record<
    Section,
    { matched: number; mismatched: number }
  >;
  for (const check of checks) bySection[check.section][check.matched ? "matched" : "mismatched"]++;
  const mismatches = checks.filter((c) => !c.matched).length;
  const brokenChecks =
    wageRatio.filter((w) => !w.ok).length +
    proposals.filter((p) => !p.ok).length +
    money.untraced.length +
    money.unpaid.length;

  const periods = [...state.ledger.periods.keys()]
    .sort((a, b) => a - b)
    .map((period): PeriodReport => {
      const books = periodBooks(state, period, inputs, wageOf.get(period), index);
      const closed = books.closedAt !== "0";
      // Hashing a period's books (megabytes of canonical JSON for a busy period) is the audit's dearest step, so a
      // period's hash is computed when first read (an attestation to check, the report, the files), and once.
      let hash: string | null | undefined;
      const booksHash = () => (hash ??= closed ? hashOf(books) : null);
      const attestations = (state.audit.attestations.get(period) ?? []).map((a) => ({
        auditor: a.auditor,
        reportHash: a.reportHash,
        uri: a.uri,
        block: a.block,
        txHash: a.txHash,
        matches: a.reportHash === booksHash(),
      }));
      const finalAt = state.ledger.periods.get(period)?.finalAt ?? null;
      return {
        period,
        closed,
        finalAt: finalAt === null ? null : finalAt.toString(),
        get hash() {
          return booksHash();
        },
        books,
        attestations,
      };
    });

  return {
    format: REPORT_FORMAT,
    chainId: inputs.chainId,
    network: inputs.network,
    governor: inputs.governor,
    fromBlock: inputs.fromBlock,
    toBlock: inputs.toBlock,
    clockMode: timeline.mode,
    currency: inputs.currency,
    sources: [
      `Every figure marked "folded" is rebuilt from the logs of blocks ${inputs.fromBlock}-${inputs.toBlock} alone.`,
      `Every "on chain" figure is a contract view read at block ${inputs.toBlock}.`,
      timeline.mode === "timestamp"
        ? "The governor's clock is timestamps: the times of the blocks holding membership and quorum events come from the provider's block headers, so that each proposal's snapshot can be placed among them."
        : "The governor's clock is block numbers: snapshots are placed among the events by their blocks.",
      "Quorum, threshold, constituency weighting and each vote's eligibility are re-derived from the events; the governor's quorum(snapshot) and weightedVotes() are only compared with them, in the reconciliation.",
    ],
    reconciliation: { matched: checks.length - mismatches, mismatched: mismatches, bySection, checks },
    wageRatio,
    proposals,
    money,
    periods,
    summary: { mismatches, brokenChecks, ok: mismatches === 0 && brokenChecks === 0 },
  };
}

/** One period's books: its dates, totals, each member's totals, every entry and its review, its funding. */
export type PeriodBooks = ReturnType<typeof periodBooks>;

/** What each period's books gather from the whole ledger, gathered for every period in one pass. */
export interface PeriodIndex {
  /** Each member's totals in the period, by address (membersByPeriod). */
  members: ReadonlyMap<number, MemberTotals>;
  /** The entries logged in the period or moved out of it, in the ledger's order. */
  entries: ReadonlyMap<number, readonly LedgerEntry[]>;
}

/** The ledger by period, for periodBooks. */
export function periodIndex(state: HistoryState): PeriodIndex {
  const entries = new Map<number, LedgerEntry[]>();
  const add = (period: number, entry: LedgerEntry) => {
    const list = entries.get(period);
    if (list) list.push(entry);
    else entries.set(period, [entry]);
  };
  for (const entry of state.ledger.entries.values()) {
    add(entry.period, entry);
    if (entry.moved && entry.moved.fromPeriod !== entry.period) add(entry.moved.fromPeriod, entry);
  }
  return { members: membersByPeriod(state), entries };
}

/**
 * What an auditor attests for one period: everything about it that can't change once it is closed and funded, so
 * the same books rebuilt later hash the same. Claims are left out (members claim whenever they like); a funding
 * that comes after an attestation changes the hash, and the report then says the attestation no longer matches.
 * Addresses are lowercase and amounts decimal strings, so the canonical JSON is one text.
 */
export function periodBooks(
  state: HistoryState,
  period: number,
  deployment: { chainId: number; ledger: string },
  wage: WageRatioCheck | undefined,
  index: PeriodIndex = periodIndex(state),
) {
  const p = state.ledger.periods.get(period);
  if (!p) throw new Error(`No period ${period} in the history`);
  const lower = (a: string) => a.toLowerCase();
  const funding = state.treasury.fundings.get(period);
  return {
    format: PERIOD_BOOKS_FORMAT,
    chainId: deployment.chainId,
    ledger: lower(deployment.ledger),
    period,
    openedAt: p.openedAt.toString(),
    closedAt: (p.closedAt ?? 0n).toString(),
    closedBy: p.closedBy === null ? null : lower(p.closedBy),
    totals: { historical: p.totals.historical.map(String), payable: p.totals.payable.map(String) },
    members: (index.members.get(period) ?? []).map(({ member, totals: t }) => ({
      member,
      historical: t.historical.map(String),
      payable: t.payable.map(String),
    })),
    // Work logged in the period, and work accepted into it after its own period was final (movedFrom); the fields
    // of a move are absent otherwise, so books without one read as they always did.
    entries: (index.entries.get(period) ?? []).map((e) => ({
      id: e.id.toString(),
      author: lower(e.author),
      stream: STREAMS[e.stream],
      amount: e.amount.toString(),
      weightBps: e.weightBps,
      payable: e.payable.toString(),
      evidence: e.evidence,
      // The ledger's note, under the key it had when named uri: disco-period-books/1's bytes, and so the hashes
      // attested on chain, stay as they were.
      uri: e.note,
      status: e.status,
      settled: e.settled,
      approvers: e.approvals.map((a) => lower(a.approver)),
      disputes: e.disputes.map((d) => ({ disputer: lower(d.disputer), reason: d.reason })),
      resolutions: e.resolutions.map((r) => r.accepted),
      movedFrom: e.moved && e.moved.toPeriod === period ? e.moved.fromPeriod : undefined,
      movedTo: e.moved && e.moved.fromPeriod === period ? e.moved.toPeriod : undefined,
    })),
    funding: funding
      ? {
          amount: funding.amount.toString(),
          treasurer: lower(funding.treasurer),
          bucketsBps: funding.bucketsBps,
          streamPools: funding.streamPools.map(String),
          periodPayable: funding.periodPayable.map(String),
        }
      : null,
    wageRatio: wage ? { capX100: wage.capX100, ratio: wage.ratioText, ok: wage.ok } : null,
  };
}

/** keccak256 of the whole report's canonical JSON: names this exact report (its files carry it). */
export const reportHash = (report: AuditReport): string => hashOf(report);

/** The process exit status the report calls for: 1 on any mismatch or broken bylaw check. */
export const exitStatus = (report: AuditReport): 0 | 1 => (report.summary.ok ? 0 : 1);

/** An amount in token units with at least one decimal, as the report has always printed it: "8000.0", "0.5". */
function units(amount: bigint, decimals: number): string {
  const text = formatUnits(amount, decimals);
  return text.includes(".") ? text : `${text}.0`;
}

/** The report as text: what the audit command prints. */
export function renderReport(report: AuditReport): string {
  const { currency } = report;
  const money = (amount: bigint) => `${units(amount, currency.decimals)} ${currency.symbol}`;
  const perHour = (f: Fraction) => `${money(f.num / f.den)}/h`;
  const show = (v: unknown) => JSON.stringify(v);
  const lines: string[] = [];
  const out = (line = "") => lines.push(line);

  out(`DisCO audit: chain ${report.chainId} (${report.network}), governor ${report.governor}`);
  out(`History of blocks ${report.fromBlock}-${report.toBlock}; governor clock mode=${report.clockMode}`);
  out(`Report hash ${reportHash(report)}`);

  const r = report.reconciliation;
  out();
  out(`RECONCILIATION: ${r.matched} figures matched, ${r.mismatched} mismatched`);
  for (const section of SECTIONS) {
    const s = r.bySection[section];
    out(`  ${section.padEnd(11)} ${s.matched} matched${s.mismatched ? `, ${s.mismatched} MISMATCHED` : ""}`);
  }
  const mismatched = r.checks.filter((c) => !c.matched);
  if (mismatched.length > 0) {
    out("Mismatches:");
    for (const c of mismatched)
      out(`  x ${c.section}: ${c.what}: folded ${show(c.folded)}, on chain ${show(c.onChain)}`);
  }
  out("Matched:");
  for (const c of r.checks.filter((c) => c.matched)) out(`  ok ${c.section}: ${c.what}: ${show(c.folded)}`);

  out();
  out("BYLAW CHECKS");
  out("Wage ratio of each paid period (best over worst paid hour of livelihood work, cap in force when funded):");
  if (report.wageRatio.length === 0) out("  no funded period");
  for (const w of report.wageRatio) {
    const cap = w.capX100 === null ? "no cap set" : `cap ${(w.capX100 / 100).toFixed(2)}`;
    const verdict = w.ok ? "ok" : "BROKEN";
    const best = w.paid.find((p) => p.member === w.best);
    const worst = w.paid.find((p) => p.member === w.worst);
    const range =
      best && worst
        ? `; best ${best.member} ${perHour(best.perHour)}, worst ${worst.member} ${perHour(worst.perHour)}`
        : "; no livelihood pay";
    out(`  period ${w.period}: ${w.ratioText} (${cap}) ${verdict}${range}`);
    if (w.unpaid.length > 0)
      out(
        `    livelihood work that paid nothing (a stage weighted 0, or no livelihood pool), outside the ratio: ${w.unpaid.join(", ")}`,
      );
  }
  out("Proposals (state, quorum and threshold at the snapshot, re-derived from the events by the decision table):");
  if (report.proposals.length === 0) out("  none");
  // Every proposal, in the order they were made (proposalChecks): the i-th is #i+1, as the app and the CLI number them.
  for (const [i, p] of report.proposals.entries()) {
    const q = p.quorum;
    const t = p.threshold;
    const quorum = `quorum ${q.participation} of ${q.required ?? "?"} needed (${q.bindingMembers} binding members x ${q.numeratorBps ?? "?"} bps)`;
    const tally = t.weighted
      ? `weighted For ${t.forVotes} Against ${t.againstVotes}`
      : `For ${t.forVotes} Against ${t.againstVotes} Block ${t.blockVotes}`;
    out(`  #${i + 1} (id ${p.proposalId}) ${p.kind ?? "?"} ${p.state}: "${p.description}"`);
    out(
      `    ${quorum} ${q.reached ? "reached" : "NOT REACHED"}; ${t.rule}: ${tally} ${t.passed ? "passed" : "NOT PASSED"}; ${p.ok ? "ok" : "BROKEN"}`,
    );
    for (const v of p.ineligibleVotes) {
      out(`    vote of ${v.voter} counted ${v.countedAs}, but the voter was ${v.stageAtSnapshot} at the snapshot`);
    }
  }
  const m = report.money;
  const outs = m.movements.filter((x) => x.direction === "out");
  const kinds = new Map<string, number>();
  for (const x of outs) if (x.tracedTo) kinds.set(x.tracedTo, (kinds.get(x.tracedTo) ?? 0) + 1);
  const byKind = [...kinds].map(([k, n]) => `${n} ${k}`).join(", ") || "none";
  out(`Money out of the treasury: ${outs.length} transfers, ${outs.length - m.untraced.length} traced (${byKind})`);
  for (const x of m.untraced) out(`  UNTRACED ${money(x.amount)} to ${x.to} in tx ${x.txHash}: ${x.detail}`);
  for (const x of m.unpaid) out(`  NO TRANSFER for ${x.kind} of ${money(x.amount)} to ${x.to} in tx ${x.txHash}`);
  for (const x of m.unreferenced)
    out(`  note: ${money(x.amount)} came in from ${x.from} without a reference (tx ${x.txHash})`);

  out();
  out("PERIODS AND ATTESTATIONS (the hash is keccak256 of the period's books, period-<n>.json)");
  for (const p of report.periods) {
    const final = p.finalAt === null ? "" : ` (final at ${isoDate(BigInt(p.finalAt))})`;
    out(`  period ${p.period}: ${p.closed ? `books ${p.hash}${final}` : "open: not attestable yet"}`);
    if (p.attestations.length === 0 && p.closed) out("    no attestation");
    for (const a of p.attestations) {
      const match = a.matches ? "matches these books" : "DIFFERS from these books";
      out(`    attested by ${a.auditor}: ${a.reportHash}${a.uri ? ` (${a.uri})` : ""}, ${match}`);
    }
  }

  out();
  out("SOURCES");
  for (const s of report.sources) out(`  ${s}`);
  out();
  const s = report.summary;
  out(
    s.ok
      ? "RESULT: OK: every figure matched and every bylaw check passed."
      : `RESULT: FAILED: ${s.mismatches} mismatches, ${s.brokenChecks} broken bylaw checks.`,
  );
  return lines.join("\n");
}
