/**
 * The proposal form's state to the call it proposes, or what is still wrong: one builder per kind of decision.
 * Pure, so the form shows exactly what the tests check. Summaries are message keys with parameters, translated
 * by the form, and become the default description.
 */
import { encodeFunctionData, isAddress, parseUnits, type AbiFunction, type Address, type Hex } from "viem";
import type { Lang } from "../format.ts";
import { STAGES } from "../members.ts";
import {
  inputLabel,
  inputsOf,
  parseKeys,
  parseValue,
  settingByKey,
  settingSentence,
  unitOf,
  type KeyNames,
  type RawValue,
  type ValueProblem,
} from "../settings.ts";
import { type InputProblem, parseAbiInputs, type RawInput } from "./abiInput.ts";
import {
  admitCall,
  changeStageCall,
  contractNamed,
  encodeCall,
  functionBySignature,
  isDatingStage,
  rawCall,
  spendCall,
  type KnownContract,
  type ProposedCall,
} from "./calls.ts";

export type DraftProblem =
  | { code: "address"; field: string }
  | { code: "mentorNeeded" }
  | { code: "mentorSelf" }
  | { code: "amount" }
  | { code: "reasonNeeded" }
  | { code: "chooseFunction" }
  | { code: "calldata" }
  | { code: "input"; name: string; problem: InputProblem }
  | { code: "chooseKey" }
  | { code: "value"; name: string; problem: ValueProblem }
  | { code: "tooLarge" };

export interface Summary {
  key: "sumAdmit" | "sumStage" | "sumSpend" | "sumCall" | "sumSetting";
  params: Record<string, string>;
}

export type Draft = { ok: true; call: ProposedCall; summary: Summary } | { ok: false; problem: DraftProblem | null };

const incomplete: Draft = { ok: false, problem: null };
const fail = (problem: DraftProblem): Draft => ({ ok: false, problem });
const address = (text: string) => (isAddress(text.trim(), { strict: false }) ? (text.trim() as Address) : undefined);

export interface AdmitForm {
  account: string;
  stage: number;
  constituency: number;
  mentor: string;
}

/** Dating stages need a mentor (a Committed member other than the person); other stages none. */
function mentorFor(account: Address, stage: number, mentorText: string): Address | null | DraftProblem {
  if (!isDatingStage(stage)) return null;
  if (mentorText === "") return { code: "mentorNeeded" };
  const mentor = address(mentorText);
  if (!mentor) return { code: "address", field: "mentor" };
  if (mentor.toLowerCase() === account.toLowerCase()) return { code: "mentorSelf" };
  return mentor;
}
const isProblem = (value: Address | null | DraftProblem): value is DraftProblem =>
  value !== null && typeof value === "object";

export function admitDraft(registry: readonly KnownContract[], form: AdmitForm, constituencyName: string): Draft {
  if (form.account.trim() === "") return incomplete;
  const account = address(form.account);
  if (!account) return fail({ code: "address", field: "account" });
  const mentor = mentorFor(account, form.stage, form.mentor);
  if (isProblem(mentor)) return fail(mentor);
  return {
    ok: true,
    call: admitCall(registry, { account, stage: form.stage, constituency: form.constituency, mentor }),
    summary: {
      key: "sumAdmit",
      params: { account, stage: STAGES[form.stage], constituency: constituencyName, mentor: mentor ?? "" },
    },
  };
}

export interface StageForm {
  account: string;
  stage: number;
  mentor: string;
}

export function stageDraft(registry: readonly KnownContract[], form: StageForm): Draft {
  if (form.account === "") return incomplete;
  const account = address(form.account);
  if (!account) return fail({ code: "address", field: "account" });
  const mentor = mentorFor(account, form.stage, form.mentor);
  if (isProblem(mentor)) return fail(mentor);
  return {
    ok: true,
    call: changeStageCall(registry, { account, stage: form.stage, mentor }),
    summary: { key: "sumStage", params: { account, stage: STAGES[form.stage], mentor: mentor ?? "" } },
  };
}

/** An amount as people type it, "1250", "1250.5" or "1250,50", in the currency's units; null if it isn't one. */
export function parseMoney(text: string, decimals: number): bigint | null {
  const normal = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  const [, fraction = ""] = normal.split(".");
  if (fraction.length > decimals) return null;
  return parseUnits(normal, decimals);
}

export interface SpendForm {
  to: string;
  amount: string;
  reason: string;
}

