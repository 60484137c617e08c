import { describe, expect, it } from "vitest";
import type { CapitalState, CapitalYear } from "@disco-ledger/sdk/history";
import { unsettledLines, unsettledYears } from "./unsettled.ts";

const RAY = 10n ** 27n;
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function year(n: number, block: number, atLoss: boolean): CapitalYear {
  return {
    block,
    logIndex: 3,
    txHash: "0x",
    year: n,
    treasurer: ALICE,
    firstPeriod: n,
    lastPeriod: n,
    atLoss,
    split: atLoss
      ? null
      : {
          surplus: 0n,
          interest: 0n,
          toReserve: 0n,
          toCommons: 0n,
          cashPool: 0n,
          retainedPool: 0n,
          retainedShares: 0n,
          totalPatronage: 0n,
          index: (RAY * 11n) / 10n,
        },
    loss: atLoss ? { loss: 0n, fromReserve: 0n, chargedToAccounts: 0n, totalPatronage: 0n } : null,
  };
}

const capital = {
  years: new Map([
    [1, year(1, 40, false)],
    [2, year(2, 80, true)],
    [3, year(3, 120, false)],
  ]),
  accounts: new Map([[ALICE.toLowerCase(), { shares: 0n, value: 0n, cash: 0n, settledYears: 1, contributed: true }]]),
} as Pick<CapitalState, "years" | "accounts">;

describe("a capital account's unsettled years", () => {
  it("are the closed years after those settled into the account (all of them for an account never settled)", () => {
    expect(unsettledYears(capital, ALICE)).toEqual([2, 3]);
    expect(unsettledYears(capital, "0x0000000000000000000000000000000000000001")).toEqual([1, 2, 3]);
  });

  it("show at each year's close as the contract allocates them, a year without patronage left out", () => {
    const lines = unsettledLines(
      capital,
      [1, 2, 3],
      [
        [0n, 0n, 0n, 0n],
        [50n, 0n, 0n, 7_000_000n],
        [50n, 2_000_000n, 10_000_000n, 0n],
      ],
    );
    expect(lines).toEqual([
      { block: 80, logIndex: 3, kind: "loss", year: 2, value: 7_000_000n },
      { block: 120, logIndex: 3, kind: "allocation", year: 3, cash: 2_000_000n, value: 11_000_000n },
    ]);
  });

  it("wait for their allocation to be read", () => {
    expect(unsettledLines(capital, [2], [undefined])).toEqual([]);
  });
});
