/** The audit's verdict: figures matched and differing (both values), the bylaw checks, each period's books. */
import { SECTIONS, reportHash, type AuditReport } from "@disco-ledger/sdk/audit";
import { money, shortAddress } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { Person, Section, ScrollArea } from "../../ui/kit.tsx";
import { useStateLabel } from "../decisions/stateLabels.ts";
import { messages } from "./messages.ts";
import type { AuditView } from "./useAudit.ts";

export function Reconciliation({ audit, lastBlock }: { audit: AuditView; lastBlock: number }) {
  const t = useT(messages);
  const { run, status } = audit;
  const report = run?.report;
  const r = report?.reconciliation;
  return (
    <Section
      title={t("reconTitle")}
      actions={
        <button type="button" className="secondary" onClick={audit.start} disabled={status === "running"}>
          {t("runAgain")}
        </button>
      }
    >
      <div
        data-testid="reconciliation"
        data-status={status}
        data-mismatches={r?.mismatched}
        aria-busy={status === "running"}
      >
        <p>{t("reconIntro")}</p>
        <p className={`verdict verdict-${status}`} role="status">
          {status === "running"
            ? t("running")
            : status === "error"
              ? t("failed", { error: audit.error ?? "" })
              : status === "ok" && r
                ? t("ok", { matched: r.matched })
                : r && report
                  ? t("mismatch", {
                      mismatched: r.mismatched,
                      total: r.checks.length,
                      broken: report.summary.brokenChecks,
                    })
                  : null}
        </p>
        {run ? (
          <p className="audit-meta">
            {t("auditedAt", { block: run.block })}{" "}
            {lastBlock > run.block ? t("newBlocks", { count: lastBlock - run.block }) : null}
          </p>
        ) : null}
        {report && r ? <ReportBody report={report} /> : null}
      </div>
    </Section>
  );
}

function ReportBody({ report }: { report: AuditReport }) {
  const t = useT(messages);
  const { lang } = useLang();
  const r = report.reconciliation;
  const mismatches = r.checks.filter((c) => !c.matched);
  const outs = report.money.movements.filter((m) => m.direction === "out");
  const okProposals = report.proposals.filter((p) => p.ok).length;
  return (
    <>
      <ScrollArea label={t("tableOf", { name: t("reconTitle") })}>
        <table className="recon-sections">
          <thead>
            <tr>
              <th scope="col">{t("section")}</th>
              <th scope="col" className="num">
                {t("matched")}
              </th>
              <th scope="col" className="num">
                {t("mismatched")}
              </th>
            </tr>
          </thead>
          <tbody>
            {SECTIONS.map((s) => (
              <tr key={s} data-section={s}>
                <th scope="row">{t(`section.${s}`)}</th>
                <td className="num">{r.bySection[s].matched}</td>
                <td className={`num${r.bySection[s].mismatched ? " bad" : ""}`}>{r.bySection[s].mismatched}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>

      {mismatches.length > 0 ? (
        <>
          <h3>{t("mismatchesTitle")}</h3>
          <ScrollArea label={t("tableOf", { name: t("mismatchesTitle") })}>
            <table data-testid="mismatches">
              <thead>
                <tr>
                  <th scope="col">{t("section")}</th>
                  <th scope="col">{t("figure")}</th>
                  <th scope="col">{t("folded")}</th>
                  <th scope="col">{t("onChain")}</th>
                </tr>
              </thead>
              <tbody>
                {mismatches.map((c, i) => (
                  <tr key={i}>
                    <td>{t(`section.${c.section}`)}</td>
                    <td>{c.what}</td>
                    <td>
                      <code>{JSON.stringify(c.folded)}</code>
                    </td>
                    <td>
                      <code>{JSON.stringify(c.onChain)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </>
      ) : null}

      <h3>{t("bylawsTitle")}</h3>
      <h4>{t("wageTitle")}</h4>
      {report.wageRatio.length === 0 ? (
        <p className="empty">{t("noFunded")}</p>
      ) : (
        <ScrollArea label={t("tableOf", { name: t("wageTitle") })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("ratio")}</th>
                <th scope="col">{t("cap")}</th>
                <th scope="col">{t("verdict")}</th>
              </tr>
            </thead>
            <tbody>
              {report.wageRatio.map((w) => (
                <tr key={w.period}>
                  <th scope="row">{w.period}</th>
                  <td>{w.ratioText}</td>
                  <td>{w.capX100 === null ? t("noCap") : `${(w.capX100 / 100).toFixed(2)}`}</td>
                  <td className={w.ok ? "good" : "bad"}>{w.ok ? t("pass") : t("fail")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      <h4>{t("proposalsTitle")}</h4>
      {report.proposals.length === 0 ? (
        <p className="empty">{t("noProposals")}</p>
      ) : (
        <>
          <p>{t("proposalsSummary", { ok: okProposals, total: report.proposals.length })}</p>
          <ul className="check-list">
            {report.proposals.map((p) => (
              <li key={String(p.proposalId)} className={p.ok ? "good" : "bad"}>
                {p.ok ? "✓ " : "✗ "}
                {p.description.split("\n")[0]}
                <ProposalFacts proposal={p} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{t("moneyTitle")}</h4>
      <p>{t("moneySummary", { traced: outs.length - report.money.untraced.length, total: outs.length })}</p>
      {report.money.untraced.length + report.money.unpaid.length > 0 ? (
        <ul className="check-list">
          {report.money.untraced.map((m) => (
            <li key={`${m.txHash}-${m.logIndex}`} className="bad">
              {t("untraced", { amount: money(m.amount, lang), to: shortAddress(m.to), tx: m.txHash.slice(0, 10) })}
            </li>
          ))}
          {report.money.unpaid.map((m) => (
            <li key={`${m.txHash}-${m.logIndex}`} className="bad">
              {t("unpaid", { kind: m.kind, amount: money(m.amount, lang), to: shortAddress(m.to) })}
            </li>
          ))}
        </ul>
      ) : null}
      {report.money.unreferenced.length > 0 ? (
        <p>{t("unreferenced", { count: report.money.unreferenced.length })}</p>
      ) : null}

      <h3>{t("periodsTitle")}</h3>
      <ScrollArea label={t("tableOf", { name: t("periodsTitle") })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("period")}</th>
              <th scope="col">{t("books")}</th>
              <th scope="col">{t("attestations")}</th>
            </tr>
          </thead>
          <tbody>
            {[...report.periods].reverse().map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                <td>{p.hash ? <code title={p.hash}>{p.hash.slice(0, 18)}…</code> : t("openPeriod")}</td>
                <td>
                  {p.attestations.length === 0
                    ? p.closed
                      ? t("notAttested")
                      : "—"
                    : p.attestations.map((a, i) => (
                        <div key={i} className={a.matches ? "good" : "bad"}>
                          {t("attestedBy")} <Person address={a.auditor} />:{" "}
                          {t(a.matches ? "attestedMatch" : "attestedDiffers")}
                        </div>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      <p className="audit-meta">
        {t("reportHash")}: <code className="hash">{reportHash(report)}</code>
      </p>
    </>
  );
}

/** A proposal's state at the audit's clock and the quorum it had (binding participation of the quorum needed). */
function ProposalFacts({ proposal }: { proposal: AuditReport["proposals"][number] }) {
  const t = useT(messages);
  const stateText = useStateLabel();
  const { state, quorum } = proposal;
  const facts: string[] = [stateText(state)];
  if (quorum.required !== null) {
    facts.push(t("proposalQuorum", { participation: quorum.participation, required: String(quorum.required) }));
  }
  return <small className="audit-meta"> ({facts.join("; ")})</small>;
}
