/**
 * What a DisCO starts with (IDisCOFactory.Params), as the app's "Start a DisCO" form, the deploy scripts and their
 * tests share it: the DisCO model's defaults, the checks that name the field a person must fix before anything is
 * sent, and the factory call's arguments. Pure and browser-safe.
 */
import { getAddress, isAddress, zeroAddress, type ContractFunctionArgs } from "viem";
import type { factoryAbi } from "./generated/abis.ts";
import { CONSTITUENCY_COUNT } from "./settings.ts";

/** Stage numbers as IMembership.Stage orders them. */
export const Stage = {
  None: 0,
  Casual: 1,
  Dating1: 2,
  Dating2: 3,
  Dating3: 4,
  Committed: 5,
} as const;
export type StageName = keyof typeof Stage;

// A type alias, not an interface, so that Ignition accepts it as a parameter value.
/** A founding member: a Dating founder names a Committed founder listed before as mentor; others name none. */
export type Founder = {
  account: string;
  stage: number;
  constituency: number;
  mentor: string;
};

/**
 * The ledger's settings unless the founders say otherwise: DESIGN.md's defaults. Weights per stage (Casual,
 * Dating 1-3, Committed) and stream (Livelihood, Love, Care) in basis points: GT's Dating livelihood at 0/50/75%,
 * Dating care historical only, Casual work historical only. 400 credits over 3 periods is GT's minimum.
 */
export const DEFAULT_LEDGER_SETTINGS = {
  weights: [
    [0, 0, 0],
    [0, 10_000, 0],
    [5_000, 10_000, 0],
    [7_500, 10_000, 0],
    [10_000, 10_000, 10_000],
  ],
  caps: [0, 0, 0],
  approvalsRequired: 1,
  minimumCredits: 40_000,
  minimumPeriods: 3,
  // DESIGN.md's review window: every counted entry stays disputable for 3 days before its period is final.
  reviewWindow: 3 * 24 * 3600,
};

/** Patronage measured in livelihood and love payable credits, or in care payable hours (ICapitalAccounts). */
export const PatronageBasis = { Credits: 0, Hours: 1 } as const;

const YEAR = 365 * 24 * 3600;

/**
 * The governor's rules unless the founders say otherwise: a day before voting opens, a week to vote, one binding
 * member to propose, half the binding members to take part, two thirds for a bylaw.
 */
export const DEFAULT_GOVERNOR_SETTINGS = {
  votingDelay: 24 * 3600,
  votingPeriod: 7 * 24 * 3600,
  proposalThreshold: 1,
  quorumBps: 5000,
  supermajorityNumerator: 2,
  supermajorityDenominator: 3,
};

/**
 * The capital accounts' rules unless the founders say otherwise: DESIGN.md's sources. No joining contribution
 * (its amount depends on the currency's decimals: the founders set it, as localhost.json does with Obran's 250),
 * 25% of one to the indivisible reserve (Mondragon); of a year's surplus 30% to the reserve and 10% to the commons
 * fund, the rest as patronage by credits, 20% of it in cash (US Subchapter T's minimum); no interest, capped at 7%
 * (Mondragon); redemption in 3 yearly instalments (CoLab's 3-year revolving period).
 */
export const DEFAULT_CAPITAL_SETTINGS = {
  contribution: 0 as number | bigint,
  contributionReserveBps: 2_500,
  reserveBps: 3_000,
  commonsBps: 1_000,
  cashBps: 2_000,
  interestBps: 0,
  interestCapBps: 700,
  basis: PatronageBasis.Credits as number,
  instalments: 3,
  revolvingPeriod: 3 * YEAR,
};

/** The currency's decimals that amounts assume unless the founders say otherwise: a euro stablecoin's 6. */
export const DEFAULT_CURRENCY_DECIMALS = 6;

