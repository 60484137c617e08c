/**
 * `npm run audit`: rebuild a DisCO's books from its logs alone, reconcile them with the contracts' views, check the
 * bylaws, export the tables, and optionally attest a period's books on chain. `npm run audit -- --help`.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { JsonRpcProvider } from "ethers";
import { rpcUrl, signerOn, UsageError, type AccountsProvider } from "./cli/context.ts";
import {
  auditTables,
  auditHistory,
  connectViews,
  exitStatus,
  renderReport,
  toJson,
  type AuditReport,
} from "@disco-ledger/sdk/audit";
import { writeAudit } from "./lib/audit/write.ts";
import { readDeployment, ROOT, type Deployment } from "./lib/deployments.ts";
import { AUDITOR_ROLE, fetchHistory, foldSnapshot, type LogProvider } from "@disco-ledger/sdk/history";
import { fileCache, HISTORY_CACHE_DIR } from "./lib/history/file-cache.ts";

export const HELP = `Usage: npm run audit -- [--network <name>] [--rpc <url>] [--out <dir>] [--json]
                         [--attest <period> [--uri <uri>] --account <n>]

Rebuilds the DisCO's books from the logs of deployments/<network>.json alone, then:
  - reconciles every figure the logs rebuild with the contracts' views (each match, each mismatch with both values);
  - checks the bylaws: each paid period's wage ratio against the cap in force when it was funded, every executed
    proposal's quorum and threshold at its snapshot, and that every token that left the treasury is traced to a
    claim, a redemption or an executed proposal;
  - prints the report and writes it, with every table as CSV and JSON, to --out (default audit/<network>/).
Exit status: 0 when everything matched and every check passed, 1 otherwise, 2 for a usage error.

Options:
  --network <name>   the deployment, deployments/<name>.json (default: localhost)
  --rpc <url>        JSON-RPC URL (default: DISCO_RPC_URL, or http://127.0.0.1:8545 for localhost)
  --out <dir>        where the report and exports go (default: audit/<network>/)
  --json             print the report as JSON instead of text
  --attest <period>  after the report, record on chain that this final period's books (closed, and its review window
                     over) were audited, with the hash
                     of its books (period-<n>.json); refused when the reconciliation has any mismatch. Needs an
                     account holding the audit registry's AUDITOR_ROLE:
  --account <n>      the local chain's dev account n; elsewhere the key is read from DISCO_PRIVATE_KEY
  --uri <uri>        where the report can be read (stored with the attestation)
The logs are cached in cache/history/, so a rerun fetches only the new blocks.`;

/** What main works with; tests inject a provider and a deployment instead of a network name. */
export interface AuditEnv {
  provider?: AccountsProvider & LogProvider;
  deployment?: Deployment;
  /** Where the command prints the report (default: standard output)... */
  print?: (text: string) => void;
  /** ...and what went wrong, or notes beside --json output (default: standard error). */
  printError?: (text: string) => void;
  /** The history cache's folder (default cache/history/). */
  cacheDir?: string;
}

