import { describe, expect, it } from "vitest";
import { MAX_TRUST, trustValue, trustWeight } from "./trust.ts";

describe("trustValue", () => {
  it("reads a whole number from 0 to 100, spaces around it allowed", () => {
    expect(trustValue("0")).toBe(0);
    expect(trustValue(" 90 ")).toBe(90);
    expect(trustValue("100")).toBe(100);
  });

  it("refuses anything else: empty, beyond 100, negative, decimal, words", () => {
    for (const text of ["", "101", "-1", "12.5", "1e2", "ninety", "0x10"]) expect(trustValue(text)).toBeUndefined();
  });
});

describe("trustWeight", () => {
  it("draws a value as its share of the highest trust", () => {
    expect(trustWeight(0)).toBe(0);
    expect(trustWeight(40)).toBe(0.4);
    expect(trustWeight(MAX_TRUST)).toBe(1);
  });
});
