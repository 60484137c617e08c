import { describe, expect, it } from "vitest";
import { parseEuros } from "./amount.ts";

const euros = (n: number) => ({ ok: true, units: BigInt(Math.round(n * 1e6)) });

describe("parseEuros", () => {
  it("reads whole and decimal euros into 6-decimal units", () => {
    expect(parseEuros("1500")).toEqual(euros(1500));
    expect(parseEuros("1500.5")).toEqual(euros(1500.5));
    expect(parseEuros("1500,5")).toEqual(euros(1500.5));
    expect(parseEuros(" 1 500 € ")).toEqual(euros(1500));
  });
  it("tells thousands from decimals when both marks appear", () => {
    expect(parseEuros("1.500,25", "es")).toEqual(euros(1500.25));
    expect(parseEuros("1,500.25", "en")).toEqual(euros(1500.25));
    expect(parseEuros("1.234.567,5", "es")).toEqual(euros(1234567.5));
  });
  it("reads a lone thousands mark as the language writes it", () => {
    expect(parseEuros("1.500", "es")).toEqual(euros(1500));
    expect(parseEuros("1.500", "en")).toEqual(euros(1.5));
    expect(parseEuros("1,500", "en")).toEqual(euros(1500));
    expect(parseEuros("1,500", "es")).toEqual(euros(1.5));
    expect(parseEuros("600.5", "es")).toEqual(euros(600.5));
    expect(parseEuros("600,5", "en")).toEqual(euros(600.5));
  });
  it("refuses what is not an amount", () => {
    expect(parseEuros("")).toEqual({ ok: false, reason: "empty" });
    expect(parseEuros("abc")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("1,2,3")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("1.5.5,2")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("-5")).toEqual({ ok: false, reason: "invalid" });
    expect(parseEuros("0,00")).toEqual({ ok: false, reason: "zero" });
    expect(parseEuros("1.1234567")).toEqual({ ok: false, reason: "decimals" });
  });
});
