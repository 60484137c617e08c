/**
 * My capital account: shares and their value, patronage cash to claim (CapitalAccounts.claimCash settles first, so
 * the amount shown is currentAccountOf's), its history, and a former member's redemption schedules (each amount
 * added to a redemption gets its own: start, instalments, paid, due), from the folded history.
 */
import { formatUnits } from "viem";
import type { ReactNode } from "react";
import { useReadContract, useReadContracts } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { deployment } from "../../chain.ts";
import { useHistory } from "../../data/history.tsx";
import { dateTime, moneyToCent, pluralForm } from "@disco-ledger/sdk/format";
import { capitalAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT, type Params } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, ReasonedButton, ScrollArea, Stat } from "../../ui/kit.tsx";
import { useChainClock } from "../../ui/clock.ts";
import { useBlockTimes } from "../../data/blockTimes.ts";
import { Euros } from "../treasury/Euros.tsx";
import { capitalHistory, redemptionSchedule, scheduleDue, type CapitalLine } from "./figures.ts";
import { unsettledLines, unsettledYears, type Allocation } from "./unsettled.ts";

const messages = defineMessages(
  {
    title: "My capital account",
    value: "Value",
    shares: "{shares} shares",
    cash: "Patronage cash to claim",
    cashHint: "closed years included",
    contributed: "Joining contribution",
    paid: "paid",
    unpaid: "not paid",
    claimCash: "Claim cash",
    noCash: "No patronage cash to claim.",
    busy: "A transaction is under way.",
    history: "History",
    noHistory: "No capital movements yet.",
    date: "Date",
    what: "What",
    unsettled: "reaches your account at your next capital action; already in its value",
    amount: "Amount",
    contribution: "Joining contribution (to the reserve: {reserve})",
    allocation: "Year {year} surplus: cash {cash}",
    loss: "Year {year} loss charged",
    cashClaim: "Patronage cash claimed",
    scheduledNumber: "Redemption schedule {schedule} opened",
    redeemed: "Redemption schedule {schedule}: instalment paid (paid so far {paidTotal})",
    redemption: "My redemption",
    redemptionExplain:
      "Having left, you are paid back your capital account in instalments: take each one from its due date on.",
    schedules: "{count} schedules: each amount added to your redemption is paid back on its own schedule.",
    schedule: "Schedule {number}",
    scheduleSummary:
      "{total} paid back in {instalments} from {start}, the last due {end}. Paid so far: {paid}; due now: {due}.",
    instalment: "No.",
    due: "Due",
    state: "State",
    instalmentPaid: "paid",
    instalmentOpen: "to come",
    instalmentsOne: "1 instalment",
    instalmentsOther: "{count} instalments",
    redeem: "Take what is due",
    redeemable: "Due now: {due}",
    nothingDue: "Nothing is due yet; the next instalment is due {date}.",
    allPaid: "Your redemption is paid in full.",
  },
  {
    title: "Mi cuenta de capital",
    value: "Valor",
    shares: "{shares} participaciones",
    cash: "Efectivo por retorno a cobrar",
    cashHint: "incluidos los ejercicios cerrados",
    contributed: "Aportación de entrada",
    paid: "pagada",
    unpaid: "sin pagar",
    claimCash: "Cobrar el efectivo",
    noCash: "No hay efectivo por retorno que cobrar.",
    busy: "Hay una transacción en curso.",
    history: "Historial",
    noHistory: "Aún no hay movimientos de capital.",
    date: "Fecha",
    what: "Qué",
    unsettled: "llega a tu cuenta con tu próxima operación de capital; ya está en su valor",
    amount: "Importe",
    contribution: "Aportación de entrada (a la reserva: {reserve})",
    allocation: "Excedente del ejercicio {year}: efectivo {cash}",
    loss: "Pérdida del ejercicio {year} imputada",
    cashClaim: "Efectivo por retorno cobrado",
    scheduledNumber: "Plan de reembolso {schedule} abierto",
    redeemed: "Plan de reembolso {schedule}: plazo pagado (pagado hasta ahora {paidTotal})",
    redemption: "Mi reembolso",
    redemptionExplain:
      "Al salir, se te devuelve tu cuenta de capital en plazos: cobra cada uno a partir de su fecha de vencimiento.",
    schedules: "{count} planes: cada cantidad añadida a tu reembolso se devuelve con su propio plan.",
    schedule: "Plan {number}",
    scheduleSummary:
      "{total} devueltos en {instalments} desde el {start}, el último vence el {end}. Pagado hasta ahora: {paid}; vencido ahora: {due}.",
    instalment: "N.º",
    due: "Vence",
    state: "Estado",
    instalmentPaid: "pagado",
    instalmentOpen: "pendiente",
    instalmentsOne: "1 plazo",
    instalmentsOther: "{count} plazos",
    redeem: "Cobrar lo vencido",
    redeemable: "Vencido ahora: {due}",
    nothingDue: "Aún no vence nada; el próximo plazo vence el {date}.",
    allPaid: "Tu reembolso está pagado por completo.",
  },
);

