/**
 * The settings only the DisCO's governance changes (the timelock, by a vote), as its members speak of them: every
 * governance-only setter of the DisCO's contracts with a name, a unit and one sentence of what it does, in English
 * and Spanish; the view calls that read its current value; and the conversions between what a person types in its
 * units (3 days, 12.5 %, 500 credits) and the call's arguments, both ways. The other governance-only functions are
 * decisions rather than settings (admitting a member, spending, granting a role) and are listed in
 * GOVERNANCE_ACTIONS, so that a test can tell when a new governance-only function has neither. Pure.
 */
import { isAddress, type Address, type Hex } from "viem";
import { LOCALES, money, pluralForm, type Lang } from "./format.ts";
import { STREAM_NAMES } from "./ledger.ts";
import { STAGE_NAMES } from "./members.ts";

/** The deployment's contracts that have governance-only setters. */
export type SettingContract = "ledger" | "treasury" | "capital" | "audit" | "membership" | "governor" | "timelock";

/** How the settings are grouped when a person chooses one. */
export const SETTING_GROUPS = ["work", "money", "capital", "decisions", "members", "audit"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/**
 * What a person types a value in. Numeric units are decimals with at most `decimals` digits, times `factor` on chain:
 * days and hours to seconds, credits and work hours to hundredths, percent to basis points, times to hundredths.
 */
export type Unit =
  | "days"
  | "hours"
  | "credits"
  | "workHours"
  | "percent"
  | "euros"
  | "times"
  | "approvals"
  | "periods"
  | "votes"
  | "instalments"
  | "text"
  | "yesNo"
  | "basis";

/** Which one of a setting a proposal changes: a stream's cap, a stage's weight, a constituency's name, a function. */
export type SettingKey = "stream" | "stage" | "constituency" | "target" | "selector";

/** A key's value: a stream, stage or constituency number, or a contract's address and a function's selector. */
export type KeyValue = number | Address | Hex;

/** A field's value as the call carries it: an integer in the chain's units, a text, a yes or no. */
export type RawValue = bigint | string | boolean;

export interface SettingField {
  id: string;
  unit: Unit;
  /** Repeated once per stream or per constituency (an array argument), labelled by its name. */
  per?: "stream" | "constituency";
}

export interface SettingText {
  /** What the members call it: "Review window". */
  name: string;
  /** What it does, in one sentence. */
  sentence: string;
  /** Each field's label, when there is more than one. */
  fields?: Record<string, string>;
}

/** A view call that reads (part of) a setting's current value. */
export interface SettingRead {
  functionName: string;
  args: readonly unknown[];
}

export interface Setting {
  /** `contract.function`. */
  key: string;
  contract: SettingContract;
  functionName: string;
  group: SettingGroup;
  keys: readonly SettingKey[];
  fields: readonly SettingField[];
  text: Record<Lang, SettingText>;
  /** The view calls that read the current value, given the keys. */
  read: (keys: readonly KeyValue[]) => SettingRead[];
  /** The flat field values (see inputsOf) from the reads' results, in order. */
  fromRead: (results: readonly unknown[]) => RawValue[];
  /** The call's arguments from the keys and the flat field values. */
  toArgs: (keys: readonly KeyValue[], values: readonly RawValue[]) => unknown[];
  /** The keys and flat field values back from a call's decoded arguments. */
  fromArgs: (args: readonly unknown[]) => { keys: KeyValue[]; values: RawValue[] };
}

/** The governor's constituencies: up to eight (IDisCOGovernor.setConstituencyShares takes uint16[8]). */
export const CONSTITUENCY_COUNT = 8;
const STREAM_COUNT = 3;

const big = (value: unknown): bigint => BigInt(value as bigint | number);
const num = (value: unknown): number => Number(value as bigint | number);
const one = (functionName: string, args: readonly unknown[] = []): SettingRead[] => [{ functionName, args }];
/** A setter of one number read by one view without keys: reviewWindow(), setReviewWindow(window). */
const single = (view: string) => ({
  keys: [] as const,
  read: () => one(view),
  fromRead: ([value]: readonly unknown[]) => [big(value)],
  toArgs: (_keys: readonly KeyValue[], [value]: readonly RawValue[]) => [value],
  fromArgs: ([value]: readonly unknown[]) => ({ keys: [], values: [big(value)] }),
});

const CAPITAL_FIELDS: ReadonlyArray<SettingField & { arg: string }> = [
  { id: "contribution", arg: "contribution", unit: "euros" },
  { id: "contributionReserve", arg: "contributionReserveBps", unit: "percent" },
  { id: "reserve", arg: "reserveBps", unit: "percent" },
  { id: "commons", arg: "commonsBps", unit: "percent" },
  { id: "cash", arg: "cashBps", unit: "percent" },
  { id: "interest", arg: "interestBps", unit: "percent" },
  { id: "interestCap", arg: "interestCapBps", unit: "percent" },
  { id: "basis", arg: "basis", unit: "basis" },
  { id: "instalments", arg: "instalments", unit: "instalments" },
  { id: "revolvingPeriod", arg: "revolvingPeriod", unit: "days" },
];
/** The struct's fields that are small numbers in Solidity (viem decodes them as numbers, encodes either). */
const capitalStruct = (values: readonly RawValue[]) =>
  Object.fromEntries(CAPITAL_FIELDS.map((f, i) => [f.arg, values[i]]));
const capitalValues = (settings: unknown): RawValue[] =>
  CAPITAL_FIELDS.map((f) => big((settings as Record<string, unknown>)[f.arg]));

/** Every governance-only setter of the DisCO's contracts. */
export const SETTINGS: readonly Setting[] = [
  {
    key: "ledger.setReviewWindow",
    contract: "ledger",
    functionName: "setReviewWindow",
    group: "work",
    fields: [{ id: "window", unit: "days" }],
    text: {
      en: {
        name: "Review window",
        sentence:
          "How long after a period closes its counted work can still be disputed before the period is final (1 hour to 30 days).",
      },
      es: {
        name: "Plazo de revisión",
        sentence:
          "Cuánto tiempo después de cerrarse un periodo se puede aún disputar su trabajo contado antes de que sea definitivo (de 1 hora a 30 días).",
      },
    },
    ...single("reviewWindow"),
  },
  {
    key: "ledger.setCap",
    contract: "ledger",
    functionName: "setCap",
    group: "work",
    keys: ["stream"],
    fields: [{ id: "cap", unit: "credits" }],
    text: {
      en: {
        name: "Cap per member and period",
        sentence: "The most of a stream one member can log in one period; 0 means no cap.",
      },
      es: {
        name: "Tope por persona y periodo",
        sentence: "Lo máximo de un flujo que una persona puede registrar en un periodo; 0 significa sin tope.",
      },
    },
    read: ([stream]) => one("capOf", [stream]),
    fromRead: ([cap]) => [big(cap)],
    toArgs: ([stream], [cap]) => [stream, cap],
    fromArgs: ([stream, cap]) => ({ keys: [num(stream)], values: [big(cap)] }),
  },
  {
    key: "ledger.setWeight",
    contract: "ledger",
    functionName: "setWeight",
    group: "work",
    keys: ["stage", "stream"],
    fields: [{ id: "weight", unit: "percent" }],
    text: {
      en: {
        name: "Payable share of logged work",
        sentence:
          "How much of the work a member at this stage logs in this stream is paid, for work logged afterwards.",
      },
      es: {
        name: "Parte pagable del trabajo registrado",
        sentence:
          "Qué parte del trabajo que registra una persona en esta etapa y este flujo se paga, para el trabajo registrado después.",
      },
    },
    read: ([stage, stream]) => one("weightOf", [stage, stream]),
    fromRead: ([weight]) => [big(weight)],
    toArgs: ([stage, stream], [weight]) => [stage, stream, weight],
    fromArgs: ([stage, stream, weight]) => ({ keys: [num(stage), num(stream)], values: [big(weight)] }),
  },
  {
    key: "ledger.setApprovalsRequired",
    contract: "ledger",
    functionName: "setApprovalsRequired",
    group: "work",
    fields: [{ id: "approvals", unit: "approvals" }],
    text: {
      en: {
        name: "Approvals needed for logged work",
        sentence:
          "How many Committed members other than the author must approve an entry before it counts; 0 means it counts unless disputed.",
      },
      es: {
        name: "Aprobaciones necesarias del trabajo registrado",
        sentence:
          "Cuántas socias comprometidas, aparte de quien lo registra, deben aprobar un registro para que cuente; 0 significa que cuenta salvo disputa.",
      },
    },
    ...single("approvalsRequired"),
  },
  {
    key: "ledger.setMinimumContribution",
    contract: "ledger",
    functionName: "setMinimumContribution",
    group: "work",
    keys: [],
    fields: [
      { id: "credits", unit: "credits" },
      { id: "periods", unit: "periods" },
    ],
    text: {
      en: {
        name: "Minimum contribution",
        sentence:
          "The livelihood and love credits a member is expected to log over a number of periods; whoever falls short is reported.",
        fields: { credits: "Credits", periods: "Over how many periods (1 to 12)" },
      },
      es: {
        name: "Aportación mínima",
        sentence:
          "Los créditos de sustento y amor que se espera que una persona registre en un número de periodos; se informa de quien no llega.",
        fields: { credits: "Créditos", periods: "En cuántos periodos (de 1 a 12)" },
      },
    },
    read: () => one("minimumContribution"),
    fromRead: ([answer]) => {
      const [credits, periods] = answer as readonly [bigint, number];
      return [big(credits), big(periods)];
    },
    toArgs: (_keys, [credits, periods]) => [credits, periods],
    fromArgs: ([credits, periods]) => ({ keys: [], values: [big(credits), big(periods)] }),
  },
  {
    key: "treasury.setBuckets",
    contract: "treasury",
    functionName: "setBuckets",
    group: "money",
    keys: [],
    fields: [{ id: "bucket", unit: "percent", per: "stream" }],
    text: {
      en: {
        name: "How funding splits between the streams",
        sentence: "The share of each new funding of a period that goes to each stream; the shares add up to 100 %.",
      },
      es: {
        name: "Reparto de la financiación entre los flujos",
        sentence: "La parte de cada nueva financiación de un periodo que va a cada flujo; las partes suman el 100 %.",
      },
    },
    read: () => one("buckets"),
    fromRead: ([buckets]) => (buckets as readonly number[]).map(big),
    toArgs: (_keys, values) => [values],
    fromArgs: ([buckets]) => ({ keys: [], values: (buckets as readonly number[]).map(big) }),
  },
  {
    key: "capital.setSettings",
    contract: "capital",
    functionName: "setSettings",
    group: "capital",
    keys: [],
    fields: CAPITAL_FIELDS.map(({ id, unit }) => ({ id, unit })),
    text: {
      en: {
        name: "Capital account rules",
        sentence:
          "How members' capital is kept: the joining contribution, how a year's surplus is shared, interest, and how capital is paid back to those who leave.",
        fields: {
          contribution: "Joining contribution",
          contributionReserve: "Share of a contribution kept in the indivisible reserve",
          reserve: "Share of a year's surplus to the reserve",
          commons: "Share of a year's surplus to the commons fund",
          cash: "Share of each member's allocation paid in cash (at least 20 %)",
          interest: "Yearly interest on capital accounts",
          interestCap: "Highest yearly interest allowed",
          basis: "Surplus shared by",
          instalments: "Instalments a leaving member is paid back in",
          revolvingPeriod: "Time until the last instalment",
        },
      },
      es: {
        name: "Normas de las cuentas de capital",
        sentence:
          "Cómo se lleva el capital de las personas socias: la aportación al entrar, el reparto del excedente del año, el interés y la devolución a quien se va.",
        fields: {
          contribution: "Aportación al entrar",
          contributionReserve: "Parte de la aportación que va a la reserva irrepartible",
          reserve: "Parte del excedente del año para la reserva",
          commons: "Parte del excedente del año para el fondo común",
          cash: "Parte de lo asignado a cada persona que se paga en efectivo (al menos el 20 %)",
          interest: "Interés anual de las cuentas de capital",
          interestCap: "Interés anual máximo permitido",
          basis: "El excedente se reparte según",
          instalments: "Plazos en que se devuelve el capital a quien se va",
          revolvingPeriod: "Tiempo hasta el último plazo",
        },
      },
    },
    read: () => one("settings"),
    fromRead: ([settings]) => capitalValues(settings),
    toArgs: (_keys, values) => [capitalStruct(values)],
    fromArgs: ([settings]) => ({ keys: [], values: capitalValues(settings) }),
  },
  {
    key: "audit.setWageRatioCap",
    contract: "audit",
    functionName: "setWageRatioCap",
    group: "audit",
    fields: [{ id: "cap", unit: "times" }],
    text: {
      en: {
        name: "Highest pay ratio",
        sentence:
          "How many times the worst paid hour of livelihood work in a period the best paid one may be (6 is Mondragon's 6:1); the audit checks it.",
      },
      es: {
        name: "Proporción salarial máxima",
        sentence:
          "Cuántas veces la hora peor pagada de trabajo de sustento de un periodo puede valer la mejor pagada (6 es el 6:1 de Mondragón); la auditoría lo comprueba.",
      },
    },
    ...single("wageRatioCap"),
  },
  {
    key: "membership.setConstituencyName",
    contract: "membership",
    functionName: "setConstituencyName",
    group: "members",
    keys: ["constituency"],
    fields: [{ id: "name", unit: "text" }],
    text: {
      en: {
        name: "Constituency name",
        sentence:
          "The name of a constituency (workers, community, clients…); a constituency with a name can have members.",
      },
      es: {
        name: "Nombre de un colectivo",
        sentence:
          "El nombre de un colectivo (personas trabajadoras, comunidad, clientela…); un colectivo con nombre puede tener socias.",
      },
    },
    read: ([constituency]) => one("constituencyName", [constituency]),
    fromRead: ([name]) => [String(name)],
    toArgs: ([constituency], [name]) => [constituency, name],
    fromArgs: ([constituency, name]) => ({ keys: [num(constituency)], values: [String(name)] }),
  },
  {
    key: "governor.setVotingDelay",
    contract: "governor",
    functionName: "setVotingDelay",
    group: "decisions",
    fields: [{ id: "delay", unit: "hours" }],
    text: {
      en: {
        name: "Time before voting opens",
        sentence: "How long after a proposal is made its vote opens, for members to read it first.",
      },
      es: {
        name: "Tiempo hasta que se abre la votación",
        sentence: "Cuánto tiempo después de hacerse una propuesta se abre su votación, para leerla antes.",
      },
    },
    ...single("votingDelay"),
  },
  {
    key: "governor.setVotingPeriod",
    contract: "governor",
    functionName: "setVotingPeriod",
    group: "decisions",
    fields: [{ id: "period", unit: "days" }],
    text: {
      en: { name: "Voting time", sentence: "How long a proposal's vote stays open." },
      es: { name: "Tiempo de votación", sentence: "Cuánto tiempo está abierta la votación de una propuesta." },
    },
    ...single("votingPeriod"),
  },
  {
    key: "governor.setProposalThreshold",
    contract: "governor",
    functionName: "setProposalThreshold",
    group: "decisions",
    fields: [{ id: "threshold", unit: "votes" }],
    text: {
      en: {
        name: "Votes needed to make a proposal",
        sentence: "The binding votes a member must hold to make a proposal (a Committed member holds one).",
      },
      es: {
        name: "Votos necesarios para hacer una propuesta",
        sentence:
          "Los votos vinculantes que debe tener una persona para hacer una propuesta (una socia comprometida tiene uno).",
      },
    },
    ...single("proposalThreshold"),
  },
  {
    key: "governor.updateQuorumNumerator",
    contract: "governor",
    functionName: "updateQuorumNumerator",
    group: "decisions",
    fields: [{ id: "quorum", unit: "percent" }],
    text: {
      en: {
        name: "Quorum",
        sentence:
          "The share of Committed members (when voting opens) who must vote, for, against, abstaining or blocking, for a decision to count.",
      },
      es: {
        name: "Quórum",
        sentence:
          "La parte de las socias comprometidas (al abrirse la votación) que debe votar, a favor, en contra, abstenerse o bloquear, para que la decisión cuente.",
      },
    },
    ...single("quorumNumerator"),
  },
  {
    key: "governor.setSupermajority",
    contract: "governor",
    functionName: "setSupermajority",
    group: "decisions",
    keys: [],
    fields: [
      { id: "numerator", unit: "votes" },
      { id: "denominator", unit: "votes" },
    ],
    text: {
      en: {
        name: "Supermajority for bylaw changes",
        sentence:
          "How many For out of how many For and Against a bylaw change needs (2 out of 3: two thirds), for proposals made afterwards.",
        fields: { numerator: "For", denominator: "Out of" },
      },
      es: {
        name: "Mayoría cualificada para cambios estatutarios",
        sentence:
          "Cuántos votos a favor de cuántos a favor y en contra necesita un cambio estatutario (2 de 3: dos tercios), para las propuestas hechas después.",
        fields: { numerator: "A favor", denominator: "De cada" },
      },
    },
    read: () => one("supermajority"),
    fromRead: ([answer]) => {
      const [numerator, denominator] = answer as readonly [number, number];
      return [big(numerator), big(denominator)];
    },
    toArgs: (_keys, [numerator, denominator]) => [numerator, denominator],
    fromArgs: ([numerator, denominator]) => ({ keys: [], values: [big(numerator), big(denominator)] }),
  },
  {
    key: "governor.setConstituencyShares",
    contract: "governor",
    functionName: "setConstituencyShares",
    group: "decisions",
    keys: [],
    fields: [{ id: "share", unit: "percent", per: "constituency" }],
    text: {
      en: {
        name: "Each constituency's weight in decisions",
        sentence:
          "The share of every decision each constituency's votes carry, adding up to 100 %; all 0 counts every binding vote the same.",
      },
      es: {
        name: "Peso de cada colectivo en las decisiones",
        sentence:
          "La parte de cada decisión que llevan los votos de cada colectivo, sumando el 100 %; todo a 0 hace que cada voto vinculante cuente igual.",
      },
    },
    read: () => one("constituencyShares"),
    fromRead: ([shares]) => (shares as readonly number[]).map(big),
    toArgs: (_keys, values) => [values],
    fromArgs: ([shares]) => ({ keys: [], values: (shares as readonly number[]).map(big) }),
  },
  {
    key: "governor.setBylawFunction",
    contract: "governor",
    functionName: "setBylawFunction",
    group: "decisions",
    keys: ["target", "selector"],
    fields: [{ id: "isBylaw", unit: "yesNo" }],
    text: {
      en: {
        name: "Whether a change needs the supermajority",
        sentence:
          "Whether proposals that call this function of a contract are bylaw changes, decided by the supermajority.",
      },
      es: {
        name: "Si un cambio necesita mayoría cualificada",
        sentence:
          "Si las propuestas que llaman a esta función de un contrato son cambios estatutarios, decididos por mayoría cualificada.",
      },
    },
    read: ([target, selector]) => one("isBylawFunction", [target, selector]),
    fromRead: ([isBylaw]) => [Boolean(isBylaw)],
    toArgs: ([target, selector], [isBylaw]) => [target, selector, isBylaw],
    fromArgs: ([target, selector, isBylaw]) => ({
      keys: [target as Address, selector as Hex],
      values: [Boolean(isBylaw)],
    }),
  },
  {
    key: "timelock.updateDelay",
    contract: "timelock",
    functionName: "updateDelay",
    group: "decisions",
    fields: [{ id: "delay", unit: "hours" }],
    text: {
      en: {
        name: "Wait before a decision takes effect",
        sentence: "How long a passed proposal waits in the timelock before it can be executed, for anyone to react.",
      },
      es: {
        name: "Espera antes de que una decisión surta efecto",
        sentence:
          "Cuánto espera en el timelock una propuesta aprobada antes de poder ejecutarse, para que cualquiera pueda reaccionar.",
      },
    },
    ...single("getMinDelay"),
  },
];

/**
 * The governance-only functions that are decisions rather than settings: they act on a member, on money or on who
 * holds power, so the proposal form has its own way to make each (or leaves it to an advanced call).
 */
export const GOVERNANCE_ACTIONS: ReadonlyArray<{ contract: SettingContract; functionName: string }> = [
  ...(["membership", "ledger", "treasury", "capital", "audit", "timelock"] as const).flatMap((contract) => [
    { contract, functionName: "grantRole" },
    { contract, functionName: "revokeRole" },
  ]),
  ...(["membership", "ledger", "treasury", "capital", "audit"] as const).map((contract) => ({
    contract,
    functionName: "recoverTokens",
  })),
  { contract: "membership", functionName: "admit" },
  { contract: "membership", functionName: "changeStage" },
  { contract: "membership", functionName: "changeConstituency" },
  { contract: "membership", functionName: "remove" },
  { contract: "membership", functionName: "setProfile" },
  { contract: "ledger", functionName: "resolveDispute" },
  { contract: "treasury", functionName: "spend" },
  { contract: "capital", functionName: "closeYear" },
  { contract: "capital", functionName: "closeYearAtLoss" },
  { contract: "capital", functionName: "spendCommons" },
  { contract: "governor", functionName: "relay" },
  { contract: "governor", functionName: "updateTimelock" },
];

export const settingByKey = (key: string): Setting | undefined => SETTINGS.find((s) => s.key === key);

export const settingOf = (contract: string, functionName: string): Setting | undefined =>
  SETTINGS.find((s) => s.contract === contract && s.functionName === functionName);

/** One box to type in: a field, or one stream's or constituency's part of a repeated field. */
export interface SettingInput {
  field: SettingField;
  /** The stream or constituency it is for, in a repeated field. */
  index?: number;
}

/** A setting's inputs in the order of its flat values. */
export const inputsOf = (setting: Setting): SettingInput[] =>
  setting.fields.flatMap((field) =>
    field.per === undefined
      ? [{ field }]
      : Array.from({ length: field.per === "stream" ? STREAM_COUNT : CONSTITUENCY_COUNT }, (_, index) => ({
          field,
          index,
        })),
  );

/** The unit a field is typed in: a cap on care is in hours of work, on livelihood and love in credits. */
export const unitOf = (setting: Setting, field: SettingField, keys: readonly KeyValue[]): Unit =>
  field.unit === "credits" && setting.key === "ledger.setCap" && keys[0] === 2 ? "workHours" : field.unit;

// ---------------------------------------------------------------------------------------------------- UNITS

interface Scale {
  /** Chain units per whole unit. */
  factor: bigint;
  /** The most decimals a person may type. */
  decimals: number;
}

/** The numeric units' scales; euros take the currency's decimals. */
export function scaleOf(unit: Unit, currencyDecimals = 6): Scale | null {
  switch (unit) {
    case "days":
      return { factor: 86_400n, decimals: 2 };
    case "hours":
      return { factor: 3_600n, decimals: 2 };
    case "credits":
    case "workHours":
    case "percent":
    case "times":
      return { factor: 100n, decimals: 2 };
    case "euros":
      return { factor: 10n ** BigInt(currencyDecimals), decimals: Math.min(2, currencyDecimals) };
    case "approvals":
    case "periods":
    case "votes":
    case "instalments":
      return { factor: 1n, decimals: 0 };
    default:
      return null;
  }
}

/** Why a typed value was refused. */
export type ValueProblem =
  | { code: "number"; decimals: number }
  | { code: "percent" }
  | { code: "yesNo" }
  | { code: "basis" }
  | { code: "empty" };

const YES: Record<Lang, RegExp> = { en: /^(yes|y|true|1)$/i, es: /^(sí|si|s|true|1)$/i };
const NO: Record<Lang, RegExp> = { en: /^(no|n|false|0)$/i, es: /^(no|n|false|0)$/i };
export const BASES = ["credits", "hours"] as const;

/**
 * What a person typed, in the unit, as the chain's value: "3" days -> 259200n, "12,5" percent -> 1250n, "500"
 * credits -> 50000n. A comma or a point is the decimal mark; no grouping.
 */
export function parseValue(
  unit: Unit,
  text: string,
  currencyDecimals = 6,
): { ok: true; value: RawValue } | { ok: false; problem: ValueProblem } {
  const trimmed = text.trim();
  if (unit === "text") return { ok: true, value: text };
  if (trimmed === "") return { ok: false, problem: { code: "empty" } };
  if (unit === "yesNo") {
    if (YES.en.test(trimmed) || YES.es.test(trimmed)) return { ok: true, value: true };
    if (NO.en.test(trimmed)) return { ok: true, value: false };
    return { ok: false, problem: { code: "yesNo" } };
  }
  if (unit === "basis") {
    const index = /^\d$/.test(trimmed) ? Number(trimmed) : BASES.indexOf(trimmed as (typeof BASES)[number]);
    if (index < 0 || index >= BASES.length) return { ok: false, problem: { code: "basis" } };
    return { ok: true, value: BigInt(index) };
  }
  const scale = scaleOf(unit, currencyDecimals) as Scale;
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(trimmed);
  if (!match || (match[2] ?? "").length > scale.decimals) {
    return { ok: false, problem: { code: "number", decimals: scale.decimals } };
  }
  const digits = 10n ** BigInt(scale.decimals);
  const fixed = BigInt(match[1]) * digits + BigInt((match[2] ?? "").padEnd(scale.decimals, "0") || "0");
  // Every scale's factor is a multiple of 10^decimals, so this is exact.
  const value = (fixed * scale.factor) / digits;
  if (unit === "percent" && value > 10_000n) return { ok: false, problem: { code: "percent" } };
  return { ok: true, value };
}

/**
 * The chain's value as a person types it back in the unit, with a point for decimals: 259200n days -> "3", 1250n
 * percent -> "12.5". A value finer than the unit's decimals is rounded (and read by `formatValue` as approximate).
 */
export function valueText(unit: Unit, value: RawValue, currencyDecimals = 6): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (unit === "basis") return BASES[Number(value)] ?? String(value);
  const scale = scaleOf(unit, currencyDecimals);
  if (!scale) return value.toString();
  const digits = 10n ** BigInt(scale.decimals);
  const fixed = (value * digits + scale.factor / 2n) / scale.factor;
  const whole = (fixed / digits).toString();
  const fraction = (fixed % digits).toString().padStart(scale.decimals, "0").replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/** Whether the value is exactly what valueText shows (a review window of 90 minutes is not a whole hundredth of a day). */
export function isExact(unit: Unit, value: RawValue, currencyDecimals = 6): boolean {
  if (typeof value !== "bigint") return true;
  const scale = scaleOf(unit, currencyDecimals);
  if (!scale) return true;
  const step = scale.factor / 10n ** BigInt(scale.decimals);
  return value % step === 0n;
}

/** Unit words by plural category. */
const WORDS: Record<Lang, Partial<Record<Unit, { one: string; other: string }>>> = {
  en: {
    days: { one: "day", other: "days" },
    hours: { one: "hour", other: "hours" },
    credits: { one: "credit", other: "credits" },
    workHours: { one: "hour of work", other: "hours of work" },
    approvals: { one: "approval", other: "approvals" },
    periods: { one: "period", other: "periods" },
    votes: { one: "vote", other: "votes" },
    instalments: { one: "instalment", other: "instalments" },
  },
  es: {
    days: { one: "día", other: "días" },
    hours: { one: "hora", other: "horas" },
    credits: { one: "crédito", other: "créditos" },
    workHours: { one: "hora de trabajo", other: "horas de trabajo" },
    approvals: { one: "aprobación", other: "aprobaciones" },
    periods: { one: "periodo", other: "periodos" },
    votes: { one: "voto", other: "votos" },
    instalments: { one: "plazo", other: "plazos" },
  },
};
const YES_NO: Record<Lang, [string, string]> = { en: ["yes", "no"], es: ["sí", "no"] };
const BASIS_NAMES: Record<Lang, readonly string[]> = {
  en: ["livelihood and love credits", "care hours"],
  es: ["créditos de sustento y amor", "horas de cuidados"],
};

/** A unit's word for a count, in the language ("1 day", "3 días"); empty for units shown by a sign. */
export function unitWord(unit: Unit, count: number, lang: Lang): string {
  const words = WORDS[lang][unit];
  if (!words) return "";
  return words[pluralForm(count, lang)];
}

/** A value as a person reads it, with its unit: "3 days", "12,5 %", "1.250,00 €", "≈ 0.08 hours". */
export function formatValue(unit: Unit, value: RawValue, lang: Lang, currencyDecimals = 6): string {
  if (typeof value === "string") return `“${value}”`;
  if (typeof value === "boolean") return YES_NO[lang][value ? 0 : 1];
  if (unit === "basis") return BASIS_NAMES[lang][Number(value)] ?? String(value);
  if (unit === "euros") return money(value, lang, currencyDecimals);
  const text = valueText(unit, value, currencyDecimals);
  const count = Number(text);
  const shown = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(count);
  const approx = isExact(unit, value, currencyDecimals) ? "" : "≈ ";
  if (unit === "percent") return `${approx}${shown} %`;
  if (unit === "times") return `${approx}${shown} ×`;
  return `${approx}${shown} ${unitWord(unit, count, lang)}`;
}

// ---------------------------------------------------------------------------------------------------- KEYS

/** Names a setting's keys need: constituencies come from the chain, functions from the deployment. */
export interface KeyNames {
  constituency: (index: number) => string;
  /** A contract's function by its address and selector: "ledger.setCap". */
  function: (target: string, selector: string) => string;
}

/** A key's value as people read it: "Love", "Dating 3", "workers", "ledger.setCap". */
export function keyText(key: SettingKey, value: KeyValue, lang: Lang, names: KeyNames, keys: readonly KeyValue[]) {
  switch (key) {
    case "stream":
      return STREAM_NAMES[lang][Number(value)] ?? String(value);
    case "stage":
      return STAGE_NAMES[lang][Number(value)] ?? String(value);
    case "constituency":
      return names.constituency(Number(value));
    case "target":
      return names.function(String(value), String(keys[1] ?? ""));
    case "selector":
      return "";
  }
}

/** The setting's name with the keys it is for: "Cap per member and period (Love)". */
export function settingTitle(setting: Setting, keys: readonly KeyValue[], lang: Lang, names: KeyNames): string {
  const parts = setting.keys.map((key, i) => keyText(key, keys[i], lang, names, keys)).filter((part) => part !== "");
  return parts.length === 0 ? setting.text[lang].name : `${setting.text[lang].name} (${parts.join(", ")})`;
}

/** An input's label: the field's (or the setting's, for one field), with its stream or constituency. */
export function inputLabel(setting: Setting, input: SettingInput, lang: Lang, names: KeyNames): string {
  const base = setting.text[lang].fields?.[input.field.id] ?? setting.text[lang].name;
  if (input.index === undefined) return base;
  return input.field.per === "stream"
    ? (STREAM_NAMES[lang][input.index] ?? String(input.index))
    : names.constituency(input.index);
}

/** The values as people read them: "3 days", or "Livelihood 75 %, Love 25 %, Care 0 %" for several. */
export function valuesText(
  setting: Setting,
  keys: readonly KeyValue[],
  values: readonly RawValue[],
  lang: Lang,
  names: KeyNames,
  currencyDecimals = 6,
): string {
  const inputs = inputsOf(setting);
  const shown = inputs.map((input, i) =>
    formatValue(unitOf(setting, input.field, keys), values[i], lang, currencyDecimals),
  );
  if (inputs.length === 1) return shown[0];
  return inputs.map((input, i) => `${inputLabel(setting, input, lang, names)}: ${shown[i]}`).join("; ");
}

const SENTENCE: Record<Lang, { set: string; now: string }> = {
  en: { set: "Set {title} to {value}", now: " (now {current})" },
  es: { set: "Cambiar {title} a {value}", now: " (ahora {current})" },
};

/**
 * A call to a setting as a sentence: "Set “Review window” to 3 days (now 7 days)". `current` is the value read now
 * (omitted: not known, or not worth saying).
 */
export function settingSentence(
  setting: Setting,
  change: { keys: readonly KeyValue[]; values: readonly RawValue[] },
  lang: Lang,
  names: KeyNames,
  current?: readonly RawValue[],
  currencyDecimals = 6,
): string {
  const title = `“${settingTitle(setting, change.keys, lang, names)}”`;
  const value = valuesText(setting, change.keys, change.values, lang, names, currencyDecimals);
  const set = SENTENCE[lang].set.replace("{title}", title).replace("{value}", value);
  if (!current) return set;
  const now = valuesText(setting, change.keys, current, lang, names, currencyDecimals);
  return set + SENTENCE[lang].now.replace("{current}", now);
}

/** The keys as the form holds them (text from selects) to the setting's key values, or null while one is missing. */
export function parseKeys(setting: Setting, texts: readonly string[]): KeyValue[] | null {
  const keys: KeyValue[] = [];
  for (const [i, key] of setting.keys.entries()) {
    const text = (texts[i] ?? "").trim();
    if (key === "target") {
      if (!isAddress(text, { strict: false })) return null;
      keys.push(text as Address);
    } else if (key === "selector") {
      if (!/^0x[0-9a-fA-F]{8}$/.test(text)) return null;
      keys.push(text as Hex);
    } else {
      if (!/^\d+$/.test(text)) return null;
      keys.push(Number(text));
    }
  }
  return keys;
}
