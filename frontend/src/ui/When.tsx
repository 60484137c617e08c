/**
 * When something happened, as a date in the reader's language; the block it happened in (and its transaction, when
 * given) on hover, for auditors.
 */
import { dateTime } from "@disco-ledger/sdk/format";
import { useBlockTimes } from "../data/blockTimes.ts";
import { defineMessages, useLang, useT } from "../i18n.tsx";

const messages = defineMessages(
  { block: "block {block}", tx: "transaction {tx}" },
  { block: "bloque {block}", tx: "transacción {tx}" },
);

export function When({ block, tx }: { block: number; tx?: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const time = useBlockTimes([block]).get(block);
  const title = tx === undefined ? t("block", { block }) : `${t("block", { block })}, ${t("tx", { tx })}`;
  return time === undefined ? (
    <span className="when" title={title} aria-busy="true">
      …
    </span>
  ) : (
    <time className="when" dateTime={new Date(Number(time) * 1000).toISOString()} title={title}>
      {dateTime(time, lang)}
    </time>
  );
}
