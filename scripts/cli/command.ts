/**
 * How a CLI command is declared: citty's typed arguments plus the options every command takes, checked strictly (an
 * unknown option or a stray argument is a usage error, not silently ignored), run against the chain of --network.
 */
import { defineCommand, type ArgsDef, type CommandDef, type ParsedArgs } from "citty";
import { deploymentsFileOf, type DeploymentsFile } from "../lib/deployments.ts";
import { createContext, UsageError, type Context } from "./context.ts";
import { chooseDisCO, connectNetwork, type ChainConnection, type Connect } from "./network.ts";

/** The options of every command that speaks to a chain. */
export const CHAIN_ARGS = {
  network: {
    type: "string",
    description: "deployments/<name>.json, on hardhat.config.ts's network <name>",
    valueHint: "name",
    default: "localhost",
  },
  rpc: {
    type: "string",
    description: "JSON-RPC URL instead of the network's (DISCO_PORT moves localhost's port)",
    valueHint: "url",
  },
  account: {
    type: "string",
    description: "act as the network's account n (hardhat.config.ts's accounts); else DISCO_PRIVATE_KEY's key",
    valueHint: "n",
  },
} as const satisfies ArgsDef;

/** Which of the network's DisCOs a command works on. */
export const DISCO_ARG = {
  disco: {
    type: "string",
    description:
      "the DisCO: its name in deployments/<network>.json, or any DisCO's name or contract address (`discos` lists " +
      "them); else the file's first",
    valueHint: "name|address",
  },
} as const satisfies ArgsDef;

/** The options every command on a DisCO takes. */
export const NETWORK_ARGS = { ...CHAIN_ARGS, ...DISCO_ARG } as const satisfies ArgsDef;

/** What a run is given besides its command line (citty's `data`): how to reach the network, for tests. */
export interface RunEnv {
  connect?: Connect;
}

/** A mistake in how the command line is written (an unknown option, a stray argument): its usage is shown. */
export class ArgumentError extends UsageError {}

/** Each command's whole description, shown under its usage by `<command> --help`; the list shows its first sentence. */
export const DETAILS = new WeakMap<CommandDef<never>, string>();

/** The first sentence of a description (all of it when it has no full stop), on one line: what the command list shows. */
const summary = (description: string) => (/^.*?\.(?=\s|$)/s.exec(description)?.[0] ?? description).replace(/\s+/g, " ");

/**
 * Refuses an option the command does not declare and more arguments than it takes (unless `rest`), with Node's
 * parseArgs wording: "Unknown option '--x'", "Unexpected argument 'y'".
 */
export function checkStrictly(rawArgs: readonly string[], args: ArgsDef, rest = false): void {
  const takesValue = (name: string) => args[name] !== undefined && args[name].type !== "boolean";
  const positionals = Object.values(args).filter((a) => a.type === "positional").length;
  let seen = 0;
  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i];
    if (arg === "--") break;
    if (arg.startsWith("-") && arg !== "-") {
      const [flag, inline] = arg.replace(/^--?/, "").split("=", 2);
      const name = flag.startsWith("no-") && args[flag.slice(3)]?.type === "boolean" ? flag.slice(3) : flag;
      if (args[name] === undefined && name !== "help") throw new ArgumentError(`Unknown option '${arg.split("=")[0]}'`);
      if (inline === undefined && takesValue(name)) i++;
    } else if (++seen > positionals && !rest) {
      throw new ArgumentError(`Unexpected argument '${arg}'`);
    }
  }
}

/** The positional arguments after the declared ones: a command's variadic tail (`claim 1 2 3`). */
export const restOf = (parsed: { _: string[] }, declared: number): string[] => parsed._.slice(declared);

/** What a command on a chain works with: the connection and the network's deployments file. */
export interface OnChain {
  chain: ChainConnection;
  file: DeploymentsFile;
}

/**
 * A command run on the chain of --network: the chain options added to its own, its arguments checked, the network's
 * deployments file read and the chain connected for the run, and closed after it.
 */
export function chainCommand<const A extends ArgsDef>(definition: {
  name: string;
  description: string;
  args: A;
  /** Takes any number of positional arguments after the declared ones. */
  rest?: boolean;
  run: (on: OnChain, args: ParsedArgs<typeof CHAIN_ARGS & A>) => Promise<void>;
}): CommandDef<typeof CHAIN_ARGS & A> {
  const args: typeof CHAIN_ARGS & A = { ...CHAIN_ARGS, ...definition.args };
  const defined = defineCommand({
    meta: { name: definition.name, description: summary(definition.description) },
    args,
    async run({ args: parsed, rawArgs, data }) {
      checkStrictly(rawArgs, args, definition.rest);
      const file = deploymentsFileOf(parsed.network);
      const connect = (data as RunEnv | undefined)?.connect ?? connectNetwork;
      const chain = await connect(parsed.network, parsed.rpc);
      try {
        await definition.run({ chain, file }, parsed);
      } finally {
        await chain.close();
      }
    },
  });
  DETAILS.set(defined as CommandDef<never>, definition.description);
  return defined;
}

/**
 * A command run against a DisCO: chainCommand's, with --disco; the DisCO chosen (chooseDisCO: the chain checked to
 * be the deployment's) before the command reads anything.
 */
export function command<const A extends ArgsDef>(definition: {
  name: string;
  description: string;
  args: A;
  /** Takes any number of positional arguments after the declared ones. */
  rest?: boolean;
  run: (ctx: Context, args: ParsedArgs<typeof NETWORK_ARGS & A>) => Promise<void>;
}): CommandDef<typeof NETWORK_ARGS & A> {
  return chainCommand({
    ...definition,
    args: { ...DISCO_ARG, ...definition.args },
    async run({ chain, file }, parsed) {
      const deployment = await chooseDisCO(chain, file, parsed.disco, parsed.network);
      const ctx = await createContext(deployment, chain.provider, chain.client, parsed.account);
      // The same arguments, typed as the command declared them (the intersection in another order).
      await definition.run(ctx, parsed as ParsedArgs<typeof NETWORK_ARGS & A>);
    },
  });
}
