/** Pieces that describe one entry the same way in the queue and in the table. */
import type { LedgerEntry } from "@disco-ledger/sdk/history";
import { credits } from "@disco-ledger/sdk/format";
import { defineMessages, useT } from "../../i18n.tsx";
import { useLabels } from "../me/labels.ts";

const messages = defineMessages(
  { evidence: "Evidence hash {hash}", open: "evidence", approvals: "{have} of {need} approvals" },
  { evidence: "Hash de la evidencia {hash}", open: "evidencia", approvals: "{have} de {need} aprobaciones" },
);

/** "Love 3.50 credits" in the stream's colour. */
export function EntryAmount({ entry }: { entry: LedgerEntry }) {
  const labels = useLabels();
  return (
    <span className={`stream-${entry.stream}`}>
      {labels.stream(entry.stream)} {labels.unit(entry.stream, credits(entry.amount))}
    </span>
  );
}

/** The entry's status tag. */
export function StatusTag({ entry }: { entry: LedgerEntry }) {
  const labels = useLabels();
  return <span className={`tag status-${entry.status.toLowerCase()}`}>{labels.status(entry.status)}</span>;
}

export function Approvals({ entry }: { entry: LedgerEntry }) {
  const t = useT(messages);
  return <>{t("approvals", { have: entry.approvals.length, need: entry.approvalsRequired })}</>;
}

/** The evidence hash, shortened, and its link when the author gave one (only http(s), never a script URL). */
export function Evidence({ entry }: { entry: LedgerEntry }) {
  const t = useT(messages);
  const safe = /^https?:\/\//i.test(entry.uri);
  return (
    <span className="evidence">
      <code title={t("evidence", { hash: entry.evidence })}>{entry.evidence.slice(0, 10)}…</code>
      {entry.uri ? (
        safe ? (
          <>
            {" "}
            <a href={entry.uri} target="_blank" rel="noreferrer noopener">
              {t("open")}
            </a>
          </>
        ) : (
          <> {entry.uri}</>
        )
      ) : null}
    </span>
  );
}
