/**
 * A history folder's progress as plain JSON data, to resume folding from later (a file, local storage) instead of
 * folding the whole history again. Browser-safe.
 *
 * The state holds Maps, Sets and bigints, which JSON has not, so a saved folder carries its values in a small tagged
 * encoding (`toTaggedJson`): a bigint is `{"$bigint":"12"}`, a Map `{"$map":[[key,value],…]}` (keys encoded too: ids
 * are bigints), a Set `{"$set":[value,…]}`; arrays, plain objects, strings, finite numbers, booleans and null stay as
 * they are. Anything else (undefined, a function, a class instance) is refused rather than lost.
 */
import type { Json } from "../audit/canonical.ts";
import { CONTRACT_NAMES, type ContractName, type DecodedHistory } from "./decode.ts";
import type { RawLog } from "./fetch.ts";
import type { FoldProgress } from "./fold/index.ts";

/**
 * The saved folders' format. Bump it when HistoryState's shape, the fold's meaning or this encoding changes: folders
 * saved before are then refused, and folded again from their logs. 2: a ledger entry's `uri` became `note`.
 */
export const SAVED_FOLDER_VERSION = 2;

/** A folder's progress (HistoryFolder.save()), which createHistoryFolder resumes from. Plain JSON data. */
export interface SavedFolder {
  /** SAVED_FOLDER_VERSION when it was saved: a folder of another version is refused. */
  version: number;
  /** The contracts whose logs were folded (name to lowercase address): a folder of another deployment is refused. */
  contracts: Record<ContractName, string>;
  /** The fold's FoldProgress (the state and the fold's own context), tagged. */
  progress: Json;
  /** Every event decoded so far and the logs no ABI knows (a DecodedHistory), tagged. */
  decoded: Json;
}

const TAGS = new Set(["$bigint", "$map", "$set"]);

const isPlainObject = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `value` in the tagged encoding (see above); throws on a value the encoding cannot carry back. */
export function toTaggedJson(value: unknown): Json {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`Cannot save the number ${value} as JSON`);
      return value;
    case "bigint":
      return { $bigint: value.toString() };
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(toTaggedJson);
      if (value instanceof Map) return { $map: [...value].map(([k, v]) => [toTaggedJson(k), toTaggedJson(v)]) };
      if (value instanceof Set) return { $set: [...value].map(toTaggedJson) };
      if (!isPlainObject(value)) throw new TypeError(`Cannot save a ${value.constructor.name} as JSON`);
      const keys = Object.keys(value);
      if (keys.length === 1 && TAGS.has(keys[0])) throw new TypeError(`Cannot save an object keyed ${keys[0]}`);
      const json: Record<string, Json> = {};
      for (const key of keys) json[key] = toTaggedJson((value as Record<string, unknown>)[key]);
      return json;
    }
    default:
      throw new TypeError(`Cannot save ${typeof value} as JSON`);
  }
}

/** The value that `toTaggedJson` encoded into `json`. */
export function fromTaggedJson(json: Json): unknown {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) return json.map(fromTaggedJson);
  const keys = Object.keys(json);
  if (keys.length === 1 && TAGS.has(keys[0])) {
    const tagged = json[keys[0]];
    if (keys[0] === "$bigint" && typeof tagged === "string") return BigInt(tagged);
    if (keys[0] === "$set" && Array.isArray(tagged)) return new Set(tagged.map(fromTaggedJson));
    if (keys[0] === "$map" && Array.isArray(tagged)) {
      return new Map(
        tagged.map((entry) => {
          if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError("A $map entry is not a [key, value]");
          return [fromTaggedJson(entry[0]), fromTaggedJson(entry[1])];
        }),
      );
    }
    throw new TypeError(`A malformed ${keys[0]}`);
  }
  // Object.fromEntries defines each key as the object's own (a "__proto__" key in a file stays data).
  return Object.fromEntries(keys.map((key) => [key, fromTaggedJson(json[key])]));
}

/** The deployment's contracts as a saved folder names them. */
export const savedContracts = (contracts: Readonly<Record<ContractName, { address: string }>>) =>
  Object.fromEntries(CONTRACT_NAMES.map((name) => [name, contracts[name].address.toLowerCase()])) as Record<
    ContractName,
    string
  >;

/** Saves a fold's progress and what it decoded. */
export function saveProgress(
  contracts: Readonly<Record<ContractName, { address: string }>>,
  progress: FoldProgress,
  decoded: DecodedHistory,
): SavedFolder {
  return {
    version: SAVED_FOLDER_VERSION,
    contracts: savedContracts(contracts),
    progress: toTaggedJson(progress),
    decoded: toTaggedJson(decoded),
  };
}

/**
 * The fold's progress and decoded history that `saved` holds; throws, saying why, when it is of another version or
 * another deployment's contracts, or is not a saved folder at all.
 */
export function restoreProgress(
  saved: SavedFolder,
  contracts: Readonly<Record<ContractName, { address: string }>>,
): { progress: FoldProgress; decoded: DecodedHistory } {
  const refuse = (why: string) => new Error(`Not resuming a saved folder: ${why}`);
  if (saved?.version !== SAVED_FOLDER_VERSION) {
    throw refuse(`it is of format version ${saved?.version}, not ${SAVED_FOLDER_VERSION}`);
  }
  const expected = savedContracts(contracts);
  const other = CONTRACT_NAMES.find((name) => saved.contracts?.[name] !== expected[name]);
  if (other !== undefined) throw refuse(`its ${other} is ${saved.contracts?.[other]}, not ${expected[other]}`);
  const progress = fromTaggedJson(saved.progress) as FoldProgress;
  const decoded = fromTaggedJson(saved.decoded) as DecodedHistory;
  if (typeof progress?.state !== "object" || typeof progress.firstOpenEntry !== "bigint") {
    throw refuse("it holds no fold progress");
  }
  if (!Array.isArray(decoded?.events) || !Array.isArray(decoded.unknown)) throw refuse("it holds no decoded history");
  return { progress, decoded };
}

/**
 * The logs of `logs` (a history in chain order) after those `decoded` was decoded from, when the history begins
 * with exactly those (the same places, transactions and addresses); undefined when it does not (a history fetched
 * again, or another one), so that nothing is folded onto a state of another history.
 */
export function logsAfter(decoded: DecodedHistory, logs: readonly RawLog[]): readonly RawLog[] | undefined {
  const { events, unknown } = decoded;
  const applied = events.length + unknown.length;
  if (logs.length < applied) return undefined;
  let [e, u] = [0, 0];
  for (let i = 0; i < applied; i++) {
    const log = logs[i];
    const [event, other] = [events[e], unknown[u]];
    if (
      event?.block === log.blockNumber &&
      event.logIndex === log.index &&
      event.txHash === log.transactionHash &&
      event.address === log.address
    ) {
      e++;
    } else if (
      other?.blockNumber === log.blockNumber &&
      other.index === log.index &&
      other.transactionHash === log.transactionHash &&
      other.address === log.address
    ) {
      u++;
    } else {
      return undefined;
    }
  }
  return logs.slice(applied);
}
