import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { deployDisCO, type DisCOParameters } from "../../scripts/lib/deploy.ts";
import { DEMO_PEOPLE } from "../../scripts/lib/demo.ts";
import { ROOT } from "../../scripts/lib/deployments.ts";
import { PROPOSAL_STATES } from "../../scripts/lib/governance.ts";
import { seedDemo } from "../../scripts/lib/seed.ts";
import { connection } from "../helpers/disco.ts";

const parameters = (
  JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "localhost.json"), "utf8")) as {
    DisCO: DisCOParameters;
  }
).DisCO;

async function seededDemo() {
  const { membership, governor, deployment } = await deployDisCO(connection, parameters);
  const signers = await connection.ethers.getSigners();
  const proposals = await seedDemo(membership, governor, signers, connection.networkHelpers.time);
  return { membership, governor, deployment, signers, proposals };
}

describe("seeded demo DisCO", () => {
  it("founds the DisCO with Hardhat's dev accounts, named as the demo names them", async () => {
    const { signers } = await connection.networkHelpers.loadFixture(seededDemo);
    const byName = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index].address;
    expect(parameters.founders.map((f) => f.account)).to.deep.equal(
      ["Alice", "Bob", "Carla", "Dara", "Eli", "Fran"].map(byName),
    );
  });

  it("has at least six members across stages and constituencies", async () => {
    const { membership, signers } = await connection.networkHelpers.loadFixture(seededDemo);
    expect(await membership.memberCount()).to.equal(7n);
    const records = await Promise.all(signers.slice(1, 8).map((s) => membership.memberOf(s.address)));
    expect(new Set(records.map((r) => Number(r.stage)))).to.deep.equal(
      new Set([Stage.Committed, Stage.Dating2, Stage.Casual, Stage.Dating1]),
    );
    expect(new Set(records.map((r) => Number(r.constituency))).size).to.be.at.least(4);
  });

  it("has one finished vote that admitted Gus, one blocked consent proposal and one open proposal", async () => {
    const { membership, governor, signers, proposals } = await connection.networkHelpers.loadFixture(seededDemo);
    const state = async (id: bigint) => PROPOSAL_STATES[Number(await governor.state(id))];
    expect(await state(proposals.admitted)).to.equal("Executed");
    expect((await membership.memberOf(signers[7].address)).stage).to.equal(BigInt(Stage.Dating1));
    expect(await state(proposals.blocked)).to.equal("Defeated");
    expect((await governor.proposalTally(proposals.blocked)).blockVotes).to.equal(1n);
    expect(await state(proposals.open)).to.equal("Active");
    const open = await governor.proposalTally(proposals.open);
    expect([open.forVotes, open.advisoryFor]).to.deep.equal([2n, 1n]);
    expect(await governor.hasVoted(proposals.open, signers[2].address)).to.equal(true);
  });

  it("describes its deployment in the format other tools read", async () => {
    const { deployment, governor, membership } = await connection.networkHelpers.loadFixture(seededDemo);
    expect(Object.keys(deployment).sort()).to.deep.equal(["chainId", "contracts", "network", "startBlock"]);
    expect(deployment.chainId).to.equal(31337);
    expect(deployment.contracts.governor.address).to.equal(await governor.getAddress());
    expect(deployment.contracts.membership.address).to.equal(await membership.getAddress());
    for (const { address, blockNumber } of Object.values(deployment.contracts)) {
      expect(await connection.ethers.provider.getCode(address, blockNumber)).to.not.equal("0x");
      expect(await connection.ethers.provider.getCode(address, blockNumber - 1)).to.equal("0x");
      expect(blockNumber).to.be.at.least(deployment.startBlock);
    }
  });
});
