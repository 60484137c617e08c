import {
  CallExecutionError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeAbiParameters,
  encodeErrorResult,
  RawContractError,
  TransactionExecutionError,
  UserRejectedRequestError,
  type Abi,
} from "viem";
import { describe, expect, it } from "vitest";
import { governorAbi, ledgerAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { ALL_ERRORS, decodeRevert, ERROR_SENTENCES, explainError, revertMessage } from "@disco-ledger/sdk/errors";
import { dateTime, money } from "@disco-ledger/sdk/format";

const LANGS = ["en", "es"] as const;

/** A revert as a wagmi call surfaces it: the execution error wrapping the decoded revert. */
function revert(abi: Abi, errorName: string, args: readonly unknown[], functionName: string) {
  const data = encodeErrorResult({ abi, errorName, args });
  const cause = new ContractFunctionRevertedError({ abi, data, functionName });
  return new ContractFunctionExecutionError(cause, { abi, functionName, args: [] });
}

describe("ERROR_SENTENCES", () => {
  it("has an English and a Spanish sentence for every custom error of every contract", () => {
    const names = [...new Set(ALL_ERRORS.map((e) => e.name))];
    expect(names.length).toBeGreaterThan(100);
    for (const lang of LANGS) {
      const missing = names.filter((name) => !ERROR_SENTENCES[lang][name]?.trim());
      expect(missing, `${lang} sentences missing`).toEqual([]);
    }
  });

  it("names only placeholders the error has, so no sentence shows a raw {placeholder}", () => {
    for (const error of ALL_ERRORS) {
      const names = new Set(error.inputs.flatMap((input, i) => [String(i), input.name ?? ""]));
      for (const lang of LANGS) {
        const sentence = ERROR_SENTENCES[lang][error.name];
        for (const [, placeholder] of sentence.matchAll(/\{(\w+)\}/g)) {
          expect(names.has(placeholder), `${lang} ${error.name} uses {${placeholder}}`).toBe(true);
        }
      }
    }
  });

  it("has no sentence for an error that no contract raises (a typo would never show)", () => {
    const names = new Set(ALL_ERRORS.map((e) => e.name));
    for (const lang of LANGS) expect(Object.keys(ERROR_SENTENCES[lang]).filter((n) => !names.has(n))).toEqual([]);
  });

  it("differs between English and Spanish", () => {
    const same = Object.keys(ERROR_SENTENCES.en).filter((n) => ERROR_SENTENCES.en[n] === ERROR_SENTENCES.es[n]);
    expect(same).toEqual([]);
  });
});

describe("explainError", () => {
  it("tells a ledger revert with its named arguments filled in", () => {
    const error = revert(ledgerAbi as Abi, "LedgerEntryStatus", [3n, 1], "approve");
    expect(explainError(error, "en")).toBe(
      "Entry 3 is not at a stage that allows this any more (it may have been counted, disputed or withdrawn meanwhile).",
    );
    expect(explainError(error, "es")).toMatch(/^La anotación 3 /);
  });

  it("shows a moment as a date, in the language's way, where a period becomes final", () => {
    const finalAt = Date.UTC(2026, 0, 5, 12, 0) / 1000;
    const error = revert(treasuryAbi as Abi, "TreasuryPeriodNotFinal", [4, finalAt], "fundPeriod");
    const en = explainError(error, "en");
    expect(en).toBe(
      `Period 4 can't be funded yet: it must be closed and its review window over (its totals become final on ${dateTime(finalAt, "en")}).`,
    );
    expect(explainError(error, "es")).toContain(dateTime(finalAt, "es"));
    expect(en).not.toContain(String(finalAt));
  });

  it("shows a review window as a duration and a loss as money", () => {
    const window = revert(ledgerAbi as Abi, "LedgerInvalidReviewWindow", [120], "setReviewWindow");
    expect(explainError(window, "en")).toBe(
      "A review window of 2 min is not allowed: it must be at least 1 hour and at most 30 days.",
    );
    const loss = revert(
      [...(treasuryAbi as Abi), ...ALL_ERRORS],
      "CapitalLossTooLarge",
      [1_500_000_000n, 250_000_000n],
      "closeYearAtLoss",
    );
    expect(explainError(loss, "en")).toBe(
      "A loss of 1,500.00 € is more than the reserve and the members' capital accounts can absorb (250.00 €).",
    );
    expect(explainError(loss, "es")).toContain(`${money(1_500_000_000n, "es")} es mayor`);
  });

  it("has a sentence for each error the review window, year close, redemptions and token recovery brought", () => {
    for (const name of [
      "DisCOGovernorNeedsBylaw",
      "MembershipNoCommittedFounder",
      "LedgerReviewWindowOver",
      "LedgerInvalidReviewWindow",
      "TreasuryPeriodNotFinal",
      "CapitalPeriodNotFinal",
      "CapitalLossTooLarge",
      "CapitalUnknownRedemption",
      "AuditPeriodNotFinal",
      "RecoveryInvalidRecipient",
      "RecoveryProtectedToken",
    ]) {
      expect(
        ALL_ERRORS.some((e) => e.name === name),
        `${name} is in the ABIs`,
      ).toBe(true);
      for (const lang of LANGS) expect(ERROR_SENTENCES[lang][name], `${lang} ${name}`).toBeTruthy();
    }
    for (const removed of ["LedgerOpenDisputes", "TreasuryPeriodNotClosed", "CapitalPeriodNotClosed"]) {
      expect(ERROR_SENTENCES.en[removed], removed).toBeUndefined();
    }
  });

  it("tells an error that only reaches the call through the appended ABI of every contract", () => {
    // fundPeriod's own ABI (the treasury's) declares TreasuryPeriodAlreadyFunded; decode it from the full list.
    const error = revert([...(treasuryAbi as Abi), ...ALL_ERRORS], "TreasuryPeriodAlreadyFunded", [2], "fundPeriod");
    expect(explainError(error, "en")).toBe("Period 2 has already been funded; each period is funded once.");
  });

  it("falls back to the error's name and arguments when no sentence exists", () => {
    const abi = [
      { type: "error", name: "SomethingNew", inputs: [{ name: "x", type: "uint256" }] },
    ] as const satisfies Abi;
    const error = revert(abi, "SomethingNew", [7n], "f");
    expect(explainError(error, "en")).toBe("The contract refused: SomethingNew(7).");
  });

  it("says the member declined in their wallet, in either language", () => {
    const rejected = new TransactionExecutionError(new UserRejectedRequestError(new Error("User rejected.")), {
      account: undefined,
      chain: undefined,
    } as never);
    expect(explainError(rejected, "en")).toBe("You declined the request in your wallet; nothing was sent.");
    expect(explainError(rejected, "es")).toBe("Has rechazado la solicitud en tu cartera; no se ha enviado nada.");
  });

  it("explains an error that is not viem's by its message", () => {
    expect(explainError(new Error("network down"), "en")).toBe("The transaction failed: network down");
  });
});

describe("decodeRevert", () => {
  const data = encodeErrorResult({ abi: ledgerAbi, errorName: "LedgerSelfReview", args: [5n] });
  /** How a dry run (eth_call) fails through viem: the node's revert data deep in the chain, decoded by no ABI. */
  const dryRun = (revert: `0x${string}`) =>
    new CallExecutionError(new RawContractError({ data: revert }), { account: undefined } as never);

  it("fills in each named argument, from raw data no ABI of the call decoded", () => {
    const decoded = decodeRevert(dryRun(data));
    expect(decoded).toEqual({
      name: "LedgerSelfReview",
      args: { entryId: 5n },
      call: "LedgerSelfReview(5)",
      message: "You can't review your own work (entry 5): another member has to.",
      explained: true,
    });
    expect(decoded?.message).not.toMatch(/\{\w+\}/);
    expect(decodeRevert(dryRun(data), "es")?.message).toContain("5");
  });

  it("names every argument of a many-argument error, the address as viem checksums it", () => {
    const voter = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    const revert = encodeErrorResult({ abi: governorAbi, errorName: "GovernorAlreadyCastVote", args: [voter] });
    expect(decodeRevert(dryRun(revert))?.args).toEqual({ voter });
    const notOpen = encodeErrorResult({ abi: ledgerAbi, errorName: "LedgerPeriodNotOpen", args: [3, 4] });
    const decoded = decodeRevert(dryRun(notOpen));
    expect(decoded?.call).toBe("LedgerPeriodNotOpen(3, 4)");
    expect(decoded?.message).toBe("Work can only be logged in the open period (period 4), not in period 3.");
  });

  it("finds the data in a node's answer however it is nested: data.data, an inner error, a plain object", () => {
    const nested = { message: "execution reverted", error: { code: 3, data: { data } } };
    expect(decodeRevert(nested)?.args).toEqual({ entryId: 5n });
    const wrapped = new Error("could not call", { cause: new Error("provider", { cause: { data } }) });
    expect(decodeRevert(wrapped)?.name).toBe("LedgerSelfReview");
  });

  it("names an unknown selector rather than guessing", () => {
    const decoded = decodeRevert(dryRun("0xdeadbeef0000"));
    expect(decoded).toMatchObject({ name: "0xdeadbeef", call: "0xdeadbeef", explained: false });
    expect(decoded?.message).toBe("The contract refused: an error no DisCO contract declares (0xdeadbeef).");
  });

  it("tells Error(string) by its reason and Panic by what the code means", () => {
    const reason = encodeErrorResult({
      abi: [{ type: "error", name: "Error", inputs: [{ name: "message", type: "string" }] }],
      errorName: "Error",
      args: ["Not today"],
    });
    expect(decodeRevert(dryRun(reason))).toMatchObject({
      name: "Error",
      args: { message: "Not today" },
      message: "The contract refused: Not today.",
    });
    const panic = `0x4e487b71${encodeAbiParameters([{ type: "uint256" }], [0x11n]).slice(2)}` as const;
    expect(decodeRevert(dryRun(panic))).toMatchObject({
      name: "Panic",
      message: "The contract refused: arithmetic overflow or underflow.",
    });
  });

  it("says nothing of an error with no revert in it", () => {
    expect(decodeRevert(new Error("network down"))).toBeUndefined();
    expect(decodeRevert(dryRun("0x"))).toBeUndefined();
    expect(decodeRevert(undefined)).toBeUndefined();
  });

  it("gives the command line the error with its values and its sentence, any other failure by its message", () => {
    expect(revertMessage(dryRun(data))).toBe(
      "The contract refused: LedgerSelfReview(5). You can't review your own work (entry 5): another member has to.",
    );
    expect(revertMessage(new Error("network down"))).toBe("network down");
  });
});
