/** The CLI's value-ledger commands: log work, review it, list entries, show totals, close a period. */
import type { IValueLedger } from "../../types/ethers-contracts/contracts/interfaces/IValueLedger.js";
import {
  ENTRY_STATUSES,
  evidenceHash,
  formatAmount,
  parseAmount,
  parseStream,
  STREAMS,
} from "@disco-ledger/sdk/ledger";
import { queryInChunks } from "../lib/logs.ts";
import { need, parseAddress, signer, UsageError, type Context } from "./context.ts";

export const LEDGER_HELP: Record<string, string> = {
  log: `Usage: npm run cli -- log <livelihood|love|care> <amount> --evidence <reference> [--uri <uri>] --account <n>

Logs your work in the open period. Amounts have two decimals: credits for livelihood and love, hours for care
(0.25 is a quarter hour). --evidence is a reference to evidence kept off-chain (an invoice number, a document
id; its hash is stored) or a 32-byte hash; --uri says where it can be found. No personal data on-chain.`,
  approve: `Usage: npm run cli -- approve <entryId> --account <n>

Approves someone else's pending entry (Committed members). It counts once it has the approvals it needs.`,
  dispute: `Usage: npm run cli -- dispute <entryId> <reason> --account <n>

Disputes someone else's entry (Committed members): a pending or counted one of the open period, or a counted one
of a closed period until its review window ends (its final time: see entries). It then counts only if the members
accept it by vote: npm run cli -- propose resolve <entryId> accept|reject. Accepted after its period became
final, it counts in the period open then.`,
  withdraw: `Usage: npm run cli -- withdraw <entryId> --account <n>

Withdraws your own pending entry.`,
  entries: `Usage: npm run cli -- entries [--period <n>] [--member <address>] [--status <status>]

Lists the entries logged in a period with their status and approvals, by default the open period's, and when
the period closed and became final (its review window over: only then is it funded, closed into a year or
attested). Statuses: pending, counted, disputed, rejected, withdrawn, lapsed (still pending when its period
closed: log the work again in the open period).`,
  totals: `Usage: npm run cli -- totals [<member>] [--period <n>]

A member's counted totals per period and for life, and whether they meet the minimum contribution; without a
member, the whole DisCO's totals per period. --period shows one period only.`,
  "close-period": `Usage: npm run cli -- close-period --account <n>

Closes the open period and opens the next (treasurers). Its pending entries lapse; its counted entries stay
disputable for the review window, after which the period is final and can be funded.`,
};

const option = (ctx: Context, name: string): string | undefined => {
  const value = ctx.options[name];
  return typeof value === "string" ? value : undefined;
};

function parseEntryId(text: string | undefined): bigint {
  const value = need(text, "entryId");
  if (!/^\d+$/.test(value)) throw new UsageError(`Not an entry id: ${value}`);
  return BigInt(value);
}

function parsePeriod(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`Not a period number: ${text}`);
  return Number(text);
}

function amounts(values: readonly bigint[]): string {
  return STREAMS.map((s, i) => `${s} ${formatAmount(values[i])}`).join("  ");
}

function totalsLine(label: string, totals: IValueLedger.TotalsStructOutput): string {
  return `  ${label.padEnd(10)} historical: ${amounts(totals.historical)}\n  ${"".padEnd(10)} payable:    ${amounts(totals.payable_)}`;
}

async function send(what: string, tx: Promise<{ wait(): Promise<{ blockNumber: number } | null> }>): Promise<void> {
  const receipt = await (await tx).wait();
  console.log(`${what} in block ${receipt?.blockNumber}`);
}

async function describeEntry(ctx: Context, entryId: bigint): Promise<string> {
  return formatEntry(entryId, await ctx.ledger.entry(entryId));
}

function formatEntry(entryId: bigint, e: IValueLedger.EntryStructOutput): string {
  const unit = Number(e.stream) === 2 ? "h" : " credits";
  return `entry ${entryId}: ${ENTRY_STATUSES[Number(e.status)]}, ${STREAMS[Number(e.stream)]} ${formatAmount(e.amount)}${unit} by ${e.author} (period ${e.period}, weight ${Number(e.weightBps) / 100}%, approvals ${e.approvals}/${e.approvalsRequired})`;
}

async function log(ctx: Context, args: string[]): Promise<void> {
  const stream = parseStream(need(args[0], "stream"));
  const amount = parseAmount(need(args[1], "amount"));
  const evidence = evidenceHash(need(option(ctx, "evidence"), "--evidence"));
  const period = await ctx.ledger.currentPeriod();
  const author = await signer(ctx);
  await send("Logged", ctx.ledger.connect(author).logWork(stream, amount, period, evidence, option(ctx, "uri") ?? ""));
  console.log(`  ${await describeEntry(ctx, await ctx.ledger.entryCount())}`);
}

