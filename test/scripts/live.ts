/**
 * The live path, as a cooperative takes it (issue 15): a stand-in chain that answers with Sepolia's chain id, and the
 * same commands a cooperative types, with the RPC URL and the deployer's key given as Hardhat configuration variables
 * (SEPOLIA_RPC_URL, SEPOLIA_PRIVATE_KEY). A first deployment fails for want of funds part of the way; the same
 * command, run again once the deployer is funded, resumes from Ignition's journal without redeploying what was done;
 * running it once more sends nothing and leaves the deployments file as it was; the CLI and the audit then read the
 * DisCO through the same network configuration.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { ContractFactory, JsonRpcProvider, parseEther, Wallet, ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { ROOT } from "../../scripts/lib/deployments.ts";
import { freePort, run, startChain, tail, type Chain } from "../../scripts/lib/processes.ts";

const SEPOLIA_CHAIN_ID = 11155111;
const DEPLOYMENT_ID = "live-path-test";
const JOURNAL = join(ROOT, "ignition", "deployments", DEPLOYMENT_ID);

describe("the live path, on a stand-in for Sepolia", function () {
  this.timeout(600_000);
  let chain: Chain;
  let dir: string;
  let provider: JsonRpcProvider;
  const deployer = Wallet.createRandom();
  let env: Record<string, string>;
  const log = () => join(dir, "commands.log");
  const deploymentsFile = () => join(dir, "deployments", "sepolia.json");
  const runHardhat = (args: string[]) => run("hardhat", args, { log: log(), env });
  const runScript = (args: string[]) => run("tsx", args, { log: log(), env });
  // What the first, failed run had deployed, by Ignition future.
  let journaled: Record<string, string> = {};
  const readJournal = () =>
    JSON.parse(readFileSync(join(JOURNAL, "deployed_addresses.json"), "utf8")) as Record<string, string>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "disco-live-"));
    rmSync(JOURNAL, { recursive: true, force: true });
    chain = await startChain(await freePort(), dir, SEPOLIA_CHAIN_ID);
    provider = new JsonRpcProvider(chain.url, undefined, { staticNetwork: true, polling: true, pollingInterval: 100 });
    // The cooperative's stablecoin, already on the network: a DemoEuro deployed by someone else.
    const funder = await provider.getSigner(0);
    const artifact = JSON.parse(
      readFileSync(join(ROOT, "artifacts", "contracts", "treasury", "DemoEuro.sol", "DemoEuro.json"), "utf8"),
    ) as { abi: []; bytecode: string };
    const token = await new ContractFactory(artifact.abi, artifact.bytecode, funder).deploy();
    await token.waitForDeployment();
    const [first, second] = await Promise.all([provider.getSigner(1), provider.getSigner(2)]);
    const founder = (account: string) => ({ account, stage: Stage.Committed, constituency: 0, mentor: ZeroAddress });
    writeFileSync(
      join(dir, "parameters.json"),
      JSON.stringify({
        DisCO: {
          name: "Stand-in Cooperative",
          symbol: "STAND",
          constituencies: ["worker"],
          founders: [founder(first.address), founder(second.address)],
          treasurers: [first.address],
          currency: await token.getAddress(),
        },
      }),
    );
    // Enough for a few of the implementations, not for all of them and the DisCO.
    await (await funder.sendTransaction({ to: deployer.address, value: parseEther("0.004") })).wait();
    env = {
      SEPOLIA_RPC_URL: chain.url,
      SEPOLIA_PRIVATE_KEY: deployer.privateKey,
      DISCO_PARAMETERS: join(dir, "parameters.json"),
      DISCO_DEPLOYMENTS_DIR: join(dir, "deployments"),
      DISCO_DEPLOYMENT_ID: DEPLOYMENT_ID,
    };
  });

  after(async () => {
    await chain?.stop();
    rmSync(JOURNAL, { recursive: true, force: true });
  });

  const deploy = () => runHardhat(["run", "--no-compile", "scripts/deploy.ts", "--network", "sepolia"]);

  it("fails part of the way when the deployer runs out of funds, keeping what it did in its journal", async () => {
    const failed = await deploy().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failed, "the underfunded deployment went through").to.be.instanceOf(Error);
    expect(existsSync(deploymentsFile()), "a deployments file was written for a failed deployment").to.equal(false);
    journaled = readJournal();
    expect(Object.keys(journaled).length, tail(log())).to.be.greaterThan(0);
  });

  it("resumes once funded: what the first run deployed is kept, the rest is deployed, the DisCO started", async () => {
    const funder = await provider.getSigner(0);
    await (await funder.sendTransaction({ to: deployer.address, value: parseEther("1") })).wait();
    // Ignition can't know whether the refused transaction went out: the operator, who does, says so.
    const refused = await deploy().then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.message).to.match(
      /Nothing seems sent for DisCOFactory#\S+: nonce \d+ of 0x[0-9a-fA-F]{40} is unused/,
    );
    env = { ...env, DISCO_RESUME_UNSENT: "1" };
    await deploy();
    const after = readJournal();
    for (const [future, address] of Object.entries(journaled)) expect(after[future]).to.equal(address);
    const file = JSON.parse(readFileSync(deploymentsFile(), "utf8"));
    expect(file.chainId).to.equal(SEPOLIA_CHAIN_ID);
    expect(Object.keys(file.discos)).to.deep.equal(["Stand-in Cooperative"]);
    expect(file.factory.address).to.equal(after["DisCOFactory#DisCOFactory"]);
    for (const key of [
      "membership",
      "ledger",
      "treasury",
      "capital",
      "audit",
      "governor",
      "timelock",
      "federation",
      "credit",
    ]) {
      expect(Object.values(after)).to.include(file.implementations[key].address);
    }
  });

  it("sends nothing and changes no recorded block when run again", async () => {
    const before = readFileSync(deploymentsFile(), "utf8");
    const block = await provider.getBlockNumber();
    await deploy();
    expect(readFileSync(deploymentsFile(), "utf8")).to.equal(before);
    expect(await provider.getBlockNumber()).to.equal(block);
  });

  it("lets the CLI read the DisCO and the audit pass, through the network's configuration", async () => {
    const [first, second] = await Promise.all([provider.getSigner(1), provider.getSigner(2)]);
    await runScript(["scripts/cli.ts", "members", "--network", "sepolia"]);
    const listed = tail(log(), 30);
    for (const founder of [first.address, second.address])
      expect(listed.toLowerCase()).to.include(founder.toLowerCase());
    await runScript(["scripts/audit.ts", "--network", "sepolia", "--out", join(dir, "audit")]);
    expect(readdirSync(join(dir, "audit")).length).to.be.greaterThan(0);
  });
});
