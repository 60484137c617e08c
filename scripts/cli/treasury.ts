/** The CLI's treasury commands: pay in, fund a period, claim payouts, see what is owed and a member's account. */
import { id, isHexString } from "ethers";
import { queryInChunks } from "../lib/logs.ts";
import { printYears } from "./capital.ts";
import { parseAddress, signer, UsageError, type Context } from "./context.ts";
import { money, show, token } from "./currency.ts";

export const TREASURY_HELP: Record<string, string> = {
  "pay-in": `Usage: npm run cli -- pay-in <amount> [--ref <invoice or client id>] --account <n>

Pays <amount> of the DisCO's currency into the treasury (approving it first), with a reference.`,
  faucet: `Usage: npm run cli -- faucet <amount> --account <n>

Mints demo currency to you (DemoEuro, local chain and testnets only).`,
  fund: `Usage: npm run cli -- fund <period> <amount> --account <n>

Funds a final period's payouts (closed, and its review window over) from the unallocated balance (treasurers),
split into the stream buckets.`,
  claim: `Usage: npm run cli -- claim <period> [<period> ...] --account <n>

Claims your payouts of one or more funded periods in one transfer.`,
  owed: `Usage: npm run cli -- owed

The treasury: balance, what is owed (funded payouts not claimed, and what the capital books hold: accounts,
reserve, commons fund, patronage cash, redemptions), what is unallocated, the buckets, each funded period's pool
and each closed year.`,
  account: `Usage: npm run cli -- account [<member>] [--account <n>]

A member's payouts: what each funded period owes them, and what they claimed.`,
};

export function periodsOf(args: string[]): number[] {
  if (args.length === 0) throw new UsageError("Missing period");
  return args.map((a) => {
    if (!/^\d+$/.test(a) || Number(a) < 1) throw new UsageError(`Not a period number: ${a}`);
    return Number(a);
  });
}

async function fundedPeriods(ctx: Context): Promise<number[]> {
  const { treasury, provider, deployment } = ctx;
  const events = await queryInChunks(provider, treasury, treasury.filters.PeriodFunded(), deployment.startBlock);
  return events.map((e) => Number(e.args.period));
}

async function payIn(ctx: Context, args: string[]): Promise<void> {
  const amount = await money(ctx, args[0], "amount");
  const ref = typeof ctx.options.ref === "string" ? ctx.options.ref : "";
  const reference = isHexString(ref, 32) ? ref : ref === "" ? `0x${"00".repeat(32)}` : id(ref);
  const payer = await signer(ctx);
  const currency = (await token(ctx)).connect(payer);
  await (await currency.approve(await ctx.treasury.getAddress(), amount)).wait();
  const receipt = await (await ctx.treasury.connect(payer).payIn(amount, reference)).wait();
  console.log(`Paid in ${await show(ctx, amount)} in block ${receipt?.blockNumber}`);
}

async function faucet(ctx: Context, args: string[]): Promise<void> {
  const amount = await money(ctx, args[0], "amount");
  const receipt = await (await (await token(ctx)).connect(await signer(ctx)).faucet(amount)).wait();
  console.log(`Minted ${await show(ctx, amount)} in block ${receipt?.blockNumber}`);
}

async function fund(ctx: Context, args: string[]): Promise<void> {
  const [period] = periodsOf(args.slice(0, 1));
  const amount = await money(ctx, args[1], "amount");
  const receipt = await (await ctx.treasury.connect(await signer(ctx)).fundPeriod(period, amount)).wait();
  const pool = await ctx.treasury.pool(period);
  console.log(`Funded period ${period} with ${await show(ctx, pool.funded)} in block ${receipt?.blockNumber}`);
}

async function claim(ctx: Context, args: string[]): Promise<void> {
  const periods = periodsOf(args);
  const member = await signer(ctx);
  const before = await (await token(ctx)).balanceOf(await member.getAddress());
  const receipt = await (await ctx.treasury.connect(member).claim(periods)).wait();
  const after = await (await token(ctx)).balanceOf(await member.getAddress());
  console.log(
    `Claimed ${await show(ctx, after - before)} for period(s) ${periods.join(", ")} in block ${receipt?.blockNumber}`,
  );
}

async function owed(ctx: Context): Promise<void> {
  const { treasury, capital } = ctx;
  const currency = await token(ctx);
  const [balance, owedNow, free, buckets, ...books] = await Promise.all([
    currency.balanceOf(await treasury.getAddress()),
    treasury.owed(),
    treasury.unallocated(),
    treasury.buckets(),
    capital.held(),
    capital.accountsTotal(),
    capital.reserve(),
    capital.commons(),
    capital.cashOwed(),
    capital.redemptionsOwed(),
  ]);
  const [held, accounts, reserve, commons, cash, redemptions] = books;
  console.log(`Treasury balance ${await show(ctx, balance)}`);
  console.log(`  owed (funded payouts not claimed) ${await show(ctx, owedNow)}`);
  console.log(`  held by the capital books         ${await show(ctx, held)}`);
  console.log(`    capital accounts                ${await show(ctx, accounts)}`);
  console.log(`    indivisible reserve             ${await show(ctx, reserve)}`);
  console.log(`    commons and education fund      ${await show(ctx, commons)}`);
  console.log(`    patronage cash not claimed      ${await show(ctx, cash)}`);
  console.log(`    redemptions not paid            ${await show(ctx, redemptions)}`);
  console.log(`  unallocated                       ${await show(ctx, free)}`);
  console.log(
    `  buckets: livelihood ${Number(buckets[0]) / 100}%, love ${Number(buckets[1]) / 100}%, care ${Number(buckets[2]) / 100}%`,
  );
  const claims = await queryInChunks(
    ctx.provider,
    treasury,
    treasury.filters.PayoutClaimed(),
    ctx.deployment.startBlock,
  );
  for (const period of await fundedPeriods(ctx)) {
    const pool = await treasury.pool(period);
    const claimed = claims.filter((e) => Number(e.args.period) === period).reduce((sum, e) => sum + e.args.amount, 0n);
    console.log(`  period ${period}: funded ${await show(ctx, pool.funded)}, claimed ${await show(ctx, claimed)}`);
  }
  await printYears(ctx);
}

async function account(ctx: Context, args: string[]): Promise<void> {
  const member = args[0] !== undefined ? parseAddress(args[0], "member") : await (await signer(ctx)).getAddress();
  const currency = await token(ctx);
  console.log(`${member}: wallet ${await show(ctx, await currency.balanceOf(member))}`);
  let total = 0n;
  for (const period of await fundedPeriods(ctx)) {
    const [claimable, claimed] = await Promise.all([
      ctx.treasury.claimable(member, period),
      ctx.treasury.hasClaimed(member, period),
    ]);
    total += claimable;
    const state = claimed ? "claimed" : claimable > 0n ? `${await show(ctx, claimable)} to claim` : "nothing to claim";
    console.log(`  period ${period}: ${state}`);
  }
  console.log(`  claimable now: ${await show(ctx, total)}`);
}

export const TREASURY_COMMANDS: Record<string, (ctx: Context, args: string[]) => Promise<void>> = {
  "pay-in": payIn,
  faucet,
  fund,
  claim,
  owed: (ctx) => owed(ctx),
  account,
};
