/** What the treasury owes, as the contracts answer it now: payouts, the capital books line by line, what is free. */
import { useT } from "../../i18n.tsx";
import { Section, Stat, ScrollArea } from "../../ui/kit.tsx";
import type { MoneyViews } from "./chain.ts";
import { Euros } from "./Euros.tsx";
import { messages } from "./messages.ts";

export function Owed({ views }: { views: MoneyViews }) {
  const t = useT(messages);
  const show = (v: bigint | undefined) => (v === undefined ? t("reading") : <Euros amount={v} />);
  return (
    <Section title={t("owedTitle")}>
      <div data-testid="owed">
        <p>{t("owedIntro")}</p>
        <dl className="stats">
          <Stat label={t("balance")} value={show(views.balance)} />
          <Stat label={t("chainOwed")} value={<span data-figure="owed">{show(views.owed)}</span>} />
          <Stat label={t("capitalHeld")} value={<span data-figure="held">{show(views.held)}</span>} />
          <Stat
            label={t("chainUnallocated")}
            value={<span data-figure="unallocated">{show(views.unallocated)}</span>}
          />
        </dl>
        <ScrollArea label={t("tableOf", { name: t("capitalHeld") })}>
          <table className="owed-breakdown">
            <caption className="sr-only">{t("capitalHeld")}</caption>
            <tbody>
              {(
                [
                  ["capitalAccounts", views.accountsTotal],
                  ["reserve", views.reserve],
                  ["commons", views.commons],
                  ["cashOwed", views.cashOwed],
                  ["redemptionsOwed", views.redemptionsOwed],
                ] as const
              ).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{t(key)}</th>
                  <td className="num">{show(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </div>
    </Section>
  );
}
