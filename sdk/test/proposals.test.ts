import {
  decodeFunctionData,
  encodeFunctionData,
  getAddress,
  keccak256,
  toHex,
  zeroAddress,
  type Abi,
  type AbiParameter,
} from "viem";
import { describe, expect, it } from "vitest";
import * as abis from "@disco-ledger/sdk/abis";
import { capitalAbi, ledgerAbi } from "@disco-ledger/sdk/abis";
import { descriptionHash } from "@disco-ledger/sdk/governance";
import {
  actionSentence,
  admitCall,
  admitDraft,
  changeConstituencyCall,
  changeStageCall,
  contractRegistry,
  customDraft,
  decodeCall,
  emptyInput,
  formatAbiValue,
  InputProblem,
  lifecycleArgs,
  parseAbiInput,
  parseAbiInputs,
  parseMoney,
  proposalDescription,
  rawCall,
  settingChange,
  settingDraft,
  removeCall,
  resolveDisputeCall,
  signatureOf,
  spendCall,
  spendDraft,
  stageDraft,
} from "@disco-ledger/sdk/proposals";

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
    if (setSettings?.type !== "function") throw new Error("capital.setSettings is in the ABI");
    const param = setSettings.inputs[0] as unknown as AbiParameter & { components: readonly AbiParameter[] };
    const raw = emptyInput(param);
    expect(Array.isArray(raw) && raw.length).toBe(param.components.length);
    const filled = param.components.map((c) => (c.type === "address" ? `0x${"11".repeat(20)}` : "1"));
    const value = parseAbiInput(param, filled) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(param.components.map((c) => c.name));
    const missing = parseAbiInputs([param], [filled.slice(1)]);
    expect(missing.ok).toBe(false);
  });

  it("says which input of a function is wrong", () => {
    const setWeight = ledgerAbi.find((i) => i.type === "function" && i.name === "setWeight");
    if (setWeight?.type !== "function") throw new Error("ledger.setWeight is in the ABI");
    const result = parseAbiInputs(setWeight.inputs, ["2", "0", "70000"]);
    expect(result.ok === false && result.index).toBe(2);
    const ok = parseAbiInputs(setWeight.inputs, ["2", "0", "7000"]);
    expect(ok).toEqual({ ok: true, values: [2n, 0n, 7000n] });
    expect(signatureOf(setWeight)).toBe("setWeight(uint8 stage, uint8 stream, uint16 weightBps)");
  });

  it("shows decoded values, stages by name", () => {
    const stage = p("uint8", { internalType: "enum IMembership.Stage" } as Partial<AbiParameter>);
    expect(formatAbiValue(stage, 4)).toBe("Dating 3");
    expect(formatAbiValue(stage, 4, "es")).toBe("En prueba 3");
    expect(formatAbiValue(p("uint256"), 10n ** 20n)).toBe("100000000000000000000");
    expect(formatAbiValue(p("uint16[3]"), [1, 2n, 3])).toBe('[1,"2",3]');
    expect(formatAbiValue(p("bool"), false)).toBe("false");
  });
});

