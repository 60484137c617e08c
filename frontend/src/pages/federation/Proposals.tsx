/**
 * The federation's open proposals (applications among them) with their votes, DisCO by DisCO; a passed one is
 * carried out by anyone, at once (Federation.execute), within its execution window.
 */
import {
  federationProposalState,
  isStale,
  type FederationProposal,
  type FederationState,
  type ProposalStateName,
} from "@disco-ledger/sdk/federation";
import { federationAbi } from "@disco-ledger/sdk/abis";
import { dateTime } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, Section } from "../../ui/kit.tsx";
import { messages } from "./messages.ts";

/** Still to be voted on or executed. */
const OPEN: readonly ProposalStateName[] = ["Active", "Passed"];

export function openProposals(fed: FederationState, now: number): FederationProposal[] {
  return fed.proposals.filter((p) => OPEN.includes(federationProposalState(p, fed.votingPeriod, now)));
}

export function Proposals({
  fed,
  now,
  name,
  refetch,
}: {
  fed: FederationState;
  now: number;
  name: (disco: string) => string;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const open = openProposals(fed, now);
  return (
    <Section title={t("proposals")}>
      {open.length === 0 ? (
        <Empty>{t("noProposals")}</Empty>
      ) : (
        <ul className="fed-proposals" data-testid="fed-proposals">
          {open.map((p) => {
            const state = federationProposalState(p, fed.votingPeriod, now);
            const about = t(p.kind, { subject: p.subject ? name(p.subject) : "", uri: p.uri });
            return (
              <li key={String(p.id)} className="card" data-testid={`fed-proposal-${p.id}`}>
                <p>
                  <strong>
                    #{String(p.id)} {about}
                  </strong>{" "}
                  <span className="tag">{t(state)}</span>
                </p>
                {p.reason ? <p>{t("reason", { reason: p.reason })}</p> : null}
                <p>
                  {t("tally", { for: p.forVotes, against: p.againstVotes, electorate: p.electorate })}
                  {state === "Active" ? ` · ${t("closes", { date: dateTime(p.deadline, lang) })}` : null}
                </p>
                {p.votes.length > 0 ? (
                  <ul className="fed-votes">
                    {p.votes.map((v) => (
                      <li key={v.disco}>{t(v.support ? "votedFor" : "votedAgainst", { name: name(v.disco) })}</li>
                    ))}
                  </ul>
                ) : null}
                {state !== "Passed" ? null : isStale(fed, p) ? (
                  <p className="muted" data-testid="stale">
                    {t("stale")}
                  </p>
                ) : (
                  <Execute fed={fed} proposal={p} about={about} refetch={refetch} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

function Execute({
  fed,
  proposal,
  about,
  refetch,
}: {
  fed: FederationState;
  proposal: FederationProposal;
  about: string;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const tx = useTx();
  return (
    <>
      <p className="muted">{t("executeExplain")}</p>
      <div className="row">
        <button
          type="button"
          disabled={tx.busy}
          aria-label={t("executeLabel", { id: String(proposal.id), about })}
          onClick={async () => {
            const ok = await tx.send({
              address: fed.address,
              abi: federationAbi,
              functionName: "execute",
              args: [proposal.id],
            });
            if (ok) refetch();
          }}
        >
          {t("execute")}
        </button>
      </div>
      <TxStatus tx={tx} />
    </>
  );
}