const capital = deployment.contracts.capital.address;

/** A line of the history: what happened, and the amount it moved into (+) or out of (-) the account. */
function describe(
  line: CapitalLine,
  fmt: (v: bigint) => string,
  t: (k: keyof typeof messages.en, p?: Params) => string,
): { what: string; amount: ReactNode } {
  switch (line.kind) {
    case "contribution":
      return {
        what: t("contribution", { reserve: fmt(line.toReserve) }),
        amount: <Euros amount={line.toAccount} sign="+" />,
      };
    case "allocation":
      return {
        what: t("allocation", { year: line.year, cash: fmt(line.cash) }),
        amount: <Euros amount={line.value} sign="+" />,
      };
    case "loss":
      return { what: t("loss", { year: line.year }), amount: <Euros amount={line.value} sign="−" /> };
    case "cash":
      return { what: t("cashClaim"), amount: <Euros amount={line.amount} /> };
    case "scheduled":
      return {
        what: t("scheduledNumber", { schedule: line.schedule + 1 }),
        amount: <Euros amount={line.amount} sign="−" />,
      };
    case "redeemed":
      return {
        what: t("redeemed", { schedule: line.schedule + 1, paidTotal: fmt(line.paidTotal) }),
        amount: <Euros amount={line.amount} />,
      };
  }
}

