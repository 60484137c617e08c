/**
 * A DisCO's federation check-in, browser-safe: the digest and headline figures of one final period, computed from
 * the DisCO's own folded logs and the federation's credit network's alone, so that the DisCO checks in with them and
 * any peer recomputes and compares them;
 * the figures' names for people; the Federation contract's `checkIn` arguments and `CheckedIn` event in and out.
 */
import type { Address, ContractFunctionArgs, Hex } from "viem";
import { hashOf } from "../audit/canonical.ts";
import { wageRatioChecks } from "../audit/checks.ts";
import { periodBooks, periodIndex } from "../audit/report.ts";
import {
  applyMemberEvent,
  countAt,
  countUpTo,
  isoDate,
  timepointOf,
  type RecordAt,
  type Timeline,
} from "../audit/timeline.ts";
// Not through credit/index.ts: the credit fold imports the federation's, which imports this module.
import { creditFlowsOf } from "../credit/balances.ts";
import type { CreditState } from "../credit/fold.ts";
import type { Deployment } from "../deployment.ts";
import type { federationAbi } from "../generated/abis.ts";
import { creditEuros, LOCALES, money, shortAddress, workAmount, type Lang } from "../format.ts";
import type { HistoryState } from "../history/index.ts";
import { Stream } from "../ledger.ts";

// ------------------------------------------------------------------------------------------------ FIGURES

/**
 * IFederation.Figure, in its order (a figure's index is its enum value, which a challenge names), with its name for
 * people in the members' languages.
 */
export const FIGURES = [
  { name: "Digest", en: "books digest", es: "huella de los libros" },
  { name: "Members", en: "members", es: "personas socias" },
  { name: "BindingMembers", en: "binding members", es: "socias con voto vinculante" },
  { name: "LivelihoodPayable", en: "payable livelihood", es: "sustento pagable" },
  { name: "LovePayable", en: "payable love", es: "amor pagable" },
  { name: "CarePayable", en: "payable care", es: "cuidados pagables" },
  { name: "MoneyIn", en: "money in", es: "dinero entrante" },
  { name: "MoneyOut", en: "money out", es: "dinero saliente" },
  { name: "CreditIn", en: "mutual credit in", es: "crédito mutuo entrante" },
  { name: "CreditOut", en: "mutual credit out", es: "crédito mutuo saliente" },
] as const;
export type FigureName = (typeof FIGURES)[number]["name"];

/**
 * A period's headline figures, as IFederation.Figures holds them (`payable` is its `payable_`). What each means, so
 * that every peer computes the same from the logs, is checkInOf's to say.
 */
export interface CheckInFigures {
  members: bigint;
  bindingMembers: bigint;
  /** Per stream, by IValueLedger.Stream: livelihood, love, care. */
  payable: readonly [bigint, bigint, bigint];
  moneyIn: bigint;
  moneyOut: bigint;
  /** Credit cents (100 a euro of credit). */
  creditIn: bigint;
  creditOut: bigint;
}

/** What a DisCO checks in with for a period, or what a peer recomputes for it. */
export interface CheckIn {
  /** keccak256 of the period's books: the hash `npm run audit -- --attest <period>` records. */
  digest: Hex;
  figures: CheckInFigures;
}

/** What checkInOf reads: a DisCO's folded history and the little the logs don't carry. */
export interface CheckInSource {
  state: HistoryState;
  /** The chain and the ledger, which the period's books name. */
  deployment: Pick<Deployment, "chainId"> & { contracts: { ledger: { address: string } } };
  /**
   * Block number to timestamp, for the block of every membership event and money movement (blocksToTime(state,
   * true)'s, which the audit loads by default).
   */
  times: ReadonlyMap<number, bigint>;
  /** The timestamp of the history's last block: a period is final once its review window has ended by then. */
  now: bigint;
  /**
   * The federation's credit network (loadCredit, folded at least up to the period's close) and the DisCO's account
   * there (its membership address); null when the DisCO is in no credit network: its credit figures are 0.
   */
  credit: { state: CreditState; account: Address } | null;
}

