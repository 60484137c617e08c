import { expect } from "chai";
import {
  createPublicClient,
  custom,
  decodeErrorResult,
  encodeFunctionData,
  toFunctionSelector,
  zeroAddress,
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";
import { discoAbis } from "@disco-ledger/sdk/abis";
import { GOVERNANCE_ACTIONS, SETTINGS, type KeyValue, type Setting } from "@disco-ledger/sdk/settings";
import { connection, deployWithAdmin } from "../helpers/disco.ts";

/*
 * The settings catalogue (sdk/src/settings.ts) against the deployed contracts. Which functions only governance can
 * call is found here independently of the catalogue, by asking the contracts: every state-changing function of the
 * DisCO's ABIs is called by an outsider, and those refused for not being the timelock (DEFAULT_ADMIN_ROLE, the
 * governor's onlyGovernance, the timelock's own self-administration) are governance-only. Each must be a setting or
 * a listed action: a new setter without an entry fails here. And each setting's reader reads the deployed value.
 */

const { loadFixture } = connection.networkHelpers;
const abis: Record<string, Abi> = discoAbis;
/** The DisCO's own contracts; the token is the currency's. */
const CONTRACTS = ["governor", "timelock", "membership", "ledger", "treasury", "capital", "audit"] as const;
const DEFAULT_ADMIN_ROLE: Hex = `0x${"00".repeat(32)}`;

/** A value of the parameter's type, all zeros: enough to reach a function's access check. */
function zeroOf(param: AbiParameter): unknown {
  const array = /^(.*)\[(\d*)\]$/.exec(param.type);
  if (array) {
    const element = { ...param, type: array[1] } as AbiParameter;
    return array[2] === "" ? [] : Array.from({ length: Number(array[2]) }, () => zeroOf(element));
  }
  if (param.type === "tuple" && "components" in param) {
    return Object.fromEntries(param.components.map((c) => [c.name, zeroOf(c)]));
  }
  if (param.type === "address") return zeroAddress;
  if (param.type === "bool") return false;
  if (param.type === "string") return "";
  if (param.type === "bytes") return "0x";
  if (param.type.startsWith("bytes")) return `0x${"00".repeat(Number(param.type.slice(5)))}`;
  return 0n;
}

/** Whether a revert says the caller is not the DisCO's governance. */
function refusedForNotGovernance(abi: Abi, error: unknown): boolean {
  const data = findRevertData(error);
  if (!data) return false;
  try {
    const decoded = decodeErrorResult({ abi, data });
    switch (decoded.errorName) {
      case "AccessControlUnauthorizedAccount":
        return (decoded.args as readonly unknown[])[1] === DEFAULT_ADMIN_ROLE;
      case "GovernorOnlyExecutor":
      case "TimelockUnauthorizedCaller":
      case "OwnableUnauthorizedAccount":
        return true;
      default:
        return false;
    }
  } catch {
    return false;
  }
}

function findRevertData(error: unknown): Hex | undefined {
  let current = error as { data?: unknown; cause?: unknown } | undefined;
  while (current) {
    if (typeof current.data === "string" && current.data.startsWith("0x")) return current.data as Hex;
    if (current.data && typeof current.data === "object" && "data" in current.data) {
      const inner = (current.data as { data?: unknown }).data;
      if (typeof inner === "string") return inner as Hex;
    }
    current = current.cause as typeof current;
  }
  return undefined;
}

async function deployed() {
  const disco = await loadFixture(deployWithAdmin);
  // No retries: most calls here are meant to revert.
  const client = createPublicClient({ transport: custom(connection.provider, { retryCount: 0 }) });
  const address = (name: string) => disco.deployment.contracts[name].address as Address;
  return { ...disco, client, address };
}

describe("the settings catalogue (@disco-ledger/sdk/settings) against the contracts", () => {
  it("has an entry for every governance-only setter, and lists every other governance-only function as an action", async () => {
    const { client, address, grace } = await deployed();
    const governanceOnly: string[] = [];
    for (const name of CONTRACTS) {
      const functions = abis[name].filter(
        (item): item is AbiFunction =>
          item.type === "function" && item.stateMutability !== "view" && item.stateMutability !== "pure",
      );
      for (const fn of functions) {
        const data = encodeFunctionData({ abi: [fn], functionName: fn.name, args: fn.inputs.map(zeroOf) } as never);
        try {
          await client.call({ account: grace.address as Address, to: address(name), data });
        } catch (error) {
          if (refusedForNotGovernance(abis[name], error)) governanceOnly.push(`${name}.${fn.name}`);
        }
      }
    }
    const known = new Set([
      ...SETTINGS.map((s) => s.key),
      ...GOVERNANCE_ACTIONS.map((a) => `${a.contract}.${a.functionName}`),
    ]);
    const missing = governanceOnly.filter((key) => !known.has(key));
    expect(missing, "governance-only functions with no entry in sdk/src/settings.ts").to.deep.equal([]);
    const notGovernance = [...known].filter((key) => !governanceOnly.includes(key));
    expect(notGovernance, "entries of sdk/src/settings.ts that are not governance-only").to.deep.equal([]);
    // The scan found the settings the issue names, so an access check it can't see would show.
    expect(governanceOnly).to.include.members(["ledger.setCap", "governor.setVotingDelay", "timelock.updateDelay"]);
  });

  it("reads each setting's current value, and the timelock could set it back to that value", async () => {
    const { client, address, timelockAddress } = await deployed();
    const keysFor = (setting: Setting): KeyValue[] =>
      setting.keys.map((key): KeyValue => {
        if (key === "target") return address("ledger");
        if (key === "selector") return toFunctionSelector("setCap(uint8,uint64)");
        return key === "stage" ? 5 : key === "stream" ? 1 : 0;
      });
    for (const setting of SETTINGS) {
      const keys = keysFor(setting);
      const abi = abis[setting.contract];
      const results = await Promise.all(
        setting.read(keys).map((read) =>
          client.readContract({
            address: address(setting.contract),
            abi,
            functionName: read.functionName,
            args: read.args,
          }),
        ),
      );
      const values = setting.fromRead(results);
      expect(values.length, setting.key).to.be.greaterThan(0);
      const data = encodeFunctionData({
        abi,
        functionName: setting.functionName,
        args: setting.toArgs(keys, values),
      } as never);
      // The governor's own settings are accepted only from inside its execute: nothing to simulate there.
      if (setting.contract === "governor") continue;
      await client.call({ account: timelockAddress as Address, to: address(setting.contract), data });
    }
  });
});
