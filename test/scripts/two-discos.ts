import { readFileSync, rmSync } from "node:fs";
import { expect } from "chai";
import { join } from "node:path";
import { main } from "../../scripts/cli.ts";
import { clientOver, type ChainProvider, type Connect } from "../../scripts/cli/network.ts";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import {
  DEMO_PARAMETERS,
  deployDisCO,
  factoryParamsForEthers,
  type DisCOParameters,
} from "../../scripts/lib/deploy.ts";
import { deploymentPath, ROOT, writeDeployment, type DeploymentsFile } from "../../scripts/lib/deployments.ts";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";

/*
 * Two DisCOs started through one factory on the in-process chain, as `npm start` starts them (ignition/parameters/
 * localhost.json's "Demo DisCO" and "Small DisCO"), with a deployments file of their own that records the first only:
 * what the tests of --disco, `discos`, `create` and the audit's --disco run on.
 */

/** localhost.json's second DisCO, as npm start starts it beside the demo. */
export const SMALL_PARAMETERS = (
  JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "localhost.json"), "utf8")) as {
    SmallDisCO: DisCOParameters;
  }
).SmallDisCO;

/** The network name the tests' deployments file is written under (deployments/<name>.json), one per process. */
export const NETWORK = `cli-test-${process.pid}`;

/** Starts `count` DisCOs with `parameters` through `factory` (as anyone may), recorded nowhere. */
export async function startThrough(factory: string, parameters: DisCOParameters & { currency: string }, count = 1) {
  const contract = await connection.ethers.getContractAt("DisCOFactory", factory);
  for (let i = 0; i < count; i++) await (await contract.create(factoryParamsForEthers(parameters))).wait();
}

/**
 * The demo DisCO, deployed as npm start deploys it, and the small one started through its factory in its currency
 * (on the in-process chain each Ignition deployment has a journal of its own, so a second deployDisCO would deploy a
 * second factory).
 */
export async function twoDisCOs() {
  const demo = await deployDisCO(connection, DEMO_PARAMETERS);
  const currency = demo.deployment.contracts.token.address;
  const factory = demo.chain.factory?.address as string;
  await startThrough(factory, { ...SMALL_PARAMETERS, currency });
  const [, small] = await discoverDisCOs(publicClient(connection), { ...demo.deployment, factory: demo.chain.factory });
  return { demo, small, currency, factory };
}

/**
 * Writes deployments/<NETWORK>.json afresh with the demo alone (and the factory), as a test starts: the file is no
 * part of the chain, so loadFixture's snapshot does not restore it. Returns it as written.
 */
export function recordDemo(discos: Awaited<ReturnType<typeof twoDisCOs>>): DeploymentsFile {
  const path = writeDeployment({ ...discos.demo.deployment, network: NETWORK }, discos.demo.chain, true);
  return JSON.parse(readFileSync(path, "utf8")) as DeploymentsFile;
}

/** Removes the tests' deployments file. */
export const forgetDeployments = (): void => rmSync(deploymentPath(NETWORK), { force: true });

/** The CLI's way to the in-process chain, left open after each command (the tests share it). */
export const inProcess: Connect = async () => ({
  provider: connection.provider as ChainProvider,
  client: clientOver(connection.provider as ChainProvider),
  url: "the in-process chain",
  hardhat: connection,
  close: async () => {},
});

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, "g");

/**
 * Runs the CLI in-process, collecting what it prints: its usage and refusals, and what the commands print on the
 * console. `connect` reaches a chain (usage and refusals need none).
 */
export async function runCli(argv: readonly string[], connect?: Connect) {
  const [out, err]: [string[], string[]] = [[], []];
  const log = console.log;
  console.log = (...values: unknown[]) => out.push(values.join(" "));
  try {
    const status = await main(argv, { print: (t) => out.push(t), printError: (t) => err.push(t), connect });
    // Colours, if the terminal would get them, are no part of the text.
    const plain = (lines: string[]) => lines.join("\n").replace(ANSI, "");
    return { status, out: plain(out), err: plain(err) };
  } finally {
    console.log = log;
  }
}

/** runCli on the in-process chain, with --network NETWORK. */
export const cliOnChain = (...argv: string[]) => runCli([...argv, "--network", NETWORK], inProcess);

/** A CLI run on the in-process chain that succeeds, silent on standard error; its output. */
export async function cliOk(...argv: string[]): Promise<string> {
  const result = await cliOnChain(...argv);
  expect([result.status, result.err], result.out).to.deep.equal([0, ""]);
  return result.out;
}

/** A CLI run on the in-process chain that fails (status 1) with `message` on standard error. */
export async function cliRefused(argv: string[], message: string | RegExp): Promise<void> {
  const result = await cliOnChain(...argv);
  expect(result.status, result.out).to.equal(1);
  if (typeof message === "string") expect(result.err).to.contain(message);
  else expect(result.err).to.match(message);
}
