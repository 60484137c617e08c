import {
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  TransactionExecutionError,
  UserRejectedRequestError,
  type Abi,
} from "viem";
import { describe, expect, it } from "vitest";
import { ALL_ERRORS, ERROR_SENTENCES, explainError } from "./errors.ts";
import { dateTime, money } from "./format.ts";
import { ledgerAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { LANGS } from "./i18n.tsx";

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