/** Every optional founding value's default. */
export const DEFAULTS = {
  symbol: "DISCO",
  constituencies: ["worker", "community", "client", "supporter", "backer"],
  treasurers: [] as string[],
  currencyDecimals: DEFAULT_CURRENCY_DECIMALS,
  timelockDelay: 2 * 24 * 3600,
  // Livelihood 75%, love 25%, care 0%: DisCO v3.5's default split of a period's payouts.
  buckets: [7_500, 2_500, 0],
  // The highest ratio between the best and the worst paid hour of a period's livelihood work, times 100:
  // Mondragon's 6:1 unless the members choose otherwise (GT's committed members keep 1:1, that is 100).
  wageRatioCap: 600,
  governorSettings: DEFAULT_GOVERNOR_SETTINGS,
  ledgerSettings: DEFAULT_LEDGER_SETTINGS,
  capitalSettings: DEFAULT_CAPITAL_SETTINGS,
};

/** A DisCO's founding values, with the defaults' shapes (numbers in the chain's units: seconds, basis points). */
export type Founding = typeof DEFAULTS & {
  name: string;
  founders: Founder[];
  currency: string;
};

/** A founding with every value its founders leave out at its default. */
export const withDefaults = (
  given: Partial<Founding> & Pick<Founding, "name" | "founders" | "currency">,
): Founding => ({
  ...DEFAULTS,
  ...given,
});

/** What a person must fix, and where: `field` is a path into Founding ("founders.1.mentor", "buckets"). */
export type FoundingProblem =
  | { field: string; code: "empty" }
  | { field: string; code: "address" }
  | { field: string; code: "duplicate" }
  | { field: string; code: "tooMany"; most: number }
  | { field: string; code: "stage" }
  | { field: string; code: "constituency" }
  | { field: string; code: "mentor" }
  | { field: string; code: "noCommitted" }
  | { field: string; code: "bucketsSum"; sum: number }
  | { field: string; code: "range"; least: number; most: number };

const isDating = (stage: number) => stage >= Stage.Dating1 && stage <= Stage.Dating3;
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The addresses in `list` that are not addresses, or repeat an earlier one, under `field.<index>[.suffix]`. */
function addressProblems(list: readonly string[], field: (index: number) => string): FoundingProblem[] {
  return list.flatMap((address, index): FoundingProblem[] => {
    if (!isAddress(address, { strict: false }) || sameAddress(address, zeroAddress)) {
      return [{ field: field(index), code: "address" }];
    }
    const earlier = list.slice(0, index).some((other) => sameAddress(other, address));
    return earlier ? [{ field: field(index), code: "duplicate" }] : [];
  });
}

/**
 * Everything the factory (and the membership it initialises) would refuse in a founding, each naming its field, in
 * the order of the form: an empty list when it can be sent. The currency's code and decimals are the chain's to
 * check; the settings' own bounds are the contracts' (their errors are decoded by errors.ts).
 */
