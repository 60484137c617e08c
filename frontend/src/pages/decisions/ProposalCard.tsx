/**
 * One proposal: its state (the governor's answer), kind, description, proposer, countdown, binding and advisory
 * tallies, quorum, decoded calls, votes with reasons, and what can be done next (vote, sign, queue, execute).
 */
import type { Address, Hex } from "viem";
import { useConnection } from "wagmi";
import type { Proposal, Tally } from "@disco-ledger/sdk/history";
import { dateTime, duration } from "@disco-ledger/sdk/format";
import { quorumWords } from "@disco-ledger/sdk/governance";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Person, ScrollArea } from "../../ui/kit.tsx";
import { CallList } from "./CallView.tsx";
import { lifecycleArgs } from "@disco-ledger/sdk/proposals";
import {
  countdown,
  executeBlocker,
  isOpen,
  queueBlocker,
  quorumProgress,
  type LifecycleBlock,
  type StateLabel,
} from "./lifecycle.ts";
import { GOVERNOR } from "./registry.ts";
import { useStateLabel } from "./stateLabels.ts";
import { VotePanel } from "./VotePanel.tsx";

const messages = defineMessages(
  {
    proposedBy: "Proposed by",
    kind: "Kind",
    Standard: "Standard: quorum, then more For than Against",
    Bylaw: "Bylaw: quorum, more For than Against, and a {numerator}/{denominator} supermajority of For + Against",
    Consent: "Consent: quorum, more For than Against, and no binding member blocks",
    kindUnknown: "Not classified yet",
    shortStandard: "Standard",
    shortBylaw: "Bylaw",
    shortConsent: "Consent",
    stateUnknown: "Reading state…",
    opens: "Voting opens {at} (in {in})",
    closes: "Voting closes {at} (in {in})",
    executable: "Can be executed from {at} (in {in})",
    ready: "Can be executed now (since {at})",
    binding: "Binding votes (Committed members)",
    advisory: "Advisory votes (Dating members)",
    For: "For",
    Against: "Against",
    Abstain: "Abstain",
    Block: "Block",
    quorum: "Quorum",
    number: "Proposal #{number}",
    fullId: "Full id (for other tools)",
    quorumReached: "reached",
    quorumMissing: "not reached yet",
    quorumLater: "Set when voting opens (from the Committed members then).",
    calls: "What it does",
    votes: "Votes",
    noVotes: "No votes yet.",
    voter: "Voter",
    support: "Vote",
    weight: "Counts as",
    reason: "Reason",
    bindingVote: "binding",
    advisoryVote: "advisory",
    queue: "Queue in the timelock",
    execute: "Execute",
    notConnected: "Connect a wallet to do this.",
    notSucceeded: "Only a Succeeded proposal can be queued.",
    notQueued: "Only a queued proposal can be executed.",
    tooEarly: "The timelock's delay has not passed yet.",
  },
  {
    proposedBy: "Propuesta de",
    kind: "Tipo",
    Standard: "Ordinaria: quórum y más votos a favor que en contra",
    Bylaw:
      "Estatutaria: quórum, más votos a favor que en contra y una mayoría cualificada de {numerator}/{denominator} de los votos a favor y en contra",
    Consent: "Por consentimiento: quórum, más votos a favor que en contra y ningún bloqueo de una socia vinculante",
    kindUnknown: "Aún sin clasificar",
    shortStandard: "Ordinaria",
    shortBylaw: "Estatutaria",
    shortConsent: "Por consentimiento",
    stateUnknown: "Leyendo el estado…",
    opens: "La votación se abre el {at} (dentro de {in})",
    closes: "La votación se cierra el {at} (dentro de {in})",
    executable: "Se podrá ejecutar desde el {at} (dentro de {in})",
    ready: "Ya se puede ejecutar (desde el {at})",
    binding: "Votos vinculantes (socias comprometidas)",
    advisory: "Votos consultivos (en acercamiento)",
    For: "A favor",
    Against: "En contra",
    Abstain: "Abstención",
    Block: "Bloqueo",
    quorum: "Quórum",
    number: "Propuesta n.º {number}",
    fullId: "Id completo (para otras herramientas)",
    quorumReached: "alcanzado",
    quorumMissing: "aún no alcanzado",
    quorumLater: "Se fija al abrirse la votación (según las socias comprometidas en ese momento).",
    calls: "Qué hace",
    votes: "Votos",
    noVotes: "Todavía no hay votos.",
    voter: "Votante",
    support: "Voto",
    weight: "Cuenta como",
    reason: "Motivo",
    bindingVote: "vinculante",
    advisoryVote: "consultivo",
    queue: "Poner en cola en el timelock",
    execute: "Ejecutar",
    notConnected: "Conecta una cartera para hacerlo.",
    notSucceeded: "Solo se puede poner en cola una propuesta aprobada.",
    notQueued: "Solo se puede ejecutar una propuesta en cola.",
    tooEarly: "Aún no ha pasado el plazo del timelock.",
  },
);

