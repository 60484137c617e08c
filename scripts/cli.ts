/**
 * The DisCO from the command line, for members who don't use the dApp. `npm run cli -- --help`, or
 * `npm run cli -- <command> --help` for one command's options. Exit status: 0 done, 1 failed (the contract's
 * refusal named), 2 a usage error.
 */
import { pathToFileURL } from "node:url";
import { defineCommand, renderUsage, runCommand, type CommandDef, type SubCommandsDef } from "citty";
import { CAPITAL_COMMANDS } from "./cli/capital.ts";
import { ArgumentError, DETAILS, type RunEnv } from "./cli/command.ts";
import { explain } from "./cli/context.ts";
import { CREDIT_COMMANDS } from "./cli/credit.ts";
import { DISCO_COMMANDS } from "./cli/discos.ts";
import { FEDERATION_COMMANDS } from "./cli/federation.ts";
import { GOVERNANCE_COMMANDS } from "./cli/governance.ts";
import { LEDGER_COMMANDS } from "./cli/ledger.ts";
import { TREASURY_COMMANDS } from "./cli/treasury.ts";

const COMMANDS: SubCommandsDef = {
  ...DISCO_COMMANDS,
  ...GOVERNANCE_COMMANDS,
  ...LEDGER_COMMANDS,
  ...TREASURY_COMMANDS,
  ...CAPITAL_COMMANDS,
  ...FEDERATION_COMMANDS,
  ...CREDIT_COMMANDS,
};

export const cli = defineCommand({
  meta: {
    name: "npm run cli --",
    description:
      "A DisCO's books and democracy from the command line. Each command takes --network, --rpc and --account, and " +
      "those on one DisCO --disco.",
  },
  subCommands: COMMANDS,
});

/** Where the usage and a failure are printed (the commands print their results on standard output). */
export interface CliOutput {
  print(text: string): void;
  printError(text: string): void;
}

/** A run's output, and how its command reaches the network (RunEnv: a test's in-process chain). */
export type CliEnv = CliOutput & RunEnv;

const CONSOLE: CliOutput = { print: (text) => console.log(text), printError: (text) => console.error(text) };

/** Runs the command line `argv`; returns the exit status. */
export async function main(argv: readonly string[], env: CliEnv = CONSOLE): Promise<number> {
  const { print, printError } = env;
  const rawArgs = [...argv];
  const name = rawArgs.find((arg) => !arg.startsWith("-"));
  // Every command is a plain CommandDef (none is resolved lazily).
  const chosen = name === undefined ? undefined : (COMMANDS[name] as CommandDef | undefined);
  const usage = async () => {
    if (!chosen) return renderUsage(cli);
    const details = DETAILS.get(chosen as CommandDef<never>);
    return `${await renderUsage(chosen, cli)}${details ? `\n${details}\n` : ""}`;
  };
  if (rawArgs.includes("--help") || rawArgs.includes("-h") || rawArgs.length === 0) {
    print(await usage());
    return 0;
  }
  if (chosen === undefined) {
    printError(`${await usage()}\nUnknown command ${name === undefined ? "" : `"${name}"`}`);
    return 2;
  }
  try {
    // The command itself, as citty would run it, with what it is given besides its arguments (citty passes a
    // command's data on to none of its subcommands).
    const data: RunEnv = { connect: env.connect };
    await runCommand(chosen, { rawArgs: rawArgs.slice(rawArgs.indexOf(name as string) + 1), data });
    return 0;
  } catch (error) {
    // A command line written wrong (citty's refusals, a missing argument, and ours) shows the usage, status 2;
    // anything refused on the way (a value, the contract) is told, status 1.
    const written = error instanceof ArgumentError || (error as { name?: string }).name === "CLIError";
    printError(written ? `${explain(error)}\n\n${await usage()}` : explain(error));
    return written ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
