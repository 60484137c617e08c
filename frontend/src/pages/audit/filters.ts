/**
 * The event log's filters: who is involved (any address among an event's arguments), which period it concerns, which
 * contract and event it is; and its pages. Pure and linear in the events, with each event's addresses worked out
 * once, so that 100,000 events filter in milliseconds.
 */
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

/** `contract.Event`, the kind the filter offers. */
export const kindOf = (e: DecodedEvent): string => `${e.contract}.${e.name}`;

/** Every kind in the history with how many events of it, sorted by name. */
export function eventKinds(events: readonly DecodedEvent[]): Array<{ kind: string; count: number }> {
  const counts = new Map<string, number>();
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
): DecodedEvent[] {
  const member = filter.member?.toLowerCase() || undefined;
  return events.filter(
    (e) =>
      (filter.kind === undefined || kindOf(e) === filter.kind) &&
      (filter.period === undefined || periodOfEvent(e, openings) === filter.period) &&
      (member === undefined || addressesOf(e).has(member)),
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
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value.length > 20 && value.startsWith("0x") ? `${value.slice(0, 10)}…` : value;
  if (Array.isArray(value)) return `[${value.map(argText).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${argText(v)}`)
    .join(", ")}}`;
}
