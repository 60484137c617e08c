import { describe, expect, it } from "vitest";
import { layoutBars, niceCeiling, streamOf, ticks, type ChartBox } from "./chart.ts";

describe("niceCeiling", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceCeiling(7700)).toBe(10_000);
    expect(niceCeiling(2320)).toBe(2500);
    expect(niceCeiling(44.5)).toBe(50);
    expect(niceCeiling(1.9)).toBe(2);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(500)).toBe(500);
  });

  it("gives an empty chart a scale of 1", () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});

describe("ticks", () => {
  it("steps in round numbers", () => {
    expect(ticks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(ticks(2000)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});

describe("layoutBars", () => {
  const box: ChartBox = { width: 340, height: 130, left: 40, right: 0, top: 10, bottom: 20 };
  const series = [
    { period: 1, values: [770_000n, 100n, 0n] as [bigint, bigint, bigint] },
    { period: 2, values: [250_000n, 0n, 0n] as [bigint, bigint, bigint] },
  ];

  it("scales the bars to the stream's own nice maximum, from the zero line", () => {
    const layout = layoutBars(streamOf(series, 0), box);
    expect(layout.top).toBe(10_000);
    expect(layout.baseline).toBe(110);
    const [first, second] = layout.bars;
    expect(first.value).toBe(7700);
    expect(first.height).toBeCloseTo(77);
    expect(first.y + first.height).toBeCloseTo(110);
    expect(second.height).toBeCloseTo(25);
  });

  it("centres one bar per period in equal slots inside the plot", () => {
    const layout = layoutBars(streamOf(series, 0), box);
    expect(layout.labels.map((l) => l.x)).toEqual([115, 265]);
    for (const bar of layout.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(box.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(box.width - box.right);
    }
    expect(layout.bars[0].width).toBe(48);
  });

  it("draws a stream with no work as flat bars, not NaN", () => {
    const layout = layoutBars(streamOf(series, 2), box);
    expect(layout.top).toBe(1);
    expect(layout.bars.every((b) => b.height === 0 && b.y === 110)).toBe(true);
    expect(layout.ticks[layout.ticks.length - 1].y).toBe(10);
  });
});
