/**
 * What treasurers do: close the open period (saying first which entries lapse and which disputes carry on), fund a
 * final one, and prepare the year's accounts as a proposal for the members to vote. Each action says beforehand
 * what it will do and why it may be refused; the contract's own refusal comes back as a sentence (tx.tsx simulates
 * first). Everyone else sees the desk explained and disabled.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useConnection, usePublicClient, useReadContract } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { yearCloseProposal, yearLossProposal } from "@disco-ledger/sdk/capital";
import { PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import { governorAbi, ledgerAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import { dateTime, duration, money, moneyToCent, pluralForm } from "@disco-ledger/sdk/format";
import { closingPreview, fundingLeavesOut } from "@disco-ledger/sdk/ledger-status";
import { useLang, useT, type Lang, type Params } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { href } from "../../route.ts";
import { ReasonedButton, Section } from "../../ui/kit.tsx";
import { Euros } from "./Euros.tsx";
import { Fates } from "./Fates.tsx";
import { parseEuros, type AmountResult } from "./amount.ts";
import { ADDRESSES, useTreasurerRoles, type MoneyViews } from "./chain.ts";
import { fundingPreview, periodsInReview, unfundedPeriods } from "./flows.ts";
import { messages, type TreasuryMessage } from "./messages.ts";
import { closedThrough, lossPreview, splitSurplus, yearEndChoices, yearPatronage } from "./year.ts";

type Role = "none" | "checking" | "no" | "yes";

const roleOf = (connected: boolean, has: boolean | undefined): Role =>
  !connected ? "none" : has === undefined ? "checking" : has ? "yes" : "no";

/** `now`: the chain's clock (seconds), which decides when a closed period becomes final. */
export function TreasurerDesk({
  state,
  views,
  now,
}: {
  state: HistoryState;
  views: MoneyViews;
  now: bigint | undefined;
}) {
  const t = useT(messages);
  const { address } = useConnection();
  const roles = useTreasurerRoles(address);
  const connected = address !== undefined;
  const anyRole = roles.ledger || roles.treasury;
  return (
    <Section title={t("treasurer")}>
      <p>{t("treasurerIntro")}</p>
      {!connected ? (
        <p className="banner treasury-note">{t("notConnected")}</p>
      ) : anyRole === false ? (
        <p className="banner treasury-note">{t("notTreasurer")}</p>
      ) : null}
      <div className="treasury-desk">
        <ClosePeriod state={state} role={roleOf(connected, roles.ledger)} now={now} />
        <FundPeriod state={state} views={views} role={roleOf(connected, roles.treasury)} now={now} />
        <CloseYear state={state} views={views} now={now} account={address} />
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

function ClosePeriod({ state, role, now }: { state: HistoryState; role: Role; now: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const [confirming, setConfirming] = useState(false);
  const current = state.ledger.currentPeriod;
  const period = state.ledger.periods.get(current);
  const preview = closingPreview(state, now);
  const lapsing = preview.fates.filter((f) => f.fate === "lapses").length;
  const disputed = preview.fates.length - lapsing;
  const { reviewWindow } = state.ledger;
  const roleReason = useRoleReason(role);
  const headingId = "close-period-heading";
  const client = usePublicClient();
  const [overtaken, setOvertaken] = useState<number>();
  // closePeriod closes whichever period is open: if another treasurer closed this one while the step was open, the
  // next would close unseen. The open period is read again first, and the step closes if it moved on.
  const close = async () => {
    const open = client
      ? await client.readContract({ address: ADDRESSES.ledger, abi: ledgerAbi, functionName: "currentPeriod" })
      : current;
    if (open !== current) {
      setOvertaken(current);
      setConfirming(false);
      return;
    }
    setOvertaken(undefined);
    const ok = await tx.send({ address: ADDRESSES.ledger, abi: ledgerAbi, functionName: "closePeriod" });
    if (ok) setConfirming(false);
  };
  return (
    <article className="desk-action" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("closePeriodTitle", { period: current })}</h3>
      {period ? <p>{t("periodOpenSince", { period: current, date: dateTime(period.openedAt, lang) })}</p> : null}
      <p>
        {t("closeExplain", { next: current + 1 })}{" "}
        {reviewWindow !== null ? t("closeReview", { window: duration(Number(reviewWindow)) }) : null}
      </p>
      <p>
        {t(plural("closeFatePending", lapsing, lang), { count: lapsing })}{" "}
        {t(plural("closeFateDisputed", disputed, lang), { count: disputed })}
      </p>
      {confirming ? (
        <Confirmation
          id="close"
          title={t("closeConfirmTitle", { period: current })}
          action={t("closeNow", { period: current })}
          disabled={roleReason !== null}
          busy={tx.busy}
          onConfirm={() => void close()}
          onCancel={() => setConfirming(false)}
        >
          {preview.fates.length > 0 ? (
            <Fates
              fates={preview.fates}
              period={current}
              next={current + 1}
              label={t("closeFatesLabel", { period: current })}
              testId="close-fates"
            />
          ) : (
            <p>{t("noneLapse")}</p>
          )}
          {preview.counted > 0 && preview.finalAt !== null ? (
            <p>
              {t(plural("countedUntil", preview.counted, lang), {
                count: preview.counted,
                date: dateTime(preview.finalAt, lang),
              })}
            </p>
          ) : null}
          <p>{t("closeIrreversible")}</p>
        </Confirmation>
      ) : (
        <ReasonedButton
          type="button"
          data-testid="close-period"
          reason={roleReason}
          reasonId="close-period-reason"
          busy={tx.busy}
          onClick={() => setConfirming(true)}
        >
          {t("closePeriod", { period: current })}
        </ReasonedButton>
      )}
      {overtaken !== undefined ? (
        <p role="alert" className="why">
          {t("closedMeanwhile", { period: overtaken })}
        </p>
      ) : null}
      <TxStatus tx={tx} />
    </article>
  );
}

/** The message key of a count's plural form: `${base}One` or `${base}Other` (Intl.PluralRules). */
function plural<B extends string>(base: B, count: number, lang: Lang): `${B}One` | `${B}Other` {
  return pluralForm(count, lang) === "one" ? `${base}One` : `${base}Other`;
}

/**
 * The step before an action that can't be undone: what will happen (children), then the action or Cancel. Its title
 * takes focus when it opens, so a screen reader reads it first; Escape cancels.
 */
function Confirmation({
  id,
  title,
  action,
  disabled,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  /** Names its test ids: `${id}-confirm` for the step, `${id}-period-confirm` for its button. */
  id: "close" | "fund";
  title: string;
  action: string;
  disabled: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const t = useT(messages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className="treasury-warning"
      aria-labelledby={`${id}-confirm-title`}
      data-testid={`${id}-confirm`}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) onCancel();
      }}
    >
      <h4 id={`${id}-confirm-title`} tabIndex={-1} ref={heading}>
        {title}
      </h4>
      {children}
      <div className="row">
        <button type="button" data-testid={`${id}-period-confirm`} disabled={disabled || busy} onClick={onConfirm}>
          {action}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          {t("cancel")}
        </button>
      </div>
    </section>
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

function FundPeriod({
  state,
  views,
  role,
  now,
}: {
  state: HistoryState;
  views: MoneyViews;
  role: Role;
  now: bigint | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  // Only final periods (closed, review window over) can be funded: Treasury.fundPeriod refuses the others.
  const periods = unfundedPeriods(state, now);
  const reviewing = periodsInReview(state, now);
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

  // The amount and period stay as typed while the treasurer reads what the funding leaves out, then confirms.
  const [confirming, setConfirming] = useState(false);
  const leftOut = period === undefined ? [] : fundingLeavesOut(state, period);
  const visibleReason = reason ?? (!parsed.ok ? t("amountEmpty") : null);
  const review = (event: FormEvent) => {
    event.preventDefault();
    if (period !== undefined && parsed.ok && !reason) setConfirming(true);
  };
  const fund = async () => {
    if (period === undefined || !parsed.ok || reason) return;
    const ok = await tx.send({
      address: ADDRESSES.treasury,
      abi: treasuryAbi,
      functionName: "fundPeriod",
      args: [period, parsed.units],
    });
    if (ok) {
      setAmountText("");
      setConfirming(false);
    }
  };
  const edit = (change: () => void) => {
    change();
    setConfirming(false);
  };

  return (
    <article className="desk-action" aria-labelledby="fund-period-heading">
      <h3 id="fund-period-heading">{t("fundTitle")}</h3>
      <p>{t("fundExplain")}</p>
      {views.unallocated !== undefined ? (
        <p>{t("unallocatedNow", { amount: moneyToCent(views.unallocated, lang) })}</p>
      ) : null}
      {reviewing.length > 0 ? (
        <ul className="hint" data-testid="fund-in-review">
          {reviewing.map((r) => (
            <li key={r.period}>
              {t("inReviewUntil", {
                period: r.period,
                date: dateTime(r.finalAt, lang),
                left: now !== undefined ? duration(Number(r.finalAt - now)) : "…",
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="stack" data-testid="fund-period" onSubmit={review} noValidate>
        <label>
          {t("period")}
          <PeriodSelect name="period" value={period} choices={periods} onChange={(p) => edit(() => setChosen(p))} />
        </label>
        <label>
          {t("amount")}
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => edit(() => setAmountText(e.target.value))}
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
                l: moneyToCent(preview.pools[0], lang),
                o: moneyToCent(preview.pools[1], lang),
                c: moneyToCent(preview.pools[2], lang),
                funded: moneyToCent(preview.funded, lang),
              })}
              {preview.leftUnallocated > 0n
                ? ` ${t("fundLeft", { left: moneyToCent(preview.leftUnallocated, lang) })}`
                : ""}
            </>
          ) : null}
        </p>
        {confirming && period !== undefined && preview ? null : (
          <ReasonedButton
            type="submit"
            data-testid="fund-period-review"
            reason={visibleReason}
            reasonId="fund-period-reason"
            busy={tx.busy}
          >
            {t("fundReview")}
          </ReasonedButton>
        )}
      </form>
      {confirming && period !== undefined && preview ? (
        <Confirmation
          id="fund"
          title={t("fundConfirmTitle", { period, amount: moneyToCent(preview.funded, lang) })}
          action={t("fundNow", { period, amount: moneyToCent(parsed.ok ? parsed.units : 0n, lang) })}
          disabled={reason !== null}
          busy={tx.busy}
          onConfirm={() => void fund()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {t("fundPreview", {
              l: moneyToCent(preview.pools[0], lang),
              o: moneyToCent(preview.pools[1], lang),
              c: moneyToCent(preview.pools[2], lang),
              funded: moneyToCent(preview.funded, lang),
            })}
          </p>
          {leftOut.length > 0 ? (
            <>
              <p>{t(plural("fundLeavesOut", leftOut.length, lang), { count: leftOut.length, period })}</p>
              <Fates
                fates={leftOut}
                period={period}
                next={state.ledger.currentPeriod}
                label={t("fundFatesLabel", { period })}
                testId="fund-fates"
              />
            </>
          ) : (
            <p>{t("fundLeavesNothing", { period })}</p>
          )}
          <p>{t("fundIrreversible")}</p>
        </Confirmation>
      ) : null}
      <TxStatus tx={tx} />
    </article>
  );
}

/**
 * The year's accounts, proposed to the members: capital.closeYear(lastPeriod, surplus) is the timelock's, so a
 * treasurer (any Committed member) prepares the proposal and the members vote it; a loss year (closeYearAtLoss)
 * is a Bylaw. The form shows what the call will do and how the governor will classify it.
 */
function CloseYear({
  state,
  views,
  now,
  account,
}: {
  state: HistoryState;
  views: MoneyViews;
  now: bigint | undefined;
  account: string | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const choices = yearEndChoices(state, now);
  const through = closedThrough(state);
  const year = state.capital.years.size + 1;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [atLoss, setAtLoss] = useState(false);
  const [amountText, setAmountText] = useState("");
  const last = chosen !== undefined && choices.includes(chosen) ? chosen : choices.at(-1);
  const parsed = parseEuros(amountText, lang);
  const settings = state.capital.settings;
  const patronage =
    last !== undefined && settings !== null ? yearPatronage(state, through + 1, last, settings.basis) : 0n;
  const loss =
    atLoss && parsed.ok && views.reserve !== undefined && views.accountsTotal !== undefined
      ? lossPreview(parsed.units, views.reserve, views.accountsTotal, patronage)
      : undefined;
  const problem =
    amountText === ""
      ? null
      : atLoss
        ? (amountProblem(parsed, undefined, t, lang) ??
          (loss?.tooLarge ? t("lossTooLarge", { absorbable: money(loss.absorbable, lang) }) : null))
        : amountProblem(parsed, views.unallocated, t, lang);
  const me = account ? state.members.current.get(account.toLowerCase()) : undefined;
  const who = !account ? t("connectFirst") : me?.stage !== "Committed" ? t("onlyCommitted") : null;
  const noChoice = choices.length === 0 ? t("noYearEnd", { through }) : null;
  const reason = who ?? noChoice ?? problem;
  // Said beside the disabled button; an amount's problem is also said under its field.
  const visibleReason = reason ?? (!parsed.ok ? t("amountEmpty") : null);
  const { index, totalShares, pendingLossShares } = views;
  const canPreview =
    !atLoss &&
    parsed.ok &&
    last !== undefined &&
    settings !== null &&
    index !== undefined &&
    totalShares !== undefined &&
    pendingLossShares !== undefined;
  const split = canPreview
    ? splitSurplus({
        surplus: parsed.units,
        totalPatronage: patronage,
        index,
        totalShares,
        pendingLossShares,
        interestBps: settings.interestBps,
        reserveBps: settings.reserveBps,
        commonsBps: settings.commonsBps,
        cashBps: settings.cashBps,
      })
    : undefined;
  // The proposal the CLI and the seed make too (`@disco-ledger/sdk/capital`): its description is the record's, in English.
  const amount = last !== undefined && parsed.ok ? parsed.units : undefined;
  const calls =
    last === undefined || amount === undefined
      ? undefined
      : (atLoss ? yearLossProposal : yearCloseProposal)(ADDRESSES.capital, last, amount, money(amount, "en"));
  // The governor's own reading of the proposal: Standard for a surplus, Bylaw for a loss (a registered bylaw).
  const { data: kind } = useReadContract({
    address: ADDRESSES.governor,
    abi: governorAbi,
    functionName: "classify",
    args: calls ? [calls.targets, calls.calldatas, calls.description] : undefined,
    query: { enabled: Boolean(calls) },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!calls || reason) return;
    const ok = await tx.send({
      address: ADDRESSES.governor,
      abi: governorAbi,
      functionName: "propose",
      args: [calls.targets, calls.values, calls.calldatas, calls.description],
    });
    if (ok) setAmountText("");
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
        <fieldset className="year-result">
          <legend>{t("yearResult")}</legend>
          <label>
            <input type="radio" name="result" value="surplus" checked={!atLoss} onChange={() => setAtLoss(false)} />{" "}
            {t("resultSurplus")}
          </label>
          <label>
            <input type="radio" name="result" value="loss" checked={atLoss} onChange={() => setAtLoss(true)} />{" "}
            {t("resultLoss")}
          </label>
        </fieldset>
        <label>
          {t(atLoss ? "loss" : "surplus")}
          <input
            name="surplus"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={amountText !== "" && problem !== null}
            aria-describedby="year-surplus-help"
          />
        </label>
        <div id="year-surplus-help" className="hint" aria-live="polite">
          {amountText !== "" && problem ? (
            <p>{problem}</p>
          ) : split && last !== undefined && parsed.ok ? (
            <>
              <p>{t("yearPreview", { year, first: through + 1, last, surplus: money(parsed.units, lang) })}</p>
              <ul className="year-split">
                <li>
                  <Euros amount={split.interest} /> {t("yearInterest")}
                </li>
                <li>
                  <Euros amount={split.toReserve} /> {t("yearReserve")}
                </li>
                <li>
                  <Euros amount={split.toCommons} /> {t("yearCommons")}
                </li>
                <li>
                  <Euros amount={split.cashPool} /> {t("yearCash")}
                </li>
                <li>
                  <Euros amount={split.retainedPool} /> {t("yearRetained")}
                </li>
              </ul>
              {patronage === 0n ? <p>{t("yearNoPatronage")}</p> : null}
            </>
          ) : loss && last !== undefined && parsed.ok ? (
            <>
              <p>{t("lossPreview", { year, first: through + 1, last, loss: money(parsed.units, lang) })}</p>
              <ul className="year-split">
                <li>
                  <Euros amount={loss.fromReserve} /> {t("lossFromReserve")}
                </li>
                <li>
                  <Euros amount={loss.charged} /> {t("lossCharged")}
                </li>
                {loss.uncovered > 0n ? (
                  <li>
                    <Euros amount={loss.uncovered} /> {t("lossUncovered")}
                  </li>
                ) : null}
              </ul>
            </>
          ) : null}
          {calls ? (
            <p data-testid="year-proposal">
              {t("yearProposes", {
                year,
                last: last ?? "",
                result: t(atLoss ? "resultLoss" : "resultSurplus"),
                amount: money(parsed.ok ? parsed.units : 0n, lang),
              })}{" "}
              {kind !== undefined ? t("yearKind", { kind: t(`kind${PROPOSAL_KINDS[kind]}` as TreasuryMessage) }) : null}
            </p>
          ) : null}
        </div>
        <ReasonedButton type="submit" reason={visibleReason} reasonId="close-year-reason" busy={tx.busy}>
          {t("proposeYear")}
        </ReasonedButton>
      </form>
      <TxStatus tx={tx} />
      {tx.phase === "confirmed" ? (
        <p>
          {t("yearProposed")} <a href={href("decisions")}>{t("toDecisions")}</a>
        </p>
      ) : null}
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
