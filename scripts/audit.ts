/**
 * `npm run audit`: rebuild a DisCO's books from its logs alone, reconcile them with the contracts' views, check the
 * bylaws, export the tables, and optionally attest a period's books on chain. `npm run audit -- --help`.
 */
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { defineCommand, parseArgs, renderUsage } from "citty";
import type { PublicClient } from "viem";
import { decodeRevert } from "@disco-ledger/sdk/errors";
import {
  auditTables,
  auditHistory,
  connectViews,
  exitStatus,
  renderReport,
  toJson,
  type AuditReport,
  type AuditViews,
} from "@disco-ledger/sdk/audit";
import { explain, UsageError, walletOn } from "./cli/context.ts";
import { checkStrictly, NETWORK_ARGS } from "./cli/command.ts";
import {
  checkDeploymentChain,
  chooseDisCO,
  clientOver,
  discoverOn,
  connectNetwork,
  type ChainConnection,
  type ChainProvider,
} from "./cli/network.ts";
import { discoverDisCOs, type FactoryChain } from "@disco-ledger/sdk/discovery";
import { blockTimesFile, historyCacheKey } from "./lib/audit/cache.ts";
import { auditCredit } from "./lib/audit/credit.ts";
import { auditFederation, RecordRefused } from "./lib/audit/federation.ts";
import { writeAudit } from "./lib/audit/write.ts";
import { deploymentsFileOf, ROOT, type Deployment } from "./lib/deployments.ts";
import {
  AUDITOR_ROLE,
  createHistoryFolder,
  fetchHistory,
  logsAfter,
  type HistorySnapshot,
  type SavedFolder,
} from "@disco-ledger/sdk/history";
import { fileCache, folderCache, HISTORY_CACHE_DIR } from "./lib/history/file-cache.ts";

const ARGS = {
  network: NETWORK_ARGS.network,
  rpc: NETWORK_ARGS.rpc,
  disco: NETWORK_ARGS.disco,
  out: { type: "string", description: "where the report and exports go (default: audit/<network>/)", valueHint: "dir" },
  json: { type: "boolean", description: "print the report as JSON instead of text" },
  attest: {
    type: "string",
    description: "after the report, attest this final period's books on chain (see above)",
    valueHint: "period",
  },
  account: NETWORK_ARGS.account,
  uri: { type: "string", description: "where the report can be read (stored with the attestation)", valueHint: "uri" },
  federation: {
    type: "string",
    description: "verify every check-in of this federation of the factory's instead (see above)",
    valueHint: "name|address",
  },
  record: {
    type: "boolean",
    description: "with --federation: record our DisCO's (--disco) confirmations and challenges on chain",
  },
  credit: {
    type: "string",
    description: "audit this federation's mutual-credit network instead (see above); --disco shows one DisCO's flows",
    valueHint: "federation",
  },
} as const;

