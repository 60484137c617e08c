/** Geometry of the stream charts: a readable scale and grouped bars, pure so that it is tested without a DOM. */
import type { StreamPoint } from "./figures.ts";

/** The smallest 1, 2, 2.5 or 5 x 10^k at or above `max` (1 for an empty chart), so the axis reads in round numbers. */
export function niceCeiling(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // The tolerance keeps 0.3 from becoming 0.5 through 0.30000000000000004.
    if (step * magnitude >= max * (1 - 1e-12)) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * Gridline values from 0 to `top` (a niceCeiling) in round steps: a top of 1, 2.5 or 5 x 10^k is cut in fifths,
 * a top of 2 x 10^k in quarters, so 2,500 reads 0, 500, 1k… rather than 625, 1,250….
 */
export function ticks(top: number): number[] {
  const leading = top / 10 ** Math.floor(Math.log10(top));
  const count = Math.abs(leading - 2) < 1e-9 ? 4 : 5;
  return Array.from({ length: count + 1 }, (_, i) => (top * i) / count);
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export interface Bar {
  period: number;
  /** Credits or hours (the ledger's two decimals removed). */
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  bars: Bar[];
  /** The axis maximum, in credits or hours. */
  top: number;
  ticks: Array<{ value: number; y: number }>;
  /** Where each period's label is centred. */
  labels: Array<{ period: number; x: number }>;
  /** The plotting area's bottom edge (the zero line). */
  baseline: number;
}

/**
 * One stream's bars, one per period, heights proportional to the payable amounts on the stream's own scale: care is
 * counted in hours and livelihood in credits, so one shared axis would flatten care to nothing.
 */
export function layoutBars(series: ReadonlyArray<{ period: number; amount: bigint }>, box: ChartBox): ChartLayout {
  const values = series.map((p) => Number(p.amount) / 100);
  const top = niceCeiling(Math.max(0, ...values));
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const baseline = box.top + plotHeight;
  const slot = series.length > 0 ? plotWidth / series.length : plotWidth;
  // A third of each slot is the gap between bars, but a bar is never wider than 48 px (a lone period looks odd).
  const barWidth = Math.min(slot * 0.66, 48);
  const bars: Bar[] = [];
  const labels = series.map((point, i) => {
    const centre = box.left + i * slot + slot / 2;
    const height = (values[i] / top) * plotHeight;
    bars.push({
      period: point.period,
      value: values[i],
      x: centre - barWidth / 2,
      y: baseline - height,
      width: barWidth,
      height,
    });
    return { period: point.period, x: centre };
  });
  return {
    bars,
    top,
    ticks: ticks(top).map((value) => ({ value, y: baseline - (value / top) * plotHeight })),
    labels,
    baseline,
  };
}

/** One stream's amounts out of the per-period points. */
export const streamOf = (series: readonly StreamPoint[], stream: number) =>
  series.map((p) => ({ period: p.period, amount: p.values[stream] }));
