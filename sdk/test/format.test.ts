import { describe, expect, it } from "vitest";
import { credits, demoNames, duration, euros, isoDay, isoTime, money, named } from "@disco-ledger/sdk/format";

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
    // For reading, in the language's number format (Spanish groups from five digits).
    expect(credits(190000n, "en")).toBe("1,900.00");
    expect(credits(190000n, "es")).toBe("1900,00");
    expect(credits(1234567805n, "es")).toBe("12.345.678,05");
    expect(credits(5n, "en")).toBe("0.05");
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

describe("euros", () => {
  it("shows the currency's base units with two decimals, more only where significant, ungrouped", () => {
    expect(euros(250_000_000n)).toBe("250.00");
    expect(euros(1_234_500_000n)).toBe("1234.50");
    expect(euros(1_234_567_890n)).toBe("1234.56789");
    expect(euros(0n)).toBe("0.00");
    expect(euros(125n, 2)).toBe("1.25");
  });
});

describe("names beside addresses", () => {
  const accounts = [
    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  ];
  const names = demoNames(accounts);

  it("names the demo's people by their dev account's index", () => {
    expect(names.get(accounts[1].toLowerCase())).toBe("Alice");
    expect(names.size).toBe(3);
  });

  it("shows the name beside the address, whole or short, and the address alone when nobody is known", () => {
    expect(named(accounts[1].toLowerCase(), names)).toBe(`${accounts[1].toLowerCase()} (Alice)`);
    expect(named(accounts[2], names, true)).toBe("0x3C44…93BC (Bob)");
    expect(named("0x000000000000000000000000000000000000dEaD", names)).toBe(
      "0x000000000000000000000000000000000000dEaD",
    );
  });
});

describe("dates", () => {
  it("reads unix seconds as UTC ISO time and day", () => {
    const moment = Date.UTC(2026, 0, 5, 12, 30, 15) / 1000;
    expect(isoTime(moment)).toBe("2026-01-05T12:30:15Z");
    expect(isoDay(BigInt(moment))).toBe("2026-01-05");
  });
});
