/**
 * Federation and credit network logs for the SDK's tests, encoded by their ABIs as a node would answer them: each event at a
 * block and log index, its block's time from `TIMES`.
 */
import {
  type Abi,
  type AbiEvent,
  encodeAbiParameters,
  encodeEventTopics,
  getAddress,
  numberToHex,
  pad,
  type Address,
  type Hex,
  type Log,
} from "viem";
import { creditAbi, federationAbi } from "../src/generated/abis.ts";

export const FEDERATION: Address = getAddress("0x00000000000000000000000000000000000fed01");

/** A made-up address for `name` (a DisCO's id, a timelock, an auditor, ...). */
export const addressOf = (name: string): Address =>
  getAddress(pad(numberToHex([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2 ** 48, 7)), { size: 20 }));

/** Block `n`'s time: 12 s a block from a day in 2026. */
export const timeOfBlock = (block: number) => 1_796_000_000n + BigInt(block) * 12n;

type EventName = Extract<(typeof federationAbi)[number], { type: "event" }>["name"];
type CreditEventName = Extract<(typeof creditAbi)[number], { type: "event" }>["name"];

/** The log of `abi`'s `eventName` with `args` (every argument named), at `block`, `logIndex`, of `address`. */
export function contractLog(
  abi: Abi,
  eventName: string,
  args: Record<string, unknown>,
  block: number,
  logIndex: number,
  address: Address,
): Log {
  const item = abi.find((i): i is AbiEvent => i.type === "event" && i.name === eventName);
  if (!item) throw new Error(`no event ${eventName}`);
  const topics = encodeEventTopics({ abi, eventName, args } as never) as [Hex, ...Hex[]];
  const data = item.inputs.filter((input) => !input.indexed);
  return {
    address,
    topics,
    data: encodeAbiParameters(
      data,
      data.map((input) => args[input.name as string]),
    ),
    blockNumber: BigInt(block),
    blockHash: pad(numberToHex(block), { size: 32 }),
    logIndex,
    transactionHash: pad(numberToHex(block * 1000 + logIndex), { size: 32 }),
    transactionIndex: logIndex,
    removed: false,
  };
}

/** The Federation's log of `eventName` with `args` (every argument named), at `block`, `logIndex`. */
export const federationLog = (
  eventName: EventName,
  args: Record<string, unknown>,
  block: number,
  logIndex: number,
  address: Address = FEDERATION,
): Log => contractLog(federationAbi, eventName, args, block, logIndex, address);

export const CREDIT: Address = getAddress("0x00000000000000000000000000000000000c4ed1");

/** The credit network's log of `eventName` with `args` (every argument named), at `block`, `logIndex`. */
export const creditLog = (
  eventName: CreditEventName,
  args: Record<string, unknown>,
  block: number,
  logIndex: number,
  address: Address = CREDIT,
): Log => contractLog(creditAbi, eventName, args, block, logIndex, address);

/** The times of the blocks of `logs`. */
export const timesOf = (logs: readonly Log[]) =>
  new Map(logs.map((log) => [Number(log.blockNumber), timeOfBlock(Number(log.blockNumber))]));
