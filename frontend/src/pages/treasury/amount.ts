/** Euro amounts as people type them, into the currency's units (6 decimals). */
import { parseUnits } from "viem";

export type AmountResult =
  { ok: true; units: bigint } | { ok: false; reason: "empty" | "invalid" | "zero" | "decimals" };

/**
 * "1500", "1500.5", "1500,5", "1.500,50" and "1,500.50" all read as euros: when both marks appear the later one is
 * the decimal mark and the other groups thousands; a lone comma or dot is the decimal mark (the form shows the amount
 * it read back, so "1.500" read as 1.5 is seen before signing). At most `decimals` decimals.
 */
export function parseEuros(text: string, decimals = 6): AmountResult {
  let s = text.trim().replace(/[\s\u00a0€]/g, "");
  if (s === "") return { ok: false, reason: "empty" };
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the later one is the decimal mark, the other groups thousands.
    const decimal = lastDot > lastComma ? "." : ",";
    const group = decimal === "." ? "," : ".";
    s = s.split(group).join("").replace(decimal, ".");
  } else if (lastComma >= 0) {
    if (s.indexOf(",") !== lastComma) return { ok: false, reason: "invalid" };
    s = s.replace(",", ".");
  }
  if (!/^\d+(\.\d*)?$/.test(s)) return { ok: false, reason: "invalid" };
  const fraction = s.split(".")[1] ?? "";
  if (fraction.length > decimals) return { ok: false, reason: "decimals" };
  const units = parseUnits(s, decimals);
  return units === 0n ? { ok: false, reason: "zero" } : { ok: true, units };
}
