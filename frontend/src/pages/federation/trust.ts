/**
 * The trust picture's geometry, pure: the federation's DisCOs on a circle (the first at the top, then clockwise) and
 * each trust value as an arrow from the trusting DisCO to the trusted one, wider and more opaque as the value grows.
 * Two DisCOs that trust each other get two arrows bowed apart, so that neither hides the other.
 */

/** The highest trust value (Federation.MAX_TRUST). */
export const MAX_TRUST = 100;

export interface TrustPoint {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Where the name goes: outside the circle, anchored away from it. */
  label: { x: number; y: number; anchor: "start" | "middle" | "end" };
}

export interface TrustArrow {
  from: string;
  to: string;
  value: number;
  /** The SVG path: a quadratic curve from the trusting node's rim to the trusted node's. */
  path: string;
  width: number;
  opacity: number;
  /** Where the value is written: the middle of the curve. */
  mid: { x: number; y: number };
}

export interface TrustLayout {
  width: number;
  height: number;
  nodeRadius: number;
  points: TrustPoint[];
  arrows: TrustArrow[];
}

/** The stroke width of an arrow of `value`: 1 at 0 up to 7 at MAX_TRUST. */
export const arrowWidth = (value: number): number => 1 + (6 * clamp(value)) / MAX_TRUST;

/** The opacity of an arrow of `value`: 0.35 at 0 up to 1 at MAX_TRUST. */
export const arrowOpacity = (value: number): number => 0.35 + (0.65 * clamp(value)) / MAX_TRUST;

/** A trust value as typed: a whole number from 0 to MAX_TRUST, or undefined. */
export function trustValue(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return /^\d+$/.test(trimmed) && value <= MAX_TRUST ? value : undefined;
}

const clamp = (value: number) => Math.min(MAX_TRUST, Math.max(0, value));
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Lays out `nodes` (in the order given) in a box of `width` by `height`, and the `edges` between them; an edge naming
 * a node not given (a DisCO no longer a member) is left out. The box is wider than high: the names written left and
 * right of the circle need the room.
 */
export function trustLayout(
  nodes: readonly { id: string; name: string }[],
  edges: readonly { from: string; to: string; value: number }[],
  width = 560,
  height = 400,
  nodeRadius = 14,
): TrustLayout {
  const [cx, cy] = [width / 2, height / 2];
  // Room above and below the circle for the names.
  const radius = nodes.length === 1 ? 0 : height * 0.34;
  const points: TrustPoint[] = nodes.map((node, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const x = cx + radius * cos;
    const y = cy + radius * sin;
    const out = radius === 0 ? nodeRadius + 14 : nodeRadius + 10;
    const anchor = Math.abs(cos) < 0.3 ? "middle" : cos > 0 ? "start" : "end";
    return {
      id: node.id,
      name: node.name,
      x: round(x),
      y: round(y),
      label: {
        x: round(x + (radius === 0 ? 0 : out * cos)),
        // Below the lower half's nodes, above the upper half's; a line's height lower for text below.
        y: round(y + (radius === 0 ? out : out * sin) + (sin > 0.3 || radius === 0 ? 8 : sin < -0.3 ? -2 : 4)),
        anchor,
      },
    };
  });
  const byId = new Map(points.map((p) => [p.id.toLowerCase(), p]));
  const arrows: TrustArrow[] = [];
  for (const edge of edges) {
    const a = byId.get(edge.from.toLowerCase());
    const b = byId.get(edge.to.toLowerCase());
    if (!a || !b || a === b) continue;
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const length = Math.hypot(dx, dy);
    // The normal to the right of the direction of travel: A->B and B->A bow to opposite sides.
    const [nx, ny] = [-dy / length, dx / length];
    const bend = Math.min(40, length * 0.15);
    const control = { x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend };
    const rim = (p: TrustPoint, toward: { x: number; y: number }, extra: number) => {
      const [ux, uy] = [toward.x - p.x, toward.y - p.y];
      const d = Math.hypot(ux, uy);
      return { x: round(p.x + (ux / d) * (nodeRadius + extra)), y: round(p.y + (uy / d) * (nodeRadius + extra)) };
    };
    const start = rim(a, control, 2);
    // The arrowhead ends at the rim: the line stops short of it by the head's length.
    const end = rim(b, control, 2 + arrowWidth(edge.value) * 1.5);
    const c = { x: round(control.x), y: round(control.y) };
    arrows.push({
      from: a.id,
      to: b.id,
      value: edge.value,
      path: `M ${start.x} ${start.y} Q ${c.x} ${c.y} ${end.x} ${end.y}`,
      width: round(arrowWidth(edge.value)),
      opacity: Math.round(arrowOpacity(edge.value) * 100) / 100,
      mid: { x: round(0.25 * start.x + 0.5 * c.x + 0.25 * end.x), y: round(0.25 * start.y + 0.5 * c.y + 0.25 * end.y) },
    });
  }
  return { width, height, nodeRadius, points, arrows };
}
