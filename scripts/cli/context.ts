/**
 * What every CLI command works with: the deployment, its contracts as typed viem views, the names beside addresses,
 * who acts, and how a transaction is sent and a failure told.
 */
import {
  createWalletClient,
  custom,
  getAddress,
  getContract,
  isAddress,
  type Abi,
  type Account,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  auditAbi,
  capitalAbi,
  governorAbi,
  ledgerAbi,
  membershipAbi,
  tokenAbi,
  treasuryAbi,
  discoAbis,
} from "@disco-ledger/sdk/abis";
import { revertMessage } from "@disco-ledger/sdk/errors";
import { demoNames, named, type Names } from "@disco-ledger/sdk/format";
import { contractRegistry, type KnownContract } from "@disco-ledger/sdk/proposals";
import { isLocalChain, type Deployment } from "../lib/deployments.ts";
import type { ChainProvider } from "./network.ts";

/** A mistake in what the user typed: shown as it is, without a stack, exit status 2. */
export class UsageError extends Error {}

/** The chain can't be reached, or is not the one the deployment describes (network.ts): nothing was read or sent. */
export class ChainError extends UsageError {}

/** The deployment's contracts, read through one client. */
function views(deployment: Deployment, client: PublicClient) {
  const c = deployment.contracts;
  const at = <const abi extends Abi>(address: string, abi: abi) =>
    getContract({ address: address as Address, abi, client });
  return {
    governor: at(c.governor.address, governorAbi),
    membership: at(c.membership.address, membershipAbi),
    ledger: at(c.ledger.address, ledgerAbi),
    treasury: at(c.treasury.address, treasuryAbi),
    capital: at(c.capital.address, capitalAbi),
    audit: at(c.audit.address, auditAbi),
    token: at(c.token.address, tokenAbi),
  };
}

export type Contracts = ReturnType<typeof views>;

export interface Context extends Contracts {
  deployment: Deployment;
  provider: ChainProvider;
  client: PublicClient;
  /** The deployment's contracts with their ABIs, as the proposal builders take them. */
  registry: KnownContract[];
  /** The DisCO's contracts by address, and the demo's people on the local chain (elsewhere names stay off-chain). */
  names: Names;
  /** `--account <n>`, if given. */
  account?: string;
}

export async function createContext(
  deployment: Deployment,
  provider: ChainProvider,
  client: PublicClient,
  account?: string,
): Promise<Context> {
  const accounts = isLocalChain(deployment.chainId) ? await provider.request({ method: "eth_accounts" }) : [];
  // The DisCO's own contracts are named too: a proposal's call to the ledger reads "0x… (ledger contract)".
  const contracts = Object.entries(deployment.contracts).map(
    ([name, { address }]) => [address.toLowerCase(), `${name} contract`] as const,
  );
  return {
    ...views(deployment, client),
    deployment,
    provider,
    client,
    registry: contractRegistry(deployment.contracts, discoAbis as Record<string, Abi>),
    names: new Map([...contracts, ...demoNames(accounts)]),
    account,
  };
}

/** An address with the person's name beside it, when the demo knows them. */
export const who = (ctx: Pick<Context, "names">, address: string): string => named(address, ctx.names);

/**
 * Who sends a command's transactions: the network's account n (--account n: the local chain's dev accounts, or the
 * accounts hardhat.config.ts gives the network, its configuration variables and keystore included), else the key in
 * DISCO_PRIVATE_KEY.
 */
export async function walletOn(
  provider: ChainProvider,
  account: string | undefined,
): Promise<WalletClient & { account: Account }> {
  const transport = custom(provider);
  if (account !== undefined) {
    if (!/^\d+$/.test(account)) throw new UsageError(`--account takes an account number, not "${account}"`);
    const accounts = await provider.request({ method: "eth_accounts" });
    const address = accounts[Number(account)];
    if (address === undefined)
      throw new UsageError(`The network has ${accounts.length} accounts, no account ${account}`);
    return createWalletClient({ account: getAddress(address), transport });
  }
  const key = process.env.DISCO_PRIVATE_KEY;
  if (!key) throw new UsageError("This command sends a transaction: give --account <n> or set DISCO_PRIVATE_KEY");
  return createWalletClient({ account: privateKeyToAccount(key as `0x${string}`), transport });
}

const wallets = new WeakMap<Context, Promise<WalletClient & { account: Account }>>();

/** The acting account's wallet, made once per run. */
export function wallet(ctx: Context): Promise<WalletClient & { account: Account }> {
  let made = wallets.get(ctx);
  if (made === undefined) {
    made = walletOn(ctx.provider, ctx.account);
    wallets.set(ctx, made);
  }
  return made;
}

/** The acting account's address. */
export const actor = async (ctx: Context): Promise<Address> => (await wallet(ctx)).account.address;

type Writable = "nonpayable" | "payable";

/**
 * Sends a contract call as the acting account: simulated first, so that a refusal is told before anything is sent,
 * then mined. Returns the receipt.
 */
export async function send<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Writable>,
  args extends ContractFunctionArgs<abi, Writable, name>,
>(ctx: Context, call: { address: Address; abi: abi; functionName: name; args: args }): Promise<TransactionReceipt> {
  return sendFrom(ctx.client, await wallet(ctx), call);
}

/** send's call from any wallet on any client: for what is sent before there is a DisCO (`create`). */
export async function sendFrom<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Writable>,
  args extends ContractFunctionArgs<abi, Writable, name>,
>(
  client: PublicClient,
  sender: WalletClient & { account: Account },
  call: { address: Address; abi: abi; functionName: name; args: args },
): Promise<TransactionReceipt> {
  const { request } = await client.simulateContract({
    address: call.address,
    abi: call.abi as Abi,
    functionName: call.functionName,
    args: call.args as readonly unknown[],
    account: sender.account,
  });
  const hash = await sender.writeContract({ ...request, chain: null });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`Transaction ${hash} reverted in block ${receipt.blockNumber}`);
  return receipt;
}

export function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`Missing ${what}`);
  return value;
}

export function parseAddress(value: string | undefined, what: string): Address {
  const address = need(value, what);
  if (!isAddress(address, { strict: false })) throw new UsageError(`Not an address for ${what}: ${address}`);
  return address;
}

/** An error as a person reads it: a usage error as is, a contract's refusal by its error, arguments and sentence. */
export function explain(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  return revertMessage(error);
}
