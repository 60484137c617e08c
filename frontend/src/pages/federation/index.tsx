/**
 * The federations of the network, as the DisCO shown sees them: those it belongs to or applied to, and the others to
 * apply to; the one chosen (`?federation=<address>`, else the DisCO's first, else the network's first) with its
 * charter, its member DisCOs and their latest check-ins, its open proposals, the trust picture, and what the DisCO
 * can do there.
 */
import { useQueries } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import { duration } from "@disco-ledger/sdk/format";
import { loadFederation, type FoundFederation } from "@disco-ledger/sdk/federation";
import { chain, network } from "../../chain.ts";
import { useT } from "../../i18n.tsx";
import { href, useRoute } from "../../route.ts";
import { useChainClock } from "../../ui/clock.ts";
import { Empty, Loading, Section } from "../../ui/kit.tsx";
import { Actions, OUR_NAME, OURS } from "./Actions.tsx";
import { CheckInDesk, VerifyDesk } from "./CheckIns.tsx";
import { useDisCONames, useFederation, useFederations } from "./data.ts";
import { Members } from "./Members.tsx";
import { messages } from "./messages.ts";
import { Proposals } from "./Proposals.tsx";
import { standing, type Standing } from "./standing.ts";
import { TrustPicture } from "./TrustPicture.tsx";
import "./federation.css";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export default function FederationPage() {
  const t = useT(messages);
  const { params } = useRoute();
  const found = useFederations();
  const client = usePublicClient({ chainId: chain.id });
  const { now } = useChainClock();
  const all = found.data ?? [];
  // Each federation's members, to sort them into the DisCO's and the others (read once; the one shown is followed).
  const states = useQueries({
    queries: all.map((f) => ({
      queryKey: ["federation-members", chain.id, f.address],
      queryFn: () => loadFederation(client, f),
      staleTime: 30_000,
    })),
  });
  const standings = all.map((_, i) => standing(states[i]?.data, OURS, Number(now ?? 0)));
  const ours = all.filter((_, i) => standings[i] !== undefined && standings[i] !== "left");
  const others = all.filter((_, i) => standings[i] === undefined || standings[i] === "left");
  const wanted = params.get("federation");
  const shown: FoundFederation | undefined =
    (wanted ? all.find((f) => same(f.address, wanted)) : undefined) ?? ours[0] ?? all[0];

  if (network.factory === undefined) return <Empty>{t("noFactory")}</Empty>;
  return (
    <div className="federation">
      <Section title={t("federations")}>
        <p>{t("intro")}</p>
        {found.isPending ? (
          <Loading message={t("loading")} />
        ) : found.isError ? (
          <p role="alert">{t("failed", { error: found.error.message })}</p>
        ) : all.length === 0 ? (
          <Empty>{t("none")}</Empty>
        ) : (
          <div className="fed-lists">
            <FederationList
              title={t("ours", { name: OUR_NAME })}
              empty={t("oursNone", { name: OUR_NAME })}
              list={ours}
              shown={shown}
              tag={(f) => standings[all.indexOf(f)]}
              testId="our-federations"
            />
            {others.length > 0 ? (
              <FederationList
                title={t("others")}
                list={others}
                shown={shown}
                tag={() => undefined}
                testId="other-federations"
              />
            ) : null}
          </div>
        )}
      </Section>
      {shown ? <Federation key={shown.address} found={shown} /> : null}
    </div>
  );
}

function FederationList({
  title,
  empty,
  list,
  shown,
  tag,
  testId,
}: {
  title: string;
  empty?: string;
  list: FoundFederation[];
  shown: FoundFederation | undefined;
  tag: (f: FoundFederation) => Standing | undefined;
  testId: string;
}) {
  const t = useT(messages);
  return (
    <div>
      <h3>{title}</h3>
      {list.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="disco-list" data-testid={testId}>
          {list.map((f) => {
            const current = shown !== undefined && same(f.address, shown.address);
            const standing = tag(f);
            return (
              <li key={f.address}>
                <a href={href("federation", { federation: f.address })} aria-current={current ? "page" : undefined}>
                  {f.name}
                </a>
                {standing ? <span className="tag">{t(standing)}</span> : null}
                {current ? <span className="tag">{t("shown")}</span> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A web or IPFS address people can open; other URIs are shown as text. */
const openable = (uri: string) =>
  /^https?:\/\//i.test(uri) ? uri : /^ipfs:\/\//i.test(uri) ? `https://ipfs.io/ipfs/${uri.slice(7)}` : undefined;

function Federation({ found }: { found: FoundFederation }) {
  const t = useT(messages);
  const state = useFederation(found);
  const { discos, name: nameOf } = useDisCONames();
  const { now } = useChainClock();
  const fed = state.data;
  // A failed reload keeps the federation shown (and its forms as they are), saying so; only a first load's failure
  // shows in its place.
  if (state.isError && !fed) return <p role="alert">{t("failed", { error: state.error.message })}</p>;
  if (!fed || now === undefined) {
    return <Loading message={t("loading")} />;
  }
  const name = (disco: string) => nameOf(disco) ?? `${disco.slice(0, 6)}…${disco.slice(-4)}`;
  const link = openable(fed.charter.uri);
  const active = fed.members.filter((m) => m.active);
  const refetch = () => state.refetch();
  const member = fed.members.some((m) => m.active && same(m.disco, OURS));
  return (
    <>
      {state.isError ? <p role="alert">{t("failed", { error: state.error.message })}</p> : null}
      <Section title={fed.name}>
        <dl className="fed-record" data-testid="fed-charter">
          <dt>{t("charter")}</dt>
          <dd>
            {link ? (
              <a href={link} rel="noopener noreferrer" target="_blank">
                {fed.charter.uri}
              </a>
            ) : (
              <code>{fed.charter.uri}</code>
            )}{" "}
            <small className="muted wrap">{t("charterHash", { hash: fed.charter.hash })}</small>
          </dd>
        </dl>
        <p className="muted">{t("votingPeriod", { duration: duration(fed.votingPeriod) })}</p>
      </Section>
      <Members fed={fed} discos={discos} name={name} />
      <Proposals fed={fed} now={Number(now)} name={name} refetch={refetch} />
      <Section title={t("trust")}>
        <p>{t("trustIntro")}</p>
        {fed.trust.length === 0 ? <p className="muted">{t("trustNone")}</p> : null}
        <TrustPicture
          fedName={fed.name}
          discos={active.map((m) => ({ id: m.disco, name: name(m.disco) }))}
          edges={fed.trust}
        />
      </Section>
      <Section title={t("actions", { name: OUR_NAME })}>
        <Actions fed={fed} now={Number(now)} name={name} refetch={refetch} />
        {member ? (
          <div className="fed-actions">
            <CheckInDesk found={found} fed={fed} reload={async () => (await state.refetch()).data} />
            <VerifyDesk found={found} fed={fed} discos={discos} name={name} refetch={refetch} />
          </div>
        ) : null}
      </Section>
    </>
  );
}
