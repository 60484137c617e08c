/**
 * The auditor's report in the browser, by the SDK's audit module (scripts/audit.ts does the same on the command
 * line): the folded books against the contracts' views read at the history's last block, through the app's one
 * client (wagmi's), the bylaw checks and the tables (their files: auditFiles). One audit, not a second one.
 */
import { getPublicClient } from "wagmi/actions";
import { auditHistory, auditTables, connectViews, type AuditReport, type Table } from "@disco-ledger/sdk/audit";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { chain, deployment } from "../../chain.ts";
import { config } from "../../wagmi.ts";

export interface AuditRun {
  report: AuditReport;
  tables: Table[];
  /** The block the books and the views were read at. */
  block: number;
}

/** Block times stay the same forever: kept across runs, so a second run only reads the new blocks' headers. */
const blockTimes = new Map<number, bigint>();

export async function runAudit(state: HistoryState, lastBlock: number): Promise<AuditRun> {
  const views = connectViews(deployment, getPublicClient(config, { chainId: chain.id }));
  const report = await auditHistory(state, views, { deployment, toBlock: lastBlock, blockTimes });
  return { report, tables: auditTables(state, report, blockTimes), block: lastBlock };
}
