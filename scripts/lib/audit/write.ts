/** The audit's files: Node only, the one file of the audit library that writes to disk. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, toJson } from "./canonical.ts";
import { tableJson, toCsv, type Table } from "./export.ts";
import { renderReport, type AuditReport } from "./report.ts";

/**
 * Writes into `dir`: report.txt (what the command prints), report.json (the report; keccak256 of its canonical JSON
 * is the report hash in report.txt), each table as <name>.csv and <name>.json, and each closed period's books as
 * period-<n>.json in canonical JSON, whose keccak256 is the hash an auditor attests for the period. Returns the paths.
 */
export function writeAudit(dir: string, report: AuditReport, tables: readonly Table[]): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  write("report.txt", renderReport(report) + "\n");
  write("report.json", JSON.stringify(toJson(report), null, 2) + "\n");
  for (const table of tables) {
    write(`${table.name}.csv`, toCsv(table));
    write(`${table.name}.json`, tableJson(table) + "\n");
  }
  for (const period of report.periods)
    if (period.closed) write(`period-${period.period}.json`, canonicalJson(period.books));
  return written;
}
