/** When something happened, as a date in the reader's language; the block it happened in on hover, for auditors. */
import { dateTime } from "@disco-ledger/sdk/format";
import { useBlockTimes } from "../data/blockTimes.ts";
import { defineMessages, useLang, useT } from "../i18n.tsx";

const messages = defineMessages({ block: "block {block}" }, { block: "bloque {block}" });

export function When({ block }: { block: number }) {
  const t = useT(messages);
  const { lang } = useLang();
  const time = useBlockTimes([block]).get(block);
  const title = t("block", { block });
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
