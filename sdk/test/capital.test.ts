import { describe, expect, it } from "vitest";
import { decodeFunctionData, type Address } from "viem";
import { capitalAbi } from "@disco-ledger/sdk/abis";
import { yearCloseProposal, yearLossProposal } from "@disco-ledger/sdk/capital";

const CAPITAL: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

describe("capital: the year's accounts as proposals", () => {
  it("approves a surplus year by one call of closeYear on the capital accounts", () => {
    const proposal = yearCloseProposal(CAPITAL, 4, 1_200_000_000n, "€1,200.00");
    expect(proposal.targets).toEqual([CAPITAL]);
    expect(proposal.values).toEqual([0n]);
    expect(decodeFunctionData({ abi: capitalAbi, data: proposal.calldatas[0] })).toEqual({
      functionName: "closeYear",
      args: [4, 1_200_000_000n],
    });
    expect(proposal.description).toBe("Approve the year's accounts to period 4: a surplus of €1,200.00");
  });

  it("closes a loss year by closeYearAtLoss, and says it is a bylaw decision", () => {
    const proposal = yearLossProposal(CAPITAL, 12, 300n, "€0.03");
    expect(proposal.targets).toEqual([CAPITAL]);
    expect(decodeFunctionData({ abi: capitalAbi, data: proposal.calldatas[0] })).toEqual({
      functionName: "closeYearAtLoss",
      args: [12, 300n],
    });
    expect(proposal.description).toMatch(/^Approve the year's accounts to period 12 at a loss of €0\.03 \(a bylaw/);
  });
});
