/**
 * What the DisCO shown can do in the federation, each through the right decision: applying, leaving, voting, setting
 * trust and the treasurers' bound are the members' (a DisCO proposal drafted by the SDK's builders, proposed with
 * ProposeCalls); a delegate votes, and a treasurer sets trust within the bound, at once (a transaction with useTx).
 */
import { useId, useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";
import { federationAbi } from "@disco-ledger/sdk/abis";
import {
  federationProposalState,
  mayVote,
  type FederationMember,
  type FederationState,
} from "@disco-ledger/sdk/federation";
import {
  applyToJoinCall,
  federationVoteArgs,
  federationVoteCall,
  leaveCall,
  setTreasurerTrustBoundCall,
  setTrustArgs,
  setTrustCall,
  withdrawApplicationCall,
} from "@disco-ledger/sdk/proposals";
import { deployment } from "../../chain.ts";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton } from "../../ui/kit.tsx";
import { messages } from "./messages.ts";
import { ProposeCalls } from "./ProposeCalls.tsx";
import { trustValue } from "./trust.ts";
import { useRoles } from "./data.ts";

export const OURS = deployment.contracts.membership.address;
export const OUR_NAME = deployment.name ?? "";
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function Actions({
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
  const me = fed.members.find((m) => same(m.disco, OURS));
  const named = { address: fed.address, name: fed.name };
  const applicationOpen =
    me?.application != null &&
    fed.proposals.some(
      (p) =>
        p.id === me.application && ["Active", "Passed"].includes(federationProposalState(p, fed.votingPeriod, now)),
    );
  if (!me?.active) {
    return (
      <div className="stack">
        <p>{t("notMember", { name: OUR_NAME })}</p>
        {applicationOpen ? (
          <article className="fed-action" data-testid="fed-withdraw">
            <h3>{t("withdrawTitle")}</h3>
            <p data-testid="application-open">{t("applicationOpen", { name: OUR_NAME })}</p>
            <WithdrawDraft fed={named} />
          </article>
        ) : (
          <Apply fed={named} />
        )}
      </div>
    );
  }
  return (
    <div className="fed-actions">
      <Vote fed={fed} now={now} name={name} me={me} refetch={refetch} />
      <Trust fed={fed} name={name} bound={me.treasurerTrustBound} refetch={refetch} />
      <article className="fed-action">
        <h3>{t("boundTitle")}</h3>
        <Bound fed={named} bound={me.treasurerTrustBound} />
      </article>
      <article className="fed-action">
        <h3>{t("leaveTitle")}</h3>
        <p>{t("leaveExplain", { name: OUR_NAME })}</p>
        <LeaveDraft fed={named} />
      </article>
    </div>
  );
}

type Named = { address: Address; name: string };

function Apply({ fed }: { fed: Named }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const [reason, setReason] = useState("");
  const draft = reason.trim() === "" ? undefined : applyToJoinCall(fed, reason.trim(), lang);
  return (
    <article className="fed-action" data-testid="fed-apply">
      <h3>{t("applyTitle")}</h3>
      <div className="field">
        <label htmlFor={`${ids}-reason`}>{t("applyReason", { name: OUR_NAME })}</label>
        <textarea id={`${ids}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ProposeCalls draft={draft} reason={draft ? null : t("applyReasonEmpty")} />
    </article>
  );
}

function WithdrawDraft({ fed }: { fed: Named }) {
  const { lang } = useLang();
  return <ProposeCalls draft={withdrawApplicationCall(fed, OURS, lang)} />;
}

function LeaveDraft({ fed }: { fed: Named }) {
  const { lang } = useLang();
  return <ProposeCalls draft={leaveCall(fed, OURS, lang)} />;
}

function Vote({
  fed,
  now,
  name,
  me,
  refetch,
}: {
  fed: FederationState;
  now: number;
  name: (disco: string) => string;
  me: FederationMember;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const { address } = useConnection();
  const tx = useTx();
  // Those it may vote on as the contract checks (admitted by the snapshot, not voted yet), its own removal among them.
  const votable = fed.proposals.filter(
    (p) => federationProposalState(p, fed.votingPeriod, now) === "Active" && mayVote(me, p),
  );
  const [chosen, setChosen] = useState<string>("");
  const [support, setSupport] = useState(true);
  const proposal = votable.find((p) => String(p.id) === chosen) ?? votable[0];
  const about = (p: (typeof votable)[number]) =>
    `#${p.id} ${t(p.kind, { subject: p.subject ? name(p.subject) : "", uri: p.uri })}`;
  const isDelegate = address !== undefined && me.delegate !== null && same(address, me.delegate);
  return (
    <article className="fed-action" data-testid="fed-vote">
      <h3>{t("voteTitle")}</h3>
      {!proposal ? (
        <p className="muted">{t("noVotable", { name: OUR_NAME })}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${ids}-proposal`}>{t("chooseProposal")}</label>
            <select id={`${ids}-proposal`} value={String(proposal.id)} onChange={(e) => setChosen(e.target.value)}>
              {votable.map((p) => (
                <option key={String(p.id)} value={String(p.id)}>
                  {about(p)}
                </option>
              ))}
            </select>
          </div>
          <fieldset className="row">
            <legend className="sr-only">{t("voteTitle")}</legend>
            <label>
              <input type="radio" name={`${ids}-support`} checked={support} onChange={() => setSupport(true)} />{" "}
              {t("supportFor")}
            </label>
            <label>
              <input type="radio" name={`${ids}-support`} checked={!support} onChange={() => setSupport(false)} />{" "}
              {t("supportAgainst")}
            </label>
          </fieldset>
          <ProposeCalls draft={federationVoteCall(fed, proposal.id, OURS, support, lang)} />
          {isDelegate ? (
            <>
              <div className="row">
                <button
                  type="button"
                  disabled={tx.busy}
                  onClick={async () => {
                    const ok = await tx.send({
                      address: fed.address,
                      abi: federationAbi,
                      functionName: "vote",
                      args: federationVoteArgs(proposal.id, OURS, support),
                    });
                    if (ok) refetch();
                  }}
                >
                  {t("asDelegate", { name: OUR_NAME })}
                </button>
              </div>
              <TxStatus tx={tx} />
            </>
          ) : null}
        </>
      )}
    </article>
  );
}

function Trust({
  fed,
  name,
  bound,
  refetch,
}: {
  fed: FederationState;
  name: (disco: string) => string;
  bound: number;
  refetch: () => unknown;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const tx = useTx();
  const { address } = useConnection();
  const peers = fed.members.filter((m) => m.active && !same(m.disco, OURS));
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const peer = peers.find((p) => same(p.disco, to)) ?? peers[0];
  const value = trustValue(text);
  const current = peer ? (fed.trust.find((e) => same(e.from, OURS) && same(e.to, peer.disco))?.value ?? 0) : 0;
  const draft =
    peer && value !== undefined
      ? setTrustCall(
          { address: fed.address, name: fed.name },
          OURS,
          { address: peer.disco, name: name(peer.disco) },
          value,
          lang,
        )
      : undefined;
  const withinBound = value !== undefined && value <= bound && current <= bound;
  const roles = useRoles(address);
  if (!peer) return null;
  return (
    <article className="fed-action" data-testid="fed-trust">
      <h3>{t("trustTitle")}</h3>
      <div className="field">
        <label htmlFor={`${ids}-to`}>{t("trustTo")}</label>
        <select id={`${ids}-to`} name="trust-to" value={peer.disco} onChange={(e) => setTo(e.target.value)}>
          {peers.map((p) => (
            <option key={p.disco} value={p.disco}>
              {name(p.disco)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-value`}>{t("trustValue")}</label>
        <input
          id={`${ids}-value`}
          name="trust-value"
          inputMode="numeric"
          value={text}
          aria-invalid={text !== "" && value === undefined ? true : undefined}
          aria-describedby={`${ids}-now`}
          onChange={(e) => setText(e.target.value)}
        />
        <small id={`${ids}-now`} className="muted">
          {text !== "" && value === undefined ? t("trustInvalid") : t("trustNow", { value: current })}
        </small>
      </div>
      <ProposeCalls draft={draft} reason={draft ? null : t("trustInvalid")} />
      {roles.treasurer && value !== undefined ? (
        <>
          <ReasonedButton
            type="button"
            reason={withinBound ? null : t("overBound", { bound })}
            reasonId={`${ids}-bound`}
            busy={tx.busy}
            onClick={async () => {
              const ok = await tx.send({
                address: fed.address,
                abi: federationAbi,
                functionName: "setTrust",
                args: setTrustArgs(OURS, peer.disco, value),
              });
              if (ok) refetch();
            }}
          >
            {t("asTreasurer", { bound })}
          </ReasonedButton>
          <TxStatus tx={tx} />
        </>
      ) : null}
    </article>
  );
}

function Bound({ fed, bound }: { fed: Named; bound: number }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const [text, setText] = useState("");
  const value = trustValue(text);
  return (
    <>
      <p>{t("boundExplain", { bound })}</p>
      <div className="field">
        <label htmlFor={`${ids}-bound`}>{t("boundValue")}</label>
        <input id={`${ids}-bound`} inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <ProposeCalls
        draft={value === undefined ? undefined : setTreasurerTrustBoundCall(fed, OURS, value, lang)}
        reason={value === undefined ? t("trustInvalid") : null}
      />
    </>
  );
}
