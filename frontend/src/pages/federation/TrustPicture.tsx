/**
 * The trust picture: the member DisCOs on a circle, an arrow from each trusting DisCO to each it trusts, wider and
 * more opaque as the value grows (the shared NetworkPicture draws it), a legend of the widths; and the same values as
 * a table, for screen readers and for phones, where the picture's words get small.
 */
import type { TrustEdge } from "@disco-ledger/sdk/federation";
import { dateTime } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { ScrollArea } from "../../ui/kit.tsx";
import { NetworkPicture } from "../../ui/NetworkPicture.tsx";
import { messages } from "./messages.ts";
import { trustWeight } from "./trust.ts";

const LEGEND = [10, 50, 100];

export function TrustPicture({
  fedName,
  discos,
  edges,
}: {
  fedName: string;
  discos: { id: string; name: string }[];
  edges: readonly TrustEdge[];
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const nameOf = (id: string) => discos.find((d) => d.id.toLowerCase() === id.toLowerCase())?.name ?? id;
  return (
    <NetworkPicture
      title={t("trustPicture", { name: fedName })}
      nodes={discos}
      edges={edges.map((e) => ({
        from: e.from,
        to: e.to,
        weight: trustWeight(e.value),
        value: e.value,
        label: String(e.value),
      }))}
      legend={LEGEND.map((value) => ({ label: String(value), weight: trustWeight(value) }))}
      testId="trust"
    >
      <ScrollArea label={t("trustTable")}>
        <table data-testid="trust-table">
          <caption>{t("trustTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("from")}</th>
              <th scope="col">{t("to")}</th>
              <th scope="col" className="num">
                {t("value")}
              </th>
              <th scope="col">{t("setBy")}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => (
              <tr key={`${e.from}-${e.to}`}>
                <td>{nameOf(e.from)}</td>
                <td>{nameOf(e.to)}</td>
                <td className="num">{e.value}</td>
                <td>
                  <time dateTime={new Date(e.time * 1000).toISOString()}>{dateTime(e.time, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </NetworkPicture>
  );
}
