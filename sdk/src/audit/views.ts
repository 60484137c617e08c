/**
 * A deployment's contracts as typed views on one viem client, and many view calls read together: in rounds of
 * concurrent calls, which a client with JSON-RPC batching (`http(url, { batch: true })`) sends as one request a
 * round. Browser-safe.
 */
import {
  getContract,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type ContractFunctionReturnType,
  type GetContractReturnType,
  type PublicClient,
} from "viem";
import {
  auditAbi,
  capitalAbi,
  governorAbi,
  ledgerAbi,
  membershipAbi,
  tokenAbi,
  treasuryAbi,
} from "../generated/abis.ts";
import type { Deployment } from "../deployment.ts";

/** A contract of the deployment, read through the client: `views.ledger.read.isFinal([period])`. */
export type ViewContract<abi extends Abi> = GetContractReturnType<abi, PublicClient>;

/** The deployment's contracts as views, and block headers, from one client. */
export interface AuditViews {
  client: PublicClient;
  membership: ViewContract<typeof membershipAbi>;
  ledger: ViewContract<typeof ledgerAbi>;
  governor: ViewContract<typeof governorAbi>;
  treasury: ViewContract<typeof treasuryAbi>;
  capital: ViewContract<typeof capitalAbi>;
  audit: ViewContract<typeof auditAbi>;
  /** The currency: only the ERC-20 views (balanceOf, decimals, symbol) are read. */
  token: ViewContract<typeof tokenAbi>;
}

/** The views of a deployment on `client`. */
export function connectViews(deployment: Pick<Deployment, "contracts">, client: PublicClient): AuditViews {
  const c = deployment.contracts;
  const at = <const abi extends Abi>(address: string, abi: abi) =>
    getContract({ address: address as Address, abi, client });
  return {
    client,
    membership: at(c.membership.address, membershipAbi),
    ledger: at(c.ledger.address, ledgerAbi),
    governor: at(c.governor.address, governorAbi),
    treasury: at(c.treasury.address, treasuryAbi),
    capital: at(c.capital.address, capitalAbi),
    audit: at(c.audit.address, auditAbi),
    token: at(c.token.address, tokenAbi),
  };
}

type ViewName<abi extends Abi> = ContractFunctionName<abi, "pure" | "view">;
type ViewArgs<abi extends Abi, name extends ViewName<abi>> = ContractFunctionArgs<abi, "pure" | "view", name>;
type ViewResult<
  abi extends Abi,
  name extends ViewName<abi>,
  args extends ViewArgs<abi, name>,
> = ContractFunctionReturnType<abi, "pure" | "view", name, args>;

/** One view call, and what to make of its answer. */
export interface ViewCall<T = unknown> {
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  shape: (answer: unknown) => T;
}

/**
 * A typed view call of `contract` (a ViewContract, or any address and ABI): its arguments and its answer, as
 * `shape` receives it, are typed by the ABI.
 */
export function view<
  const abi extends Abi,
  name extends ViewName<abi>,
  const args extends ViewArgs<abi, name>,
  T = ViewResult<abi, name, args>,
>(
  contract: { address: Address; abi: abi },
  functionName: name,
  args: args,
  shape?: (answer: ViewResult<abi, name, args>) => T,
): ViewCall<T> {
  return {
    address: contract.address,
    abi: contract.abi,
    functionName,
    args: args as readonly unknown[],
    shape: (shape ?? ((answer) => answer)) as (answer: unknown) => T,
  };
}

export interface ReadOptions {
  /** The block to read every view at. */
  blockNumber?: number;
  /** View calls in flight at once (default 50). */
  concurrency?: number;
}

/** The answers of many view calls, shaped, in their order; throws if any of them reverts. */
export async function readViews<T>(
  client: PublicClient,
  calls: ReadonlyArray<ViewCall<T>>,
  options: ReadOptions = {},
): Promise<T[]> {
  const blockNumber = options.blockNumber === undefined ? undefined : BigInt(options.blockNumber);
  const concurrency = options.concurrency ?? 50;
  const answers: T[] = [];
  for (let i = 0; i < calls.length; i += concurrency) {
    const round = calls.slice(i, i + concurrency);
    const read = await Promise.all(round.map(({ shape, ...call }) => client.readContract({ ...call, blockNumber })));
    for (const [j, answer] of read.entries()) answers.push(round[j].shape(answer));
  }
  return answers;
}
