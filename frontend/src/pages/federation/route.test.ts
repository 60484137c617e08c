import { describe, expect, it } from "vitest";
import { PAGES, parseRoute, routeHref } from "../../place.ts";

const DISCO = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const FEDERATION = "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853";

describe("the federation's and the profile's addresses", () => {
  it("open the Federation page, with the federation chosen, and round-trip", () => {
    const link = routeHref(DISCO, "federation", { federation: FEDERATION });
    const { disco, page, params } = parseRoute(link);
    expect([disco, page, params.get("federation")]).toEqual([DISCO, "federation", FEDERATION]);
  });

  it("open a DisCO's public profile at its own address", () => {
    expect(parseRoute(routeHref(DISCO, "profile"))).toMatchObject({ disco: DISCO, page: "profile" });
  });

  it("give the federation a tab and the profile none (it is linked beside the DisCO's name)", () => {
    expect(PAGES).toContain("federation");
    expect(PAGES).not.toContain("profile");
  });
});
