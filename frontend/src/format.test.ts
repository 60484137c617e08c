import { describe, expect, it } from "vitest";
import { credits, duration, money } from "./format.ts";

describe("money", () => {
  it("groups and separates by the language's conventions, keeping every significant decimal", () => {
    expect(money(1_234_567_890n, "en")).toBe("1,234.56789 €");
    expect(money(1_234_500_000n, "es")).toBe("1234,50 €");
    expect(money(12_345_000_000n, "es")).toBe("12.345,00 €");
    expect(money(0n, "en")).toBe("0.00 €");
  });
});

describe("credits", () => {
  it("shows ledger amounts with their two decimals", () => {
    expect(credits(1225n)).toBe("12.25");
  });
});

describe("duration", () => {
  it("names the two largest units, leaving out a second that is zero", () => {
    expect(duration(3 * 86_400)).toBe("3 d");
    expect(duration(3_600 + 30)).toBe("1 h");
    expect(duration(2 * 86_400 + 3 * 3_600 + 5)).toBe("2 d 3 h");
    expect(duration(3 * 3_600 + 12 * 60)).toBe("3 h 12 min");
    expect(duration(-45)).toBe("45 s");
  });
});
