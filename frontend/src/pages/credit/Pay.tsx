/**
 * Paying another DisCO: the payee, the euros and the reference (the invoice); before anything is signed, the path the
 * SDK finds and what it can carry, and the most one payment can carry now. A treasurer pays at once (a transaction)
 * within the budget left; otherwise the payment is drafted as the DisCO's proposal (the SDK's builder, proposed with
 * ProposeCalls as the federation page's actions are).
 */
import { useId, useMemo, useState } from "react";
import { useConnection } from "wagmi";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { CREDIT_DECIMALS, creditEuros, encodePaymentReference, pluralForm } from "@disco-ledger/sdk/format";
import { creditAccounts, treasurerAllowance } from "@disco-ledger/sdk/credit";
import { creditPayArgs, creditPayCall } from "@disco-ledger/sdk/proposals";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton, Section } from "../../ui/kit.tsx";
import { useRoles } from "../federation/data.ts";
import { ProposeCalls } from "../federation/ProposeCalls.tsx";
import { parseEuros } from "../treasury/amount.ts";
import { useTreasurers } from "./data.ts";
import { AMOUNT_PROBLEM, messages } from "./messages.ts";
import { OURS, same, type CreditView } from "./ours.ts";
import { PeerSelect } from "./PeerSelect.tsx";
import { paymentRoute, referenceProblem } from "./pay.ts";

export function Pay({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const tx = useTx();
  const { address } = useConnection();
  const roles = useRoles(address);
  const treasurers = useTreasurers(view.state.address, OURS);
  const { state, peers } = view;
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const [reference, setReference] = useState("");
  const payee = peers.find((p) => same(p, to)) ?? peers[0];
  const parsed = parseEuros(text, lang, CREDIT_DECIMALS);
  const amount = parsed.ok ? parsed.units : 0n;
  const accounts = useMemo(() => creditAccounts(view.fed, state), [view.fed, state]);
  const route = useMemo(
    () => (payee ? paymentRoute(state, accounts, OURS, payee, amount) : undefined),
    [state, accounts, payee, amount],
  );
  if (!payee || !route) return null;
  const euros = (value: bigint) => creditEuros(value, lang);
  const refProblem = referenceProblem(reference);
  const ref = refProblem === null ? encodePaymentReference(reference.trim()) : undefined;
  const problem = !parsed.ok
    ? t(AMOUNT_PROBLEM[parsed.reason])
    : route.path === null
      ? t("noPath", { hops: state.maxHops, amount: euros(amount), name: view.name(payee) })
      : refProblem === "empty"
        ? t("referenceEmpty")
        : refProblem === "long"
          ? t("referenceLong")
          : null;
  const named = (account: string) => ({ address: account as `0x${string}`, name: view.name(account) });
  const network = { address: state.address, name: view.fed.name };
  const draft =
    problem === null && route.path && ref
      ? creditPayCall(network, OURS, named(payee), route.path.path, amount, ref, lang)
      : undefined;
  const left = treasurers.data
    ? treasurerAllowance(treasurers.data.treasurers, view.now, treasurers.data.periodLength).left
    : 0n;
  return (
    <Section title={t("payTitle")}>
      <p>{t("payIntro")}</p>
      <div className="credit-form" data-testid="credit-pay">
        <PeerSelect
          id={`${ids}-to`}
          name="pay-to"
          label={t("payee")}
          peers={peers}
          value={payee}
          onChange={setTo}
          view={view}
        />
        <div className="field">
          <label htmlFor={`${ids}-amount`}>{t("amount")}</label>
          <input
            id={`${ids}-amount`}
            name="pay-amount"
            inputMode="decimal"
            value={text}
            aria-invalid={text !== "" && !parsed.ok ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-ref`}>{t("reference")}</label>
          <input
            id={`${ids}-ref`}
            name="pay-ref"
            value={reference}
            aria-describedby={`${ids}-ref-hint`}
            aria-invalid={refProblem === "long" ? true : undefined}
            onChange={(e) => setReference(e.target.value)}
          />
          <small id={`${ids}-ref-hint`} className="muted">
            {t("referenceHint")}
          </small>
        </div>
      </div>
      <div aria-live="polite" className="credit-route" data-testid="pay-route">
        {route.path ? (
          <p data-testid="pay-path">
            {t("path", {
              path: route.path.path.map(view.name).join(" → "),
              hops: t(`hops_${pluralForm(route.path.hops, lang)}`, { count: route.path.hops }),
            })}{" "}
            {t("pathCarries", { amount: euros(route.path.capacity) })}
          </p>
        ) : null}
        <p data-testid="pay-capacity">
          {route.widest
            ? t("widest", { name: view.name(payee), amount: euros(route.widest.capacity) })
            : t("nothingPayable", { hops: state.maxHops, name: view.name(payee) })}
        </p>
      </div>
      <ProposeCalls draft={draft} reason={draft ? null : problem} />
      {roles.treasurer && draft ? (
        <>
          <ReasonedButton
            type="button"
            reason={amount > left ? t("overBudget", { left: euros(left) }) : null}
            reasonId={`${ids}-budget`}
            busy={tx.busy}
            onClick={async () => {
              if (!route.path || !ref) return;
              const ok = await tx.send({
                address: state.address,
                abi: creditAbi,
                functionName: "pay",
                args: creditPayArgs(OURS, payee, route.path.path, amount, ref),
              });
              if (ok) {
                view.refetch();
                void treasurers.refetch();
              }
            }}
          >
            {t("payAsTreasurer")}
          </ReasonedButton>
          <TxStatus tx={tx} />
        </>
      ) : null}
    </Section>
  );
}
