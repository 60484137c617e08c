import { describe, expect, it } from "vitest";
import { profileDocument, profileHash, profileText, readProfile } from "@disco-ledger/sdk/profile";
import { dataUri, fetchableUri, profileForm, profileInput, shownProfile, type ProfileForm } from "./form.ts";

const FORM: ProfileForm = {
  name: "Demo DisCO",
  description: "Translation and care, in common.",
  languages: "en, es",
  locality: "Barcelona",
  region: "",
  country: "ES",
  website: "https://demo.disco.coop",
  offers: "translation, web hosting",
};

describe("profileInput and profileForm", () => {
  it("splits the comma-separated lists and gives the SDK a document it accepts", () => {
    const input = profileInput(FORM);
    expect(input.languages).toEqual(["en", "es"]);
    expect(input.offers).toEqual(["translation", "web hosting"]);
    expect(profileDocument(input)).toMatchObject({ tags: ["translation", "web hosting"], country_iso_3166: "ES" });
  });

  it("reads an empty list as none, so the SDK says the field is missing", () => {
    expect(profileInput({ ...FORM, offers: " " }).offers).toEqual([]);
  });

  it("fills the form back from a document, round trip", () => {
    const document = profileDocument(profileInput(FORM));
    expect(profileForm(document, "ignored")).toEqual(FORM);
    expect(profileForm(undefined, "Small DisCO")).toMatchObject({ name: "Small DisCO", offers: "" });
  });
});

describe("dataUri", () => {
  it("holds the exact text, non-ASCII included, so the fetched text hashes to the recorded hash", async () => {
    const text = profileText(profileDocument(profileInput({ ...FORM, description: "Cuidados y traducción, señoras" })));
    const fetched = await (await fetch(dataUri(text))).text();
    expect(fetched).toBe(text);
    expect(readProfile(fetched, profileHash(text))).toHaveProperty("document");
  });
});

describe("fetchableUri", () => {
  it("fetches web, data and the app's own addresses as they are, IPFS through a gateway, nothing else", () => {
    expect(fetchableUri("https://x.org/p.json")).toBe("https://x.org/p.json");
    expect(fetchableUri("/profiles/demo.json")).toBe("/profiles/demo.json");
    expect(fetchableUri("data:application/json;base64,e30=")).toBe("data:application/json;base64,e30=");
    expect(fetchableUri("ipfs://bafy123/p.json")).toBe("https://ipfs.io/ipfs/bafy123/p.json");
    expect(fetchableUri("ftp://x.org/p.json")).toBeUndefined();
  });
});

describe("shownProfile", () => {
  it("shows a hostile document's wrongly typed fields empty, and its items that are text", () => {
    const hostile = { name: "Odd", description: { html: "<b>x</b>" }, tags: ["ok", 3] } as unknown as Parameters<
      typeof shownProfile
    >[0];
    const shown = shownProfile(hostile);
    expect(shown.description).toBe("");
    expect(shown.languages).toEqual([]);
    expect(shown.offers).toEqual(["ok"]);
    expect(profileForm(hostile, "Demo").languages).toBe("");
  });

  it("links only a web address", () => {
    const doc = profileDocument(profileInput(FORM));
    expect(shownProfile(doc).website).toBe("https://demo.disco.coop");
    expect(shownProfile({ ...doc, primary_url: "javascript:alert(1)" }).website).toBeUndefined();
    expect(shownProfile({ ...doc, primary_url: "HTTP://demo.coop" }).website).toBe("HTTP://demo.coop");
  });
});