const address = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const registry = contractRegistry(
  {
    governor: { address: address(1) },
    timelock: { address: address(2) },
    membership: { address: address(3) },
    ledger: { address: address(4) },
    treasury: { address: address(5) },
    capital: { address: address(6) },
    audit: { address: address(7) },
    token: { address: address(8) },
  },
  {
    governor: abis.governorAbi,
    timelock: abis.timelockAbi,
    membership: abis.membershipAbi,
    ledger: abis.ledgerAbi,
    treasury: abis.treasuryAbi,
    capital: abis.capitalAbi,
    audit: abis.auditAbi,
    token: abis.tokenAbi,
  } as Record<string, Abi>,
);
const gus = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const bob = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("proposal calls", () => {
  it("admits as the CLI does: membership.admit(account, stage, constituency, mentor)", () => {
    const call = admitCall(registry, { account: gus, stage: 2, constituency: 0, mentor: bob });
    expect(call.target).toBe(address(3));
    expect(call.value).toBe(0n);
    const decoded = decodeFunctionData({ abi: abis.membershipAbi, data: call.data });
    expect(decoded.functionName).toBe("admit");
    expect(decoded.args).toEqual([gus, 2, 0, bob]);
    const noMentor = decodeFunctionData({
      abi: abis.membershipAbi,
      data: admitCall(registry, { account: gus, stage: 1, constituency: 3, mentor: null }).data,
    });
    expect(noMentor.args?.[3]).toBe(zeroAddress);
  });

  it("changes a stage and spends from the treasury", () => {
    const stage = decodeCall(
      registry,
      address(3),
      changeStageCall(registry, { account: gus, stage: 4, mentor: bob }).data,
    );
    expect(stage.known && stage.functionName).toBe("changeStage");
    expect(stage.known && stage.args.map((a) => a.value)).toEqual([gus, 4, bob]);
    const spend = spendCall(registry, { to: bob, amount: 1_250_000_000n, reason: "New laptop" });
    expect(spend.target).toBe(address(5));
    const decoded = decodeCall(registry, spend.target, spend.data);
    expect(decoded.known && decoded.contract).toBe("treasury");
    expect(decoded.known && decoded.args.map((a) => a.value)).toEqual([bob, 1_250_000_000n, "New laptop"]);
  });

  it("moves a member between constituencies, removes one, and settles a dispute, as the CLI proposes them", () => {
    const moved = decodeCall(
      registry,
      address(3),
      changeConstituencyCall(registry, { account: gus, constituency: 2 }).data,
    );
    expect(moved.known && [moved.functionName, moved.args.map((a) => a.value)]).toEqual([
      "changeConstituency",
      [gus, 2],
    ]);
    const removed = removeCall(registry, { account: gus, reason: "Left the city" });
    const decoded = decodeCall(registry, removed.target, removed.data);
    expect(decoded.known && [decoded.functionName, decoded.args.map((a) => a.value)]).toEqual([
      "remove",
      [gus, "Left the city"],
    ]);
    const resolve = resolveDisputeCall(registry, { entryId: 12n, accept: false });
    expect(resolve.target).toBe(address(4));
    expect(decodeFunctionData({ abi: abis.ledgerAbi, data: resolve.data }).args).toEqual([12n, false]);
  });

  it("decodes by target address, names the parameters, and leaves the unknown raw", () => {
    const data = changeStageCall(registry, { account: gus, stage: 4, mentor: bob }).data;
    const decoded = decodeCall(registry, address(3).toLowerCase(), data);
    expect(decoded.known && decoded.signature).toBe("changeStage(address account, uint8 stage, address mentor)");
    expect(decoded.known && decoded.args[1].param.internalType).toBe("enum IMembership.Stage");
    // The same bytes sent to a contract that lacks the function, or to a stranger, stay raw.
    expect(decodeCall(registry, address(5), data)).toEqual({
      known: false,
      contract: "treasury",
      selector: data.slice(0, 10),
      data,
    });
    expect(decodeCall(registry, address(99), data).known).toBe(false);
    expect(decodeCall(registry, address(99), "0x")).toEqual({
      known: false,
      contract: null,
      selector: null,
      data: "0x",
    });
  });

  it("checks raw calldata", () => {
    expect(rawCall(bob, "0x1234")).toEqual({ target: bob, value: 0n, data: "0x1234" });
    expect(rawCall(bob, "0x123")).toBeNull();
    expect(rawCall("0x12", "0x")).toBeNull();
    expect(rawCall(bob, "hello")).toBeNull();
  });

  it("prefixes consent proposals once, and falls back to the summary", () => {
    expect(proposalDescription("", "Admit Gus", false)).toEqual({ ok: true, description: "Admit Gus" });
    expect(proposalDescription("  Welcome Gus ", "Admit Gus", true)).toEqual({
      ok: true,
      description: "[consent] Welcome Gus",
    });
    expect(proposalDescription("[consent] Welcome Gus", "x", true)).toEqual({
      ok: true,
      description: "[consent] Welcome Gus",
    });
    expect(proposalDescription("[Consent]Welcome Gus", "x", true)).toEqual({
      ok: true,
      description: "[consent] Welcome Gus",
    });
    expect(proposalDescription("[standard] Welcome Gus", "x", false)).toEqual({ ok: true, description: "Welcome Gus" });
  });

  it("refuses a typed decision type that is not the one chosen, instead of silently making a Standard proposal", () => {
    expect(proposalDescription("[consent] Welcome Gus", "x", false)).toEqual({ ok: false, tag: "[consent]" });
    expect(proposalDescription("  [CONSENT] Welcome Gus", "x", false)).toEqual({ ok: false, tag: "[CONSENT]" });
    expect(proposalDescription("[standard] Welcome Gus", "x", true)).toEqual({ ok: false, tag: "[standard]" });
    expect(proposalDescription("[bylaw] New quorum", "x", false)).toEqual({ ok: false, tag: "[bylaw]" });
    expect(proposalDescription("[bylaw] New quorum", "x", true)).toEqual({ ok: false, tag: "[bylaw]" });
    // Elsewhere in the text a tag is just words: the governor reads only the start.
    expect(proposalDescription("Welcome Gus [consent]", "x", false)).toEqual({
      ok: true,
      description: "Welcome Gus [consent]",
    });
  });

  it("queues and executes with the description's hash, as the governor's hashProposal takes it", () => {
    // keccak256("") is well known; the governor hashes the description's UTF-8 bytes.
    expect(descriptionHash("")).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    const args = lifecycleArgs({ targets: [bob], values: [0n], calldatas: ["0xabcd"], description: "Ñandú" });
    expect(args[3]).toBe(descriptionHash("Ñandú"));
    expect(args.slice(0, 3)).toEqual([[bob], [0n], ["0xabcd"]]);
  });
});

