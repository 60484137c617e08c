/**
 * Raw logs into events typed by contract and event name, by the contracts' generated ABIs. Browser-safe.
 *
 * Each event's decoder is compiled once from its ABI item and found by topic0, so a log costs a map lookup and the
 * reads of its own fields. The words are read straight from the hex text, giving the values viem's decodeEventLog
 * gives (integers of up to 48 bits as numbers, wider ones as bigints, checksummed addresses, structs as objects);
 * test/history/decode.ts holds the two to the same answers on every recorded log. viem's own decoder costs 12-24 µs
 * a log (it hashes every ABI item's signature per call and copies the data into bytes), several times the time the
 * log took to fetch.
 */
import { discoAbis } from "../generated/abis.ts";
import {
  getAddress,
  hexToString,
  toEventSelector,
  type AbiEvent,
  type AbiParameter,
  type ContractEventArgsFromTopics,
  type ContractEventName,
} from "viem";
import type { RawLog } from "./fetch.ts";

/** The deployment's contracts whose events are decoded; `token` logs are the treasury's transfers. */
export const CONTRACT_NAMES = [
  "membership",
  "ledger",
  "treasury",
  "capital",
  "audit",
  "governor",
  "timelock",
  "token",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

type Abis = typeof discoAbis;

/** The names of a contract's events. */
export type EventName<C extends ContractName> = ContractEventName<Abis[C]>;

/** A contract's event's arguments, as viem types them from the ABI. */
export type EventArgs<C extends ContractName, N extends EventName<C>> = ContractEventArgsFromTopics<Abis[C], N>;

type EventsOf<C extends ContractName, N extends EventName<C> = EventName<C>> = N extends unknown
  ? {
      block: number;
      logIndex: number;
      txHash: string;
      contract: C;
      address: string;
      name: N;
      args: EventArgs<C, N>;
    }
  : never;

/**
 * One decoded event, with its place in the chain: a union over every contract and event, so that a switch on
 * `contract` and `name` types `args`. `DecodedEvent<"ledger">` is the ledger's events only.
 */
export type DecodedEvent<C extends ContractName = ContractName> = C extends unknown ? EventsOf<C> : never;

/** Any event argument as plain data: integers as bigint or number, addresses and bytes as hex, structs as objects. */
export type PlainValue =
  bigint | number | string | boolean | readonly PlainValue[] | { readonly [key: string]: PlainValue };

/** Decoded events in chain order, and the logs that no known contract or event matches (kept, not dropped). */
export interface DecodedHistory {
  events: DecodedEvent[];
  unknown: RawLog[];
}

/** Reads one value whose head starts at character `at` of the hex text (`0x` included, so the data starts at 2). */
type Reader = (hex: string, at: number) => unknown;

const WORD = 64;

/** Throws unless the data's hex text reaches character `end`: a log cut short is not decoded by guesswork. */
function reach(hex: string, end: number): void {
  if (!(end <= hex.length)) throw new RangeError(`The data ends before character ${end}`);
}

/** A small integer (an offset or a length) from the word at `at`: its low 48 bits. */
const small = (hex: string, at: number) => {
  reach(hex, at + WORD);
  return Number.parseInt(hex.slice(at + WORD - 12, at + WORD), 16);
};

/** Whether a parameter's encoding lives in the tail (offset in the head) rather than in the head itself. */
function isDynamic(param: AbiParameter): boolean {
  if (param.type === "string" || param.type === "bytes" || param.type.endsWith("[]")) return true;
  const fixed = /^(.*)\[(\d+)\]$/.exec(param.type);
  if (fixed) return isDynamic({ ...param, type: fixed[1] });
  if (param.type === "tuple") return components(param).some(isDynamic);
  return false;
}

/** The words a static parameter takes in the head. */
function headWords(param: AbiParameter): number {
  if (isDynamic(param)) return 1;
  const fixed = /^(.*)\[(\d+)\]$/.exec(param.type);
  if (fixed) return Number(fixed[2]) * headWords({ ...param, type: fixed[1] });
  if (param.type === "tuple") return components(param).reduce((sum, c) => sum + headWords(c), 0);
  return 1;
}

const components = (param: AbiParameter): readonly AbiParameter[] =>
  "components" in param ? param.components : ([] as const);

export type Checksum = (address: string) => string;

/** Reads a list of parameters encoded as a tuple starting at `start`: their values in order. */
function sequenceReader(
  params: readonly AbiParameter[],
  checksum: Checksum,
): (hex: string, start: number) => unknown[] {
  const parts = params.map((param) => ({
    dynamic: isDynamic(param),
    words: headWords(param),
    read: reader(param, checksum),
  }));
  return (hex, start) => {
    const values = new Array<unknown>(parts.length);
    let at = start;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      values[i] = part.dynamic ? part.read(hex, start + 2 * small(hex, at)) : part.read(hex, at);
      at += WORD * part.words;
    }
    return values;
  };
}

