/**
 * How amounts, addresses and times read, one copy for the CLI and the app: the currency from its base units, ledger
 * credits and hours, addresses short or with a name beside them, dates and durations. Pure.
 */
import { formatUnits } from "viem";
import { DEMO_PEOPLE } from "./demo.ts";
import { formatAmount } from "./ledger.ts";

/** The languages the DisCO's people read (the first DisCO worked in both). */
export type Lang = "en" | "es";

const LOCALES: Record<Lang, string> = { en: "en-GB", es: "es-ES" };

/**
 * Ledger credits or hours (two decimals on chain): 1225n -> "12.25", what a script prints and a person types back;
 * in a language's number format when one is given, for reading: 190000n -> "1,900.00" (en), "1900,00" (es).
 */
export function credits(amount: bigint, lang?: Lang): string {
  const text = formatAmount(amount);
  if (!lang) return text;
  const [whole, fraction] = text.split(".");
  return `${new Intl.NumberFormat(LOCALES[lang]).format(BigInt(whole))}${lang === "es" ? "," : "."}${fraction}`;
}

/**
 * An amount of the currency from its base units with at least two decimals, more only where they are significant,
 * ungrouped: 1_234_500_000n (6 decimals) -> "1234.50". What a script prints and a person types back.
 */
export function euros(amount: bigint, decimals = 6): string {
  const [whole, fraction = ""] = formatUnits(amount, decimals).split(".");
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

/** The treasury's currency (the demo's euro has 6 decimals), grouped by the language's conventions. */
export function money(amount: bigint, lang: Lang, decimals = 6, symbol = "€"): string {
  const [whole, cents] = euros(amount, decimals).split(".");
  const grouped = new Intl.NumberFormat(LOCALES[lang]).format(BigInt(whole));
  return `${grouped}${lang === "es" ? "," : "."}${cents} ${symbol}`;
}

export const shortAddress = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Names by lowercase address: people's names stay off-chain, so they come from wherever the reader keeps them. */
export type Names = ReadonlyMap<string, string>;

/** The demo's names by address, given the local chain's dev accounts in their order (`eth_accounts`). */
export function demoNames(accounts: readonly string[]): Map<string, string> {
  return new Map(
    DEMO_PEOPLE.flatMap((p) => (accounts[p.index] ? [[accounts[p.index].toLowerCase(), p.name] as const] : [])),
  );
}

/** An address with its name beside it when known: "0x7099…79C8 (Alice)"; `short` for the abbreviated address. */
export function named(address: string, names: Names, short = false): string {
  const name = names.get(address.toLowerCase());
  const shown = short ? shortAddress(address) : address;
  return name ? `${shown} (${name})` : shown;
}

/** A unix time in seconds as a date and time, in the language's way. */
export function dateTime(seconds: bigint | number, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(Number(seconds) * 1000),
  );
}

/** A unix time in seconds as ISO 8601 in UTC, to the second: "2026-01-05T12:00:00Z". */
export const isoTime = (seconds: bigint | number): string =>
  new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

/** A unix time in seconds as its UTC day: "2026-01-05". */
export const isoDay = (seconds: bigint | number): string => isoTime(seconds).slice(0, 10);

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
