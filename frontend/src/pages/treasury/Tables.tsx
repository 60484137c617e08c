/** The treasury's tables: in and out per period, each period's funding, and every payment in and out. */
import { useState } from "react";
import { dateTime, paymentReference, shortAddress } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Empty, Person, Section, ScrollArea } from "../../ui/kit.tsx";
import { useBlockTimes } from "../../data/blockTimes.ts";
import { Euros } from "./Euros.tsx";
import { FlowChart } from "./FlowChart.tsx";
import type { Flow, FundingRow, PeriodFlow } from "./flows.ts";
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

export function Movements({ flows }: { flows: Flow[] }) {
  const t = useT(messages);
  const { lang } = useLang();
  const [direction, setDirection] = useState<"all" | "in" | "out">("all");
  const [limit, setLimit] = useState(PAGE);
  const chosen = flows.filter((f) => direction === "all" || f.direction === direction).reverse();
  const shown = chosen.slice(0, limit);
  const times = useBlockTimes(shown.map((f) => f.block));
  const detail = (f: Flow): string => {
    if (f.kind === "pay-in") {
      if (/^0x0{64}$/.test(f.detail)) return t("noRef");
      const words = paymentReference(f.detail);
      return words !== undefined ? t("ref", { ref: words }) : t("refHash", { hash: shortAddress(f.detail) });
    }
    if (f.kind === "claim") return t("claimPeriods", { periods: (f.detail.match(/\d+/g) ?? []).join(", ") });
    if (f.kind === "spend" || f.kind === "commons" || f.kind === "untraced") return f.detail;
    return "";
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
              <tbody>
                {shown.map((f) => (
                  <tr key={`${f.txHash}-${f.logIndex}`} data-direction={f.direction} data-kind={f.kind}>
                    <td>{times.has(f.block) ? dateTime(times.get(f.block) ?? 0n, lang) : "…"}</td>
                    <td data-label={t("period")}>{f.period}</td>
                    <td>
                      <span className={`flow-${f.direction}`}>
                        {f.direction === "in" ? "↓ " : "↑ "}
                        {t(`kind.${f.kind}`)}
                      </span>
                    </td>
                    <td>
                      <Person address={f.party} />
                    </td>
                    <td className="num">
                      <Euros amount={f.amount} sign={f.direction === "out" ? "−" : "+"} />
                    </td>
                    <td>{detail(f)}</td>
                  </tr>
                ))}
              </tbody>
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
