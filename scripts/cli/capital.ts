/** The CLI's capital-account commands: joining contribution, year close, a member's account, cash, redemption. */
import { formatUnits } from "ethers";
import { parseAddress, signer, UsageError, type Context } from "./context.ts";
import { money, show, token } from "./currency.ts";
import { periodsOf } from "./treasury.ts";

export const CAPITAL_HELP: Record<string, string> = {
  contribute: `Usage: npm run cli -- contribute --account <n>

Pays your joining contribution (the amount the members set), approving it first: a share goes to the
indivisible reserve, the rest opens your capital account.`,
  "close-year": `Usage: npm run cli -- close-year <lastPeriod> <surplus> --account <n>

Closes the next year with a surplus (treasurers): the periods after the last closed year through <lastPeriod>.
<surplus> of the unallocated balance pays interest on the accounts, then goes to the reserve, the commons fund
and the members' patronage (part in cash, the rest retained in their accounts). A year at a loss releases the
reserve and members' capital, so the members vote on it:
  npm run cli -- propose call capital "closeYearAtLoss(uint32,uint256)" <lastPeriod> <loss in units> --account <n>`,
  capital: `Usage: npm run cli -- capital [<member>] [--account <n>]

A member's capital account: its value, patronage cash to claim, what each closed year gave or charged, and a
redemption's schedule.`,
  "claim-cash": `Usage: npm run cli -- claim-cash --account <n>

Settles your account with every closed year and pays you your patronage cash.`,
  "start-redemption": `Usage: npm run cli -- start-redemption [<former member>] --account <n>

Moves a former member's account into a redemption paid in instalments over the revolving period (anyone may
start it; by default your own).`,
  redeem: `Usage: npm run cli -- redeem --account <n>

Pays you every redemption instalment that is due.`,
};

const RAY = 10n ** 27n;

async function contribute(ctx: Context): Promise<void> {
  const member = await signer(ctx);
  const { contribution } = await ctx.capital.settings();
  if (contribution === 0n) throw new UsageError("The members have set no joining contribution");
  const currency = (await token(ctx)).connect(member);
  await (await currency.approve(await ctx.capital.getAddress(), contribution)).wait();
  const receipt = await (await ctx.capital.connect(member).contribute()).wait();
  console.log(`Paid a joining contribution of ${await show(ctx, contribution)} in block ${receipt?.blockNumber}`);
}

async function closeYear(ctx: Context, args: string[]): Promise<void> {
  const [lastPeriod] = periodsOf(args.slice(0, 1));
  const amount = await money(ctx, args[1], "amount");
  const receipt = await (await ctx.capital.connect(await signer(ctx)).closeYear(lastPeriod, amount)).wait();
  const year = await ctx.capital.yearCount();
  console.log(`Closed year ${year} in block ${receipt?.blockNumber}`);
  await printYear(ctx, year);
}

async function printYear(ctx: Context, year: bigint | number): Promise<void> {
  const y = await ctx.capital.yearOf(year);
  const periods = `periods ${y.firstPeriod}-${y.lastPeriod}`;
  const basis = y.basis === 0n ? "credits" : "hours";
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
  const count = Number(await ctx.capital.yearCount());
  for (let year = 1; year <= count; ++year) await printYear(ctx, year);
}

async function capitalAccount(ctx: Context, args: string[]): Promise<void> {
  const { capital } = ctx;
  const member = args[0] !== undefined ? parseAddress(args[0], "member") : await (await signer(ctx)).getAddress();
  const [now, settled, count] = await Promise.all([
    capital.currentAccountOf(member),
    capital.accountOf(member),
    capital.yearCount(),
  ]);
  console.log(`${member}: capital account ${await show(ctx, now.value)}`);
  console.log(`  joining contribution paid: ${now.contributed ? "yes" : "no"}`);
  console.log(`  patronage cash to claim: ${await show(ctx, now.cash)}`);
  if (settled.settledYears < count) {
    console.log(`  (${count - settled.settledYears} closed year(s) not settled yet: claim-cash or any action settles)`);
  }
  for (let year = 1n; year <= count; ++year) {
    const [[patronage, cash, shares, charge], y] = await Promise.all([
      capital.allocationOf(member, year),
      capital.yearOf(year),
    ]);
    if (patronage === 0n) {
      console.log(`  year ${year}: no patronage`);
    } else if (y.atLoss) {
      console.log(`  year ${year}: patronage ${formatUnits(patronage, 2)}, charged up to ${await show(ctx, charge)}`);
    } else {
      const retained = (shares * y.index) / RAY;
      console.log(
        `  year ${year}: patronage ${formatUnits(patronage, 2)}, ${await show(ctx, cash)} cash, ${await show(ctx, retained)} retained`,
      );
    }
  }
  const redemption = await capital.redemptionOf(member);
  if (redemption.instalments === 0n) return;
  const [due, nextDueAt] = await capital.redeemable(member);
  console.log(
    `  redemption: ${await show(ctx, redemption.total)} in ${redemption.instalments} instalments from ${date(redemption.start)}, ${await show(ctx, redemption.paid)} paid`,
  );
  console.log(`    due now ${await show(ctx, due)}${nextDueAt === 0n ? "" : `; next instalment ${date(nextDueAt)}`}`);
}

const date = (seconds: bigint): string => new Date(Number(seconds) * 1000).toISOString().slice(0, 10);

/** Runs `send` as the signer and prints what reached their wallet. */
async function paid(
  ctx: Context,
  what: string,
  send: (c: Context["capital"]) => Promise<{ wait(): Promise<unknown> }>,
) {
  const member = await signer(ctx);
  const address = await member.getAddress();
  const currency = await token(ctx);
  const before = await currency.balanceOf(address);
  await (await send(ctx.capital.connect(member))).wait();
  console.log(`${what}: ${await show(ctx, (await currency.balanceOf(address)) - before)}`);
}

async function startRedemption(ctx: Context, args: string[]): Promise<void> {
  const caller = await signer(ctx);
  const member = args[0] !== undefined ? parseAddress(args[0], "member") : await caller.getAddress();
  const receipt = await (await ctx.capital.connect(caller).startRedemption(member)).wait();
  const r = await ctx.capital.redemptionOf(member);
  console.log(
    `Redemption of ${member}: ${await show(ctx, r.total)} in ${r.instalments} instalments, started in block ${receipt?.blockNumber}`,
  );
}

export const CAPITAL_COMMANDS: Record<string, (ctx: Context, args: string[]) => Promise<void>> = {
  contribute: (ctx) => contribute(ctx),
  "close-year": closeYear,
  capital: capitalAccount,
  "claim-cash": (ctx) => paid(ctx, "Claimed patronage cash", (c) => c.claimCash()),
  "start-redemption": startRedemption,
  redeem: (ctx) => paid(ctx, "Redeemed", (c) => c.redeem()),
};