export function spendDraft(registry: readonly KnownContract[], form: SpendForm, decimals: number): Draft {
  if (form.to.trim() === "" && form.amount.trim() === "") return incomplete;
  const to = address(form.to);
  if (!to) return fail({ code: "address", field: "to" });
  const amount = parseMoney(form.amount, decimals);
  if (amount === null || amount === 0n) return fail({ code: "amount" });
  if (form.reason.trim() === "") return fail({ code: "reasonNeeded" });
  return {
    ok: true,
    call: spendCall(registry, { to, amount, reason: form.reason.trim() }),
    summary: { key: "sumSpend", params: { to, amount: form.amount.trim(), reason: form.reason.trim() } },
  };
}

function functionDraft(contract: KnownContract, fn: AbiFunction | undefined, inputs: readonly RawInput[]): Draft {
  if (!fn) return fail({ code: "chooseFunction" });
  const parsed = parseAbiInputs(fn.inputs, inputs);
  if (!parsed.ok) {
    return fail({
      code: "input",
      name: fn.inputs[parsed.index].name || `#${parsed.index + 1}`,
      problem: parsed.problem,
    });
  }
  return {
    ok: true,
    call: encodeCall(contract, fn, parsed.values),
    summary: { key: "sumCall", params: { contract: contract.name, function: fn.name } },
  };
}

export interface SettingForm {
  /** `contract.function`, as the settings catalogue keys them. */
  key: string;
  /** The keys as the form's selects hold them: a stream, stage or constituency number, an address, a selector. */
  keys: string[];
  /** One text per input of the setting (inputsOf), in its units. */
  inputs: string[];
  /**
   * The exact value now of each input left as it was (undefined for one that was typed in): sent as it is, not as
   * its text, which is rounded to its unit (a contribution of 100.123456 € shows as 100.12).
   */
  unchanged?: ReadonlyArray<RawValue | undefined>;
}

/** A setting's change from what was typed in its units, with its sentence in the reader's language as summary. */
export function settingDraft(
  registry: readonly KnownContract[],
  form: SettingForm,
  lang: Lang,
  names: KeyNames,
  currencyDecimals: number,
): Draft {
  const setting = settingByKey(form.key);
  if (!setting) return fail({ code: "chooseFunction" });
  const keys = parseKeys(setting, form.keys);
  if (!keys) return fail({ code: "chooseKey" });
  const inputs = inputsOf(setting);
  const values: RawValue[] = [];
  for (const [i, input] of inputs.entries()) {
    const kept = form.unchanged?.[i];
    if (kept !== undefined) {
      values.push(kept);
      continue;
    }
    const parsed = parseValue(unitOf(setting, input.field, keys), form.inputs[i] ?? "", currencyDecimals);
    if (!parsed.ok) {
      return fail({ code: "value", name: inputLabel(setting, input, lang, names), problem: parsed.problem });
    }
    values.push(parsed.value);
  }
  const contract = contractNamed(registry, setting.contract);
  let data: Hex;
  try {
    data = encodeFunctionData({
      abi: contract.abi,
      functionName: setting.functionName,
      args: setting.toArgs(keys, values),
    } as never);
  } catch {
    return fail({ code: "tooLarge" });
  }
  return {
    ok: true,
    call: { target: contract.address, value: 0n, data },
    summary: {
      key: "sumSetting",
      params: { sentence: settingSentence(setting, { keys, values }, lang, names, undefined, currencyDecimals) },
    },
  };
}

export interface CustomForm {
  /** A deployment contract's name, or "address" for any other address (then only raw calldata). */
  target: string;
  address: string;
  mode: "function" | "raw";
  signature: string;
  inputs: RawInput[];
  data: string;
}

export function customDraft(registry: readonly KnownContract[], form: CustomForm): Draft {
  const other = form.target === "address";
  if (other && form.address.trim() === "") return incomplete;
  const targetAddress = other ? address(form.address) : contractNamed(registry, form.target).address;
  if (!targetAddress) return fail({ code: "address", field: "target" });
  if (other || form.mode === "raw") {
    const call = rawCall(targetAddress, form.data.trim() === "" ? "0x" : form.data.trim());
    if (!call) return fail({ code: "calldata" });
    return {
      ok: true,
      call,
      summary: {
        key: "sumCall",
        params: { contract: other ? targetAddress : form.target, function: call.data.slice(0, 10) },
      },
    };
  }
  const contract = contractNamed(registry, form.target);
  return functionDraft(contract, functionBySignature(contract.abi, form.signature), form.inputs);
}
