/** The CLI's value-ledger commands: log work, review it, list entries, show totals, close a period. */
import {
  ENTRY_STATUSES,
  entryRecord,
  formatAmount,
  MAX_NOTE_BYTES,
  parseAmount,
  parseStream,
  STREAMS,
} from "@disco-ledger/sdk/ledger";
import { isoTime, utf8Bytes, printable } from "@disco-ledger/sdk/format";
import { loadHistory } from "@disco-ledger/sdk/history";
import { command } from "./command.ts";
import { need, parseAddress, send, UsageError, who, type Context } from "./context.ts";

function parseEntryId(text: string | undefined): bigint {
  const value = need(text, "entryId");
  if (!/^\d+$/.test(value)) throw new UsageError(`Not an entry id: ${value}`);
  return BigInt(value);
}

export function parsePeriod(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`Not a period number: ${text}`);
  return Number(text);
}

function amounts(values: readonly bigint[]): string {
  return STREAMS.map((s, i) => `${s} ${formatAmount(values[i])}`).join("  ");
}

function totalsLine(label: string, totals: { historical: readonly bigint[]; payable_: readonly bigint[] }): string {
  return `  ${label.padEnd(10)} historical: ${amounts(totals.historical)}\n  ${"".padEnd(10)} payable:    ${amounts(totals.payable_)}`;
}

type Entry = Awaited<ReturnType<Context["ledger"]["read"]["entry"]>>;

function formatEntry(ctx: Context, entryId: bigint, e: Entry): string {
  const unit = e.stream === 2 ? "h" : " credits";
  return `entry ${entryId}: ${ENTRY_STATUSES[e.status]}, ${STREAMS[e.stream]} ${formatAmount(e.amount)}${unit} by ${who(ctx, e.author)} (period ${e.period}, weight ${e.weightBps / 100}%, approvals ${e.approvals}/${e.approvalsRequired})`;
}

async function describeEntry(ctx: Context, entryId: bigint): Promise<string> {
  return formatEntry(ctx, entryId, await ctx.ledger.read.entry([entryId]));
}

/** A period's state: open, or closed and final (or when it will be), by the chain's clock. */
async function periodState(ctx: Context, period: number): Promise<string> {
  const [info, final] = await Promise.all([ctx.ledger.read.periodInfo([period]), ctx.ledger.read.isFinal([period])]);
  if (info.closedAt === 0) return "open";
  const disputes = info.openDisputes > 0 ? `, ${info.openDisputes} dispute(s) open` : "";
  return `closed ${isoTime(info.closedAt)}, ${final ? "final" : `final at ${isoTime(info.finalAt)} (review window)`}${disputes}`;
}

const entryArg = { entryId: { type: "positional", description: "the entry's number", required: true } } as const;

