import { describe, expect, it } from "vitest";
import { foldHistory, type DecodedEvent, type EventArgs, type EventName } from "@disco-ledger/sdk/history";
import { lossPreview, splitSurplus, yearEndChoices } from "./year.ts";

const RAY = 10n ** 27n;
const settings = { interestBps: 500, reserveBps: 3000, commonsBps: 1000, cashBps: 3000 };

describe("splitSurplus", () => {
  it("pays interest first, then reserve and commons of the rest, then patronage in cash and retained", () => {
    // Accounts worth 1,000 units at index 1: 5% interest is 50.
    const s = splitSurplus({
      surplus: 1050n,
      totalPatronage: 10n,
      index: RAY,
      totalShares: 1000n,
      pendingLossShares: 0n,
      ...settings,
    });
    expect(s).toEqual({ interest: 50n, toReserve: 300n, toCommons: 100n, cashPool: 180n, retainedPool: 420n });
    expect(s.interest + s.toReserve + s.toCommons + s.cashPool + s.retainedPool).toBe(1050n);
  });

  it("caps interest at the surplus and leaves out shares of pending losses", () => {
    const s = splitSurplus({
      surplus: 10n,
      totalPatronage: 10n,
      index: RAY,
      totalShares: 1000n,
      pendingLossShares: 400n,
      ...settings,
    });
    expect(s.interest).toBe(10n);
    expect(s.toReserve + s.cashPool + s.retainedPool).toBe(0n);
  });

  it("gives the patronage share to the reserve when nobody earned patronage", () => {
    const s = splitSurplus({
      surplus: 1000n,
      totalPatronage: 0n,
      index: RAY,
      totalShares: 0n,
      pendingLossShares: 0n,
      ...settings,
    });
    expect(s).toEqual({ interest: 0n, toReserve: 900n, toCommons: 100n, cashPool: 0n, retainedPool: 0n });
  });
});

describe("yearEndChoices", () => {
  /** Periods 1 to 3 closed; PeriodClosed carries finalAt (closedAt + a 100 s review window). */
  function state() {
    let block = 0;
    // Written by hand, the arguments typed by the ledger's ABI as decoding gives them.
    const ev = <N extends EventName<"ledger">>(name: N, args: EventArgs<"ledger", N>) =>
      ({
        block: ++block,
        logIndex: 0,
        txHash: `0x${block}`,
        contract: "ledger",
        address: "",
        name,
        args,
      }) as DecodedEvent;
    const events = [ev("PeriodOpened", { period: 1, openedAt: 0 })];
    for (const period of [1, 2, 3]) {
      const closedAt = period * 1000;
      const treasurer = "0x00000000000000000000000000000000000000b0";
      events.push(ev("PeriodClosed", { period, closedAt, finalAt: closedAt + 100, treasurer }));
      events.push(ev("PeriodOpened", { period: period + 1, openedAt: closedAt }));
    }
    return foldHistory(events, "0x00000000000000000000000000000000000000aa");
  }

  it("offers only final periods, each of the year's periods final", () => {
    const s = state();
    expect(yearEndChoices(s, 2_099n)).toEqual([1]);
    expect(yearEndChoices(s, 2_100n)).toEqual([1, 2]);
    expect(yearEndChoices(s, 3_100n)).toEqual([1, 2, 3]);
    expect(yearEndChoices(s, 500n)).toEqual([]);
    expect(yearEndChoices(s, undefined)).toEqual([]);
  });
});

describe("lossPreview", () => {
  it("takes a loss from the reserve first, then the accounts", () => {
    expect(lossPreview(300n, 100n, 1_000n, 5n)).toEqual({
      absorbable: 1_100n,
      tooLarge: false,
      fromReserve: 100n,
      charged: 200n,
      uncovered: 0n,
    });
  });
  it("refuses a loss above the reserve and the accounts together, as CapitalLossTooLarge", () => {
    expect(lossPreview(1_101n, 100n, 1_000n, 5n).tooLarge).toBe(true);
    expect(lossPreview(1_100n, 100n, 1_000n, 5n).tooLarge).toBe(false);
  });
  it("charges nobody when nobody earned patronage", () => {
    expect(lossPreview(300n, 100n, 1_000n, 0n)).toMatchObject({ fromReserve: 100n, charged: 0n, uncovered: 200n });
  });
});
