/** How amounts, addresses and times read in the app, in the chosen language. */
import { formatUnits } from "viem";
import { formatAmount } from "@disco-ledger/sdk/ledger";
import type { Lang } from "./i18n.tsx";

const LOCALES: Record<Lang, string> = { en: "en-GB", es: "es-ES" };

/** Ledger credits or hours (two decimals on chain): 1225n -> "12.25". */
export const credits = (amount: bigint): string => formatAmount(amount);

/** The treasury's currency (the demo's euro has 6 decimals), grouped by the language's conventions. */
export function money(amount: bigint, lang: Lang, decimals = 6, symbol = "€"): string {
  const [whole, fraction = ""] = formatUnits(amount, decimals).split(".");
  const grouped = new Intl.NumberFormat(LOCALES[lang]).format(BigInt(whole));
  const cents = fraction.padEnd(2, "0").slice(0, Math.max(2, fraction.replace(/0+$/, "").length));
  return `${grouped}${lang === "es" ? "," : "."}${cents} ${symbol}`;
}

export const shortAddress = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** A unix time in seconds as a date and time. */
export function dateTime(seconds: bigint | number, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(Number(seconds) * 1000),
  );
}

/** How long until (or since) a moment, in seconds, as "2 d 3 h", "3 h 12 min" or "45 s". */
export function duration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  // The two largest units, the second left out when it is zero ("3 d", not "3 d 0 h").
  const two = (big: string, small: number, unit: string) => (small === 0 ? big : `${big} ${small} ${unit}`);
  if (days > 0) return two(`${days} d`, hours, "h");
  if (hours > 0) return two(`${hours} h`, minutes, "min");
  if (minutes > 0) return two(`${minutes} min`, s % 60, "s");
  return `${s} s`;
}

export const percent = (part: number, whole: number, lang: Lang): string =>
  new Intl.NumberFormat(LOCALES[lang], { style: "percent", maximumFractionDigits: 1 }).format(
    whole === 0 ? 0 : part / whole,
  );
