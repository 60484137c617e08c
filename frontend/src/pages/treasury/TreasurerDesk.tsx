/**
 * What treasurers do: close the open period, fund a closed one, close a year. Each action says beforehand what it
 * will do and why it may be refused; the contract's own refusal comes back as a sentence (tx.tsx simulates first).
 * Everyone else sees the desk explained and disabled.
 */
import { useState, type FormEvent } from "react";
import type { Abi } from "viem";
import { useConnection } from "wagmi";
import type { HistoryState } from "../../../../scripts/lib/history/index.ts";
import { capitalAbi, ledgerAbi, treasuryAbi } from "../../generated/abis.ts";
import { dateTime, money } from "../../format.ts";
import { useLang, useT, type Lang, type Params } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Person, Section } from "../../ui/kit.tsx";
import { parseEuros, type AmountResult } from "./amount.ts";
import { ADDRESSES, useTreasurerRoles, type MoneyViews } from "./chain.ts";
import { fundingPreview, unfundedPeriods } from "./flows.ts";
import { messages, type TreasuryMessage } from "./messages.ts";
import { closedThrough, splitSurplus, yearEndChoices, yearPatronage } from "./year.ts";

type Role = "none" | "checking" | "no" | "yes";

const roleOf = (connected: boolean, has: boolean | undefined): Role =>
  !connected ? "none" : has === undefined ? "checking" : has ? "yes" : "no";

export function TreasurerDesk({ state, views }: { state: HistoryState; views: MoneyViews }) {
  const t = useT(messages);
  const { address } = useConnection();
  const roles = useTreasurerRoles(address);
  const connected = address !== undefined;
  const anyRole = roles.ledger || roles.treasury || roles.capital;
  return (
    <Section title={t("treasurer")}>
      <p>{t("treasurerIntro")}</p>
      {!connected ? (
        <p className="banner treasury-note">{t("notConnected")}</p>
      ) : anyRole === false ? (
        <p className="banner treasury-note">{t("notTreasurer")}</p>
      ) : null}
      <div className="treasury-desk">
        <ClosePeriod state={state} role={roleOf(connected, roles.ledger)} />
        <FundPeriod state={state} views={views} role={roleOf(connected, roles.treasury)} />
        <CloseYear state={state} views={views} role={roleOf(connected, roles.capital)} />
      </div>
    </Section>
  );
}

/** Why an action's button is disabled for this role, or null when the role allows it. */
function useRoleReason(role: Role): string | null {
  const t = useT(messages);
  if (role === "none") return t("connectFirst");
  if (role === "checking") return t("checkingRole");
  if (role === "no") return t("onlyTreasurers");
  return null;
}