/** The command, for its generated usage: main runs it with what tests inject. */
export const auditCommand = defineCommand({
  meta: {
    name: "npm run audit --",
    description: `Rebuilds a DisCO's books from its logs alone (deployments/<network>.json's first DisCO, or the one
--disco names: any DisCO of the network's factory, by name or address), then:
  - reconciles every figure the logs rebuild with the contracts' views (each match, each mismatch with both values);
  - checks the bylaws: each paid period's wage ratio against the cap in force when it was funded, every executed
    proposal's quorum and threshold at its snapshot, and that every token that left the treasury is traced to a
    claim, a redemption or an executed proposal;
  - prints the report and writes it, with every table as CSV and JSON, to --out (default audit/<network>/);
  - with --attest <period>, records on chain that this final period's books (closed, and its review window over) were
    audited, with the hash of its books (period-<n>.json); refused when the reconciliation has any mismatch. Needs an
    account holding the audit registry's AUDITOR_ROLE (--account, or DISCO_PRIVATE_KEY).
With --federation <name|address>, it verifies a federation instead: found among the factory's, its logs folded,
every member DisCO's check-ins recomputed from that DisCO's own logs (up to the block of each check-in) and printed
with what its peers said ("confirmed by N DisCOs", "challenged (money in) by ...", "unverified") and whether our
recomputation matches; the report is written to --out as federation-<address>.json. With --record --disco <our DisCO>
and an auditor of our DisCO (--account, or DISCO_PRIVATE_KEY), it records our DisCO's confirmation of each matching
check-in and a challenge naming the first differing figure of each that differs (skipping our own check-ins and
those our DisCO already judged).
With --credit <federation>, it audits the federation's mutual-credit network instead: its logs folded, then
reconciled with the contract (for every pair of the DisCOs the federation ever admitted and persons' accounts: its
balance and the line each extends the other, limit and frozen flag; every DisCO's treasurers' budget and line bound;
read at the block the logs were folded to); every payment printed with its reference in words, flagging a payment
with no reference, a reference paid more than once between the same payer and payee (compared without case, spaces
or invisible characters) and a reference mixing Latin with Cyrillic or Greek letters; with --disco <name>, that
DisCO's credit flows (in and out, counterparty, reference, date, euros), net position, lines and balances. The report is written to --out as credit-<address>.json.
Exit status:
  0  everything matched and every check passed (and the attestation, if asked for, was recorded);
  1  the books do not reconcile: a mismatch, a broken check, logs the contracts could not have made, or an
     attestation refused; with --federation, a check-in differs from its DisCO's logs or could not be recomputed
     from them, or a verdict was refused; with --credit, a figure differs from the contract's, or a payment has no
     reference, repeats one or mixes scripts in it;
  2  the audit could not be run: a usage error, no deployment for --network, no DisCO --disco names (or federation
     --federation names), a chain that does not answer or is not the one the deployment describes.
The logs and the books folded from them are cached in cache/history/, so a rerun fetches and folds only the new
blocks' logs.`,
  },
  args: ARGS,
});

/** The command's usage, generated from its arguments. */
export const usage = (): Promise<string> => renderUsage(auditCommand);

/** What main works with; tests inject a chain's provider and a deployment instead of a network name. */
export interface AuditEnv {
  /** An EIP-1193 provider (a test's in-process chain) instead of connecting to --network through Hardhat. */
  provider?: ChainProvider;
  /** The DisCO to audit instead of the one deployments/<network>.json and --disco name. */
  deployment?: Deployment;
  /** Where the command prints the report (default: standard output)... */
  print?: (text: string) => void;
  /** ...and what went wrong, or notes beside --json output (default: standard error). */
  printError?: (text: string) => void;
  /** The history cache's folder (default cache/history/). */
  cacheDir?: string;
  /** The factory's chain for --federation instead of deployments/<network>.json's. */
  chain?: FactoryChain;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseOptions(argv: readonly string[]) {
  const rawArgs = [...argv];
  checkStrictly(rawArgs, ARGS);
  const values = parseArgs<typeof ARGS>(rawArgs, ARGS);
  const help = rawArgs.includes("--help") || rawArgs.includes("-h");
  let attest: number | undefined;
  if (values.attest !== undefined) {
    if (!/^[1-9]\d*$/.test(values.attest) || Number(values.attest) > 2 ** 32 - 1) {
      throw new UsageError(`--attest takes a period number, not "${values.attest}"`);
    }
    attest = Number(values.attest);
  } else if (values.uri !== undefined) {
    throw new UsageError("--uri and --account go with --attest <period>");
  }
  if (values.federation !== undefined && attest !== undefined) {
    throw new UsageError("--attest and --federation are two audits: run one at a time");
  }
  if (values.credit !== undefined && (values.federation !== undefined || attest !== undefined)) {
    throw new UsageError(
      `--credit and --${attest === undefined ? "federation" : "attest"} are two audits: run one at a time`,
    );
  }
  const record = values.record === true;
  if (record && values.federation === undefined) throw new UsageError("--record goes with --federation <name>");
  if (record && values.disco === undefined) throw new UsageError("--record needs --disco <our DisCO>");
  if (values.account !== undefined && attest === undefined && !record) {
    throw new UsageError("--uri and --account go with --attest <period> (--account also with --federation --record)");
  }
  return {
    network: values.network,
    rpc: values.rpc,
    disco: values.disco,
    out: values.out,
    json: values.json === true,
    account: values.account,
    uri: values.uri,
    help,
    attest,
    federation: values.federation,
    record,
    credit: values.credit,
  };
}

/** The cache key of a deployment's history, by its start block's hash on this chain. */
async function cacheKey(client: PublicClient, deployment: Deployment): Promise<string> {
  const start = await client.getBlock({ blockNumber: BigInt(deployment.startBlock) }).catch(() => undefined);
  if (!start?.hash) throw new Error(`The provider has no block ${deployment.startBlock}: is this the right chain?`);
  return historyCacheKey(deployment, start.hash);
}

/**
 * The snapshot's books: the folder saved by the last run with only the logs fetched since folded onto it, or, when
 * there is none or it does not resume (another format, deployment or history, or its new logs fail to fold), all
 * the logs folded afresh. Throws when the logs tell a history the contracts could not have made.
 */
function foldBooks(snapshot: HistorySnapshot, deployment: Deployment, saved: SavedFolder | undefined) {
  if (saved !== undefined) {
    try {
      const folder = createHistoryFolder(deployment, saved);
      const logs = logsAfter(folder.decoded, snapshot.logs);
      if (logs !== undefined) {
        folder.apply(logs);
        return { folder, folded: logs.length, restored: snapshot.logs.length - logs.length };
      }
    } catch {
      // A saved folder that does not resume is no reason to doubt the logs: they are folded again from the start.
    }
  }
  const folder = createHistoryFolder(deployment);
  folder.apply(snapshot.logs);
  return { folder, folded: snapshot.logs.length, restored: 0 };
}

/** An attestation the audit will not make: the books or the period are not fit for it, or the signer may not. */
class AttestRefused extends Error {}

/** Runs the audit command; returns the exit status. */
export async function main(argv: readonly string[], env: AuditEnv = {}): Promise<number> {
  const print = env.print ?? ((text: string) => console.log(text));
  const printError = env.printError ?? ((text: string) => console.error(text));
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    printError(`${(error as Error).message}\n\n${await usage()}`);
    return 2;
  }
  if (options.help) {
    print(await usage());
    return 0;
  }