/** A reader of one ABI value, built once per parameter, that refuses to read past the data. */
function reader(param: AbiParameter, checksum: Checksum): Reader {
  const read = unchecked(param, checksum);
  return (hex, at) => {
    reach(hex, at + WORD);
    return read(hex, at);
  };
}

function unchecked(param: AbiParameter, checksum: Checksum): Reader {
  const { type } = param;
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const item = { ...param, type: array[1] };
    const read = reader(item, checksum);
    const dynamic = isDynamic(item);
    const step = WORD * headWords(item);
    // Its items are encoded as a tuple from `base`: each in its head slot, or at the offset there.
    const items = (hex: string, base: number, length: number) =>
      Array.from({ length }, (_, i) => {
        const head = base + i * step;
        return dynamic ? read(hex, base + 2 * small(hex, head)) : read(hex, head);
      });
    if (array[2] === "") {
      return (hex, at) => {
        const length = small(hex, at);
        reach(hex, at + WORD + length * step);
        return items(hex, at + WORD, length);
      };
    }
    const length = Number(array[2]);
    return (hex, at) => items(hex, at, length);
  }
  if (type === "tuple") {
    const fields = components(param);
    const read = sequenceReader(fields, checksum);
    // viem gives a struct whose fields all have names as an object, any other as an array.
    if (fields.some((f) => !f.name)) return read;
    return (hex, at) => {
      const values = read(hex, at);
      return Object.fromEntries(fields.map((f, i) => [f.name, values[i]]));
    };
  }
  if (type === "address") return (hex, at) => checksum(`0x${hex.slice(at + 24, at + WORD)}`);
  if (type === "bool") return (hex, at) => hex.charCodeAt(at + WORD - 1) !== 48;
  const tail = (hex: string, at: number) => {
    const end = at + WORD + 2 * small(hex, at);
    reach(hex, end);
    return hex.slice(at + WORD, end);
  };
  if (type === "string") return (hex, at) => hexToString(`0x${tail(hex, at)}`);
  if (type === "bytes") return (hex, at) => `0x${tail(hex, at)}`;
  const bytes = /^bytes(\d+)$/.exec(type);
  if (bytes) return (hex, at) => `0x${hex.slice(at, at + 2 * Number(bytes[1]))}`;
  const integer = /^(u?)int(\d*)$/.exec(type);
  if (integer) {
    const bits = Number(integer[2] || 256);
    const digits = bits / 4;
    if (integer[1] === "u") {
      return bits <= 48
        ? (hex, at) => Number.parseInt(hex.slice(at + WORD - digits, at + WORD), 16)
        : (hex, at) => BigInt(`0x${hex.slice(at + WORD - digits, at + WORD)}`);
    }
    const signed = (hex: string, at: number) => BigInt.asIntN(bits, BigInt(`0x${hex.slice(at, at + WORD)}`));
    return bits <= 48 ? (hex, at) => Number(signed(hex, at)) : signed;
  }
  throw new Error(`No decoder for ABI type ${type}`);
}

