/**
 * A decision drafted on another page and proposed to the DisCO's members from there, as the treasury's year close
 * is: the call shown as the decisions page shows calls, checked as the timelock would make it today, the kind the
 * governor gives it, then `propose` (a Committed member's), with a link to the decisions page where it is voted.
 * The drafts come from the SDK's proposal builders (@disco-ledger/sdk/proposals); the federation and profile pages
 * share this one proposing step.
 */
import { useId } from "react";
import { useConnection, useReadContract } from "wagmi";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import type { DisCODecision } from "@disco-ledger/sdk/proposals";
import { useBooks } from "../../data/history.tsx";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { href } from "../../route.ts";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton } from "../../ui/kit.tsx";
import { CallList } from "../decisions/CallView.tsx";
import { GOVERNOR } from "../decisions/registry.ts";
import { useTimelockCheck } from "../decisions/useTimelockCheck.ts";
import "./ProposeCalls.css";

const messages = defineMessages(
  {
    proposes: "Proposes to the members: {description}",
    details: "The call in detail",
    kind: "The governor will treat it as: {kind}",
    Standard: "Standard (quorum, then more For than Against)",
    Bylaw: "Bylaw (quorum, then the supermajority)",
    Consent: "Consent (quorum, more For than Against, and no block)",
    checkOk: "Checked: the timelock could make this call today.",
    checking: "Checking the call as the timelock would make it…",
    checkFails: "The call would fail if executed today: {why}",
    submit: "Propose to the members",
    notConnected: "Connect a wallet to make a proposal.",
    notCommitted: "Only Committed members can make proposals; ask one of them to propose this.",
    proposed: "Proposed: the members vote on it on the",
    toDecisions: "decisions page",
  },
  {
    proposes: "Propone a las socias: {description}",
    details: "La llamada en detalle",
    kind: "El gobernador la tratará como: {kind}",
    Standard: "Ordinaria (quórum y más votos a favor que en contra)",
    Bylaw: "Estatutaria (quórum y mayoría cualificada)",
    Consent: "Por consentimiento (quórum, más a favor que en contra y ningún bloqueo)",
    checkOk: "Comprobado: el timelock podría hacer esta llamada hoy.",
    checking: "Comprobando la llamada como la haría el timelock…",
    checkFails: "La llamada fallaría si se ejecutara hoy: {why}",
    submit: "Proponerlo a las socias",
    notConnected: "Conecta una cartera para hacer una propuesta.",
    notCommitted:
      "Solo las personas socias comprometidas pueden hacer propuestas; pide a una de ellas que proponga esto.",
    proposed: "Propuesto: las socias lo votan en la",
    toDecisions: "página de decisiones",
  },
);

export function ProposeCalls({ draft, reason }: { draft: DisCODecision | undefined; reason?: string | null }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const { address } = useConnection();
  const books = useBooks();
  const tx = useTx();
  const calls = draft?.calls ?? [];
  const { data: kind } = useReadContract({
    address: GOVERNOR,
    abi: governorAbi,
    functionName: "classify",
    args: draft ? [calls.map((c) => c.target), calls.map((c) => c.data), draft.description] : undefined,
    query: { enabled: Boolean(draft) },
  });
  // The builders make one call per decision: that call is the one checked.
  const check = useTimelockCheck(calls[0], lang);
  const me = address ? books?.members.current.get(address.toLowerCase()) : undefined;
  const who = !address ? t("notConnected") : me?.stage !== "Committed" ? t("notCommitted") : null;
  const problem = reason ?? who ?? (check.status === "fails" ? t("checkFails", { why: check.why }) : null);

  const propose = async () => {
    if (!draft || problem) return;
    await tx.send({
      address: GOVERNOR,
      abi: governorAbi,
      functionName: "propose",
      args: [calls.map((c) => c.target), calls.map((c) => c.value), calls.map((c) => c.data), draft.description],
    });
  };

  return (
    <div className="propose-calls">
      {draft ? (
        <>
          <p data-testid="proposal-draft">{t("proposes", { description: draft.description })}</p>
          <details>
            <summary>{t("details")}</summary>
            <CallList calls={calls} showNow={false} />
          </details>
          {kind !== undefined ? <p className="muted">{t("kind", { kind: t(PROPOSAL_KINDS[kind]) })}</p> : null}
          <div aria-live="polite">
            {check.status === "ok" ? <p className="ok">{t("checkOk")}</p> : null}
            {check.status === "checking" ? <p className="muted">{t("checking")}</p> : null}
          </div>
        </>
      ) : null}
      <ReasonedButton
        type="button"
        reason={draft ? problem : (reason ?? null)}
        reasonId={`${ids}-why`}
        busy={tx.busy || !draft}
        onClick={() => void propose()}
      >
        {t("submit")}
      </ReasonedButton>
      <TxStatus tx={tx} />
      {tx.phase === "confirmed" ? (
        <p>
          {t("proposed")} <a href={href("decisions")}>{t("toDecisions")}</a>.
        </p>
      ) : null}
    </div>
  );
}