  let close = async () => {};
  try {
    // Read before connecting: a network without a deployments file is told so, not as a chain out of reach.
    const file =
      env.deployment === undefined && env.chain === undefined ? deploymentsFileOf(options.network) : undefined;
    let chain: Pick<ChainConnection, "provider" | "client" | "url">;
    if (env.provider === undefined) {
      const connected = await connectNetwork(options.network, options.rpc);
      close = connected.close;
      chain = connected;
    } else {
      chain = { provider: env.provider, client: clientOver(env.provider), url: "the given provider" };
    }
    if (options.federation !== undefined || options.credit !== undefined) {
      const factoryChain = file ?? (env.chain as FactoryChain);
      const out = resolve(options.out ?? join(ROOT, "audit", factoryChain.network));
      const io = {
        ...chain,
        chain: factoryChain,
        // The chain is checked against the file's first DisCO before the factory's events are read.
        discos: () => (file ? discoverOn(chain, file, options.network) : discoverDisCOs(chain.client, factoryChain)),
        cacheDir: env.cacheDir ?? HISTORY_CACHE_DIR,
        print,
        note: options.json ? printError : print,
      };
      if (options.credit !== undefined) return await auditCredit({ ...options, credit: options.credit, out }, io);
      try {
        return await auditFederation({ ...options, federation: options.federation as string, out }, io);
      } catch (error) {
        if (!(error instanceof RecordRefused) && decodeRevert(error) === undefined) throw error;
        printError(`audit: ${explain(error)}`);
        return 1;
      }
    }
    // The DisCO --disco names (chooseDisCO checks the chain), or the one given, checked here.
    const deployment =
      file === undefined
        ? (env.deployment as Deployment)
        : await chooseDisCO(chain, file, options.disco, options.network);
    if (file === undefined) await checkDeploymentChain(chain, deployment, options.network);
    const { provider, client } = chain;
    const cacheDir = env.cacheDir ?? HISTORY_CACHE_DIR;
    const key = await cacheKey(client, deployment);

    const snapshot = await fetchHistory(client, deployment, { cache: fileCache(cacheDir), cacheKey: key });
    const folders = folderCache(cacheDir);
    let books: ReturnType<typeof foldBooks>;
    try {
      // An attestation rests on books folded afresh from the logs, never on a saved fold.
      books = foldBooks(snapshot, deployment, options.attest === undefined ? await folders.load(key) : undefined);
    } catch (error) {
      printError(
        `AUDIT FAILED: the logs tell a history the contracts could not have made.\n${(error as Error).message}`,
      );
      return 1;
    }
    if (books.folded > 0 || books.restored === 0) await folders.save(key, books.folder.save());
    const { state } = books.folder;
    const times = blockTimesFile(cacheDir, key);
    const blockTimes = times.load();
    const views = connectViews(deployment, client);
    const report = await auditHistory(state, views, { deployment, toBlock: snapshot.lastBlock, blockTimes });
    times.save(blockTimes);

    const out = resolve(options.out ?? join(ROOT, "audit", deployment.network));
    const tables = auditTables(state, report, blockTimes);
    writeAudit(out, report, tables);
    print(options.json ? JSON.stringify(toJson(report), null, 2) : renderReport(report));
    // With --json, standard output carries the JSON alone, so that it can be piped; notes go to standard error.
    const note = options.json ? printError : print;
    note(`\nReport and exports written to ${out}`);
    note(`Logs folded this run: ${books.folded}; restored folded from ${cacheDir}: ${books.restored}`);

    if (options.attest !== undefined) {
      try {
        await attest(report, views, provider, { ...options, attest: options.attest }, note);
      } catch (error) {
        printError(`audit: ${explain(error)}`);
        // Refused (by these books or by the registry): 1, as for books that don't reconcile; the chain out of
        // reach: 2, no verdict.
        return error instanceof AttestRefused || decodeRevert(error) !== undefined ? 1 : 2;
      }
    }
    return exitStatus(report);
  } catch (error) {
    // Whatever stopped the audit before it had books to judge: no verdict on them.
    printError(`audit: ${explain(error)}`);
    return 2;
  } finally {
    await close();
  }
}

