/** This deployment's contracts with their generated ABIs: what proposals are built against and decoded by. */
import type { Abi } from "viem";
import { deployment } from "../../chain.ts";
import { discoAbis } from "@disco-ledger/sdk/abis";
import { contractRegistry } from "@disco-ledger/sdk/proposals";

const ABIS: Record<string, Abi> = discoAbis;

export const REGISTRY = contractRegistry(deployment.contracts, ABIS);
export const GOVERNOR = deployment.contracts.governor.address;
export const MEMBERSHIP = deployment.contracts.membership.address;
export const TIMELOCK = deployment.contracts.timelock.address;
export const TREASURY = deployment.contracts.treasury.address;
