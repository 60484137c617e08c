/**
 * The log decoder against viem's on types the DisCO's own events do not use yet (test/history/decode.ts holds the two
 * together on every recorded log of the demo): signed and narrow integers, short fixed bytes, fixed arrays of dynamic
 * values, nested structs, empty strings and bytes; and logs cut short, which are refused rather than guessed.
 */
import {
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  getAddress,
  type AbiEvent,
  type AbiParameter,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { eventDecoder } from "../src/history/decode.ts";

const event = {
  type: "event",
  name: "Everything",
  inputs: [
    { name: "who", type: "address", indexed: true },
    { name: "delta", type: "int24", indexed: true },
    { name: "tag", type: "string", indexed: true },
    { name: "small", type: "int8", indexed: false },
    { name: "big", type: "int256", indexed: false },
    { name: "narrow", type: "uint16", indexed: false },
    { name: "wide", type: "uint64", indexed: false },
    { name: "flag", type: "bool", indexed: false },
    { name: "one", type: "bytes1", indexed: false },
    { name: "pair", type: "string[2]", indexed: false },
    {
      name: "deals",
      type: "tuple[]",
      indexed: false,
      components: [
        {
          name: "inner",
          type: "tuple",
          components: [
            { name: "kind", type: "uint8" },
            { name: "note", type: "string" },
          ],
        },
        { name: "blob", type: "bytes" },
      ],
    },
    { name: "empty", type: "string", indexed: false },
    { name: "nothing", type: "bytes", indexed: false },
  ],
} as const satisfies AbiEvent;

const args = {
  who: getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"),
  delta: -8_388_608,
  tag: "invoice",
  small: -128,
  big: -(2n ** 255n),
  narrow: 65_535,
  wide: 2n ** 64n - 1n,
  flag: true,
  one: "0xff",
  pair: ["", "dos"],
  deals: [
    { inner: { kind: 7, note: "a note, with ünicode" }, blob: "0x0102" },
    { inner: { kind: 0, note: "" }, blob: "0x" },
  ],
  empty: "",
  nothing: "0x",
} as const;

const dataInputs = event.inputs.filter((input) => !input.indexed) as readonly AbiParameter[];
const topics = encodeEventTopics({ abi: [event], eventName: "Everything", args }) as Hex[];
const data = encodeAbiParameters(
  dataInputs,
  dataInputs.map((input) => args[input.name as keyof typeof args]),
);
const decode = eventDecoder(event, getAddress).decode;

/** Whether a log is refused: no arguments (the decoder's answer for a short head) or an error (a short tail). */
function refused(logTopics: readonly Hex[], logData: Hex): boolean {
  try {
    return decode(logTopics, logData) === undefined;
  } catch {
    return true;
  }
}

describe("the log decoder against viem's", () => {
  it("gives viem's values for signed, narrow and wide integers, short bytes, fixed arrays of strings and nested structs", () => {
    const ours = decode(topics, data);
    const viems = decodeEventLog({ abi: [event], topics: topics as [Hex, ...Hex[]], data }).args;
    expect(ours).toEqual(viems);
    expect(ours).toMatchObject({ small: -128, delta: -8_388_608, big: -(2n ** 255n), pair: ["", "dos"] });
  });

  it("refuses data cut short, anywhere in a tail, instead of reading empty values", () => {
    for (const keep of [data.length - 2, data.length - 64, data.length - 130, 2 + 64 * 3]) {
      expect(refused(topics, data.slice(0, keep) as Hex), `data cut at ${keep} of ${data.length}`).toBe(true);
    }
  });

  it("refuses a length that points past the data", () => {
    // The "empty" string's length word is the data's second-to-last word: claim 2^40 bytes.
    const at = data.length - 128;
    const huge = `${data.slice(0, at)}${(2n ** 40n).toString(16).padStart(64, "0")}${data.slice(at + 64)}` as Hex;
    expect(refused(topics, huge)).toBe(true);
  });

  it("refuses topics that don't match the event's indexed inputs", () => {
    expect(refused(topics.slice(0, 2), data)).toBe(true);
    expect(refused(topics, data)).toBe(false);
  });
});
