import { describe, expect, it } from "vitest";
import { parseEuros } from "./amount.ts";

describe("parseEuros", () => {
  it("reads whole and decimal euros into 6-decimal units", () => {
    expect(parseEuros("1500")).toEqual({ ok: true, units: 1_500_000_000n });
    expect(parseEuros("1500.5")).toEqual({ ok: true, units: 1_500_500_000n });
    expect(parseEuros("1500,5")).toEqual({ ok: true, units: 1_500_500_000n });
    expect(parseEuros(" 1 500 € ")).toEqual({ ok: true, units: 1_500_000_000n });
  });
  it("tells thousands from decimals when both marks appear", () => {
    expect(parseEuros("1.500,25")).toEqual({ ok: true, units: 1_500_250_000n });
    expect(parseEuros("1,500.25")).toEqual({ ok: true, units: 1_500_250_000n });
  });
  it("refuses what is not an amount", () => {
    expect(parseEuros("")).toEqual({ ok: false, reason: "empty" });
    expect(parseEuros("abc")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("1,2,3")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("-5")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("0,00")).toEqual({ ok: false, reason: "zero" });
    expect(parseEuros("1.1234567")).toEqual({ ok: false, reason: "decimals" });
  });
});
