/**
 * Payable work per period in the three streams, as hand-drawn SVG (no chart library in the first download): one
 * small panel per stream, each on its own scale since care is counted in hours and the others in credits. Screen
 * readers get a one-sentence summary per panel and the figures as a table inside a <details>.
 */
import { useEffect, useRef, useState } from "react";
import { LOCALES, workAmount, type Lang } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { Empty, ScrollArea } from "../../ui/kit.tsx";
import { layoutBars, streamOf, type ChartBox } from "./chart.ts";
import { sum, type StreamPoint } from "./figures.ts";
import { STREAM_INDEXES, useLabels } from "./labels.ts";

const messages = defineMessages(
  {
    summary: "{stream}, payable {unit} per period: {values}. In all {total}.",
    credits: "credits",
    hours: "hours",
    data: "The figures",
    period: "Period",
    periodShort: "P{period}",
    value: "period {period}: {value}",
    empty: "No counted work yet.",
  },
  {
    summary: "{stream}, {unit} pagables por periodo: {values}. En total {total}.",
    credits: "créditos",
    hours: "horas",
    data: "Las cifras",
    period: "Periodo",
    periodShort: "P{period}",
    value: "periodo {period}: {value}",
    empty: "Aún no hay trabajo contado.",
  },
);

const MARGINS = { left: 48, right: 6, top: 10, bottom: 24 };
const STREAM_COLOURS = ["var(--livelihood)", "var(--love)", "var(--care)"];

/** The element's width in CSS pixels, so a panel is drawn at its real size and its text stays legible. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(160, Math.round(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** Axis numbers in full up to 99,999 (Spanish compact forms such as "1,5 mil" are too wide), compact above. */
const axisNumber = (value: number, lang: Lang) =>
  new Intl.NumberFormat(LOCALES[lang], {
    maximumFractionDigits: 1,
    notation: value >= 100_000 ? "compact" : "standard",
  }).format(value);

function Panel({ series, stream }: { series: StreamPoint[]; stream: number }) {
  const t = useT(messages);
  const labels = useLabels();
  const { lang } = useLang();
  const [ref, width] = useWidth(300);
  const points = streamOf(series, stream);
  const box: ChartBox = { ...MARGINS, width, height: 130 };
  const layout = layoutBars(points, box);
  const summary = t("summary", {
    stream: labels.stream(stream),
    unit: t(stream === 2 ? "hours" : "credits"),
    values: points.map((p) => t("value", { period: p.period, value: workAmount(p.amount, lang) })).join(", "),
    total: workAmount(sum(points.map((p) => p.amount)), lang),
  });
  return (
    <div className="chart-panel" ref={ref}>
      <div className={`panel-title stream-${stream}`} aria-hidden="true">
        {labels.stream(stream)} <small>({t(stream === 2 ? "hours" : "credits")})</small>
      </div>
      <svg
        width={box.width}
        height={box.height}
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-label={summary}
      >
        {layout.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={box.left} x2={box.width - box.right} y1={tick.y} y2={tick.y} className="grid-line" />
            <text x={box.left - 5} y={tick.y + 4} textAnchor="end" className="axis">
              {axisNumber(tick.value, lang)}
            </text>
          </g>
        ))}
        {layout.bars.map((bar) => (
          <rect
            key={bar.period}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
            fill={STREAM_COLOURS[stream]}
          />
        ))}
        <line
          x1={box.left}
          x2={box.width - box.right}
          y1={layout.baseline}
          y2={layout.baseline}
          className="base-line"
        />
        {layout.labels.map((label) => (
          <text key={label.period} x={label.x} y={box.height - 7} textAnchor="middle" className="axis">
            {t("periodShort", { period: label.period })}
          </text>
        ))}
      </svg>
    </div>
  );
}

export function StreamChart({ series, title }: { series: StreamPoint[]; title: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  if (series.length === 0 || series.every((p) => sum(p.values) === 0n)) return <Empty>{t("empty")}</Empty>;
  return (
    <figure className="stream-chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-panels">
        {STREAM_INDEXES.map((s) => (
          <Panel key={s} series={series} stream={s} />
        ))}
      </div>
      <details className="chart-data">
        <summary>{t("data")}</summary>
        <ScrollArea label={title}>
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                {STREAM_INDEXES.map((s) => (
                  <th key={s} scope="col" className="num">
                    {labels.stream(s)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {series.map((point) => (
                <tr key={point.period}>
                  <th scope="row">{point.period}</th>
                  {STREAM_INDEXES.map((s) => (
                    <td key={s} className="num">
                      {workAmount(point.values[s], lang)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </details>
    </figure>
  );
}
