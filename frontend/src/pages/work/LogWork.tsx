/**
 * Logging work in the open period, as `npm run cli -- log` does: the ledger stores the author's public note (what
 * reviewers read) and a hash of the private evidence, else of the note (entryRecord). Stage limits and caps are
 * explained before anything is sent.
 */
import { useState, type FormEvent } from "react";
import { useReadContract } from "wagmi";
import type { HistoryState, PerStream } from "@disco-ledger/sdk/history";
import { entryRecord, MAX_AMOUNT, MAX_NOTE_BYTES, parseAmount } from "@disco-ledger/sdk/ledger";
import { STAGES } from "@disco-ledger/sdk/members";
import { deployment } from "../../chain.ts";
import { useHistory } from "../../data/history.tsx";
import { percent, pluralForm, utf8Bytes, workAmount } from "@disco-ledger/sdk/format";
import { ledgerAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton } from "../../ui/kit.tsx";
import { STREAM_INDEXES, useLabels } from "../me/labels.ts";
import { capRoom, logBlock, payableOf } from "./entries.ts";

const messages = defineMessages(
  {
    title: "Log work",
    intro: "Your work goes into period {period}, the open one. Peers review it before it counts.",
    stream: "Stream",
    chooseStream: "Choose…",
    needStream: "Choose the stream of this work: livelihood, love or care.",
    amount: "Amount",
    amountHint: "Credits for livelihood and love, hours for care; up to two decimals (0.25 is a quarter hour).",
    note: "What did you do?",
    noteHint:
      "Public: every member, and anyone reading the chain, can read it for good. Say what the work was, with a link if you have one. No personal details (no names of clients or people, addresses, health…).",
    noteBytes: "{used} of {max} bytes",
    needNote: "Say what you did: reviewers judge the work by this note.",
    longNote: "The note is too long: {used} bytes, at most {max}. Shorten it, or link to a longer text.",
    evidence: "Private evidence reference (optional)",
    evidenceHint:
      "An invoice number, a document id… kept off-chain; only its hash is stored. Without one, the note's hash is.",
    submit: "Log work",
    notConnected: "Connect to log your work.",
    notMember: "Only members can log work.",
    casualLivelihood: "Casual members log love and care work only; livelihood work comes with the Dating stages.",
    busy: "A transaction is under way.",
    badAmount: "Write an amount such as 3 or 2.75 (at most two decimals).",
    zeroAmount: "The amount must be more than zero.",
    overMax: "One entry holds at most {max}; split bigger work into several entries.",
    creditsOrHours: "{amount} credits or hours",
    overCap: "That goes over this stream's cap: {cap} per member per period, and you can log {left} more.",
    cap: "Cap for {stream}: {cap} per period; you have {left} left.",
    noCap: "No cap on {stream}.",
    weight: "Your stage's weight for {stream}: {weight} of what you log is payable.",
    weightZero: "At your stage, {stream} work is recorded and reviewed but not paid (weight 0%).",
    payable: "Payable if counted: {payable}.",
    approvalsOther: "It needs {count} approvals from Committed members.",
    approvalsOne: "It needs {count} approval from a Committed member.",
    noApprovals: "It counts at once unless someone disputes it.",
    logged: "Logged. It appears in the review queue below.",
  },
  {
    title: "Registrar trabajo",
    intro: "Tu trabajo entra en el periodo {period}, el abierto. Tus compañeras lo revisan antes de que cuente.",
    stream: "Corriente",
    chooseStream: "Elige…",
    needStream: "Elige la corriente de este trabajo: sustento, amor o cuidados.",
    amount: "Cantidad",
    amountHint: "Créditos para sustento y amor, horas para cuidados; hasta dos decimales (0,25 es un cuarto de hora).",
    note: "¿Qué hiciste?",
    noteHint:
      "Pública: todas las personas socias, y cualquiera que lea la cadena, pueden leerla para siempre. Di en qué consistió el trabajo, con un enlace si lo tienes. Sin datos personales (ni nombres de clientes o personas, ni direcciones, ni salud…).",
    noteBytes: "{used} de {max} bytes",
    needNote: "Di qué hiciste: quienes revisan juzgan el trabajo por esta nota.",
    longNote: "La nota es demasiado larga: {used} bytes, como mucho {max}. Acórtala o enlaza un texto más largo.",
    evidence: "Referencia privada de la evidencia (opcional)",
    evidenceHint:
      "Un número de factura, un identificador de documento… que se guarda fuera de la cadena; solo se almacena su hash. Sin ella, se almacena el de la nota.",
    submit: "Registrar trabajo",
    notConnected: "Conéctate para registrar tu trabajo.",
    notMember: "Solo las personas socias pueden registrar trabajo.",
    casualLivelihood:
      "Las personas socias ocasionales solo registran trabajo de amor y de cuidados; el de sustento llega con las etapas de prueba.",
    busy: "Hay una transacción en curso.",
    badAmount: "Escribe una cantidad como 3 o 2,75 (como mucho dos decimales).",
    zeroAmount: "La cantidad debe ser mayor que cero.",
    overMax: "Una entrada admite como mucho {max}; divide un trabajo mayor en varias entradas.",
    creditsOrHours: "{amount} créditos u horas",
    overCap: "Eso supera el tope de esta corriente: {cap} por persona y periodo, y puedes registrar {left} más.",
    cap: "Tope de {stream}: {cap} por periodo; te quedan {left}.",
    noCap: "{stream} no tiene tope.",
    weight: "El peso de tu etapa en {stream}: es pagable el {weight} de lo que registras.",
    weightZero: "En tu etapa, el trabajo de {stream} se registra y se revisa, pero no se paga (peso 0 %).",
    payable: "Pagable si cuenta: {payable}.",
    approvalsOther: "Necesita {count} aprobaciones de personas socias comprometidas.",
    approvalsOne: "Necesita {count} aprobación de una persona socia comprometida.",
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
  // No stream is chosen for the person: logging love work as livelihood by default would be a silent mistake.
  const [stream, setStream] = useState<number>();
  const [amountText, setAmountText] = useState("");
  const [note, setNote] = useState("");
  const [evidence, setEvidence] = useState("");
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

  // No stream chosen yet is asked for at submit, not a reason to grey the button out.
  const block = logBlock(address, stage, stream ?? -1);
  const amount = readAmount(amountText);
  const value = typeof amount === "bigint" ? amount : 0n;
  const room =
    stream === undefined ? undefined : capRoom(books.ledger.caps, logged.data as PerStream | undefined, stream, value);
  const weight =
    stage && stream !== undefined ? books.ledger.weights.get(`${STAGES.indexOf(stage)}/${stream}`) : undefined;
  // Credits or hours once the stream is known; both before.
  const unit = (v: bigint) =>
    stream === undefined
      ? t("creditsOrHours", { amount: workAmount(v, lang) })
      : labels.unit(stream, workAmount(v, lang));
  const noteUsed = utf8Bytes(note.trim());

  const streamError = tried && stream === undefined ? t("needStream") : undefined;
  const amountError =
    typeof amount === "string"
      ? t(amount)
      : tried && amount === undefined
        ? t("badAmount")
        : value > MAX_AMOUNT
          ? t("overMax", { max: unit(MAX_AMOUNT) })
          : undefined;
  const capError =
    room && room.cap !== null && !room.fits
      ? t("overCap", { cap: unit(room.cap), left: unit(room.left ?? 0n) })
      : undefined;
  const noteError =
    noteUsed > MAX_NOTE_BYTES
      ? t("longNote", { used: noteUsed, max: MAX_NOTE_BYTES })
      : tried && noteUsed === 0
        ? t("needNote")
        : undefined;
  const disabledReason = block ? t(block) : tx.busy ? t("busy") : undefined;

  /** A change to the form starts a new entry: the previous one's outcome goes. */
  const edit = (set: (value: string) => void) => (value: string) => {
    if (tx.phase === "confirmed" || tx.phase === "failed") tx.reset();
    set(value);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const record = entryRecord(note, evidence);
    if (block || stream === undefined || typeof amount !== "bigint" || amountError || capError || noteError) return;
    if (!record || record.note === "") return;
    const ok = await tx.send({
      address: ledger,
      abi: ledgerAbi,
      functionName: "logWork",
      args: [stream, amount, period, record.evidence, record.note],
    });
    if (ok) {
      setAmountText("");
      setNote("");
      setEvidence("");
      setTried(false);
    }
  };

  const describedBy = (id: string, error: string | undefined) => (error ? `${id}-hint ${id}-error` : `${id}-hint`);

  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">{t("title")}</h2>
      <p>{t("intro", { period })}</p>
      <form className="stack" data-testid="log-work" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t("stream")}
          <select
            name="stream"
            value={stream ?? ""}
            onChange={(e) => edit((v) => setStream(v === "" ? undefined : Number(v)))(e.target.value)}
            aria-invalid={streamError ? true : undefined}
            aria-describedby={streamError ? "stream-error" : undefined}
          >
            <option value="">{t("chooseStream")}</option>
            {STREAM_INDEXES.map((s) => (
              <option key={s} value={s}>
                {labels.stream(s)}
              </option>
            ))}
          </select>
          {streamError ? (
            <small id="stream-error" className="error" role="alert">
              {streamError}
            </small>
          ) : null}
        </label>
        <label>
          {t("amount")}
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => edit(setAmountText)(e.target.value)}
            aria-invalid={amountError || capError ? true : undefined}
            aria-describedby={describedBy("amount", amountError ?? capError)}
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
          {t("note")}
          <textarea
            name="note"
            rows={3}
            autoComplete="off"
            value={note}
            onChange={(e) => edit(setNote)(e.target.value)}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={describedBy("note", noteError)}
          />
          <small id="note-hint" className="hint">
            {t("noteHint")} {t("noteBytes", { used: noteUsed, max: MAX_NOTE_BYTES })}
          </small>
          {noteError ? (
            <small id="note-error" className="error" role="alert">
              {noteError}
            </small>
          ) : null}
        </label>
        <label>
          {t("evidence")}
          <input
            name="evidence"
            autoComplete="off"
            value={evidence}
            onChange={(e) => edit(setEvidence)(e.target.value)}
            aria-describedby="evidence-hint"
          />
          <small id="evidence-hint" className="hint">
            {t("evidenceHint")}
          </small>
        </label>
        {stage && !block && stream !== undefined && room ? (
          <ul className="rules">
            <li>
              {room.cap === null
                ? t("noCap", { stream: labels.stream(stream) })
                : t("cap", { stream: labels.stream(stream), cap: unit(room.cap), left: unit(room.left ?? 0n) })}
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
                : t(pluralForm(books.ledger.approvalsRequired, lang) === "one" ? "approvalsOne" : "approvalsOther", {
                    count: books.ledger.approvalsRequired,
                  })}
            </li>
          </ul>
        ) : null}
        <ReasonedButton type="submit" reason={disabledReason} reasonId="log-why">
          {t("submit")}
        </ReasonedButton>
        <TxStatus tx={tx} />
        {tx.phase === "confirmed" ? <p className="hint">{t("logged")}</p> : null}
      </form>
    </section>
  );
}
