import { describe, expect, it } from "vitest";
import { interpolate, preferredLang } from "./i18n.tsx";

describe("preferredLang", () => {
  it("keeps a stored choice over the browser's languages", () => {
    expect(preferredLang("es", ["en-GB"])).toBe("es");
    expect(preferredLang("en", ["es-ES"])).toBe("en");
  });
  it("takes the first browser language the app speaks, by its base tag", () => {
    expect(preferredLang(null, ["fr-FR", "es-AR", "en-US"])).toBe("es");
    expect(preferredLang(null, ["EN-us"])).toBe("en");
  });
  it("falls back to English for an unknown stored value or no language spoken", () => {
    expect(preferredLang("de", ["fr", "de"])).toBe("en");
    expect(preferredLang(null, [])).toBe("en");
  });
});

describe("interpolate", () => {
  it("fills named placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{a} of {b} {c}", { a: 1, b: 2n })).toBe("1 of 2 {c}");
  });
});
