/**
 * Mutual credit, as the DisCO shown takes part in it: the credit network of a federation it belongs to (the one
 * chosen, `#/credit/<federation>` or `?federation=<federation>`, else its first), with its balances and lines with each other DisCO and the trust
 * beside them, its net position and its treasurers' budget left; paying another DisCO along a path shown before
 * signing; the cycles of debt anyone may clear; its lines set, frozen, and its debts settled in money; the network's
 * history and its picture.
 */
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { usePublicClient } from "wagmi";
import { loadFederation, type FoundFederation } from "@disco-ledger/sdk/federation";
import { shortAddress } from "@disco-ledger/sdk/format";
import { chain, network } from "../../chain.ts";
import { useT } from "../../i18n.tsx";
import { href, useRoute } from "../../route.ts";
import { useChainClock } from "../../ui/clock.ts";
import { Empty, Loading, Section } from "../../ui/kit.tsx";
import { useNames } from "../../wallet/names.ts";
import { useDisCONames, useFederation, useFederations } from "../federation/data.ts";
import { Clearing } from "./Clearing.tsx";
import { useCredit } from "./data.ts";
import { History } from "./History.tsx";
import { LineActions } from "./LineActions.tsx";
import { messages } from "./messages.ts";
import { OUR_NAME, OURS, same, type CreditView } from "./ours.ts";
import { Pay } from "./Pay.tsx";
import { Picture } from "./Picture.tsx";
import { Position } from "./Position.tsx";
import "./credit.css";

export default function CreditPage() {
  const t = useT(messages);
  const { params } = useRoute();
  const found = useFederations();
  const client = usePublicClient({ chainId: chain.id });
  const all = found.data ?? [];
  // Each federation's members (the federation page's query, shared), to find those the DisCO belongs to.
  const states = useQueries({
    queries: all.map((f) => ({
      queryKey: ["federation-members", chain.id, f.address],
      queryFn: () => loadFederation(client, f),
      staleTime: 30_000,
    })),
  });
  const member = (i: number) => states[i]?.data?.members.some((m) => m.active && same(m.disco, OURS)) === true;
  const ours = all.filter((_, i) => member(i));
  const wanted = params.get("federation");
  const shown: FoundFederation | undefined = (wanted ? all.find((f) => same(f.address, wanted)) : undefined) ?? ours[0];

  if (network.factory === undefined) return <Empty>{t("noFactory")}</Empty>;
  const reading = found.isPending || states.some((s) => s.isPending);
  return (
    <div className="credit">
      <Section title={t("title")}>
        <p>{t("intro")}</p>
        {found.isError ? (
          <p role="alert">{t("failed", { error: found.error.message })}</p>
        ) : shown === undefined && reading ? (
          <Loading message={t("loading")} />
        ) : shown === undefined ? (
          <Empty>
            {t("none", { name: OUR_NAME })} <a href={href("federation")}>{t("toFederation")}</a>.
          </Empty>
        ) : ours.length > 1 || !ours.includes(shown) ? (
          <nav aria-label={t("networks")}>
            <ul className="disco-list" data-testid="credit-networks">
              {[...new Set([...ours, shown])].map((f) => (
                <li key={f.address}>
                  <a
                    href={href("credit", { federation: f.address })}
                    aria-current={same(f.address, shown.address) ? "page" : undefined}
                  >
                    {t("networkOf", { name: f.name })}
                  </a>
                  {same(f.address, shown.address) ? <span className="tag">{t("shown")}</span> : null}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </Section>
      {shown ? <Network key={shown.address} found={shown} /> : null}
    </div>
  );
}

function Network({ found }: { found: FoundFederation }) {
  const t = useT(messages);
  const fed = useFederation(found);
  const credit = useCredit(found);
  const { name: discoName } = useDisCONames();
  const personName = useNames();
  const { now } = useChainClock();
  // Once per load of the federation, not per tick of the clock: the parts memoise what they compute from it.
  const active = useMemo(() => fed.data?.members.filter((m) => m.active).map((m) => m.disco) ?? [], [fed.data]);
  const error = credit.error ?? fed.error;
  // A failed reload keeps the network shown, saying so; only a first load's failure shows in its place.
  if (error && (!credit.data || !fed.data)) return <p role="alert">{t("failed", { error: error.message })}</p>;
  if (!credit.data || !fed.data || now === undefined) return <Loading message={t("loading")} />;
  const nameOf = (account: string) => discoName(account) ?? personName(account) ?? shortAddress(account);
  const view: CreditView = {
    fed: fed.data,
    state: credit.data,
    active,
    peers: active.filter((d) => !same(d, OURS)),
    member: active.some((d) => same(d, OURS)),
    name: nameOf,
    now: Number(now),
    refetch: () => void credit.refetch(),
  };
  return (
    <>
      {error ? <p role="alert">{t("failed", { error: error.message })}</p> : null}
      {view.member ? (
        <>
          <Position view={view} />
          <Pay view={view} />
        </>
      ) : (
        <p className="hint" data-testid="credit-not-member">
          {t("notMember", { name: OUR_NAME, fed: found.name })}
        </p>
      )}
      <Clearing view={view} />
      {view.member ? <LineActions view={view} /> : null}
      <History view={view} />
      <Picture view={view} />
    </>
  );
}
