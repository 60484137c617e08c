/**
 * What the DisCO decides about its lines and debts, each through the right decision: setting the line it gives
 * another DisCO, and freezing or unfreezing it, are the members' (a proposal drafted by the SDK's builders), or a
 * treasurer's at once within the line bound the members set; settling a debt in money is always the members' (its
 * treasury pays: spend, approve, settle).
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { balanceOf, lineOf } from "@disco-ledger/sdk/credit";
import { CREDIT_DECIMALS, creditEuros } from "@disco-ledger/sdk/format";
import {
  freezeCreditLineArgs,
  freezeCreditLineCall,
  setCreditLineArgs,
  setCreditLineCall,
  settleCall,
} from "@disco-ledger/sdk/proposals";
import { deployment } from "../../chain.ts";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx, type ContractCall } from "../../tx.tsx";
import { ReasonedButton, Section } from "../../ui/kit.tsx";
import { useCurrencies, useRoles } from "../federation/data.ts";
import { ProposeCalls } from "../federation/ProposeCalls.tsx";
import { parseEuros } from "../treasury/amount.ts";
import { useTreasurers } from "./data.ts";
import { AMOUNT_PROBLEM, messages } from "./messages.ts";
import { OUR_NAME, OURS, same, type CreditView } from "./ours.ts";
import { PeerSelect } from "./PeerSelect.tsx";
import { withinLineBound } from "./position.ts";

const named = (view: CreditView, account: Address) => ({ address: account, name: view.name(account) });
const networkOf = (view: CreditView) => ({ address: view.state.address, name: view.fed.name });

export function LineActions({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { address } = useConnection();
  const roles = useRoles(address);
  const treasurers = useTreasurers(view.state.address, OURS).data?.treasurers;
  // A treasurer's bound, when the person connected is one (else no direct change is offered).
  const bound = roles.treasurer ? treasurers?.lineBound : undefined;
  if (view.peers.length === 0) return null;
  return (
    <Section title={t("linesTitle")}>
      <div className="credit-actions">
        <SetLine view={view} bound={bound} />
        <Freeze view={view} bound={bound} />
        <Settle view={view} />
      </div>
    </Section>
  );
}

/** A line's change sent at once by a treasurer, within the bound (else the reason why not). */
function AsTreasurer({
  view,
  reason,
  label,
  call,
}: {
  view: CreditView;
  reason: string | null;
  label: string;
  call: Omit<ContractCall<typeof creditAbi, "setCreditLine" | "freezeCreditLine">, "address" | "abi">;
}) {
  const ids = useId();
  const tx = useTx();
  return (
    <>
      <ReasonedButton
        type="button"
        reason={reason}
        reasonId={`${ids}-reason`}
        busy={tx.busy}
        onClick={async () => {
          if (await tx.send({ address: view.state.address, abi: creditAbi, ...call })) view.refetch();
        }}
      >
        {label}
      </ReasonedButton>
      <TxStatus tx={tx} />
    </>
  );
}