const hana = "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f";
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

  it("sets a setting from values typed in its units and reads the call back as the setting", () => {
    const names = { constituency: (i: number) => `c${i}`, function: () => "ledger.setCap" };
    const window = settingDraft(registry, { key: "ledger.setReviewWindow", keys: [], inputs: ["3"] }, "en", names, 6);
    expect(window.ok && decodeFunctionData({ abi: abis.ledgerAbi, data: window.call.data }).args).toEqual([259_200]);
    expect(window.ok && window.summary).toEqual({
      key: "sumSetting",
      params: { sentence: "Set “Review window” to 3 days" },
    });
    const cap = settingDraft(registry, { key: "ledger.setCap", keys: ["1"], inputs: ["500"] }, "es", names, 6);
    expect(cap.ok && decodeFunctionData({ abi: abis.ledgerAbi, data: cap.call.data }).args).toEqual([1, 50_000n]);
    expect(cap.ok && cap.summary.params.sentence).toBe("Cambiar “Tope por persona y periodo (Amor)” a 500 créditos");
    expect(cap.ok && settingChange(registry, cap.call)).toMatchObject({ keys: [1], values: [50_000n] });
    const buckets = settingDraft(
      registry,
      { key: "treasury.setBuckets", keys: [], inputs: ["60", "20,5", "19.5"] },
      "en",
      names,
      6,
    );
    expect(buckets.ok && decodeFunctionData({ abi: abis.treasuryAbi, data: buckets.call.data }).args).toEqual([
      [6000, 2050, 1950],
    ]);
    // A box left as it was sends the value now exactly, not its text rounded to the unit: the buckets' second
    // share is 20.55 % now, shown as 20.6, and only the first was typed.
    const kept = settingDraft(
      registry,
      { key: "treasury.setBuckets", keys: [], inputs: ["59.45", "20.6", "20"], unchanged: [undefined, 2055n, 2000n] },
      "en",
      names,
      6,
    );
    expect(kept.ok && decodeFunctionData({ abi: abis.treasuryAbi, data: kept.call.data }).args).toEqual([
      [5945, 2055, 2000],
    ]);
    const bad = settingDraft(registry, { key: "ledger.setWeight", keys: ["4", "0"], inputs: ["-1"] }, "en", names, 6);
    expect(bad).toEqual({
      ok: false,
      problem: { code: "value", name: "Payable share of logged work", problem: { code: "number", decimals: 2 } },
    });
    expect(settingDraft(registry, { key: "ledger.setWeight", keys: ["", "0"], inputs: ["5"] }, "en", names, 6)).toEqual(
      { ok: false, problem: { code: "chooseKey" } },
    );
    expect(settingDraft(registry, { key: "nowhere.nothing", keys: [], inputs: [] }, "en", names, 6)).toEqual({
      ok: false,
      problem: { code: "chooseFunction" },
    });
    const huge = settingDraft(
      registry,
      { key: "ledger.setApprovalsRequired", keys: [], inputs: ["300"] },
      "en",
      names,
      6,
    );
    expect(huge).toEqual({ ok: false, problem: { code: "tooLarge" } });
    expect(
      settingChange(registry, admitCall(registry, { account: bob, stage: 5, constituency: 0, mentor: null })),
    ).toBe(null);
  });

  it("reads the common decisions as sentences, people, stages, roles and money named", () => {
    const names = {
      person: (a: string) => (a === bob ? "Bob" : "Gus"),
      constituency: (i: number) => ["workers"][i] ?? "?",
    };
    const sentence = (call: { target: string; data: string }, lang: "en" | "es" = "en") =>
      actionSentence(decodeCall(registry, call.target, call.data), lang, names);
    expect(sentence(admitCall(registry, { account: gus, stage: 2, constituency: 0, mentor: bob }))).toBe(
      "Admit Gus as Dating 1 in workers, mentored by Bob",
    );
    expect(sentence(changeStageCall(registry, { account: gus, stage: 5, mentor: null }), "es")).toBe(
      "Pasar a Gus a la etapa Comprometida",
    );
    expect(sentence(resolveDisputeCall(registry, { entryId: 12n, accept: false }))).toBe(
      "Reject the disputed ledger entry 12: it does not count",
    );
    expect(sentence(spendCall(registry, { to: bob, amount: 1_250_500_000n, reason: "Printer" }), "es")).toBe(
      "Pagar 1250,50 € a Bob de la tesorería: Printer",
    );
    const grant = {
      target: address(7),
      data: encodeFunctionData({
        abi: abis.auditAbi,
        functionName: "grantRole",
        args: [keccak256(toHex("AUDITOR_ROLE")), gus],
      }),
    };
    expect(sentence(grant)).toBe("Give Gus the role Auditor on the audit contract");
    expect(sentence(rawCall(bob, "0x1234") as { target: string; data: string })).toBeNull();
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
