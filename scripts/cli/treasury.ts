/** The CLI's treasury commands: pay in, fund a period, claim payouts, see what is owed and a member's account. */
import { isHex, size, type Hex } from "viem";
import { encodePaymentReference, hasPaymentReference, paymentReferenceText } from "@disco-ledger/sdk/format";
import { loadHistory } from "@disco-ledger/sdk/history";
import { command, restOf } from "./command.ts";
import { printYears } from "./capital.ts";
import { actor, parseAddress, send, UsageError, who } from "./context.ts";
import { approveCurrency, money, show } from "./currency.ts";
import { parsePeriod } from "./ledger.ts";

export function periodsOf(args: readonly string[]): number[] {
  if (args.length === 0) throw new UsageError("Missing period");
  return args.map(parsePeriod);
}

/**
 * A payment reference as the treasury stores it: a 32-byte hash as is, else the text itself (UTF-8, at most 32 bytes,
 * public for anyone to read), or none.
 */
function paymentRef(ref: string): Hex {
  if (isHex(ref) && size(ref) === 32) return ref;
  try {
    return encodePaymentReference(ref);
  } catch (error) {
    throw new UsageError(`${(error as Error).message}: shorten it, or give its 32-byte hash`);
  }
}

/** How many of the latest payments in `owed` lists. */
const PAY_INS_SHOWN = 10;

const amountArg = { amount: { type: "positional", description: "in the currency's units", required: true } } as const;

const payIn = command({
  name: "pay-in",
  description: "Pays <amount> of the DisCO's currency into the treasury (approving it first), with a reference.",
  args: {
    ...amountArg,
    ref: {
      type: "string",
      description:
        "an invoice number, at most 32 bytes, public for anyone to read (no personal details), or a 32-byte hash",
    },
  },
  async run(ctx, args) {
    const ref = paymentRef(args.ref ?? "");
    const amount = await money(ctx, args.amount, "amount");
    await approveCurrency(ctx, ctx.treasury.address, amount);
    const { address, abi } = ctx.treasury;
    const receipt = await send(ctx, { address, abi, functionName: "payIn", args: [amount, ref] });
    const shown = hasPaymentReference(ref) ? ` with ${paymentReferenceText(ref)}` : "";
    console.log(`Paid in ${await show(ctx, amount)}${shown} in block ${receipt.blockNumber}`);
  },
});

const faucet = command({
  name: "faucet",
  description: "Mints demo currency to you (DemoEuro, local chain and testnets only).",
  args: amountArg,
  async run(ctx, args) {
    const amount = await money(ctx, args.amount, "amount");
    const { address, abi } = ctx.token;
    const receipt = await send(ctx, { address, abi, functionName: "faucet", args: [amount] });
    console.log(`Minted ${await show(ctx, amount)} in block ${receipt.blockNumber}`);
  },
});

const fund = command({
  name: "fund",
  description: `Funds a final period's payouts (closed, and its review window over) from the unallocated balance
(treasurers), split into the stream buckets.`,
  args: { period: { type: "positional", description: "the period", required: true }, ...amountArg },
  async run(ctx, args) {
    const period = parsePeriod(args.period);
    const amount = await money(ctx, args.amount, "amount");
    const { address, abi } = ctx.treasury;
    const receipt = await send(ctx, { address, abi, functionName: "fundPeriod", args: [period, amount] });
    const pool = await ctx.treasury.read.pool([period]);
    console.log(`Funded period ${period} with ${await show(ctx, pool.funded)} in block ${receipt.blockNumber}`);
  },
});

const claim = command({
  name: "claim",
  description: "Claims your payouts of one or more funded periods in one transfer.",
  args: { period: { type: "positional", description: "a funded period (more may follow)", required: true } },
  rest: true,
  async run(ctx, args) {
    const periods = periodsOf([args.period, ...restOf(args, 1)]);
    const member = await actor(ctx);
    const before = await ctx.token.read.balanceOf([member]);
    const { address, abi } = ctx.treasury;
    const receipt = await send(ctx, { address, abi, functionName: "claim", args: [periods] });
    const after = await ctx.token.read.balanceOf([member]);
    console.log(
      `Claimed ${await show(ctx, after - before)} for period(s) ${periods.join(", ")} in block ${receipt.blockNumber}`,
    );
  },
});

