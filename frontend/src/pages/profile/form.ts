/**
 * The profile form's text fields to the SDK's ProfileInput and back (lists typed comma-separated), and the `data:`
 * address that publishes a document's text in the record itself. The document, its problems and its hash are the
 * SDK's (@disco-ledger/sdk/profile).
 */
import type { ProfileDocument, ProfileInput } from "@disco-ledger/sdk/profile";

export interface ProfileForm {
  name: string;
  description: string;
  languages: string;
  locality: string;
  region: string;
  country: string;
  website: string;
  offers: string;
}

/** "translation, web hosting" -> ["translation", "web hosting"]; empty text -> []. */
const list = (text: string): string[] => (text.trim() === "" ? [] : text.split(",").map((item) => item.trim()));

export function profileInput(form: ProfileForm): ProfileInput {
  return {
    name: form.name,
    description: form.description,
    languages: list(form.languages),
    place: { locality: form.locality, region: form.region, country: form.country },
    website: form.website,
    offers: list(form.offers),
  };
}

/** A published document's fields as people are shown them. */
export interface ShownProfile {
  name: string;
  description: string;
  languages: string[];
  locality: string;
  region: string;
  country: string;
  /** Only a web (http or https) address: anything else (javascript:, data:) is never linked. */
  website: string | undefined;
  offers: string[];
}

/**
 * A fetched document as it can be shown: it matched its hash, but whoever published it chose its text, so a field of
 * the wrong type (an object description, no languages) is shown empty instead of breaking the page.
 */
export function shownProfile(document: ProfileDocument | undefined): ShownProfile {
  const doc: Record<string, unknown> = document !== null && typeof document === "object" ? { ...document } : {};
  const text = (key: string) => (typeof doc[key] === "string" ? (doc[key] as string) : "");
  const strings = (key: string) =>
    Array.isArray(doc[key]) ? (doc[key] as unknown[]).filter((x): x is string => typeof x === "string") : [];
  const url = text("primary_url");
  return {
    name: text("name"),
    description: text("description"),
    languages: strings("languages"),
    locality: text("locality"),
    region: text("region"),
    country: text("country_iso_3166"),
    website: /^https?:\/\//i.test(url) ? url : undefined,
    offers: strings("tags"),
  };
}

/** The form filled from a published document (to change it), or empty but for the DisCO's name. */
export function profileForm(document: ProfileDocument | undefined, name: string): ProfileForm {
  const shown = shownProfile(document);
  return {
    name: document ? shown.name : name,
    description: shown.description,
    languages: shown.languages.join(", "),
    locality: shown.locality,
    region: shown.region,
    country: shown.country,
    website: typeof document?.primary_url === "string" ? document.primary_url : "",
    offers: shown.offers.join(", "),
  };
}

/** The text as a `data:` address (UTF-8, base64), which any browser fetches as it fetches a web address. */
export function dataUri(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:application/json;base64,${btoa(binary)}`;
}

/**
 * Where a recorded URI is fetched from: web and data addresses as they are; an IPFS one through a public gateway;
 * anything else not at all.
 */
export function fetchableUri(uri: string): string | undefined {
  if (/^(https?:|data:)/i.test(uri) || uri.startsWith("/")) return uri;
  const ipfs = /^ipfs:\/\/(.+)$/i.exec(uri);
  return ipfs ? `https://ipfs.io/ipfs/${ipfs[1]}` : undefined;
}
