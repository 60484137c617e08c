import {
  decodeFunctionData,
  encodeFunctionData,
  getAddress,
  toFunctionSelector,
  type Abi,
  type AbiFunction,
} from "viem";
import { describe, expect, it } from "vitest";
import { discoAbis } from "@disco-ledger/sdk/abis";
import {
  formatValue,
  GOVERNANCE_ACTIONS,
  inputLabel,
  inputsOf,
  parseValue,
  scaleOf,
  SETTING_GROUPS,
  settingSentence,
  SETTINGS,
  unitOf,
  unitWord,
  valueText,
  type KeyValue,
  type RawValue,
  type Setting,
  type Unit,
} from "@disco-ledger/sdk/settings";

const abis: Record<string, Abi> = discoAbis;
const LANGS = ["en", "es"] as const;
const names = { constituency: (i: number) => `constituency ${i}`, function: () => "ledger.setCap" };
const ledger = getAddress("0x0000000000000000000000000000000000000004");

const functionsOf = (contract: string, name: string, views: boolean): AbiFunction[] =>
  abis[contract].filter(
    (item): item is AbiFunction =>
      item.type === "function" &&
      item.name === name &&
      (item.stateMutability === "view" || item.stateMutability === "pure") === views,
  );

/** Keys and values a setting could be set to, one of each kind. */
function sample(setting: Setting): { keys: KeyValue[]; values: RawValue[] } {
  const keys = setting.keys.map((key): KeyValue => {
    if (key === "target") return ledger;
    if (key === "selector") return toFunctionSelector("setCap(uint8,uint64)");
    return key === "stage" ? 4 : 1;
  });
  const values = inputsOf(setting).map((input, i): RawValue => {
    const unit = input.field.unit;
    if (unit === "text") return "makers";
    if (unit === "yesNo") return true;
    if (unit === "basis") return 1n;
    return BigInt(i + 1) * (scaleOf(unit)?.factor ?? 1n);
  });
  return { keys, values };
}

