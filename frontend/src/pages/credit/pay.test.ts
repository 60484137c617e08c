import { describe, expect, it } from "vitest";
import { DEMO, line, RIVER, SMALL, STATE } from "./fixture.ts";
import { paymentRoute, referenceProblem } from "./pay.ts";

const ACTIVE = [DEMO, SMALL, RIVER];
/** River also lets Small owe it 400 €: Demo can reach River through Small. */
const THROUGH_SMALL = { ...STATE, lines: [...STATE.lines, line(RIVER, SMALL, 40_000n)] };

describe("paymentRoute", () => {
  it("finds the direct path and says what it, and one payment at most, can carry", () => {
    // Demo owes Small 300 € of the 1,000 € line Small gives it: 700 € left.
    const route = paymentRoute(STATE, ACTIVE, DEMO, SMALL, 50_000n);
    expect(route.path).toMatchObject({ path: [DEMO, SMALL], hops: 1, capacity: 70_000n });
    expect(route.widest?.capacity).toBe(70_000n);
  });

  it("finds no path for more than any can carry, and still says the most one payment can", () => {
    const route = paymentRoute(STATE, ACTIVE, DEMO, SMALL, 70_001n);
    expect(route.path).toBeNull();
    expect(route.widest?.capacity).toBe(70_000n);
  });

  it("goes through another DisCO when the direct line is too short, and prefers the direct one when it will do", () => {
    // River owes Demo 120.50 € and gives it no line: a direct payment carries 120.50 € at most.
    expect(paymentRoute(THROUGH_SMALL, ACTIVE, DEMO, RIVER, 20_000n).path).toMatchObject({
      path: [DEMO, SMALL, RIVER],
      hops: 2,
      capacity: 40_000n,
    });
    expect(paymentRoute(THROUGH_SMALL, ACTIVE, DEMO, RIVER, 10_000n).path?.path).toEqual([DEMO, RIVER]);
    expect(paymentRoute(THROUGH_SMALL, ACTIVE, DEMO, RIVER, 0n).widest).toMatchObject({
      path: [DEMO, SMALL, RIVER],
      capacity: 40_000n,
    });
  });

  it("never passes through an account that is not one now", () => {
    const route = paymentRoute(THROUGH_SMALL, [DEMO, RIVER], DEMO, RIVER, 20_000n);
    expect(route.path).toBeNull();
    expect(route.widest?.path).toEqual([DEMO, RIVER]);
  });

  it("looks for no path for nothing", () => {
    expect(paymentRoute(STATE, ACTIVE, DEMO, SMALL, 0n).path).toBeNull();
  });
});

describe("referenceProblem", () => {
  it("wants a reference of at most 32 bytes, spaces around it aside", () => {
    expect(referenceProblem("  ")).toBe("empty");
    expect(referenceProblem(" INV-S-001 ")).toBeNull();
    expect(referenceProblem("x".repeat(32))).toBeNull();
    expect(referenceProblem("x".repeat(33))).toBe("long");
    // Letters with accents take two bytes each.
    expect(referenceProblem("é".repeat(17))).toBe("long");
  });
});