/** Records the attestation of one period's books; refuses when the reconciliation found a mismatch. */
async function attest(
  report: AuditReport,
  views: AuditViews,
  provider: ChainProvider,
  options: { attest: number; account?: string; uri?: string },
  print: (text: string) => void,
): Promise<void> {
  const period = options.attest;
  if (report.summary.mismatches > 0) {
    throw new AttestRefused(
      `Not attesting period ${period}: the reconciliation found ${report.summary.mismatches} mismatches`,
    );
  }
  const books = report.periods.find((p) => p.period === period);
  if (!books?.closed || books.hash === null) {
    throw new AttestRefused(`Not attesting period ${period}: only a closed period's books can be attested`);
  }
  // Its counted work stays disputable until the review window ends: until then the books may still change.
  if (!(await views.ledger.read.isFinal([period]))) {
    const finalAt = new Date(Number(books.finalAt) * 1000).toISOString();
    throw new AttestRefused(
      `Not attesting period ${period}: its review window ends at ${finalAt}; attest it once final`,
    );
  }
  const auditor = await walletOn(provider, options.account);
  const address = auditor.account.address;
  if (!(await views.audit.read.hasRole([AUDITOR_ROLE, address]))) {
    throw new AttestRefused(`Not attesting: ${address} does not hold AUDITOR_ROLE (the members grant it by a vote)`);
  }
  const { request } = await views.client.simulateContract({
    address: views.audit.address,
    abi: views.audit.abi,
    functionName: "attest",
    args: [period, books.hash as `0x${string}`, options.uri ?? ""],
    account: auditor.account,
  });
  const hash = await auditor.writeContract({ ...request, chain: null });
  print(`Attesting period ${period}'s books ${books.hash}: tx ${hash}`);
  const receipt = await views.client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`The attestation ${hash} reverted`);
  print(`Attested in block ${receipt.blockNumber}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
