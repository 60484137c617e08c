/**
 * "Start a DisCO": a guided form, one step at a time (name, constituencies, founders, treasurers, rules, currency),
 * each checked before the next (@disco-ledger/sdk/founding names the field to fix), then a review of everything in
 * words with the transaction's estimated gas, then one transaction to the network's factory (useTx), landing on the
 * new DisCO's home page.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { formatEther, isAddress, parseEventLogs, type Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { factoryAbi, tokenAbi } from "@disco-ledger/sdk/abis";
import { explainError } from "@disco-ledger/sdk/errors";
import { DEFAULT_CURRENCY_DECIMALS, foundingParams, foundingProblems, Stage } from "@disco-ledger/sdk/founding";
import { LOCALES, pluralForm, shortAddress } from "@disco-ledger/sdk/format";
import { STREAM_NAMES } from "@disco-ledger/sdk/ledger";
import { STAGE_NAMES } from "@disco-ledger/sdk/members";
import { formatValue, parseValue } from "@disco-ledger/sdk/settings";
import { chain, firstDisCO, isLocal, network } from "../../chain.ts";
import { useLang, useT } from "../../i18n.tsx";
import { discoHref } from "../../route.ts";
import { TxStatus, useTx } from "../../tx.tsx";
import { Person, ReasonedButton, Section } from "../../ui/kit.tsx";
import { useNames } from "../../wallet/names.ts";
import { draftFounding, newDraft, RULE_FIELDS, RULES, withStage, defaultValue, type Draft } from "./draft.ts";
import { messages as m, problemText, ruleProblemText, UNIT_KEYS } from "./messages.ts";

const STEPS = ["name", "constituencies", "founders", "treasurers", "rules", "currency", "review"] as const;
type Step = (typeof STEPS)[number];

/** The step where a founding field is typed. */
function stepOf(field: string): Step {
  const head = field.split(".")[0];
  if (head === "name" || head === "symbol") return "name";
  if (head === "constituencies" || head === "founders" || head === "treasurers" || head === "currency") return head;
  return "rules";
}

/** The id of the input of a founding field or rule ("founders.1.mentor" -> "field-founders-1-mentor"). */
const inputId = (field: string) => `field-${field.replace(/\./g, "-")}`;

const ZERO = "0x0000000000000000000000000000000000000000";
const LOCAL_CURRENCY = isLocal ? firstDisCO.contracts.token.address : "";

interface CurrencyCheck {
  contract: boolean;
  decimals?: number;
  name?: string;
  symbol?: string;
}