describe("the settings catalogue", () => {
  it("names each setting, its unit and what it does, in English and in Spanish", () => {
    for (const setting of SETTINGS) {
      expect(SETTING_GROUPS).toContain(setting.group);
      expect(setting.key).toBe(`${setting.contract}.${setting.functionName}`);
      for (const lang of LANGS) {
        const text = setting.text[lang];
        expect(text.name.trim(), `${setting.key} ${lang} name`).not.toBe("");
        expect(text.sentence, `${setting.key} ${lang} sentence`).toMatch(/^\S.*[.)]$/);
        for (const field of setting.fields.length > 1 ? setting.fields : []) {
          expect(text.fields?.[field.id]?.trim(), `${setting.key}.${field.id} ${lang}`).toBeTruthy();
        }
        for (const input of inputsOf(setting)) {
          expect(inputLabel(setting, input, lang, names).trim()).not.toBe("");
        }
      }
      // Both languages describe the same fields.
      expect(Object.keys(setting.text.en.fields ?? {})).toEqual(Object.keys(setting.text.es.fields ?? {}));
    }
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
  });

  it("says every unit in both languages, a word or a sign", () => {
    const units = new Set(SETTINGS.flatMap((s) => s.fields.map((f) => f.unit)).concat("workHours"));
    for (const unit of units) {
      for (const lang of LANGS) {
        const one = formatValue(
          unit,
          unit === "text" ? "x" : unit === "yesNo" ? true : (scaleOf(unit)?.factor ?? 1n),
          lang,
        );
        expect(one.trim(), `${unit} ${lang}`).not.toBe("");
        if (["days", "hours", "credits", "workHours", "approvals", "periods", "votes", "instalments"].includes(unit)) {
          expect(unitWord(unit, 1, lang)).not.toBe(unitWord(unit, 2, lang));
        }
      }
    }
  });

  it("calls a writable function of the deployment's contracts and reads it with their views", () => {
    for (const setting of SETTINGS) {
      expect(functionsOf(setting.contract, setting.functionName, false), setting.key).toHaveLength(1);
      const { keys } = sample(setting);
      for (const read of setting.read(keys)) {
        const views = functionsOf(setting.contract, read.functionName, true);
        expect(
          views.some((v) => v.inputs.length === read.args.length),
          `${setting.key} reads ${read.functionName}`,
        ).toBe(true);
      }
    }
  });

  it("turns keys and values into the call's arguments and back", () => {
    for (const setting of SETTINGS) {
      const change = sample(setting);
      const abi = abis[setting.contract];
      const data = encodeFunctionData({
        abi,
        functionName: setting.functionName,
        args: setting.toArgs(change.keys, change.values),
      } as never);
      const { args } = decodeFunctionData({ abi, data });
      expect(setting.fromArgs(args ?? []), setting.key).toEqual(change);
    }
  });

  it("reads a current value the way the views answer", () => {
    const byKey = Object.fromEntries(SETTINGS.map((s) => [s.key, s]));
    expect(byKey["ledger.setReviewWindow"].fromRead([259_200])).toEqual([259_200n]);
    expect(byKey["ledger.setMinimumContribution"].fromRead([[40_000n, 3]])).toEqual([40_000n, 3n]);
    expect(byKey["governor.setSupermajority"].fromRead([[2, 3]])).toEqual([2n, 3n]);
    expect(byKey["treasury.setBuckets"].fromRead([[7500, 2500, 0]])).toEqual([7500n, 2500n, 0n]);
    expect(byKey["governor.setBylawFunction"].fromRead([false])).toEqual([false]);
    expect(byKey["membership.setConstituencyName"].fromRead(["worker"])).toEqual(["worker"]);
    const capital = byKey["capital.setSettings"].fromRead([
      {
        contribution: 250_000_000n,
        contributionReserveBps: 2500,
        reserveBps: 3000,
        commonsBps: 1000,
        cashBps: 2000,
        interestBps: 0,
        interestCapBps: 700,
        basis: 0,
        instalments: 3,
        revolvingPeriod: 94_608_000,
      },
    ]);
    expect(capital).toEqual([250_000_000n, 2500n, 3000n, 1000n, 2000n, 0n, 700n, 0n, 3n, 94_608_000n]);
    expect(byKey["capital.setSettings"].fromRead([byKey["capital.setSettings"].toArgs([], capital)[0]])).toEqual(
      capital,
    );
  });

  it("keeps the settings and the other governance-only functions apart", () => {
    const settings = new Set(SETTINGS.map((s) => s.key));
    for (const action of GOVERNANCE_ACTIONS) {
      expect(settings.has(`${action.contract}.${action.functionName}`)).toBe(false);
      expect(functionsOf(action.contract, action.functionName, false).length).toBeGreaterThan(0);
    }
  });
});

