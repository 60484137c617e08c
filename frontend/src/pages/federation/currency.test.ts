import { describe, expect, it } from "vitest";
import { moneyIn, sameCurrency } from "./currency.ts";

const EURE = "0x00000000000000000000000000000000000000e1";
const DAI = "0x00000000000000000000000000000000000000d1";

describe("moneyIn", () => {
  it("reads an 18-decimal token's amount with its own decimals and symbol", () => {
    expect(moneyIn(1_234_567n * 10n ** 16n, { address: DAI, symbol: "DAI", decimals: 18 }, "en")).toBe("12,345.67 DAI");
    expect(moneyIn(1_234_567n * 10n ** 16n, { address: DAI, symbol: "DAI", decimals: 18 }, "es")).toBe("12.345,67 DAI");
  });

  it("reads a 6-decimal token as the euro it is", () => {
    expect(moneyIn(2_500_000n, { address: EURE, symbol: "€", decimals: 6 }, "en")).toBe("2.50 €");
  });
});

describe("sameCurrency", () => {
  it("compares tokens by contract, case aside", () => {
    expect(sameCurrency(EURE, EURE.toUpperCase())).toBe(true);
    expect(sameCurrency(EURE, DAI)).toBe(false);
  });
});
