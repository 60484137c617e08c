import type { ContractTransactionResponse } from "ethers";
import { dataSlice, getAddress, id, parseEther, toBeHex, ZeroAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Stage } from "../../../ignition/modules/DisCO.ts";
import type { Membership } from "../../../types/ethers-contracts/index.js";

/** The constituency the crowd of members belongs to: the module's first, "worker". */
export const WORKER = 0;

/** Where the benchmark says what it is doing: stderr, so that `--json` keeps stdout to the JSON object. */
export type Progress = (message: string) => void;

/** Waits for a transaction and returns the gas its receipt says it used; throws if it failed. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null || receipt.status !== 1) throw new Error(`Transaction ${receipt?.hash ?? "?"} failed`);
  return Number(receipt.gasUsed);
}

/** Timings' median: the middle of an odd number of runs. */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Sends a set-up transaction and waits for it: what it costs is not measured. */
export async function sent(tx: Promise<ContractTransactionResponse>): Promise<void> {
  await gasOf(tx);
}

/**
 * The `count` addresses of a crowd (members, token holders, payees), the same in every run so that runs compare:
 * the last 20 bytes of keccak256("<label> <i>").
 */
export function crowd(label: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => getAddress(dataSlice(id(`${label} ${i}`), 12)));
}

/** Splits a list into batches of at most `size`, for set-up calls that take many accounts at once. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * Admits each account as a Committed worker, as a vote would: one `admit` call by the timelock (impersonated) per
 * account, each mined in a block of its own, so that every admission leaves its own checkpoint of the binding
 * total at its own time, as a DisCO that admitted its members one vote at a time has. Raw JSON-RPC requests with
 * a fixed gas limit: about 0.6 ms an admission, where ethers' estimate-send-wait takes several.
 */
export async function admitAll(
  connection: NetworkConnection,
  membership: Membership,
  timelock: string,
  accounts: string[],
) {
  const { networkHelpers, provider } = connection;
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, parseEther("1000"));
  const to = await membership.getAddress();
  const gas = toBeHex(400_000);
  for (const account of accounts) {
    const data = membership.interface.encodeFunctionData("admit", [account, Stage.Committed, WORKER, ZeroAddress]);
    await provider.request({ method: "eth_sendTransaction", params: [{ from: timelock, to, data, gas }] });
  }
  await networkHelpers.stopImpersonatingAccount(timelock);
}
