/**
 * The trust picture: the member DisCOs on a circle, an arrow from each trusting DisCO to each it trusts, wider and
 * more opaque as the value grows (trust.ts lays it out), a legend of the widths; and the same values as a table, for
 * screen readers and for phones, where the picture's words get small.
 */
import { useId } from "react";
import type { TrustEdge } from "@disco-ledger/sdk/federation";
import { dateTime } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { ScrollArea } from "../../ui/kit.tsx";
import { messages } from "./messages.ts";
import { arrowOpacity, arrowWidth, trustLayout } from "./trust.ts";

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
  const ids = useId();
  const layout = trustLayout(discos, edges);
  const nameOf = (id: string) => discos.find((d) => d.id.toLowerCase() === id.toLowerCase())?.name ?? id;
  const title = t("trustPicture", { name: fedName });
  return (
    <div className="trust">
      <figure className="trust-figure">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-labelledby={`${ids}-title`}
          data-testid="trust-picture"
        >
          <title id={`${ids}-title`}>{title}</title>
          <defs>
            <marker
              id={`${ids}-head`}
              viewBox="0 0 10 10"
              refX="1"
              refY="5"
              markerWidth="3"
              markerHeight="3"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="trust-head" />
            </marker>
          </defs>
          {layout.arrows.map((a) => (
            <g key={`${a.from}-${a.to}`} data-testid="trust-arrow" data-value={a.value}>
              <path
                d={a.path}
                className="trust-arrow"
                strokeWidth={a.width}
                strokeOpacity={a.opacity}
                markerEnd={`url(#${ids}-head)`}
                fill="none"
              />
              <text x={a.mid.x} y={a.mid.y} className="trust-value" textAnchor="middle" dominantBaseline="middle">
                {a.value}
              </text>
            </g>
          ))}
          {layout.points.map((p) => (
            <g key={p.id} data-testid="trust-node">
              <circle cx={p.x} cy={p.y} r={layout.nodeRadius} className="trust-node" />
              <text x={p.label.x} y={p.label.y} textAnchor={p.label.anchor} className="trust-name">
                {p.name}
              </text>
            </g>
          ))}
        </svg>
        <figcaption>
          <span>{t("legend")}:</span>
          {LEGEND.map((value) => (
            <span key={value} className="trust-legend">
              <svg width="40" height="12" aria-hidden="true">
                <line
                  x1="2"
                  y1="6"
                  x2="38"
                  y2="6"
                  className="trust-arrow"
                  strokeWidth={arrowWidth(value)}
                  strokeOpacity={arrowOpacity(value)}
                />
              </svg>
              {value}
            </span>
          ))}
        </figcaption>
      </figure>
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
    </div>
  );
}
