/** What every CLI command works with: the deployment, its contracts, who acts, and the command's options. */
import { JsonRpcProvider, Wallet, isAddress, type Provider, type Signer } from "ethers";
import {
  CapitalAccounts__factory,
  DemoEuro__factory,
  DisCOGovernor__factory,
  Membership__factory,
  TimelockController__factory,
  Treasury__factory,
  ValueLedger__factory,
  type CapitalAccounts,
  type DisCOGovernor,
  type Membership,
  type Treasury,
  type ValueLedger,
} from "../../types/ethers-contracts/index.js";
import type { Deployment } from "../lib/deployments.ts";

const LOCAL_CHAIN_ID = 31337;

export type Options = Record<string, string | boolean | undefined>;

export interface Context {
  deployment: Deployment;
  provider: JsonRpcProvider;
  governor: DisCOGovernor;
  membership: Membership;
  ledger: ValueLedger;
  treasury: Treasury;
  capital: CapitalAccounts;
  account?: string;
  options: Options;
}

/** A mistake in what the user typed: shown as it is, without a stack. */
export class UsageError extends Error {}

export async function signer(ctx: Context): Promise<Signer> {
  return signerOn(ctx.provider, ctx.deployment.chainId, ctx.account);
}

/** A provider that also hands out its node's accounts: JSON-RPC's, or Hardhat's in-process one in tests. */
export type AccountsProvider = Provider & { getSigner(index: number): Promise<Signer> };

/**
 * Who sends a command's transactions: the local chain's dev account `account` (--account n), or elsewhere the key
 * in DISCO_PRIVATE_KEY.
 */
export async function signerOn(provider: AccountsProvider, chainId: number, account?: string): Promise<Signer> {
  if (account !== undefined) {
    if (chainId !== LOCAL_CHAIN_ID) throw new UsageError("--account works on the local chain only");
    if (!/^\d+$/.test(account)) throw new UsageError(`--account takes a dev account number, not "${account}"`);
    return provider.getSigner(Number(account));
  }
  const key = process.env.DISCO_PRIVATE_KEY;
  if (!key) throw new UsageError("This command sends a transaction: give --account <n> or set DISCO_PRIVATE_KEY");
  return new Wallet(key, provider);
}

/** The JSON-RPC URL: --rpc, else DISCO_RPC_URL, else the local chain's for the localhost deployment. */
export function rpcUrl(deployment: Deployment, rpc: string | undefined): string {
  const url =
    rpc ?? process.env.DISCO_RPC_URL ?? (deployment.network === "localhost" ? "http://127.0.0.1:8545" : undefined);
  if (!url) throw new UsageError(`No RPC URL for ${deployment.network}: give --rpc or set DISCO_RPC_URL`);
  return url;
}

export function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`Missing ${what}`);
  return value;
}

export function parseAddress(value: string | undefined, what: string): string {
  const address = need(value, what);
  if (!isAddress(address)) throw new UsageError(`Not an address for ${what}: ${address}`);
  return address;
}

/** The revert data somewhere in an error from ethers or the node, if any. */
function revertData(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== "object" || error === null) return undefined;
  const { data } = error as { data?: unknown };
  if (typeof data === "string" && /^0x[0-9a-f]{8}/i.test(data)) return data;
  for (const inner of Object.values(error)) {
    const found = revertData(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** An error as a person reads it: a usage error as is, a contract's custom error by name and arguments. */
export function explain(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  const data = revertData(error);
  if (data) {
    const interfaces = [
      DisCOGovernor__factory.createInterface(),
      Membership__factory.createInterface(),
      TimelockController__factory.createInterface(),
      ValueLedger__factory.createInterface(),
      Treasury__factory.createInterface(),
      CapitalAccounts__factory.createInterface(),
      DemoEuro__factory.createInterface(),
    ];
    for (const iface of interfaces) {
      const parsed = iface.parseError(data);
      if (parsed) return `The contract refused: ${parsed.name}(${parsed.args.join(", ")})`;
    }
  }
  const e = error as Error & { shortMessage?: string };
  return e.shortMessage ?? e.message;
}
