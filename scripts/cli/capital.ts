/** The CLI's capital-account commands: joining contribution, year close, a member's account, cash, redemption. */
import { yearCloseProposal, yearLossProposal } from "@disco-ledger/sdk/capital";
import { credits, isoDay, printable } from "@disco-ledger/sdk/format";
import { RAY } from "@disco-ledger/sdk/history";
import { command } from "./command.ts";
import { actor, parseAddress, send, UsageError, who, type Context } from "./context.ts";
import { approveCurrency, money, show } from "./currency.ts";
import { proposeCalls } from "./governance.ts";
import { parsePeriod } from "./ledger.ts";

const contribute = command({
  name: "contribute",
  description: `Pays your joining contribution. The amount the members set, approved first: a share goes to the
indivisible reserve, the rest opens your capital account.`,
  args: {},
  async run(ctx) {
    const { contribution } = await ctx.capital.read.settings();
    if (contribution === 0n) throw new UsageError("The members have set no joining contribution");
    await approveCurrency(ctx, ctx.capital.address, contribution);
    const { address, abi } = ctx.capital;
    const receipt = await send(ctx, { address, abi, functionName: "contribute", args: [] });
    console.log(`Paid a joining contribution of ${await show(ctx, contribution)} in block ${receipt.blockNumber}`);
  },
});

const closeYear = command({
  name: "close-year",
  description: `Proposes the next year's accounts to the members. A treasurer prepares them; the members approve them by
vote, then queue and execute the proposal: the periods after the last closed year through <lastPeriod>, each of
them final (closed, and its review window over). With a surplus (a Standard proposal), <amount> of the
unallocated balance pays interest on the accounts, then goes to the reserve, the commons fund and the members'
patronage (part in cash, the rest retained in their accounts). With --loss, <amount> is the year's loss: it draws
on the reserve, then the members' accounts, so the proposal is a Bylaw (the supermajority decides). The call is
first simulated as the timelock will make it; a call that would fail is refused unless --force.`,
  args: {
    lastPeriod: { type: "positional", description: "the year's last period", required: true },
    amount: { type: "positional", description: "the surplus (or with --loss, the loss)", required: true },
    loss: { type: "boolean", description: "close the year at a loss (a Bylaw proposal)" },
    description: { type: "string", description: "the proposal's text (default: what it approves)" },
    force: { type: "boolean", description: "propose even accounts that would not close now" },
  },
  async run(ctx, args) {
    const lastPeriod = parsePeriod(args.lastPeriod);
    const amount = await money(ctx, args.amount, "amount");
    const proposal = args.loss ? yearLossProposal : yearCloseProposal;
    const calls = proposal(ctx.capital.address, lastPeriod, amount, await show(ctx, amount));
    if (args.description !== undefined) calls.description = args.description;
    const { id, label, kind, block } = await proposeCalls(
      ctx,
      calls,
      args.force === true,
      (why) => `The year's accounts would not close (${why}); --force proposes them anyway`,
    );
    console.log(`Proposed the year's accounts as ${label} (${kind}) in block ${block}; id ${id}`);
    console.log(`  "${printable(calls.description)}"`);
    console.log(`  the members vote it (vote ${label.replace("#", "")} for), then queue and execute it`);
  },
});

async function printYear(ctx: Context, year: number): Promise<void> {
  const y = await ctx.capital.read.yearOf([year]);
  const periods = `periods ${y.firstPeriod}-${y.lastPeriod}`;
  const basis = y.basis === 0 ? "credits" : "hours";
  if (y.atLoss) {
    console.log(`  year ${year} (${periods}): at a loss, ${await show(ctx, y.charge)} charged to accounts by ${basis}`);
    return;
  }
  const retained = (y.retainedShares * y.index) / RAY;
  console.log(
    `  year ${year} (${periods}): patronage by ${basis}, ${await show(ctx, y.cashPool)} in cash, ${await show(ctx, retained)} retained`,
  );
}

/** Each closed year, one line: printed by `owed` too. */
export async function printYears(ctx: Context): Promise<void> {
  const count = await ctx.capital.read.yearCount();
  for (let year = 1; year <= count; ++year) await printYear(ctx, year);
}

const memberArg = {
  member: { type: "positional", description: "the member (default: --account's)", required: false },
} as const;

