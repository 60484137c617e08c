/**
 * The "Start a DisCO" form's state as a person types it, and the founding it stands for (@disco-ledger/sdk/founding):
 * each rule in its unit (3 days, 50 %, 6 ×) as the settings catalogue names, explains and converts it, so that the
 * form says the same as the vote that changes it later. Pure.
 */
import { DEFAULTS, Stage, withDefaults, type Founder, type Founding } from "@disco-ledger/sdk/founding";
import {
  parseValue,
  settingByKey,
  valueText,
  type Setting,
  type Unit,
  type ValueProblem,
} from "@disco-ledger/sdk/settings";

/** One rule a founder may set, with the catalogue's setting that changes it later by a vote. */
export interface Rule {
  id: string;
  setting: Setting;
  /** The catalogue's field, for a setting of several (its label is the field's). */
  field: string;
  /** The stream, for a share of the funding. */
  stream?: number;
  unit: Unit;
  read: (founding: Founding) => number | bigint;
  write: (founding: Founding, value: bigint) => Founding;
}

function rule(id: string, key: string, field: string, read: Rule["read"], write: Rule["write"], stream?: number): Rule {
  const setting = settingByKey(key);
  const unit = setting?.fields.find((f) => f.id === field)?.unit;
  if (!setting || !unit) throw new Error(`No setting ${key} with a field ${field} in the catalogue`);
  return { id, setting, field, stream, unit, read, write };
}

const governor = (f: Founding, change: Partial<Founding["governorSettings"]>): Founding => ({
  ...f,
  governorSettings: { ...f.governorSettings, ...change },
});

const bucket = (stream: number) =>
  rule(
    `bucket${stream}`,
    "treasury.setBuckets",
    "bucket",
    (f) => f.buckets[stream],
    (f, v) => ({ ...f, buckets: f.buckets.map((share, i) => (i === stream ? Number(v) : share)) }),
    stream,
  );

/** The rules the form asks for, in its order; every other setting starts at the DisCO model's default. */
export const RULES: readonly Rule[] = [
  rule(
    "reviewWindow",
    "ledger.setReviewWindow",
    "window",
    (f) => f.ledgerSettings.reviewWindow,
    (f, v) => ({ ...f, ledgerSettings: { ...f.ledgerSettings, reviewWindow: Number(v) } }),
  ),
  rule(
    "votingDelay",
    "governor.setVotingDelay",
    "delay",
    (f) => f.governorSettings.votingDelay,
    (f, v) => governor(f, { votingDelay: Number(v) }),
  ),
  rule(
    "votingPeriod",
    "governor.setVotingPeriod",
    "period",
    (f) => f.governorSettings.votingPeriod,
    (f, v) => governor(f, { votingPeriod: Number(v) }),
  ),
  rule(
    "quorum",
    "governor.updateQuorumNumerator",
    "quorum",
    (f) => f.governorSettings.quorumBps,
    (f, v) => governor(f, { quorumBps: Number(v) }),
  ),
  rule(
    "supermajorityFor",
    "governor.setSupermajority",
    "numerator",
    (f) => f.governorSettings.supermajorityNumerator,
    (f, v) => governor(f, { supermajorityNumerator: Number(v) }),
  ),
  rule(
    "supermajorityOutOf",
    "governor.setSupermajority",
    "denominator",
    (f) => f.governorSettings.supermajorityDenominator,
    (f, v) => governor(f, { supermajorityDenominator: Number(v) }),
  ),
  rule(
    "timelockDelay",
    "timelock.updateDelay",
    "delay",
    (f) => f.timelockDelay,
    (f, v) => ({ ...f, timelockDelay: Number(v) }),
  ),
  bucket(0),
  bucket(1),
  bucket(2),
  rule(
    "wageRatioCap",
    "audit.setWageRatioCap",
    "cap",
    (f) => f.wageRatioCap,
    (f, v) => ({ ...f, wageRatioCap: Number(v) }),
  ),
  rule(
    "contribution",
    "capital.setSettings",
    "contribution",
    (f) => f.capitalSettings.contribution,
    (f, v) => ({ ...f, capitalSettings: { ...f.capitalSettings, contribution: v } }),
  ),
];

/** The founding field a rule sets, as foundingProblems names it. */
export const RULE_FIELDS: Record<string, string> = {
  "governorSettings.quorumBps": "quorum",
  "governorSettings.supermajorityNumerator": "supermajorityFor",
  buckets: "bucket0",
};

/** What the form holds: texts as typed, founders' choices as numbers. */
export interface Draft {
  name: string;
  symbol: string;
  constituencies: string[];
  founders: Founder[];
  treasurers: string[];
  /** Each rule's text by its id, in its unit. */
  rules: Record<string, string>;
  currency: string;
}

const ZERO = "0x0000000000000000000000000000000000000000";

/** The DisCO model's founding, for the rules' defaults. */
const MODEL = withDefaults({ name: "", founders: [], currency: "" });

/** A rule's default in the chain's units. */
export const defaultValue = (rule: Rule): bigint => BigInt(rule.read(MODEL));

/** A rule's default as a person types it. */
export const defaultText = (rule: Rule, currencyDecimals: number): string =>
  valueText(rule.unit, defaultValue(rule), currencyDecimals);

/** A new draft: the DisCO model's defaults, `me` as its one Committed founder, `currency` offered. */
export function newDraft(me: string | undefined, currency: string, currencyDecimals: number): Draft {
  return {
    name: "",
    symbol: DEFAULTS.symbol,
    constituencies: [...DEFAULTS.constituencies],
    founders: [{ account: me ?? "", stage: Stage.Committed, constituency: 0, mentor: ZERO }],
    treasurers: [],
    rules: Object.fromEntries(RULES.map((r) => [r.id, defaultText(r, currencyDecimals)])),
    currency,
  };
}

/** A founder at another stage: a Dating founder keeps a mentor (or has one to choose), others have none. */
export function withStage(founder: Founder, stage: number): Founder {
  const dating = stage >= Stage.Dating1 && stage <= Stage.Dating3;
  return { ...founder, stage, mentor: dating ? founder.mentor : ZERO };
}

/**
 * The founding a draft stands for, with the currency's decimals read from the chain, and the rules whose text is
 * not a value in their unit (those keep their default in the founding).
 */
export function draftFounding(
  draft: Draft,
  currencyDecimals: number,
): { founding: Founding; ruleProblems: Record<string, ValueProblem> } {
  const ruleProblems: Record<string, ValueProblem> = {};
  let founding = withDefaults({
    name: draft.name,
    symbol: draft.symbol,
    constituencies: draft.constituencies,
    founders: draft.founders,
    treasurers: draft.treasurers,
    currency: draft.currency.trim(),
    currencyDecimals,
  });
  for (const r of RULES) {
    const parsed = parseValue(r.unit, draft.rules[r.id] ?? "", currencyDecimals);
    if (parsed.ok && typeof parsed.value === "bigint") founding = r.write(founding, parsed.value);
    else if (!parsed.ok) ruleProblems[r.id] = parsed.problem;
  }
  return { founding, ruleProblems };
}
