import { describe, expect, it } from "vitest";
import { figureName, standingText } from "./status.ts";

describe("standingText", () => {
  it("says a check-in nobody judged is unverified, in both languages", () => {
    expect(standingText({ status: "unverified" }, "en")).toBe("unverified");
    expect(standingText({ status: "unverified" }, "es")).toBe("sin verificar");
  });

  it("counts the confirming DisCOs, one and several", () => {
    expect(standingText({ status: "confirmed", by: 1 }, "en")).toBe("confirmed by 1 DisCO");
    expect(standingText({ status: "confirmed", by: 2 }, "en")).toBe("confirmed by 2 DisCOs");
    expect(standingText({ status: "confirmed", by: 3 }, "es")).toBe("confirmado por 3 DisCOs");
  });

  it("names the challenged figures for people", () => {
    expect(standingText({ status: "challenged", by: 1, figures: ["MoneyIn"] }, "en")).toBe("challenged: money in");
    expect(standingText({ status: "challenged", by: 2, figures: ["MoneyIn", "Members"] }, "es")).toBe(
      "impugnado: dinero entrante, personas socias",
    );
  });
});

describe("figureName", () => {
  it("reads a figure's enum name as words", () => {
    expect(figureName("BindingMembers", "en")).toBe("binding members");
    expect(figureName("Digest", "es")).toBe("huella de los libros");
  });
});