const capital = command({
  name: "capital",
  description: `Shows a capital account. Its value, patronage cash to claim, what each closed year gave or charged,
and a redemption's schedule.`,
  args: memberArg,
  async run(ctx, args) {
    const c = ctx.capital.read;
    const member = args.member !== undefined ? parseAddress(args.member, "member") : await actor(ctx);
    const [now, settled, count] = await Promise.all([
      c.currentAccountOf([member]),
      c.accountOf([member]),
      c.yearCount(),
    ]);
    console.log(`${who(ctx, member)}: capital account ${await show(ctx, now.value)}`);
    console.log(`  joining contribution paid: ${now.contributed ? "yes" : "no"}`);
    console.log(`  patronage cash to claim: ${await show(ctx, now.cash)}`);
    if (settled.settledYears < count) {
      console.log(
        `  (${count - settled.settledYears} closed year(s) not settled yet: claim-cash or any action settles)`,
      );
    }
    for (let year = 1; year <= count; ++year) {
      const [[patronage, cash, shares, charge], y] = await Promise.all([
        c.allocationOf([member, year]),
        c.yearOf([year]),
      ]);
      if (patronage === 0n) {
        console.log(`  year ${year}: no patronage`);
      } else if (y.atLoss) {
        console.log(`  year ${year}: patronage ${credits(patronage)}, charged up to ${await show(ctx, charge)}`);
      } else {
        const retained = (shares * y.index) / RAY;
        console.log(
          `  year ${year}: patronage ${credits(patronage)}, ${await show(ctx, cash)} cash, ${await show(ctx, retained)} retained`,
        );
      }
    }
    const schedules = await c.redemptionCount([member]);
    if (schedules === 0n) return;
    // Each amount added to a redemption is a schedule of its own; redeem() pays what is due from all of them.
    for (let i = 0n; i < schedules; ++i) {
      const r = await c.redemptionOf([member, i]);
      console.log(
        `  redemption ${i + 1n}: ${await show(ctx, r.total)} in ${r.instalments} instalments from ${isoDay(r.start)}, ${await show(ctx, r.paid)} paid`,
      );
    }
    const [due, nextDueAt] = await c.redeemable([member]);
    console.log(
      `    due now ${await show(ctx, due)}${nextDueAt === 0n ? "" : `; next instalment ${isoDay(nextDueAt)}`}`,
    );
  },
});

/** A payment to the acting member (claim-cash, redeem): sent, then what reached their wallet printed. */
function payment(name: string, functionName: "claimCash" | "redeem", description: string, what: string) {
  return command({
    name,
    description,
    args: {},
    async run(ctx) {
      const member = await actor(ctx);
      const before = await ctx.token.read.balanceOf([member]);
      await send(ctx, { address: ctx.capital.address, abi: ctx.capital.abi, functionName, args: [] });
      console.log(`${what}: ${await show(ctx, (await ctx.token.read.balanceOf([member])) - before)}`);
    },
  });
}

const startRedemption = command({
  name: "start-redemption",
  description: `Starts a redemption. A former member's account is paid back in instalments over the revolving period
(anyone may start it; by default your own).`,
  args: memberArg,
  async run(ctx, args) {
    const member = args.member !== undefined ? parseAddress(args.member, "member") : await actor(ctx);
    const { address, abi } = ctx.capital;
    const receipt = await send(ctx, { address, abi, functionName: "startRedemption", args: [member] });
    const schedule = (await ctx.capital.read.redemptionCount([member])) - 1n;
    const r = await ctx.capital.read.redemptionOf([member, schedule]);
    console.log(
      `Redemption ${schedule + 1n} of ${who(ctx, member)}: ${await show(ctx, r.total)} in ${r.instalments} instalments, started in block ${receipt.blockNumber}`,
    );
  },
});

export const CAPITAL_COMMANDS = {
  contribute,
  "close-year": closeYear,
  capital,
  "claim-cash": payment(
    "claim-cash",
    "claimCash",
    "Settles your account with every closed year and pays you your patronage cash.",
    "Claimed patronage cash",
  ),
  "start-redemption": startRedemption,
  redeem: payment("redeem", "redeem", "Pays you every redemption instalment that is due.", "Redeemed"),
};