function ClosePeriod({ state, role }: { state: HistoryState; role: Role }) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const current = state.ledger.currentPeriod;
  const period = state.ledger.periods.get(current);
  const disputed = [...state.ledger.entries.values()].filter((e) => e.period === current && e.status === "Disputed");
  const roleReason = useRoleReason(role);
  const headingId = "close-period-heading";
  return (
    <article className="desk-action" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("closePeriodTitle", { period: current })}</h3>
      {period ? <p>{t("periodOpenSince", { period: current, date: dateTime(period.openedAt, lang) })}</p> : null}
      <p>{t("closeExplain", { next: current + 1 })}</p>
      {disputed.length > 0 ? (
        <div className="treasury-warning" role="note">
          <p>{t(disputed.length === 1 ? "openDispute" : "openDisputes", { count: disputed.length })}</p>
          <ul>
            {disputed.map((e) => (
              <li key={String(e.id)}>
                {t("disputedEntryBy", { id: String(e.id) })} <Person address={e.author} />:{" "}
                {t("disputedReason", { reason: e.disputes.at(-1)?.reason ?? "" })}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>{t("noDisputes")}</p>
      )}
      <div className="row">
        <button
          type="button"
          data-testid="close-period"
          disabled={roleReason !== null || tx.busy}
          aria-describedby={roleReason ? "close-period-reason" : undefined}
          onClick={() =>
            void tx.send({ address: ADDRESSES.ledger, abi: ledgerAbi as Abi, functionName: "closePeriod" })
          }
        >
          {t("closePeriod", { period: current })}
        </button>
        {roleReason ? (
          <small id="close-period-reason" className="reason">
            {roleReason}
          </small>
        ) : null}
      </div>
      <TxStatus tx={tx} />
    </article>
  );
}

/** An amount field's problem, in words; null when the amount can be sent. */
function amountProblem(
  parsed: AmountResult,
  limit: bigint | undefined,
  t: (key: TreasuryMessage, params?: Params) => string,
  lang: Lang,
): string | null {
  if (!parsed.ok) {
    const keys = {
      empty: "amountEmpty",
      invalid: "amountInvalid",
      zero: "amountZero",
      decimals: "amountDecimals",
    } as const;
    return t(keys[parsed.reason]);
  }
  if (limit !== undefined && parsed.units > limit) return t("amountTooMuch", { amount: money(limit, lang) });
  return null;
}

function FundPeriod({ state, views, role }: { state: HistoryState; views: MoneyViews; role: Role }) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const periods = unfundedPeriods(state);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [amountText, setAmountText] = useState("");
  const period = chosen !== undefined && periods.includes(chosen) ? chosen : periods[0];
  const parsed = parseEuros(amountText, lang);
  const problem = amountProblem(parsed, views.unallocated, t, lang);
  const roleReason = useRoleReason(role);
  const reason = roleReason ?? (period === undefined ? t("noUnfunded") : amountText === "" ? null : problem);
  const buckets = state.treasury.buckets ?? [0, 0, 0];
  const payable = period === undefined ? undefined : state.ledger.periods.get(period)?.totals.payable;
  const preview = parsed.ok && payable ? fundingPreview(parsed.units, buckets, payable) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (period === undefined || !parsed.ok || reason) return;
    const ok = await tx.send({
      address: ADDRESSES.treasury,
      abi: treasuryAbi as Abi,
      functionName: "fundPeriod",
      args: [period, parsed.units],
    });
    if (ok) setAmountText("");
  };

  return (
    <article className="desk-action" aria-labelledby="fund-period-heading">
      <h3 id="fund-period-heading">{t("fundTitle")}</h3>
      <p>{t("fundExplain")}</p>
      {views.unallocated !== undefined ? (
        <p>{t("unallocatedNow", { amount: money(views.unallocated, lang) })}</p>
      ) : null}
      <form className="stack" data-testid="fund-period" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t("period")}
          <PeriodSelect name="period" value={period} choices={periods} onChange={setChosen} />
        </label>
        <label>
          {t("amount")}
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={amountText !== "" && problem !== null}
            aria-describedby="fund-amount-help"
          />
        </label>
        <p id="fund-amount-help" className="hint" aria-live="polite">
          {amountText !== "" && problem ? (
            problem
          ) : preview ? (
            <>
              {t("fundPreview", {
                l: money(preview.pools[0], lang),
                o: money(preview.pools[1], lang),
                c: money(preview.pools[2], lang),
                funded: money(preview.funded, lang),
              })}
              {preview.leftUnallocated > 0n ? ` ${t("fundLeft", { left: money(preview.leftUnallocated, lang) })}` : ""}
            </>
          ) : null}
        </p>
        <div className="row">
          <button type="submit" disabled={reason !== null || !parsed.ok || tx.busy}>
            {t("fund")}
          </button>
          {(roleReason ?? (period === undefined ? t("noUnfunded") : null)) ? (
            <small className="reason">{roleReason ?? t("noUnfunded")}</small>
          ) : null}
        </div>
      </form>
      <TxStatus tx={tx} />
    </article>
  );
}

