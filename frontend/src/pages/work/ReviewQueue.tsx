/**
 * Peer review: others' pending entries of the open period with approve and dispute (a dispute needs a reason, asked
 * for before confirming), my own pending entries with withdraw, and the entries under dispute with their reasons.
 */
import { useState, type FormEvent } from "react";
import type { HistoryState, LedgerEntry } from "../../../../scripts/lib/history/index.ts";
import type { StageLabel } from "../../../../scripts/lib/members.ts";
import { deployment } from "../../chain.ts";
import { ledgerAbi } from "../../generated/abis.ts";
import { href } from "../../route.ts";
import { defineMessages, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, Person } from "../../ui/kit.tsx";
import { Approvals, EntryAmount, Evidence, StatusTag } from "./EntryBits.tsx";
import { myPending, openDisputes, reviewBlock, reviewQueue } from "./entries.ts";

const messages = defineMessages(
  {
    title: "Review queue",
    intro: "Committed members approve or dispute others' work of the open period (period {period}).",
    empty: "Nothing waits for review.",
    entry: "Entry {id}",
    by: "by",
    approve: "Approve",
    dispute: "Dispute…",
    confirmDispute: "Confirm dispute",
    cancel: "Cancel",
    reason: "Why do you dispute it?",
    reasonHint: "The members will read this when they vote on the dispute.",
    needReason: "Give a reason.",
    notConnected: "Connect to review.",
    notCommitted: "Only Committed members review work.",
    ownEntry: "You cannot review your own entry.",
    alreadyApproved: "You approved it.",
    closedPeriod: "Its period is closed.",
    busy: "A transaction is under way.",
    mine: "My pending entries",
    mineEmpty: "You have no pending entries.",
    withdraw: "Withdraw",
    disputes: "Under dispute",
    disputesIntro: "These count only if the members accept them by a vote (see Decisions).",
    disputesEmpty: "No entry is under dispute.",
    disputedBy: "disputed by",
    decisions: "Go to Decisions",
  },
  {
    title: "Cola de revisión",
    intro:
      "Las personas socias comprometidas aprueban o disputan el trabajo de las demás del periodo abierto (periodo {period}).",
    empty: "No hay nada pendiente de revisión.",
    entry: "Entrada {id}",
    by: "de",
    approve: "Aprobar",
    dispute: "Disputar…",
    confirmDispute: "Confirmar la disputa",
    cancel: "Cancelar",
    reason: "¿Por qué la disputas?",
    reasonHint: "Las personas socias lo leerán cuando voten sobre la disputa.",
    needReason: "Indica un motivo.",
    notConnected: "Conéctate para revisar.",
    notCommitted: "Solo las personas socias comprometidas revisan el trabajo.",
    ownEntry: "No puedes revisar tu propia entrada.",
    alreadyApproved: "Ya la aprobaste.",
    closedPeriod: "Su periodo está cerrado.",
    busy: "Hay una transacción en curso.",
    mine: "Mis entradas pendientes",
    mineEmpty: "No tienes entradas pendientes.",
    withdraw: "Retirar",
    disputes: "En disputa",
    disputesIntro: "Solo cuentan si las personas socias las aceptan en votación (ver Decisiones).",
    disputesEmpty: "Ninguna entrada está en disputa.",
    disputedBy: "disputada por",
    decisions: "Ir a Decisiones",
  },
);

const ledger = deployment.contracts.ledger.address;

