/**
 * Runs the audit once when the page opens and again on demand. A run reads the books as they were when it started;
 * the page says when newer blocks have come in since, rather than re-auditing every second.
 */
import { useCallback, useEffect, useRef, useState } from "react";
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
  const [view, setView] = useState<Omit<AuditView, "start">>({ status: "running" });
  const latest = useRef(loaded);
  latest.current = loaded;
  const generation = useRef(0);

  const start = useCallback(() => {
    const mine = ++generation.current;
    const { state, lastBlock } = latest.current;
    setView((v) => ({ status: "running", run: v.run }));
    runAudit(state, lastBlock).then(
      (run) => {
        if (mine !== generation.current) return; // a newer run was started meanwhile
        setView({ status: run.report.summary.ok ? "ok" : "mismatch", run });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setView({ status: "error", error: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);

  useEffect(() => {
    start();
    // A run finishing after the page closed must not set state: a newer generation makes it drop its result.
    return () => void ++generation.current;
  }, [start]);

  return { ...view, start };
}