/** Parses the command line; throws UsageError on anything it does not understand. */
export function parseOptions(argv: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        network: { type: "string", default: "localhost" },
        rpc: { type: "string" },
        out: { type: "string" },
        json: { type: "boolean", default: false },
        attest: { type: "string" },
        uri: { type: "string" },
        account: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP}`);
  }
  let attest: number | undefined;
  if (values.attest !== undefined) {
    if (!/^[1-9]\d*$/.test(values.attest) || Number(values.attest) > 2 ** 32 - 1) {
      throw new UsageError(`--attest takes a period number, not "${values.attest}"`);
    }
    attest = Number(values.attest);
  } else if (values.uri !== undefined || values.account !== undefined) {
    throw new UsageError("--uri and --account go with --attest <period>");
  }
  return { ...values, network: values.network!, attest };
}

/** The cache key of a deployment's history: the hash of its first block in it tells a restarted local chain apart. */
async function cacheKey(provider: AccountsProvider, deployment: Deployment): Promise<string> {
  const start = await provider.getBlock(deployment.startBlock);
  if (!start?.hash) throw new Error(`The provider has no block ${deployment.startBlock}: is this the right chain?`);
  return `audit-${deployment.chainId}-${deployment.contracts.governor.address.toLowerCase()}-${start.hash.slice(2, 18)}`;
}

/** Block times kept beside the logs' cache: blocks don't change their time. */
function blockTimesFile(dir: string, key: string) {
  const path = join(dir, `${key}-block-times.json`);
  return {
    load(): Map<number, bigint> {
      try {
        const saved = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
        return new Map(Object.entries(saved).map(([block, time]) => [Number(block), BigInt(time)]));
      } catch {
        return new Map();
      }
    },
    save(times: ReadonlyMap<number, bigint>) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, JSON.stringify(Object.fromEntries([...times].map(([b, t]) => [b, t.toString()]))));
    },
  };
}

/** Runs the audit command; returns the exit status. */
export async function main(argv: readonly string[], env: AuditEnv = {}): Promise<number> {
  const print = env.print ?? ((text: string) => console.log(text));
  const printError = env.printError ?? ((text: string) => console.error(text));
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    printError((error as Error).message);
    return 2;
  }
  if (options.help) {
    print(HELP);
    return 0;
  }

  try {
    const deployment = env.deployment ?? readDeployment(options.network);
    const provider =
      env.provider ?? new JsonRpcProvider(rpcUrl(deployment, options.rpc), deployment.chainId, { staticNetwork: true });
    const cacheDir = env.cacheDir ?? HISTORY_CACHE_DIR;
    const key = await cacheKey(provider, deployment);

    const snapshot = await fetchHistory(provider, deployment, { cache: fileCache(cacheDir), cacheKey: key });
    let state;
    try {
      ({ state } = foldSnapshot(snapshot, deployment));
    } catch (error) {
      printError(
        `AUDIT FAILED: the logs tell a history the contracts could not have made.\n${(error as Error).message}`,
      );
      return 1;
    }
    const times = blockTimesFile(cacheDir, key);
    const blockTimes = times.load();
    const views = connectViews(deployment, provider);
    const report = await auditHistory(state, views, { deployment, toBlock: snapshot.lastBlock, blockTimes });
    times.save(blockTimes);

    const out = resolve(options.out ?? join(ROOT, "audit", deployment.network));
    const tables = auditTables(state, report, blockTimes);
    writeAudit(out, report, tables);
    print(options.json ? JSON.stringify(toJson(report), null, 2) : renderReport(report));
    // With --json, standard output carries the JSON alone, so that it can be piped; notes go to standard error.
    const note = options.json ? printError : print;
    note(`\nReport and exports written to ${out}`);

    if (options.attest !== undefined) {
      try {
        await attest(report, views, provider, deployment, options, note);
      } catch (error) {
        printError(`audit: ${(error as Error).message}`);
        return 1;
      }
    }
    return exitStatus(report);
  } catch (error) {
    printError(`audit: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

/** Records the attestation of one period's books; refuses when the reconciliation found a mismatch. */
async function attest(
  report: AuditReport,
  views: ReturnType<typeof connectViews>,
  provider: AccountsProvider,
  deployment: Deployment,
  options: ReturnType<typeof parseOptions>,
  print: (text: string) => void,
): Promise<void> {
  const period = options.attest!;
  if (report.summary.mismatches > 0) {
    throw new Error(`Not attesting period ${period}: the reconciliation found ${report.summary.mismatches} mismatches`);
  }
  const books = report.periods.find((p) => p.period === period);
  if (!books?.closed || books.hash === null) {
    throw new Error(`Not attesting period ${period}: only a closed period's books can be attested`);
  }
  // Its counted work stays disputable until the review window ends: until then the books may still change.
  if (!(await views.ledger.isFinal(period))) {
    const finalAt = new Date(Number(books.finalAt) * 1000).toISOString();
    throw new Error(`Not attesting period ${period}: its review window ends at ${finalAt}; attest it once final`);
  }
  const auditor = await signerOn(provider, deployment.chainId, options.account);
  const address = await auditor.getAddress();
  if (!(await views.audit.hasRole(AUDITOR_ROLE, address))) {
    throw new Error(`Not attesting: ${address} does not hold AUDITOR_ROLE (the members grant it by a vote)`);
  }
  const tx = await views.audit.connect(auditor).attest(period, books.hash, options.uri ?? "");
  print(`Attesting period ${period}'s books ${books.hash}: tx ${tx.hash}`);
  const receipt = await tx.wait();
  print(`Attested in block ${receipt?.blockNumber}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
