import { describe, expect, it } from "vitest";
import { DEMO, GONE, RIVER, SMALL, STATE } from "./fixture.ts";
import { creditEdges, largestDebt, pairRows } from "./picture.ts";

describe("creditEdges", () => {
  const edges = creditEdges(STATE, [DEMO, SMALL, RIVER]);

  it("draws each debt from the debtor to the creditor, straight, the largest at full weight", () => {
    const debts = edges.filter((e) => e.kind === "debt");
    expect(debts).toEqual([
      { kind: "debt", from: DEMO, to: SMALL, amount: 30_000n, frozen: false, weight: 1, bend: 0 },
      { kind: "debt", from: RIVER, to: DEMO, amount: 12_050n, frozen: false, weight: 0.401, bend: 0 },
    ]);
    expect(largestDebt(edges)).toBe(30_000n);
  });

  it("draws each line from its giver to its receiver, lighter than any debt, frozen marked", () => {
    const lines = edges.filter((e) => e.kind === "line");
    expect(lines.map((l) => [l.from, l.to, l.amount, l.frozen])).toEqual([
      [SMALL, DEMO, 100_000n, false],
      [DEMO, SMALL, 150_000n, true],
      [DEMO, RIVER, 50_000n, false],
    ]);
    expect(Math.max(...lines.map((l) => l.weight))).toBe(0.5);
    expect(lines.every((l) => l.bend === undefined)).toBe(true);
  });

  it("leaves out what touches an account not drawn, and lines of no credit", () => {
    const two = creditEdges(
      { ...STATE, lines: [...STATE.lines, { ...STATE.lines[0], giver: RIVER, receiver: SMALL, limit: 0n }] },
      [DEMO, SMALL, RIVER],
    );
    expect(two.some((e) => e.from === RIVER && e.to === SMALL)).toBe(false);
    expect(creditEdges(STATE, [DEMO, RIVER]).map((e) => [e.kind, e.from, e.to])).toEqual([
      ["debt", RIVER, DEMO],
      ["line", DEMO, RIVER],
    ]);
  });

  it("draws nothing heavy when nobody owes anybody", () => {
    const even = creditEdges({ ...STATE, balances: [] }, [DEMO, SMALL, RIVER]);
    expect(even.every((e) => e.kind === "line")).toBe(true);
    expect(largestDebt(even)).toBe(0n);
  });
});

describe("pairRows", () => {
  it("gives a row per pair with a debt or a line, naming who owes whom and each side's line", () => {
    expect(pairRows(STATE, [DEMO, SMALL, RIVER])).toEqual([
      {
        debtor: DEMO,
        creditor: SMALL,
        owed: 30_000n,
        creditorLine: { limit: 100_000n, frozen: false },
        debtorLine: { limit: 150_000n, frozen: true },
      },
      {
        debtor: RIVER,
        creditor: DEMO,
        owed: 12_050n,
        creditorLine: { limit: 50_000n, frozen: false },
        debtorLine: { limit: 0n, frozen: false },
      },
    ]);
  });

  it("puts a pair that is even in the nodes' order, and leaves out pairs with nothing between them", () => {
    const rows = pairRows(STATE, [GONE, SMALL, DEMO]);
    expect(rows.map((r) => [r.debtor, r.creditor, r.owed])).toEqual([
      [GONE, DEMO, 0n],
      [DEMO, SMALL, 30_000n],
    ]);
  });
});
