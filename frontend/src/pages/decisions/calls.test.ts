import { decodeFunctionData, getAddress, zeroAddress, type Abi } from "viem";
import { describe, expect, it } from "vitest";
import { descriptionHash } from "@disco-ledger/sdk/governance";
import * as abis from "@disco-ledger/sdk/abis";
import {
  admitCall,
  changeStageCall,
  contractRegistry,
  decodeCall,
  lifecycleArgs,
  parameterSetters,
  PARAMETER_SETTERS,
  proposalDescription,
  rawCall,
  spendCall,
} from "./calls.ts";

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

  it("offers every parameter setter the deployment's ABIs have", () => {
    const setters = parameterSetters(registry);
    expect(setters.map((s) => s.key)).toEqual(PARAMETER_SETTERS.map((s) => `${s.contract}.${s.functionName}`));
    expect(setters.find((s) => s.key === "treasury.setBuckets")?.fn.inputs[0].type).toBe("uint16[3]");
  });

  it("checks raw calldata", () => {
    expect(rawCall(bob, "0x1234")).toEqual({ target: bob, value: 0n, data: "0x1234" });
    expect(rawCall(bob, "0x123")).toBeNull();
    expect(rawCall("0x12", "0x")).toBeNull();
    expect(rawCall(bob, "hello")).toBeNull();
  });

  it("prefixes consent proposals once, and falls back to the summary", () => {
    expect(proposalDescription("", "Admit Gus", false)).toBe("Admit Gus");
    expect(proposalDescription("  Welcome Gus ", "Admit Gus", true)).toBe("[consent] Welcome Gus");
    expect(proposalDescription("[consent] Welcome Gus", "x", true)).toBe("[consent] Welcome Gus");
    expect(proposalDescription("[consent] Welcome Gus", "x", false)).toBe("Welcome Gus");
  });

  it("queues and executes with the description's hash, as the governor's hashProposal takes it", () => {
    // keccak256("") is well known; the governor hashes the description's UTF-8 bytes.
    expect(descriptionHash("")).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    const args = lifecycleArgs({ targets: [bob], values: [0n], calldatas: ["0xabcd"], description: "Ñandú" });
    expect(args[3]).toBe(descriptionHash("Ñandú"));
    expect(args.slice(0, 3)).toEqual([[bob], [0n], ["0xabcd"]]);
  });
});
