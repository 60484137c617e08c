import type { NetworkManager } from "hardhat/types/network";
import { BASELINES, measureOzGovernor, measurePushPayout, PUSH_CHAIN, type Baseline } from "./baselines.ts";
import type { Progress } from "./chain.ts";
import { DISCO_OPS, measureDisCO, type DisCOOp } from "./disco.ts";

/** The sizes `npm run bench` measures unless `--sizes` says otherwise: DESIGN.md's performance targets. */
export const DEFAULT_SIZES = [10, 100, 1_000, 10_000];

/** Gas by size: `{ "10": 53884, "100": 53884 }`, as the `--json` output writes it. */
export type BySize = Record<string, number>;

/** The benchmark's gas figures, in the shape of the `--json` output. */
export interface GasResults {
  sizes: number[];
  ops: Record<DisCOOp, BySize>;
  baselines: Record<Baseline, BySize>;
}

/**
 * Measures every size on fresh in-process chains: one for the DisCO, one for the stock OpenZeppelin governor, and
 * one with lifted gas limits for the push payout (see PUSH_CHAIN). Each chain is closed once measured.
 */
export async function measureGas(network: NetworkManager, sizes: number[], progress: Progress): Promise<GasResults> {
  const ops = Object.fromEntries(DISCO_OPS.map((op) => [op, {}])) as GasResults["ops"];
  const baselines = Object.fromEntries(BASELINES.map((name) => [name, {}])) as GasResults["baselines"];
  for (const size of sizes) {
    const say = (message: string) => progress(`${size} members: ${message}`);
    const disco = await network.connect();
    const { gas, targets } = await measureDisCO(disco, size, say);
    await disco.close();
    for (const op of DISCO_OPS) ops[op][size] = gas[op];

    const oz = await network.connect();
    const { ozCastVote, ozPropose } = await measureOzGovernor(oz, size, targets, say);
    await oz.close();
    const push = await network.connect(PUSH_CHAIN);
    const pushPayout = await measurePushPayout(push, size, say);
    await push.close();
    baselines.ozCastVote[size] = ozCastVote;
    baselines.ozPropose[size] = ozPropose;
    baselines.pushPayout[size] = pushPayout;
  }
  return { sizes, ops, baselines };
}

/** The DisCO's figures at one size only, for the snapshot check: no baselines. */
export async function measureDisCOAt(network: NetworkManager, size: number, progress: Progress) {
  const connection = await network.connect();
  const { gas } = await measureDisCO(connection, size, progress);
  await connection.close();
  return gas;
}
