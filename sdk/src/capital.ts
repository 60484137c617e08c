/**
 * The year's accounts as the members decide them (ICapitalAccounts.closeYear and closeYearAtLoss are timelock-only):
 * a treasurer prepares the proposal, the members vote it. A surplus year is a Standard proposal; a loss year
 * releases the indivisible reserve and members' capital, so the governor classifies it as a Bylaw. The CLI's
 * close-year, the seeded demo and the app make the same proposals. Browser-safe.
 */
import { encodeFunctionData, type Address } from "viem";
import { capitalAbi } from "./generated/abis.ts";
import type { ProposalCalls } from "./governance.ts";

/** The proposal that approves a year's accounts to `lastPeriod`: a surplus (`amountText` names it for people). */
export function yearCloseProposal(
  capital: Address,
  lastPeriod: number,
  surplus: bigint,
  amountText: string,
): ProposalCalls {
  return {
    targets: [capital],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: capitalAbi, functionName: "closeYear", args: [lastPeriod, surplus] })],
    description: `Approve the year's accounts to period ${lastPeriod}: a surplus of ${amountText}`,
  };
}

/** The bylaw proposal that closes a year to `lastPeriod` at a loss: the reserve first, then the accounts. */
export function yearLossProposal(
  capital: Address,
  lastPeriod: number,
  loss: bigint,
  amountText: string,
): ProposalCalls {
  return {
    targets: [capital],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: capitalAbi, functionName: "closeYearAtLoss", args: [lastPeriod, loss] })],
    description: `Approve the year's accounts to period ${lastPeriod} at a loss of ${amountText} (a bylaw decision: it draws on the indivisible reserve and members' capital)`,
  };
}
