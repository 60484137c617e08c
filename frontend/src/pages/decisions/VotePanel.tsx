/**
 * Voting on one proposal: For, Against, Abstain (and Block with a reason on consent proposals), sent now or signed
 * for someone else to relay. Every button says why when it can't be pressed.
 */
import { useId, useState } from "react";
import type { Hex } from "viem";
import { useConfig, useConnection, useReadContracts } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { STAGES } from "@disco-ledger/sdk/members";
import type { Proposal } from "@disco-ledger/sdk/history";
import { explainError } from "@disco-ledger/sdk/errors";
import { governorAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { keyedNonceArgs, signedBallotJson } from "@disco-ledger/sdk/ballots";
import { ballotTypedData, toSignedBallot } from "@disco-ledger/sdk/governance";
import { supportBlocker, voteStanding, type StateLabel, type VoteBlock } from "./lifecycle.ts";
import { GOVERNOR, MEMBERSHIP } from "./registry.ts";
import { useBallotDomain } from "./useBallotDomain.ts";
import { useRefetchOnBlock } from "../../ui/clock.ts";

const messages = defineMessages(
  {
    heading: "Your vote",
    reason: "Reason",
    reasonHint: "Optional; a Block must say why.",
    reasonHintPlain: "Optional, recorded with your vote on chain.",
    For: "For",
    Against: "Against",
    Abstain: "Abstain",
    Block: "Block",
    sign: "Sign {support}",
    signHint: "Sign instead of sending: no gas needed. Hand the signed vote to anyone to relay it.",
    signing: "Confirm the signature in your wallet…",
    signed: "Signed vote (copy it and give it to whoever relays it)",
    copy: "Copy",
    copied: "Copied.",
    binding: "Your vote is binding: you were a Committed member when voting opened.",
    advisory: "Your vote is advisory: you were a Dating member when voting opened.",
    notConnected: "Connect a wallet to vote.",
    notActive: "Voting is not open.",
    loading: "Checking your vote…",
    alreadyVoted: "You have already voted on this proposal.",
    noVote: "You had no vote when voting opened: only Committed members (binding) and Dating members (advisory) vote.",
    blockNeedsReason: "To block, write why in the reason.",
    blockNotConsent: "Only consent proposals can be blocked.",
    signFailed: "Could not sign: {error}",
  },
  {
    heading: "Tu voto",
    reason: "Motivo",
    reasonHint: "Opcional; un bloqueo debe explicar por qué.",
    reasonHintPlain: "Opcional, queda registrado en la cadena con tu voto.",
    For: "A favor",
    Against: "En contra",
    Abstain: "Abstención",
    Block: "Bloquear",
    sign: "Firmar «{support}»",
    signHint:
      "Firma en lugar de enviar: no necesitas gas. Entrega el voto firmado a quien quieras para que lo transmita.",
    signing: "Confirma la firma en tu cartera…",
    signed: "Voto firmado (cópialo y dáselo a quien lo vaya a transmitir)",
    copy: "Copiar",
    copied: "Copiado.",
    binding: "Tu voto es vinculante: eras socia comprometida cuando se abrió la votación.",
    advisory: "Tu voto es consultivo: estabas en periodo de acercamiento (Dating) cuando se abrió la votación.",
    notConnected: "Conecta una cartera para votar.",
    notActive: "La votación no está abierta.",
    loading: "Comprobando tu voto…",
    alreadyVoted: "Ya has votado en esta propuesta.",
    noVote:
      "No tenías voto cuando se abrió la votación: solo votan las personas socias comprometidas (voto vinculante) y las que están en acercamiento (voto consultivo).",
    blockNeedsReason: "Para bloquear, escribe el motivo.",
    blockNotConsent: "Solo se pueden bloquear las propuestas por consentimiento.",
    signFailed: "No se ha podido firmar: {error}",
  },
);

const SUPPORTS = [
  { label: "For", value: 1, id: "for" },
  { label: "Against", value: 0, id: "against" },
  { label: "Abstain", value: 2, id: "abstain" },
  { label: "Block", value: 3, id: "block" },
] as const;

export function VotePanel({
  proposal,
  state,
  blockNumber,
}: {
  proposal: Proposal;
  state: StateLabel | undefined;
  blockNumber: bigint | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const config = useConfig();
  const { address } = useConnection();
  const domain = useBallotDomain();
  const tx = useTx();
  const [reason, setReason] = useState("");
  const [signed, setSigned] = useState<string>();
  const [signError, setSignError] = useState<string>();
  const [signing, setSigning] = useState(false);
  const [copied, setCopied] = useState(false);
  const ids = useId();
  const consent = proposal.kind === "Consent";

  const active = state === "Active";
  const { data, refetch } = useReadContracts({
    contracts: address
      ? [
          { address: GOVERNOR, abi: governorAbi, functionName: "hasVoted", args: [proposal.id, address] },
          { address: MEMBERSHIP, abi: membershipAbi, functionName: "voterStatus", args: [address, proposal.voteStart] },
        ]
      : [],
    query: { enabled: Boolean(address) && active },
  });
  useRefetchOnBlock(refetch, blockNumber);
  const hasVoted = data?.[0]?.status === "success" ? (data[0].result as boolean) : undefined;
  const status = data?.[1]?.status === "success" ? (data[1].result as readonly [number, number, number]) : undefined;
  const standing = voteStanding({
    connected: Boolean(address),
    state,
    stageAtSnapshot: status ? STAGES[status[0]] : undefined,
    hasVoted,
  });

  const blockerOf = (support: number): VoteBlock | null =>
    standing.ok ? supportBlocker(support, proposal.kind, reason) : standing.why;

  const vote = async (support: number) => {
    const text = reason.trim();
    const ok = await tx.send(
      text === ""
        ? { address: GOVERNOR, abi: governorAbi, functionName: "castVote", args: [proposal.id, support] }
        : {
            address: GOVERNOR,
            abi: governorAbi,
            functionName: "castVoteWithReason",
            args: [proposal.id, support, text],
          },
    );
    if (ok) {
      setReason("");
      void refetch();
    }
  };

  const sign = async (support: number) => {
    if (!address || !domain) return;
    setSigning(true);
    setSignError(undefined);
    setSigned(undefined);
    setCopied(false);
    try {
      // The keyed nonce of this proposal (GovernorNoncesKeyed): ballots for different proposals never share one.
      const nonce = await readContract(config, {
        address: GOVERNOR,
        abi: governorAbi,
        functionName: "nonces",
        args: keyedNonceArgs(address, proposal.id),
      });
      const text = reason.trim();
      // Like the CLI: a reason makes it an ExtendedBallot; none, a plain Ballot.
      const ballot = {
        proposalId: proposal.id,
        support,
        voter: address,
        nonce,
        reason: text === "" ? undefined : text,
      };
      const signature: Hex = await signTypedData(config, { account: address, ...ballotTypedData(domain, ballot) });
      setSigned(signedBallotJson(toSignedBallot(domain, ballot, signature)));
    } catch (error) {
      setSignError(t("signFailed", { error: explainError(error, lang) }));
    } finally {
      setSigning(false);
    }
  };

  const copy = async () => {
    if (!signed) return;
    try {
      await navigator.clipboard.writeText(signed);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure context): the text stays selectable in the box.
    }
  };

  const supports = SUPPORTS.filter((s) => s.value !== 3 || consent);
  const reasons = [...new Set(supports.map((s) => blockerOf(s.value)).filter((b): b is VoteBlock => b !== null))];
  const busy = tx.busy || signing;

  return (
    <div className="vote-panel">
      <h4>{t("heading")}</h4>
      {standing.ok ? <p className="muted">{t(standing.binding ? "binding" : "advisory")}</p> : null}
      <label className="reason">
        <span>{t("reason")}</span>
        <textarea
          name="reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${ids}-hint`}
          disabled={!standing.ok}
        />
        <small id={`${ids}-hint`} className="muted">
          {t(consent ? "reasonHint" : "reasonHintPlain")}
        </small>
      </label>
      <fieldset className="row vote-buttons" aria-label={t("heading")}>
        {supports.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`vote-${s.id}`}
            data-testid={`vote-${s.id}`}
            disabled={busy || blockerOf(s.value) !== null}
            aria-describedby={blockerOf(s.value) ? `${ids}-why` : undefined}
            onClick={() => void vote(s.value)}
          >
            {t(s.label)}
          </button>
        ))}
      </fieldset>
      <fieldset className="row sign-buttons" aria-label={t("signHint")}>
        {supports.map((s) => (
          <button
            key={s.id}
            type="button"
            className="secondary"
            data-testid={`sign-${s.id}`}
            disabled={busy || !domain || blockerOf(s.value) !== null}
            aria-describedby={blockerOf(s.value) ? `${ids}-why` : `${ids}-sign`}
            onClick={() => void sign(s.value)}
          >
            {t("sign", { support: t(s.label) })}
          </button>
        ))}
      </fieldset>
      <p id={`${ids}-sign`} className="muted small">
        {t("signHint")}
      </p>
      {reasons.length > 0 ? (
        <p id={`${ids}-why`} className="why">
          {reasons.map((r) => t(r)).join(" ")}
        </p>
      ) : null}
      <TxStatus tx={tx} />
      {signing ? <p role="status">{t("signing")}</p> : null}
      {signError ? (
        <p className="tx tx-failed" role="alert">
          {signError}
        </p>
      ) : null}
      {signed ? (
        <div className="signed">
          <label>
            <span>{t("signed")}</span>
            <textarea data-testid="signed-vote" readOnly rows={10} value={signed} onFocus={(e) => e.target.select()} />
          </label>
          <div className="row">
            <button type="button" className="secondary" onClick={() => void copy()}>
              {t("copy")}
            </button>
            {copied ? <span role="status">{t("copied")}</span> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
