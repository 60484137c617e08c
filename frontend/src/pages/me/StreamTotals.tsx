/** A small table of logged and payable amounts per stream, for one or more groups (this period, lifetime…). */
import type { Totals } from "../../../../scripts/lib/history/index.ts";
import { credits } from "../../format.ts";
import { defineMessages, useT } from "../../i18n.tsx";
import { STREAM_INDEXES, useLabels } from "./labels.ts";

const messages = defineMessages(
  {
    stream: "Stream",
    logged: "logged",
    payable: "payable",
    hint: "Counted work only. Livelihood and love in credits, care in hours; payable is the amount times the stage's weight.",
  },
  {
    stream: "Corriente",
    logged: "registrado",
    payable: "pagable",
    hint: "Solo el trabajo contado. Sustento y amor en créditos, cuidados en horas; lo pagable es la cantidad por el peso de la etapa.",
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
  const labels = useLabels();
  return (
    <div className="table-wrap">
      <table className="stream-totals">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("stream")}
            </th>
            {groups.map((g) => (
              <th key={g.label} scope="colgroup" colSpan={2} className="num">
                {g.label}
              </th>
            ))}
          </tr>
          <tr>
            {groups.map((g) => [
              <th key={`${g.label}-h`} scope="col" className="num">
                {t("logged")}
              </th>,
              <th key={`${g.label}-p`} scope="col" className="num">
                {t("payable")}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {STREAM_INDEXES.map((s) => (
            <tr key={s}>
              <th scope="row" className={`stream-${s}`}>
                {labels.stream(s)}
              </th>
              {groups.map((g) => [
                <td key={`${g.label}-h`} className="num">
                  {credits(g.totals.historical[s])}
                </td>,
                <td key={`${g.label}-p`} className="num">
                  {credits(g.totals.payable[s])}
                </td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("hint")}</p>
    </div>
  );
}
