import type { CapitalSettings } from "../../scripts/lib/deploy.ts";
import type { SurplusSplit } from "@disco-ledger/sdk/history";
import { expect } from "chai";
import type { Result, Signer } from "ethers";
import { DEFAULT_CAPITAL_SETTINGS, PatronageBasis } from "../../ignition/modules/DisCO.ts";
import { BPS, deployWithClosedPeriods, EURO, faucet, Stream } from "./treasury.ts";
import type { CapitalAccounts, DemoEuro, Treasury, ValueLedger } from "../../types/ethers-contracts/index.js";

/*
 * Shared by the capital accounts' TypeScript tests: the rules written out in TypeScript (patronage from the
 * ledger's payable totals, the split of a surplus), paying a joining contribution, the books' conservation check,
 * and the fixtures of contributions paid and of a first year closed.
 */

export { PatronageBasis };
export const RAY = 10n ** 27n;
export const YEAR = 365 * 24 * 3600;
/** The joining contribution the fixtures ask: Obran's 250 euros. */
export const CONTRIBUTION = 250n * EURO;
/** The founders who pay it in the fixture (erin and frank don't). */
export const CONTRIBUTORS = ["alice", "bob", "carol", "dave"] as const;
/** The first year's surplus in the fixture: 10,000 euros and 7 units, so that every share of it rounds. */
export const SURPLUS = 10_000n * EURO + 7n;

/** The capital rules as a test writes them (ICapitalAccounts.Settings). */
export type Settings = CapitalSettings;
export const WITH_CONTRIBUTION: Settings = { ...DEFAULT_CAPITAL_SETTINGS, contribution: CONTRIBUTION };

/** Settings as the contract returns them (every field a bigint), for deep equality. */
export function settingsAsStored(settings: Settings): Record<keyof Settings, bigint> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, BigInt(v)])) as Record<keyof Settings, bigint>;
}

/** What the basis counts of one period's payable amounts: livelihood + love credits, or care hours. */
export function basisOf(payable: readonly bigint[], basis: number): bigint {
  return basis === PatronageBasis.Credits ? payable[Stream.Livelihood] + payable[Stream.Love] : payable[Stream.Care];
}

/** A member's patronage over periods first..last, from the ledger's payable totals. */
export async function patronageOf(
  ledger: ValueLedger,
  member: string,
  first: number,
  last: number,
  basis: number,
): Promise<bigint> {
  let total = 0n;
  for (let p = first; p <= last; p++) total += basisOf(await ledger.memberPeriodPayable(member, p), basis);
  return total;
}

/** The patronage of everyone over periods first..last, from the ledger's period totals. */
export async function totalPatronageOf(ledger: ValueLedger, first: number, last: number, basis: number) {
  let total = 0n;
  for (let p = first; p <= last; p++) total += basisOf((await ledger.periodTotals(p)).payable_, basis);
  return total;
}

export type Split = SurplusSplit;

/**
 * DESIGN.md's year close: interest on the accounts' value first (at most the surplus), the index growing by it
 * per share; of the rest the reserve and commons shares; the patronage share (to the reserve when nobody has
 * patronage) split into cash and retained shares bought at the new index. Every division rounds down.
 */
export function expectedSplit(
  surplus: bigint,
  settings: Settings,
  books: { totalShares: bigint; index: bigint },
  totalPatronage: bigint,
): Split {
  let index = books.index;
  let interest = 0n;
  if (books.totalShares !== 0n) {
    const value = (books.totalShares * index) / RAY;
    interest = (value * BigInt(settings.interestBps)) / BPS;
    if (interest > surplus) interest = surplus;
    index += (interest * RAY) / books.totalShares;
  }
  const rest = surplus - interest;
  let toReserve = (rest * BigInt(settings.reserveBps)) / BPS;
  const toCommons = (rest * BigInt(settings.commonsBps)) / BPS;
  const patronagePool = rest - toReserve - toCommons;
  if (totalPatronage === 0n) {
    toReserve += patronagePool;
    return {
      surplus,
      interest,
      toReserve,
      toCommons,
      cashPool: 0n,
      retainedPool: 0n,
      retainedShares: 0n,
      totalPatronage,
      index,
    };
  }
  const cashPool = (patronagePool * BigInt(settings.cashBps)) / BPS;
  const retainedPool = patronagePool - cashPool;
  const retainedShares = (retainedPool * RAY) / index;
  return { surplus, interest, toReserve, toCommons, cashPool, retainedPool, retainedShares, totalPatronage, index };
}

