/** Raw logs into typed events, by the contracts' own ABIs (the typechain factories). Browser-safe. */
import type { Interface, ParamType, Result } from "ethers";
import {
  AuditRegistry__factory,
  CapitalAccounts__factory,
  DemoEuro__factory,
  DisCOGovernor__factory,
  Membership__factory,
  TimelockController__factory,
  Treasury__factory,
  ValueLedger__factory,
} from "../../../types/ethers-contracts/index.js";
import type { RawLog } from "./fetch.ts";

/** The deployment's contracts whose events are decoded; `token` logs are the treasury's transfers. */
export const CONTRACT_NAMES = [
  "membership",
  "ledger",
  "treasury",
  "capital",
  "audit",
  "governor",
  "timelock",
  "token",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** An event argument as plain data: integers as bigint, addresses and bytes as hex strings, structs as objects. */
export type PlainValue = bigint | string | boolean | PlainValue[] | { [key: string]: PlainValue };

/** One decoded event, with its place in the chain. */
export interface DecodedEvent {
  block: number;
  logIndex: number;
  txHash: string;
  contract: ContractName;
  address: string;
  name: string;
  args: Readonly<Record<string, PlainValue>>;
}

/** Decoded events in chain order, and the logs that no known contract or event matches (kept, not dropped). */
export interface DecodedHistory {
  events: DecodedEvent[];
  unknown: RawLog[];
}

const INTERFACES: Record<ContractName, Interface> = {
  membership: Membership__factory.createInterface(),
  ledger: ValueLedger__factory.createInterface(),
  treasury: Treasury__factory.createInterface(),
  capital: CapitalAccounts__factory.createInterface(),
  audit: AuditRegistry__factory.createInterface(),
  governor: DisCOGovernor__factory.createInterface(),
  timelock: TimelockController__factory.createInterface(),
  // Any ERC-20 currency: only its standard Transfer is decoded.
  token: DemoEuro__factory.createInterface(),
};

/** A decoded value as plain data, by its ABI type: a struct as an object of its named fields. */
function toPlain(value: unknown, type: ParamType): PlainValue {
  if (type.isTuple()) {
    const fields = value as Result;
    return Object.fromEntries(type.components.map((c, i) => [c.name, toPlain(fields[i], c)]));
  }
  if (type.isArray()) return Array.from(value as Result, (item) => toPlain(item, type.arrayChildren));
  if (typeof value === "bigint" || typeof value === "string" || typeof value === "boolean") return value;
  throw new Error(`Unexpected ${type.type} value ${String(value)}`);
}

/**
 * Decodes the logs of a deployment's contracts, named by `contracts` (name to address), and sorts them in chain
 * order. A log of another address, or one its contract's ABI does not know, goes to `unknown`.
 */
export function decodeLogs(
  logs: readonly RawLog[],
  contracts: Readonly<Record<ContractName, { address: string }>>,
): DecodedHistory {
  const byAddress = new Map(CONTRACT_NAMES.map((name) => [contracts[name].address.toLowerCase(), name]));
  const events: DecodedEvent[] = [];
  const unknown: RawLog[] = [];
  for (const log of logs) {
    const contract = byAddress.get(log.address.toLowerCase());
    const parsed = contract && INTERFACES[contract].parseLog({ topics: [...log.topics], data: log.data });
    if (!contract || !parsed) {
      unknown.push(log);
      continue;
    }
    const args = Object.fromEntries(
      parsed.fragment.inputs.map((input, i) => [input.name, toPlain(parsed.args[i], input)]),
    );
    events.push({
      block: log.blockNumber,
      logIndex: log.index,
      txHash: log.transactionHash,
      contract,
      address: log.address,
      name: parsed.name,
      args,
    });
  }
  events.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  return { events, unknown };
}
