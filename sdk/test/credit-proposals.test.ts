/**
 * A DisCO's mutual-credit decisions as proposals: the calls its timelock makes on the network (and, to settle, on its
 * treasury and currency), described in English and Spanish with euros; the direct writes' arguments.
 */
import { decodeFunctionData, erc20Abi, zeroHash, type Address } from "viem";
import { describe, expect, it } from "vitest";
import { creditAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import {
  clearCycleArgs,
  creditPayArgs,
  creditPayCall,
  freezeCreditLineArgs,
  freezeCreditLineCall,
  openAccountArgs,
  setCreditLineArgs,
  setCreditLineCall,
  setTreasurerLimitsCall,
  settleCall,
  type DisCODecision,
} from "@disco-ledger/sdk/proposals";

const NETWORK = { address: "0xa16E02E87b7454126E5E10d957A927A7F5B5d2be" as Address, name: "Commons Federation" };
const DEMO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const SMALL = { address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address, name: "Small DisCO" };
const RIVER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const INVOICE = encodePaymentReference("INV-S-001");

/** The one call of a decision, decoded by the network's ABI. */
function creditCall(decision: DisCODecision) {
  expect(decision.calls).toHaveLength(1);
  const [call] = decision.calls;
  expect([call.target, call.value]).toEqual([NETWORK.address, 0n]);
  return decodeFunctionData({ abi: creditAbi, data: call.data });
}

describe("proposals: a DisCO's mutual-credit decisions", () => {
  it("sets a line in credit cents, described in euros", () => {
    const decision = setCreditLineCall(NETWORK, DEMO, SMALL, 150_050n);
    expect(creditCall(decision)).toEqual({ functionName: "setCreditLine", args: [DEMO, SMALL.address, 150_050n] });
    expect(decision.description).toBe(
      "Extend to Small DisCO a mutual-credit line of 1,500.50 € in the federation “Commons Federation”",
    );
    expect(setCreditLineCall(NETWORK, DEMO, SMALL, 150_050n, "es").description).toBe(
      "Conceder a Small DisCO una línea de crédito mutuo de 1500,50 € en la federación «Commons Federation»",
    );
  });

  it("freezes and unfreezes a line", () => {
    const freeze = freezeCreditLineCall(NETWORK, DEMO, SMALL, true);
    expect(creditCall(freeze)).toEqual({ functionName: "freezeCreditLine", args: [DEMO, SMALL.address, true] });
    expect(freeze.description).toContain("Freeze our mutual-credit line to Small DisCO");
    const unfreeze = freezeCreditLineCall(NETWORK, DEMO, SMALL, false, "es");
    expect(creditCall(unfreeze)).toEqual({ functionName: "freezeCreditLine", args: [DEMO, SMALL.address, false] });
    expect(unfreeze.description).toBe(
      "Descongelar nuestra línea de crédito mutuo a Small DisCO en la federación «Commons Federation»",
    );
  });

  it("sets the treasurers' budget and line bound", () => {
    const decision = setTreasurerLimitsCall(NETWORK, DEMO, 30_000n, 100_000n);
    expect(creditCall(decision)).toEqual({ functionName: "setTreasurerLimits", args: [DEMO, 30_000n, 100_000n] });
    expect(decision.description).toBe(
      "Let our treasurers pay up to 300.00 € in mutual credit per 30-day period (counted from 1 January 1970) and set lines up to 1,000.00 € in the federation “Commons Federation”",
    );
    expect(setTreasurerLimitsCall(NETWORK, DEMO, 30_000n, 100_000n, "es").description).toContain(
      "pagar hasta 300,00 € en crédito mutuo por periodo de 30 días (contados desde el 1 de enero de 1970) y fijar líneas de hasta 1000,00 €",
    );
  });

  it("pays along a path with the reference in words, a hash as it is, or none", () => {
    const path = [DEMO, RIVER, SMALL.address];
    const decision = creditPayCall(NETWORK, DEMO, SMALL, path, 12_000n, INVOICE);
    expect(creditCall(decision)).toEqual({
      functionName: "pay",
      args: [DEMO, SMALL.address, path, 12_000n, INVOICE],
    });
    expect(decision.description).toBe(
      "Pay 120.00 € in mutual credit to Small DisCO in the federation “Commons Federation”, over 2 lines: reference “INV-S-001”",
    );
    expect(creditPayCall(NETWORK, DEMO, SMALL, [DEMO, SMALL.address], 100n, zeroHash, "es").description).toBe(
      "Pagar 1,00 € en crédito mutuo a Small DisCO en la federación «Commons Federation», por 1 línea",
    );
    const hash = `0x${"ab".repeat(32)}` as const;
    expect(creditPayCall(NETWORK, DEMO, SMALL, path, 100n, hash).description).toMatch(/lines: reference 0xabab/);
  });

  it("settles through the treasury: spend to the timelock, approve the network, settle", () => {
    const treasury = "0x0165878A594ca255338adfa4d48449f69242Eb8F" as Address;
    const timelock = "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853" as Address;
    const currency = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707" as Address;
    const decision = settleCall(NETWORK, {
      debtor: DEMO,
      creditor: SMALL,
      amount: 4_000n,
      timelock,
      treasury,
      currency,
      decimals: 6,
    });
    expect(decision.calls.map((c) => [c.target, c.value])).toEqual([
      [treasury, 0n],
      [currency, 0n],
      [NETWORK.address, 0n],
    ]);
    const [spend, approve, settle] = decision.calls;
    expect(decodeFunctionData({ abi: treasuryAbi, data: spend.data })).toEqual({
      functionName: "spend",
      args: [timelock, 40_000_000n, "Mutual-credit settlement with Small DisCO"],
    });
    expect(decodeFunctionData({ abi: erc20Abi, data: approve.data })).toEqual({
      functionName: "approve",
      args: [NETWORK.address, 40_000_000n],
    });
    expect(decodeFunctionData({ abi: creditAbi, data: settle.data })).toEqual({
      functionName: "settle",
      args: [DEMO, SMALL.address, 4_000n],
    });
    expect(decision.description).toBe(
      "Settle 40.00 € of our mutual-credit debt to Small DisCO in the federation “Commons Federation”: the treasury pays it into theirs",
    );
  });

  it("refuses to settle in a currency without cents, in words", () => {
    const input = { debtor: DEMO, creditor: SMALL, amount: 1n, timelock: DEMO, treasury: DEMO, currency: RIVER };
    expect(() => settleCall(NETWORK, { ...input, decimals: 1 })).toThrow(`The currency at ${RIVER} has no cents`);
    expect(() => settleCall(NETWORK, { ...input, decimals: 0 }, "es")).toThrow(`La moneda`);
    // Two decimals: a token unit is a credit cent.
    const [spend] = settleCall(NETWORK, { ...input, decimals: 2 }).calls;
    expect(decodeFunctionData({ abi: treasuryAbi, data: spend.data }).args?.[1]).toBe(1n);
  });

  it("gives the direct writes' arguments in the ABI's order", () => {
    expect(creditPayArgs(DEMO, RIVER, [DEMO, RIVER], 5n, INVOICE)).toEqual([DEMO, RIVER, [DEMO, RIVER], 5n, INVOICE]);
    expect(setCreditLineArgs(DEMO, RIVER, 7n)).toEqual([DEMO, RIVER, 7n]);
    expect(freezeCreditLineArgs(DEMO, RIVER, true)).toEqual([DEMO, RIVER, true]);
    expect(clearCycleArgs([DEMO, RIVER, SMALL.address, DEMO], 9n)).toEqual([[DEMO, RIVER, SMALL.address, DEMO], 9n]);
    expect(openAccountArgs(DEMO)).toEqual([DEMO]);
  });
});
