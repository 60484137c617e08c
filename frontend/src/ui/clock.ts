/**
 * Clocks that re-render every second, for countdowns: the device's, and the chain's (its latest block's time moved
 * on by the seconds since that block arrived). Not the device's clock for the chain's: on the local chain the clock
 * is moved ahead (Skip ahead, the tests), and any chain's clock drifts from a laptop's.
 */
import { useEffect, useState } from "react";
import { useBlock } from "wagmi";

/** The device's time in milliseconds, updated every `everyMs`. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The chain's time in seconds, estimated between blocks from the latest one; undefined until it is read. */
export function chainTime(block: { timestamp: bigint; seenAt: number } | undefined, nowMs: number) {
  if (block === undefined) return undefined;
  return block.timestamp + BigInt(Math.max(0, Math.floor((nowMs - block.seenAt) / 1_000)));
}

/** The latest block (watched) and the chain's time in seconds (chainTime), ticking every second. */
export function useChainClock(): { blockNumber: bigint | undefined; now: bigint | undefined } {
  const { data: block } = useBlock({ watch: true });
  const [seen, setSeen] = useState<{ number: bigint; timestamp: bigint; seenAt: number }>();
  // When a block was first seen, not when it was last polled: the estimate moves on from its arrival.
  useEffect(() => {
    if (block && block.number !== null && block.number !== seen?.number) {
      setSeen({ number: block.number, timestamp: block.timestamp, seenAt: Date.now() });
    }
  }, [block, seen?.number]);
  return { blockNumber: seen?.number, now: chainTime(seen, useNow()) };
}

/** Calls `refetch` whenever a new block arrives, so contract reads follow the chain block by block. */
export function useRefetchOnBlock(refetch: () => unknown, blockNumber: bigint | undefined): void {
  useEffect(() => {
    if (blockNumber !== undefined) void refetch();
  }, [blockNumber, refetch]);
}
