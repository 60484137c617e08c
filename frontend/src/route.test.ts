import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route.ts";

describe("parseRoute", () => {
  it("reads the page and its parameters from the hash", () => {
    const { page, params } = parseRoute("#/work?member=0xabc&period=3");
    expect(page).toBe("work");
    expect(params.get("member")).toBe("0xabc");
    expect(params.get("period")).toBe("3");
  });
  it("sends an empty or unknown hash to the home page", () => {
    expect(parseRoute("").page).toBe("me");
    expect(parseRoute("#/nowhere").page).toBe("me");
  });
  it("round-trips with href", () => {
    expect(parseRoute(href("audit", { kind: "ledger.EntryLogged" })).params.get("kind")).toBe("ledger.EntryLogged");
    expect(href("me")).toBe("#/");
  });
});
