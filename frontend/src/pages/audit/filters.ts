/**
 * The event log's filters: who is involved (any address among an event's arguments, and the author of the entry an
 * event is about), which period it concerns, which contract and event it is; its pages; and its arguments as people
 * read them. Pure and linear in the events, with each event's addresses worked out once, so that 100,000 events
 * filter in milliseconds.
 */
import { dateTime, money, workAmount, type Lang } from "@disco-ledger/sdk/format";
import type { DecodedEvent, PlainValue } from "@disco-ledger/sdk/history";
import { periodAt, type PeriodOpenings } from "../treasury/flows.ts";

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Lowercase addresses among a value's leaves (arrays and structs included). */
function collectAddresses(value: PlainValue, into: Set<string>): void {
  if (typeof value === "string") {
    if (ADDRESS.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectAddresses(v, into);
  } else if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) collectAddresses(v, into);
  }
}

const addressCache = new WeakMap<DecodedEvent, Set<string>>();

/** The addresses an event involves: every address argument (a member, a voter, a payer, a recipient...). */
export function addressesOf(event: DecodedEvent): Set<string> {
  let found = addressCache.get(event);
  if (!found) {
    found = new Set();
    for (const v of Object.values(event.args)) collectAddresses(v, found);
    addressCache.set(event, found);
  }
  return found;
}

/** Each entry's author (lowercase), by entry id: events about an entry involve its author too. */
export type EntryAuthors = ReadonlyMap<bigint, string>;

/**
 * Everyone an event involves: its address arguments and, for a ledger event about an entry (an approval, a dispute,
 * a resolution…), the entry's author, whom it concerns even when someone else acted.
 */
export function involvedIn(event: DecodedEvent, authors: EntryAuthors): Set<string> {
  const own = addressesOf(event);
  const entryId = event.contract === "ledger" && "entryId" in event.args ? event.args.entryId : undefined;
  const author = typeof entryId === "bigint" ? authors.get(entryId)?.toLowerCase() : undefined;
  return author === undefined || own.has(author) ? own : new Set([...own, author]);
}

/** `contract.Event`, the kind the filter offers. */
export const kindOf = (e: DecodedEvent): string => `${e.contract}.${e.name}`;

/**
 * Every kind in the history with how many of `events` are of it (the events the other filters leave), sorted by name;
 * a kind none of them has counts 0, so that it can still be chosen.
 */
export function eventKinds(
  all: readonly DecodedEvent[],
  events: readonly DecodedEvent[] = all,
): Array<{ kind: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of all) counts.set(kindOf(e), 0);
  for (const e of events) counts.set(kindOf(e), (counts.get(kindOf(e)) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/**
 * Contracts whose `period` arguments are ledger periods. The capital accounts' RedemptionScheduled has a `period`
 * too, but it is the redemption's length in seconds.
 */
const LEDGER_PERIOD_ARGS = new Set<DecodedEvent["contract"]>(["ledger", "treasury", "audit"]);

/**
 * The period an event concerns: its own `period` argument where it has one (a funding, a claim, a closing names the
 * period it is about, though it happens later), else the period open when it was emitted.
 */
export function periodOfEvent(event: DecodedEvent, openings: PeriodOpenings): number {
  const own = "period" in event.args ? event.args.period : undefined;
  if ((typeof own === "number" || typeof own === "bigint") && LEDGER_PERIOD_ARGS.has(event.contract)) {
    return Number(own);
  }
  return periodAt(openings, event);
}

export interface EventFilter {
  /** An address, any case; empty: anyone. */
  member?: string;
  period?: number;
  kind?: string;
}

/** The events that pass every filter set, in chain order. */
export function filterEvents(
  events: readonly DecodedEvent[],
  filter: EventFilter,
  openings: PeriodOpenings,
  authors: EntryAuthors = new Map(),
): DecodedEvent[] {
  const member = filter.member?.toLowerCase() || undefined;
  return events.filter(
    (e) =>
      (filter.kind === undefined || kindOf(e) === filter.kind) &&
      (filter.period === undefined || periodOfEvent(e, openings) === filter.period) &&
      (member === undefined || involvedIn(e, authors).has(member)),
  );
}

export interface Page<T> {
  items: T[];
  /** Zero-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** One-based positions of the first and last item shown (0 and 0 when empty). */
  from: number;
  to: number;
  total: number;
}

/** One page of `items`; the page number is clamped, so a narrower filter never shows an empty page past the end. */
export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const slice = items.slice(p * size, p * size + size);
  return {
    items: slice,
    page: p,
    pages,
    from: slice.length ? p * size + 1 : 0,
    to: p * size + slice.length,
    total: items.length,
  };
}

/** An argument as short text for the table: integers whole, long hex shortened, structs and arrays compact. */
export function argText(value: PlainValue): string {
  if (typeof value === "bigint" || typeof value === "number") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value.length > 20 && value.startsWith("0x") ? `${value.slice(0, 10)}…` : value;
  if (Array.isArray(value)) return `[${value.map(argText).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${argText(v)}`)
    .join(", ")}}`;
}

/** Arguments in the treasury's currency, by contract (the token's Transfer value included; not recovered tokens). */
const MONEY_ARGS: Partial<Record<DecodedEvent["contract"], ReadonlySet<string>>> = {
  treasury: new Set(["amount", "streamPools"]),
  capital: new Set([
    "amount",
    "cash",
    "value",
    "toReserve",
    "toAccount",
    "paidTotal",
    "loss",
    "fromReserve",
    "chargedToAccounts",
  ]),
  token: new Set(["value"]),
};
/** The ledger's work amounts (credits or hours, two decimals). */
const CREDIT_ARGS = new Set(["amount", "payableAmount", "cap", "credits"]);
/** Moments as unix seconds (the governor's clock is timestamps), in the contracts that have them. */
const TIME_ARGS = new Set(["openedAt", "closedAt", "finalAt", "etaSeconds", "voteStart", "voteEnd", "start"]);
const TIMED = new Set<DecodedEvent["contract"]>(["ledger", "governor", "capital"]);

/**
 * An event's argument as people read it: euros for money, credits with their decimals for work, dates for moments,
 * streams by name (`stream`, in the reader's language); anything else as argText. Recovered tokens keep their base
 * units: they may be any token.
 */
export function argDisplay(
  event: DecodedEvent,
  key: string,
  value: PlainValue,
  lang: Lang,
  stream: (index: number) => string,
): string {
  const recovered = event.name === "TokensRecovered";
  const whole = (v: PlainValue) => (typeof v === "bigint" ? v : typeof v === "number" ? BigInt(v) : undefined);
  const n = whole(value);
  if (!recovered && MONEY_ARGS[event.contract]?.has(key)) {
    if (n !== undefined) return money(n, lang);
    if (Array.isArray(value)) return `[${value.map((v) => argDisplay(event, key, v, lang, stream)).join(", ")}]`;
  }
  if (n === undefined || recovered) return argText(value);
  if (event.contract === "ledger" && CREDIT_ARGS.has(key)) return workAmount(n, lang);
  if (TIME_ARGS.has(key) && TIMED.has(event.contract)) return dateTime(n, lang);
  if (key === "stream" && event.contract === "ledger" && n < 3n) return stream(Number(n));
  return argText(value);
}