async function approve(ctx: Context, args: string[]): Promise<void> {
  const entryId = parseEntryId(args[0]);
  await send("Approved", ctx.ledger.connect(await signer(ctx)).approve(entryId));
  console.log(`  ${await describeEntry(ctx, entryId)}`);
}

async function dispute(ctx: Context, args: string[]): Promise<void> {
  const entryId = parseEntryId(args[0]);
  const reason = need(args[1], "reason");
  await send("Disputed", ctx.ledger.connect(await signer(ctx)).dispute(entryId, reason));
  console.log(`  ${await describeEntry(ctx, entryId)}`);
}

async function withdraw(ctx: Context, args: string[]): Promise<void> {
  const entryId = parseEntryId(args[0]);
  await send("Withdrawn", ctx.ledger.connect(await signer(ctx)).withdraw(entryId));
}

const date = (seconds: bigint): string => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

/** A period's state: open, or closed and final (or when it will be), by the chain's clock. */
async function periodState(ctx: Context, period: number | bigint): Promise<string> {
  const [info, final] = await Promise.all([ctx.ledger.periodInfo(period), ctx.ledger.isFinal(period)]);
  if (info.closedAt === 0n) return "open";
  const disputes = info.openDisputes > 0n ? `, ${info.openDisputes} dispute(s) open` : "";
  return `closed ${date(info.closedAt)}, ${final ? "final" : `final at ${date(info.finalAt)} (review window)`}${disputes}`;
}

async function closePeriod(ctx: Context): Promise<void> {
  const period = await ctx.ledger.currentPeriod();
  await send(`Closed period ${period}`, ctx.ledger.connect(await signer(ctx)).closePeriod());
  console.log(`  period ${period}: ${await periodState(ctx, period)}`);
  console.log(`  period ${await ctx.ledger.currentPeriod()} is open`);
}

async function entries(ctx: Context): Promise<void> {
  const { ledger, provider, deployment } = ctx;
  const periodText = option(ctx, "period");
  const period = periodText === undefined ? Number(await ledger.currentPeriod()) : parsePeriod(periodText);
  const memberText = option(ctx, "member");
  const member = memberText === undefined ? undefined : parseAddress(memberText, "--member");
  const statusText = option(ctx, "status")?.toLowerCase();
  const status = statusText === undefined ? undefined : ENTRY_STATUSES.findIndex((s) => s.toLowerCase() === statusText);
  if (status !== undefined && status <= 0) {
    throw new UsageError(`Unknown status "${statusText}": pending, counted, disputed, rejected, withdrawn or lapsed`);
  }
  const logged = await queryInChunks(
    provider,
    ledger,
    ledger.filters.EntryLogged(undefined, member, period),
    deployment.startBlock,
  );
  const lines: string[] = [];
  for (const event of logged) {
    const entry = await ledger.entry(event.args.entryId);
    if (status !== undefined && Number(entry.status) !== status) continue;
    // Accepted after its period was final, the entry counts in a later period (EntryMoved).
    const moved =
      Number(entry.period) !== period ? `; logged in period ${period}, counts in period ${entry.period}` : "";
    lines.push(`  ${formatEntry(event.args.entryId, entry)}${moved}`);
  }
  console.log(
    `${lines.length} entries in period ${period} (${await periodState(ctx, period)})${member ? ` by ${member}` : ""}`,
  );
  for (const line of lines) console.log(line);
}

async function totals(ctx: Context, args: string[]): Promise<void> {
  const { ledger } = ctx;
  const current = Number(await ledger.currentPeriod());
  const periodText = option(ctx, "period");
  const periods =
    periodText === undefined ? Array.from({ length: current }, (_, i) => i + 1) : [parsePeriod(periodText)];
  const label = (p: number) => `period ${p}${p === current ? "*" : ""}`;
  if (args[0] === undefined) {
    console.log("The DisCO's counted totals (* the open period)");
    for (const p of periods) console.log(totalsLine(label(p), await ledger.periodTotals(p)));
    return;
  }
  const member = parseAddress(args[0], "member");
  console.log(`${member}'s counted totals (* the open period)`);
  for (const p of periods) console.log(totalsLine(label(p), await ledger.memberPeriodTotals(member, p)));
  console.log(totalsLine("lifetime", await ledger.lifetimeTotals(member)));
  const [meets, credits, required] = await ledger.meetsMinimumContribution(member);
  const [, window] = await ledger.minimumContribution();
  console.log(
    `  minimum contribution: ${formatAmount(credits)} of ${formatAmount(required)} credits over the last ${window} closed periods: ${meets ? "met" : "not met"} (reported, not enforced)`,
  );
}

export const LEDGER_COMMANDS: Record<string, (ctx: Context, args: string[]) => Promise<void>> = {
  log,
  approve,
  dispute,
  withdraw,
  entries: (ctx) => entries(ctx),
  totals,
  "close-period": (ctx) => closePeriod(ctx),
};
