/** The whole DisCO at a glance, for anyone, connected or not. Carries `data-figures` (the load benchmark waits for
 *  it) once the books are in. */
import type { HistoryState } from "@disco-ledger/sdk/history";
import { dateTime, money } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { discoSeries, discoWork, membersByStage } from "./figures.ts";
import { Stat } from "../../ui/kit.tsx";
import { useLabels } from "./labels.ts";
import { StreamChart } from "./StreamChart.tsx";
import { StreamTotals } from "./StreamTotals.tsx";

const messages = defineMessages(
  {
    title: "The cooperative",
    members: "Members",
    former: "{count} former",
    byStage: "Members by stage",
    period: "Current period",
    openedAt: "open since {date}",
    balance: "In the treasury",
    owed: "Payouts owed",
    owedHint: "funded, not claimed yet",
    held: "Capital held",
    heldHint: "accounts, reserve, commons, cash and redemptions owed",
    thisPeriod: "This period",
    lifetime: "Lifetime",
    work: "The cooperative's counted work",
    chart: "The cooperative's payable work per period",
  },
  {
    title: "La cooperativa",
    members: "Personas socias",
    former: "{count} antiguas",
    byStage: "Personas socias por etapa",
    period: "Periodo actual",
    openedAt: "abierto desde el {date}",
    balance: "En la tesorería",
    owed: "Pagos debidos",
    owedHint: "financiados, aún sin cobrar",
    held: "Capital retenido",
    heldHint: "cuentas, reserva, fondo común, efectivo y reembolsos debidos",
    thisPeriod: "Este periodo",
    lifetime: "Desde siempre",
    work: "El trabajo contado de la cooperativa",
    chart: "El trabajo pagable de la cooperativa por periodo",
  },
);

export function DiscoFigures({ books }: { books: HistoryState }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const members = membersByStage(books);
  const work = discoWork(books.ledger);
  const period = books.ledger.periods.get(books.ledger.currentPeriod);
  return (
    <section className="card disco-figures" aria-labelledby="disco-figures-title" data-figures>
      <h2 id="disco-figures-title">{t("title")}</h2>
      <dl className="stats">
        <Stat label={t("members")} value={members.total} hint={t("former", { count: members.former })} />
        <Stat
          label={t("period")}
          value={books.ledger.currentPeriod}
          hint={period ? t("openedAt", { date: dateTime(period.openedAt, lang) }) : undefined}
        />
        <Stat label={t("balance")} value={money(books.treasuryBalance, lang)} />
        <Stat label={t("owed")} value={money(books.treasury.owed, lang)} hint={t("owedHint")} />
        <Stat label={t("held")} value={money(books.capital.held, lang)} hint={t("heldHint")} />
      </dl>
      <h3>{t("byStage")}</h3>
      <ul className="stage-counts">
        {members.stages.map(({ stage, count }) => (
          <li key={stage}>
            <span className="count">{count}</span> {labels.stage(stage)}
          </li>
        ))}
      </ul>
      <h3>{t("work")}</h3>
      <StreamTotals
        groups={[
          { label: t("thisPeriod"), totals: work.current },
          { label: t("lifetime"), totals: work.lifetime },
        ]}
        caption={t("work")}
      />
      <StreamChart series={discoSeries(books.ledger)} title={t("chart")} />
    </section>
  );
}
