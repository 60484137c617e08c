/**
 * The CLI and the audit check the chain before they read it: a chain that does not answer is named with how to start
 * it, and a chain that is not the deployment's (a fresh local chain, whose contracts sit at the same addresses) is
 * refused instead of read silently.
 */
import { expect } from "chai";
import { checkDeploymentChain, connectNetwork, withoutSecrets } from "../../scripts/cli/network.ts";
import { ChainError } from "../../scripts/cli/context.ts";
import { freePort } from "../../scripts/lib/processes.ts";
import { connection, deployDisCO } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";

const { loadFixture } = connection.networkHelpers;
const onChain = { client: publicClient(connection), url: "http://in-process" };

async function refusal(check: Promise<void>): Promise<ChainError> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(ChainError);
  return error as ChainError;
}

describe("withoutSecrets", () => {
  it("keeps a configured URL's origin only, where providers put no key", () => {
    expect(withoutSecrets("https://eth-sepolia.g.alchemy.com/v2/s3cr3tk3y")).to.equal(
      "https://eth-sepolia.g.alchemy.com/…",
    );
    expect(withoutSecrets("https://rpc.example/?apikey=s3cr3t")).to.equal("https://rpc.example/…");
    expect(withoutSecrets("https://user:pass@rpc.example")).to.equal("https://rpc.example/…");
    expect(withoutSecrets("https://sepolia.base.org")).to.equal("https://sepolia.base.org");
    expect(withoutSecrets("not a url s3cr3t")).to.equal("the configured URL");
  });
});

describe("the chain a command reads", () => {
  it("records the deployment's first block hash, and accepts the chain that has it", async () => {
    const { deployment } = await loadFixture(deployDisCO);
    const block = await onChain.client.getBlock({ blockNumber: BigInt(deployment.startBlock) });
    expect(deployment.startBlockHash).to.equal(block.hash);
    await checkDeploymentChain(onChain, deployment);
  });

  it("refuses another chain with the same addresses: its first block differs", async () => {
    const { deployment } = await loadFixture(deployDisCO);
    const other = { ...deployment, startBlockHash: `0x${"ab".repeat(32)}` };
    const error = await refusal(checkDeploymentChain(onChain, other));
    expect(error.message).to.match(
      new RegExp(`not the one deployments/${deployment.network}\\.json describes: its block ${deployment.startBlock}`),
    );
    expect(error.message).to.match(/A local chain starts empty each time.*npm start/);
  });

  it("checks a deployment recorded without the hash by the governor's code", async () => {
    const { deployment } = await loadFixture(deployDisCO);
    const { startBlockHash: _, ...older } = deployment;
    await checkDeploymentChain(onChain, older);
    const elsewhere = {
      ...older,
      contracts: { ...older.contracts, governor: { address: `0x${"12".repeat(20)}`, blockNumber: 1 } },
    };
    expect((await refusal(checkDeploymentChain(onChain, elsewhere))).message).to.match(
      /has no DisCO governor at 0x1212/,
    );
  });

  it("refuses a chain of another chain id", async () => {
    const { deployment } = await loadFixture(deployDisCO);
    const error = await refusal(checkDeploymentChain(onChain, { ...deployment, chainId: 11155111 }));
    expect(error.message).to.match(/has chain id 31337, but .* describes a DisCO on chain 11155111/);
  });

  it("says where it looked and how to start the local chain when nothing answers", async () => {
    const { deployment } = await loadFixture(deployDisCO);
    const url = `http://127.0.0.1:${await freePort()}`;
    const chain = await connectNetwork("localhost", url);
    try {
      const error = await refusal(checkDeploymentChain(chain, deployment, "localhost"));
      expect(error.message).to.contain(`No chain answers at ${url} (network localhost)`);
      expect(error.message).to.match(/ECONNREFUSED|refused/);
      expect(error.message).to.match(/npm start.*DISCO_PORT/s);
    } finally {
      await chain.close();
    }
  });
});
