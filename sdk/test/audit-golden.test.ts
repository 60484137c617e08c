/**
 * The audit's files for one recorded history, held byte for byte: period-<n>.json is what an auditor attests (its
 * keccak256 is recorded on chain), so the same history must give the same books, whatever the audit is rebuilt on.
 * The fixture is the seeded demo's logs, block times and the few figures the audit reads from views besides them;
 * the golden values were made from the same history before the audit moved to viem.
 */
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { auditFiles, auditTables, buildReport, hashOf, type ClockMode } from "../src/audit/index.ts";
import type { Deployment } from "../src/deployment.ts";
import { foldSnapshot, type RawLog } from "../src/history/index.ts";
import golden from "./fixtures/audit/demo-golden.json";
import history from "./fixtures/audit/demo-history.json";

function demoAudit() {
  const deployment = history.deployment as Deployment;
  const { state } = foldSnapshot({ logs: history.logs as RawLog[] }, deployment);
  const times = new Map(history.blockTimes.map(([block, time]) => [Number(block), BigInt(time)]));
  const report = buildReport(state, {
    chainId: deployment.chainId,
    network: deployment.network,
    governor: deployment.contracts.governor.address,
    ledger: deployment.contracts.ledger.address,
    fromBlock: deployment.startBlock,
    toBlock: history.toBlock,
    timeline: { mode: history.clockMode as ClockMode, times },
    currency: history.currency,
    // The reconciliation reads views: none here, so the report's own files hold the pure part of it.
    checks: [],
    now: BigInt(history.now),
  });
  return { report, files: auditFiles(report, auditTables(state, report, times)) };
}

const hash = (text: string) => keccak256(stringToBytes(text));

describe("the audit's files for a recorded history", () => {
  const { report, files } = demoAudit();

  it("gives each closed period's books, period-<n>.json, byte for byte, and the hash attested on chain", () => {
    expect(Object.fromEntries(files.books.map((file) => [file.name, file.text]))).toEqual(golden.books);
    expect(Object.fromEntries(report.periods.map((p) => [p.period, p.hash]))).toEqual(golden.periods);
    for (const period of report.periods.filter((p) => p.closed)) {
      expect(hashOf(period.books)).toBe(
        hash(golden.books[`period-${period.period}.json` as keyof typeof golden.books]),
      );
    }
  });

  it("gives every table (CSV and JSON) and the report's own files byte for byte", () => {
    const texts = [...files.report, ...files.tables.flatMap((t) => [t.csv, t.json])];
    expect(Object.fromEntries(texts.map((file) => [file.name, hash(file.text)]))).toEqual(golden.files);
  });
});
