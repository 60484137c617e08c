import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import DisCOFactoryModule from "./DisCOFactory.ts";

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
export type Founder = {
  account: string;
  stage: number;
  constituency: number;
  mentor: string;
};

/**
 * The ledger's settings unless the parameters say otherwise: DESIGN.md's defaults. Weights per stage (Casual,
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
 * The governor's rules unless the parameters say otherwise: a day before voting opens, a week to vote, one binding
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
 * The capital accounts' rules unless the parameters say otherwise: DESIGN.md's sources. No joining contribution
 * (its amount depends on the currency's decimals: the parameters set it, as localhost.json does with Obran's 250),
 * 25% of one to the indivisible reserve (Mondragon); of a year's surplus 30% to the reserve and 10% to the commons
 * fund, the rest as patronage by credits, 20% of it in cash (US Subchapter T's minimum); no interest, capped at 7%
 * (Mondragon); redemption in 3 yearly instalments (CoLab's 3-year revolving period).
 */
export const DEFAULT_CAPITAL_SETTINGS = {
  contribution: 0,
  contributionReserveBps: 2_500,
  reserveBps: 3_000,
  commonsBps: 1_000,
  cashBps: 2_000,
  interestBps: 0,
  interestCapBps: 700,
  basis: PatronageBasis.Credits,
  instalments: 3,
  revolvingPeriod: 3 * YEAR,
};

/** The currency's decimals that amounts in the parameters assume unless they say otherwise: a euro stablecoin's 6. */
export const DEFAULT_CURRENCY_DECIMALS = 6;

/** Every optional parameter's value when a parameters file leaves it out. */
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

/**
 * One DisCO, started by the chain's factory in one transaction (DisCOFactory.create): membership with its founders,
 * value ledger and treasury (in the `currency` token) with their founding treasurers, capital accounts, audit registry
 * (auditors are named later, by a vote), governor and the timelock that holds every right. The factory keeps no role
 * and neither does the account that sends the transaction. `id` names the Ignition module, so that one chain's
 * journal can hold several DisCOs (`npm start` starts two); its parameters are read under that id.
 */
export function discoModule(id = "DisCO") {
  return buildModule(id, (m) => {
    const { factory } = m.useModule(DisCOFactoryModule);
    const params = {
      name: m.getParameter<string>("name"),
      symbol: m.getParameter<string>("symbol", DEFAULTS.symbol),
      constituencies: m.getParameter<string[]>("constituencies", DEFAULTS.constituencies),
      founders: m.getParameter<Founder[]>("founders"),
      treasurers: m.getParameter<string[]>("treasurers", DEFAULTS.treasurers),
      currency: m.getParameter<string>("currency"),
      currencyDecimals: m.getParameter<number>("currencyDecimals", DEFAULTS.currencyDecimals),
      timelockDelay: m.getParameter<number>("timelockDelay", DEFAULTS.timelockDelay),
      buckets: m.getParameter<number[]>("buckets", DEFAULTS.buckets),
      wageRatioCapX100: m.getParameter<number>("wageRatioCap", DEFAULTS.wageRatioCap),
      governor: m.getParameter("governorSettings", DEFAULTS.governorSettings),
      ledger: m.getParameter("ledgerSettings", DEFAULTS.ledgerSettings),
      capital: m.getParameter("capitalSettings", DEFAULTS.capitalSettings),
    };
    const create = m.call(factory, "create", [params], { id: "create" });
    const address = (field: string) => m.readEventArgument(create, "DisCOCreated", field, { id: `${field}Address` });
    return {
      factory,
      membership: m.contractAt("Membership", address("membership"), { id: "Membership" }),
      ledger: m.contractAt("ValueLedger", address("ledger"), { id: "ValueLedger" }),
      treasury: m.contractAt("Treasury", address("treasury"), { id: "Treasury" }),
      capital: m.contractAt("CapitalAccounts", address("capital"), { id: "CapitalAccounts" }),
      audit: m.contractAt("AuditRegistry", address("audit"), { id: "AuditRegistry" }),
      governor: m.contractAt("DisCOGovernor", address("governor"), { id: "DisCOGovernor" }),
      timelock: m.contractAt("DisCOTimelock", address("timelock"), { id: "DisCOTimelock" }),
    };
  });
}

export default discoModule();
