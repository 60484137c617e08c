/** What every CLI command works with: the deployment, its contracts, who acts, and the command's options. */
import { JsonRpcProvider, Wallet, isAddress, type Signer } from "ethers";
import type {
  CapitalAccounts,
  DisCOGovernor,
  Membership,
  Treasury,
  ValueLedger,
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
  if (ctx.account !== undefined) {
    if (ctx.deployment.chainId !== LOCAL_CHAIN_ID) throw new UsageError("--account works on the local chain only");
    return ctx.provider.getSigner(Number(ctx.account));
  }
  const key = process.env.DISCO_PRIVATE_KEY;
  if (!key) throw new UsageError("This command sends a transaction: give --account <n> or set DISCO_PRIVATE_KEY");
  return new Wallet(key, ctx.provider);
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