function ReviewItem({
  entry,
  period,
  me,
  stage,
}: {
  entry: LedgerEntry;
  period: number;
  me?: string;
  stage?: StageLabel;
}) {
  const t = useT(messages);
  const tx = useTx();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const block = reviewBlock(entry, period, me, stage);
  // Approving twice is refused, but disputing an entry one approved is allowed until it counts.
  const disputeBlock = block === "alreadyApproved" ? null : block;
  const why = block ? t(block) : tx.busy ? t("busy") : undefined;
  const reasonId = `reason-${entry.id}`;

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === "") return;
    const ok = await tx.send({
      address: ledger,
      abi: ledgerAbi,
      functionName: "dispute",
      args: [entry.id, reason.trim()],
    });
    if (ok) setDisputing(false);
  };

  return (
    <li className="review-item" data-testid={`review-${entry.id}`}>
      <div className="review-head">
        <strong>{t("entry", { id: String(entry.id) })}</strong> <EntryAmount entry={entry} /> {t("by")}{" "}
        <Person address={entry.author} /> <StatusTag entry={entry} />
      </div>
      <div className="review-meta">
        <Approvals entry={entry} /> · <Evidence entry={entry} />
      </div>
      <form className="row review-actions" onSubmit={(e) => void confirm(e)}>
        <button
          type="button"
          data-testid={`approve-${entry.id}`}
          disabled={why !== undefined}
          onClick={() => void tx.send({ address: ledger, abi: ledgerAbi, functionName: "approve", args: [entry.id] })}
        >
          {t("approve")}
        </button>
        {disputing ? (
          <>
            <label className="reason">
              {t("reason")}
              <input
                name="reason"
                id={reasonId}
                value={reason}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
                aria-invalid={tried && reason.trim() === "" ? true : undefined}
              />
              <small className="hint">{tried && reason.trim() === "" ? t("needReason") : t("reasonHint")}</small>
            </label>
            <button type="submit" className="danger" data-testid={`dispute-${entry.id}`} disabled={tx.busy}>
              {t("confirmDispute")}
            </button>
            <button type="button" className="secondary" onClick={() => setDisputing(false)}>
              {t("cancel")}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="secondary"
            data-testid={`dispute-${entry.id}`}
            disabled={disputeBlock !== null || tx.busy}
            onClick={() => setDisputing(true)}
          >
            {t("dispute")}
          </button>
        )}
        {why ? <small className="why">{why}</small> : null}
      </form>
      <TxStatus tx={tx} />
    </li>
  );
}

function MyPendingItem({ entry }: { entry: LedgerEntry }) {
  const t = useT(messages);
  const tx = useTx();
  return (
    <li className="review-item" data-testid={`mine-${entry.id}`}>
      <div className="review-head">
        <strong>{t("entry", { id: String(entry.id) })}</strong> <EntryAmount entry={entry} />{" "}
        <StatusTag entry={entry} />
      </div>
      <div className="review-meta">
        <Approvals entry={entry} /> · <Evidence entry={entry} />
      </div>
      <div className="row review-actions">
        <button
          type="button"
          className="secondary"
          data-testid={`withdraw-${entry.id}`}
          disabled={tx.busy}
          onClick={() => void tx.send({ address: ledger, abi: ledgerAbi, functionName: "withdraw", args: [entry.id] })}
        >
          {t("withdraw")}
        </button>
      </div>
      <TxStatus tx={tx} />
    </li>
  );
}

export function ReviewQueue({ books, address }: { books: HistoryState; address?: `0x${string}` }) {
  const t = useT(messages);
  const period = books.ledger.currentPeriod;
  const stage = address ? books.members.current.get(address.toLowerCase())?.stage : undefined;
  const queue = reviewQueue(books.ledger, address);
  const mine = address ? myPending(books.ledger, address) : [];
  const disputes = openDisputes(books.ledger);
  return (
    <section className="card review" aria-labelledby="review-title">
      <h2 id="review-title">{t("title")}</h2>
      <p>{t("intro", { period })}</p>
      {queue.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <ul className="review-list">
          {queue.map((entry) => (
            <ReviewItem key={String(entry.id)} entry={entry} period={period} me={address} stage={stage} />
          ))}
        </ul>
      )}
      {address ? (
        <>
          <h3>{t("mine")}</h3>
          {mine.length === 0 ? (
            <Empty>{t("mineEmpty")}</Empty>
          ) : (
            <ul className="review-list">
              {mine.map((entry) => (
                <MyPendingItem key={String(entry.id)} entry={entry} />
              ))}
            </ul>
          )}
        </>
      ) : null}
      <h3>{t("disputes")}</h3>
      {disputes.length === 0 ? (
        <Empty>{t("disputesEmpty")}</Empty>
      ) : (
        <>
          <p className="hint">
            {t("disputesIntro")} <a href={href("decisions")}>{t("decisions")}</a>
          </p>
          <ul className="review-list">
            {disputes.map((entry) => (
              <li key={String(entry.id)} className="review-item" data-testid={`disputed-${entry.id}`}>
                <div className="review-head">
                  <strong>{t("entry", { id: String(entry.id) })}</strong> <EntryAmount entry={entry} /> {t("by")}{" "}
                  <Person address={entry.author} /> <StatusTag entry={entry} />
                </div>
                <ul className="reasons">
                  {entry.disputes.map((d) => (
                    <li key={`${d.block}-${d.logIndex}`}>
                      “{d.reason}” — {t("disputedBy")} <Person address={d.disputer} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