function CloseYear({ state, views, role }: { state: HistoryState; views: MoneyViews; role: Role }) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const choices = yearEndChoices(state);
  const through = closedThrough(state);
  const year = state.capital.years.size + 1;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [surplusText, setSurplusText] = useState("");
  const last = chosen !== undefined && choices.includes(chosen) ? chosen : choices.at(-1);
  const parsed = parseEuros(surplusText, lang);
  const problem = amountProblem(parsed, views.unallocated, t, lang);
  const roleReason = useRoleReason(role);
  const noChoice = choices.length === 0 ? t("noYearEnd", { through }) : null;
  const reason = roleReason ?? noChoice ?? (surplusText === "" ? null : problem);
  const settings = state.capital.settings;
  const canPreview =
    parsed.ok &&
    last !== undefined &&
    settings !== null &&
    views.index !== undefined &&
    views.totalShares !== undefined &&
    views.pendingLossShares !== undefined;
  const split = canPreview
    ? splitSurplus({
        surplus: parsed.units,
        totalPatronage: yearPatronage(state, through + 1, last, settings.basis),
        index: views.index!,
        totalShares: views.totalShares!,
        pendingLossShares: views.pendingLossShares!,
        interestBps: settings.interestBps,
        reserveBps: settings.reserveBps,
        commonsBps: settings.commonsBps,
        cashBps: settings.cashBps,
      })
    : undefined;
  const patronage = canPreview ? yearPatronage(state, through + 1, last, settings.basis) : 0n;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (last === undefined || !parsed.ok || reason) return;
    const ok = await tx.send({
      address: ADDRESSES.capital,
      abi: capitalAbi as Abi,
      functionName: "closeYear",
      args: [last, parsed.units],
    });
    if (ok) setSurplusText("");
  };

  return (
    <article className="desk-action" aria-labelledby="close-year-heading">
      <h3 id="close-year-heading">{t("yearTitle", { year })}</h3>
      <p>{t("yearExplain")}</p>
      <form className="stack" data-testid="close-year" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t("lastPeriod")}
          <PeriodSelect name="lastPeriod" value={last} choices={choices} onChange={setChosen} />
        </label>
        <label>
          {t("surplus")}
          <input
            name="surplus"
            inputMode="decimal"
            autoComplete="off"
            value={surplusText}
            onChange={(e) => setSurplusText(e.target.value)}
            aria-invalid={surplusText !== "" && problem !== null}
            aria-describedby="year-surplus-help"
          />
        </label>
        <div id="year-surplus-help" className="hint" aria-live="polite">
          {surplusText !== "" && problem ? (
            <p>{problem}</p>
          ) : split && last !== undefined && parsed.ok ? (
            <>
              <p>{t("yearPreview", { year, first: through + 1, last, surplus: money(parsed.units, lang) })}</p>
              <ul className="year-split">
                <li>
                  {money(split.interest, lang)} {t("yearInterest")}
                </li>
                <li>
                  {money(split.toReserve, lang)} {t("yearReserve")}
                </li>
                <li>
                  {money(split.toCommons, lang)} {t("yearCommons")}
                </li>
                <li>
                  {money(split.cashPool, lang)} {t("yearCash")}
                </li>
                <li>
                  {money(split.retainedPool, lang)} {t("yearRetained")}
                </li>
              </ul>
              {patronage === 0n ? <p>{t("yearNoPatronage")}</p> : null}
            </>
          ) : null}
        </div>
        <div className="row">
          <button type="submit" disabled={reason !== null || !parsed.ok || tx.busy}>
            {t("closeYear")}
          </button>
          {(roleReason ?? noChoice) ? <small className="reason">{roleReason ?? noChoice}</small> : null}
        </div>
      </form>
      <TxStatus tx={tx} />
    </article>
  );
}

/** A choice of periods; disabled, showing a dash, when there is none. */
function PeriodSelect({
  name,
  value,
  choices,
  onChange,
}: {
  name: string;
  value: number | undefined;
  choices: readonly number[];
  onChange: (period: number) => void;
}) {
  return (
    <select
      name={name}
      value={value ?? ""}
      disabled={choices.length === 0}
      onChange={(e) => onChange(Number(e.target.value))}
    >
      {choices.length === 0 ? <option value="">—</option> : null}
      {choices.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}
