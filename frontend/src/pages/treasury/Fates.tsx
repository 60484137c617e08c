/** What closing or funding a period does to each of its pending or disputed entries, one row each, before confirming. */
import { dateTime, workAmount } from "@disco-ledger/sdk/format";
import type { EntryFate } from "@disco-ledger/sdk/ledger-status";
import { useLang, useT } from "../../i18n.tsx";
import { Person, ScrollArea } from "../../ui/kit.tsx";
import { useLabels } from "../me/labels.ts";
import { messages } from "./messages.ts";

/** `period`: the period the entries are in; `next`: the one open after closing (where lapsed work may be logged). */
export function Fates({
  fates,
  period,
  next,
  label,
  testId,
}: {
  fates: readonly EntryFate[];
  period: number;
  next: number;
  label: string;
  testId: string;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const what = (f: EntryFate): string => {
    switch (f.fate) {
      case "lapses":
        return t("fateLapses", { next });
      case "lapsed":
        return t("fateLapsed");
      case "staysDisputed":
        return f.finalAt === null
          ? t("fateDisputedFinal", { next })
          : t("fateDisputed", { period, date: dateTime(f.finalAt, lang) });
    }
  };
  return (
    <ScrollArea label={label}>
      <table data-testid={testId} className="fates">
        <thead>
          <tr>
            <th scope="col">{t("fateEntry")}</th>
            <th scope="col">{t("fateAuthor")}</th>
            <th scope="col">{t("fateStream")}</th>
            <th scope="col" className="num">
              {t("fateAmount")}
            </th>
            <th scope="col">{t("fateWhat")}</th>
          </tr>
        </thead>
        <tbody>
          {fates.map((f) => (
            <tr key={String(f.entry.id)} data-entry={String(f.entry.id)} data-fate={f.fate}>
              <th scope="row">{t("entryNumber", { id: String(f.entry.id) })}</th>
              <td>
                <Person address={f.entry.author} />
              </td>
              <td>{labels.stream(f.entry.stream)}</td>
              <td className="num">{labels.unit(f.entry.stream, workAmount(f.entry.amount, lang))}</td>
              <td>
                {what(f)}
                {f.fate === "staysDisputed" && f.entry.disputes.at(-1)?.reason
                  ? ` ${t("disputedReason", { reason: f.entry.disputes.at(-1)?.reason ?? "" })}`
                  : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