/**
 * The digest and figures of a final period (closed, its review window over), from the DisCO's own logs alone:
 *
 * - **Digest**: keccak256 of the canonical JSON of the period's books (periodBooks, with its wage-ratio check), the
 *   very hash the audit reports and `--attest` records. A final period's books still change when it is funded, or a
 *   dispute of its work is resolved, after that: a check-in's digest is the books' as of just before its CheckedIn
 *   log, and a peer recomputes it from the DisCO's logs of earlier blocks and those earlier in the CheckedIn's block.
 * - **Members**: the members of any stage, and **BindingMembers**: the Committed ones (whose votes bind), as of the
 *   period's close: after every membership event in a block whose time is at most its `closedAt`. On a governor with
 *   a timestamp clock, BindingMembers is the membership's getPastTotalSupply(closedAt).
 * - **LivelihoodPayable**, **LovePayable**, **CarePayable**: the period's payable totals per stream in the ledger's
 *   units (two decimals), its counted work weighted by stage: ValueLedger.periodTotals(period).payable_, which never
 *   changes once the period is final (work accepted later counts in the period open then).
 * - **MoneyIn**, **MoneyOut**: every transfer of the currency into, and out of, the treasury (pay-ins, joining
 *   contributions, recoveries and direct transfers in; claims, cash, redemptions and spending out; in the currency's
 *   base units, each gross, none netted) in a block whose time is after the previous period's `closedAt` (for the
 *   first period: any) and at most this one's. Each block raises the time and a period opens in the block that closes
 *   the one before, so consecutive periods divide the movements between them, each counted once; one in the closing
 *   block counts in the closing period, as the membership's checkpoints count the whole block.
 * - **CreditIn**, **CreditOut**: the credit cents of the payments of the federation's credit network that the DisCO
 *   received as payee, and made as payer (creditFlowsOf's payments), placed in the period's window exactly as
 *   MoneyIn and MoneyOut are (by the same code, on their blocks' times). A payment that only passes through the DisCO
 *   on its path is not its own (its net position does not change); a settlement is money, already in MoneyIn and
 *   MoneyOut through the treasuries; a clearing changes no net position: none of them counts.
 *
 * The figures are placed by block time because the fold keeps each period's open and close as the ledger's times,
 * not as places in the chain, and the membership's checkpoints count by time too: block times make them exact (a
 * whole block on either side), and cheap (two searches among the movements and a replay of the membership events).
 * Throws when the period is not in the history, is open or not yet final, or a block time needed is not in `times`.
 */
export function checkInOf(source: CheckInSource, period: number): CheckIn {
  const { state, deployment, now } = source;
  const p = state.ledger.periods.get(period);
  if (!p) throw new Error(`No period ${period} in the history: the ledger has opened ${state.ledger.currentPeriod}`);
  if (p.closedAt === null || p.finalAt === null) {
    throw new Error(`Period ${period} is still open: only a final period checks in`);
  }
  if (p.finalAt > now) {
    throw new Error(
      `Period ${period} is not final: its review window ends at ${isoDate(p.finalAt)}; it checks in once final`,
    );
  }

  const index = periodIndex(state);
  const wage = wageRatioChecks(state, index.members).find((w) => w.period === period);
  const ledger = { chainId: deployment.chainId, ledger: deployment.contracts.ledger.address };
  const digest = hashOf(periodBooks(state, period, ledger, wage, index));

  const timeline: Timeline = { mode: "timestamp", times: source.times };
  const records = new Map<string, RecordAt>();
  const joined = state.memberEvents.slice(0, countAt(state.memberEvents, timeline, p.closedAt));
  for (const event of joined) applyMemberEvent(records, event, timeline);
  const binding = [...records.values()].filter((r) => r.stage === "Committed").length;

  const window = { after: state.ledger.periods.get(period - 1)?.closedAt ?? null, upTo: p.closedAt };
  const money = windowTotals(state.movements, (m) => timepointOf(timeline, m.block), window);
  const payments = source.credit
    ? creditFlowsOf(source.credit.state, source.credit.account).filter((f) => f.kind === "payment")
    : [];
  const credit = windowTotals(payments, (f) => BigInt(f.time), window);

  const [livelihood, love, care] = p.totals.payable;
  return {
    digest,
    figures: {
      members: BigInt(records.size),
      bindingMembers: BigInt(binding),
      payable: [livelihood, love, care],
      moneyIn: money.in,
      moneyOut: money.out,
      creditIn: credit.in,
      creditOut: credit.out,
    },
  };
}

/**
 * The in and out totals of `flows` (chain order, so `timeOf` never goes back) in a period's window: in a block whose
 * time is after `after` (the previous period's close; null for the first period: any) and at most `upTo` (its own).
 */
function windowTotals<T extends { direction: "in" | "out"; amount: bigint }>(
  flows: readonly T[],
  timeOf: (flow: T) => bigint,
  { after, upTo }: { after: bigint | null; upTo: bigint },
): { in: bigint; out: bigint } {
  const from = after === null ? 0 : countUpTo(flows, timeOf, after);
  const totals = { in: 0n, out: 0n };
  for (const f of flows.slice(from, countUpTo(flows, timeOf, upTo))) totals[f.direction] += f.amount;
  return totals;
}

