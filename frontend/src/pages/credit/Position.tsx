/**
 * The DisCO's place in the network: its net position, its treasurers' budget left this period and their line bound,
 * and a row per counterparty with the balance between them, the line each gives the other (frozen marked) and the
 * trust each gives the other in the federation.
 */
import { netPosition, treasurerAllowance } from "@disco-ledger/sdk/credit";
import { creditEuros, dateTime } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Empty, ScrollArea, Section, Stat } from "../../ui/kit.tsx";
import { useTreasurers } from "./data.ts";
import { messages } from "./messages.ts";
import { OUR_NAME, OURS, type CreditView } from "./ours.ts";
import { counterparties } from "./position.ts";

export function Position({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { state, fed } = view;
  const euros = (amount: bigint) => creditEuros(amount, lang);
  const net = netPosition(state, OURS);
  const treasurers = useTreasurers(state.address, OURS).data;
  const allowance = treasurers && treasurerAllowance(treasurers.treasurers, view.now, treasurers.periodLength);
  const rows = counterparties(state, OURS, view.peers, fed.trust);
  const line = (l: { limit: bigint; frozen: boolean }) => (
    <>
      {euros(l.limit)}
      {l.frozen ? <span className="tag frozen">{t("frozen")}</span> : null}
    </>
  );
  return (
    <Section title={t("positionTitle", { name: OUR_NAME, fed: fed.name })}>
      <p className="muted">{t("maxHops", { hops: state.maxHops })}</p>
      <dl className="stats" data-testid="credit-position">
        <Stat
          label={t("net")}
          value={euros(net < 0n ? -net : net)}
          hint={net === 0n ? t("even") : t(net > 0n ? "netOwed" : "netOwes", { name: OUR_NAME })}
          testId="credit-net"
        />
        {treasurers ? (
          <>
            <Stat
              label={t("budgetLeft")}
              value={euros(allowance?.left ?? 0n)}
              hint={
                treasurers.treasurers.budget === 0n
                  ? t("noBudget")
                  : t("budgetOf", {
                      budget: euros(treasurers.treasurers.budget),
                      date: dateTime(allowance?.renews ?? 0, lang),
                    })
              }
              testId="credit-budget"
            />
            <Stat label={t("lineBound")} value={euros(treasurers.treasurers.lineBound)} hint={t("lineBoundHint")} />
          </>
        ) : null}
      </dl>
      {rows.length === 0 ? (
        <Empty>{t("noCounterparties")}</Empty>
      ) : (
        <ScrollArea label={t("counterpartiesTable")}>
          <table data-testid="credit-counterparties">
            <caption>{t("counterpartiesTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("counterparty")}</th>
                <th scope="col" className="num">
                  {t("balance")}
                </th>
                <th scope="col" className="num">
                  {t("lineGiven")}
                </th>
                <th scope="col" className="num">
                  {t("lineReceived")}
                </th>
                <th scope="col" className="num">
                  {t("trustGiven")}
                </th>
                <th scope="col" className="num">
                  {t("trustReceived")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.account} data-balance={r.balance.toString()}>
                  <th scope="row">{view.name(r.account)}</th>
                  <td className="num">
                    {r.balance === 0n
                      ? t("even")
                      : r.balance > 0n
                        ? t("theyOwe", { amount: euros(r.balance) })
                        : t("weOwe", { amount: euros(-r.balance) })}
                  </td>
                  <td className="num">{line(r.given)}</td>
                  <td className="num">{line(r.received)}</td>
                  <td className="num">{r.trustGiven ?? t("noTrust")}</td>
                  <td className="num">{r.trustReceived ?? t("noTrust")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </Section>
  );
}
