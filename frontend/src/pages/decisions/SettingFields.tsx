/**
 * "Change a rule or parameter": a setting chosen by its name (grouped), the stream, stage, constituency or function
 * it is for chosen by name, its value now with its unit and what it does, and the new value typed in its units.
 * Each box starts from the value now, so a setting of several values changes only what is typed over.
 */
import { useId } from "react";
import { toFunctionSelector } from "viem";
import { writableFunctions } from "@disco-ledger/sdk/proposals";
import {
  BASES,
  CONSTITUENCY_COUNT,
  inputLabel,
  inputsOf,
  parseKeys,
  SETTING_GROUPS,
  settingByKey,
  SETTINGS,
  unitOf,
  unitWord,
  valuesText,
  valueText,
  type RawValue,
  type SettingKey,
  type Unit,
} from "@disco-ledger/sdk/settings";
import { STREAM_NAMES } from "@disco-ledger/sdk/ledger";
import { STAGE_NAMES } from "@disco-ledger/sdk/members";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { REGISTRY } from "./registry.ts";
import { useKeyNames, useSettingNow } from "./settingReads.ts";

const messages = defineMessages(
  {
    setting: "Setting",
    work: "Work and the ledger",
    money: "Money",
    capital: "Capital accounts",
    decisions: "How decisions are made",
    members: "Members",
    audit: "Audit",
    stream: "Stream",
    stage: "Stage",
    constituency: "Constituency",
    target: "Contract",
    selector: "Function",
    choose: "Choose…",
    now: "Now: {value}",
    reading: "Reading the value now…",
    unnamed: "Constituency {n} (no name yet)",
    yes: "Yes",
    no: "No",
    credits: "livelihood and love credits",
    hours: "care hours",
    percent: "%",
    euros: "€",
    times: "times",
    text: "text",
  },
  {
    setting: "Ajuste",
    work: "El trabajo y el registro",
    money: "Dinero",
    capital: "Cuentas de capital",
    decisions: "Cómo se decide",
    members: "Personas socias",
    audit: "Auditoría",
    stream: "Flujo",
    stage: "Etapa",
    constituency: "Colectivo",
    target: "Contrato",
    selector: "Función",
    choose: "Elige…",
    now: "Ahora: {value}",
    reading: "Leyendo el valor actual…",
    unnamed: "Colectivo {n} (aún sin nombre)",
    yes: "Sí",
    no: "No",
    credits: "créditos de sustento y amor",
    hours: "horas de cuidados",
    percent: "%",
    euros: "€",
    times: "veces",
    text: "texto",
  },
);

export interface SettingFormState {
  key: string;
  keys: string[];
  /** What was typed in each box; undefined: the value now. */
  inputs: Array<string | undefined>;
}

export const firstSetting = (): SettingFormState => ({ key: SETTINGS[0].key, keys: [], inputs: [] });

/**
 * The texts to show and propose: what was typed, else the value now in the unit, as a person would type it; and the
 * exact value now of each box left as it was, which the proposal keeps as it is (its text may be rounded).
 */
export function useSettingInputs(form: SettingFormState): { texts: string[]; unchanged: Array<RawValue | undefined> } {
  const setting = settingByKey(form.key);
  const keys = setting ? parseKeys(setting, form.keys) : null;
  const now = useSettingNow(setting, keys);
  if (!setting) return { texts: [], unchanged: [] };
  const inputs = inputsOf(setting);
  return {
    texts: inputs.map(
      (input, i) => form.inputs[i] ?? (now && keys ? valueText(unitOf(setting, input.field, keys), now[i]) : ""),
    ),
    unchanged: inputs.map((_, i) => (form.inputs[i] === undefined ? now?.[i] : undefined)),
  };
}

