/**
 * How amounts, addresses and times read, one copy for the CLI and the app: the currency from its base units, ledger
 * credits and hours, addresses short or with a name beside them, dates and durations. Pure.
 */
import { formatUnits, hexToBytes, isHex, size, stringToHex, type Hex } from "viem";
import { DEMO_PEOPLE } from "./demo.ts";
import { formatAmount } from "./ledger.ts";

/** The languages the DisCO's people read (the first DisCO worked in both). */
export type Lang = "en" | "es";

/** The locale each language is read in (dates, numbers, plurals). */
export const LOCALES: Record<Lang, string> = { en: "en-GB", es: "es-ES" };

/** Ledger credits or hours (two decimals on chain): 1225n -> "12.25". */
export const credits = (amount: bigint): string => formatAmount(amount);

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

/** A mutual-credit network's unit: the credit cent, two decimals of the euro (the contract's _CREDIT_DECIMALS). */
export const CREDIT_DECIMALS = 2;

/** Credit cents as people read them: 125_050n -> "1,250.50 €" (Spanish: "1.250,50 €"). */
export const creditEuros = (cents: bigint, lang: Lang): string => money(cents, lang, CREDIT_DECIMALS, "€");

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

/** An amount of the currency rounded to the cent (half up), always two decimals: what a person reads in a table. */
export function moneyToCent(amount: bigint, lang: Lang, decimals = 6, symbol = "€"): string {
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const unit = decimals >= 2 ? 10n ** BigInt(decimals - 2) : 1n;
  const cents = decimals >= 2 ? ((magnitude + unit / 2n) / unit) * unit : magnitude;
  return `${negative ? "−" : ""}${money(cents, lang, decimals, symbol)}`;
}

/** Ledger credits or hours (two decimals on chain) in the reader's number format, decimals only where there are any. */
export const workAmount = (amount: bigint, lang: Lang): string =>
  new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(Number(amount) / 100);

/** The plural form a count takes in the language ("one" or "other" in English and Spanish), by Intl.PluralRules. */
export const pluralForm = (count: number, lang: Lang): "one" | "other" =>
  new Intl.PluralRules(LOCALES[lang]).select(count) === "one" ? "one" : "other";

/** The most a payment reference holds: the treasury's PaidIn event keeps it in a bytes32. */
export const PAYMENT_REFERENCE_BYTES = 32;

/** How many bytes a text takes in UTF-8 (what counts against PAYMENT_REFERENCE_BYTES). */
export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/**
 * A typed payment reference as Treasury.payIn stores it: its UTF-8 text right-padded with zeros to 32 bytes (the
 * empty text: no reference, all zeros). Throws, naming the length, for a text over 32 bytes.
 */
export function encodePaymentReference(text: string): Hex {
  const used = utf8Bytes(text);
  if (used > PAYMENT_REFERENCE_BYTES) {
    throw new Error(`A payment reference holds at most ${PAYMENT_REFERENCE_BYTES} bytes; "${text}" takes ${used}`);
  }
  return stringToHex(text, { size: PAYMENT_REFERENCE_BYTES });
}

/** Whether a stored payment reference names anything: a bytes32 of zeros is no reference. */
export const hasPaymentReference = (ref: string): boolean => !/^0x0{64}$/i.test(ref);

/**
 * A stored payment reference's UTF-8 text, printable or not: the bytes before its zeros when only zeros follow them
 * and they decode, else undefined (a hash, or no reference at all).
 */
function referenceText(ref: string): string | undefined {
  if (!isHex(ref) || size(ref) !== PAYMENT_REFERENCE_BYTES) return undefined;
  const bytes = hexToBytes(ref);
  const end = bytes.indexOf(0);
  const used = end < 0 ? bytes.length : end;
  if (used === 0 || bytes.subarray(used).some((b) => b !== 0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, used));
  } catch {
    return undefined;
  }
}

/**
 * A stored payment reference as the words typed: its text when the bytes32 is printable UTF-8 (no control or format
 * character: see `printable`) followed only by zeros, else undefined (a hash, or no reference at all).
 */
export function paymentReference(ref: string): string | undefined {
  const text = referenceText(ref);
  return text === undefined || UNPRINTABLE.test(text) ? undefined : text;
}

/**
 * What two references are compared by, to find one paid twice: the text NFKC-normalised (full-width and compatibility
 * forms as their plain letters), without control or format characters (a zero-width space is no difference), trimmed
 * and case-folded; a reference that is no text (a hash) by its bytes.
 */
export function paymentReferenceKey(ref: string): string {
  const text = referenceText(ref);
  if (text === undefined) return ref.toLowerCase();
  return text.normalize("NFKC").replace(new RegExp(UNPRINTABLE.source, "gu"), "").trim().toUpperCase().toLowerCase();
}

/**
 * Whether a reference mixes Latin letters with Cyrillic or Greek ones ("ІNV-7" with a Cyrillic І): text that reads as
 * another reference but is not it.
 */
export function mixesScripts(ref: string): boolean {
  const text = referenceText(ref) ?? "";
  return /\p{Script=Latin}/u.test(text) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(text);
}

/**
 * Control characters (C0, DEL, C1) and format characters (\p{Cf}): the bidirectional controls that can make text read
 * other than it is (U+202E…), and the invisible ones that make two texts differ that read the same (U+200B…).
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Members' free text (notes, reasons, descriptions, names) as a terminal may print it: each control and format
 * character shown as its code (`\u{1b}`, `\u{200b}`), so that no text can move the cursor, recolour or rewrite the
 * output, reorder what follows it, or hide a character.
 */
export const printable = (text: string): string =>
  text.replace(new RegExp(UNPRINTABLE.source, "gu"), (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);

const REFERENCE_WORDS: Record<Lang, { none: string; words: (text: string) => string; hash: (hash: string) => string }> =
  {
    en: { none: "no reference", words: (text) => `reference "${text}"`, hash: (hash) => `reference hash ${hash}` },
    es: { none: "sin referencia", words: (text) => `referencia «${text}»`, hash: (hash) => `referencia hash ${hash}` },
  };

/**
 * A stored payment reference in a sentence, for the CLI and the audit: `reference "INV-7"`, `reference hash
 * 0x1234…abcd`, or `no reference` (Spanish: `referencia «INV-7»`, `referencia hash …`, `sin referencia`). Printable.
 */
export function paymentReferenceText(ref: string, lang: Lang = "en"): string {
  const words = REFERENCE_WORDS[lang];
  if (!hasPaymentReference(ref)) return words.none;
  const text = paymentReference(ref);
  return text === undefined ? words.hash(shortAddress(ref)) : words.words(text);
}
