/**
 * Plain JSON for the audit's figures, and one canonical byte form of it to hash: the report an auditor attests must
 * hash the same wherever it is rebuilt. Browser-safe.
 */
import { keccak256, stringToBytes, type Hex } from "viem";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Any value of the folded history as JSON data: bigints as decimal strings, Maps as objects (their keys as
 * strings), Sets as arrays; undefined properties left out. Throws on what JSON can't hold exactly (a fraction, a
 * number beyond 2^53, a function).
 */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`Not an exact integer for JSON: ${value}`);
    return value;
  }
  if (Array.isArray(value) || value instanceof Set) return [...value].map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJson(v)]),
    );
  }
  throw new Error(`No JSON form for a ${typeof value}`);
}

/** JSON with every object's keys sorted and no whitespace: one text for one value. */
export function canonicalJson(value: unknown): string {
  const sorted = (json: Json): Json => {
    if (Array.isArray(json)) return json.map(sorted);
    if (json === null || typeof json !== "object") return json;
    return Object.fromEntries(
      Object.keys(json)
        .sort()
        .map((k) => [k, sorted(json[k])]),
    );
  };
  return JSON.stringify(sorted(toJson(value)));
}

/** keccak256 of a value's canonical JSON (UTF-8): the hash an auditor attests. */
export const hashOf = (value: unknown): Hex => keccak256(stringToBytes(canonicalJson(value)));
