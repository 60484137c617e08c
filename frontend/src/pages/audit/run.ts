/**
 * The auditor's report in the browser, by the scripts' own audit module (scripts/audit.ts does the same on the
 * command line): the folded books against the contracts' views read at the history's last block, the bylaw
 * checks and the tables (their files: auditFiles). One audit, not a second one.
 */
import { JsonRpcProvider } from "ethers";
import { auditHistory, auditTables, connectViews, type AuditReport, type Table } from "@disco-ledger/sdk/audit";
import type { HistoryState } from "@disco-ledger/sdk/history";
import type { Deployment } from "../../../../scripts/lib/deployments.ts";
import { deployment, rpcUrl } from "../../chain.ts";

export interface AuditRun {
  report: AuditReport;
  tables: Table[];
  /** The block the books and the views were read at. */
  block: number;
}

/** Block times stay the same forever: kept across runs, so a second run only reads the new blocks' headers. */
const blockTimes = new Map<number, bigint>();

export async function runAudit(state: HistoryState, lastBlock: number): Promise<AuditRun> {
  const provider = new JsonRpcProvider(rpcUrl, deployment.chainId, { staticNetwork: true });
  try {
    // The generated deployment is the same JSON as deployments/<network>.json, typed `as const`.
    const views = connectViews(deployment as unknown as Deployment, provider);
    const report = await auditHistory(state, views, { deployment, toBlock: lastBlock, blockTimes });
    return { report, tables: auditTables(state, report, blockTimes), block: lastBlock };
  } finally {
    provider.destroy();
  }
}
