/**
 * The network's history, newest first: payments with their reference in words and their path, the cycles cleared, and
 * the debts settled in money; each with its date and euros.
 */
import type { ReactNode } from "react";
import type { CreditSettlement } from "@disco-ledger/sdk/credit";
import { creditEuros, dateTime, money, paymentReference, shortAddress } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Empty, ScrollArea, Section } from "../../ui/kit.tsx";
import { useCurrencies } from "../federation/data.ts";
import { messages } from "./messages.ts";
import type { CreditView } from "./ours.ts";

export function History({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { state } = view;
  const euros = (amount: bigint) => creditEuros(amount, lang);
  const when = (time: number) => <time dateTime={new Date(time * 1000).toISOString()}>{dateTime(time, lang)}</time>;
  const reference = (ref: string) => {
    if (/^0x0{64}$/.test(ref)) return <span className="muted">{t("noRef")}</span>;
    const words = paymentReference(ref);
    return words !== undefined ? words : t("refHash", { hash: shortAddress(ref) });
  };
  const path = (nodes: readonly string[]) => nodes.map(view.name).join(" → ");
  // The money paid, in its currency's own units (read once per currency).
  const currencies = useCurrencies(state.settlements.map((s) => s.currency));
  const paid = (s: CreditSettlement) => {
    const currency = currencies.get(s.currency.toLowerCase());
    return currency ? money(s.tokens, lang, currency.decimals, currency.symbol) : "…";
  };
  return (
    <Section title={t("historyTitle")}>
      <Table
        title={t("paymentsTable")}
        empty={t("noPayments")}
        testId="credit-payments"
        head={[t("date"), t("from"), t("to"), t("amount"), t("ref"), t("via")]}
        numeric={[3]}
        rows={[...state.payments].reverse().map((p) => ({
          key: `${p.transactionHash}-${p.logIndex}`,
          cells: [
            when(p.time),
            view.name(p.payer),
            view.name(p.payee),
            euros(p.amount),
            reference(p.paymentRef),
            path(p.path),
          ],
        }))}
      />
      <Table
        title={t("clearingsTable")}
        empty={t("noClearings")}
        testId="credit-clearings"
        head={[t("date"), t("cycleCol"), t("eachDebt")]}
        numeric={[2]}
        rows={[...state.clearings].reverse().map((c) => ({
          key: `${c.transactionHash}-${c.logIndex}`,
          cells: [when(c.time), path(c.cycle), euros(c.amount)],
        }))}
      />
      <Table
        title={t("settlementsTable")}
        empty={t("noSettlements")}
        testId="credit-settlements"
        head={[t("date"), t("debtor"), t("creditorCol"), t("amount"), t("money")]}
        numeric={[3, 4]}
        rows={[...state.settlements].reverse().map((s) => ({
          key: `${s.transactionHash}-${s.logIndex}`,
          cells: [when(s.time), view.name(s.debtor), view.name(s.creditor), euros(s.amount), paid(s)],
        }))}
      />
    </Section>
  );
}

function Table({
  title,
  empty,
  testId,
  head,
  numeric,
  rows,
}: {
  title: string;
  empty: string;
  testId: string;
  head: string[];
  numeric: number[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ScrollArea label={title}>
          <table data-testid={testId}>
            <thead>
              <tr>
                {head.map((h, i) => (
                  <th key={h} scope="col" className={numeric.includes(i) ? "num" : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  {r.cells.map((cell, i) => (
                    <td key={i} className={numeric.includes(i) ? "num" : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </>
  );
}
