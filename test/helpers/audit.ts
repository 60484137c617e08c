import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Signer } from "ethers";
import { main, type AuditEnv } from "../../scripts/audit.ts";
import type { ChainProvider } from "../../scripts/cli/network.ts";
import { auditHistory, connectViews, type AuditReport } from "@disco-ledger/sdk/audit";
import type { Deployment } from "../../scripts/lib/deployments.ts";
import { descriptionHash, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { closeVoting, enact, openVoting, propose, toProposalCalls } from "../../scripts/lib/drive.ts";
import { loadHistory, type HistoryState, type RawLog } from "@disco-ledger/sdk/history";
import { passReviewWindow } from "../../scripts/lib/seed.ts";
import type { DisCOGovernor } from "../../types/ethers-contracts/index.js";
import { connection } from "./disco.ts";
import { publicClient } from "./viem.ts";
import { closePeriod, deployWithClosedPeriods, EURO, logApproved, Stream } from "./treasury.ts";

/*
 * Shared by the audit tests: auditing a folded history, a DisCO governed through several votes (a wage ratio cap,
 * constituency weighting, a spend) with periods paid under each cap, running the audit command with a provider
 * that can lose logs, and reading CSV back as a spreadsheet would.
 */

const { networkHelpers } = connection;

/**
 * Audits `state` (by default the one fetched now) against the views of `deployment` at the chain's head; the block
 * times read go into `blockTimes`.
 */
export async function audit(
  deployment: Deployment,
  state?: HistoryState,
  blockTimes = new Map<number, bigint>(),
): Promise<AuditReport> {
  const client = publicClient(connection);
  const toBlock = Number(await client.getBlockNumber());
  const folded = state ?? (await loadHistory(client, deployment)).state;
  return auditHistory(folded, connectViews(deployment, client), { deployment, toBlock, blockTimes });
}

/** A fixture that adds its audit report to another fixture's DisCO (made once per fixture, as loadFixture wants). */
export function audited<T extends { deployment: Deployment; state: HistoryState }>(fixture: () => Promise<T>) {
  return async function withReport() {
    const disco = await fixture();
    return { ...disco, report: await audit(disco.deployment, disco.state) };
  };
}

/** A reason with everything a CSV field must survive: a comma, quotes, a line break, and a formula. */
export const AWKWARD_REASON = 'Rent, as "agreed" in March\n=HYPERLINK("http://evil.example")';
export const SPEND = 100n * EURO;

/** Proposes, votes (with reasons), queues and executes: `enact` for votes that say why. */
async function enactWithReasons(
  governor: DisCOGovernor,
  proposer: Signer,
  calls: ProposalCalls,
  votes: ReadonlyArray<readonly [Signer, number, string]>,
): Promise<bigint> {
  const id = await propose(governor, proposer, calls);
  await openVoting(governor, networkHelpers.time, id);
  for (const [voter, support, reason] of votes) {
    await (await governor.connect(voter).castVoteWithReason(id, support, reason)).wait();
  }
  await closeVoting(governor, networkHelpers.time, id);
  const hash = descriptionHash(calls.description);
  await (await governor.connect(proposer).queue(calls.targets, calls.values, calls.calldatas, hash)).wait();
  await networkHelpers.time.increaseTo((await governor.proposalEta(id)) + 1n);
  await (await governor.connect(proposer).execute(calls.targets, calls.values, calls.calldatas, hash)).wait();
  return id;
}

/**
 * The treasury fixture (periods 1 and 2 closed, money paid in), then, each through the real entry points:
 * periods 1 and 2 (no livelihood work) funded, once final, under the founding 6:1 cap; the members vote the cap down to 1:1 and weight the constituencies
 * (workers 60%, community 20%, clients 20%); period 3 (Committed workers only: every hour weighs the same) and
 * period 4 (erin, Dating 2, at half pay beside alice) are worked, closed and funded under the 1:1 cap; then a
 * weighted vote, with reasons, spends from the treasury.
 */
export async function governedDisCO() {
  const disco = await deployWithClosedPeriods();
  const { governor, treasury, ledger, audit: registry, alice, bob, carol, dave, erin, ivan } = disco;
  const all = [alice, bob, carol, dave].map((s) => [s, Support.For] as const);
  const time = networkHelpers.time;

  // Only a final period is funded: its review window over.
  await passReviewWindow(ledger, time);
  await (await treasury.connect(bob).fundPeriod(1, 8_000n * EURO)).wait();
  await (await treasury.connect(bob).fundPeriod(2, 500n * EURO)).wait();
  const call = (target: string, data: string, description: string): ProposalCalls =>
    toProposalCalls({
      targets: [target],
      values: [0n],
      calldatas: [data],
      description,
    });
  const cap = await enact(
    governor,
    time,
    alice,
    call(
      await registry.getAddress(),
      registry.interface.encodeFunctionData("setWageRatioCap", [100]),
      "Wage ratio 1:1, as GT's committed members keep it",
    ),
    all,
  );
  const shares = await enact(
    governor,
    time,
    alice,
    call(
      await governor.getAddress(),
      governor.interface.encodeFunctionData("setConstituencyShares", [[6000, 2000, 2000, 0, 0, 0, 0, 0]]),
      "Workers 60%, community 20%, clients 20%",
    ),
    all,
  );

  await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
  await logApproved(ledger, bob, Stream.Livelihood, 400, alice);
  await closePeriod(ledger, bob);
  await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
  await logApproved(ledger, erin, Stream.Livelihood, 1_000, alice);
  await closePeriod(ledger, bob);
  await passReviewWindow(ledger, time);
  await (await treasury.connect(bob).fundPeriod(3, 1_000n * EURO)).wait();
  await (await treasury.connect(bob).fundPeriod(4, 1_000n * EURO)).wait();

  const spend = await enactWithReasons(
    governor,
    alice,
    call(
      await treasury.getAddress(),
      treasury.interface.encodeFunctionData("spend", [ivan.address, SPEND, "Server rent, March"]),
      "Pay the server rent",
    ),
    [
      [alice, Support.For, AWKWARD_REASON],
      [bob, Support.Against, "Too dear; shop around first"],
      [carol, Support.For, ""],
      [dave, Support.Abstain, "-1 for the host, +1 for the rent"],
      [erin, Support.For, "Advisory: yes"],
    ],
  );
  const { state, snapshot } = await loadHistory(publicClient(connection), disco.deployment);
  return { ...disco, proposals: { cap, shares, spend }, state, snapshot };
}

/**
 * The in-process chain's EIP-1193 provider, its eth_getLogs answers passed through `keep`, and how many it answered:
 * what the audit command reads when a log goes missing.
 */
export function providerKeeping(keep: (log: Pick<RawLog, "topics">) => boolean) {
  const { provider } = connection;
  const calls = { getLogs: 0 };
  const request = async (args: { method: string; params?: unknown[] | object }) => {
    if (args.method !== "eth_getLogs") return provider.request(args);
    calls.getLogs++;
    return ((await provider.request(args)) as Array<Pick<RawLog, "topics">>).filter(keep);
  };
  return { provider: { request } as ChainProvider, calls };
}

/** Runs the command against the demo with a fresh cache and output folder; collects what it prints. */
export async function run(disco: { deployment: Deployment }, argv: string[], env: Partial<AuditEnv> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "disco-audit-"));
  const printed: string[] = [];
  const errors: string[] = [];
  const status = await main([...argv, "--out", join(dir, "out")], {
    provider: connection.provider as ChainProvider,
    deployment: disco.deployment,
    cacheDir: join(dir, "cache"),
    print: (text) => printed.push(text),
    printError: (text) => errors.push(text),
    ...env,
  });
  return {
    status,
    out: join(dir, "out"),
    cache: join(dir, "cache"),
    text: printed.join("\n"),
    errors: errors.join("\n"),
  };
}

/** RFC 4180 read back: records of fields, quoted fields unquoted; throws on what a conforming writer can't emit. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = text.startsWith("\uFEFF") ? 1 : 0;
  while (i < text.length) {
    if (text[i] === '"') {
      if (field !== "") throw new Error(`A quote inside an unquoted field at ${i}`);
      for (i++; ; i++) {
        if (i >= text.length) throw new Error("An unterminated quoted field");
        if (text[i] === '"' && text[i + 1] === '"') field += text[i++];
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== "," && text[i] !== "\r") throw new Error(`Text after a closing quote at ${i}`);
    } else if (text[i] === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (text[i] === "\r") {
      if (text[i + 1] !== "\n") throw new Error(`A CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      [field, record] = ["", []];
      i += 2;
    } else if (text[i] === "\n") {
      throw new Error(`A bare LF outside quotes at ${i}`);
    } else {
      field += text[i++];
    }
  }
  if (field !== "" || record.length > 0) throw new Error("The last record does not end with CRLF");
  return records;
}

/** A CSV's records as objects keyed by its header row; every record must have the header's width. */
export function csvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row, n) => {
    if (row.length !== header.length) throw new Error(`Record ${n + 1} has ${row.length} fields, not ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}