/** Each figure's value in a check-in, to compare; digests compared as hex of either case. */
const VALUE_OF: Record<FigureName, (c: CheckIn) => bigint | string> = {
  Digest: (c) => c.digest.toLowerCase(),
  Members: (c) => c.figures.members,
  BindingMembers: (c) => c.figures.bindingMembers,
  LivelihoodPayable: (c) => c.figures.payable[Stream.Livelihood],
  LovePayable: (c) => c.figures.payable[Stream.Love],
  CarePayable: (c) => c.figures.payable[Stream.Care],
  MoneyIn: (c) => c.figures.moneyIn,
  MoneyOut: (c) => c.figures.moneyOut,
  CreditIn: (c) => c.figures.creditIn,
  CreditOut: (c) => c.figures.creditOut,
};

/** The figures in which a claimed check-in differs from the one recomputed from the logs, in FIGURES' order. */
export function compareCheckIn(claimed: CheckIn, recomputed: CheckIn): FigureName[] {
  return FIGURES.map((f) => f.name).filter((name) => VALUE_OF[name](claimed) !== VALUE_OF[name](recomputed));
}

const VERDICT: Record<Lang, { matches: string; differs: string }> = {
  en: { matches: "matches", differs: "differs in:" },
  es: { matches: "coincide", differs: "difiere en:" },
};

/** compareCheckIn's answer in words: "matches", or "differs in: members, money in". */
export const checkInVerdict = (differences: readonly FigureName[], lang: Lang = "en"): string =>
  differences.length === 0
    ? VERDICT[lang].matches
    : `${VERDICT[lang].differs} ${differences.map((name) => FIGURES.find((f) => f.name === name)?.[lang]).join(", ")}`;

/**
 * A figure's value for people: a digest shortened, counts, the ledger's units, the currency's amounts (in its
 * `decimals`, with its `symbol`), mutual credit as euros of credit (credit cents).
 */
export function figureValue(name: FigureName, c: CheckIn, lang: Lang, decimals = 6, symbol = "€"): string {
  const value = VALUE_OF[name](c);
  if (typeof value === "string") return shortAddress(value);
  if (name === "MoneyIn" || name === "MoneyOut") return money(value, lang, decimals, symbol);
  if (name === "CreditIn" || name === "CreditOut") return creditEuros(value, lang);
  if (name === "Members" || name === "BindingMembers") return value.toLocaleString(LOCALES[lang]);
  return workAmount(value, lang);
}

const DIFFERENCE: Record<Lang, (figure: string, claimed: string, recomputed: string) => string> = {
  en: (figure, claimed, recomputed) => `${figure} ${claimed} checked in, ${recomputed} in its logs`,
  es: (figure, claimed, recomputed) => `${figure}: ${claimed} en la declaración, ${recomputed} en sus registros`,
};

/**
 * One differing figure in words, what a challenge says: "money in 1,200.00 € checked in, 1,000.00 € in its logs".
 * `decimals` and `symbol`: the DisCO's currency's.
 */
export function describeDifference(
  name: FigureName,
  claimed: CheckIn,
  recomputed: CheckIn,
  lang: Lang = "en",
  decimals = 6,
  symbol = "€",
): string {
  const figure = FIGURES.find((f) => f.name === name)?.[lang] ?? name;
  return DIFFERENCE[lang](
    figure,
    figureValue(name, claimed, lang, decimals, symbol),
    figureValue(name, recomputed, lang, decimals, symbol),
  );
}

// ------------------------------------------------------------------------------------------------ CONTRACT

/** IFederation.Figures as viem takes and gives it: the member counts (uint32) as numbers. */
export type FiguresTuple = ContractFunctionArgs<typeof federationAbi, "nonpayable", "checkIn">[3];

/** Figures as the contract's tuple; a count beyond its type is refused by viem's encoder when the call is made. */
export const figuresTuple = (f: CheckInFigures): FiguresTuple => ({
  members: Number(f.members),
  bindingMembers: Number(f.bindingMembers),
  payable_: f.payable,
  moneyIn: f.moneyIn,
  moneyOut: f.moneyOut,
  creditIn: f.creditIn,
  creditOut: f.creditOut,
});

/** checkIn's arguments, for a write or a simulation with the Federation's ABI (`@disco-ledger/sdk/abis`). */
export const checkInArgs = (disco: Address, period: number, checkIn: CheckIn) =>
  [disco, period, checkIn.digest, figuresTuple(checkIn.figures)] as const;

/** The check-in a decoded CheckedIn event's args record, to compare with checkInOf's. */
export const checkInFromEvent = ({ digest, figures: f }: { digest: Hex; figures: FiguresTuple }): CheckIn => ({
  digest,
  figures: {
    members: BigInt(f.members),
    bindingMembers: BigInt(f.bindingMembers),
    payable: f.payable_,
    moneyIn: f.moneyIn,
    moneyOut: f.moneyOut,
    creditIn: f.creditIn,
    creditOut: f.creditOut,
  },
});