const COLUMNS = [
  ["For", "forVotes", "advisoryFor", "for"],
  ["Against", "againstVotes", "advisoryAgainst", "against"],
  ["Abstain", "abstainVotes", "advisoryAbstain", "abstain"],
  ["Block", "blockVotes", "advisoryBlock", "block"],
] as const;

/** Every proposal shows all four counts; Block stays zero outside consent proposals, so it is dimmed there. */
function Tallies({ tally, consent }: { tally: Tally; consent: boolean }) {
  const t = useT(messages);
  return (
    <div className="tallies">
      {(["binding", "advisory"] as const).map((group) => (
        <div key={group} className={`tally tally-${group}`}>
          <h4>{t(group)}</h4>
          <dl>
            {COLUMNS.map(([label, bindingKey, advisoryKey, id]) => (
              <div key={id} className={`tally-${id}${id === "block" && !consent ? " dim" : ""}`}>
                <dt>{t(label)}</dt>
                <dd data-testid={group === "binding" ? `tally-${id}` : `advisory-${id}`}>
                  {tally[group === "binding" ? bindingKey : advisoryKey]}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </div>
  );
}

/** The quorum in words, "3 voted; 2 needed — reached": binding votes of any kind against the snapshot's quorum. */
function Quorum({ tally, quorum }: { tally: Tally; quorum: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  if (quorum === undefined) {
    return (
      <p className="quorum muted">
        <strong>{t("quorum")}:</strong> {t("quorumLater")}
      </p>
    );
  }
  const progress = quorumProgress(tally, quorum);
  return (
    <div className="quorum">
      <p data-testid="quorum">
        <strong>{t("quorum")}:</strong> {quorumWords(progress.counted, progress.quorum, lang)}
        {" — "}
        <span className={progress.reached ? "ok" : "warn"}>
          {progress.reached ? t("quorumReached") : t("quorumMissing")}
        </span>
      </p>
      <progress max={progress.quorum} value={Math.min(progress.counted, progress.quorum)} aria-label={t("quorum")} />
    </div>
  );
}

export interface ProposalView {
  proposal: Proposal;
  /** Its short number, #1, #2… in the order proposals were made. */
  number: number;
  state: StateLabel | undefined;
  tally: Tally;
  quorum: bigint | undefined;
}

export function ProposalCard({
  view,
  now,
  blockNumber,
}: {
  view: ProposalView;
  now: bigint | undefined;
  blockNumber: bigint | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const stateText = useStateLabel();
  const { address } = useConnection();
  const queueTx = useTx();
  const executeTx = useTx();
  const { proposal, number, state, tally, quorum } = view;
  const eta = proposal.queued?.eta ?? null;
  const next = now === undefined ? null : countdown(state, { ...proposal, eta }, now);
  const [firstLine, ...rest] = proposal.description.split("\n");
  const calls = proposal.targets.map((target, i) => ({
    target: target as Address,
    value: proposal.values[i] ?? 0n,
    data: (proposal.calldatas[i] ?? "0x") as Hex,
  }));
  const lifecycle = { address: GOVERNOR, abi: governorAbi, args: lifecycleArgs(proposal) } as const;
  const queueWhy = queueBlocker(state, Boolean(address));
  const executeWhy = now === undefined ? "tooEarly" : executeBlocker(state, eta, now, Boolean(address));
  const why = (b: LifecycleBlock) => (b ? t(b) : null);

  return (
    <article
      id={`proposal-${number}`}
      className={`card proposal state-${state ?? "unknown"}`}
      data-testid={`proposal-${proposal.id.toString()}`}
      data-state={state ?? ""}
      aria-labelledby={`p-${proposal.id}`}
    >
      <header className="proposal-head">
        <span className={`tag state-tag state-${state ?? "unknown"}`}>
          {state ? stateText(state) : t("stateUnknown")}
        </span>
        {proposal.kind ? <span className="tag kind-tag">{t(`short${proposal.kind}`)}</span> : null}
        <h3 id={`p-${proposal.id}`}>
          <span className="proposal-number" data-testid="proposal-number" title={t("number", { number })}>
            #{number}
          </span>{" "}
          {firstLine}
        </h3>
      </header>
      {rest.join("\n").trim() ? <p className="description">{rest.join("\n").trim()}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t("proposedBy")}</dt>
          <dd>
            <Person address={proposal.proposer} />
          </dd>
        </div>
        <div>
          <dt>{t("kind")}</dt>
          <dd>
            {proposal.kind
              ? t(proposal.kind, {
                  numerator: proposal.supermajority?.numerator ?? "?",
                  denominator: proposal.supermajority?.denominator ?? "?",
                })
              : t("kindUnknown")}
          </dd>
        </div>
      </dl>
      {next ? (
        <p className="countdown" data-countdown={next.kind}>
          {t(next.kind, { at: dateTime(next.at, lang), in: duration(next.seconds) })}
        </p>
      ) : null}

      <Tallies tally={tally} consent={proposal.kind === "Consent"} />
      <Quorum tally={tally} quorum={quorum} />

      {state === "Pending" || state === "Active" ? (
        // A new account starts with a fresh panel: no reason, status or signed vote left from someone else.
        <VotePanel key={address ?? "none"} proposal={proposal} state={state} blockNumber={blockNumber} />
      ) : null}

      {/* Kept after the state moves on, so the confirmation of a queue or execute stays in view. */}
      {state === "Succeeded" || state === "Queued" || queueTx.phase !== "idle" || executeTx.phase !== "idle" ? (
        <div className="lifecycle">
          <div className="row">
            {state === "Succeeded" ? (
              <button
                type="button"
                data-testid="queue"
                disabled={queueTx.busy || queueWhy !== null}
                title={why(queueWhy) ?? undefined}
                onClick={() => void queueTx.send({ ...lifecycle, functionName: "queue" })}
              >
                {t("queue")}
              </button>
            ) : null}
            {state === "Queued" ? (
              <button
                type="button"
                data-testid="execute"
                disabled={executeTx.busy || executeWhy !== null}
                title={why(executeWhy) ?? undefined}
                onClick={() => void executeTx.send({ ...lifecycle, functionName: "execute" })}
              >
                {t("execute")}
              </button>
            ) : null}
          </div>
          {state === "Succeeded" && queueWhy ? <p className="why">{why(queueWhy)}</p> : null}
          {state === "Queued" && executeWhy ? <p className="why">{why(executeWhy)}</p> : null}
          <TxStatus tx={queueTx} />
          <TxStatus tx={executeTx} />
        </div>
      ) : null}

      <div className="proposal-details">
        <h4>{t("calls")}</h4>
        <CallList calls={calls} showNow={!state || isOpen(state)} />
        <h4>{t("votes")}</h4>
        {proposal.votes.length === 0 ? (
          <p className="muted">{t("noVotes")}</p>
        ) : (
          <ScrollArea label={t("votes")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("voter")}</th>
                  <th scope="col">{t("support")}</th>
                  <th scope="col">{t("weight")}</th>
                  <th scope="col">{t("reason")}</th>
                </tr>
              </thead>
              <tbody>
                {proposal.votes.map((vote) => (
                  <tr key={`${vote.txHash}-${vote.logIndex}`}>
                    <td>
                      <Person address={vote.voter} />
                    </td>
                    <td className={`support-${vote.support}`}>{t(vote.support)}</td>
                    <td>{t(vote.binding ? "bindingVote" : "advisoryVote")}</td>
                    <td>{vote.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
        <details className="muted small proposal-id">
          <summary>{t("fullId")}</summary>
          <code>{proposal.id.toString()}</code>
        </details>
      </div>
    </article>
  );
}
