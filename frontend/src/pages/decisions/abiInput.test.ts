import type { AbiParameter } from "viem";
import { describe, expect, it } from "vitest";
import { capitalAbi, ledgerAbi } from "@disco-ledger/sdk/abis";
import { emptyInput, formatAbiValue, InputProblem, parseAbiInput, parseAbiInputs, signatureOf } from "./abiInput.ts";

const p = (type: string, extra: Partial<AbiParameter> = {}) => ({ name: "x", type, ...extra }) as AbiParameter;
const problem = (param: AbiParameter, raw: string): { code: string; params: object } | null => {
  try {
    parseAbiInput(param, raw);
    return null;
  } catch (error) {
    if (error instanceof InputProblem) return { code: error.code, params: error.params };
    throw error;
  }
};

describe("typed ABI inputs", () => {
  it("parses integers within their width", () => {
    expect(parseAbiInput(p("uint16"), " 65_535 ")).toBe(65535n);
    expect(problem(p("uint16"), "65536")).toEqual({ code: "range", params: { min: "0", max: "65535" } });
    expect(parseAbiInput(p("int8"), "-128")).toBe(-128n);
    expect(problem(p("int8"), "128")?.code).toBe("range");
    expect(problem(p("uint256"), "1.5")?.code).toBe("integer");
    expect(problem(p("uint256"), "")?.code).toBe("empty");
  });

  it("checks addresses, booleans and bytes", () => {
    expect(parseAbiInput(p("address"), "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc")).toBe(
      "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
    );
    expect(problem(p("address"), "0x3c44")?.code).toBe("address");
    expect(parseAbiInput(p("bool"), "Yes")).toBe(true);
    expect(parseAbiInput(p("bool"), "false")).toBe(false);
    expect(problem(p("bool"), "maybe")?.code).toBe("bool");
    expect(parseAbiInput(p("bytes4"), "0xa9059cbb")).toBe("0xa9059cbb");
    expect(problem(p("bytes4"), "0xa9059c")).toEqual({ code: "bytesLength", params: { length: 4 } });
    expect(problem(p("bytes"), "0xabc")?.code).toBe("hex");
    expect(parseAbiInput(p("string"), "  keeps spaces ")).toBe("  keeps spaces ");
  });

  it("reads arrays as JSON or comma-separated, with fixed lengths enforced", () => {
    expect(parseAbiInput(p("uint16[3]"), "5000, 3000, 2000")).toEqual([5000n, 3000n, 2000n]);
    expect(parseAbiInput(p("uint16[3]"), "[5000,3000,2000]")).toEqual([5000n, 3000n, 2000n]);
    expect(problem(p("uint16[3]"), "1,2")).toEqual({ code: "arrayLength", params: { length: 3 } });
    expect(parseAbiInput(p("address[]"), "")).toEqual([]);
    expect(problem(p("uint8[]"), "[1,")?.code).toBe("array");
  });

  it("builds a struct from one input per field, named as the ABI names them", () => {
    const setSettings = capitalAbi.find((i) => i.type === "function" && i.name === "setSettings");
    if (!setSettings || setSettings.type !== "function") throw new Error("capital.setSettings is in the ABI");
    const param = setSettings.inputs[0] as unknown as AbiParameter & { components: readonly AbiParameter[] };
    const raw = emptyInput(param);
    expect(Array.isArray(raw) && raw.length).toBe(param.components.length);
    const filled = param.components.map((c) => (c.type === "address" ? "0x" + "11".repeat(20) : "1"));
    const value = parseAbiInput(param, filled) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(param.components.map((c) => c.name));
    const missing = parseAbiInputs([param], [filled.slice(1)]);
    expect(missing.ok).toBe(false);
  });

  it("says which input of a function is wrong", () => {
    const setWeight = ledgerAbi.find((i) => i.type === "function" && i.name === "setWeight");
    if (!setWeight || setWeight.type !== "function") throw new Error("ledger.setWeight is in the ABI");
    const result = parseAbiInputs(setWeight.inputs, ["2", "0", "70000"]);
    expect(result.ok === false && result.index).toBe(2);
    const ok = parseAbiInputs(setWeight.inputs, ["2", "0", "7000"]);
    expect(ok).toEqual({ ok: true, values: [2n, 0n, 7000n] });
    expect(signatureOf(setWeight)).toBe("setWeight(uint8 stage, uint8 stream, uint16 weightBps)");
  });

  it("shows decoded values, stages by name", () => {
    const stage = p("uint8", { internalType: "enum IMembership.Stage" } as Partial<AbiParameter>);
    expect(formatAbiValue(stage, 4)).toBe("Dating3 (4)");
    expect(formatAbiValue(p("uint256"), 10n ** 20n)).toBe("100000000000000000000");
    expect(formatAbiValue(p("uint16[3]"), [1, 2n, 3])).toBe('[1,"2",3]');
    expect(formatAbiValue(p("bool"), false)).toBe("false");
  });
});
