/** The audit's files: Node only, the one file of the audit library that writes to disk. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Table } from "@disco-ledger/sdk/audit";
import { auditFiles } from "@disco-ledger/sdk/audit";
import type { AuditReport } from "@disco-ledger/sdk/audit";

/** Writes the audit's files (./files.ts) into `dir`. Returns the paths. */
export function writeAudit(dir: string, report: AuditReport, tables: readonly Table[]): string[] {
  mkdirSync(dir, { recursive: true });
  const files = auditFiles(report, tables);
  return [...files.report, ...files.tables.flatMap((t) => [t.csv, t.json]), ...files.books].map((file) => {
    const path = join(dir, file.name);
    writeFileSync(path, file.text);
    return path;
  });
}