const log = command({
  name: "log",
  description: `Logs your work in the open period. Amounts have two decimals: credits for livelihood and love, hours for
care (0.25 is a quarter hour). --note is what reviewers read: your words about the work, with a link if you have
one; it is public, so no personal details. --evidence is a reference to private evidence kept off-chain (an invoice
number, a document id) or its 32-byte hash: only the hash is stored (without it, the note's hash is).`,
  args: {
    stream: { type: "positional", description: "livelihood, love or care", required: true },
    amount: { type: "positional", description: "credits or hours, two decimals at most", required: true },
    note: {
      type: "string",
      description: `what you did, in public words (a link if any), at most ${MAX_NOTE_BYTES} bytes`,
      required: true,
    },
    evidence: { type: "string", description: "a reference to private evidence, or its 32-byte hash" },
  },
  async run(ctx, args) {
    let stream: number, amount: bigint;
    try {
      [stream, amount] = [parseStream(args.stream), parseAmount(args.amount)];
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const record = entryRecord(args.note, args.evidence);
    if (!record || record.note === "") throw new UsageError("Say what you did: --note is empty");
    if (utf8Bytes(record.note) > MAX_NOTE_BYTES) {
      throw new UsageError(`The note is ${utf8Bytes(record.note)} bytes long; at most ${MAX_NOTE_BYTES}`);
    }
    const period = await ctx.ledger.read.currentPeriod();
    const receipt = await send(ctx, {
      address: ctx.ledger.address,
      abi: ctx.ledger.abi,
      functionName: "logWork",
      args: [stream, amount, period, record.evidence, record.note],
    });
    console.log(`Logged in block ${receipt.blockNumber}`);
    console.log(`  ${await describeEntry(ctx, await ctx.ledger.read.entryCount())}`);
  },
});

const approve = command({
  name: "approve",
  description:
    "Approves someone else's pending entry (Committed members). It counts once it has the approvals it needs.",
  args: entryArg,
  async run(ctx, args) {
    const entryId = parseEntryId(args.entryId);
    const { address, abi } = ctx.ledger;
    const receipt = await send(ctx, { address, abi, functionName: "approve", args: [entryId] });
    console.log(`Approved in block ${receipt.blockNumber}`);
    console.log(`  ${await describeEntry(ctx, entryId)}`);
  },
});

const dispute = command({
  name: "dispute",
  description: `Disputes someone else's entry (Committed members). A pending or counted one of the open period, or a
counted one of a closed period until its review window ends (its final time: see entries). It then counts only if
the members accept it by vote: npm run cli -- propose resolve <entryId> accept|reject. Accepted after its period
became final, it counts in the period open then.`,
  args: { ...entryArg, reason: { type: "positional", description: "why", required: true } },
  async run(ctx, args) {
    const entryId = parseEntryId(args.entryId);
    const { address, abi } = ctx.ledger;
    const receipt = await send(ctx, { address, abi, functionName: "dispute", args: [entryId, args.reason] });
    console.log(`Disputed in block ${receipt.blockNumber}`);
    console.log(`  ${await describeEntry(ctx, entryId)}`);
  },
});

const withdraw = command({
  name: "withdraw",
  description: "Withdraws your own pending entry.",
  args: entryArg,
  async run(ctx, args) {
    const { address, abi } = ctx.ledger;
    const receipt = await send(ctx, { address, abi, functionName: "withdraw", args: [parseEntryId(args.entryId)] });
    console.log(`Withdrawn in block ${receipt.blockNumber}`);
  },
});

const entries = command({
  name: "entries",
  description: `Lists the entries logged in a period. With their status and approvals, by default the open period's, and
when the period closed and became final (its review window over: only then is it funded, closed into a year or
attested). Statuses: pending, counted, disputed, rejected, withdrawn, lapsed (still pending when its period
closed: log the work again in the open period).`,
  args: {
    period: { type: "string", description: "the period (default: the open one)", valueHint: "n" },
    member: { type: "string", description: "only this member's entries", valueHint: "address" },
    status: { type: "string", description: "only entries with this status" },
  },
  async run(ctx, args) {
    const period = args.period === undefined ? await ctx.ledger.read.currentPeriod() : parsePeriod(args.period);
    const member = args.member === undefined ? undefined : parseAddress(args.member, "--member").toLowerCase();
    const statusText = args.status?.toLowerCase();
    const status =
      statusText === undefined ? undefined : ENTRY_STATUSES.findIndex((s) => s.toLowerCase() === statusText);
    if (status !== undefined && status <= 0) {
      throw new UsageError(`Unknown status "${statusText}": pending, counted, disputed, rejected, withdrawn or lapsed`);
    }
    const { state } = await loadHistory(ctx.client, ctx.deployment);
    const logged = [...state.ledger.entries.values()].filter(
      (e) =>
        (e.moved?.fromPeriod ?? e.period) === period && (member === undefined || e.author.toLowerCase() === member),
    );
    const lines: string[] = [];
    for (const { id, note } of logged) {
      // The status as the ledger reports it now: Lapsed is never stored, the view tells it.
      const entry = await ctx.ledger.read.entry([id]);
      if (status !== undefined && entry.status !== status) continue;
      // Accepted after its period was final, the entry counts in a later period (EntryMoved).
      const moved = entry.period !== period ? `; logged in period ${period}, counts in period ${entry.period}` : "";
      lines.push(`  ${formatEntry(ctx, id, entry)}${moved}${note === "" ? "" : `\n    “${printable(note)}”`}`);
    }
    const by = args.member === undefined ? "" : ` by ${who(ctx, args.member)}`;
    console.log(`${lines.length} entries in period ${period} (${await periodState(ctx, period)})${by}`);
    for (const line of lines) console.log(line);
  },
});

const totals = command({
  name: "totals",
  description: `Shows counted totals. A member's per period and for life, and whether they meet the minimum contribution;
without a member, the whole DisCO's totals per period. --period shows one period only.`,
  args: {
    member: { type: "positional", description: "the member (default: the whole DisCO)", required: false },
    period: { type: "string", description: "one period only", valueHint: "n" },
  },
  async run(ctx, args) {
    const { ledger } = ctx;
    const current = await ledger.read.currentPeriod();
    const periods =
      args.period === undefined ? Array.from({ length: current }, (_, i) => i + 1) : [parsePeriod(args.period)];
    const label = (p: number) => `period ${p}${p === current ? "*" : ""}`;
    if (args.member === undefined) {
      console.log("The DisCO's counted totals (* the open period)");
      for (const p of periods) console.log(totalsLine(label(p), await ledger.read.periodTotals([p])));
      return;
    }
    const member = parseAddress(args.member, "member");
    console.log(`${who(ctx, member)}'s counted totals (* the open period)`);
    for (const p of periods) console.log(totalsLine(label(p), await ledger.read.memberPeriodTotals([member, p])));
    console.log(totalsLine("lifetime", await ledger.read.lifetimeTotals([member])));
    const [[meets, credits, required], [, window]] = await Promise.all([
      ledger.read.meetsMinimumContribution([member]),
      ledger.read.minimumContribution(),
    ]);
    console.log(
      `  minimum contribution: ${formatAmount(credits)} of ${formatAmount(required)} credits over the last ${window} closed periods: ${meets ? "met" : "not met"} (reported, not enforced)`,
    );
  },
});

const closePeriod = command({
  name: "close-period",
  description: `Closes the open period and opens the next (treasurers). Its pending entries lapse; its counted entries
stay disputable for the review window, after which the period is final and can be funded.`,
  args: {},
  async run(ctx) {
    const period = await ctx.ledger.read.currentPeriod();
    const { address, abi } = ctx.ledger;
    const receipt = await send(ctx, { address, abi, functionName: "closePeriod", args: [] });
    console.log(`Closed period ${period} in block ${receipt.blockNumber}`);
    console.log(`  period ${period}: ${await periodState(ctx, period)}`);
    console.log(`  period ${await ctx.ledger.read.currentPeriod()} is open`);
  },
});

export const LEDGER_COMMANDS = {
  log,
  approve,
  dispute,
  withdraw,
  entries,
  totals,
  "close-period": closePeriod,
};
