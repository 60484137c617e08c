/**
 * The chain's clock for countdowns: the latest block (watched), and its timestamp moved on by the seconds since it
 * arrived. Not the laptop's clock: the local chain's clock is moved forward by tests and the demo.
 */
import { useEffect, useState } from "react";
import { useBlock } from "wagmi";
import { chainNow } from "./lifecycle.ts";

export function useChainClock(): { blockNumber: bigint | undefined; now: bigint | undefined } {
  const { data: block } = useBlock({ watch: true });
  const [seen, setSeen] = useState<{ number: bigint; timestamp: bigint; at: number }>();
  const [tick, setTick] = useState(() => Date.now());

  useEffect(() => {
    if (block && block.number !== null && block.number !== seen?.number) {
      setSeen({ number: block.number, timestamp: block.timestamp, at: Date.now() });
    }
  }, [block, seen?.number]);

  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  return {
    blockNumber: seen?.number,
    now: seen ? chainNow(seen.timestamp, seen.at, Math.max(tick, seen.at)) : undefined,
  };
}

/** Calls `refetch` whenever a new block arrives, so contract reads follow the chain block by block. */
export function useRefetchOnBlock(refetch: () => unknown, blockNumber: bigint | undefined): void {
  useEffect(() => {
    if (blockNumber !== undefined) void refetch();
  }, [blockNumber, refetch]);
}
