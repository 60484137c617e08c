/**
 * The few figures the events don't carry, read from the contracts at the block the books were folded to (so the two
 * agree): the treasurer role, owed and unallocated money, the capital books, and what a year's split needs.
 */
import { keccak256, toHex, type Address } from "viem";
import { useReadContract } from "wagmi";
import { deployment } from "../../chain.ts";
import { capitalAbi, ledgerAbi, tokenAbi, treasuryAbi } from "@disco-ledger/sdk/abis";

/** TREASURER_ROLE in the ledger and the treasury (the capital accounts have none: their year close is the members'). */
export const TREASURER_ROLE = keccak256(toHex("TREASURER_ROLE"));

const c = deployment.contracts;
export const ADDRESSES = {
  governor: c.governor.address as Address,
  ledger: c.ledger.address as Address,
  treasury: c.treasury.address as Address,
  capital: c.capital.address as Address,
  token: c.token.address as Address,
};

/** Whether `account` holds TREASURER_ROLE on the ledger and the treasury (undefined while reading). */
export function useTreasurerRoles(account: Address | undefined) {
  const query = { enabled: account !== undefined };
  const args = [TREASURER_ROLE, account ?? "0x0000000000000000000000000000000000000000"] as const;
  const ledger = useReadContract({ address: ADDRESSES.ledger, abi: ledgerAbi, functionName: "hasRole", args, query });
  const treasury = useReadContract({
    address: ADDRESSES.treasury,
    abi: treasuryAbi,
    functionName: "hasRole",
    args,
    query,
  });
  return { ledger: ledger.data, treasury: treasury.data };
}

/** The treasury's and the capital books' money views at `block`. */
export function useMoneyViews(block: number) {
  const blockNumber = BigInt(block);
  const t = { address: ADDRESSES.treasury, abi: treasuryAbi, blockNumber } as const;
  const k = { address: ADDRESSES.capital, abi: capitalAbi, blockNumber } as const;
  return {
    balance: useReadContract({
      address: ADDRESSES.token,
      abi: tokenAbi,
      functionName: "balanceOf",
      args: [ADDRESSES.treasury],
      blockNumber,
    }).data,
    owed: useReadContract({ ...t, functionName: "owed" }).data,
    unallocated: useReadContract({ ...t, functionName: "unallocated" }).data,
    held: useReadContract({ ...k, functionName: "held" }).data,
    accountsTotal: useReadContract({ ...k, functionName: "accountsTotal" }).data,
    reserve: useReadContract({ ...k, functionName: "reserve" }).data,
    commons: useReadContract({ ...k, functionName: "commons" }).data,
    cashOwed: useReadContract({ ...k, functionName: "cashOwed" }).data,
    redemptionsOwed: useReadContract({ ...k, functionName: "redemptionsOwed" }).data,
    index: useReadContract({ ...k, functionName: "index" }).data,
    totalShares: useReadContract({ ...k, functionName: "totalShares" }).data,
    pendingLossShares: useReadContract({ ...k, functionName: "pendingLossShares" }).data,
  };
}

export type MoneyViews = ReturnType<typeof useMoneyViews>;