const owed = command({
  name: "owed",
  description: `Shows the treasury. Its balance, what is owed (funded payouts not claimed, and what the capital books hold:
accounts, reserve, commons fund, patronage cash, redemptions), what is unallocated, the buckets, the latest payments
in with their references, each funded period's pool and each closed year.`,
  args: {},
  async run(ctx) {
    const { treasury, capital } = ctx;
    const [balance, owedNow, free, buckets, held, accounts, reserve, commons, cash, redemptions, { state }] =
      await Promise.all([
        ctx.token.read.balanceOf([treasury.address]),
        treasury.read.owed(),
        treasury.read.unallocated(),
        treasury.read.buckets(),
        capital.read.held(),
        capital.read.accountsTotal(),
        capital.read.reserve(),
        capital.read.commons(),
        capital.read.cashOwed(),
        capital.read.redemptionsOwed(),
        loadHistory(ctx.client, ctx.deployment),
      ]);
    console.log(`Treasury balance ${await show(ctx, balance)}`);
    console.log(`  owed (funded payouts not claimed) ${await show(ctx, owedNow)}`);
    console.log(`  held by the capital books         ${await show(ctx, held)}`);
    console.log(`    capital accounts                ${await show(ctx, accounts)}`);
    console.log(`    indivisible reserve             ${await show(ctx, reserve)}`);
    console.log(`    commons and education fund      ${await show(ctx, commons)}`);
    console.log(`    patronage cash not claimed      ${await show(ctx, cash)}`);
    console.log(`    redemptions not paid            ${await show(ctx, redemptions)}`);
    console.log(`  unallocated                       ${await show(ctx, free)}`);
    console.log(`  buckets: livelihood ${buckets[0] / 100}%, love ${buckets[1] / 100}%, care ${buckets[2] / 100}%`);
    const payIns = state.treasury.payIns;
    if (payIns.length > 0) {
      console.log(`  payments in (the last ${Math.min(PAY_INS_SHOWN, payIns.length)} of ${payIns.length}):`);
      for (const p of payIns.slice(-PAY_INS_SHOWN)) {
        console.log(
          `    ${await show(ctx, p.amount)} from ${who(ctx, p.payer)}, ${paymentReferenceText(p.paymentRef)}`,
        );
      }
    }
    for (const funding of state.treasury.fundings.values()) {
      const pool = await treasury.read.pool([funding.period]);
      console.log(
        `  period ${funding.period}: funded ${await show(ctx, pool.funded)}, claimed ${await show(ctx, funding.claimed)}`,
      );
    }
    await printYears(ctx);
  },
});

const account = command({
  name: "account",
  description: "A member's payouts: what each funded period owes them, and what they claimed.",
  args: { member: { type: "positional", description: "the member (default: --account's)", required: false } },
  async run(ctx, args) {
    const member = args.member !== undefined ? parseAddress(args.member, "member") : await actor(ctx);
    const { state } = await loadHistory(ctx.client, ctx.deployment);
    console.log(`${who(ctx, member)}: wallet ${await show(ctx, await ctx.token.read.balanceOf([member]))}`);
    let total = 0n;
    for (const period of state.treasury.fundings.keys()) {
      const [claimable, claimed] = await Promise.all([
        ctx.treasury.read.claimable([member, period]),
        ctx.treasury.read.hasClaimed([member, period]),
      ]);
      total += claimable;
      const owedNow = claimed
        ? "claimed"
        : claimable > 0n
          ? `${await show(ctx, claimable)} to claim`
          : "nothing to claim";
      console.log(`  period ${period}: ${owedNow}`);
    }
    console.log(`  claimable now: ${await show(ctx, total)}`);
  },
});

export const TREASURY_COMMANDS = { "pay-in": payIn, faucet, fund, claim, owed, account };
