import { pad, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import {
  foldHistory,
  type ContractName,
  type DecodedEvent,
  type EventArgs,
  type EventName,
} from "@disco-ledger/sdk/history";
import type { CreditFlow } from "@disco-ledger/sdk/credit";
import {
  allMovements,
  creditMovements,
  flowsByPeriod,
  flowsOf,
  fundingPreview,
  fundingTable,
  periodAt,
  periodOpenings,
  periodsInReview,
  unfundedPeriods,
} from "./flows.ts";

const TREASURY = "0x00000000000000000000000000000000000000aa";
const CLIENT = "0x00000000000000000000000000000000000000c1";
const ALICE = "0x00000000000000000000000000000000000000a1";
const BOB = "0x00000000000000000000000000000000000000b0";
/** "INV-7" as bytes32 text. */
const REF = pad(stringToHex("INV-7"), { dir: "right", size: 32 });

/** A small history: three periods, a pay-in in period 1, period 1 funded and claimed in period 2, period 2 closed. */
function history(): DecodedEvent[] {
  let block = 0;
  // Written by hand, the arguments typed by the ABIs as decoding gives them.
  const ev = <C extends ContractName, N extends EventName<C>>(
    contract: C,
    name: N,
    args: EventArgs<C, N>,
    sameBlock = false,
  ) => {
    if (!sameBlock) block++;
    return {
      block,
      logIndex: sameBlock ? 1 : 0,
      txHash: `0x${block}`,
      contract,
      address: "",
      name,
      args,
    } as DecodedEvent;
  };
  return [
    ev("ledger", "PeriodOpened", { period: 1, openedAt: 100 }),
    ev("treasury", "PaidIn", { payer: CLIENT, amount: 5_000_000n, paymentRef: REF }),
    ev("token", "Transfer", { from: CLIENT, to: TREASURY, value: 5_000_000n }, true),
    ev("ledger", "PeriodClosed", { period: 1, closedAt: 200, finalAt: 500, treasurer: BOB }),
    ev("ledger", "PeriodOpened", { period: 2, openedAt: 200 }, true),
    ev("treasury", "PeriodFunded", {
      period: 1,
      treasurer: BOB,
      amount: 3_000_000n,
      bucketsBps: [6000, 2000, 2000],
      streamPools: [3_000_000n, 0n, 0n],
    }),
    ev("treasury", "PayoutClaimed", { member: ALICE, period: 1, amount: 1_000_000n }),
    ev("token", "Transfer", { from: TREASURY, to: ALICE, value: 1_000_000n }, true),
    ev("ledger", "PeriodClosed", { period: 2, closedAt: 300, finalAt: 600, treasurer: BOB }),
    ev("ledger", "PeriodOpened", { period: 3, openedAt: 300 }, true),
  ];
}

describe("periodAt", () => {
  const openings = [
    { block: 1, logIndex: 0, period: 1 },
    { block: 5, logIndex: 3, period: 2 },
    { block: 9, logIndex: 0, period: 3 },
  ];
  it("places an event in the last period opened at or before it", () => {
    expect(periodAt(openings, { block: 4, logIndex: 9 })).toBe(1);
    expect(periodAt(openings, { block: 5, logIndex: 2 })).toBe(1);
    expect(periodAt(openings, { block: 5, logIndex: 3 })).toBe(2);
    expect(periodAt(openings, { block: 8, logIndex: 0 })).toBe(2);
    expect(periodAt(openings, { block: 100, logIndex: 0 })).toBe(3);
  });
  it("puts anything before the first opening in the first period", () => {
    expect(periodAt(openings, { block: 0, logIndex: 0 })).toBe(1);
    expect(periodAt([], { block: 3, logIndex: 0 })).toBe(1);
  });
});

describe("flows", () => {
  const events = history();
  const state = foldHistory(events, TREASURY);
  const openings = periodOpenings(events);

  it("traces each movement with its party, kind and period", () => {
    const flows = flowsOf(state, openings);
    expect(flows.map((f) => [f.direction, f.party, f.kind, f.amount, f.period])).toEqual([
      ["in", CLIENT, "pay-in", 5_000_000n, 1],
      ["out", ALICE, "claim", 1_000_000n, 2],
    ]);
  });

  it("adds money in and out per period, quiet periods as zero", () => {
    const rows = flowsByPeriod(flowsOf(state, openings), 3);
    expect(rows.map((r) => [r.period, r.in, r.out])).toEqual([
      [1, 5_000_000n, 0n],
      [2, 0n, 1_000_000n],
      [3, 0n, 0n],
    ]);
    expect(rows[1].byKind).toEqual({ claim: 1_000_000n });
  });

  it("grows the periods rather than drop a movement beyond the last one", () => {
    const rows = flowsByPeriod(
      [
        {
          block: 1,
          logIndex: 0,
          txHash: "0x",
          direction: "in",
          party: CLIENT,
          amount: 7n,
          kind: "pay-in",
          detail: "",
          period: 4,
        },
      ],
      2,
    );
    expect(rows.map((r) => r.period)).toEqual([1, 2, 3, 4]);
    expect(rows[3].in).toBe(7n);
  });

  it("shows each period's funding against what was claimed, newest first", () => {
    const rows = fundingTable(state, 10_000n);
    expect(rows.map((r) => [r.period, r.status, r.funded, r.claimed, r.unclaimed, r.claims])).toEqual([
      [3, "open", 0n, 0n, 0n, 0],
      [2, "unfunded", 0n, 0n, 0n, 0],
      [1, "funded", 3_000_000n, 1_000_000n, 2_000_000n, 1],
    ]);
    expect(unfundedPeriods(state, 10_000n)).toEqual([2]);
  });

  it("offers a closed period for funding only once its review window is over", () => {
    // Period 2 closed at 300 with its finalAt at 600, as PeriodClosed carries it.
    const reviewed = foldHistory(events, TREASURY);
    expect(fundingTable(reviewed, 599n).find((r) => r.period === 2)).toMatchObject({ status: "review", finalAt: 600n });
    expect(unfundedPeriods(reviewed, 599n)).toEqual([]);
    expect(periodsInReview(reviewed, 599n)).toEqual([{ period: 2, finalAt: 600n }]);
    expect(unfundedPeriods(reviewed, 600n)).toEqual([2]);
    expect(periodsInReview(reviewed, 600n)).toEqual([]);
  });
});

describe("fundingPreview", () => {
  it("pools each bucket's share, leaving a stream without payable work unallocated", () => {
    const { pools, funded, leftUnallocated } = fundingPreview(1_000_001n, [6000, 2500, 1500], [10n, 0n, 5n]);
    expect(pools).toEqual([600_000n, 0n, 150_000n]);
    expect(funded).toBe(750_000n);
    expect(leftUnallocated).toBe(250_001n);
  });
});

describe("creditMovements and allMovements", () => {
  const events = history();
  const openings = periodOpenings(events);
  const flows = flowsOf(foldHistory(events, TREASURY), openings);
  const SMALL = "0x00000000000000000000000000000000000000b2";
  const at = (blockNumber: number, logIndex: number) => ({
    blockNumber,
    logIndex,
    transactionHash: pad(`0x${blockNumber.toString(16)}`, { size: 32 }),
    time: blockNumber * 10,
  });
  const credit: CreditFlow[] = [
    // A settlement of a debt to Small, late in the history, listed before the earlier payment (flows of two networks
    // come one network after the other): sorted into chain order.
    {
      kind: "settlement",
      direction: "out",
      counterparty: SMALL,
      amount: 5_000n,
      paymentRef: null,
      tokens: 50_000_000n,
      ...at(12, 0),
    },
    {
      kind: "payment",
      direction: "in",
      counterparty: SMALL,
      amount: 30_000n,
      paymentRef: REF,
      tokens: null,
      ...at(2, 5),
    },
  ];

  it("places the DisCO's credit flows in their periods, in chain order, in credit cents", () => {
    expect(
      creditMovements(credit, openings).map((m) => [m.kind, m.direction, m.party, m.amount, m.detail, m.period]),
    ).toEqual([
      ["payment", "in", SMALL, 30_000n, REF, 1],
      ["settlement", "out", SMALL, 5_000n, "", 3],
    ]);
  });

  it("lists money and credit together in chain order, each kept apart by its source", () => {
    const rows = allMovements(flows, creditMovements(credit, openings));
    expect(rows.map((r) => [r.source, r.flow.block])).toEqual([
      ["money", 2],
      ["credit", 2],
      ["money", 5],
      ["credit", 12],
    ]);
  });
});
