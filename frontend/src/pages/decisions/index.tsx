/**
 * Decisions: every proposal (newest first) with the governor's own state, tallies and quorum, block by block;
 * voting, signing and relaying votes; queueing and executing; and making proposals without writing calldata.
 */
import { useEffect, useMemo, useState } from "react";
import { keepPreviousData } from "@tanstack/react-query";
import { useReadContracts } from "wagmi";
import type { Proposal, Tally } from "@disco-ledger/sdk/history";
import { useBooks, useHistory } from "../../data/history.tsx";
import { useRoute } from "../../route.ts";
import { governorAbi } from "@disco-ledger/sdk/abis";
import { proposalNumbers } from "@disco-ledger/sdk/governance";
import { defineMessages, useT } from "../../i18n.tsx";
import { Empty, Loading, Section } from "../../ui/kit.tsx";
import "./decisions.css";
import { isOpen, stateLabel } from "./lifecycle.ts";
import { NewProposal } from "./NewProposal.tsx";
import { ProposalCard, type ProposalView } from "./ProposalCard.tsx";
import { GOVERNOR } from "./registry.ts";
import { RelayForm } from "./RelayForm.tsx";
import { useChainClock, useRefetchOnBlock } from "../../ui/clock.ts";

const messages = defineMessages(
  {
    proposals: "Proposals",
    filter: "Show",
    open: "Open ({count})",
    all: "All ({count})",
    none: "No proposals yet. A Committed member can make the first one below.",
    noneOpen: "Nothing is open: no vote running, nothing waiting to be queued or executed.",
  },
  {
    proposals: "Propuestas",
    filter: "Mostrar",
    open: "Abiertas ({count})",
    all: "Todas ({count})",
    none: "Aún no hay propuestas. Una socia comprometida puede hacer la primera más abajo.",
    noneOpen: "No hay nada abierto: ninguna votación en curso ni nada pendiente de poner en cola o ejecutar.",
  },
);

type Filter = "open" | "all";
/** IDisCOGovernor.ProposalTally as viem decodes it. */
type OnChainTally = Tally & { kind: number; weighted: boolean };

const newestFirst = (a: Proposal, b: Proposal) =>
  b.created.block - a.created.block || b.created.logIndex - a.created.logIndex;

export default function DecisionsPage() {
  const t = useT(messages);
  const books = useBooks();
  const { progress } = useHistory();
  const { blockNumber, now } = useChainClock();
  const [filter, setFilter] = useState<Filter>("all");
  // A link to one proposal (#/decisions?proposal=3, from a disputed entry) scrolls to its card once it is shown.
  const { params } = useRoute();
  const linked = params.get("proposal");
  const shownCard = books !== undefined && linked !== null;
  useEffect(() => {
    if (shownCard) document.getElementById(`proposal-${linked}`)?.scrollIntoView({ block: "start" });
  }, [shownCard, linked]);

  // Read in the order they were made, so that a new proposal adds reads at the end and the earlier answers keep
  // their places (kept while the longer batch loads: no card loses its state for a moment).
  const chronological = useMemo(
    () => (books ? [...books.governance.proposals.values()].sort((a, b) => newestFirst(b, a)) : []),
    [books],
  );

  // The governor's answers, per proposal: state, tally, and quorum at the snapshot (which fails until voting opens).
  const { data, refetch } = useReadContracts({
    contracts: chronological.flatMap((p) => [
      { address: GOVERNOR, abi: governorAbi, functionName: "state", args: [p.id] } as const,
      { address: GOVERNOR, abi: governorAbi, functionName: "proposalTally", args: [p.id] } as const,
      { address: GOVERNOR, abi: governorAbi, functionName: "quorum", args: [p.voteStart] } as const,
    ]),
    query: { enabled: chronological.length > 0, placeholderData: keepPreviousData },
  });
  useRefetchOnBlock(refetch, blockNumber);

  const numbers = books ? proposalNumbers(books.governance.proposals) : new Map<bigint, number>();
  const views: ProposalView[] = chronological
    .map((proposal, i) => {
      const [state, tally, quorum] = [data?.[3 * i], data?.[3 * i + 1], data?.[3 * i + 2]];
      const onChain = tally?.status === "success" ? (tally.result as OnChainTally) : undefined;
      return {
        proposal,
        number: numbers.get(proposal.id) ?? i + 1,
        state: state?.status === "success" ? stateLabel(state.result as number) : undefined,
        // The contract's tally when read, else the history's (the same counts, from the VoteCast events).
        tally: onChain
          ? {
              forVotes: onChain.forVotes,
              againstVotes: onChain.againstVotes,
              abstainVotes: onChain.abstainVotes,
              blockVotes: onChain.blockVotes,
              advisoryFor: onChain.advisoryFor,
              advisoryAgainst: onChain.advisoryAgainst,
              advisoryAbstain: onChain.advisoryAbstain,
              advisoryBlock: onChain.advisoryBlock,
            }
          : proposal.tally,
        quorum: quorum?.status === "success" ? (quorum.result as bigint) : undefined,
      };
    })
    .reverse();

  if (!books) return <Loading progress={progress} />;

  const open = views.filter((v) => isOpen(v.state));
  const shown = filter === "open" ? open : views;

  return (
    <div className="decisions">
      <Section
        title={t("proposals")}
        actions={
          <fieldset className="filter">
            <legend className="sr-only">{t("filter")}</legend>
            {(["open", "all"] as const).map((f) => (
              <label key={f} className={filter === f ? "chosen" : undefined}>
                <input
                  type="radio"
                  name="proposal-filter"
                  value={f}
                  checked={filter === f}
                  onChange={() => setFilter(f)}
                />
                {t(f, { count: f === "open" ? open.length : views.length })}
              </label>
            ))}
          </fieldset>
        }
      >
        {shown.length === 0 ? (
          <Empty>{views.length === 0 ? t("none") : t("noneOpen")}</Empty>
        ) : (
          <div className="proposal-list">
            {shown.map((view) => (
              <ProposalCard key={view.proposal.id.toString()} view={view} now={now} blockNumber={blockNumber} />
            ))}
          </div>
        )}
      </Section>
      <div className="grid">
        <NewProposal books={books} />
        <RelayForm books={books} blockNumber={blockNumber} />
      </div>
    </div>
  );
}
