/**
 * The books as tables for a spreadsheet or another tool: members, entries, periods, proposals, votes, money
 * movements (each with what it is traced to), capital accounts, allocations and redemptions; as CSV (RFC 4180) and
 * JSON. Browser-safe: this builds text; write.ts puts it in files.
 */
import { getAddress, numberToHex } from "viem";
import { proposalNumbers } from "../governance.ts";
import { formatAmount, STREAMS } from "../ledger.ts";
import type { CapitalAccount, HistoryState, LedgerEntry, PeriodState, Proposal, Vote } from "../history/index.ts";
import type { AuditReport } from "./report.ts";
import { isoDate, isoDateOf, type Timeline } from "./timeline.ts";

/** A cell: JSON keeps its type; CSV writes it as text (integers in full, never in scientific notation). */
export type Cell = string | number | boolean | null;

export interface Column {
  name: string;
  /** Free text someone typed (a reason, a description, a URI): a spreadsheet must not run it as a formula. */
  text?: boolean;
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Cell[][];
}

/**
 * A proposal id (a 256-bit hash) as 0x and 64 hex digits: a spreadsheet keeps it as text, where it would turn 77
 * decimal digits into 6.2E+76. The CLI takes either form.
 */
export const proposalHex = (id: bigint): string => numberToHex(id, { size: 32 });

/** A raw integer amount in units with `decimals` decimals, every decimal written: 1500000n, 6 -> "1.500000". */
export function decimalUnits(raw: bigint, decimals: number): string {
  const sign = raw < 0n ? "-" : "";
  const abs = raw < 0n ? -raw : raw;
  if (decimals === 0) return `${sign}${abs}`;
  const scale = 10n ** BigInt(decimals);
  return `${sign}${abs / scale}.${(abs % scale).toString().padStart(decimals, "0")}`;
}

/** A column spec: its name, its value for an item, and whether it is free text. */
type Spec<T> = [string, (item: T) => Cell, boolean?];

/** Builds a table from items and column specs. */
function table<T>(name: string, items: Iterable<T>, spec: Array<Spec<T>>): Table {
  return {
    name,
    columns: spec.map(([column, , text]) => (text ? { name: column, text } : { name: column })),
    rows: [...items].map((item) => spec.map(([, value]) => value(item))),
  };
}

/**
 * Every table of the books, from the folded state, the report built on it (traces, checks, period hashes) and the
 * block times it read (auditHistory's `blockTimes`).
 * Currency amounts come as `<name>` (token units, all decimals) and `<name>Raw` (the integer on chain); ledger
 * amounts (credits, hours) with their two decimals and raw the same way. Dates are ISO 8601 (UTC) where the block's
 * time is known, or the contracts give one.
 */
