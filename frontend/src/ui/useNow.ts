/**
 * Clocks that re-render every second, for countdowns: the device's, and the chain's (its latest block's time moved
 * on by the seconds since that block arrived). On the local chain the clock is moved ahead (Skip ahead, the tests),
 * so the device's clock would lie about the chain's.
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

/** The chain's time in seconds (chainTime), ticking every second; undefined until the latest block is read. */
export function useChainNow(): bigint | undefined {
  const { data: block } = useBlock({ watch: true });
  const [seen, setSeen] = useState<{ number: bigint; timestamp: bigint; seenAt: number }>();
  // When a block was first seen, not when it was last polled: the estimate moves on from its arrival.
  useEffect(() => {
    if (block && block.number !== null && block.number !== seen?.number) {
      setSeen({ number: block.number, timestamp: block.timestamp, seenAt: Date.now() });
    }
  }, [block, seen?.number]);
  return chainTime(seen, useNow());
}
