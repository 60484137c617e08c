/**
 * A DisCO's public profile, browser-safe: what its members say of it (name, description, languages, place, website,
 * what it offers) as a document in the shape of the Murmurations protocol's organisation schema
 * (`organizations_schema-v1.0.0`: `linked_schemas`, `name`, `primary_url` and `tags` required), so that co-op maps
 * that index Murmurations profiles can index it; its one text and its hash, which `Membership.setProfile` records
 * beside the document's URI; and reading a fetched document back, checked against that hash.
 */
import { keccak256, stringToBytes, type Hex } from "viem";
import { canonicalJson } from "./audit/canonical.ts";
import type { Lang } from "./format.ts";

/** The Murmurations schema the document is linked to. */
export const MURMURATIONS_ORGANISATION_SCHEMA = "organizations_schema-v1.0.0";

/** What the members fill in. */
export interface ProfileInput {
  name: string;
  description: string;
  /** Languages the DisCO works in, as BCP 47 tags ("en", "es", "ca"). */
  languages: readonly string[];
  /** Where it is: a town or city, a region and a two-letter ISO 3166-1 country code, each optional. */
  place: { locality?: string; region?: string; country?: string };
  /** Its website, http(s). */
  website: string;
  /** What it offers, as short tags ("translation", "web hosting"): Murmurations' `tags`, by which maps search. */
  offers: readonly string[];
}

/**
 * The document: Murmurations' organisation fields, and `languages`, which that schema has no field for (a
 * Murmurations index keeps the fields it knows and ignores the rest).
 */
export interface ProfileDocument {
  linked_schemas: [typeof MURMURATIONS_ORGANISATION_SCHEMA];
  name: string;
  primary_url: string;
  tags: string[];
  description: string;
  languages: string[];
  locality?: string;
  region?: string;
  country_iso_3166?: string;
}

/** A field of ProfileInput, and what is wrong with it, in the members' languages. */
export interface ProfileProblem {
  field: keyof ProfileInput;
  message: Record<Lang, string>;
}

const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
/** Murmurations' limit on a URL's length. */
const MAX_URL_LENGTH = 2000;

/** What is wrong with a profile, field by field; none when it can be published. */
export function profileProblems(input: ProfileInput): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  const problem = (field: keyof ProfileInput, en: string, es: string) => problems.push({ field, message: { en, es } });
  if (input.name.trim() === "")
    problem("name", "A profile needs the DisCO's name.", "El perfil necesita el nombre de la DisCO.");
  if (input.description.trim() === "") {
    problem("description", "Say in a few words what the DisCO does.", "Di en pocas palabras qué hace la DisCO.");
  }
  const website = input.website.trim();
  if (!URL_PATTERN.test(website) || website.length > MAX_URL_LENGTH) {
    problem(
      "website",
      "The website is an address starting with https:// (or http://).",
      "La web es una dirección que empieza por https:// (o http://).",
    );
  }
  const languages = input.languages.map((l) => l.trim());
  if (languages.length === 0 || languages.some((l) => !LANGUAGE_PATTERN.test(l))) {
    problem(
      "languages",
      'Name at least one language, by its code ("en", "es", "ca").',
      'Indica al menos un idioma, por su código ("en", "es", "ca").',
    );
  }
  const country = input.place.country?.trim();
  if (country !== undefined && country !== "" && !COUNTRY_PATTERN.test(country)) {
    problem(
      "place",
      'The country is its two-letter code ("ES", "GB").',
      'El país es su código de dos letras ("ES", "GB").',
    );
  }
  const offers = input.offers.map((o) => o.trim());
  if (offers.length === 0 || offers.some((o) => o === "")) {
    problem(
      "offers",
      "Name at least one thing the DisCO offers, and no empty one.",
      "Indica al menos una cosa que ofrece la DisCO, y ninguna vacía.",
    );
  }
  return problems;
}

/** The document for `input` (trimmed, offers and languages without repeats); throws if profileProblems finds any. */
export function profileDocument(input: ProfileInput): ProfileDocument {
  const problems = profileProblems(input);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.field}: ${p.message.en}`).join(" "));
  const optional = (value: string | undefined) =>
    value === undefined || value.trim() === "" ? undefined : value.trim();
  const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()))];
  return {
    linked_schemas: [MURMURATIONS_ORGANISATION_SCHEMA],
    name: input.name.trim(),
    primary_url: input.website.trim(),
    tags: unique(input.offers),
    description: input.description.trim(),
    languages: unique(input.languages),
    locality: optional(input.place.locality),
    region: optional(input.place.region),
    country_iso_3166: optional(input.place.country),
  };
}

/** The document's one text (keys sorted, no whitespace, absent fields left out): what is published and hashed. */
export const profileText = (document: ProfileDocument): string => canonicalJson(document);

/** keccak256 of a published text's UTF-8 bytes: the hash `Membership.setProfile` records. */
export const profileHash = (text: string): Hex => keccak256(stringToBytes(text));

/** Why a fetched profile is not read: its text is not the one recorded, or it is no profile of ours (and why). */
export type ProfileReadProblem = { problem: "hash" } | { problem: "shape"; problems: ProfileProblem[] };

/**
 * A fetched profile read back: the document if the text hashes to what the members recorded, has every field of the
 * document with its type (a Murmurations organisation profile's, and `languages`), and passes profileProblems as a
 * profile of the members would (a primary URL that is http(s), at least one language and offer, ...); otherwise why
 * not (a document that is no object, or lacks a field or has one of another type, has no `problems` to name).
 */
export function readProfile(text: string, recordedHash: Hex): { document: ProfileDocument } | ProfileReadProblem {
  if (profileHash(text).toLowerCase() !== recordedHash.toLowerCase()) return { problem: "hash" };
  const shape = { problem: "shape", problems: [] } as const satisfies ProfileReadProblem;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return shape;
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return shape;
  const doc = parsed as Record<keyof ProfileDocument, unknown>;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
  const optional = (v: unknown): v is string | undefined => v === undefined || typeof v === "string";
  if (
    !strings(doc.linked_schemas) ||
    !doc.linked_schemas.includes(MURMURATIONS_ORGANISATION_SCHEMA) ||
    typeof doc.name !== "string" ||
    typeof doc.primary_url !== "string" ||
    !strings(doc.tags) ||
    typeof doc.description !== "string" ||
    !strings(doc.languages) ||
    !optional(doc.locality) ||
    !optional(doc.region) ||
    !optional(doc.country_iso_3166)
  ) {
    return shape;
  }
  const problems = profileProblems({
    name: doc.name,
    description: doc.description,
    languages: doc.languages,
    place: { locality: doc.locality, region: doc.region, country: doc.country_iso_3166 },
    website: doc.primary_url,
    offers: doc.tags,
  });
  return problems.length > 0 ? { problem: "shape", problems } : { document: parsed as ProfileDocument };
}
