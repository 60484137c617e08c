import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { TrustEdge } from "@disco-ledger/sdk/federation";
import { DEMO, GONE, RIVER, SMALL, STATE } from "./fixture.ts";
import { counterparties, cycleFrom, withinLineBound } from "./position.ts";

const trust = (from: Address, to: Address, value: number): TrustEdge => ({ from, to, value, by: from, time: 1 });

describe("counterparties", () => {
  it("gives each peer the balance, both lines (frozen marked) and both trust values, from the DisCO's side", () => {
    const rows = counterparties(STATE, DEMO, [SMALL, RIVER], [trust(DEMO, SMALL, 80), trust(SMALL, DEMO, 70)]);
    expect(rows[0]).toEqual({
      account: SMALL,
      balance: -30_000n,
      given: { limit: 150_000n, frozen: true },
      received: { limit: 100_000n, frozen: false },
      trustGiven: 80,
      trustReceived: 70,
    });
    expect(rows[1]).toMatchObject({ account: RIVER, balance: 12_050n, given: { limit: 50_000n }, trustGiven: null });
  });

  it("is the other side's mirror: what one owes, the other is owed", () => {
    const [demo] = counterparties(STATE, SMALL, [DEMO, RIVER], []);
    expect(demo).toMatchObject({
      account: DEMO,
      balance: 30_000n,
      given: { limit: 100_000n },
      received: { frozen: true },
    });
  });

  it("lists peers first, then any other account it has a line or a balance with, each once and never itself", () => {
    const rows = counterparties(STATE, DEMO, [RIVER, DEMO], []);
    expect(rows.map((r) => r.account)).toEqual([RIVER, SMALL, GONE]);
    expect(rows[2]).toMatchObject({ balance: 0n, received: { limit: 20_000n }, given: { limit: 0n, frozen: false } });
  });

  it("matches addresses in any case", () => {
    const rows = counterparties(STATE, DEMO.toUpperCase().replace("0X", "0x") as Address, [SMALL], []);
    expect(rows[0].balance).toBe(-30_000n);
    expect(rows.map((r) => r.account)).toEqual([SMALL, RIVER, GONE]);
  });
});

describe("withinLineBound", () => {
  it("lets treasurers change a line only when both the line now and the new one are within their bound", () => {
    expect(withinLineBound(100n, 50n, 100n)).toBe(true);
    expect(withinLineBound(100n, 50n, 101n)).toBe(false);
    // A line the members set above the bound stays theirs, even to lower it.
    expect(withinLineBound(100n, 200n, 10n)).toBe(false);
  });
});

describe("cycleFrom", () => {
  const cycle = [RIVER, DEMO, SMALL, RIVER];

  it("reads a cycle from the DisCO on it, still closed", () => {
    expect(cycleFrom(cycle, DEMO)).toEqual([DEMO, SMALL, RIVER, DEMO]);
    expect(cycleFrom(cycle, SMALL.toUpperCase().replace("0X", "0x"))).toEqual([SMALL, RIVER, DEMO, SMALL]);
  });

  it("leaves a cycle as it is when it starts there already, or the DisCO is not on it", () => {
    expect(cycleFrom(cycle, RIVER)).toEqual(cycle);
    expect(cycleFrom(cycle, GONE)).toEqual(cycle);
  });
});
