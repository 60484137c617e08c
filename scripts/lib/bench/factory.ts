import type { NetworkConnection } from "hardhat/types/network";
import type { DisCOFactory } from "../../../types/ethers-contracts/index.js";
import { IMPLEMENTATION_CONTRACTS, IMPLEMENTATION_KEYS } from "../deploy.ts";

/**
 * The implementations, deployed as Ignition's DisCOFactory module does (federations' as `federation` names: Federation
 * or the benchmark's fixture), each with its deployment gas; the factory over them; and a DemoEuro for the DisCOs.
 */
export async function deployFactory(
  { ethers }: NetworkConnection,
  federation: "Federation" | "BenchFederation" = "Federation",
) {
  const names = { ...IMPLEMENTATION_CONTRACTS, federation };
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
