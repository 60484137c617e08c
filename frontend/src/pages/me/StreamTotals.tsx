/**
 * Payable and logged amounts per stream for one or more groups (this period, lifetime…): one column per group, so
 * the table fits a phone; the payable amount leads, the logged one is under it.
 */
import type { Totals } from "@disco-ledger/sdk/history";
import { workAmount } from "@disco-ledger/sdk/format";
import { ScrollArea } from "../../ui/kit.tsx";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { STREAM_INDEXES, useLabels } from "./labels.ts";

const messages = defineMessages(
  {
    stream: "Stream",
    logged: "of {amount} logged",
    hint: "Counted work only, payable first. Livelihood and love in credits, care in hours; payable is the amount times the stage's weight.",
  },
  {
    stream: "Corriente",
    logged: "de {amount} registrado",
    hint: "Solo el trabajo contado, primero lo pagable. Sustento y amor en créditos, cuidados en horas; lo pagable es la cantidad por el peso de la etapa.",
  },
);

export function StreamTotals({
  groups,
  caption,
}: {
  groups: Array<{ label: string; totals: Totals }>;
  caption: string;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  return (
    <ScrollArea label={caption}>
      <table className="stream-totals">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("stream")}</th>
            {groups.map((g) => (
              <th key={g.label} scope="col" className="num">
                {g.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STREAM_INDEXES.map((s) => (
            <tr key={s}>
              <th scope="row" className={`stream-${s}`}>
                {labels.stream(s)}
              </th>
              {groups.map((g) => (
                <td key={g.label} className="num">
                  <span className="payable">{workAmount(g.totals.payable[s], lang)}</span>
                  <small className="logged">{t("logged", { amount: workAmount(g.totals.historical[s], lang) })}</small>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("hint")}</p>
    </ScrollArea>
  );
}
