/**
 * My payouts: what I can claim per funded period (the treasury's own `claimable`, read for each period I may still
 * claim), one click to claim them all, what I claimed already, and my wallet's balance.
 */
import { useConnection, useReadContract } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { deployment } from "../../chain.ts";
import { useHistory } from "../../data/history.tsx";
import { dateTime, pluralForm } from "@disco-ledger/sdk/format";
import { tokenAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, ReasonedButton, ScrollArea, Stat } from "../../ui/kit.tsx";
import { useChainClock } from "../../ui/clock.ts";
import { useBlockTimes } from "../../data/blockTimes.ts";
import { Euros } from "../treasury/Euros.tsx";
import { PeriodNotice } from "../treasury/PeriodNotice.tsx";
import { useClaimable } from "./claims.ts";
import { claimedByMe } from "./figures.ts";

const messages = defineMessages(
  {
    title: "My payouts",
    wallet: "My wallet",
    walletHint: "the cooperative's currency",
    claimable: "Claimable now",
    periodsOne: "from 1 funded period",
    periodsOther: "from {count} funded periods",
    claimAll: "Claim all",
    reading: "Reading the treasury…",
    nothing: "Nothing to claim: every funded period you worked in is claimed.",
    noWork: "Nothing to claim: payouts are shared by payable work in funded periods, and you have none yet.",
    busy: "A claim is under way.",
    notConnected: "Connect to claim.",
    period: "Period",
    amount: "Amount",
    toClaim: "To claim",
    claimed: "Claimed",
    claimedTitle: "Already claimed",
    noClaims: "You have not claimed any payout yet.",
    date: "Date",
    readError: "Could not read the treasury: {error}",
  },
  {
    title: "Mis pagos",
    wallet: "Mi cartera",
    walletHint: "la moneda de la cooperativa",
    claimable: "Para cobrar ahora",
    periodsOne: "de 1 periodo financiado",
    periodsOther: "de {count} periodos financiados",
    claimAll: "Cobrarlo todo",
    reading: "Leyendo la tesorería…",
    nothing: "Nada que cobrar: ya has cobrado todos los periodos financiados en los que trabajaste.",
    noWork:
      "Nada que cobrar: los pagos se reparten según el trabajo pagable de los periodos financiados, y aún no tienes.",
    busy: "Hay un cobro en curso.",
    notConnected: "Conéctate para cobrar.",
    period: "Periodo",
    amount: "Importe",
    toClaim: "Por cobrar",
    claimed: "Cobrado",
    claimedTitle: "Ya cobrado",
    noClaims: "Aún no has cobrado ningún pago.",
    date: "Fecha",
    readError: "No se ha podido leer la tesorería: {error}",
  },
);

const treasury = deployment.contracts.treasury.address;
const token = deployment.contracts.token.address;

/** My wallet's currency balance, read again whenever the books move on a block (so after every transaction). */
export function useWalletBalance(address: `0x${string}` | undefined) {
  const lastBlock = useHistory().loaded?.lastBlock;
  return useReadContract({
    address: token,
    abi: tokenAbi,
    functionName: "balanceOf",
    args: address ? [address] : undefined,
    scopeKey: `block-${lastBlock}`,
    query: { enabled: Boolean(address), placeholderData: (previous) => previous },
  });
}

export function Payouts({ books, address }: { books: HistoryState; address: `0x${string}` }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { status } = useConnection();
  const tx = useTx();
  const balance = useWalletBalance(address);

  const { candidates, selection, loading, error: readError } = useClaimable(books, address);
  const claimed = claimedByMe(books.treasury, address);
  const times = useBlockTimes(claimed.map((c) => c.block));
  const { now } = useChainClock();
  const member = books.members.current.has(address.toLowerCase());

  const reason =
    status !== "connected"
      ? t("notConnected")
      : tx.busy
        ? t("busy")
        : loading
          ? t("reading")
          : selection.total > 0n
            ? undefined
            : candidates.length === 0 && claimed.length === 0
              ? t("noWork")
              : t("nothing");

  const claimAll = () =>
    void tx.send({ address: treasury, abi: treasuryAbi, functionName: "claim", args: [selection.periods] });

  return (
    <section className="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">{t("title")}</h2>
      {member ? <PeriodNotice state={books} now={now} /> : null}
      <dl className="stats">
        <Stat
          label={t("claimable")}
          testId="claimable-total"
          value={loading ? "…" : <Euros amount={selection.total} />}
          hint={
            selection.periods.length > 0
              ? t(pluralForm(selection.periods.length, lang) === "one" ? "periodsOne" : "periodsOther", {
                  count: selection.periods.length,
                })
              : undefined
          }
        />
        <Stat
          label={t("wallet")}
          testId="wallet-balance"
          value={balance.data === undefined ? "…" : <Euros amount={balance.data} />}
          hint={t("walletHint")}
        />
      </dl>
      {readError ? (
        <p className="banner" role="alert">
          {t("readError", { error: readError.message })}
        </p>
      ) : null}
      {selection.periods.length > 0 ? (
        <ScrollArea label={t("toClaim")}>
          <table>
            <caption className="sr-only">{t("toClaim")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col" className="num">
                  {t("toClaim")}
                </th>
              </tr>
            </thead>
            <tbody>
              {selection.periods.map((period, i) => (
                <tr key={period}>
                  <th scope="row">{period}</th>
                  <td className="num">
                    <Euros amount={selection.amounts[i]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      ) : null}
      <ReasonedButton
        type="button"
        data-testid="claim-all"
        reason={reason}
        reasonId="claim-all-why"
        rowClassName="row action"
        onClick={claimAll}
      >
        {t("claimAll")}
      </ReasonedButton>
      <TxStatus tx={tx} />
      <h3>{t("claimedTitle")}</h3>
      {claimed.length === 0 ? (
        <Empty>{t("noClaims")}</Empty>
      ) : (
        <ScrollArea label={t("claimedTitle")}>
          <table>
            <caption className="sr-only">{t("claimedTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col" className="num">
                  {t("claimed")}
                </th>
                <th scope="col">{t("date")}</th>
              </tr>
            </thead>
            <tbody>
              {claimed.map((c) => (
                <tr key={c.period}>
                  <th scope="row">{c.period}</th>
                  <td className="num">
                    <Euros amount={c.amount} />
                  </td>
                  <td>{times.has(c.block) ? dateTime(times.get(c.block) ?? 0n, lang) : "…"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  );
}
