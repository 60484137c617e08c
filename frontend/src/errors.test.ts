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
import { ledgerAbi, treasuryAbi } from "./generated/abis.ts";
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
    const error = revert(ledgerAbi as Abi, "LedgerOpenDisputes", [3, 1], "closePeriod");
    expect(explainError(error, "en")).toBe(
      "Period 3 can't be closed yet: 1 dispute(s) about its work are still open. The members must resolve them first (a vote in Decisions).",
    );
    expect(explainError(error, "es")).toMatch(/^El periodo 3 no se puede cerrar todavía: quedan 1 disputa/);
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