/** One event's decoder: its name and a function of a log's topics and data to its arguments. */
export interface EventDecoder {
  name: string;
  decode(topics: readonly string[], data: string): Record<string, unknown> | undefined;
}

export function eventDecoder(event: AbiEvent, checksum: Checksum): EventDecoder {
  const { inputs } = event;
  const names = inputs.map((input, i) => input.name || String(i));
  const indexed = inputs.filter((input) => input.indexed);
  const dataInputs = inputs.filter((input) => !input.indexed);
  const readData = sequenceReader(dataInputs, checksum);
  const minData = 2 + WORD * dataInputs.reduce((sum, input) => sum + headWords(input), 0);
  // An indexed string, bytes, array or struct is only its hash in the topic: viem gives the topic itself.
  const topicReaders = indexed.map((input): Reader => (isDynamic(input) ? (topic) => topic : reader(input, checksum)));
  return {
    name: event.name,
    decode(topics, data) {
      if (topics.length !== indexed.length + 1 || data.length < minData) return undefined;
      const values = readData(data, 2);
      const args: Record<string, unknown> = {};
      let topic = 0;
      let value = 0;
      for (let i = 0; i < inputs.length; i++) {
        if (!inputs[i].indexed) args[names[i]] = values[value++];
        else args[names[i]] = topicReaders[topic](topics[1 + topic++], 2);
      }
      return args;
    },
  };
}

/** A decoder of a deployment's logs, which keeps its compiled events and checksummed addresses between calls. */
export type LogDecoder = (logs: readonly RawLog[]) => DecodedHistory;

/**
 * A decoder of the logs of a deployment's contracts, named by `contracts` (name to address). It sorts what it is
 * given in chain order; a log of another address, or one its contract's ABI does not know, goes to `unknown`.
 */
export function createLogDecoder(contracts: Readonly<Record<ContractName, { address: string }>>): LogDecoder {
  const checksums = new Map<string, string>();
  const checksum: Checksum = (address) => {
    const sum = checksums.get(address);
    if (sum !== undefined) return sum;
    const made = getAddress(address);
    checksums.set(address, made);
    return made;
  };
  const byAddress = new Map(
    CONTRACT_NAMES.map((contract) => {
      const events = new Map<string, EventDecoder>();
      for (const item of discoAbis[contract] as readonly { type: string }[]) {
        if (item.type !== "event") continue;
        const event = item as AbiEvent;
        events.set(toEventSelector(event), eventDecoder(event, checksum));
      }
      return [contracts[contract].address.toLowerCase(), { contract, events }] as const;
    }),
  );
  return (logs) => {
    const events: DecodedEvent[] = [];
    const unknown: RawLog[] = [];
    for (const log of logs) {
      const known = byAddress.get(log.address.toLowerCase());
      const decoder = known?.events.get(log.topics[0]);
      let args: Record<string, unknown> | undefined;
      try {
        args = decoder?.decode(log.topics, log.data);
      } catch {
        // Data too short for its lengths and offsets: not a log the contract emitted.
      }
      if (!known || !decoder || !args) {
        unknown.push(log);
        continue;
      }
      events.push({
        block: log.blockNumber,
        logIndex: log.index,
        txHash: log.transactionHash,
        contract: known.contract,
        address: log.address,
        name: decoder.name,
        args,
      } as DecodedEvent);
    }
    // Fetched logs come in chain order; sort only what doesn't.
    const before = (a: DecodedEvent, b: DecodedEvent) => a.block - b.block || a.logIndex - b.logIndex;
    if (events.some((e, i) => i > 0 && before(events[i - 1], e) > 0)) events.sort(before);
    return { events, unknown };
  };
}

/** Decodes the logs of a deployment's contracts once (see createLogDecoder). */
export function decodeLogs(
  logs: readonly RawLog[],
  contracts: Readonly<Record<ContractName, { address: string }>>,
): DecodedHistory {
  return createLogDecoder(contracts)(logs);
}
