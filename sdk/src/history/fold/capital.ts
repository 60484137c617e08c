/**
 * The capital accounts' events: settings, contributions, each year's surplus split or loss and what reached each
 * account, cash claimed, redemptions of former members, and the commons fund.
 */
import type { DecodedEvent } from "../decode.ts";
import { getOrMake, impossible, lower, place, type FoldContext, type Place } from "./context.ts";
import { periodOf } from "./ledger.ts";

export interface CapitalSettings {
  contribution: bigint;
  contributionReserveBps: number;
  reserveBps: number;
  commonsBps: number;
  cashBps: number;
  interestBps: number;
  interestCapBps: number;
  basis: number;
  instalments: number;
  revolvingPeriod: bigint;
}

export interface SurplusSplit {
  surplus: bigint;
  interest: bigint;
  toReserve: bigint;
  toCommons: bigint;
  cashPool: bigint;
  retainedPool: bigint;
  retainedShares: bigint;
  totalPatronage: bigint;
  index: bigint;
}

export interface CapitalYear extends Place {
  year: number;
  treasurer: string;
  firstPeriod: number;
  lastPeriod: number;
  atLoss: boolean;
  /** A surplus year's split. */
  split: SurplusSplit | null;
  /** A loss year's figures. */
  loss: { loss: bigint; fromReserve: bigint; chargedToAccounts: bigint; totalPatronage: bigint } | null;
}

export interface CapitalAccount {
  shares: bigint;
  /** Shares x the current index (ray). */
  value: bigint;
  cash: bigint;
  /**
   * Closed years that have reached the account, as far as events show: a settle() that brings a member no patronage
   * emits nothing, so it is only seen at the member's next capital event.
   */
  settledYears: number;
  contributed: boolean;
}

/** One redemption schedule of a former member (ICapitalAccounts.Redemption): `total` paid in `instalments`. */
export interface Redemption {
  /** Its index among the member's schedules (from 0), as redemptionOf(member, schedule) reads it. */
  schedule: number;
  total: bigint;
  paid: bigint;
  start: bigint;
  period: bigint;
  instalments: number;
}

export interface CapitalState {
  settings: CapitalSettings | null;
  settingsHistory: Array<Place & { settings: CapitalSettings }>;
  contributions: Array<
    Place & { member: string; amount: bigint; toReserve: bigint; toAccount: bigint; shares: bigint }
  >;
  years: Map<number, CapitalYear>;
  allocations: Array<
    Place & { member: string; year: number; patronage: bigint; cash: bigint; shares: bigint; value: bigint }
  >;
  lossCharges: Array<Place & { member: string; year: number; patronage: bigint; shares: bigint; value: bigint }>;
  cashClaims: Array<Place & { member: string; amount: bigint }>;
  redemptionsScheduled: Array<
    Place & {
      member: string;
      schedule: number;
      shares: bigint;
      amount: bigint;
      start: bigint;
      period: bigint;
      instalments: number;
    }
  >;
  /** One line per schedule paid from (one redeem() pays all due schedules in one transfer). */
  redemptionsPaid: Array<Place & { member: string; schedule: number; amount: bigint; paidTotal: bigint }>;
  commonsSpending: Array<Place & { to: string; amount: bigint; reason: string }>;
  /** Member (lowercase) to account, as settled so far: ICapitalAccounts.accountOf. */
  accounts: Map<string, CapitalAccount>;
  /** Member (lowercase) to their redemption schedules, in order: redemptionCount and redemptionOf(member, i). */
  redemptions: Map<string, Redemption[]>;
  index: bigint;
  totalShares: bigint;
  reserve: bigint;
  commons: bigint;
  accountsTotal: bigint;
  cashOwed: bigint;
  redemptionsOwed: bigint;
  /** accountsTotal + reserve + commons + cashOwed + redemptionsOwed: ICapitalAccounts.held(). */
  held: bigint;
}

/** The account index's unit (1e27), as in CapitalAccounts. */
export const RAY = 10n ** 27n;

export const emptyCapital = (): CapitalState => ({
  settings: null,
  settingsHistory: [],
  contributions: [],
  years: new Map(),
  allocations: [],
  lossCharges: [],
  cashClaims: [],
  redemptionsScheduled: [],
  redemptionsPaid: [],
  commonsSpending: [],
  accounts: new Map(),
  redemptions: new Map(),
  index: RAY,
  totalShares: 0n,
  reserve: 0n,
  commons: 0n,
  accountsTotal: 0n,
  cashOwed: 0n,
  redemptionsOwed: 0n,
  held: 0n,
});

