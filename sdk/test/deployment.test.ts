import { describe, expect, it } from "vitest";
import {
  deploymentOf,
  deploymentsFileFrom,
  recordDeployment,
  type Deployment,
  type DeploymentsFile,
} from "../src/deployment.ts";

const at = (n: number, block: number) => ({ address: `0x${n.toString(16).padStart(40, "0")}`, blockNumber: block });
const contracts = (base: number, block: number) => ({
  governor: at(base + 1, block),
  timelock: at(base + 2, block),
  membership: at(base + 3, block),
  ledger: at(base + 4, block),
  treasury: at(base + 5, block),
  capital: at(base + 6, block),
  audit: at(base + 7, block),
  token: at(99, 1),
});
const disco = (name: string, base: number, block: number): Deployment => ({
  chainId: 11155111,
  network: "sepolia",
  name,
  startBlock: block,
  startBlockHash: `0x${block.toString(16).padStart(64, "0")}`,
  contracts: contracts(base, block),
});
const chain = { factory: at(500, 10), implementations: { membership: at(501, 9) } };

describe("deployments files", () => {
  it("record a DisCO by name beside the factory and implementations, and give it back", () => {
    const file = recordDeployment(undefined, disco("Acme", 0, 20), chain);
    expect(file.factory).toEqual(chain.factory);
    expect(Object.keys(file.discos)).toEqual(["Acme"]);
    expect(deploymentOf(file, "Acme")).toEqual(disco("Acme", 0, 20));
    const both = recordDeployment(file, disco("Beta", 10, 30), chain);
    expect(deploymentOf(both).name).toBe("Acme");
    expect(deploymentOf(both, "Beta").startBlock).toBe(30);
  });

  it("keep the federations they record when another DisCO is recorded, and record none unasked", () => {
    const file = recordDeployment(undefined, disco("Acme", 0, 20), chain);
    expect(file).not.toHaveProperty("federations");
    const federations = { "Commons Federation": at(600, 40) };
    const both = recordDeployment({ ...file, federations }, disco("Beta", 10, 30), chain);
    expect(both.federations).toEqual(federations);
    expect(Object.keys(both.discos)).toEqual(["Acme", "Beta"]);
  });

  it("keep a recorded DisCO's record, blocks and all, when the same contracts are recorded again", () => {
    const file = recordDeployment(undefined, disco("Acme", 0, 20), chain);
    const again = recordDeployment(file, disco("Acme", 0, 25), chain);
    expect(again).toEqual(file);
  });

  it("refuse a second DisCO under a recorded name, another chain's DisCO, and another factory's", () => {
    const file = recordDeployment(undefined, disco("Acme", 0, 20), chain);
    expect(() => recordDeployment(file, disco("Acme", 10, 30), chain)).toThrow(/already names a DisCO "Acme"/);
    expect(() => recordDeployment(file, { ...disco("Beta", 10, 30), chainId: 1 }, chain)).toThrow(/chain 11155111's/);
    expect(() => recordDeployment(file, disco("Beta", 10, 30), { factory: at(600, 40) })).toThrow(
      /One file follows one factory/,
    );
  });

  it("name the DisCOs there are when asked for another", () => {
    const file = recordDeployment(undefined, disco("Acme", 0, 20), chain);
    expect(() => deploymentOf(file, "Nope")).toThrow(/No DisCO "Nope" on sepolia: its deployments file names "Acme"/);
    const empty: DeploymentsFile = { chainId: 1, network: "mainnet", discos: {} };
    expect(() => deploymentOf(empty)).toThrow(/names none/);
  });

  it("read a file written before the factory as a file of its one DisCO", () => {
    const { name: _, ...legacy } = disco("Acme", 0, 20);
    const file = deploymentsFileFrom(legacy);
    expect(Object.keys(file.discos)).toEqual(["DisCO"]);
    expect(deploymentOf(file).contracts).toEqual(legacy.contracts);
    expect(deploymentsFileFrom(file)).toBe(file);
  });
});
