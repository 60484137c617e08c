import { decodeFunctionData, getAddress, type Abi } from "viem";
import { describe, expect, it } from "vitest";
import * as abis from "@disco-ledger/sdk/abis";
import { contractRegistry } from "./calls.ts";
import { admitDraft, customDraft, parameterDraft, parseMoney, spendDraft, stageDraft } from "./drafts.ts";

const address = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const registry = contractRegistry(
  {
    governor: { address: address(1) },
    membership: { address: address(3) },
    ledger: { address: address(4) },
    treasury: { address: address(5) },
  },
  {
    governor: abis.governorAbi,
    membership: abis.membershipAbi,
    ledger: abis.ledgerAbi,
    treasury: abis.treasuryAbi,
  } as Record<string, Abi>,
);
const hana = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
const bob = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("proposal drafts", () => {
  it("admits a Dating member only with a mentor who is someone else", () => {
    const form = { account: hana, stage: 2, constituency: 0, mentor: "" };
    expect(admitDraft(registry, form, "worker")).toEqual({ ok: false, problem: { code: "mentorNeeded" } });
    expect(admitDraft(registry, { ...form, mentor: hana }, "worker")).toEqual({
      ok: false,
      problem: { code: "mentorSelf" },
    });
    const draft = admitDraft(registry, { ...form, mentor: bob }, "worker");
    if (!draft.ok) throw new Error("a Dating admission with a mentor is complete");
    expect(draft.summary).toEqual({
      key: "sumAdmit",
      params: { account: hana, stage: "Dating1", constituency: "worker", mentor: bob },
    });
    expect(decodeFunctionData({ abi: abis.membershipAbi, data: draft.call.data }).args).toEqual([hana, 2, 0, bob]);
  });

  it("drops the mentor for Casual and Committed, waits for an address, and names a bad one", () => {
    const casual = admitDraft(registry, { account: hana, stage: 1, constituency: 3, mentor: bob }, "supporter");
    expect(casual.ok && decodeFunctionData({ abi: abis.membershipAbi, data: casual.call.data }).args?.[3]).toBe(
      "0x0000000000000000000000000000000000000000",
    );
    expect(admitDraft(registry, { account: " ", stage: 1, constituency: 0, mentor: "" }, "")).toEqual({
      ok: false,
      problem: null,
    });
    expect(admitDraft(registry, { account: "0x1234", stage: 1, constituency: 0, mentor: "" }, "")).toEqual({
      ok: false,
      problem: { code: "address", field: "account" },
    });
    const stage = stageDraft(registry, { account: hana, stage: 5, mentor: "" });
    expect(stage.ok && stage.summary.params.stage).toBe("Committed");
  });

  it("reads money as people type it, in the currency's decimals", () => {
    expect(parseMoney("1250", 6)).toBe(1_250_000_000n);
    expect(parseMoney("1250,5", 6)).toBe(1_250_500_000n);
    expect(parseMoney(" 0.01 ", 6)).toBe(10_000n);
    expect(parseMoney("1.2345678", 6)).toBeNull();
    expect(parseMoney("1,250.00", 6)).toBeNull();
    expect(parseMoney("-3", 6)).toBeNull();
  });

  it("spends only a positive amount, with a reason", () => {
    const form = { to: bob, amount: "99.90", reason: "Printer" };
    const draft = spendDraft(registry, form, 6);
    expect(draft.ok && draft.call.target).toBe(address(5));
    expect(draft.ok && decodeFunctionData({ abi: abis.treasuryAbi, data: draft.call.data }).args).toEqual([
      bob,
      99_900_000n,
      "Printer",
    ]);
    expect(spendDraft(registry, { ...form, amount: "0" }, 6)).toEqual({ ok: false, problem: { code: "amount" } });
    expect(spendDraft(registry, { ...form, reason: " " }, 6)).toEqual({ ok: false, problem: { code: "reasonNeeded" } });
  });

  it("sets a parameter from typed inputs and says which input is wrong", () => {
    const draft = parameterDraft(registry, { key: "treasury.setBuckets", inputs: ["6000, 2000, 2000"] });
    expect(draft.ok && decodeFunctionData({ abi: abis.treasuryAbi, data: draft.call.data }).args).toEqual([
      [6000, 2000, 2000],
    ]);
    const bad = parameterDraft(registry, { key: "ledger.setWeight", inputs: ["2", "0", "-1"] });
    expect(!bad.ok && bad.problem?.code === "input" && bad.problem.name).toBe("weightBps");
    expect(parameterDraft(registry, { key: "nowhere.nothing", inputs: [] })).toEqual({
      ok: false,
      problem: { code: "chooseFunction" },
    });
  });

  it("makes any call: a chosen function, raw calldata, or raw calldata to another address", () => {
    const base = { target: "governor", address: "", mode: "function" as const, inputs: ["2", "3"], data: "" };
    const fn = customDraft(registry, { ...base, signature: "setSupermajority(uint16 numerator, uint16 denominator)" });
    expect(fn.ok && decodeFunctionData({ abi: abis.governorAbi, data: fn.call.data }).args).toEqual([2, 3]);
    expect(customDraft(registry, { ...base, signature: "" })).toEqual({
      ok: false,
      problem: { code: "chooseFunction" },
    });
    const raw = customDraft(registry, { ...base, signature: "", mode: "raw", data: "0xdeadbeef" });
    expect(raw.ok && raw.call).toEqual({ target: address(1), value: 0n, data: "0xdeadbeef" });
    const other = customDraft(registry, { ...base, signature: "", target: "address", address: bob, data: "" });
    expect(other.ok && other.call).toEqual({ target: bob, value: 0n, data: "0x" });
    expect(customDraft(registry, { ...base, target: "address", address: bob, data: "0xabc", signature: "" })).toEqual({
      ok: false,
      problem: { code: "calldata" },
    });
  });
});
