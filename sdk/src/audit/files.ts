/** The audit's files as text, browser-safe: what `npm run audit --out` writes (./write.ts) and the dApp downloads. */
import { canonicalJson, toJson } from "./canonical.ts";
import { tableJson, toCsv, type Table } from "./export.ts";
import { renderReport, type AuditReport } from "./report.ts";

export interface AuditFile {
  name: string;
  /** Its media type, for a download. */
  type: string;
  text: string;
}

const TEXT = "text/plain;charset=utf-8";
const CSV = "text/csv;charset=utf-8";
const JSON_TYPE = "application/json";

/**
 * report.txt (what the command prints), report.json (the report; keccak256 of its canonical JSON is the report hash
 * in report.txt), each table as <name>.csv and <name>.json, and each closed period's books as period-<n>.json in
 * canonical JSON, whose keccak256 is the hash an auditor attests for the period.
 */
export function auditFiles(
  report: AuditReport,
  tables: readonly Table[],
): { report: AuditFile[]; tables: Array<{ csv: AuditFile; json: AuditFile }>; books: AuditFile[] } {
  return {
    report: [
      { name: "report.txt", type: TEXT, text: `${renderReport(report)}\n` },
      { name: "report.json", type: JSON_TYPE, text: `${JSON.stringify(toJson(report), null, 2)}\n` },
    ],
    tables: tables.map((table) => ({
      csv: { name: `${table.name}.csv`, type: CSV, text: toCsv(table) },
      json: { name: `${table.name}.json`, type: JSON_TYPE, text: `${tableJson(table)}\n` },
    })),
    books: report.periods
      .filter((period) => period.closed)
      .map((period) => ({ name: `period-${period.period}.json`, type: JSON_TYPE, text: canonicalJson(period.books) })),
  };
}
