import { expect } from "chai";
import { deploymentBlock, type CodeReader } from "../../scripts/lib/deployments.ts";

/** A chain where the contract's code appears at block `deployedAt`, counting every lookup. */
function chain(deployedAt: number) {
  const reader: CodeReader & { calls: number } = {
    calls: 0,
    async getCode(_address: string, block: number) {
      reader.calls += 1;
      return block >= deployedAt ? "0x6080" : "0x";
    },
  };
  return reader;
}

describe("deploymentBlock", () => {
  for (const deployedAt of [0, 1, 7, 999_999, 1_000_000]) {
    it(`finds code first appearing at block ${deployedAt} in a logarithmic number of lookups`, async () => {
      const reader = chain(deployedAt);
      expect(await deploymentBlock(reader, "0xabc", 0, 1_000_000)).to.equal(deployedAt);
      expect(reader.calls).to.be.at.most(22);
    });
  }

  it("reverts when there is no code at the end of the range", async () => {
    const failure = await deploymentBlock(chain(50), "0xabc", 0, 49).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).to.match(/No code at 0xabc by block 49/);
  });
});
