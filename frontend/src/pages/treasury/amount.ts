/** Euro amounts as people type them, into the currency's units (6 decimals). */
import { parseUnits } from "viem";
import type { Lang } from "../../i18n.tsx";

export type AmountResult =
  { ok: true; units: bigint } | { ok: false; reason: "empty" | "invalid" | "zero" | "decimals" };

/** The language's decimal mark; the other mark groups thousands. */
const DECIMAL: Record<Lang, "." | ","> = { en: ".", es: "," };

/**
 * Reads euros as written in `lang`: "1.500,25" in Spanish and "1,500.25" in English are the same amount. When both
 * marks appear the later one is the decimal mark; a lone mark is the decimal mark unless it is the language's
 * thousands mark followed by groups of three digits ("1.500" is 1500 in Spanish, "600.5" is 600.5 anyway). The form
 * shows the amount it read back before anything is signed. At most `decimals` decimals.
 */
export function parseEuros(text: string, lang: Lang = "en", decimals = 6): AmountResult {
  let s = text.trim().replace(/[\s\u00a0€]/g, "");
  if (s === "") return { ok: false, reason: "empty" };
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const group = decimal === "." ? "," : ".";
    const [whole, fraction] = s.split(decimal);
    if (fraction === undefined || s.indexOf(decimal) !== s.lastIndexOf(decimal))
      return { ok: false, reason: "invalid" };
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return { ok: false, reason: "invalid" };
    s = `${whole.split(group).join("")}.${fraction}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const grouping = new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`);
    if (mark !== DECIMAL[lang] && grouping.test(s)) s = s.split(mark).join("");
    else if (s.indexOf(mark) !== s.lastIndexOf(mark)) return { ok: false, reason: "invalid" };
    else s = s.replace(mark, ".");
  }
  if (!/^\d+(\.\d*)?$/.test(s)) return { ok: false, reason: "invalid" };
  const fraction = s.split(".")[1] ?? "";
  if (fraction.length > decimals) return { ok: false, reason: "decimals" };
  const units = parseUnits(s, decimals);
  return units === 0n ? { ok: false, reason: "zero" } : { ok: true, units };
}
