/**
 * Peer review: others' pending entries of the open period with approve and dispute (a dispute needs a reason, asked
 * for before confirming), counted work of closed periods still in their review window with dispute, my own pending
 * entries with withdraw, and the entries under dispute with their reasons and the proposals that settle them. Each
 * entry shows the author's note and the day it was logged.
 */
import { useState, type FormEvent } from "react";
import type { HistoryState, LedgerEntry } from "@disco-ledger/sdk/history";
import type { StageLabel } from "@disco-ledger/sdk/members";
import { deployment } from "../../chain.ts";
import { dateTime } from "@disco-ledger/sdk/format";
import { ledgerAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, Person } from "../../ui/kit.tsx";
import { DisputedEntry } from "./DisputedEntry.tsx";
import { Approvals, EntryAmount, LoggedOn, Note, StatusTag } from "./EntryBits.tsx";
import { useChainClock } from "../../ui/clock.ts";
import { disputeBlock, myPending, openDisputes, reviewBlock, reviewQueue, stillInReview } from "./entries.ts";
import { useBlockTimes } from "../../data/blockTimes.ts";

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
    settled: "The members already accepted it after a dispute.",
    reviewOver: "Its period's review window is over: its totals are final.",
    notDisputable: "It can't be disputed at this stage.",
    inReview: "Counted work still open to dispute",
    inReviewIntro:
      "These periods are closed, but their counted work can still be disputed until their totals become final (the review window).",
    inReviewEmpty: "No closed period is in its review window.",
    finalOn: "period {period}, final on {date}",
    disputesClosed: "Disputes of a closed period carry on after it closed: accepted, the work counts.",
    busy: "A transaction is under way.",
    mine: "My pending entries",
    mineEmpty: "You have no pending entries.",
    withdraw: "Withdraw",
    disputes: "Under dispute",
    disputesIntro: "These count only if the members accept them by a vote.",
    disputesEmpty: "No entry is under dispute.",
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
    settled: "Las personas socias ya la aceptaron tras una disputa.",
    reviewOver: "El plazo de revisión de su periodo terminó: sus totales son definitivos.",
    notDisputable: "En esta fase no se puede disputar.",
    inReview: "Trabajo contado que aún se puede disputar",
    inReviewIntro:
      "Estos periodos están cerrados, pero su trabajo contado aún se puede disputar hasta que sus totales sean definitivos (el plazo de revisión).",
    inReviewEmpty: "Ningún periodo cerrado está en su plazo de revisión.",
    finalOn: "periodo {period}, definitivo el {date}",
    disputesClosed: "Las disputas de un periodo cerrado siguen tras el cierre: si se aceptan, el trabajo cuenta.",
    busy: "Hay una transacción en curso.",
    mine: "Mis entradas pendientes",
    mineEmpty: "No tienes entradas pendientes.",
    withdraw: "Retirar",
    disputes: "En disputa",
    disputesIntro: "Solo cuentan si las personas socias las aceptan en votación.",
    disputesEmpty: "Ninguna entrada está en disputa.",
  },
);

const LEDGER = deployment.contracts.ledger.address;

/** Entries as review cards, each with what the person connected may do about it. */
function ReviewList({
  entries,
  testId,
  ...item
}: { entries: readonly LedgerEntry[]; testId?: string } & Omit<Parameters<typeof ReviewItem>[0], "entry">) {
  return (
    <ul className="review-list" data-testid={testId}>
      {entries.map((entry) => (
        <ReviewItem key={String(entry.id)} entry={entry} {...item} />
      ))}
    </ul>
  );
}

