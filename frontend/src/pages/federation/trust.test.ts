import { describe, expect, it } from "vitest";
import { arrowOpacity, arrowWidth, MAX_TRUST, trustLayout, trustValue } from "./trust.ts";

const DISCOS = [
  { id: "0xA", name: "Demo DisCO" },
  { id: "0xB", name: "Small DisCO" },
  { id: "0xC", name: "River DisCO" },
  { id: "0xD", name: "Garden DisCO" },
];

describe("trustLayout", () => {
  it("keeps every name's anchor inside a box wider than high, with room for names beside the circle", () => {
    const { points } = trustLayout(DISCOS, [], 560, 400);
    expect(points[3].label.x).toBeGreaterThanOrEqual(100);
    expect(560 - points[1].label.x).toBeGreaterThanOrEqual(100);
  });

  it("puts the first DisCO at the top and the others clockwise on one circle", () => {
    const { points } = trustLayout(DISCOS, [], 400, 400);
    expect(points[0]).toMatchObject({ x: 200, y: 64 });
    expect(points[1]).toMatchObject({ x: 336, y: 200 });
    expect(points[2]).toMatchObject({ x: 200, y: 336 });
    expect(points[3]).toMatchObject({ x: 64, y: 200 });
    for (const p of points) expect(Math.hypot(p.x - 200, p.y - 200)).toBeCloseTo(136, 0);
  });

  it("writes names away from the circle: right of a node on the right, left on the left, centred top and bottom", () => {
    const { points } = trustLayout(DISCOS, [], 400, 400);
    expect(points.map((p) => p.label.anchor)).toEqual(["middle", "start", "middle", "end"]);
    expect(points[0].label.y).toBeLessThan(points[0].y);
    expect(points[2].label.y).toBeGreaterThan(points[2].y);
  });

  it("centres a lone DisCO", () => {
    const { points } = trustLayout(DISCOS.slice(0, 1), [], 560, 400);
    expect(points[0]).toMatchObject({ x: 280, y: 200 });
  });

  it("draws each value as an arrow between the two DisCOs, matching addresses in any case", () => {
    const { arrows } = trustLayout(DISCOS, [{ from: "0xa", to: "0xB", value: 80 }]);
    expect(arrows).toHaveLength(1);
    expect(arrows[0]).toMatchObject({ from: "0xA", to: "0xB", value: 80 });
    expect(arrows[0].path).toMatch(/^M [\d.]+ [\d.]+ Q [\d.]+ [\d.]+ [\d.]+ [\d.]+$/);
  });

  it("bows two DisCOs' arrows toward each other to opposite sides, so neither hides the other", () => {
    const { arrows } = trustLayout(DISCOS, [
      { from: "0xA", to: "0xC", value: 40 },
      { from: "0xC", to: "0xA", value: 60 },
    ]);
    // A and C are on the vertical axis through the centre: one arrow bows left of it, the other right.
    const [there, back] = arrows.map((a) => a.mid.x - 280);
    expect(Math.sign(there)).toBe(-Math.sign(back));
    expect(Math.abs(there)).toBeGreaterThan(5);
  });

  it("starts and ends arrows outside the nodes' circles", () => {
    const { arrows, points, nodeRadius } = trustLayout(DISCOS, [{ from: "0xB", to: "0xD", value: 100 }]);
    const [, sx, sy, , , , ex, ey] = arrows[0].path.split(" ");
    expect(Math.hypot(Number(sx) - points[1].x, Number(sy) - points[1].y)).toBeGreaterThan(nodeRadius);
    expect(Math.hypot(Number(ex) - points[3].x, Number(ey) - points[3].y)).toBeGreaterThan(nodeRadius);
  });

  it("leaves out values naming a DisCO not drawn, or a DisCO toward itself", () => {
    const { arrows } = trustLayout(DISCOS.slice(0, 2), [
      { from: "0xA", to: "0xC", value: 40 },
      { from: "0xA", to: "0xA", value: 40 },
    ]);
    expect(arrows).toEqual([]);
  });
});

describe("arrowWidth and arrowOpacity", () => {
  it("grow with the value, from thin and faint to thick and solid", () => {
    expect(arrowWidth(0)).toBe(1);
    expect(arrowWidth(MAX_TRUST)).toBe(7);
    expect(arrowWidth(80)).toBeGreaterThan(arrowWidth(30));
    expect(arrowOpacity(0)).toBeCloseTo(0.35);
    expect(arrowOpacity(MAX_TRUST)).toBe(1);
    expect(arrowOpacity(70)).toBeGreaterThan(arrowOpacity(40));
  });

  it("hold values beyond the range at its ends", () => {
    expect(arrowWidth(250)).toBe(7);
    expect(arrowOpacity(-5)).toBeCloseTo(0.35);
  });
});

describe("trustValue", () => {
  it("reads a whole number from 0 to 100, spaces around it allowed", () => {
    expect(trustValue("0")).toBe(0);
    expect(trustValue(" 90 ")).toBe(90);
    expect(trustValue("100")).toBe(100);
  });

  it("refuses anything else: empty, beyond 100, negative, decimal, words", () => {
    for (const text of ["", "101", "-1", "12.5", "1e2", "ninety", "0x10"]) expect(trustValue(text)).toBeUndefined();
  });
});
