/**
 * Relaying someone's signed vote: paste the JSON (from this app or the CLI), see whose vote it is and whether it
 * will count, submit it and pay the gas. The vote counts for the signer.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { useConnection, useReadContracts } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { deployment } from "../../chain.ts";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Person, Section } from "../../ui/kit.tsx";
import {
  isSignedByVoter,
  keyedNonceArgs,
  nonceStanding,
  parseSignedBallot,
  type BallotProblem,
} from "@disco-ledger/sdk/ballots";
import { proposalLabel, relayCall } from "@disco-ledger/sdk/governance";
import { stateLabel } from "./lifecycle.ts";
import { useStateLabel } from "./stateLabels.ts";
import { GOVERNOR } from "./registry.ts";
import { useBallotDomain } from "./useBallotDomain.ts";
import { useRefetchOnBlock } from "../../ui/clock.ts";

const messages = defineMessages(
  {
    title: "Relay a signed vote",
    intro:
      "A member who signed a vote (here or with the CLI's vote --sign) can hand it to anyone. Paste it, and submit it: you pay the gas, the vote counts as theirs.",
    field: "Signed vote (JSON)",
    submit: "Submit the vote",
    empty: "Paste a signed vote.",
    notJson: "This is not JSON: paste the whole signed vote, from the first { to the last }.",
    notObject:
      "A signed vote is a JSON object with governor, chainId, proposalId, support, voter, nonce and signature.",
    missing: "The signed vote has no “{field}”.",
    invalid: "The signed vote's “{field}” is not valid.",
    wrongGovernor: "This vote was signed for another governor ({governor}), not this cooperative's.",
    wrongChain: "This vote was signed for chain {chainId}, not this cooperative's ({expected}).",
    blockWithoutReason: "A Block must carry a reason, and this one has none.",
    summary: "{support} from",
    onProposal: "on",
    unknownProposal: "a proposal this cooperative doesn't have",
    withReason: "Reason: {reason}",
    checking: "Checking the signature…",
    badSignature: "The signature is not the voter's for this vote: it was changed, or signed for something else.",
    usedNonce: "This signature can't be used any more: the voter has relayed a signed vote since it was made.",
    otherProposal: "This signature's nonce belongs to another proposal's votes, so the governor would refuse it.",
    futureNonce:
      "This signature was made for a later nonce than the voter's now on this chain: was it signed against another copy of the chain?",
    alreadyVoted: "This person has already voted on this proposal.",
    notActive: "Voting on this proposal is not open ({state}).",
    ready: "The signature is the voter's; the vote can be submitted.",
    notConnected: "Connect a wallet to relay: it pays the gas.",
    For: "For",
    Against: "Against",
    Abstain: "Abstain",
    Block: "Block",
  },
  {
    title: "Transmitir un voto firmado",
    intro:
      "Quien firma un voto (aquí o con «vote --sign» de la CLI) puede dárselo a cualquiera. Pégalo y envíalo: tú pagas el gas y el voto cuenta como suyo.",
    field: "Voto firmado (JSON)",
    submit: "Enviar el voto",
    empty: "Pega un voto firmado.",
    notJson: "Esto no es JSON: pega el voto firmado completo, desde la primera { hasta la última }.",
    notObject:
      "Un voto firmado es un objeto JSON con governor, chainId, proposalId, support, voter, nonce y signature.",
    missing: "Al voto firmado le falta «{field}».",
    invalid: "El campo «{field}» del voto firmado no es válido.",
    wrongGovernor: "Este voto se firmó para otro gobernador ({governor}), no el de esta cooperativa.",
    wrongChain: "Este voto se firmó para la cadena {chainId}, no la de esta cooperativa ({expected}).",
    blockWithoutReason: "Un bloqueo debe llevar un motivo, y este no lo tiene.",
    summary: "{support} de",
    onProposal: "en",
    unknownProposal: "una propuesta que esta cooperativa no tiene",
    withReason: "Motivo: {reason}",
    checking: "Comprobando la firma…",
    badSignature: "La firma no es de quien vota para este voto: se ha modificado o se firmó para otra cosa.",
    usedNonce: "Esta firma ya no sirve: quien vota ha transmitido otro voto firmado después de hacerla.",
    otherProposal:
      "El nonce de esta firma pertenece a los votos de otra propuesta, así que el gobernador la rechazaría.",
    futureNonce:
      "Esta firma se hizo para un nonce posterior al que tiene ahora quien vota en esta cadena: ¿se firmó contra otra copia de la cadena?",
    alreadyVoted: "Esta persona ya ha votado en esta propuesta.",
    notActive: "La votación de esta propuesta no está abierta ({state}).",
    ready: "La firma es de quien vota; se puede enviar el voto.",
    notConnected: "Conecta una cartera para transmitirlo: paga el gas.",
    For: "A favor",
    Against: "En contra",
    Abstain: "Abstención",
    Block: "Bloqueo",
  },
);

const SUPPORT_LABELS = ["Against", "For", "Abstain", "Block"] as const;

export function RelayForm({ books, blockNumber }: { books: HistoryState; blockNumber: bigint | undefined }) {
  const t = useT(messages);
  const { address } = useConnection();
  const domain = useBallotDomain();
  const tx = useTx();
  const ids = useId();
  const stateText = useStateLabel();
  const [text, setText] = useState("");
  const parsed = useMemo(() => parseSignedBallot(text, { governor: GOVERNOR, chainId: deployment.chainId }), [text]);
  const ballot = parsed.ok ? parsed.ballot : undefined;

  // Whether it will count, as the governor will judge it: the voter's nonces (keyed to the proposal, and plain as
  // the fallback), their vote, the proposal's state.
  const { data, refetch } = useReadContracts({
    contracts: ballot
      ? [
          {
            address: GOVERNOR,
            abi: governorAbi,
            functionName: "nonces",
            args: keyedNonceArgs(ballot.voter, ballot.proposalId),
          },
          { address: GOVERNOR, abi: governorAbi, functionName: "nonces", args: [ballot.voter] },
          { address: GOVERNOR, abi: governorAbi, functionName: "hasVoted", args: [ballot.proposalId, ballot.voter] },
          { address: GOVERNOR, abi: governorAbi, functionName: "state", args: [ballot.proposalId] },
        ]
      : [],
    query: { enabled: Boolean(ballot) },
  });
  useRefetchOnBlock(refetch, blockNumber);
  const keyed = data?.[0]?.status === "success" ? (data[0].result as bigint) : undefined;
  const plain = data?.[1]?.status === "success" ? (data[1].result as bigint) : undefined;
  const hasVoted = data?.[2]?.status === "success" ? (data[2].result as boolean) : undefined;
  const state = data?.[3]?.status === "success" ? stateLabel(data[3].result as number) : undefined;
  const standing =
    ballot && keyed !== undefined && plain !== undefined ? nonceStanding(ballot, { keyed, plain }) : undefined;

  const [signatureOk, setSignatureOk] = useState<boolean>();
  useEffect(() => {
    setSignatureOk(undefined);
    if (!ballot || !domain) return;
    let current = true;
    void isSignedByVoter(domain, ballot).then((ok) => current && setSignatureOk(ok));
    return () => {
      current = false;
    };
  }, [ballot, domain]);

  const problemText = (problem: BallotProblem) =>
    t(problem.code, { ...problem, expected: deployment.chainId } as Record<string, string | number>);

  let blocker: string | null = null;
  if (!parsed.ok) blocker = text.trim() === "" ? null : problemText(parsed.problem);
  else if (signatureOk === false) blocker = t("badSignature");
  else if (standing === "used") blocker = t("usedNonce");
  else if (standing === "future") blocker = t("futureNonce");
  else if (standing === "otherProposal") blocker = t("otherProposal");
  else if (hasVoted) blocker = t("alreadyVoted");
  else if (state !== undefined && state !== "Active") blocker = t("notActive", { state: stateText(state) });
  const checking = parsed.ok && blocker === null && (signatureOk === undefined || standing === undefined);
  const canSubmit = parsed.ok && blocker === null && !checking && Boolean(address) && !tx.busy;

  const proposal = ballot ? books.governance.proposals.get(ballot.proposalId) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ballot || !canSubmit) return;
    const ok = await tx.send({ address: GOVERNOR, ...relayCall(ballot) });
    if (ok) setText("");
  };

  return (
    <Section title={t("title")}>
      <form className="stack relay" data-testid="relay" onSubmit={(e) => void submit(e)}>
        <p className="muted">{t("intro")}</p>
        <label>
          <span>{t("field")}</span>
          <textarea
            name="signedVote"
            rows={8}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              tx.reset();
            }}
            aria-invalid={blocker !== null}
            aria-describedby={`${ids}-check`}
          />
        </label>
        {ballot ? (
          <div className="ballot-summary">
            <p>
              <strong>{t("summary", { support: t(SUPPORT_LABELS[ballot.support]) })}</strong>{" "}
              <Person address={ballot.voter} /> {t("onProposal")}{" "}
              {proposal ? (
                <em>
                  {proposalLabel(books.governance.proposals, proposal.id)} {proposal.description.split("\n")[0]}
                </em>
              ) : (
                t("unknownProposal")
              )}
            </p>
            {ballot.reason ? <p>{t("withReason", { reason: ballot.reason })}</p> : null}
          </div>
        ) : null}
        <div id={`${ids}-check`} aria-live="polite">
          {blocker ? (
            <p className="why" role="alert">
              {blocker}
            </p>
          ) : checking ? (
            <p className="muted">{t("checking")}</p>
          ) : parsed.ok ? (
            <p className="ok">{t("ready")}</p>
          ) : null}
          {!address ? <p className="why">{t("notConnected")}</p> : null}
        </div>
        <div className="row">
          <button type="submit" data-testid="relay-submit" disabled={!canSubmit}>
            {t("submit")}
          </button>
        </div>
        <TxStatus tx={tx} />
      </form>
    </Section>
  );
}