export function auditTables(
  state: HistoryState,
  report: AuditReport,
  blockTimes: ReadonlyMap<number, bigint>,
): Table[] {
  const timeline: Timeline = { mode: report.clockMode, times: blockTimes };
  const { decimals } = report.currency;
  /** A currency amount in token units and raw. */
  const money = <T>(name: string, get: (item: T) => bigint): Array<Spec<T>> => [
    [name, (item) => decimalUnits(get(item), decimals)],
    [`${name}Raw`, (item) => get(item).toString()],
  ];
  /** A ledger amount (credits or hours) with its two decimals and raw. */
  const credits = <T>(name: string, get: (item: T) => bigint): Array<Spec<T>> => [
    [name, (item) => formatAmount(get(item))],
    [`${name}Raw`, (item) => get(item).toString()],
  ];
  const when = (block: number | undefined | null) => (block == null ? "" : isoDateOf(timeline, block));
  const timepoint = (t: bigint) => (timeline.mode === "timestamp" ? isoDate(t) : t.toString());
  const constituencyName = (c: number) => state.constituencies.get(c) ?? "";
  const contributed = new Set(state.capital.contributions.map((c) => c.member.toLowerCase()));

  type MemberRow = {
    account: string;
    status: string;
    stage: string;
    constituency: number;
    mentor: string | null;
    joinedBlock: number;
    endedBlock: number | null;
    reason: string | null;
  };
  const members: MemberRow[] = [
    ...[...state.members.current.values()].map((m) => ({ ...m, status: "member", endedBlock: null, reason: null })),
    ...[...state.members.former.values()].map((m) => ({ ...m, status: m.reason === null ? "left" : "removed" })),
  ];

  const tables: Table[] = [
    table("members", members, [
      ["account", (m) => m.account],
      ["status", (m) => m.status],
      ["stage", (m) => m.stage],
      ["constituency", (m) => m.constituency],
      ["constituencyName", (m) => constituencyName(m.constituency), true],
      ["mentor", (m) => m.mentor ?? ""],
      ["joinedBlock", (m) => m.joinedBlock],
      ["joinedAt", (m) => when(m.joinedBlock)],
      ["endedBlock", (m) => m.endedBlock],
      ["endedAt", (m) => when(m.endedBlock)],
      ["removalReason", (m) => m.reason ?? "", true],
      ["contributedCapital", (m) => contributed.has(m.account.toLowerCase())],
    ]),
  ];

  type EntryRow = LedgerEntry;
  tables.push(
    table<EntryRow>("entries", state.ledger.entries.values(), [
      ["id", (e) => e.id.toString()],
      ["period", (e) => e.period],
      ["author", (e) => e.author],
      ["stream", (e) => STREAMS[e.stream]],
      ...credits<EntryRow>("amount", (e) => e.amount),
      ["weightBps", (e) => e.weightBps],
      ...credits<EntryRow>("payable", (e) => e.payable),
      ["status", (e) => e.status],
      ["movedFromPeriod", (e) => e.moved?.fromPeriod ?? null],
      ["approvers", (e) => e.approvals.map((a) => a.approver).join(" ")],
      ["settled", (e) => e.settled],
      ["evidence", (e) => e.evidence],
      // The ledger's note (once named uri): the column keeps its name, as the attested books keep theirs.
      ["uri", (e) => e.note, true],
      ["disputes", (e) => e.disputes.map((d) => `${d.disputer}: ${d.reason}`).join("\n"), true],
      ["resolutions", (e) => e.resolutions.map((r) => (r.accepted ? "accepted" : "rejected")).join(" ")],
      ["loggedBlock", (e) => e.logged.block],
      ["loggedAt", (e) => when(e.logged.block)],
      ["txHash", (e) => e.logged.txHash],
    ]),
  );

  type PeriodRow = PeriodState;
  const perStream = (name: string, get: (p: PeriodRow) => readonly bigint[]) =>
    STREAMS.flatMap((stream, s) => credits<PeriodRow>(`${name}${stream}`, (p) => get(p)[s]));
  const funding = (p: PeriodRow) => state.treasury.fundings.get(p.period);
  const reportedOf = new Map(report.periods.map((r) => [r.period, r]));
  const wageOf = new Map(report.wageRatio.map((w) => [w.period, w]));
  const reported = (p: PeriodRow) => reportedOf.get(p.period);
  const wage = (p: PeriodRow) => wageOf.get(p.period);
  tables.push(
    table<PeriodRow>("periods", state.ledger.periods.values(), [
      ["period", (p) => p.period],
      ["openedAt", (p) => isoDate(p.openedAt)],
      ["closedAt", (p) => isoDate(p.closedAt ?? 0n)],
      ["finalAt", (p) => isoDate(p.finalAt ?? 0n)],
      ["closedBy", (p) => p.closedBy ?? ""],
      ...perStream("historical", (p) => p.totals.historical),
      ...perStream("payable", (p) => p.totals.payable),
      ...money<PeriodRow>("funded", (p) => funding(p)?.amount ?? 0n),
      ...STREAMS.flatMap((stream, s) => money<PeriodRow>(`pool${stream}`, (p) => funding(p)?.streamPools[s] ?? 0n)),
      ...money<PeriodRow>("claimed", (p) => funding(p)?.claimed ?? 0n),
      ["wageRatio", (p) => wage(p)?.ratioText ?? ""],
      [
        "wageRatioCap",
        (p) => {
          const cap = wage(p)?.capX100;
          return cap == null ? "" : (cap / 100).toFixed(2);
        },
      ],
      ["wageRatioOk", (p) => wage(p)?.ok ?? null],
      ["booksHash", (p) => reported(p)?.hash ?? ""],
      ["attestations", (p) => reported(p)?.attestations.length ?? 0],
    ]),
  );

  type ProposalRow = Proposal;
  // Proposals by their short number, #1, #2… as the app and the CLI show them; the id stays for other tools.
  const numbers = proposalNumbers(state.governance.proposals);
  const numberOf = (id: bigint | null) => (id === null ? null : (numbers.get(id) ?? null));
  const checkOf = new Map(report.proposals.map((c) => [c.proposalId, c]));
  const checked = (p: ProposalRow) => checkOf.get(p.id);
  tables.push(
    table<ProposalRow>("proposals", state.governance.proposals.values(), [
      ["number", (p) => numberOf(p.id)],
      ["id", (p) => proposalHex(p.id)],
      ["kind", (p) => p.kind ?? ""],
      ["state", (p) => checked(p)?.state ?? ""],
      ["proposer", (p) => p.proposer],
      ["description", (p) => p.description, true],
      ["voteStart", (p) => timepoint(p.voteStart)],
      ["voteEnd", (p) => timepoint(p.voteEnd)],
      ["for", (p) => p.tally.forVotes],
      ["against", (p) => p.tally.againstVotes],
      ["abstain", (p) => p.tally.abstainVotes],
      ["block", (p) => p.tally.blockVotes],
      ["advisoryFor", (p) => p.tally.advisoryFor],
      ["advisoryAgainst", (p) => p.tally.advisoryAgainst],
      ["advisoryAbstain", (p) => p.tally.advisoryAbstain],
      ["advisoryBlock", (p) => p.tally.advisoryBlock],
      [
        "supermajority",
        (p) =>
          p.kind === "Bylaw" && p.supermajority ? `${p.supermajority.numerator}/${p.supermajority.denominator}` : "",
      ],
      ["weighted", (p) => p.weighted],
      ["bindingMembers", (p) => checked(p)?.quorum.bindingMembers ?? null],
      ["quorumBps", (p) => checked(p)?.quorum.numeratorBps?.toString() ?? ""],
      ["quorumRequired", (p) => checked(p)?.quorum.required?.toString() ?? ""],
      ["participation", (p) => checked(p)?.quorum.participation ?? null],
      ["quorumReached", (p) => checked(p)?.quorum.reached ?? null],
      ["thresholdPassed", (p) => checked(p)?.threshold.passed ?? null],
      ["rulesMet", (p) => checked(p)?.ok ?? null],
      ["createdBlock", (p) => p.created.block],
      ["createdAt", (p) => when(p.created.block)],
      ["executedAt", (p) => when(p.executed?.block)],
      ["executedTx", (p) => p.executed?.txHash ?? ""],
    ]),
  );

  type VoteRow = Vote;
  tables.push(
    table<VoteRow>("votes", state.governance.votes, [
      ["proposalNumber", (v) => numberOf(v.proposalId)],
      ["proposalId", (v) => proposalHex(v.proposalId)],
      ["voter", (v) => v.voter],
      ["support", (v) => v.support],
      ["binding", (v) => v.binding],
      ["reason", (v) => v.reason, true],
      ["block", (v) => v.block],
      ["at", (v) => when(v.block)],
      ["txHash", (v) => v.txHash],
    ]),
  );

  type MovementRow = AuditReport["money"]["movements"][number];
  tables.push(
    table<MovementRow>("movements", report.money.movements, [
      ["direction", (m) => m.direction],
      ["from", (m) => m.from],
      ["to", (m) => m.to],
      ...money<MovementRow>("amount", (m) => m.amount),
      ["tracedTo", (m) => m.tracedTo ?? "UNTRACED"],
      ["detail", (m) => m.detail, true],
      ["proposalNumber", (m) => numberOf(m.proposalId)],
      ["proposalId", (m) => (m.proposalId === null ? "" : proposalHex(m.proposalId))],
      ["block", (m) => m.block],
      ["at", (m) => when(m.block)],
      ["txHash", (m) => m.txHash],
    ]),
  );

  type AccountRow = [string, CapitalAccount];
  const schedules = (member: string) => state.capital.redemptions.get(member) ?? [];
  const redeemed = (member: string, part: "total" | "paid") => schedules(member).reduce((sum, r) => sum + r[part], 0n);
  tables.push(
    table<AccountRow>("capital-accounts", state.capital.accounts, [
      ["member", ([member]) => getAddress(member)],
      ["contributed", ([, a]) => a.contributed],
      ["shares", ([, a]) => a.shares.toString()],
      ...money<AccountRow>("value", ([, a]) => a.value),
      ...money<AccountRow>("cash", ([, a]) => a.cash),
      ["settledYears", ([, a]) => a.settledYears],
      ["redemptionSchedules", ([m]) => schedules(m).length],
      ...money<AccountRow>("redemptionTotal", ([m]) => redeemed(m, "total")),
      ...money<AccountRow>("redemptionPaid", ([m]) => redeemed(m, "paid")),
    ]),
  );

  type AllocationRow = HistoryState["capital"]["allocations"][number];
  tables.push(
    table<AllocationRow>("allocations", state.capital.allocations, [
      ["year", (a) => a.year],
      ["member", (a) => a.member],
      ...credits<AllocationRow>("patronage", (a) => a.patronage),
      ...money<AllocationRow>("cash", (a) => a.cash),
      ["shares", (a) => a.shares.toString()],
      ...money<AllocationRow>("value", (a) => a.value),
      ["block", (a) => a.block],
      ["at", (a) => when(a.block)],
      ["txHash", (a) => a.txHash],
    ]),
  );

  /** Per schedule: its total when scheduled, what it has paid in all after each payment. */
  type RedemptionRow = {
    event: string;
    member: string;
    schedule: number;
    amount: bigint;
    total: bigint;
    block: number;
    logIndex: number;
    txHash: string;
  };
  const redemptions: RedemptionRow[] = [
    ...state.capital.redemptionsScheduled.map((r) => ({ ...r, event: "scheduled", total: r.amount })),
    ...state.capital.redemptionsPaid.map((r) => ({ ...r, event: "paid", total: r.paidTotal })),
  ].sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  tables.push(
    table<RedemptionRow>("redemptions", redemptions, [
      ["event", (r) => r.event],
      ["member", (r) => r.member],
      ["schedule", (r) => r.schedule],
      ...money<RedemptionRow>("amount", (r) => r.amount),
      ...money<RedemptionRow>("total", (r) => r.total),
      ["block", (r) => r.block],
      ["at", (r) => when(r.block)],
      ["txHash", (r) => r.txHash],
    ]),
  );
  return tables;
}

/** Text a spreadsheet would read as a formula (=, +, -, @, a tab or a return first) gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a comma, a quote, a CR or an LF, its quotes doubled (RFC 4180). */
export function csvField(cell: Cell, text = false): string {
  let value = cell === null ? "" : String(cell);
  if (text && FORMULA_START.test(value)) value = `'${value}`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A table as CSV: RFC 4180 (header row, CRLF after every record, fields quoted as needed), UTF-8 with a byte order
 * mark so that spreadsheets read names and reasons in any script correctly.
 */
export function toCsv(t: Table): string {
  const line = (cells: Cell[]) => `${cells.map((cell, i) => csvField(cell, t.columns[i].text)).join(",")}\r\n`;
  return `\uFEFF${line(t.columns.map((c) => c.name))}${t.rows.map(line).join("")}`;
}

/** A table as a JSON array of objects keyed by column (integers that JSON can't hold exactly are strings). */
export function tableJson(t: Table): string {
  return JSON.stringify(
    t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.name, row[i]]))),
    null,
    2,
  );
}
