/**
 * The audit as a query by deployment and block: run once when the page opens and again on demand. A run reads the
 * books as they were when it started; the page says when newer blocks have come in since, rather than re-auditing
 * every second.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HISTORY_KEY } from "../../data/history.tsx";
import type { LoadedHistory } from "../../data/loader.ts";
import { runAudit, type AuditRun } from "./run.ts";

export type AuditStatus = "running" | "ok" | "mismatch" | "error";

export interface AuditView {
  status: AuditStatus;
  run?: AuditRun;
  error?: string;
  start: () => void;
}

export function useAudit(loaded: LoadedHistory): AuditView {
  // The block audited: the books' when the page opened, moved to the latest by start().
  const [block, setBlock] = useState(loaded.lastBlock);
  const query = useQuery({
    queryKey: [...HISTORY_KEY, "audit", block],
    queryFn: () => runAudit(loaded.state, loaded.lastBlock),
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const start = () => (block === loaded.lastBlock ? void query.refetch() : setBlock(loaded.lastBlock));
  const status: AuditStatus = query.isFetching
    ? "running"
    : query.error
      ? "error"
      : query.data?.report.summary.ok
        ? "ok"
        : "mismatch";
  return { status, run: query.data, error: query.error?.message, start };
}