export function foundingProblems(founding: Founding): FoundingProblem[] {
  const problems: FoundingProblem[] = [];
  if (founding.name.trim() === "") problems.push({ field: "name", code: "empty" });
  if (founding.symbol.trim() === "") problems.push({ field: "symbol", code: "empty" });

  const { constituencies, founders } = founding;
  if (constituencies.length === 0) problems.push({ field: "constituencies", code: "empty" });
  if (constituencies.length > CONSTITUENCY_COUNT) {
    problems.push({ field: "constituencies", code: "tooMany", most: CONSTITUENCY_COUNT });
  }
  constituencies.forEach((name, index) => {
    if (name.trim() === "") problems.push({ field: `constituencies.${index}`, code: "empty" });
  });

  if (founders.length === 0) problems.push({ field: "founders", code: "empty" });
  problems.push(
    ...addressProblems(
      founders.map((f) => f.account),
      (i) => `founders.${i}.account`,
    ),
  );
  founders.forEach((founder, index) => {
    const at = `founders.${index}`;
    if (!Number.isInteger(founder.stage) || founder.stage <= Stage.None || founder.stage > Stage.Committed) {
      problems.push({ field: `${at}.stage`, code: "stage" });
    }
    if (
      !Number.isInteger(founder.constituency) ||
      founder.constituency < 0 ||
      founder.constituency >= constituencies.length
    ) {
      problems.push({ field: `${at}.constituency`, code: "constituency" });
    }
    const mentorIsEarlierCommitted = founders
      .slice(0, index)
      .some((m) => m.stage === Stage.Committed && sameAddress(m.account, founder.mentor));
    const mentorValid = isDating(founder.stage) ? mentorIsEarlierCommitted : sameAddress(founder.mentor, zeroAddress);
    if (!mentorValid) problems.push({ field: `${at}.mentor`, code: "mentor" });
  });
  if (founders.length > 0 && !founders.some((f) => f.stage === Stage.Committed)) {
    problems.push({ field: "founders", code: "noCommitted" });
  }

  problems.push(...addressProblems(founding.treasurers, (i) => `treasurers.${i}`));

  const sum = founding.buckets.reduce((total, share) => total + share, 0);
  if (founding.buckets.length !== 3 || sum !== 10_000) problems.push({ field: "buckets", code: "bucketsSum", sum });

  const { quorumBps, supermajorityNumerator, supermajorityDenominator } = founding.governorSettings;
  if (quorumBps < 1 || quorumBps > 10_000) {
    problems.push({ field: "governorSettings.quorumBps", code: "range", least: 1, most: 10_000 });
  }
  if (supermajorityDenominator < 1 || supermajorityNumerator < 1 || supermajorityNumerator > supermajorityDenominator) {
    problems.push({
      field: "governorSettings.supermajorityNumerator",
      code: "range",
      least: 1,
      most: supermajorityDenominator,
    });
  }

  if (!isAddress(founding.currency, { strict: false }) || sameAddress(founding.currency, zeroAddress)) {
    problems.push({ field: "currency", code: "address" });
  }
  return problems;
}

/** DisCOFactory.create's one argument, as viem types it. */
export type FoundingParams = ContractFunctionArgs<typeof factoryAbi, "nonpayable", "create">[0];

/**
 * The factory call's argument for a founding. Throws, naming the first problem's field, when foundingProblems finds
 * any: nothing is sent that the form would have refused.
 */
export function foundingParams(founding: Founding): FoundingParams {
  const [problem] = foundingProblems(founding);
  if (problem) throw new Error(`The DisCO's founding is not valid: ${problem.field} (${problem.code}).`);
  const { governorSettings: g, ledgerSettings: l, capitalSettings: c } = founding;
  const [livelihood, love, care] = founding.buckets;
  const weights = (stage: number) => {
    const [a, b, d] = l.weights[stage];
    return [a, b, d] as const;
  };
  return {
    name: founding.name.trim(),
    symbol: founding.symbol.trim(),
    constituencies: founding.constituencies.map((name) => name.trim()),
    founders: founding.founders.map((f) => ({
      account: getAddress(f.account),
      stage: f.stage,
      constituency: f.constituency,
      mentor: getAddress(f.mentor),
    })),
    treasurers: founding.treasurers.map((t) => getAddress(t)),
    currency: getAddress(founding.currency),
    currencyDecimals: founding.currencyDecimals,
    timelockDelay: BigInt(founding.timelockDelay),
    buckets: [livelihood, love, care],
    wageRatioCapX100: founding.wageRatioCap,
    governor: {
      votingDelay: g.votingDelay,
      votingPeriod: g.votingPeriod,
      proposalThreshold: BigInt(g.proposalThreshold),
      quorumBps: BigInt(g.quorumBps),
      supermajorityNumerator: g.supermajorityNumerator,
      supermajorityDenominator: g.supermajorityDenominator,
    },
    ledger: {
      weights: [weights(0), weights(1), weights(2), weights(3), weights(4)],
      caps: [BigInt(l.caps[0]), BigInt(l.caps[1]), BigInt(l.caps[2])],
      approvalsRequired: l.approvalsRequired,
      minimumCredits: BigInt(l.minimumCredits),
      minimumPeriods: l.minimumPeriods,
      reviewWindow: l.reviewWindow,
    },
    capital: { ...c, contribution: BigInt(c.contribution) },
  };
}
