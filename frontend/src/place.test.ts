import { describe, expect, it } from "vitest";
import { addressChange, parseRoute, routeHref } from "./place.ts";

const DISCO = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("parseRoute", () => {
  it("reads the DisCO, the page and its parameters from the hash", () => {
    const { disco, page, params } = parseRoute(`#/d/${DISCO}/work?member=0xabc&period=3`);
    expect(disco).toBe(DISCO);
    expect(page).toBe("work");
    expect(params.get("member")).toBe("0xabc");
    expect(params.get("period")).toBe("3");
    expect(parseRoute(`#/d/${DISCO}`)).toMatchObject({ disco: DISCO, page: "me" });
    expect(parseRoute(`#/d/${DISCO}/discos`).page).toBe("discos");
  });
  it("reads an address from before there were several DisCOs as naming none", () => {
    const { disco, page, params } = parseRoute("#/decisions?proposal=2");
    expect(disco).toBeUndefined();
    expect(page).toBe("decisions");
    expect(params.get("proposal")).toBe("2");
  });
  it("sends an empty or unknown hash to the home page", () => {
    expect(parseRoute("")).toMatchObject({ disco: undefined, page: "me" });
    expect(parseRoute("#/nowhere").page).toBe("me");
    expect(parseRoute(`#/d/${DISCO}/nowhere`)).toMatchObject({ disco: DISCO, page: "me" });
    // Not an address: not a DisCO.
    expect(parseRoute("#/d/0x12/work")).toMatchObject({ disco: undefined, page: "me" });
  });
  it("reads a federation named in the credit page's path as its parameter", () => {
    const FED = "0x00000000000000000000000000000000000000fe";
    expect(parseRoute(`#/credit/${FED}`)).toMatchObject({ disco: undefined, page: "credit" });
    expect(parseRoute(`#/credit/${FED}`).params.get("federation")).toBe(FED);
    const { disco, page, params } = parseRoute(`#/d/${DISCO}/credit/${FED}?x=1`);
    expect([disco, page, params.get("federation"), params.get("x")]).toEqual([DISCO, "credit", FED, "1"]);
    // Only an address names a federation there.
    expect(parseRoute("#/credit/0x12").page).toBe("me");
  });
  it("round-trips with routeHref", () => {
    const link = routeHref(DISCO, "audit", { kind: "ledger.EntryLogged" });
    expect(link).toBe(`#/d/${DISCO}/audit?kind=ledger.EntryLogged`);
    expect(parseRoute(link)).toMatchObject({ disco: DISCO, page: "audit" });
    expect(parseRoute(link).params.get("kind")).toBe("ledger.EntryLogged");
    expect(routeHref(DISCO, "me")).toBe(`#/d/${DISCO}/`);
  });
});

describe("addressChange", () => {
  const FIRST = "0x00000000000000000000000000000000000000f1";
  const OTHER = "0x00000000000000000000000000000000000000a2";

  it("leaves an address of the DisCO shown as it is, in any case", () => {
    expect(addressChange(`#/d/${DISCO.toLowerCase()}/work`, DISCO, FIRST)).toBeUndefined();
  });
  it("writes the credit page's federation named in the path as its parameter, naming the DisCO", () => {
    const FED = "0x00000000000000000000000000000000000000fe";
    expect(addressChange(`#/credit/${FED}`, FIRST, FIRST)).toEqual({
      replace: `#/d/${FIRST}/credit?federation=${FED}`,
    });
  });
  it("names the first DisCO in an address that names none, keeping the page and its parameters", () => {
    expect(addressChange("#/decisions?proposal=2", FIRST, FIRST)).toEqual({
      replace: `#/d/${FIRST}/decisions?proposal=2`,
    });
    expect(addressChange("", FIRST, FIRST)).toEqual({ replace: `#/d/${FIRST}/` });
  });
  it("loads anew for another DisCO, and for the first from another", () => {
    expect(addressChange(`#/d/${OTHER}/`, DISCO, FIRST)).toBe("reload");
    expect(addressChange("#/work", DISCO, FIRST)).toBe("reload");
  });
  it("names the DisCO shown instead of one nobody started, rather than loading anew for ever", () => {
    expect(addressChange(`#/d/${OTHER}/audit`, FIRST, FIRST, OTHER)).toEqual({ replace: `#/d/${FIRST}/audit` });
  });
});
