/**
 * A picture of a network between DisCOs (network.ts lays it out): the nodes on a circle, an arrow per edge, wider and
 * more opaque as its weight grows, light ones dashed, each with its value written where one is given; a legend of the
 * widths; and beside it the page's table of the same numbers (`children`), for screen readers and for phones, where
 * the picture's words get small. The federation's trust and the credit network's debts and lines use it.
 */
import { useId, type ReactNode } from "react";
import { defineMessages, useT } from "../i18n.tsx";
import { arrowOpacity, arrowWidth, networkLayout, type NetworkEdge } from "./network.ts";
import "./network.css";

const messages = defineMessages({ legend: "Arrow width" }, { legend: "Grosor de la flecha" });

export interface PictureEdge extends NetworkEdge {
  /** What the arrow's `data-value` carries, for tests and tools. */
  value: string | number;
  /** Written at the arrow's middle. */
  label?: string;
  /** Drawn thin, faint and dashed: what may be, beside what is. */
  light?: boolean;
}

export function NetworkPicture({
  title,
  nodes,
  edges,
  legend,
  testId,
  children,
}: {
  title: string;
  nodes: { id: string; name: string }[];
  edges: readonly PictureEdge[];
  legend: { label: string; weight: number; light?: boolean }[];
  /** The prefix of its test ids: `<testId>-picture`, `<testId>-node`, `<testId>-arrow`. */
  testId: string;
  /** The table of the same numbers. */
  children: ReactNode;
}) {
  const t = useT(messages);
  const ids = useId();
  const layout = networkLayout(nodes, edges);
  return (
    <div className="network">
      <figure className="network-figure">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-labelledby={`${ids}-title`}
          data-testid={`${testId}-picture`}
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
              <path d="M 0 0 L 10 5 L 0 10 z" className="network-head" />
            </marker>
          </defs>
          {layout.arrows.map((a, i) => (
            <g
              // An edge's ends and kind make it one of a kind in a picture; the index keeps two alike apart.
              key={`${a.from}-${a.to}-${a.edge.light ? "light" : "full"}-${i}`}
              data-testid={`${testId}-arrow`}
              data-value={a.edge.value}
              data-light={a.edge.light ? true : undefined}
            >
              <path
                d={a.path}
                className={a.edge.light ? "network-arrow network-light" : "network-arrow"}
                strokeWidth={a.width}
                strokeOpacity={a.opacity}
                markerEnd={`url(#${ids}-head)`}
                fill="none"
              />
              {a.edge.label !== undefined ? (
                <text x={a.mid.x} y={a.mid.y} className="network-value" textAnchor="middle" dominantBaseline="middle">
                  {a.edge.label}
                </text>
              ) : null}
            </g>
          ))}
          {layout.points.map((p) => (
            <g key={p.id} data-testid={`${testId}-node`}>
              <circle cx={p.x} cy={p.y} r={layout.nodeRadius} className="network-node" />
              <text x={p.label.x} y={p.label.y} textAnchor={p.label.anchor} className="network-name">
                {p.name}
              </text>
            </g>
          ))}
        </svg>
        <figcaption>
          <span>{t("legend")}:</span>
          {legend.map((entry) => (
            <span key={`${entry.label}-${entry.light ? "light" : "full"}`} className="network-legend">
              <svg width="40" height="12" aria-hidden="true">
                <line
                  x1="2"
                  y1="6"
                  x2="38"
                  y2="6"
                  className={entry.light ? "network-arrow network-light" : "network-arrow"}
                  strokeWidth={arrowWidth(entry.weight)}
                  strokeOpacity={arrowOpacity(entry.weight)}
                />
              </svg>
              {entry.label}
            </span>
          ))}
        </figcaption>
      </figure>
      {children}
    </div>
  );
}
