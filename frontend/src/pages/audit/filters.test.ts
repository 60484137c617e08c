import { describe, expect, it } from "vitest";
import type { DecodedEvent, PlainValue } from "@disco-ledger/sdk/history";
import { periodOpenings } from "../treasury/flows.ts";
import {
  addressesOf,
  argDisplay,
  argText,
  eventKinds,
  filterEvents,
  involvedIn,
  pageOf,
  periodOfEvent,
} from "./filters.ts";

const ALICE = "0x00000000000000000000000000000000000000A1";
const BOB = "0x00000000000000000000000000000000000000b0";
const CARLA = "0x00000000000000000000000000000000000000c0";

let block = 0;
/** An event written by hand (its arguments as plain data, not checked against the ABI). */
const ev = (contract: DecodedEvent["contract"], name: string, args: Record<string, PlainValue>) =>
  ({ block: ++block, logIndex: 0, txHash: `0x${block}`, contract, address: "", name, args }) as DecodedEvent;

const events = [
  ev("ledger", "PeriodOpened", { period: 1n, openedAt: 1n }),
  ev("ledger", "EntryLogged", { entryId: 1n, author: ALICE, period: 1n, stream: 0n, amount: 100n }),
  ev("ledger", "EntryApproved", { entryId: 1n, approver: BOB, approvals: 1n }),
  ev("ledger", "PeriodClosed", { period: 1n, closedAt: 2n, finalAt: 5n, treasurer: BOB }),
  ev("ledger", "PeriodOpened", { period: 2n, openedAt: 2n }),
  ev("treasury", "PeriodFunded", { period: 1n, treasurer: BOB, amount: 5n, bucketsBps: [1n], streamPools: [5n] }),
  ev("governor", "ProposalCreated", { proposalId: 9n, proposer: CARLA, targets: [ALICE], description: "x" }),
  ev("ledger", "EntryApproved", { entryId: 2n, approver: CARLA, approvals: 1n }),
];
const openings = periodOpenings(events);

describe("addressesOf", () => {
  it("finds addresses anywhere in the arguments, in lowercase", () => {
    expect([...addressesOf(events[6])].sort()).toEqual([ALICE.toLowerCase(), CARLA.toLowerCase()]);
    expect(addressesOf(events[0]).size).toBe(0);
  });
});

describe("periodOfEvent", () => {
  it("takes the period an event names, else the one open when it happened", () => {
    expect(periodOfEvent(events[5], openings)).toBe(1); // funded during period 2, about period 1
    expect(periodOfEvent(events[2], openings)).toBe(1);
    expect(periodOfEvent(events[7], openings)).toBe(2);
  });
  it("does not take a redemption's length in seconds for a period", () => {
    const redemption = ev("capital", "RedemptionScheduled", { period: 9_460_000n });
    expect(periodOfEvent(redemption, openings)).toBe(2);
  });
});

