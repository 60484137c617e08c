/**
 * An entry under dispute and its way forward: the reasons given, then "Propose to accept" or "Propose to reject",
 * which makes the governance proposal calling the ledger's resolveDispute (the SDK's resolveDisputeCall, as the CLI's
 * `propose resolve`), and once made, each proposal's state as the governor tells it, with the way to Decisions.
 */
import { keepPreviousData } from "@tanstack/react-query";
import { useReadContracts } from "wagmi";
import type { HistoryState, LedgerEntry } from "@disco-ledger/sdk/history";
import type { StageLabel } from "@disco-ledger/sdk/members";
import { disputeProposals } from "@disco-ledger/sdk/ledger";
import { resolveDisputeCall } from "@disco-ledger/sdk/proposals";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { shortAddress, workAmount } from "@disco-ledger/sdk/format";
import { deployment } from "../../chain.ts";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { href } from "../../route.ts";
import { TxStatus, useTx } from "../../tx.tsx";
import { Person } from "../../ui/kit.tsx";
import { proposalNumbers } from "@disco-ledger/sdk/governance";
import { isOpen, stateLabel } from "../decisions/lifecycle.ts";
import { GOVERNOR, REGISTRY } from "../decisions/registry.ts";
import { useStateLabel } from "../decisions/stateLabels.ts";
import { useRefetchOnBlock } from "../../ui/clock.ts";
import { useLabels } from "../me/labels.ts";
import { EntryAmount, LoggedOn, Note, StatusTag } from "./EntryBits.tsx";

const messages = defineMessages(
  {
    entry: "Entry {id}",
    by: "by",
    disputedBy: "disputed by",
    forward:
      "The members decide by a vote: accepted, the work counts; rejected, it never counts. Any Committed member can propose either.",
    proposeAccept: "Propose to accept",
    proposeReject: "Propose to reject",
    proposalAccept: "Proposal to accept it: {state}",
    proposalReject: "Proposal to reject it: {state}",
    stateUnknown: "reading its state…",
    open: "See it in Decisions",
    oneOpen: "A proposal about it is open: vote on it in Decisions before proposing another.",
    notConnected: "Connect to propose a decision.",
    notCommitted: "Only Committed members make proposals.",
    busy: "A transaction is under way.",
    descriptionAccept:
      "Accept disputed entry {id}: {amount} of {stream} work by {author} in period {period}, “{note}”. It was disputed: “{reason}”. Accepted, it counts.",
    descriptionReject:
      "Reject disputed entry {id}: {amount} of {stream} work by {author} in period {period}, “{note}”. It was disputed: “{reason}”. Rejected, it never counts.",
    proposed: "Proposed. The members vote on it in Decisions.",
    again: "(Proposal {n} about this dispute.)",
  },
  {
    entry: "Entrada {id}",
    by: "de",
    disputedBy: "disputada por",
    forward:
      "Las personas socias deciden en votación: si se acepta, el trabajo cuenta; si se rechaza, nunca cuenta. Cualquier socia comprometida puede proponer una u otra cosa.",
    proposeAccept: "Proponer aceptarla",
    proposeReject: "Proponer rechazarla",
    proposalAccept: "Propuesta de aceptarla: {state}",
    proposalReject: "Propuesta de rechazarla: {state}",
    stateUnknown: "leyendo su estado…",
    open: "Verla en Decisiones",
    oneOpen: "Hay una propuesta abierta sobre ella: vota en Decisiones antes de proponer otra.",
    notConnected: "Conéctate para proponer una decisión.",
    notCommitted: "Solo las personas socias comprometidas hacen propuestas.",
    busy: "Hay una transacción en curso.",
    descriptionAccept:
      "Aceptar la entrada en disputa {id}: {amount} de trabajo de {stream} de {author} en el periodo {period}, «{note}». Se disputó: «{reason}». Si se acepta, cuenta.",
    descriptionReject:
      "Rechazar la entrada en disputa {id}: {amount} de trabajo de {stream} de {author} en el periodo {period}, «{note}». Se disputó: «{reason}». Si se rechaza, nunca cuenta.",
    proposed: "Propuesta hecha. Las personas socias la votan en Decisiones.",
    again: "(Propuesta n.º {n} sobre esta disputa.)",
  },
);

const LEDGER = deployment.contracts.ledger.address;

