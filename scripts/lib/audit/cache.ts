/** Where the audit keeps what it read between runs: Node only. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Deployment } from "../deployments.ts";

/**
 * The cache key of a DisCO's history: the hash of its start block tells a restarted local chain (the same addresses,
 * another history) apart.
 */
export const historyCacheKey = (
  deployment: Pick<Deployment, "chainId" | "contracts">,
  startBlockHash: string,
): string =>
  `audit-${deployment.chainId}-${deployment.contracts.governor.address.toLowerCase()}-${startBlockHash.slice(2, 18)}`;

/** Block times kept beside the logs' cache: blocks don't change their time. */
export function blockTimesFile(dir: string, key: string) {
  const path = join(dir, `${key}-block-times.json`);
  return {
    load(): Map<number, bigint> {
      try {
        const saved = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
        return new Map(Object.entries(saved).map(([block, time]) => [Number(block), BigInt(time)]));
      } catch {
        return new Map();
      }
    },
    save(times: ReadonlyMap<number, bigint>) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, JSON.stringify(Object.fromEntries([...times].map(([b, t]) => [b, t.toString()]))));
    },
  };
}
