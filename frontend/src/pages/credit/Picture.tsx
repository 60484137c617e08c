/**
 * The credit network's picture (the shared NetworkPicture): the federation's DisCOs and persons' accounts on a circle,
 * an arrow from each debtor to its creditor wider as the debt grows, the lines dashed and lighter; beside it, a table
 * of every pair's debt and lines, for screen readers and phones.
 */
import { useMemo } from "react";
import { creditEuros } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Empty, ScrollArea, Section } from "../../ui/kit.tsx";
import { NetworkPicture } from "../../ui/NetworkPicture.tsx";
import { messages } from "./messages.ts";
import type { CreditView } from "./ours.ts";
import { creditEdges, largestDebt, pairRows } from "./picture.ts";

export function Picture({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { state } = view;
  const nodes = useMemo(() => [...view.active, ...state.accounts.map((a) => a.account)], [view.active, state]);
  const edges = useMemo(() => creditEdges(state, nodes), [state, nodes]);
  const rows = useMemo(() => pairRows(state, nodes), [state, nodes]);
  const euros = (amount: bigint) => creditEuros(amount, lang);
  const largest = largestDebt(edges);
  const line = (l: { limit: bigint; frozen: boolean }) =>
    l.frozen ? `${euros(l.limit)} (${t("frozen")})` : euros(l.limit);
  return (
    <Section title={t("pictureTitle")}>
      <p>{t("pictureIntro")}</p>
      <NetworkPicture
        title={t("picture", { name: view.fed.name })}
        nodes={nodes.map((id) => ({ id, name: view.name(id) }))}
        edges={edges.map((e) => ({
          ...e,
          value: e.amount.toString(),
          label: e.kind === "debt" ? euros(e.amount) : undefined,
          light: e.kind === "line",
        }))}
        legend={[
          ...(largest > 0n
            ? [
                { label: euros(largest / 2n), weight: 0.5 },
                { label: euros(largest), weight: 1 },
              ]
            : []),
          { label: t("line"), weight: 0.25, light: true },
        ]}
        testId="credit"
      >
        {rows.length === 0 ? (
          <Empty>{t("noPairs")}</Empty>
        ) : (
          <ScrollArea label={t("pairsTable")}>
            <table data-testid="credit-pairs">
              <caption>{t("pairsTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("owes")}</th>
                  <th scope="col">{t("toWhom")}</th>
                  <th scope="col" className="num">
                    {t("owed")}
                  </th>
                  <th scope="col" className="num">
                    {t("creditorLine")}
                  </th>
                  <th scope="col" className="num">
                    {t("debtorLine")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.debtor}-${r.creditor}`}>
                    <td>{view.name(r.debtor)}</td>
                    <td>{view.name(r.creditor)}</td>
                    <td className="num">{euros(r.owed)}</td>
                    <td className="num">{line(r.creditorLine)}</td>
                    <td className="num">{line(r.debtorLine)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </NetworkPicture>
    </Section>
  );
}
