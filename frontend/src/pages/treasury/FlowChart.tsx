/**
 * Money in and out per period as paired bars: a hand-made SVG (no chart library in the download). Screen readers get
 * its summary as the image's name; the table beside it has every figure.
 */
import { moneyToCent } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import type { PeriodFlow } from "./flows.ts";
import { messages } from "./messages.ts";

/** The chart shows the latest periods; the table has them all. */
const MAX_BARS = 24;
const HEIGHT = 150;
const TOP = 18;
const BOTTOM = 22;
const SLOT = 36;
const BAR = 13;

export function FlowChart({ rows }: { rows: PeriodFlow[] }) {
  const t = useT(messages);
  const { lang } = useLang();
  const shown = rows.slice(-MAX_BARS);
  // The largest bar, in or out, sets the scale (bigints: Math.max takes numbers only).
  let max = 0n;
  for (const r of shown) {
    if (r.in > max) max = r.in;
    if (r.out > max) max = r.out;
  }
  const plot = HEIGHT - TOP - BOTTOM;
  const heightOf = (v: bigint) => (max === 0n ? 0 : Number((v * BigInt(plot * 100)) / max) / 100);
  const width = Math.max(240, shown.length * SLOT + 8);
  return (
    <figure className="flow-chart">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="xMinYMid meet"
        role="img"
        aria-label={t("chartLabel")}
      >
        <line x1="0" x2={width} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className="axis" />
        <text x="2" y="12" className="chart-max">
          {moneyToCent(max, lang)}
        </text>
        {shown.map((r, i) => {
          const x = 8 + i * SLOT;
          const hIn = heightOf(r.in);
          const hOut = heightOf(r.out);
          return (
            <g key={r.period}>
              <rect x={x} y={HEIGHT - BOTTOM - hIn} width={BAR} height={hIn} className="bar-in">
                <title>{`${r.period}: ${t("in")} ${moneyToCent(r.in, lang)}`}</title>
              </rect>
              <rect x={x + BAR + 2} y={HEIGHT - BOTTOM - hOut} width={BAR} height={hOut} className="bar-out">
                <title>{`${r.period}: ${t("out")} ${moneyToCent(r.out, lang)}`}</title>
              </rect>
              <text x={x + BAR} y={HEIGHT - 6} textAnchor="middle" className="chart-label">
                {r.period}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="swatch swatch-in" aria-hidden="true" /> {t("in")}{" "}
        <span className="swatch swatch-out" aria-hidden="true" /> {t("out")}
      </figcaption>
    </figure>
  );
}