export function DisputedEntry({
  entry,
  books,
  loggedAt,
  blockNumber,
  me,
  stage,
}: {
  entry: LedgerEntry;
  books: HistoryState;
  loggedAt: bigint | undefined;
  /** The chain's latest block: the proposals' states are read again at each. */
  blockNumber: bigint | undefined;
  me?: string;
  stage?: StageLabel;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const stateText = useStateLabel();
  const tx = useTx();

  // Only the proposals made since the entry's latest dispute are about this dispute.
  const since = entry.disputes.at(-1)?.block ?? 0;
  const numbers = proposalNumbers(books.governance.proposals);
  const proposals = disputeProposals(books.governance.proposals.values(), LEDGER, entry.id).filter(
    ({ proposal }) => proposal.created.block >= since,
  );
  const { data, refetch } = useReadContracts({
    contracts: proposals.map(
      ({ proposal }) => ({ address: GOVERNOR, abi: governorAbi, functionName: "state", args: [proposal.id] }) as const,
    ),
    query: { enabled: proposals.length > 0, placeholderData: keepPreviousData },
  });
  useRefetchOnBlock(refetch, blockNumber);
  const states = proposals.map((_, i) => {
    const read = data?.[i];
    return read?.status === "success" ? stateLabel(read.result as number) : undefined;
  });
  // While the states are read, a proposal counts as open: better a moment's wait than two rival proposals.
  const anyOpen = states.some((state) => state === undefined || isOpen(state));

  const why = !me
    ? t("notConnected")
    : stage !== "Committed"
      ? t("notCommitted")
      : anyOpen
        ? t("oneOpen")
        : tx.busy
          ? t("busy")
          : undefined;

  const propose = (accept: boolean) => {
    const reason = entry.disputes.at(-1)?.reason ?? "";
    const description = t(accept ? "descriptionAccept" : "descriptionReject", {
      id: String(entry.id),
      amount: labels.unit(entry.stream, workAmount(entry.amount, lang)),
      stream: labels.stream(entry.stream).toLowerCase(),
      // The address, not the name: names are personal details and stay off-chain.
      author: shortAddress(entry.author),
      period: entry.period,
      note: entry.note || entry.evidence.slice(0, 10),
      reason,
    });
    // The same words would make the same proposal id, which the governor refuses once one exists (a defeated vote
    // leaves it): a proposal after the first about this dispute says which it is.
    const attempt = proposals.length + 1;
    const unique = attempt > 1 ? `${description} ${t("again", { n: attempt })}` : description;
    const call = resolveDisputeCall(REGISTRY, { entryId: entry.id, accept });
    void tx.send({
      address: GOVERNOR,
      abi: governorAbi,
      functionName: "propose",
      args: [[call.target], [call.value], [call.data], unique],
    });
  };

  return (
    <li className="review-item" data-testid={`disputed-${entry.id}`}>
      <div className="review-head">
        <strong>{t("entry", { id: String(entry.id) })}</strong> <EntryAmount entry={entry} /> {t("by")}{" "}
        <Person address={entry.author} /> <StatusTag entry={entry} />
      </div>
      <div className="review-meta">
        <Note entry={entry} /> · <LoggedOn at={loggedAt} />
      </div>
      <ul className="reasons">
        {entry.disputes.map((d) => (
          <li key={`${d.block}-${d.logIndex}`}>
            “{d.reason}” — {t("disputedBy")} <Person address={d.disputer} />
          </li>
        ))}
      </ul>
      {proposals.length > 0 ? (
        <ul className="resolutions" data-testid={`resolutions-${entry.id}`}>
          {proposals.map(({ proposal, accept }, i) => {
            const state = states[i];
            return (
              <li key={String(proposal.id)} data-state={state ?? ""}>
                {t(accept ? "proposalAccept" : "proposalReject", {
                  state: state ? stateText(state) : t("stateUnknown"),
                })}{" "}
                <a href={href("decisions", { proposal: String(numbers.get(proposal.id)) })}>{t("open")}</a>
              </li>
            );
          })}
        </ul>
      ) : null}
      <p className="hint">{t("forward")}</p>
      <div className="row review-actions">
        <button
          type="button"
          data-testid={`propose-accept-${entry.id}`}
          disabled={why !== undefined}
          onClick={() => propose(true)}
        >
          {t("proposeAccept")}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid={`propose-reject-${entry.id}`}
          disabled={why !== undefined}
          onClick={() => propose(false)}
        >
          {t("proposeReject")}
        </button>
        {why ? <small className="why">{why}</small> : null}
      </div>
      <TxStatus tx={tx} />
      {tx.phase === "confirmed" ? <p className="hint">{t("proposed")}</p> : null}
    </li>
  );
}
