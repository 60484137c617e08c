/** What every domain's fold shares: the state being folded, where an event is, and the error of an impossible one. */
import type { DecodedEvent } from "../decode.ts";
import type { HistoryState } from "./state.ts";

/** Where an event is in the chain. */
export interface Place {
  block: number;
  logIndex: number;
  txHash: string;
}

/** A fold in progress: the state so far, and what the folds need to go on from it. */
export interface FoldContext {
  state: HistoryState;
  /** The treasury (lowercase), which tells the token's transfers in from those out. */
  treasury: string;
  /** The first entry id logged in the open period: entries are logged only there, so its entries follow it. */
  firstOpenEntry: bigint;
}

/** An error naming the event that the contracts could not have emitted. */
export const impossible = (e: DecodedEvent, why: string) =>
  new Error(`Impossible history at block ${e.block}, log ${e.logIndex} (${e.contract}.${e.name}): ${why}`);

export const place = (e: DecodedEvent): Place => ({ block: e.block, logIndex: e.logIndex, txHash: e.txHash });

export const lower = (address: string) => address.toLowerCase();

export function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const value = map.get(key);
  if (value !== undefined) return value;
  const made = make();
  map.set(key, made);
  return made;
}

export function nested<V>(outer: Map<string, Map<number, V>>, key: string, inner: number, make: () => V): V {
  return getOrMake(
    getOrMake(outer, key, () => new Map<number, V>()),
    inner,
    make,
  );
}