export default function StartPage() {
  const t = useT(m);
  const { lang } = useLang();
  const { address } = useConnection();
  const client = usePublicClient({ chainId: chain.id });
  const nameOf = useNames();
  const [draft, setDraft] = useState<Draft>(() => newDraft(address, LOCAL_CURRENCY, DEFAULT_CURRENCY_DECIMALS));
  const [step, setStep] = useState<Step>("name");
  const [checked, setChecked] = useState<ReadonlySet<Step>>(new Set());
  const heading = useRef<HTMLHeadingElement>(null);
  const tx = useTx();

  const currency = draft.currency.trim();
  const currencyCheck = useQuery({
    queryKey: ["currency-check", chain.id, currency.toLowerCase()],
    enabled: isAddress(currency, { strict: false }),
    queryFn: async (): Promise<CurrencyCheck> => {
      const code = await client.getCode({ address: currency as Address });
      if (code === undefined || code === "0x") return { contract: false };
      const read = (functionName: "decimals" | "name" | "symbol") =>
        client.readContract({ address: currency as Address, abi: tokenAbi, functionName }).catch(() => undefined);
      const [decimals, name, symbol] = await Promise.all([read("decimals"), read("name"), read("symbol")]);
      return {
        contract: true,
        decimals: typeof decimals === "number" ? decimals : undefined,
        name: typeof name === "string" ? name : undefined,
        symbol: typeof symbol === "string" ? symbol : undefined,
      };
    },
  });
  const decimals = currencyCheck.data?.decimals ?? DEFAULT_CURRENCY_DECIMALS;
  const { founding, ruleProblems } = draftFounding(draft, decimals);
  const problems = foundingProblems(founding);
  const currencyProblem = !isAddress(currency, { strict: false })
    ? null // foundingProblems names it
    : currencyCheck.isPending
      ? t("currencyChecking")
      : currencyCheck.isError
        ? t("currencyUnread", { error: explainError(currencyCheck.error, lang) })
        : !currencyCheck.data.contract
          ? t("currencyNoContract")
          : currencyCheck.data.decimals === undefined
            ? t("currencyNoDecimals")
            : null;

  const problemsOf = (s: Step) => problems.filter((p) => stepOf(p.field) === s);
  const stepBlocked = (s: Step) =>
    problemsOf(s).length > 0 ||
    (s === "rules" && Object.keys(ruleProblems).length > 0) ||
    (s === "currency" && currencyProblem !== null);
  const firstBlocked = STEPS.find((s) => s !== "review" && stepBlocked(s));
  const shown = checked.has(step);
  /** The message under a field, once its step was checked. */
  const fieldProblem = (field: string): string | undefined => {
    if (!shown) return undefined;
    const problem = problems.find((p) => p.field === field);
    return problem ? problemText(problem, t) : undefined;
  };
  const ruleProblem = (id: string): string | undefined => {
    if (!shown) return undefined;
    const typed = ruleProblems[id];
    if (typed) return ruleProblemText(typed, t);
    const problem = problems.find((p) => RULE_FIELDS[p.field] === id);
    return problem ? problemText(problem, t) : undefined;
  };

  const index = STEPS.indexOf(step);
  // Each step's heading takes focus, so a screen reader starts reading it and the keyboard starts from there.
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step]);

  function next(event: FormEvent) {
    event.preventDefault();
    setChecked((before) => new Set(before).add(step));
    if (stepBlocked(step)) {
      // The first field to fix takes focus once its message shows.
      setTimeout(() => document.querySelector<HTMLElement>("[aria-invalid='true']")?.focus(), 0);
      return;
    }
    setStep(STEPS[index + 1]);
  }

  const update = (change: Partial<Draft>) => {
    tx.reset();
    setDraft((before) => ({ ...before, ...change }));
  };
  const setFounder = (i: number, change: Partial<Draft["founders"][number]>) =>
    update({ founders: draft.founders.map((f, j) => (j === i ? { ...f, ...change } : f)) });

  const committed = founding.founders.filter((f) => f.stage === Stage.Committed).length;

  async function start() {
    if (network.factory === undefined) return;
    const receipt = await tx.send({
      address: network.factory.address as Address,
      abi: factoryAbi,
      functionName: "create",
      args: [foundingParams(founding)],
    });
    if (!receipt) return;
    const [created] = parseEventLogs({ abi: factoryAbi, eventName: "DisCOCreated", logs: receipt.logs });
    // The new DisCO's address loads the app anew on it (route.ts).
    if (created) window.location.hash = discoHref(created.args.membership);
  }

  if (network.factory === undefined) {
    return (
      <Section title={t("title")}>
        <p role="alert">{t("noFactory")}</p>
      </Section>
    );
  }

  const field = (name: string, problem: string | undefined) => ({
    id: inputId(name),
    name,
    "aria-invalid": problem ? ("true" as const) : undefined,
    "aria-describedby": problem ? `${inputId(name)}-error` : undefined,
  });
  const error = (name: string, problem: string | undefined) =>
    problem ? (
      <small id={`${inputId(name)}-error`} className="field-error">
        {problem}
      </small>
    ) : null;

  return (
    <Section title={t("title")}>
      <p className="hint">{t("intro")}</p>
      <p className="step-count">{t("stepOf", { step: index + 1, steps: STEPS.length })}</p>
      <form className="stack start-form" data-testid="start-form" data-step={step} onSubmit={next} noValidate>
        <h3 ref={heading} tabIndex={-1}>
          {t(`step_${step}`)}
        </h3>
        <p className="hint">{t(`about_${step}`)}</p>

        {step === "name" ? (
          <>
            <label htmlFor={inputId("name")}>{t("name")}</label>
            <input
              {...field("name", fieldProblem("name"))}
              value={draft.name}
              autoComplete="off"
              onChange={(e) => update({ name: e.target.value })}
            />
            {error("name", fieldProblem("name"))}
            <label htmlFor={inputId("symbol")}>{t("symbol")}</label>
            <input
              {...field("symbol", fieldProblem("symbol"))}
              value={draft.symbol}
              autoComplete="off"
              onChange={(e) => update({ symbol: e.target.value })}
            />
            <small className="hint">{t("symbolHint")}</small>
            {error("symbol", fieldProblem("symbol"))}
          </>
        ) : null}

        {step === "constituencies" ? (
          <>
            <ol className="entries">
              {draft.constituencies.map((name, i) => {
                const key = `constituencies.${i}`;
                return (
                  <li key={i}>
                    <label htmlFor={inputId(key)}>{t("constituency", { number: i + 1 })}</label>
                    <div className="row">
                      <input
                        {...field(key, fieldProblem(key))}
                        value={name}
                        onChange={(e) =>
                          update({ constituencies: draft.constituencies.map((c, j) => (j === i ? e.target.value : c)) })
                        }
                      />
                      {draft.constituencies.length > 1 ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            update({
                              constituencies: draft.constituencies.filter((_, j) => j !== i),
                              founders: draft.founders.map((f) => ({
                                ...f,
                                constituency:
                                  f.constituency > i ? f.constituency - 1 : f.constituency === i ? 0 : f.constituency,
                              })),
                            })
                          }
                        >
                          {t("removeConstituency", { name: name || i + 1 })}
                        </button>
                      ) : null}
                    </div>
                    {error(key, fieldProblem(key))}
                  </li>
                );
              })}
            </ol>
            {error("constituencies", fieldProblem("constituencies"))}
            <AddRow
              label={t("addConstituency")}
              onAdd={() => update({ constituencies: [...draft.constituencies, ""] })}
            />
          </>
        ) : null}

        {step === "founders" ? (
          <>
            <ol className="entries">
              {draft.founders.map((founder, i) => {
                const at = `founders.${i}`;
                const dating = founder.stage >= Stage.Dating1 && founder.stage <= Stage.Dating3;
                const mentors = draft.founders
                  .slice(0, i)
                  .filter((f) => f.stage === Stage.Committed && isAddress(f.account, { strict: false }));
                return (
                  <li key={i} className="founder" data-testid={`founder-${i}`}>
                    <fieldset>
                      <legend>{t("founder", { number: i + 1 })}</legend>
                      <label htmlFor={inputId(`${at}.account`)}>{t("account")}</label>
                      <input
                        {...field(`${at}.account`, fieldProblem(`${at}.account`))}
                        value={founder.account}
                        placeholder="0x…"
                        autoComplete="off"
                        spellCheck={false}
                        onChange={(e) => setFounder(i, { account: e.target.value.trim() })}
                      />
                      {error(`${at}.account`, fieldProblem(`${at}.account`))}
                      <label htmlFor={inputId(`${at}.stage`)}>{t("stage")}</label>
                      <select
                        {...field(`${at}.stage`, fieldProblem(`${at}.stage`))}
                        value={founder.stage}
                        onChange={(e) =>
                          update({
                            founders: draft.founders.map((f, j) =>
                              j === i ? withStage(f, Number(e.target.value)) : f,
                            ),
                          })
                        }
                      >
                        {[Stage.Committed, Stage.Dating3, Stage.Dating2, Stage.Dating1, Stage.Casual].map((stage) => (
                          <option key={stage} value={stage}>
                            {STAGE_NAMES[lang][stage]}
                          </option>
                        ))}
                      </select>
                      {error(`${at}.stage`, fieldProblem(`${at}.stage`))}
                      <label htmlFor={inputId(`${at}.constituency`)}>{t("constituencyOf")}</label>
                      <select
                        {...field(`${at}.constituency`, fieldProblem(`${at}.constituency`))}
                        value={founder.constituency}
                        onChange={(e) => setFounder(i, { constituency: Number(e.target.value) })}
                      >
                        {draft.constituencies.map((name, c) => (
                          <option key={c} value={c}>
                            {name || t("constituency", { number: c + 1 })}
                          </option>
                        ))}
                      </select>
                      {error(`${at}.constituency`, fieldProblem(`${at}.constituency`))}
                      {dating ? (
                        <>
                          <label htmlFor={inputId(`${at}.mentor`)}>{t("mentor")}</label>
                          <select
                            {...field(`${at}.mentor`, fieldProblem(`${at}.mentor`))}
                            value={founder.mentor}
                            onChange={(e) => setFounder(i, { mentor: e.target.value })}
                          >
                            <option value={ZERO}>{t("chooseMentor")}</option>
                            {mentors.map((f) => (
                              <option key={f.account} value={f.account}>
                                {nameOf(f.account) ? `${nameOf(f.account)} (${shortAddress(f.account)})` : f.account}
                              </option>
                            ))}
                          </select>
                        </>
                      ) : null}
                      {error(`${at}.mentor`, fieldProblem(`${at}.mentor`))}
                      {draft.founders.length > 1 ? (
                        <div className="row">
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => update({ founders: draft.founders.filter((_, j) => j !== i) })}
                          >
                            {t("removeFounder", { number: i + 1 })}
                          </button>
                        </div>
                      ) : null}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            <AddRow
              label={t("addFounder")}
              onAdd={() =>
                update({
                  founders: [...draft.founders, { account: "", stage: Stage.Committed, constituency: 0, mentor: ZERO }],
                })
              }
            />
            <p
              id={inputId("founders")}
              className={committed > 0 ? "live-check ok" : "live-check bad"}
              role="status"
              data-testid="committed-check"
            >
              {committed > 0
                ? t(`committed_${pluralForm(committed, lang)}`, { count: committed })
                : t("problem_noCommitted")}
            </p>
          </>
        ) : null}

        {step === "treasurers" ? (
          <>
            {draft.treasurers.length === 0 ? <p className="empty">{t("noTreasurers")}</p> : null}
            <ol className="entries">
              {draft.treasurers.map((treasurer, i) => {
                const key = `treasurers.${i}`;
                return (
                  <li key={i}>
                    <label htmlFor={inputId(key)}>{t("treasurer", { number: i + 1 })}</label>
                    <div className="row">
                      <input
                        {...field(key, fieldProblem(key))}
                        value={treasurer}
                        placeholder="0x…"
                        autoComplete="off"
                        spellCheck={false}
                        onChange={(e) =>
                          update({ treasurers: draft.treasurers.map((x, j) => (j === i ? e.target.value.trim() : x)) })
                        }
                      />
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => update({ treasurers: draft.treasurers.filter((_, j) => j !== i) })}
                      >
                        {t("removeTreasurer", { number: i + 1 })}
                      </button>
                    </div>
                    {error(key, fieldProblem(key))}
                  </li>
                );
              })}
            </ol>
            <AddRow label={t("addTreasurer")} onAdd={() => update({ treasurers: [...draft.treasurers, ""] })} />
          </>
        ) : null}

        {step === "rules" ? (
          <ul className="entries rules">
            {RULES.map((rule) => {
              const key = `rule.${rule.id}`;
              const problem = ruleProblem(rule.id);
              const unitKey = UNIT_KEYS[rule.unit];
              const text = rule.setting.text[lang];
              const label =
                rule.stream !== undefined
                  ? `${text.name}: ${STREAM_NAMES[lang][rule.stream]}`
                  : rule.setting.fields.length > 1
                    ? `${text.name}: ${text.fields?.[rule.field] ?? rule.field}`
                    : text.name;
              return (
                <li key={rule.id}>
                  <label htmlFor={inputId(key)}>{label}</label>
                  <div className="row">
                    <input
                      {...field(key, problem)}
                      name={`rule-${rule.id}`}
                      inputMode="decimal"
                      value={draft.rules[rule.id]}
                      onChange={(e) => update({ rules: { ...draft.rules, [rule.id]: e.target.value } })}
                    />
                    {unitKey ? <span className="unit">{t(unitKey)}</span> : null}
                  </div>
                  <small className="hint">
                    {text.sentence}{" "}
                    {t("modelDefault", { value: formatValue(rule.unit, defaultValue(rule), lang, decimals) })}
                  </small>
                  {error(key, problem)}
                </li>
              );
            })}
            <li>
              <p className="hint">{t("otherRules")}</p>
            </li>
          </ul>
        ) : null}

        {step === "currency" ? (
          <>
            <label htmlFor={inputId("currency")}>{t("currency")}</label>
            <input
              {...field("currency", fieldProblem("currency") ?? (shown ? (currencyProblem ?? undefined) : undefined))}
              value={draft.currency}
              placeholder="0x…"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => update({ currency: e.target.value })}
            />
            {isLocal && LOCAL_CURRENCY ? <small className="hint">{t("localCurrency")}</small> : null}
            {error("currency", fieldProblem("currency") ?? (shown ? (currencyProblem ?? undefined) : undefined))}
            <p className="live-check" role="status" data-testid="currency-check">
              {currencyCheck.data?.contract && currencyCheck.data.decimals !== undefined
                ? t("currencyOk", {
                    name: currencyCheck.data.name ?? currency,
                    symbol: currencyCheck.data.symbol ?? "",
                    decimals: currencyCheck.data.decimals,
                  })
                : (currencyProblem ?? "")}
            </p>
          </>
        ) : null}

        {step === "review" ? (
          <Review
            draft={draft}
            founding={founding}
            decimals={decimals}
            currencyName={currencyCheck.data?.name}
            firstBlocked={firstBlocked}
            account={address}
          />
        ) : null}

        <div className="row step-buttons">
          {index > 0 ? (
            <button type="button" className="secondary" onClick={() => setStep(STEPS[index - 1])} disabled={tx.busy}>
              {t("back")}
            </button>
          ) : null}
          {step !== "review" ? <button type="submit">{t("next")}</button> : null}
        </div>
      </form>
      {step === "review" ? (
        <>
          <ReasonedButton
            type="button"
            data-testid="start-submit"
            reasonId="start-why"
            busy={tx.busy}
            reason={
              !address ? t("connectFirst") : firstBlocked ? t("fixStep", { step: t(`step_${firstBlocked}`) }) : null
            }
            onClick={() => void start()}
          >
            {t("startIt")}
          </ReasonedButton>
          <TxStatus tx={tx} />
        </>
      ) : null}
    </Section>
  );
}

