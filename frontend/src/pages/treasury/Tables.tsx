/**
 * The treasury's tables: in and out per period, each period's funding, and every payment in and out (with the DisCO's
 * mutual-credit payments and settlements beside them, marked).
 */
import { useState } from "react";
import { dateTime, paymentReference, shortAddress } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Empty, Person, Section, ScrollArea } from "../../ui/kit.tsx";
import { useBlockTimes } from "../../data/blockTimes.ts";
import { Euros } from "./Euros.tsx";
import { FlowChart } from "./FlowChart.tsx";
import { useDisCONames } from "../federation/data.ts";
import {
  allMovements,
  type CreditMovement,
  type Flow,
  type FundingRow,
  type Movement,
  type PeriodFlow,
} from "./flows.ts";
import { messages, type TreasuryMessage } from "./messages.ts";

export function PeriodFlows({ rows }: { rows: PeriodFlow[] }) {
  const t = useT(messages);
  return (
    <Section title={t("flowsTitle")}>
      <FlowChart rows={rows} />
      <ScrollArea label={t("tableOf", { name: t("flowsTitle") })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("period")}</th>
              <th scope="col" className="num">
                {t("in")}
              </th>
              <th scope="col" className="num">
                {t("out")}
              </th>
              <th scope="col" className="num">
                {t("net")}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((r) => (
              <tr key={r.period}>
                <th scope="row">{r.period}</th>
                <td className="num">
                  <Euros amount={r.in} />
                </td>
                <td className="num">
                  <Euros amount={r.out} />
                </td>
                <td className="num">
                  {r.in < r.out ? <Euros amount={r.out - r.in} sign="−" /> : <Euros amount={r.in - r.out} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </Section>
  );
}

const STATUS: Record<FundingRow["status"], TreasuryMessage> = {
  open: "open",
  review: "review",
  unfunded: "unfunded",
  funded: "fundedStatus",
};

export function FundingTable({ rows }: { rows: FundingRow[] }) {
  const t = useT(messages);
  const { lang } = useLang();
  const amount = (r: FundingRow, v: bigint) => (r.status === "funded" ? <Euros amount={v} /> : "—");
  return (
    <Section title={t("fundingTitle")}>
      <p>{t("fundingIntro")}</p>
      <ScrollArea label={t("tableOf", { name: t("fundingTitle") })}>
        <table data-testid="funding-table">
          <thead>
            <tr>
              <th scope="col">{t("period")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col" className="num">
                {t("funded")}
              </th>
              <th scope="col" className="num stream-0">
                {t("livelihood")}
              </th>
              <th scope="col" className="num stream-1">
                {t("love")}
              </th>
              <th scope="col" className="num stream-2">
                {t("care")}
              </th>
              <th scope="col" className="num">
                {t("claimed")}
              </th>
              <th scope="col" className="num">
                {t("unclaimed")}
              </th>
              <th scope="col" className="num">
                {t("claims")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.period} data-period={r.period} data-status={r.status}>
                <th scope="row">{r.period}</th>
                <td>
                  <span className={`tag status-${r.status}`}>
                    {t(STATUS[r.status], { date: r.finalAt !== null ? dateTime(r.finalAt, lang) : "" })}
                  </span>
                </td>
                <td className="num">{amount(r, r.funded)}</td>
                <td className="num">{amount(r, r.pools[0])}</td>
                <td className="num">{amount(r, r.pools[1])}</td>
                <td className="num">{amount(r, r.pools[2])}</td>
                <td className="num">{amount(r, r.claimed)}</td>
                <td className="num">{amount(r, r.unclaimed)}</td>
                <td className="num">{r.status === "funded" ? r.claims : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </Section>
  );
}

const PAGE = 25;

/** The treasury's money in and out and, marked, the DisCO's mutual credit in and out (not money of the treasury). */
export function Movements({ flows, credit }: { flows: Flow[]; credit: CreditMovement[] }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { name: discoName } = useDisCONames();
  const [direction, setDirection] = useState<"all" | "in" | "out">("all");
  const [limit, setLimit] = useState(PAGE);
  const chosen = allMovements(flows, credit)
    .filter((m) => direction === "all" || m.flow.direction === direction)
    .reverse();
  const shown = chosen.slice(0, limit);
  const times = useBlockTimes(shown.map((m) => m.flow.block));
  const reference = (ref: string) => {
    if (/^0x0{64}$/.test(ref)) return t("noRef");
    const words = paymentReference(ref);
    return words !== undefined ? t("ref", { ref: words }) : t("refHash", { hash: shortAddress(ref) });
  };
  const detail = (f: Flow): string => {
    if (f.kind === "pay-in") return reference(f.detail);
    if (f.kind === "claim") return t("claimPeriods", { periods: (f.detail.match(/\d+/g) ?? []).join(", ") });
    if (f.kind === "spend" || f.kind === "commons" || f.kind === "untraced") return f.detail;
    return "";
  };
  const row = (m: Movement) => {
    const f = m.flow;
    const sign = f.direction === "out" ? "−" : "+";
    const arrow = f.direction === "in" ? "↓ " : "↑ ";
    return m.source === "money" ? (
      <tr key={`${f.txHash}-${f.logIndex}`} data-direction={f.direction} data-kind={m.flow.kind}>
        <td>{times.has(f.block) ? dateTime(times.get(f.block) ?? 0n, lang) : "…"}</td>
        <td data-label={t("period")}>{f.period}</td>
        <td>
          <span className={`flow-${f.direction}`}>
            {arrow}
            {t(`kind.${m.flow.kind}`)}
          </span>
        </td>
        <td>
          <Person address={f.party} />
        </td>
        <td className="num">
          <Euros amount={f.amount} sign={sign} />
        </td>
        <td>{detail(m.flow)}</td>
      </tr>
    ) : (
      <tr
        key={`${f.txHash}-${f.logIndex}-credit`}
        data-direction={f.direction}
        data-kind={`credit-${m.flow.kind}`}
        className="credit-movement"
      >
        <td>{times.has(f.block) ? dateTime(times.get(f.block) ?? 0n, lang) : "…"}</td>
        <td data-label={t("period")}>{f.period}</td>
        <td>
          <span className={`flow-${f.direction}`}>
            {arrow}
            {t(`kind.credit-${m.flow.kind}`)}
          </span>{" "}
          <span className="tag">{t("mutualCredit")}</span>
        </td>
        <td>{discoName(f.party) ?? <Person address={f.party} />}</td>
        <td className="num">
          <Euros amount={f.amount} sign={sign} decimals={2} />
        </td>
        <td>{m.flow.kind === "payment" ? reference(m.flow.detail) : t("settledInMoney")}</td>
      </tr>
    );
  };
  return (
    <Section
      title={t("movementsTitle")}
      actions={
        <label className="inline-field">
          {t("direction")}{" "}
          <select
            value={direction}
            onChange={(e) => {
              setDirection(e.target.value as typeof direction);
              setLimit(PAGE);
            }}
          >
            <option value="all">{t("all")}</option>
            <option value="in">{t("inflows")}</option>
            <option value="out">{t("outflows")}</option>
          </select>
        </label>
      }
    >
      {credit.length > 0 ? <p className="hint">{t("creditNote")}</p> : null}
      {chosen.length === 0 ? (
        <Empty>{t("noMovements")}</Empty>
      ) : (
        <>
          <ScrollArea label={t("tableOf", { name: t("movementsTitle") })}>
            <table data-testid="movements" className="movements-table">
              <thead>
                <tr>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("period")}</th>
                  <th scope="col">{t("kind")}</th>
                  <th scope="col">{t("who")}</th>
                  <th scope="col" className="num">
                    {t("amount")}
                  </th>
                  <th scope="col">{t("detail")}</th>
                </tr>
              </thead>
              <tbody>{shown.map(row)}</tbody>
            </table>
          </ScrollArea>
          <div className="row">
            <small>{t("shown", { shown: shown.length, total: chosen.length })}</small>
            {chosen.length > limit ? (
              <button type="button" className="secondary" onClick={() => setLimit(limit + PAGE)}>
                {t("showMore", { count: Math.min(PAGE, chosen.length - limit) })}
              </button>
            ) : null}
          </div>
        </>
      )}
    </Section>
  );
}