describe("values in the settings' units", () => {
  const cases: Array<[Unit, string, bigint]> = [
    ["days", "3", 259_200n],
    ["days", "0.5", 43_200n],
    ["days", "1,25", 108_000n],
    ["hours", "1", 3_600n],
    ["hours", "0.25", 900n],
    ["credits", "500", 50_000n],
    ["credits", "12.05", 1_205n],
    ["workHours", "9", 900n],
    ["percent", "12.5", 1_250n],
    ["percent", "100", 10_000n],
    ["times", "6", 600n],
    ["euros", "250", 250_000_000n],
    ["euros", "0,01", 10_000n],
    ["approvals", "2", 2n],
    ["periods", "12", 12n],
  ];

  it("reads what people type as the chain's value, and writes it back as they would type it", () => {
    for (const [unit, text, value] of cases) {
      expect(parseValue(unit, text), `${text} ${unit}`).toEqual({ ok: true, value });
      const back = valueText(unit, value);
      expect(back).toBe(text.replace(",", "."));
      expect(parseValue(unit, back)).toEqual({ ok: true, value });
    }
  });

  it("round-trips every value with the unit's decimals", () => {
    for (const unit of ["days", "hours", "credits", "percent", "times", "euros"] as const) {
      for (const hundredths of [0n, 1n, 7n, 99n, 100n, 12_345n, 1_000_001n]) {
        const scale = scaleOf(unit)!;
        const value = (hundredths * scale.factor) / 100n;
        if (unit === "percent" && value > 10_000n) continue;
        expect(parseValue(unit, valueText(unit, value)), `${value} ${unit}`).toEqual({ ok: true, value });
      }
    }
  });

  it("refuses what is not a value in the unit, saying why", () => {
    expect(parseValue("days", "3.125")).toEqual({ ok: false, problem: { code: "number", decimals: 2 } });
    expect(parseValue("days", "-1")).toEqual({ ok: false, problem: { code: "number", decimals: 2 } });
    expect(parseValue("approvals", "1.5")).toEqual({ ok: false, problem: { code: "number", decimals: 0 } });
    expect(parseValue("percent", "100.01")).toEqual({ ok: false, problem: { code: "percent" } });
    expect(parseValue("credits", " ")).toEqual({ ok: false, problem: { code: "empty" } });
    expect(parseValue("yesNo", "maybe")).toEqual({ ok: false, problem: { code: "yesNo" } });
    expect(parseValue("yesNo", "sí")).toEqual({ ok: true, value: true });
    expect(parseValue("basis", "hours")).toEqual({ ok: true, value: 1n });
    expect(parseValue("basis", "weeks")).toEqual({ ok: false, problem: { code: "basis" } });
    expect(parseValue("text", " makers ")).toEqual({ ok: true, value: " makers " });
  });

  it("shows values in the reader's language, with plurals, and marks a rounded one", () => {
    expect(formatValue("days", 259_200n, "en")).toBe("3 days");
    expect(formatValue("days", 86_400n, "en")).toBe("1 day");
    expect(formatValue("days", 86_400n, "es")).toBe("1 día");
    expect(formatValue("days", 129_600n, "es")).toBe("1,5 días");
    expect(formatValue("hours", 300n, "en")).toBe("≈ 0.08 hours");
    expect(formatValue("credits", 100_000_00n, "en")).toBe("100,000 credits");
    expect(formatValue("percent", 1_250n, "es")).toBe("12,5 %");
    expect(formatValue("euros", 250_000_000n, "es")).toBe("250,00 €");
    expect(formatValue("times", 600n, "en")).toBe("6 ×");
    expect(formatValue("yesNo", true, "es")).toBe("sí");
    expect(formatValue("basis", 1n, "en")).toBe("care hours");
    expect(formatValue("workHours", 900n, "en")).toBe("9 hours of work");
  });

  it("reads a call as a sentence, with the value now", () => {
    const [window] = SETTINGS.filter((s) => s.key === "ledger.setReviewWindow");
    expect(settingSentence(window, { keys: [], values: [259_200n] }, "en", names, [604_800n])).toBe(
      "Set “Review window” to 3 days (now 7 days)",
    );
    const [cap] = SETTINGS.filter((s) => s.key === "ledger.setCap");
    expect(unitOf(cap, cap.fields[0], [2])).toBe("workHours");
    expect(settingSentence(cap, { keys: [1], values: [50_000n] }, "en", names, [0n])).toBe(
      "Set “Cap per member and period (Love)” to 500 credits (now 0 credits)",
    );
    const [weight] = SETTINGS.filter((s) => s.key === "ledger.setWeight");
    expect(settingSentence(weight, { keys: [4, 1], values: [7_500n] }, "es", names)).toBe(
      "Cambiar “Parte pagable del trabajo registrado (En prueba 3, Amor)” a 75 %",
    );
    const [buckets] = SETTINGS.filter((s) => s.key === "treasury.setBuckets");
    expect(settingSentence(buckets, { keys: [], values: [6_000n, 3_000n, 1_000n] }, "en", names)).toBe(
      "Set “How funding splits between the streams” to Livelihood: 60 %; Love: 30 %; Care: 10 %",
    );
  });
});
