/**
 * How a CLI command is declared: citty's typed arguments plus the options every command takes, checked strictly (an
 * unknown option or a stray argument is a usage error, not silently ignored), run against the chain of --network.
 */
import { defineCommand, type ArgsDef, type CommandDef, type ParsedArgs } from "citty";
import { readDeployment } from "../lib/deployments.ts";
import { createContext, UsageError, type Context } from "./context.ts";
import { checkDeploymentChain, connectNetwork } from "./network.ts";

/** The options every command takes. */
export const NETWORK_ARGS = {
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

/**
 * A command run against a deployment: the network options added to its own, its arguments checked, the chain
 * connected for the run (and checked to be the deployment's) and closed after it.
 */
export function command<const A extends ArgsDef>(definition: {
  name: string;
  description: string;
  args: A;
  /** Takes any number of positional arguments after the declared ones. */
  rest?: boolean;
  run: (ctx: Context, args: ParsedArgs<typeof NETWORK_ARGS & A>) => Promise<void>;
}): CommandDef<typeof NETWORK_ARGS & A> {
  const args: typeof NETWORK_ARGS & A = { ...NETWORK_ARGS, ...definition.args };
  const defined = defineCommand({
    meta: { name: definition.name, description: summary(definition.description) },
    args,
    async run({ args: parsed, rawArgs }) {
      checkStrictly(rawArgs, args, definition.rest);
      const deployment = readDeployment(parsed.network);
      const chain = await connectNetwork(parsed.network, parsed.rpc);
      try {
        await checkDeploymentChain(chain, deployment, parsed.network);
        await definition.run(await createContext(deployment, chain.provider, chain.client, parsed.account), parsed);
      } finally {
        await chain.close();
      }
    },
  });
  DETAILS.set(defined as CommandDef<never>, definition.description);
  return defined;
}