function ReviewItem({
  entry,
  ledger,
  now,
  me,
  stage,
  loggedAt,
}: {
  entry: LedgerEntry;
  ledger: HistoryState["ledger"];
  now: bigint | undefined;
  me?: string;
  stage?: StageLabel;
  loggedAt: (block: number) => bigint | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const tx = useTx();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  // Only the open period's work is approved; a closed period's counted work is only disputed, until it is final.
  const open = entry.period === ledger.currentPeriod;
  const block = open ? reviewBlock(entry, ledger.currentPeriod, me, stage) : null;
  // Approving twice is refused, but disputing an entry one approved is allowed.
  const noDispute = disputeBlock(entry, ledger, me, stage, now);
  const first = open ? block : noDispute;
  const why = first ? t(first) : tx.busy ? t("busy") : undefined;
  const finalAt = open ? null : (ledger.periods.get(entry.period)?.finalAt ?? null);
  const reasonId = `reason-${entry.id}`;

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === "") return;
    const ok = await tx.send({
      address: LEDGER,
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
      <div className="review-note">
        <Note entry={entry} />
      </div>
      <div className="review-meta">
        <LoggedOn at={loggedAt(entry.logged.block)} /> · <Approvals entry={entry} />
        {finalAt !== null ? <> · {t("finalOn", { period: entry.period, date: dateTime(finalAt, lang) })}</> : null}
      </div>
      <form className="row review-actions" onSubmit={(e) => void confirm(e)}>
        {open ? (
          <button
            type="button"
            data-testid={`approve-${entry.id}`}
            disabled={why !== undefined}
            onClick={() => {
              setDisputing(false);
              void tx.send({ address: LEDGER, abi: ledgerAbi, functionName: "approve", args: [entry.id] });
            }}
          >
            {t("approve")}
          </button>
        ) : null}
        {disputing ? (
          <>
            <label className="reason">
              {t("reason")}
              <input
                name="reason"
                id={reasonId}
                value={reason}
                // biome-ignore lint/a11y/noAutofocus: focus goes to the field the Dispute button just revealed, not on page load
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
            disabled={noDispute !== null || tx.busy}
            onClick={() => {
              // A new action: the previous one's outcome goes.
              tx.reset();
              setTried(false);
              setDisputing(true);
            }}
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

function MyPendingItem({ entry, loggedAt }: { entry: LedgerEntry; loggedAt: bigint | undefined }) {
  const t = useT(messages);
  const tx = useTx();
  return (
    <li className="review-item" data-testid={`mine-${entry.id}`}>
      <div className="review-head">
        <strong>{t("entry", { id: String(entry.id) })}</strong> <EntryAmount entry={entry} />{" "}
        <StatusTag entry={entry} />
      </div>
      <div className="review-note">
        <Note entry={entry} />
      </div>
      <div className="review-meta">
        <LoggedOn at={loggedAt} /> · <Approvals entry={entry} />
      </div>
      <div className="row review-actions">
        <button
          type="button"
          className="secondary"
          data-testid={`withdraw-${entry.id}`}
          disabled={tx.busy}
          onClick={() => void tx.send({ address: LEDGER, abi: ledgerAbi, functionName: "withdraw", args: [entry.id] })}
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
  const { now, blockNumber } = useChainClock();
  const period = books.ledger.currentPeriod;
  const stage = address ? books.members.current.get(address.toLowerCase())?.stage : undefined;
  const queue = reviewQueue(books.ledger, address);
  const inReview = stillInReview(books.ledger, now);
  const mine = address ? myPending(books.ledger, address) : [];
  const disputes = openDisputes(books.ledger);
  const times = useBlockTimes([...queue, ...inReview, ...mine, ...disputes].map((e) => e.logged.block));
  const loggedAt = (block: number) => times.get(block);
  return (
    <section className="card review" aria-labelledby="review-title">
      <h2 id="review-title">{t("title")}</h2>
      <p>{t("intro", { period })}</p>
      {queue.length === 0 ? (
        <Empty>{t("empty")}</Empty>
      ) : (
        <ReviewList entries={queue} ledger={books.ledger} now={now} me={address} stage={stage} loggedAt={loggedAt} />
      )}
      <h3>{t("inReview")}</h3>
      {inReview.length === 0 ? (
        <Empty>{t("inReviewEmpty")}</Empty>
      ) : (
        <>
          <p className="hint">{t("inReviewIntro")}</p>
          <ReviewList
            entries={inReview}
            testId="in-review"
            ledger={books.ledger}
            now={now}
            me={address}
            stage={stage}
            loggedAt={loggedAt}
          />
        </>
      )}
      {address ? (
        <>
          <h3>{t("mine")}</h3>
          {mine.length === 0 ? (
            <Empty>{t("mineEmpty")}</Empty>
          ) : (
            <ul className="review-list">
              {mine.map((entry) => (
                <MyPendingItem key={String(entry.id)} entry={entry} loggedAt={loggedAt(entry.logged.block)} />
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
            {t("disputesIntro")} {disputes.some((e) => e.period !== period) ? t("disputesClosed") : null}
          </p>
          <ul className="review-list">
            {disputes.map((entry) => (
              <DisputedEntry
                key={String(entry.id)}
                entry={entry}
                books={books}
                loggedAt={loggedAt(entry.logged.block)}
                blockNumber={blockNumber}
                me={address}
                stage={stage}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
