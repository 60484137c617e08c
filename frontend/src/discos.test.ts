import { describe, expect, it } from "vitest";
import { deploymentOf, type DeploymentsFile } from "@disco-ledger/sdk/deployment";
import type { FoundDisCO } from "@disco-ledger/sdk/discovery";
import { recordedDisCO } from "@disco-ledger/sdk/deployment";
import { openDisCO } from "./discos.ts";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const contracts = (base: number) =>
  Object.fromEntries(
    ["governor", "timelock", "membership", "ledger", "treasury", "capital", "audit", "token"].map((name, i) => [
      name,
      { address: address(base + i), blockNumber: 5 },
    ]),
  ) as FoundDisCO["contracts"];
const network: DeploymentsFile = {
  chainId: 31337,
  network: "localhost",
  factory: { address: address(0xfac), blockNumber: 2 },
  discos: {
    Obran: { startBlock: 5, contracts: contracts(0x100) },
    Worker: { startBlock: 9, contracts: contracts(0x200) },
  },
};
const first = deploymentOf(network);
const started: FoundDisCO = {
  chainId: 31337,
  network: "localhost",
  name: "Started in the app",
  creator: address(0xa1) as `0x${string}`,
  startBlock: 20,
  contracts: contracts(0x300),
};

describe("the DisCO a visit opens", () => {
  const nothingFound = async () => {
    throw new Error("discovery must not be asked");
  };

  it("is the network's first when the address names none", async () => {
    expect(await openDisCO(network, first, undefined, nothingFound)).toEqual({ deployment: first });
    expect(first.name).toBe("Obran");
  });

  it("is a recorded DisCO at once, by its membership address in any case", async () => {
    const membership = address(0x202).toUpperCase().replace("0X", "0x");
    expect(recordedDisCO(network, membership)?.name).toBe("Worker");
    const { deployment } = await openDisCO(network, first, membership, nothingFound);
    expect(deployment).toMatchObject({ name: "Worker", startBlock: 9, chainId: 31337 });
  });

  it("is found among the factory's DisCOs otherwise, by its membership address only", async () => {
    const found = await openDisCO(network, first, address(0x302), async () => [started]);
    expect(found).toEqual({ deployment: started });
    // Another of its contracts is not its address.
    expect(await openDisCO(network, first, address(0x300), async () => [started])).toEqual({
      deployment: first,
      missing: address(0x300),
    });
  });

  it("falls back to the first, saying which address it did not find, when none has it or discovery fails", async () => {
    expect(await openDisCO(network, first, address(0xdead), async () => [])).toEqual({
      deployment: first,
      missing: address(0xdead),
    });
    expect(await openDisCO(network, first, address(0xdead), nothingFound)).toEqual({
      deployment: first,
      missing: address(0xdead),
    });
  });
});