export function Capital({ books, address }: { books: HistoryState; address: `0x${string}` }) {
  const t = useT(messages);
  const { lang } = useLang();
  const fmt = (v: bigint) => moneyToCent(v, lang);
  const lastBlock = useHistory().loaded?.lastBlock;
  const cashTx = useTx();
  const redeemTx = useTx();
  const key = address.toLowerCase();
  const account = books.capital.accounts.get(key);
  const { now } = useChainClock();
  // Closed years not settled into the account yet show from their close, as the contract allocates them.
  const pendingYears = unsettledYears(books.capital, address);
  const allocations = useReadContracts({
    contracts: pendingYears.map((year) => ({
      address: capital,
      abi: capitalAbi,
      functionName: "allocationOf" as const,
      args: [address, year] as const,
    })),
    scopeKey: `block-${lastBlock}`,
    query: { enabled: pendingYears.length > 0, placeholderData: (previous) => previous },
  });
  const pendingLines = unsettledLines(
    books.capital,
    pendingYears,
    pendingYears.map((_, i) => {
      const read = allocations.data?.[i];
      return read?.status === "success" ? (read.result as Allocation) : undefined;
    }),
  );
  const history = [...capitalHistory(books.capital, address), ...pendingLines].sort(
    (a, b) => a.block - b.block || a.logIndex - b.logIndex,
  );
  const times = useBlockTimes(history.map((line) => line.block));

  const current = useReadContract({
    address: capital,
    abi: capitalAbi,
    functionName: "currentAccountOf",
    args: [address],
    scopeKey: `block-${lastBlock}`,
    query: { placeholderData: (previous) => previous },
  });
  const redemptions = books.capital.redemptions.get(key) ?? [];
  const scheduleCount = redemptions.length;
  const due = useReadContract({
    address: capital,
    abi: capitalAbi,
    functionName: "redeemable",
    args: [address],
    scopeKey: `block-${lastBlock}`,
    query: { enabled: scheduleCount > 0, placeholderData: (previous) => previous },
  });

  if (!account && scheduleCount === 0 && history.length === 0) return null;
  const cash = current.data?.cash ?? account?.cash ?? 0n;
  const cashReason = cashTx.busy ? t("busy") : cash === 0n ? t("noCash") : undefined;
  const [dueNow, nextDueAt] = due.data ?? [0n, 0n];

  return (
    <section className="card" aria-labelledby="capital-title">
      <h2 id="capital-title">{t("title")}</h2>
      <dl className="stats">
        <Stat
          label={t("value")}
          value={<Euros amount={current.data?.value ?? account?.value ?? 0n} />}
          hint={t("shares", { shares: formatUnits(current.data?.shares ?? account?.shares ?? 0n, 6) })}
        />
        <Stat label={t("cash")} value={<Euros amount={cash} />} hint={t("cashHint")} />
        <Stat label={t("contributed")} value={account?.contributed ? t("paid") : t("unpaid")} />
      </dl>
      <ReasonedButton
        type="button"
        data-testid="claim-cash"
        reason={cashReason}
        reasonId="claim-cash-why"
        rowClassName="row action"
        onClick={() => void cashTx.send({ address: capital, abi: capitalAbi, functionName: "claimCash" })}
      >
        {t("claimCash")}
      </ReasonedButton>
      <TxStatus tx={cashTx} />

      {scheduleCount > 0 ? (
        <>
          <h3>{t("redemption")}</h3>
          <p>{t("redemptionExplain")}</p>
          {scheduleCount > 1 ? <p>{t("schedules", { count: scheduleCount })}</p> : null}
          {redemptions.map((r) => (
            <div key={r.schedule} className="redemption-schedule" data-testid={`redemption-${r.schedule}`}>
              <h4>{t("schedule", { number: r.schedule + 1 })}</h4>
              <p>
                {t("scheduleSummary", {
                  start: dateTime(r.start, lang),
                  instalments: t(pluralForm(r.instalments, lang) === "one" ? "instalmentsOne" : "instalmentsOther", {
                    count: r.instalments,
                  }),
                  end: dateTime(r.start + r.period, lang),
                  paid: fmt(r.paid),
                  total: fmt(r.total),
                  due: fmt(now === undefined ? 0n : scheduleDue(r, now).due),
                })}
              </p>
              <ScrollArea label={t("schedule", { number: r.schedule + 1 })}>
                <table>
                  <caption className="sr-only">{t("schedule", { number: r.schedule + 1 })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("instalment")}</th>
                      <th scope="col">{t("due")}</th>
                      <th scope="col" className="num">
                        {t("amount")}
                      </th>
                      <th scope="col">{t("state")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {redemptionSchedule(r).map((row) => (
                      <tr key={row.index}>
                        <th scope="row">{row.index}</th>
                        <td>{dateTime(row.dueAt, lang)}</td>
                        <td className="num">
                          <Euros amount={row.amount} />
                        </td>
                        <td>{row.paid ? t("instalmentPaid") : t("instalmentOpen")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollArea>
            </div>
          ))}
          <div className="row action">
            <button
              type="button"
              data-testid="redeem"
              disabled={redeemTx.busy || dueNow === 0n}
              aria-describedby="redeem-why"
              onClick={() => void redeemTx.send({ address: capital, abi: capitalAbi, functionName: "redeem" })}
            >
              {t("redeem")}
            </button>
            <small id="redeem-why" className="why">
              {redeemTx.busy
                ? t("busy")
                : dueNow > 0n
                  ? t("redeemable", { due: fmt(dueNow) })
                  : nextDueAt > 0n
                    ? t("nothingDue", { date: dateTime(nextDueAt, lang) })
                    : t("allPaid")}
            </small>
          </div>
          <TxStatus tx={redeemTx} />
        </>
      ) : null}

      <h3>{t("history")}</h3>
      {history.length === 0 ? (
        <Empty>{t("noHistory")}</Empty>
      ) : (
        <ScrollArea label={t("history")}>
          <table>
            <caption className="sr-only">{t("history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("date")}</th>
                <th scope="col">{t("what")}</th>
                <th scope="col" className="num">
                  {t("amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((line) => {
                const { what, amount } = describe(line, fmt, t);
                const settled = !pendingLines.includes(line);
                return (
                  <tr key={`${line.block}-${line.logIndex}-${line.kind}`} data-settled={settled}>
                    <td>{times.has(line.block) ? dateTime(times.get(line.block) ?? 0n, lang) : "…"}</td>
                    <td>
                      {what}
                      {settled ? null : <small className="why"> ({t("unsettled")})</small>}
                    </td>
                    <td className="num">{amount}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </section>
  );
}
