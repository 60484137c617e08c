/**
 * Hardhat build hooks: a build's compilation jobs (the governor's viaIR one beside the rest) use every core, and the
 * SDK's ABIs are regenerated after every successful build (./abis.ts).
 */
import { availableParallelism } from "node:os";
import type { SolidityHooks } from "hardhat/types/hooks";
import { generateAbis } from "./abis.ts";

export default async (): Promise<Partial<SolidityHooks>> => ({
  // Hardhat runs one solc process fewer than the machine has cores (on two cores, one at a time); each job is a
  // solc-js process of its own that waits on nothing, so the governor's job compiles beside the rest's.
  async build(context, rootFilePaths, options, next) {
    return next(context, rootFilePaths, { concurrency: availableParallelism(), ...options });
  },
  async processArtifactsAfterSuccessfulBuild(context) {
    generateAbis(context.config.paths.artifacts);
  },
});