function SetLine({ view, bound }: { view: CreditView; bound: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const peer = view.peers.find((p) => same(p, to)) ?? view.peers[0];
  const current = lineOf(view.state, OURS, peer);
  // A line may be set to zero: no credit to that DisCO from now on.
  const parsed = parseEuros(text, lang, CREDIT_DECIMALS);
  const limit = parsed.ok ? parsed.units : parsed.reason === "zero" ? 0n : undefined;
  const problem = limit === undefined && !parsed.ok ? t(AMOUNT_PROBLEM[parsed.reason]) : null;
  const euros = (amount: bigint) => creditEuros(amount, lang);
  const draft =
    limit === undefined ? undefined : setCreditLineCall(networkOf(view), OURS, named(view, peer), limit, lang);
  return (
    <article className="credit-action" data-testid="credit-set-line">
      <h3>{t("setLineTitle")}</h3>
      <p>{t("setLineExplain", { name: OUR_NAME })}</p>
      <PeerSelect
        id={`${ids}-to`}
        name="line-to"
        label={t("receiver")}
        peers={view.peers}
        value={peer}
        onChange={setTo}
        view={view}
      />
      <div className="field">
        <label htmlFor={`${ids}-limit`}>{t("limit")}</label>
        <input
          id={`${ids}-limit`}
          name="line-limit"
          inputMode="decimal"
          value={text}
          aria-describedby={`${ids}-now`}
          aria-invalid={text !== "" && problem ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <small id={`${ids}-now`} className="muted">
          {t(current.frozen ? "lineNowFrozen" : "lineNow", { amount: euros(current.limit) })}
        </small>
      </div>
      <ProposeCalls draft={draft} reason={draft ? null : problem} />
      {bound !== undefined && limit !== undefined ? (
        <AsTreasurer
          view={view}
          reason={withinLineBound(bound, current.limit, limit) ? null : t("overBound", { bound: euros(bound) })}
          label={t("setAsTreasurer")}
          call={{ functionName: "setCreditLine", args: setCreditLineArgs(OURS, peer, limit) }}
        />
      ) : null}
    </article>
  );
}

function Freeze({ view, bound }: { view: CreditView; bound: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const [to, setTo] = useState("");
  const peer = view.peers.find((p) => same(p, to)) ?? view.peers[0];
  const current = lineOf(view.state, OURS, peer);
  const frozen = !current.frozen;
  const euros = (amount: bigint) => creditEuros(amount, lang);
  return (
    <article className="credit-action" data-testid="credit-freeze">
      <h3>{t("freezeTitle")}</h3>
      <p>{t("freezeExplain")}</p>
      <PeerSelect
        id={`${ids}-to`}
        name="freeze-to"
        label={t("receiver")}
        peers={view.peers}
        value={peer}
        onChange={setTo}
        view={view}
      />
      <p className="muted">{t(current.frozen ? "lineNowFrozen" : "lineNow", { amount: euros(current.limit) })}</p>
      <ProposeCalls draft={freezeCreditLineCall(networkOf(view), OURS, named(view, peer), frozen, lang)} />
      {bound !== undefined && !frozen ? (
        // Treasurers may freeze, never thaw: a frozen line carries payments again by the members' vote only.
        <p className="muted">{t("thawByVote")}</p>
      ) : bound !== undefined ? (
        <AsTreasurer
          view={view}
          reason={withinLineBound(bound, current.limit, current.limit) ? null : t("overBound", { bound: euros(bound) })}
          label={t("freezeAsTreasurer")}
          call={{ functionName: "freezeCreditLine", args: freezeCreditLineArgs(OURS, peer, frozen) }}
        />
      ) : null}
    </article>
  );
}

function Settle({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const c = deployment.contracts;
  const currency = useCurrencies([c.token.address]).get(c.token.address.toLowerCase());
  // Those the DisCO owes: its balance toward them is negative.
  const owed = view.peers.flatMap((p) => {
    const balance = balanceOf(view.state, OURS, p);
    return balance < 0n ? [{ peer: p, owed: -balance }] : [];
  });
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const euros = (amount: bigint) => creditEuros(amount, lang);
  const chosen = owed.find((o) => same(o.peer, to)) ?? owed[0];
  if (!chosen) {
    return (
      <article className="credit-action" data-testid="credit-settle">
        <h3>{t("settleTitle")}</h3>
        <p className="muted">{t("nothingOwed", { name: OUR_NAME })}</p>
      </article>
    );
  }
  const parsed = parseEuros(text, lang, CREDIT_DECIMALS);
  const problem = !parsed.ok
    ? t(AMOUNT_PROBLEM[parsed.reason])
    : parsed.units > chosen.owed
      ? t("overDebt", { name: OUR_NAME, amount: euros(chosen.owed) })
      : null;
  const draft =
    problem === null && parsed.ok && currency
      ? settleCall(
          networkOf(view),
          {
            debtor: OURS,
            creditor: named(view, chosen.peer),
            amount: parsed.units,
            timelock: c.timelock.address,
            treasury: c.treasury.address,
            currency: currency.address,
            decimals: currency.decimals,
          },
          lang,
        )
      : undefined;
  return (
    <article className="credit-action" data-testid="credit-settle">
      <h3>{t("settleTitle")}</h3>
      <p>{t("settleExplain", { name: OUR_NAME })}</p>
      <PeerSelect
        id={`${ids}-to`}
        name="settle-to"
        label={t("creditor")}
        peers={owed.map((o) => o.peer)}
        value={chosen.peer}
        onChange={setTo}
        view={view}
      />
      <div className="field">
        <label htmlFor={`${ids}-amount`}>{t("amount")}</label>
        <input
          id={`${ids}-amount`}
          name="settle-amount"
          inputMode="decimal"
          value={text}
          aria-describedby={`${ids}-owed`}
          aria-invalid={text !== "" && problem ? true : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <small id={`${ids}-owed`} className="muted">
          {t("owedNow", { name: OUR_NAME, amount: euros(chosen.owed) })}
        </small>
      </div>
      <ProposeCalls draft={draft} reason={draft ? null : problem} />
    </article>
  );
}
