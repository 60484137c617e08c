/**
 * Credit networks for the SDK's tests, folded from events decoded as parseEventLogs gives them (quick to make by the
 * hundred): lines, and debts made as direct payments.
 */
import { pad, numberToHex, zeroHash, type Address } from "viem";
import { foldCredit, type CreditEvent, type CreditState } from "../src/credit/index.ts";
import { CREDIT, FEDERATION, timeOfBlock } from "./federation-logs.ts";

type Name = CreditEvent["eventName"];

/** The decoded event `eventName` with `args`, at `block`, `logIndex`, with its block's time. */
export const creditEvent = <N extends Name>(
  eventName: N,
  args: Extract<CreditEvent, { eventName: N }>["args"],
  block: number,
  logIndex = 0,
): CreditEvent =>
  ({
    address: CREDIT,
    eventName,
    args,
    blockNumber: BigInt(block),
    blockHash: pad(numberToHex(block), { size: 32 }),
    blockTimestamp: timeOfBlock(block),
    logIndex,
    transactionHash: pad(numberToHex(block * 1000 + logIndex), { size: 32 }),
    transactionIndex: logIndex,
    removed: false,
    data: "0x",
    topics: [],
  }) as unknown as CreditEvent;

export interface NetworkSpec {
  /** Giver, receiver, limit, frozen. */
  lines?: [Address, Address, bigint, boolean?][];
  /** Debtor, creditor, amount: a direct payment that made the debt. */
  debts?: [Address, Address, bigint][];
  maxHops?: number;
}

/** The network of `spec`: founded in block 1, its lines set in block 2, its debts made in block 3. */
export function creditNetwork({ lines = [], debts = [], maxHops = 4 }: NetworkSpec): CreditState {
  const events = [creditEvent("CreditNetworkFounded", { federation: FEDERATION, maxHops, memberAccounts: false }, 1)];
  lines.forEach(([giver, receiver, limit, frozen], i) => {
    events.push(creditEvent("CreditLineSet", { giver, receiver, limit, by: giver }, 2, 2 * i));
    if (frozen) events.push(creditEvent("CreditLineFrozen", { giver, receiver, frozen, by: giver }, 2, 2 * i + 1));
  });
  debts.forEach(([payer, payee, amount], i) => {
    const args = { payer, payee, amount, paymentRef: zeroHash, path: [payer, payee], by: payer };
    events.push(creditEvent("CreditPaid", args, 3, i));
  });
  return foldCredit(events, CREDIT);
}