function Review({
  draft,
  founding,
  decimals,
  currencyName,
  firstBlocked,
  account,
}: {
  draft: Draft;
  founding: ReturnType<typeof draftFounding>["founding"];
  decimals: number;
  currencyName?: string;
  firstBlocked?: Step;
  account?: Address;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const client = usePublicClient({ chainId: chain.id });
  const factory = network.factory?.address as Address;
  const params = firstBlocked === undefined ? foundingParams(founding) : undefined;
  const gas = useQuery({
    queryKey: [
      "start-gas",
      chain.id,
      account,
      JSON.stringify(params, (_key, value) => (typeof value === "bigint" ? value.toString() : value)),
    ],
    enabled: params !== undefined && account !== undefined,
    retry: false,
    queryFn: async () => {
      const [units, price] = await Promise.all([
        client.estimateContractGas({
          address: factory,
          abi: factoryAbi,
          functionName: "create",
          args: [params as NonNullable<typeof params>],
          account,
        }),
        client.getGasPrice(),
      ]);
      return { units, cost: units * price };
    },
  });
  const number = new Intl.NumberFormat(LOCALES[lang]);
  const ether = (wei: bigint) =>
    `${new Intl.NumberFormat(LOCALES[lang], { maximumSignificantDigits: 4 }).format(Number(formatEther(wei)))} ${chain.nativeCurrency.symbol}`;
  return (
    <div data-testid="start-review">
      <dl className="review">
        <dt>{t("name")}</dt>
        <dd>{t("reviewName", { name: founding.name.trim(), symbol: founding.symbol.trim() })}</dd>
        <dt>{t("step_constituencies")}</dt>
        <dd>{founding.constituencies.map((c) => c.trim()).join(", ")}</dd>
        <dt>{t("step_founders")}</dt>
        <dd>
          <ul>
            {founding.founders.map((f) => (
              <li key={f.account}>
                <Person address={f.account} />{" "}
                {t("reviewFounder", {
                  stage: STAGE_NAMES[lang][f.stage] ?? "",
                  constituency: founding.constituencies[f.constituency] ?? "",
                })}
                {f.mentor !== ZERO ? (
                  <>
                    {t("reviewMentor")} <Person address={f.mentor} />
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("step_treasurers")}</dt>
        <dd>
          {founding.treasurers.length === 0 ? (
            t("noTreasurers")
          ) : (
            <ul>
              {founding.treasurers.map((a) => (
                <li key={a}>
                  <Person address={a} />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("step_rules")}</dt>
        <dd>
          <ul>
            {RULES.map((rule) => {
              const text = rule.setting.text[lang];
              const label =
                rule.stream !== undefined
                  ? `${text.name}: ${STREAM_NAMES[lang][rule.stream]}`
                  : rule.setting.fields.length > 1
                    ? `${text.name}: ${text.fields?.[rule.field] ?? rule.field}`
                    : text.name;
              const typed = parseValue(rule.unit, draft.rules[rule.id] ?? "", decimals);
              const value = typed.ok && typeof typed.value === "bigint" ? typed.value : BigInt(rule.read(founding));
              return (
                <li key={rule.id}>
                  {label}: <strong>{formatValue(rule.unit, value, lang, decimals)}</strong>
                </li>
              );
            })}
          </ul>
          <small className="hint">{t("otherRules")}</small>
        </dd>
        <dt>{t("currency")}</dt>
        <dd>
          {currencyName ? `${currencyName} ` : ""}
          <code>{founding.currency}</code>
        </dd>
        <dt>{t("gas")}</dt>
        <dd data-testid="start-gas">
          {account === undefined ? (
            t("gasConnect")
          ) : params === undefined ? (
            t("fixStep", { step: t(`step_${firstBlocked as Step}`) })
          ) : gas.isPending ? (
            t("gasEstimating")
          ) : gas.isError ? (
            <span role="alert">{t("gasFailed", { error: explainError(gas.error, lang) })}</span>
          ) : (
            t("gasEstimate", { units: number.format(gas.data.units), cost: ether(gas.data.cost) })
          )}
        </dd>
      </dl>
    </div>
  );
}

/** The button under a list of the form that adds an entry to it. */
function AddRow({ label, onAdd }: { label: string; onAdd: () => void }) {
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={onAdd}>
        {label}
      </button>
    </div>
  );
}
