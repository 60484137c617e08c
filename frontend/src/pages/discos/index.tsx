/**
 * The network's DisCOs to choose from: every DisCO its factory started (its events, @disco-ledger/sdk/discovery), with
 * its name, the day it started and how many members it has now; each opens at its own address. The way to start one.
 */
import { useQuery } from "@tanstack/react-query";
import { usePublicClient, useReadContracts } from "wagmi";
import { membershipAbi } from "@disco-ledger/sdk/abis";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import { dateTime, pluralForm } from "@disco-ledger/sdk/format";
import { chain, deployment, network } from "../../chain.ts";
import { useBlockTimes } from "../../data/blockTimes.ts";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { discoHref, href } from "../../route.ts";
import { Empty, Loading, Section } from "../../ui/kit.tsx";

const messages = defineMessages(
  {
    title: "The DisCOs of this network",
    intro:
      "Choose a DisCO to see its books and take part. Each DisCO's pages have its own address: share it as a link.",
    start: "Start a DisCO",
    loading: "Finding the DisCOs of this network…",
    none: "No DisCO has been started on this network yet.",
    failed: "Could not find this network's DisCOs: {error}",
    noFactory: "This network has no DisCO factory: only the DisCO it was set up with is shown.",
    started: "started on {date}",
    members_one: "{count} member",
    members_other: "{count} members",
    shown: "shown now",
  },
  {
    title: "Las DisCOs de esta red",
    intro:
      "Elige una DisCO para ver sus cuentas y participar. Las páginas de cada DisCO tienen su propia dirección: compártela como enlace.",
    start: "Empezar una DisCO",
    loading: "Buscando las DisCOs de esta red…",
    none: "Todavía no se ha empezado ninguna DisCO en esta red.",
    failed: "No se han podido encontrar las DisCOs de esta red: {error}",
    noFactory: "Esta red no tiene fábrica de DisCOs: solo se muestra la DisCO con la que se configuró.",
    started: "empezada el {date}",
    members_one: "{count} socia",
    members_other: "{count} socias",
    shown: "la que se muestra",
  },
);

export default function DisCOsPage() {
  const t = useT(messages);
  const { lang } = useLang();
  const client = usePublicClient({ chainId: chain.id });
  const found = useQuery({
    queryKey: ["discos", chain.id, network.factory?.address],
    queryFn: () => discoverDisCOs(client, network),
    // A DisCO started elsewhere shows up while the list is open.
    refetchInterval: 10_000,
  });
  const discos = found.data ?? [];
  const times = useBlockTimes(discos.map((d) => d.startBlock));
  const counts = useReadContracts({
    contracts: discos.map((d) => ({
      address: d.contracts.membership.address as `0x${string}`,
      abi: membershipAbi,
      functionName: "memberCount" as const,
    })),
    query: { enabled: discos.length > 0 },
  });
  const shown = deployment.contracts.membership.address.toLowerCase();

  return (
    <Section title={t("title")} actions={<a href={href("start")}>{t("start")}</a>}>
      <p>{t("intro")}</p>
      {network.factory === undefined ? <p className="hint">{t("noFactory")}</p> : null}
      {found.isPending ? (
        <Loading message={t("loading")} />
      ) : found.isError ? (
        <p role="alert">{t("failed", { error: found.error.message })}</p>
      ) : discos.length === 0 ? (
        <Empty>{t("none")}</Empty>
      ) : (
        <ul className="disco-list" data-testid="disco-list">
          {discos.map((disco, i) => {
            const time = times.get(disco.startBlock);
            const count = counts.data?.[i];
            const members = count?.status === "success" ? Number(count.result) : undefined;
            const membership = disco.contracts.membership.address;
            return (
              <li key={membership} data-testid={`disco-${membership.toLowerCase()}`}>
                <a href={discoHref(membership)} aria-current={membership.toLowerCase() === shown ? "page" : undefined}>
                  {disco.name}
                </a>
                {membership.toLowerCase() === shown ? <span className="tag">{t("shown")}</span> : null}
                <small>
                  {time === undefined ? null : (
                    <time dateTime={new Date(Number(time) * 1000).toISOString()}>
                      {t("started", { date: dateTime(time, lang) })}
                    </time>
                  )}
                  {members === undefined ? null : (
                    <span> · {t(`members_${pluralForm(members, lang)}`, { count: members })}</span>
                  )}
                </small>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
