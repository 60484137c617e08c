/** The CLI's capital-account commands: joining contribution, year close, a member's account, cash, redemption. */
import { formatUnits } from "ethers";
import type { Address } from "viem";
import { yearCloseProposal, yearLossProposal } from "@disco-ledger/sdk/capital";
import { proposalIdOf, PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import { explain, parseAddress, signer, UsageError, type Context } from "./context.ts";
import { money, show, token } from "./currency.ts";
import { periodsOf } from "./treasury.ts";

export const CAPITAL_HELP: Record<string, string> = {
  contribute: `Usage: npm run cli -- contribute --account <n>

Pays your joining contribution (the amount the members set), approving it first: a share goes to the
indivisible reserve, the rest opens your capital account.`,
  "close-year": `Usage: npm run cli -- close-year <lastPeriod> <surplus> [--loss] [--description <text>] --account <n>

Proposes the next year's accounts to the members (a treasurer prepares them; the members approve them by vote,
then queue and execute the proposal): the periods after the last closed year through <lastPeriod>, each of them
final (closed, and its review window over). With a surplus (a Standard proposal), <surplus> of the unallocated
balance pays interest on the accounts, then goes to the reserve, the commons fund and the members' patronage
(part in cash, the rest retained in their accounts). With --loss, <surplus> is the year's loss: it draws on the
reserve, then the members' accounts, so the proposal is a Bylaw (the supermajority decides). The call is first
simulated as the timelock will make it; a call that would fail is refused unless --force.`,
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

/** Proposes the year's accounts (closeYear, or closeYearAtLoss with --loss) for the members to vote. */
async function closeYear(ctx: Context, args: string[]): Promise<void> {
  const { capital, governor, deployment, options } = ctx;
  const [lastPeriod] = periodsOf(args.slice(0, 1));
  const amount = await money(ctx, args[1], "amount");
  const text = await show(ctx, amount);
  const loss = options.loss === true;
  const calls = (loss ? yearLossProposal : yearCloseProposal)(
    (await capital.getAddress()) as Address,
    lastPeriod,
    amount,
    text,
  );
  if (typeof options.description === "string") calls.description = options.description;
  if (!options.force) {
    try {
      await ctx.provider.call({
        from: deployment.contracts.timelock.address,
        to: calls.targets[0],
        data: calls.calldatas[0],
      });
    } catch (error) {
      throw new UsageError(`The year's accounts would not close (${explain(error)}); --force proposes them anyway`);
    }
  }
  const kind = await governor.classify(calls.targets, calls.calldatas, calls.description);
  const receipt = await (
    await governor.connect(await signer(ctx)).propose(calls.targets, calls.values, calls.calldatas, calls.description)
  ).wait();
  const id = proposalIdOf(calls);
  console.log(`Proposed the year's accounts (${PROPOSAL_KINDS[Number(kind)]}) in block ${receipt?.blockNumber}: ${id}`);
  console.log(`  "${calls.description}"`);
  console.log(`  the members vote it (vote ${id} for), then queue and execute it`);
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
  const schedules = await capital.redemptionCount(member);
  if (schedules === 0n) return;
  // Each amount added to a redemption is a schedule of its own; redeem() pays what is due from all of them.
  for (let i = 0n; i < schedules; ++i) {
    const r = await capital.redemptionOf(member, i);
    console.log(
      `  redemption ${i + 1n}: ${await show(ctx, r.total)} in ${r.instalments} instalments from ${date(r.start)}, ${await show(ctx, r.paid)} paid`,
    );
  }
  const [due, nextDueAt] = await capital.redeemable(member);
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
  const schedule = (await ctx.capital.redemptionCount(member)) - 1n;
  const r = await ctx.capital.redemptionOf(member, schedule);
  console.log(
    `Redemption ${schedule + 1n} of ${member}: ${await show(ctx, r.total)} in ${r.instalments} instalments, started in block ${receipt?.blockNumber}`,
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
