/** Hardhat build hook: the SDK's ABIs are regenerated after every successful build (./abis.ts). */
import type { SolidityHooks } from "hardhat/types/hooks";
import { generateAbis } from "./abis.ts";

export default async (): Promise<Partial<SolidityHooks>> => ({
  async processArtifactsAfterSuccessfulBuild(context) {
    generateAbis(context.config.paths.artifacts);
  },
});
