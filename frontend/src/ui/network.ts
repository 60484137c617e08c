/**
 * A network picture's geometry, pure: nodes on a circle (the first at the top, then clockwise) and each edge as an
 * arrow from one node to another, wider and more opaque as its weight grows. Two nodes joined both ways get two arrows
 * bowed apart, so that neither hides the other; an edge may ask to be drawn straight (`bend: 0`), between the two.
 * The federation's trust and the credit network's debts and lines are drawn with it.
 */

export interface NetworkPoint {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Where the name goes: outside the circle, anchored away from it. */
  label: { x: number; y: number; anchor: "start" | "middle" | "end" };
}

/** An edge to draw: `weight` from 0 (thinnest, faintest) to 1 (widest, solid); `bend` 1 bows it, 0 draws it straight. */
export interface NetworkEdge {
  from: string;
  to: string;
  weight: number;
  bend?: number;
}

export interface NetworkArrow<E extends NetworkEdge = NetworkEdge> {
  edge: E;
  /** The drawn nodes' ids (as the nodes give them). */
  from: string;
  to: string;
  /** The SVG path: a quadratic curve from the first node's rim to the other's. */
  path: string;
  width: number;
  opacity: number;
  /** Where a value is written: the middle of the curve. */
  mid: { x: number; y: number };
}

export interface NetworkLayout<E extends NetworkEdge = NetworkEdge> {
  width: number;
  height: number;
  nodeRadius: number;
  points: NetworkPoint[];
  arrows: NetworkArrow<E>[];
}

const clamp = (weight: number) => Math.min(1, Math.max(0, weight));
const round = (n: number) => Math.round(n * 10) / 10;

/** The stroke width of an arrow of `weight`: 1 at 0 up to 7 at 1. */
export const arrowWidth = (weight: number): number => 1 + 6 * clamp(weight);

/** The opacity of an arrow of `weight`: 0.35 at 0 up to 1 at 1. */
export const arrowOpacity = (weight: number): number => 0.35 + 0.65 * clamp(weight);

/**
 * Lays out `nodes` (in the order given) in a box of `width` by `height`, and the `edges` between them; an edge naming
 * a node not given (a DisCO no longer a member), or a node toward itself, is left out. Ids match in any case. The box
 * is wider than high: the names written left and right of the circle need the room.
 */
export function networkLayout<E extends NetworkEdge>(
  nodes: readonly { id: string; name: string }[],
  edges: readonly E[],
  width = 560,
  height = 400,
  nodeRadius = 14,
): NetworkLayout<E> {
  const [cx, cy] = [width / 2, height / 2];
  // Room above and below the circle for the names.
  const radius = nodes.length === 1 ? 0 : height * 0.34;
  const points: NetworkPoint[] = nodes.map((node, i) => {
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
  const arrows: NetworkArrow<E>[] = [];
  for (const edge of edges) {
    const a = byId.get(edge.from.toLowerCase());
    const b = byId.get(edge.to.toLowerCase());
    if (!a || !b || a === b) continue;
    const [dx, dy] = [b.x - a.x, b.y - a.y];
    const length = Math.hypot(dx, dy);
    // The normal to the right of the direction of travel: A->B and B->A bow to opposite sides.
    const [nx, ny] = [-dy / length, dx / length];
    const bend = Math.min(40, length * 0.15) * (edge.bend ?? 1);
    const control = { x: (a.x + b.x) / 2 + nx * bend, y: (a.y + b.y) / 2 + ny * bend };
    const rim = (p: NetworkPoint, toward: { x: number; y: number }, extra: number) => {
      const [ux, uy] = [toward.x - p.x, toward.y - p.y];
      const d = Math.hypot(ux, uy);
      return { x: round(p.x + (ux / d) * (nodeRadius + extra)), y: round(p.y + (uy / d) * (nodeRadius + extra)) };
    };
    const start = rim(a, control, 2);
    // The arrowhead ends at the rim: the line stops short of it by the head's length.
    const end = rim(b, control, 2 + arrowWidth(edge.weight) * 1.5);
    const c = { x: round(control.x), y: round(control.y) };
    arrows.push({
      edge,
      from: a.id,
      to: b.id,
      path: `M ${start.x} ${start.y} Q ${c.x} ${c.y} ${end.x} ${end.y}`,
      width: round(arrowWidth(edge.weight)),
      opacity: Math.round(arrowOpacity(edge.weight) * 100) / 100,
      mid: { x: round(0.25 * start.x + 0.5 * c.x + 0.25 * end.x), y: round(0.25 * start.y + 0.5 * c.y + 0.25 * end.y) },
    });
  }
  return { width, height, nodeRadius, points, arrows };
}
