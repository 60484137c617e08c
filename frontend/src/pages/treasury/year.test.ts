import { describe, expect, it } from "vitest";
import { splitSurplus } from "./year.ts";

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
