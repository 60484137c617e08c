import { describe, expect, it } from "vitest";
import { arrowOpacity, arrowWidth, networkLayout } from "./network.ts";

const DISCOS = [
  { id: "0xA", name: "Demo DisCO" },
  { id: "0xB", name: "Small DisCO" },
  { id: "0xC", name: "River DisCO" },
  { id: "0xD", name: "Garden DisCO" },
];

describe("networkLayout", () => {
  it("keeps every name's anchor inside a box wider than high, with room for names beside the circle", () => {
    const { points } = networkLayout(DISCOS, [], 560, 400);
    expect(points[3].label.x).toBeGreaterThanOrEqual(100);
    expect(560 - points[1].label.x).toBeGreaterThanOrEqual(100);
  });

  it("puts the first DisCO at the top and the others clockwise on one circle", () => {
    const { points } = networkLayout(DISCOS, [], 400, 400);
    expect(points[0]).toMatchObject({ x: 200, y: 64 });
    expect(points[1]).toMatchObject({ x: 336, y: 200 });
    expect(points[2]).toMatchObject({ x: 200, y: 336 });
    expect(points[3]).toMatchObject({ x: 64, y: 200 });
    for (const p of points) expect(Math.hypot(p.x - 200, p.y - 200)).toBeCloseTo(136, 0);
  });

  it("writes names away from the circle: right of a node on the right, left on the left, centred top and bottom", () => {
    const { points } = networkLayout(DISCOS, [], 400, 400);
    expect(points.map((p) => p.label.anchor)).toEqual(["middle", "start", "middle", "end"]);
    expect(points[0].label.y).toBeLessThan(points[0].y);
    expect(points[2].label.y).toBeGreaterThan(points[2].y);
  });

  it("centres a lone DisCO", () => {
    const { points } = networkLayout(DISCOS.slice(0, 1), [], 560, 400);
    expect(points[0]).toMatchObject({ x: 280, y: 200 });
  });

  it("draws each value as an arrow between the two DisCOs, matching addresses in any case", () => {
    const { arrows } = networkLayout(DISCOS, [{ from: "0xa", to: "0xB", weight: 0.8 }]);
    expect(arrows).toHaveLength(1);
    expect(arrows[0]).toMatchObject({ from: "0xA", to: "0xB", edge: { weight: 0.8 } });
    expect(arrows[0].path).toMatch(/^M [\d.]+ [\d.]+ Q [\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
  });

  it("bows two DisCOs' arrows toward each other to opposite sides, so neither hides the other", () => {
    const { arrows } = networkLayout(DISCOS, [
      { from: "0xA", to: "0xC", weight: 0.4 },
      { from: "0xC", to: "0xA", weight: 0.6 },
    ]);
    // A and C are on the vertical axis through the centre: one arrow bows left of it, the other right.
    const [there, back] = arrows.map((a) => a.mid.x - 280);
    expect(Math.sign(there)).toBe(-Math.sign(back));
    expect(Math.abs(there)).toBeGreaterThan(5);
  });

  it("draws an edge that asks for it straight, between the two bowed ones", () => {
    const { arrows } = networkLayout(DISCOS, [
      { from: "0xA", to: "0xC", weight: 0.4 },
      { from: "0xA", to: "0xC", weight: 0.4, bend: 0 },
    ]);
    expect(arrows[1].mid.x).toBe(280);
    expect(arrows[1].path).toMatch(/^M 280 [\d.]+ Q 280 200 280 [\d.]+$/);
    expect(Math.abs(arrows[0].mid.x - 280)).toBeGreaterThan(5);
  });

  it("starts and ends arrows outside the nodes' circles", () => {
    const { arrows, points, nodeRadius } = networkLayout(DISCOS, [{ from: "0xB", to: "0xD", weight: 1 }]);
    const [, sx, sy, , , , ex, ey] = arrows[0].path.split(" ");
    expect(Math.hypot(Number(sx) - points[1].x, Number(sy) - points[1].y)).toBeGreaterThan(nodeRadius);
    expect(Math.hypot(Number(ex) - points[3].x, Number(ey) - points[3].y)).toBeGreaterThan(nodeRadius);
  });

  it("leaves out values naming a DisCO not drawn, or a DisCO toward itself", () => {
    const { arrows } = networkLayout(DISCOS.slice(0, 2), [
      { from: "0xA", to: "0xC", weight: 0.4 },
      { from: "0xA", to: "0xA", weight: 0.4 },
    ]);
    expect(arrows).toEqual([]);
  });
});

describe("arrowWidth and arrowOpacity", () => {
  it("grow with the weight, from thin and faint to thick and solid", () => {
    expect(arrowWidth(0)).toBe(1);
    expect(arrowWidth(1)).toBe(7);
    expect(arrowWidth(0.8)).toBeGreaterThan(arrowWidth(0.3));
    expect(arrowOpacity(0)).toBeCloseTo(0.35);
    expect(arrowOpacity(1)).toBe(1);
    expect(arrowOpacity(0.7)).toBeGreaterThan(arrowOpacity(0.4));
  });

  it("hold weights beyond the range at its ends", () => {
    expect(arrowWidth(2.5)).toBe(7);
    expect(arrowOpacity(-0.05)).toBeCloseTo(0.35);
  });
});
