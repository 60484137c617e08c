import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { ROOT } from "../../scripts/lib/deployments.ts";
import {
  checkParameters,
  DEMO_PARAMETERS,
  deployDisCO,
  DeployParametersError,
  isLocalNetwork,
  LOCAL_NETWORKS,
  type DisCOParameters,
} from "../../scripts/lib/deploy.ts";
import { connection } from "../helpers/disco.ts";

const CURRENCY = "0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238";
const withoutCommitted: DisCOParameters = {
  ...DEMO_PARAMETERS,
  founders: DEMO_PARAMETERS.founders.map((f) => ({
    ...f,
    stage: f.stage === Stage.Committed ? Stage.Dating3 : f.stage,
  })),
};

describe("deploy checks", () => {
  it("refuses a live network without a currency, naming the faucet token it would have deployed", () => {
    for (const network of ["sepolia", "baseSepolia", "mainnet"]) {
      expect(() => checkParameters(network, DEMO_PARAMETERS)).to.throw(
        DeployParametersError,
        new RegExp(
          `No "currency" in the parameters for ${network}: .*DemoEuro, whose public faucet lets anyone mint it`,
        ),
      );
      expect(() => checkParameters(network, { ...DEMO_PARAMETERS, currency: CURRENCY })).to.not.throw();
    }
    // The local chains may use the demo currency.
    for (const network of LOCAL_NETWORKS) expect(() => checkParameters(network, DEMO_PARAMETERS)).to.not.throw();
  });

  it("refuses founders without a Committed member, on every network", () => {
    for (const network of ["hardhat", "sepolia"]) {
      expect(() => checkParameters(network, { ...withoutCommitted, currency: CURRENCY })).to.throw(
        DeployParametersError,
        /No Committed founder among the 7 founders: at least one must have "stage": 5 \(Committed\).*FactoryNoCommittedFounder/,
      );
    }
    expect(() => checkParameters("hardhat", { ...DEMO_PARAMETERS, founders: [] })).to.throw(/"founders" is empty/);
  });

  it("deploys nothing on a live network without a currency: no DemoEuro, no DisCO", async () => {
    const { ethers } = connection;
    const before = await ethers.provider.getBlockNumber();
    // The in-process chain, as a live network would present itself.
    const live = {
      ...connection,
      networkName: "sepolia",
      networkConfig: { ...connection.networkConfig, type: "http" },
    };
    expect(isLocalNetwork(connection)).to.equal(true);
    expect(isLocalNetwork(live as typeof connection)).to.equal(false);
    let refused: unknown;
    try {
      await deployDisCO(live as typeof connection, DEMO_PARAMETERS);
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(DeployParametersError);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("makes the deploy script say so and stop before it sends anything", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "disco-deploy-"));
    const parameters = join(dir, "founders.json");
    writeFileSync(parameters, JSON.stringify({ DisCO: withoutCommitted }));
    // Nothing listens on this port: the script must stop before it talks to the chain.
    const env = { ...process.env, DISCO_PARAMETERS: parameters, DISCO_RPC_URL: "http://127.0.0.1:1" };
    const result = spawnSync(
      join(ROOT, "node_modules", ".bin", "hardhat"),
      ["run", "--no-compile", "scripts/deploy.ts", "--network", "localhost"],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    expect(result.status, result.stdout).to.equal(1);
    expect(result.stderr).to.include(`Refusing to deploy DisCO with ${parameters}:`);
    expect(result.stderr).to.include("No Committed founder among the 7 founders");
  });
});