/** Folds one capital accounts event. */
export function foldCapital(context: FoldContext, e: DecodedEvent<"capital">): void {
  const { capital } = context.state;

  const accountOf = (member: string): CapitalAccount =>
    getOrMake(capital.accounts, lower(member), () => ({
      shares: 0n,
      value: 0n,
      cash: 0n,
      settledYears: 0,
      contributed: false,
    }));
  /** Every capital action on an account settles it first: every closed year has reached it. */
  const settled = (member: string) => {
    const account = accountOf(member);
    account.settledYears = capital.years.size;
    return account;
  };
  const yearOf = (year: number) => {
    const closed = capital.years.get(year);
    if (!closed) throw impossible(e, `year ${year} was never closed`);
    return closed;
  };
  const openYear = (args: { year: number; treasurer: string; firstPeriod: number; lastPeriod: number }) => {
    const { year, treasurer, firstPeriod, lastPeriod } = args;
    if (year !== capital.years.size + 1) throw impossible(e, `year ${year} closed after year ${capital.years.size}`);
    const previous = capital.years.get(year - 1);
    if (firstPeriod !== (previous ? previous.lastPeriod + 1 : 1) || lastPeriod < firstPeriod) {
      throw impossible(e, `year ${year} spans periods ${firstPeriod}-${lastPeriod}`);
    }
    if (periodOf(context, e, lastPeriod).closedAt === null) throw impossible(e, `period ${lastPeriod} is not closed`);
    return { ...place(e), year, treasurer, firstPeriod, lastPeriod };
  };

  switch (e.name) {
    case "SettingsSet": {
      const s = e.args.settings;
      const settings: CapitalSettings = {
        contribution: s.contribution,
        contributionReserveBps: s.contributionReserveBps,
        reserveBps: s.reserveBps,
        commonsBps: s.commonsBps,
        cashBps: s.cashBps,
        interestBps: s.interestBps,
        interestCapBps: s.interestCapBps,
        basis: s.basis,
        instalments: s.instalments,
        revolvingPeriod: BigInt(s.revolvingPeriod),
      };
      capital.settings = settings;
      capital.settingsHistory.push({ ...place(e), settings });
      break;
    }
    case "ContributionPaid": {
      const { member, amount, toReserve, toAccount, shares } = e.args;
      if (toReserve + toAccount !== amount) throw impossible(e, `contribution split doesn't add up to ${amount}`);
      const account = settled(member);
      if (account.contributed) throw impossible(e, `${member} contributed twice`);
      account.contributed = true;
      account.shares += shares;
      capital.totalShares += shares;
      capital.accountsTotal += toAccount;
      capital.reserve += toReserve;
      capital.contributions.push({ ...place(e), member, amount, toReserve, toAccount, shares });
      break;
    }
    case "YearClosed": {
      const opened = openYear(e.args);
      const s = e.args.split;
      const split: SurplusSplit = {
        surplus: s.surplus,
        interest: s.interest,
        toReserve: s.toReserve,
        toCommons: s.toCommons,
        cashPool: s.cashPool,
        retainedPool: s.retainedPool,
        retainedShares: s.retainedShares,
        totalPatronage: s.totalPatronage,
        index: s.index,
      };
      const parts = split.interest + split.toReserve + split.toCommons + split.cashPool + split.retainedPool;
      if (parts !== split.surplus) throw impossible(e, `the split doesn't add up to the surplus ${split.surplus}`);
      capital.index = split.index;
      capital.totalShares += split.retainedShares;
      capital.accountsTotal += split.interest + split.retainedPool;
      capital.reserve += split.toReserve;
      capital.commons += split.toCommons;
      capital.cashOwed += split.cashPool;
      capital.years.set(opened.year, { ...opened, atLoss: false, split, loss: null });
      break;
    }
    case "YearClosedAtLoss": {
      const opened = openYear(e.args);
      const { loss, fromReserve, chargedToAccounts, totalPatronage } = e.args;
      if (fromReserve > capital.reserve) throw impossible(e, `the reserve holds only ${capital.reserve}`);
      capital.reserve -= fromReserve;
      capital.years.set(opened.year, {
        ...opened,
        atLoss: true,
        split: null,
        loss: { loss, fromReserve, chargedToAccounts, totalPatronage },
      });
      break;
    }
    case "AllocationSettled": {
      const year = yearOf(e.args.year);
      if (year.atLoss) throw impossible(e, `an allocation of loss year ${year.year}`);
      const { member, patronage, cash, shares, value } = e.args;
      const account = accountOf(member);
      if (account.settledYears >= year.year) throw impossible(e, `year ${year.year} reached ${member} twice`);
      account.shares += shares;
      account.cash += cash;
      account.settledYears = year.year;
      capital.allocations.push({ ...place(e), member, year: year.year, patronage, cash, shares, value });
      break;
    }
    case "LossCharged": {
      const year = yearOf(e.args.year);
      if (!year.atLoss) throw impossible(e, `a loss charged of surplus year ${year.year}`);
      const { member, patronage, shares, value } = e.args;
      const account = accountOf(member);
      if (account.settledYears >= year.year) throw impossible(e, `year ${year.year} reached ${member} twice`);
      if (shares > account.shares) throw impossible(e, `${member} holds only ${account.shares} shares`);
      account.shares -= shares;
      account.settledYears = year.year;
      capital.totalShares -= shares;
      capital.accountsTotal -= value;
      capital.lossCharges.push({ ...place(e), member, year: year.year, patronage, shares, value });
      break;
    }
    case "AccountSettled": {
      const account = accountOf(e.args.member);
      const years = e.args.settledYears;
      if (years < account.settledYears || years > capital.years.size) {
        throw impossible(e, `settled through year ${years} after ${account.settledYears} of ${capital.years.size}`);
      }
      account.settledYears = years;
      break;
    }
    case "CashClaimed": {
      const { member, amount } = e.args;
      const account = settled(member);
      if (amount !== account.cash) throw impossible(e, `${member} claimed ${amount} of ${account.cash} cash`);
      account.cash = 0n;
      capital.cashOwed -= amount;
      capital.cashClaims.push({ ...place(e), member, amount });
      break;
    }
    case "RedemptionScheduled": {
      const { member, shares, amount, instalments } = e.args;
      const account = settled(member);
      const schedule = Number(e.args.schedule);
      if (shares !== account.shares) throw impossible(e, `${member} holds ${account.shares} shares, not ${shares}`);
      const schedules = getOrMake(capital.redemptions, lower(member), (): Redemption[] => []);
      if (schedule !== schedules.length) throw impossible(e, `schedule ${schedule} after ${schedules.length}`);
      const [start, period] = [BigInt(e.args.start), BigInt(e.args.period)];
      schedules.push({ schedule, total: amount, paid: 0n, start, period, instalments });
      account.shares = 0n;
      capital.totalShares -= shares;
      capital.accountsTotal -= amount;
      capital.redemptionsOwed += amount;
      capital.redemptionsScheduled.push({ ...place(e), member, schedule, shares, amount, start, period, instalments });
      break;
    }
    case "Redeemed": {
      const { member, amount, paidTotal } = e.args;
      const schedule = Number(e.args.schedule);
      const redemption = capital.redemptions.get(lower(member))?.[schedule];
      if (!redemption) throw impossible(e, `${member} has no redemption schedule ${schedule}`);
      if (redemption.paid + amount !== paidTotal || paidTotal > redemption.total) {
        throw impossible(e, `redemption paid ${paidTotal} after ${redemption.paid} of ${redemption.total}`);
      }
      redemption.paid = paidTotal;
      capital.redemptionsOwed -= amount;
      capital.redemptionsPaid.push({ ...place(e), member, schedule, amount, paidTotal });
      break;
    }
    case "CommonsSpent": {
      const { to, amount, reason } = e.args;
      if (amount > capital.commons) throw impossible(e, `the commons fund holds only ${capital.commons}`);
      capital.commons -= amount;
      capital.commonsSpending.push({ ...place(e), to, amount, reason });
      break;
    }
  }
}

/** The figures derived from the whole capital state: each account's value at the current index, and what is held. */
export function settleCapital(capital: CapitalState): void {
  for (const account of capital.accounts.values()) account.value = (account.shares * capital.index) / RAY;
  capital.held = capital.accountsTotal + capital.reserve + capital.commons + capital.cashOwed + capital.redemptionsOwed;
}
