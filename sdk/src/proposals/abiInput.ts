/**
 * Typed inputs from an ABI: what a person types in a form (text, or one text per field of a struct) turned into the
 * value viem encodes, with a problem named when it can't be. And the other way: a decoded argument as readable text.
 * Pure, so the proposal form and its tests agree on every type.
 */
import type { AbiParameter } from "viem";
import { isAddress, isHex, size } from "viem";
import type { Lang } from "../format.ts";
import { STAGES } from "../members.ts";
import { STAGE_NAMES } from "../members.ts";

/** What the form holds for one parameter: text, or one entry per component of a struct. */
export type RawInput = string | RawInput[];

export type AbiValue = string | bigint | boolean | readonly AbiValue[] | { readonly [key: string]: AbiValue };

/** Why a typed value was refused; `code` names a message, `params` fill it. */
export class InputProblem extends Error {
  constructor(
    readonly code:
      | "empty"
      | "address"
      | "bool"
      | "integer"
      | "range"
      | "hex"
      | "bytesLength"
      | "array"
      | "arrayLength"
      | "tuple"
      | "unsupported",
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

type TupleParameter = AbiParameter & { components: readonly AbiParameter[] };
const isTuple = (p: AbiParameter): p is TupleParameter => p.type === "tuple" && "components" in p;

/** `uint16[3]` -> { element: "uint16", length: 3 }; `address[]` -> length undefined; not an array -> undefined. */
export function arrayShape(type: string): { element: string; length: number | undefined } | undefined {
  const match = /^(.*)\[(\d*)\]$/.exec(type);
  if (!match) return undefined;
  return { element: match[1], length: match[2] === "" ? undefined : Number(match[2]) };
}

/** The names of a Solidity enum the app knows, by its ABI internalType; others are plain numbers. */
export function enumLabels(param: AbiParameter): readonly string[] | undefined {
  const internal = "internalType" in param ? param.internalType : undefined;
  if (internal === "enum IMembership.Stage") return STAGES;
  return undefined;
}

function parseInteger(type: string, text: string): bigint {
  const trimmed = text.trim().replace(/[_\s]/g, "");
  if (!/^-?\d+$/.test(trimmed)) throw new InputProblem("integer");
  const value = BigInt(trimmed);
  const signed = type.startsWith("int");
  const bits = Number(type.replace(/^u?int/, "") || "256");
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (value < min || value > max) throw new InputProblem("range", { min: min.toString(), max: max.toString() });
  return value;
}

function parseScalar(type: string, text: string): AbiValue {
  const trimmed = text.trim();
  if (type === "string") return text;
  if (trimmed === "") throw new InputProblem("empty");
  if (type === "address") {
    if (!isAddress(trimmed, { strict: false })) throw new InputProblem("address");
    return trimmed;
  }
  if (type === "bool") {
    if (/^(true|yes|1)$/i.test(trimmed)) return true;
    if (/^(false|no|0)$/i.test(trimmed)) return false;
    throw new InputProblem("bool");
  }
  if (/^u?int\d*$/.test(type)) return parseInteger(type, trimmed);
  if (type === "bytes") {
    if (!isHex(trimmed) || trimmed.length % 2 !== 0) throw new InputProblem("hex");
    return trimmed;
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    if (!isHex(trimmed) || trimmed.length % 2 !== 0) throw new InputProblem("hex");
    if (size(trimmed) !== Number(fixed[1])) throw new InputProblem("bytesLength", { length: Number(fixed[1]) });
    return trimmed;
  }
  throw new InputProblem("unsupported", { type });
}

/** A JSON value (from an array typed as JSON) back to text, so each element goes through the same parser. */
const asText = (value: unknown): RawInput =>
  Array.isArray(value) ? value.map(asText) : typeof value === "string" ? value : JSON.stringify(value);

function splitArray(text: string): RawInput[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new InputProblem("array");
    }
    if (!Array.isArray(parsed)) throw new InputProblem("array");
    return parsed.map(asText);
  }
  return trimmed.split(",").map((part) => part.trim());
}

/**
 * One parameter's value from what was typed: an array as a JSON array or comma-separated list, a struct as one
 * input per component (or a JSON array in an array of structs).
 */
export function parseAbiInput(param: AbiParameter, raw: RawInput): AbiValue {
  const shape = arrayShape(param.type);
  if (shape) {
    const items = typeof raw === "string" ? splitArray(raw) : raw;
    if (shape.length !== undefined && items.length !== shape.length) {
      throw new InputProblem("arrayLength", { length: shape.length });
    }
    const element = { ...param, type: shape.element } as AbiParameter;
    return items.map((item) => parseAbiInput(element, item));
  }
  if (isTuple(param)) {
    const parts = typeof raw === "string" ? splitArray(raw) : raw;
    if (parts.length !== param.components.length) throw new InputProblem("tuple");
    const named = param.components.every((c) => c.name);
    const values = param.components.map((c, i) => parseAbiInput(c, parts[i]));
    return named ? Object.fromEntries(param.components.map((c, i) => [c.name as string, values[i]])) : values;
  }
  if (typeof raw !== "string") throw new InputProblem("unsupported", { type: param.type });
  return parseScalar(param.type, raw);
}

/** An empty form value shaped like the parameter (structs get one entry per component). */
export function emptyInput(param: AbiParameter): RawInput {
  if (isTuple(param) && !arrayShape(param.type)) return param.components.map(emptyInput);
  return "";
}

/** All of a function's inputs, or the first problem with the index of the input it is in. */
export function parseAbiInputs(
  params: readonly AbiParameter[],
  raws: readonly RawInput[],
): { ok: true; values: AbiValue[] } | { ok: false; index: number; problem: InputProblem } {
  const values: AbiValue[] = [];
  for (let i = 0; i < params.length; i++) {
    try {
      values.push(parseAbiInput(params[i], raws[i] ?? emptyInput(params[i])));
    } catch (error) {
      if (error instanceof InputProblem) return { ok: false, index: i, problem: error };
      throw error;
    }
  }
  return { ok: true, values };
}

/** A decoded argument as text (addresses are shown as people by the caller); a stage by its name, "Dating 3". */
export function formatAbiValue(param: AbiParameter, value: unknown, lang: Lang = "en"): string {
  if (enumLabels(param) && (typeof value === "number" || typeof value === "bigint")) {
    return STAGE_NAMES[lang][Number(value)] ?? String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

/** A function's signature, for choosing it in a list: `setWeight(uint8 stage, uint8 stream, uint16 weightBps)`. */
export function signatureOf(fn: { name: string; inputs: readonly AbiParameter[] }): string {
  return `${fn.name}(${fn.inputs.map((i) => (i.name ? `${i.type} ${i.name}` : i.type)).join(", ")})`;
}
