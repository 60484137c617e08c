import type { NetworkConnection } from "hardhat/types/network";
import type { DisCOFactory } from "../../../types/ethers-contracts/index.js";
import { IMPLEMENTATION_CONTRACTS, IMPLEMENTATION_KEYS } from "../deploy.ts";

/**
 * The implementations, deployed as Ignition's DisCOFactory module does (with `fixtures`, federations and their credit
 * networks run the benchmark's fixtures, which seat placeholder members), each with its deployment gas; the factory
 * over them; and a DemoEuro for the DisCOs.
 */
export async function deployFactory({ ethers }: NetworkConnection, fixtures = false) {
  const names = {
    ...IMPLEMENTATION_CONTRACTS,
    ...(fixtures ? { federation: "BenchFederation", credit: "BenchCredit" } : {}),
  };
  const implementations = {} as Record<(typeof IMPLEMENTATION_KEYS)[number], string>;
  const gas = {} as Record<(typeof IMPLEMENTATION_KEYS)[number], number>;
  for (const key of IMPLEMENTATION_KEYS) {
    const contract = await ethers.deployContract(names[key]);
    const receipt = await contract.deploymentTransaction()?.wait();
    if (!receipt) throw new Error(`${names[key]} has no deployment receipt`);
    gas[key] = Number(receipt.gasUsed);
    implementations[key] = await contract.getAddress();
  }
  const factory = (await ethers.deployContract("DisCOFactory", [implementations])) as unknown as DisCOFactory;
  const blockNumber = (await factory.deploymentTransaction()?.wait())?.blockNumber ?? 0;
  const currency = await (await ethers.deployContract("DemoEuro")).getAddress();
  return { factory, blockNumber, currency, implementations, gas };
}