export function SettingFields({
  form,
  onChange,
}: {
  form: SettingFormState;
  onChange: (form: SettingFormState) => void;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const names = useKeyNames((n) => t("unnamed", { n }));
  const setting = settingByKey(form.key);
  const keys = setting ? parseKeys(setting, form.keys) : null;
  const now = useSettingNow(setting, keys);
  const { texts } = useSettingInputs(form);
  if (!setting) return null;

  const unitHint = (unit: Unit): string => {
    if (unit === "yesNo" || unit === "basis") return "";
    const word = unitWord(unit, 2, lang);
    return word || t(unit as "percent" | "euros" | "times" | "text");
  };
  const setKey = (index: number, value: string) => {
    const next = [...form.keys];
    next[index] = value;
    // A new function's contract empties the function chosen; any new key shows its own value now.
    if (setting.keys[index] === "target") next[index + 1] = "";
    onChange({ ...form, keys: next, inputs: [] });
  };
  const setInput = (index: number, value: string) => {
    const next = [...form.inputs];
    next[index] = value;
    onChange({ ...form, inputs: next });
  };

  const keyOptions = (key: SettingKey): Array<{ value: string; label: string }> => {
    switch (key) {
      case "stream":
        return STREAM_NAMES[lang].map((label, value) => ({ value: String(value), label }));
      case "stage":
        return STAGE_NAMES[lang].slice(1).map((label, i) => ({ value: String(i + 1), label }));
      case "constituency":
        return Array.from({ length: CONSTITUENCY_COUNT }, (_, value) => ({
          value: String(value),
          label: names.constituency(value),
        }));
      case "target":
        return REGISTRY.map((c) => ({ value: c.address, label: c.name }));
      case "selector": {
        const contract = REGISTRY.find((c) => c.address === form.keys[setting.keys.indexOf("target")]);
        return contract
          ? writableFunctions(contract.abi).map((fn) => ({ value: toFunctionSelector(fn), label: fn.name }))
          : [];
      }
    }
  };

  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-setting`}>{t("setting")}</label>
        <select
          id={`${ids}-setting`}
          name="setting"
          value={form.key}
          onChange={(e) => onChange({ key: e.target.value, keys: [], inputs: [] })}
        >
          {SETTING_GROUPS.map((group) => (
            <optgroup key={group} label={t(group)}>
              {SETTINGS.filter((s) => s.group === group).map((s) => (
                <option key={s.key} value={s.key}>
                  {s.text[lang].name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <p className="setting-about" data-testid="setting-about">
        {setting.text[lang].sentence}
      </p>
      {setting.keys.map((key, i) => (
        <div className="field" key={key}>
          <label htmlFor={`${ids}-key-${key}`}>{t(key)}</label>
          <select
            id={`${ids}-key-${key}`}
            name={key}
            value={form.keys[i] ?? ""}
            onChange={(e) => setKey(i, e.target.value)}
          >
            <option value="">{t("choose")}</option>
            {keyOptions(key).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {keys ? (
        <p className="setting-now" data-testid="setting-now">
          {now ? t("now", { value: valuesText(setting, keys, now, lang, names) }) : t("reading")}
        </p>
      ) : null}
      {keys
        ? inputsOf(setting).map((input, i) => {
            const unit = unitOf(setting, input.field, keys);
            const label = inputLabel(setting, input, lang, names);
            const hint = unitHint(unit);
            const id = `${ids}-value-${i}`;
            return (
              <div className="field" key={`${input.field.id}-${input.index ?? 0}`}>
                <label htmlFor={id}>{hint ? `${label} (${hint})` : label}</label>
                {unit === "yesNo" || unit === "basis" ? (
                  <select id={id} value={texts[i]} onChange={(e) => setInput(i, e.target.value)}>
                    {(unit === "yesNo" ? ["yes", "no"] : BASES).map((value) => (
                      <option key={value} value={value}>
                        {t(value as "yes" | "no" | "credits" | "hours")}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    name={`value-${i}`}
                    value={texts[i]}
                    inputMode={unit === "text" ? "text" : "decimal"}
                    autoComplete="off"
                    onChange={(e) => setInput(i, e.target.value)}
                  />
                )}
              </div>
            );
          })
        : null}
    </>
  );
}
