/** The CLI's commands on a network's DisCOs rather than one DisCO's books: list them, start a new one. */
import { readFileSync } from "node:fs";
import type { Address, ContractFunctionArgs } from "viem";
import { factoryAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import { disCOsCreated } from "@disco-ledger/sdk/discovery";
import { isoTime, printable } from "@disco-ledger/sdk/format";
import { DEFAULT_CURRENCY_DECIMALS } from "../../ignition/modules/DisCO.ts";
import {
  checkCurrencyContract,
  checkParameters,
  DeployParametersError,
  factoryParams,
  type DisCOParameters,
} from "../lib/deploy.ts";
import { isLocalChain, recordedDisCO, writeDeployment, type DeploymentsFile } from "../lib/deployments.ts";
import { chainCommand } from "./command.ts";
import { sendFrom, UsageError, walletOn } from "./context.ts";
import { checkFileChain, discoverOn } from "./network.ts";

const fileName = (file: Pick<DeploymentsFile, "network">) => `deployments/${file.network}.json`;

const plural = (count: bigint, one: string, many: string) => `${count} ${count === 1n ? one : many}`;

const discos = chainCommand({
  name: "discos",
  description: `Lists every DisCO the network's factory started. Oldest first: its name, when it started, its
membership contract, how many members it has, and whether deployments/<network>.json records it. Any of them can be
named with --disco, by its name or one of its addresses.`,
  args: {},
  async run({ chain, file }, args) {
    const found = await discoverOn(chain, file, args.network);
    console.log(`${plural(BigInt(found.length), "DisCO", "DisCOs")} started by the factory ${file.factory?.address}:`);
    for (const disco of found) {
      const membership = disco.contracts.membership.address as Address;
      const [block, members] = await Promise.all([
        chain.client.getBlock({ blockNumber: BigInt(disco.startBlock) }),
        chain.client.readContract({ address: membership, abi: membershipAbi, functionName: "memberCount" }),
      ]);
      const recorded = recordedDisCO(file, membership);
      console.log(`  "${printable(disco.name)}", started ${isoTime(block.timestamp)}`);
      console.log(
        `    membership ${membership}, ${plural(members, "member", "members")}; ` +
          (recorded ? `recorded in ${fileName(file)} as "${recorded.name}"` : `not recorded in ${fileName(file)}`),
      );
    }
  },
});

/**
 * The parameters in the file at `path`: one DisCO's, as they stand in ignition/parameters/<network>.json under its
 * module id, or bare.
 */
export function readParameters(path: string): DisCOParameters {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UsageError(`Cannot read the parameters in ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(
      `${path} holds no parameters: a JSON object with "name", "founders" and "currency" is needed.`,
    );
  }
  const entries = Object.values(parsed);
  const bare = "founders" in parsed || "name" in parsed;
  if (!bare && (entries.length !== 1 || typeof entries[0] !== "object" || entries[0] === null)) {
    throw new UsageError(
      `${path} holds ${entries.length} entries (${Object.keys(parsed).join(", ") || "none"}): one DisCO's ` +
        `parameters are needed, bare or under one id, as in ignition/parameters/<network>.json.`,
    );
  }
  const parameters = (bare ? parsed : entries[0]) as DisCOParameters;
  if (!Array.isArray(parameters.founders)) {
    throw new UsageError(`${path}: "founders" is not a list: each founder is { "account", "stage", ... }.`);
  }
  return parameters;
}

type CreateArgs = ContractFunctionArgs<typeof factoryAbi, "nonpayable", "create">;

const create = chainCommand({
  name: "create",
  description: `Starts a new DisCO from a parameters file, and records it in deployments/<network>.json. It is started
through the network's factory (the one that file names) in one transaction sent by you (--account, or
DISCO_PRIVATE_KEY's key), who keep no power in it, and recorded under its name. <parameters> is a JSON file with its founding rules, as one entry of
ignition/parameters/<network>.json gives them (bare, or as { "<id>": { ... } }):
  "name"        the DisCO's name, new in deployments/<network>.json (its membership token's name too);
  "founders"    the founding members, each { "account", "stage", "constituency", "mentor" }: at least one Committed
                (stage 5), mentors before the members they mentor;
  "currency"    the address of the ERC-20 its treasury holds, with "currencyDecimals" (6 unless given);
and, else DESIGN.md's defaults: "symbol", "constituencies", "treasurers", "buckets" (livelihood, love and care in
basis points, summing to 10000), "wageRatioCap" (times 100: 600 is 6:1), "timelockDelay" (seconds),
"governorSettings", "ledgerSettings", "capitalSettings". Everything is checked before anything is sent.`,
  args: {
    parameters: { type: "positional", description: "the DisCO's parameters (a JSON file)", required: true },
  },
  async run({ chain, file }, args) {
    const parameters = readParameters(args.parameters);
    const refused = (error: unknown): never => {
      if (error instanceof DeployParametersError) throw new UsageError(`${args.parameters}: ${error.message}`);
      throw error;
    };
    try {
      checkParameters(args.network, parameters, isLocalChain(file.chainId));
    } catch (error) {
      refused(error);
    }
    const { currency } = parameters;
    if (currency === undefined) {
      throw new UsageError(`${args.parameters}: "currency" is missing: the address of the ERC-20 its treasury holds.`);
    }
    if (Object.hasOwn(file.discos, parameters.name)) {
      throw new UsageError(
        `${args.parameters}: "name": ${fileName(file)} already records a DisCO "${parameters.name}": choose another.`,
      );
    }
    if (file.factory === undefined) {
      throw new UsageError(`${fileName(file)} names no factory: deploy one first (npm run deploy).`);
    }
    await checkFileChain(chain, file, args.network);
    await checkCurrencyContract(
      chain.hardhat,
      currency,
      parameters.currencyDecimals ?? DEFAULT_CURRENCY_DECIMALS,
    ).catch(refused);

    const sender = await walletOn(chain.provider, args.account);
    const receipt = await sendFrom(chain.client, sender, {
      address: file.factory.address as Address,
      abi: factoryAbi,
      functionName: "create",
      // The struct as the deploy script builds it; its numbers are encoded as the ABI says.
      args: [factoryParams({ ...parameters, currency })] as unknown as CreateArgs,
    });
    const [created] = disCOsCreated(receipt.logs, file);
    console.log(`Started the DisCO "${created.name}" in block ${receipt.blockNumber} (tx ${receipt.transactionHash}):`);
    for (const [name, { address }] of Object.entries(created.contracts)) console.log(`  ${name.padEnd(11)} ${address}`);
    console.log(`Recorded in ${writeDeployment({ ...created, network: args.network })}`);
  },
});

export const DISCO_COMMANDS = { discos, create };
