/**
 * Logging work in the open period, as `npm run cli -- log` does: the ledger stores the hash of the evidence
 * reference (evidenceHash) and an optional URI. Stage limits and caps are explained before anything is sent.
 */
import { useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import type { HistoryState, PerStream } from "@disco-ledger/sdk/history";
import { evidenceHash, parseAmount } from "@disco-ledger/sdk/ledger";
import { STAGES } from "@disco-ledger/sdk/members";
import { deployment } from "../../chain.ts";
import { useHistory } from "../../data/history.tsx";
import { credits, percent } from "@disco-ledger/sdk/format";
import { ledgerAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { STREAM_INDEXES, useLabels } from "../me/labels.ts";
import { capRoom, logBlock, payableOf } from "./entries.ts";

const messages = defineMessages(
  {
    title: "Log work",
    intro: "Your work goes into period {period}, the open one. Peers review it before it counts.",
    stream: "Stream",
    amount: "Amount",
    amountHint: "Credits for livelihood and love, hours for care; up to two decimals (0.25 is a quarter hour).",
    evidence: "Evidence reference",
    evidenceHint:
      "An invoice number, a document id… Only its hash goes on-chain; keep the evidence itself off-chain. No personal data.",
    uri: "Where the evidence is (optional)",
    submit: "Log work",
    notConnected: "Connect to log your work.",
    notMember: "Only members can log work.",
    casualLivelihood: "Casual members log love and care work only; livelihood work comes with the Dating stages.",
    busy: "A transaction is under way.",
    badAmount: "Write an amount such as 3 or 2.75 (at most two decimals).",
    zeroAmount: "The amount must be more than zero.",
    needEvidence: "Give a reference to the evidence.",
    longUri: "The address is too long (at most 256 bytes).",
    overCap: "That goes over this stream's cap: {cap} per member per period, and you can log {left} more.",
    cap: "Cap for {stream}: {cap} per period; you have {left} left.",
    noCap: "No cap on {stream}.",
    weight: "Your stage's weight for {stream}: {weight} of what you log is payable.",
    weightZero: "At your stage, {stream} work is recorded and reviewed but not paid (weight 0%).",
    payable: "Payable if counted: {payable}.",
    approvals: "It needs {count} approvals from Committed members.",
    approvalsOne: "It needs one approval from a Committed member.",
    noApprovals: "It counts at once unless someone disputes it.",
    logged: "Logged. It appears in the review queue below.",
  },
  {
    title: "Registrar trabajo",
    intro: "Tu trabajo entra en el periodo {period}, el abierto. Tus compañeras lo revisan antes de que cuente.",
    stream: "Corriente",
    amount: "Cantidad",
    amountHint: "Créditos para sustento y amor, horas para cuidados; hasta dos decimales (0,25 es un cuarto de hora).",
    evidence: "Referencia de la evidencia",
    evidenceHint:
      "Un número de factura, un identificador de documento… Solo su hash va a la cadena; guarda la evidencia fuera. Sin datos personales.",
    uri: "Dónde está la evidencia (opcional)",
    submit: "Registrar trabajo",
    notConnected: "Conéctate para registrar tu trabajo.",
    notMember: "Solo las personas socias pueden registrar trabajo.",
    casualLivelihood:
      "Las personas socias ocasionales solo registran trabajo de amor y de cuidados; el de sustento llega con las etapas de prueba.",
    busy: "Hay una transacción en curso.",
    badAmount: "Escribe una cantidad como 3 o 2,75 (como mucho dos decimales).",
    zeroAmount: "La cantidad debe ser mayor que cero.",
    needEvidence: "Indica una referencia de la evidencia.",
    longUri: "La dirección es demasiado larga (como mucho 256 bytes).",
    overCap: "Eso supera el tope de esta corriente: {cap} por persona y periodo, y puedes registrar {left} más.",
    cap: "Tope de {stream}: {cap} por periodo; te quedan {left}.",
    noCap: "{stream} no tiene tope.",
    weight: "El peso de tu etapa en {stream}: es pagable el {weight} de lo que registras.",
    weightZero: "En tu etapa, el trabajo de {stream} se registra y se revisa, pero no se paga (peso 0 %).",
    payable: "Pagable si cuenta: {payable}.",
    approvals: "Necesita {count} aprobaciones de personas socias comprometidas.",
    approvalsOne: "Necesita la aprobación de una persona socia comprometida.",
    noApprovals: "Cuenta en cuanto se registra, salvo que alguien lo dispute.",
    logged: "Registrado. Aparece abajo en la cola de revisión.",
  },
);

const ledger = deployment.contracts.ledger.address;

/** The amount as typed, or why it is not one (a comma is read as the decimal point, as Spanish writes it). */
function readAmount(text: string): bigint | "badAmount" | "zeroAmount" | undefined {
  if (text.trim() === "") return undefined;
  try {
    const amount = parseAmount(text.replace(",", "."));
    return amount === 0n ? "zeroAmount" : amount;
  } catch {
    return "badAmount";
  }
}

export function LogWork({ books, address }: { books: HistoryState; address?: `0x${string}` }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const tx = useTx();
  const lastBlock = useHistory().loaded?.lastBlock;
  const [stream, setStream] = useState(1);
  const [amountText, setAmountText] = useState("");
  const [evidence, setEvidence] = useState("");
  const [uri, setUri] = useState("");
  const [tried, setTried] = useState(false);

  const period = books.ledger.currentPeriod;
  const stage = address ? books.members.current.get(address.toLowerCase())?.stage : undefined;
  const logged = useReadContract({
    address: ledger,
    abi: ledgerAbi,
    functionName: "loggedInPeriod",
    args: address ? [address, period] : undefined,
    scopeKey: `block-${lastBlock}`,
    query: { enabled: Boolean(address && stage), placeholderData: (previous) => previous },
  });

  const block = logBlock(address, stage, stream);
  const amount = readAmount(amountText);
  const value = typeof amount === "bigint" ? amount : 0n;
  const room = capRoom(books.ledger.caps, logged.data as PerStream | undefined, stream, value);
  const weight = stage ? books.ledger.weights.get(`${STAGES.indexOf(stage)}/${stream}`) : undefined;
  const unit = (v: bigint) => labels.unit(stream, credits(v));

  const amountError =
    typeof amount === "string" ? t(amount) : tried && amount === undefined ? t("badAmount") : undefined;
  const capError =
    room.cap !== null && !room.fits ? t("overCap", { cap: unit(room.cap), left: unit(room.left) }) : undefined;
  const evidenceError = tried && evidence.trim() === "" ? t("needEvidence") : undefined;
  const uriError = new TextEncoder().encode(uri).length > 256 ? t("longUri") : undefined;
  const disabledReason = block ? t(block) : tx.busy ? t("busy") : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (block || typeof amount !== "bigint" || capError || uriError || evidence.trim() === "") return;
    const ok = await tx.send({
      address: ledger,
      abi: ledgerAbi,
      functionName: "logWork",
      args: [stream, amount, period, evidenceHash(evidence.trim()), uri.trim()],
    });
    if (ok) {
      setAmountText("");
      setEvidence("");
      setUri("");
      setTried(false);
    }
  };

  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">{t("title")}</h2>
      <p>{t("intro", { period })}</p>
      <form className="stack" data-testid="log-work" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t("stream")}
          <select name="stream" value={stream} onChange={(e) => setStream(Number(e.target.value))}>
            {STREAM_INDEXES.map((s) => (
              <option key={s} value={s}>
                {labels.stream(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("amount")}
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={amountError || capError ? true : undefined}
            aria-describedby={amountError || capError ? "amount-hint amount-error" : "amount-hint"}
          />
          <small id="amount-hint" className="hint">
            {t("amountHint")}
          </small>
          {amountError || capError ? (
            <small id="amount-error" className="error" role="alert">
              {amountError ?? capError}
            </small>
          ) : null}
        </label>
        <label>
          {t("evidence")}
          <input
            name="evidence"
            autoComplete="off"
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            aria-invalid={evidenceError ? true : undefined}
            aria-describedby={evidenceError ? "evidence-hint evidence-error" : "evidence-hint"}
          />
          <small id="evidence-hint" className="hint">
            {t("evidenceHint")}
          </small>
          {evidenceError ? (
            <small id="evidence-error" className="error" role="alert">
              {evidenceError}
            </small>
          ) : null}
        </label>
        <label>
          {t("uri")}
          <input
            name="uri"
            type="url"
            autoComplete="off"
            value={uri}
            onChange={(e) => setUri(e.target.value)}
            aria-invalid={uriError ? true : undefined}
            aria-describedby={uriError ? "uri-error" : undefined}
          />
          {uriError ? (
            <small id="uri-error" className="error" role="alert">
              {uriError}
            </small>
          ) : null}
        </label>
        {stage && !block ? (
          <ul className="rules">
            <li>
              {room.cap === null
                ? t("noCap", { stream: labels.stream(stream) })
                : t("cap", { stream: labels.stream(stream), cap: unit(room.cap), left: unit(room.left) })}
            </li>
            {weight !== undefined ? (
              <li>
                {weight === 0
                  ? t("weightZero", { stream: labels.stream(stream) })
                  : t("weight", { stream: labels.stream(stream), weight: percent(weight, 10_000, lang) })}
                {value > 0n && weight > 0 ? ` ${t("payable", { payable: unit(payableOf(value, weight)) })}` : ""}
              </li>
            ) : null}
            <li>
              {books.ledger.approvalsRequired === 0
                ? t("noApprovals")
                : books.ledger.approvalsRequired === 1
                  ? t("approvalsOne")
                  : t("approvals", { count: books.ledger.approvalsRequired })}
            </li>
          </ul>
        ) : null}
        <div className="row">
          <button
            type="submit"
            disabled={disabledReason !== undefined}
            aria-describedby={disabledReason ? "log-why" : undefined}
          >
            {t("submit")}
          </button>
          {disabledReason ? (
            <small id="log-why" className="why">
              {disabledReason}
            </small>
          ) : null}
        </div>
        <TxStatus tx={tx} />
        {tx.phase === "confirmed" ? <p className="hint">{t("logged")}</p> : null}
      </form>
    </section>
  );
}