describe("filterEvents", () => {
  it("keeps everything without filters", () => expect(filterEvents(events, {}, openings)).toHaveLength(8));

  it("filters by a person involved, whatever the case of the address", () => {
    const bob = filterEvents(events, { member: BOB.toUpperCase().replace("0X", "0x") }, openings);
    expect(bob.map((e) => e.name)).toEqual(["EntryApproved", "PeriodClosed", "PeriodFunded"]);
  });

  it("counts the author of the entry an event is about as involved, when someone else acted", () => {
    const authors = new Map([[1n, ALICE]]);
    // Bob approved Alice's entry 1: the approval concerns her.
    expect([...involvedIn(events[2], authors)].sort()).toEqual([ALICE.toLowerCase(), BOB.toLowerCase()]);
    const alice = filterEvents(events, { member: ALICE }, openings, authors);
    expect(alice.map((e) => e.name)).toEqual(["EntryLogged", "EntryApproved", "ProposalCreated"]);
    // Without the entries' authors, only her own address arguments.
    expect(filterEvents(events, { member: ALICE }, openings).map((e) => e.name)).toEqual([
      "EntryLogged",
      "ProposalCreated",
    ]);
  });

  it("filters by period and kind together", () => {
    expect(filterEvents(events, { period: 1, kind: "ledger.EntryApproved" }, openings)).toEqual([events[2]]);
    expect(filterEvents(events, { period: 2 }, openings).map((e) => e.name)).toEqual([
      "PeriodOpened",
      "ProposalCreated",
      "EntryApproved",
    ]);
  });

  it("stays fast on a long history", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ ...events[1 + (i % 7)], block: 100 + i }));
    const started = performance.now();
    const found = filterEvents(many, { member: CARLA, period: 2 }, openings);
    expect(found.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("eventKinds", () => {
  it("counts each contract's event kinds", () => {
    expect(eventKinds(events)).toEqual([
      { kind: "governor.ProposalCreated", count: 1 },
      { kind: "ledger.EntryApproved", count: 2 },
      { kind: "ledger.EntryLogged", count: 1 },
      { kind: "ledger.PeriodClosed", count: 1 },
      { kind: "ledger.PeriodOpened", count: 2 },
      { kind: "treasury.PeriodFunded", count: 1 },
    ]);
  });
});

describe("eventKinds among the other filters", () => {
  it("counts only the events the other filters leave, and keeps every kind choosable at 0", () => {
    const bobs = filterEvents(events, { member: BOB }, openings);
    expect(eventKinds(events, bobs)).toEqual([
      { kind: "governor.ProposalCreated", count: 0 },
      { kind: "ledger.EntryApproved", count: 1 },
      { kind: "ledger.EntryLogged", count: 0 },
      { kind: "ledger.PeriodClosed", count: 1 },
      { kind: "ledger.PeriodOpened", count: 0 },
      { kind: "treasury.PeriodFunded", count: 1 },
    ]);
  });
});

describe("argDisplay", () => {
  const stream = (i: number) => ["Livelihood", "Love", "Care"][i];
  const show = (e: (typeof events)[number], key: string, lang: "en" | "es" = "en") =>
    argDisplay(e, key, e.args[key as keyof typeof e.args] as PlainValue, lang, stream);

  it("reads the currency as euros, work as credits, moments as dates and streams by name", () => {
    const funded = ev("treasury", "PeriodFunded", { period: 1, amount: 12_345_500_000n, streamPools: [500_000n, 0n] });
    expect(show(funded, "amount")).toBe("12,345.50 €");
    expect(show(funded, "amount", "es")).toBe("12.345,50 €");
    expect(show(funded, "streamPools")).toBe("[0.50 €, 0.00 €]");
    expect(show(funded, "period")).toBe("1");
    const logged = ev("ledger", "EntryLogged", { entryId: 1n, stream: 2, amount: 1225n });
    expect(show(logged, "amount")).toBe("12.25");
    expect(show({ ...logged, args: { ...logged.args, amount: 123456n } } as typeof logged, "amount", "es")).toBe(
      "1234,56",
    );
    expect(show(logged, "stream")).toBe("Care");
    const closed = ev("ledger", "PeriodClosed", { period: 1, closedAt: 1_767_614_400 });
    expect(show(closed, "closedAt")).toMatch(/2026/);
    expect(show(ev("token", "Transfer", { value: 2_000_000n }), "value")).toBe("2.00 €");
  });

  it("keeps recovered tokens in base units (any token) and everything else as argText", () => {
    const recovered = ev("treasury", "TokensRecovered", { amount: 5n });
    expect(show(recovered, "amount")).toBe("5");
    const vote = ev("governor", "VoteCast", { weight: 1n, proposalId: 7n });
    expect(show(vote, "weight")).toBe("1");
  });
});

describe("pageOf", () => {
  const items = Array.from({ length: 120 }, (_, i) => i);
  it("cuts a page and says where it is", () => {
    expect(pageOf(items, 1, 50)).toMatchObject({ page: 1, pages: 3, from: 51, to: 100, total: 120 });
    expect(pageOf(items, 2, 50).items).toHaveLength(20);
  });
  it("clamps a page past the end (after a narrower filter) and handles nothing", () => {
    expect(pageOf(items, 9, 50)).toMatchObject({ page: 2, from: 101, to: 120 });
    expect(pageOf([], 3, 50)).toMatchObject({ page: 0, pages: 1, from: 0, to: 0, total: 0, items: [] });
  });
});

describe("argText", () => {
  it("writes integers whole, shortens long hex, keeps structure", () => {
    expect(argText(123456789012345678901234567890n)).toBe("123456789012345678901234567890");
    expect(argText(3)).toBe("3");
    expect(argText(`0x${"ab".repeat(32)}`)).toBe("0xabababab…");
    expect(argText([1n, true, { a: "x" }])).toBe("[1, true, {a: x}]");
  });
});
