/**
 * The auditor's toolkit over a folded history (../history): reconcile it with the contracts' views, check the
 * bylaws, build the report and its hashes, export the books as tables. Browser-safe; the Node file writer is in
 * ./write.ts.
 */
export * from "./canonical.ts";
export * from "./checks.ts";
export * from "./credit.ts";
export * from "./export.ts";
export * from "./files.ts";
export * from "./reconcile.ts";
export * from "./report.ts";
export * from "./timeline.ts";
export * from "./views.ts";