/** The books' totals as plain numbers. */
export async function booksOf(capital: CapitalAccounts) {
  const [held, accountsTotal, reserve, commons, cashOwed, redemptionsOwed, totalShares, index, yearCount] =
    await Promise.all([
      capital.held(),
      capital.accountsTotal(),
      capital.reserve(),
      capital.commons(),
      capital.cashOwed(),
      capital.redemptionsOwed(),
      capital.totalShares(),
      capital.index(),
      capital.yearCount(),
    ]);
  return { held, accountsTotal, reserve, commons, cashOwed, redemptionsOwed, totalShares, index, yearCount };
}

/**
 * The conservation invariants: the treasury's balance is what payouts are owed, plus what the capital books hold,
 * plus what is unallocated; and the books hold their five totals.
 */
export async function expectConserved(
  treasury: Treasury,
  capital: CapitalAccounts,
  token: { balanceOf(account: string): Promise<bigint> },
  step = "",
) {
  const [balance, owed, unallocated, books] = await Promise.all([
    token.balanceOf(await treasury.getAddress()),
    treasury.owed(),
    treasury.unallocated(),
    booksOf(capital),
  ]);
  expect(
    owed + books.held + unallocated,
    `${step}: owed ${owed} + held ${books.held} + unallocated ${unallocated}`,
  ).to.equal(balance);
  expect(
    books.accountsTotal + books.reserve + books.commons + books.cashOwed + books.redemptionsOwed,
    `${step}: held`,
  ).to.equal(books.held);
}

/** The member takes `amount` from the faucet, approves the capital contract for it and contributes. */
export async function contribute(capital: CapitalAccounts, token: DemoEuro, member: Signer, amount = CONTRIBUTION) {
  await faucet(token, member, amount);
  await (await token.connect(member).approve(await capital.getAddress(), amount)).wait();
  await (await capital.connect(member).contribute()).wait();
}

/** The closed-periods fixture with a 250-euro contribution asked, nobody having paid it yet. */
export async function deployAskingContribution() {
  const disco = await deployWithClosedPeriods();
  await (await disco.capital.connect(disco.admin).setSettings(WITH_CONTRIBUTION)).wait();
  return disco;
}

/** The closed-periods fixture with alice, bob, carol and dave's contributions paid (1,000 euros). */
export async function deployWithContributions() {
  const disco = await deployAskingContribution();
  for (const name of CONTRIBUTORS) await contribute(disco.capital, disco.token, disco[name]);
  return disco;
}

/** The contributions fixture with year 1 (periods 1 and 2) closed with SURPLUS by the timelock (the members' vote), nobody settled yet. */
export async function deployWithClosedYear() {
  const disco = await deployWithContributions();
  await (await disco.capital.connect(disco.admin).closeYear(2, SURPLUS)).wait();
  return disco;
}

/** A struct the contract returned (an ethers Result), as a plain object of its named fields. */
export function plain(struct: object): Record<string, unknown> {
  return (struct as Result).toObject();
}

/** A member's account as plain numbers. */
export async function accountOf(capital: CapitalAccounts, member: string, current = false) {
  const a = current ? await capital.currentAccountOf(member) : await capital.accountOf(member);
  return { shares: a.shares, value: a.value, cash: a.cash, settledYears: a.settledYears, contributed: a.contributed };
}
