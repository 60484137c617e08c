import { describe, expect, it } from "vitest";
import { keccak256, stringToBytes } from "viem";
import {
  MURMURATIONS_ORGANISATION_SCHEMA,
  profileDocument,
  profileHash,
  profileProblems,
  profileText,
  readProfile,
  type ProfileInput,
} from "../src/profile.ts";

const INPUT: ProfileInput = {
  name: " Demo DisCO ",
  description: "Translation and care work, as a DisCO.",
  languages: ["es", "en", "es"],
  place: { locality: "Barcelona", region: "Catalonia", country: "ES" },
  website: "https://demo.disco.coop",
  offers: ["translation", "web hosting", "translation"],
};

describe("profileDocument", () => {
  it("writes a Murmurations organisation profile: the schema linked, the required fields, trimmed, no repeats", () => {
    expect(profileDocument(INPUT)).toEqual({
      linked_schemas: [MURMURATIONS_ORGANISATION_SCHEMA],
      name: "Demo DisCO",
      primary_url: "https://demo.disco.coop",
      tags: ["translation", "web hosting"],
      description: "Translation and care work, as a DisCO.",
      languages: ["es", "en"],
      locality: "Barcelona",
      region: "Catalonia",
      country_iso_3166: "ES",
    });
  });

  it("leaves out the place's empty parts, so the text has no empty fields", () => {
    const text = profileText(profileDocument({ ...INPUT, place: { locality: " ", country: "" } }));
    expect(text).not.toContain("locality");
    expect(text).not.toContain("country_iso_3166");
    expect(text).not.toContain("region");
  });

  it("refuses, naming the field, what the profile can't be published with", () => {
    const bad: ProfileInput = {
      name: " ",
      description: "",
      languages: ["Spanish"],
      place: { country: "Spain" },
      website: "demo.disco.coop",
      offers: ["translation", " "],
    };
    const problems = profileProblems(bad);
    expect(problems.map((p) => p.field)).toEqual(["name", "description", "website", "languages", "place", "offers"]);
    expect(problems.every((p) => p.message.en !== "" && p.message.es !== "")).toBe(true);
    expect(() => profileDocument(bad)).toThrow(/^name: A profile needs the DisCO's name\./);
    expect(profileProblems({ ...INPUT, languages: [] }).map((p) => p.field)).toEqual(["languages"]);
    expect(profileProblems({ ...INPUT, offers: [] }).map((p) => p.field)).toEqual(["offers"]);
    expect(profileProblems(INPUT)).toEqual([]);
  });
});

describe("profileText and profileHash", () => {
  it("give one text for one document, whatever the order its fields were written in, and its keccak256", () => {
    const document = profileDocument(INPUT);
    const reordered = Object.fromEntries(Object.entries(document).reverse()) as typeof document;
    expect(profileText(reordered)).toBe(profileText(document));
    expect(profileText(document).startsWith('{"country_iso_3166":"ES","description":')).toBe(true);
    expect(profileHash(profileText(document))).toBe(keccak256(stringToBytes(profileText(document))));
  });
});

describe("readProfile", () => {
  const text = profileText(profileDocument(INPUT));
  const hash = profileHash(text);

  it("reads back the document the members recorded", () => {
    expect(readProfile(text, hash)).toEqual({ document: JSON.parse(text) });
    expect(readProfile(text, hash.toUpperCase().replace("0X", "0x") as `0x${string}`)).toEqual({
      document: JSON.parse(text),
    });
  });

  it("refuses a text that is not the one recorded, even by one character", () => {
    expect(readProfile(text.replace("Demo", "Dema"), hash)).toEqual({ problem: "hash" });
  });

  it("refuses a recorded text that is no organisation profile", () => {
    const document = JSON.parse(text);
    const { languages: _, ...noLanguages } = document;
    for (const other of [
      "not json",
      "null",
      "[]",
      '{"name":"x"}',
      JSON.stringify({ ...document, tags: [1] }),
      JSON.stringify(noLanguages),
      JSON.stringify({ ...document, description: { en: "x" } }),
      JSON.stringify({ ...document, locality: 7 }),
    ]) {
      expect(readProfile(other, profileHash(other)), other).toEqual({ problem: "shape", problems: [] });
    }
  });

  it("names what is wrong with a recorded document of the right shape, as profileProblems does", () => {
    const read = (changes: object) => {
      const other = JSON.stringify({ ...JSON.parse(text), ...changes });
      const result = readProfile(other, profileHash(other));
      return "problems" in result ? result.problems.map((p) => p.field) : result;
    };
    expect(read({ primary_url: "javascript:alert(1)" })).toEqual(["website"]);
    expect(read({ primary_url: "ftp://demo.disco.coop" })).toEqual(["website"]);
    expect(read({ languages: [], tags: [] })).toEqual(["languages", "offers"]);
    expect(read({ name: " " })).toEqual(["name"]);
  });
});
