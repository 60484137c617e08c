/** Pieces that describe one entry the same way in the queue and in the table. */
import type { LedgerEntry } from "@disco-ledger/sdk/history";
import { dateTime, pluralForm, workAmount } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { useLabels } from "../me/labels.ts";
import { noteParts } from "./entries.ts";

const messages = defineMessages(
  {
    evidence: "Evidence hash {hash}",
    noNote: "No note; evidence hash",
    approvalsOne: "{have} of {need} approval",
    approvalsOther: "{have} of {need} approvals",
    dateUnknown: "date being read…",
  },
  {
    evidence: "Hash de la evidencia {hash}",
    noNote: "Sin nota; hash de la evidencia",
    approvalsOne: "{have} de {need} aprobación",
    approvalsOther: "{have} de {need} aprobaciones",
    dateUnknown: "leyendo la fecha…",
  },
);

/** "Love 3.5 credits" in the stream's colour, the amount in the reader's number format. */
export function EntryAmount({ entry }: { entry: LedgerEntry }) {
  const labels = useLabels();
  const { lang } = useLang();
  return (
    <span className={`stream-${entry.stream}`}>
      {labels.stream(entry.stream)} {labels.unit(entry.stream, workAmount(entry.amount, lang))}
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
  const { lang } = useLang();
  const key = pluralForm(entry.approvalsRequired, lang) === "one" ? "approvalsOne" : "approvalsOther";
  return <>{t(key, { have: entry.approvals.length, need: entry.approvalsRequired })}</>;
}

/**
 * What the author wrote about the work, its http(s) addresses as links that open apart from the app; an entry
 * logged without a note shows its evidence hash, shortened.
 */
export function Note({ entry }: { entry: LedgerEntry }) {
  const t = useT(messages);
  if (entry.note === "") {
    return (
      <span className="note note-none" title={t("evidence", { hash: entry.evidence })}>
        <span className="sr-only">{t("noNote")} </span>
        <code>{entry.evidence.slice(0, 10)}…</code>
      </span>
    );
  }
  return (
    <span className="note">
      {noteParts(entry.note).map((part, i) =>
        "href" in part ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.href}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

/** When the entry was logged, in the reader's locale (its block's time, once read). */
export function LoggedOn({ at }: { at: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  return at === undefined ? (
    <span className="hint">{t("dateUnknown")}</span>
  ) : (
    <time dateTime={new Date(Number(at) * 1000).toISOString()}>{dateTime(at, lang)}</time>
  );
}
