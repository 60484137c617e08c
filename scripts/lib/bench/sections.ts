import type { NetworkManager } from "hardhat/types/network";
import { AUDIT_SPEED } from "./audit-speed.ts";
import type { Progress } from "./chain.ts";
import { CREDIT } from "./credit.ts";
import { CREDIT_PATHS } from "./credit-paths.ts";
import { FEDERATION } from "./federation.ts";
import { FEDERATION_VERIFY } from "./federation-verify.ts";
import { REPLICATION } from "./replication.ts";

/** What a section of the benchmark is given. */
export interface BenchContext {
  network: NetworkManager;
  /** The member counts of this run (`--sizes`); a section that does not scale with members may ignore them. */
  sizes: number[];
  progress: Progress;
}

/** What a section gives back: its part of the printed report, and its keys of the `--json` object. */
export interface SectionOutput {
  text: string;
  json: Record<string, unknown>;
}

export interface BenchSection {
  /** Named in the progress lines. */
  name: string;
  run(context: BenchContext): Promise<SectionOutput>;
}

/**
 * The sections that follow the gas figures (which every run measures first: they make the `sizes`, `ops` and
 * `baselines` keys of `--json` and feed the gas snapshot). Each one runs in turn, prints its text after the gas
 * report and adds its keys to the JSON object; `npm run bench` needs no other change to carry a new one.
 */
export const SECTIONS: BenchSection[] = [REPLICATION, FEDERATION, CREDIT, CREDIT_PATHS, FEDERATION_VERIFY, AUDIT_SPEED];
