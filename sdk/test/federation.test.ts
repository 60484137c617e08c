/**
 * A DisCO's check-in recomputed from its logs: the seeded demo's recorded history (periods 1 and 2 final, period 1
 * attested on chain), and the same history with period 3 closed after its money moved, folded as recorded and
 * tampered with, beside a credit network in which it pays and is paid; a dishonest check-in; the Federation
 * contract's checkIn call and CheckedIn event.
 */
import {
  decodeEventLog,
  decodeFunctionData,
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  getAbiItem,
  type Address,
  type Hex,
} from "viem";
import { describe, expect, it } from "vitest";
import { buildReport, type ClockMode } from "../src/audit/index.ts";
import type { CreditPayment, CreditState } from "../src/credit/index.ts";
import type { Deployment } from "../src/deployment.ts";
import {
  checkInArgs,
  checkInFromEvent,
  checkInOf,
  checkInVerdict,
  compareCheckIn,
  describeDifference,
  FIGURES,
  figuresTuple,
  type CheckIn,
  type CheckInSource,
  type FigureName,
} from "../src/federation/index.ts";
import {
  createHistoryFolder,
  foldSnapshot,
  type DecodedEvent,
  type HistoryState,
  type RawLog,
} from "../src/history/index.ts";
import { federationAbi } from "../src/generated/abis.ts";
import { STREAMS } from "../src/ledger.ts";
import golden from "./fixtures/audit/demo-golden.json";
import history from "./fixtures/audit/demo-history.json";

const deployment = history.deployment as Deployment;
const recordedTimes = new Map(history.blockTimes.map(([block, time]) => [Number(block), BigInt(time)]));
const { decoded } = foldSnapshot({ logs: history.logs as RawLog[] }, deployment);
const EURO = 1_000_000n;
const TREASURY = deployment.contracts.treasury.address as Address;
const PAYER = "0x00000000000000000000000000000000000000aa";

// The recorded history ends at block 159, with period 3 open: here it goes on, period 3 closing in block 160 (the
// next period opening in it, as closePeriod does) with a transfer in after the close in the same block, and another
// in block 161.
const CLOSE_BLOCK = history.toBlock + 1;
const CLOSED_AT = BigInt(history.now) + 100n;
const FINAL_AT = CLOSED_AT + 3n * 86_400n;
const times = new Map([...recordedTimes, [CLOSE_BLOCK, CLOSED_AT], [CLOSE_BLOCK + 1, CLOSED_AT + 12n]]);

function closingPeriod3(): DecodedEvent[] {
  const closed = decoded.events.find((e) => e.contract === "ledger" && e.name === "PeriodClosed");
  if (closed?.contract !== "ledger" || closed.name !== "PeriodClosed") throw new Error("no period closed");
  const at = (block: number, logIndex: number) => ({ block, logIndex, txHash: `0x${block.toString(16)}` });
  const ledger = { contract: "ledger", address: deployment.contracts.ledger.address } as const;
  const token = { contract: "token", address: deployment.contracts.token.address, name: "Transfer" } as const;
  return [
    {
      ...at(CLOSE_BLOCK, 0),
      ...ledger,
      name: "PeriodClosed",
      args: { ...closed.args, period: 3, closedAt: Number(CLOSED_AT), finalAt: Number(FINAL_AT) },
    },
    { ...at(CLOSE_BLOCK, 1), ...ledger, name: "PeriodOpened", args: { period: 4, openedAt: Number(CLOSED_AT) } },
    { ...at(CLOSE_BLOCK, 2), ...token, args: { from: PAYER, to: TREASURY, value: 1n } },
    { ...at(CLOSE_BLOCK + 1, 0), ...token, args: { from: PAYER, to: TREASURY, value: 2n } },
  ];
}

/** The demo's events, edited, then period 3 closed, folded afresh. */
function folded(edit: (events: DecodedEvent[]) => DecodedEvent[] = (events) => events): HistoryState {
  const folder = createHistoryFolder(deployment);
  folder.applyDecoded({ events: [...edit(structuredClone(decoded.events)), ...closingPeriod3()], unknown: [] });
  return folder.state;
}

// The demo's credit network: payments placed on the periods' closes (a payment in a closing block counts in the
// closing period, as money does); one it only carries on its path, a settlement and a clearing, which count in no
// credit figure; one after period 3's close.
const DEMO = deployment.contracts.membership.address as Address;
const SMALL = "0x0000000000000000000000000000000000000051";
const RIVER = "0x0000000000000000000000000000000000000052";
const PERIODS = [1, 2, 3];
const honest = folded();
const CLOSED = [1, 2].map((period) => honest.ledger.periods.get(period)?.closedAt as bigint);
const placed = (block: number, time: bigint) => ({
  blockNumber: block,
  logIndex: 0,
  transactionHash: `0x${block.toString(16).padStart(64, "0")}` as Hex,
  time: Number(time),
});
const pay = (path: Address[], amount: bigint, block: number, time: bigint): CreditPayment => ({
  payer: path[0],
  payee: path[path.length - 1],
  amount,
  paymentRef: `0x${"00".repeat(32)}`,
  path,
  by: path[0],
  ...placed(block, time),
});
const CREDIT: CreditState = {
  address: "0x00000000000000000000000000000000000000c0",
  federation: "0x00000000000000000000000000000000000000fe",
  maxHops: 4,
  memberAccounts: false,
  accounts: [],
  lines: [],
  balances: [],
  treasurers: [],
  payments: [
    pay([DEMO, SMALL], 30_000n, 1, CLOSED[0]),
    pay([SMALL, DEMO], 12_050n, 2, CLOSED[0] + 1n),
    pay([SMALL, DEMO, RIVER], 5_000n, 3, CLOSED[1]),
    pay([RIVER, DEMO], 7_500n, 3, CLOSED[1]),
    pay([DEMO, SMALL, RIVER], 2_000n, 4, CLOSED_AT),
    pay([DEMO, RIVER], 1_000n, 5, CLOSED_AT + 12n),
  ],
  clearings: [{ cycle: [DEMO, SMALL, RIVER, DEMO], amount: 500n, by: SMALL, ...placed(3, CLOSED[1]) }],
  settlements: [
    {
      debtor: DEMO,
      creditor: SMALL,
      amount: 10_000n,
      currency: deployment.contracts.token.address as Address,
      tokens: 100n * EURO,
      by: deployment.contracts.timelock.address as Address,
      ...placed(2, CLOSED[0] + 1n),
    },
  ],
  lastBlock: 5,
};

const source = (
  state: HistoryState,
  now = FINAL_AT,
  credit: CheckInSource["credit"] = { state: CREDIT, account: DEMO },
): CheckInSource => ({ state, deployment, times, now, credit });

/** Each period's hash as the audit's report gives it, the one `--attest` records. */
function reportedHashes(state: HistoryState) {
  const report = buildReport(state, {
    chainId: deployment.chainId,
    network: deployment.network,
    governor: deployment.contracts.governor.address,
    ledger: deployment.contracts.ledger.address,
    fromBlock: deployment.startBlock,
    toBlock: CLOSE_BLOCK + 1,
    timeline: { mode: history.clockMode as ClockMode, times },
    currency: history.currency,
    checks: [],
  });
  return new Map(report.periods.map((p) => [p.period, p.hash]));
}

const checkIns = new Map(PERIODS.map((period) => [period, checkInOf(source(honest), period)]));
const checkIn = (period: number) => checkIns.get(period) as CheckIn;

/** The figures each period's check-in differs in, once the history is edited. */
function differences(edit: (events: DecodedEvent[]) => DecodedEvent[]): Record<number, FigureName[]> {
  const state = folded(edit);
  return Object.fromEntries(PERIODS.map((p) => [p, compareCheckIn(checkInOf(source(state), p), checkIn(p))]));
}

describe("checkInOf", () => {
  it("gives as digest the hash the audit reports and --attest records, and the hash attested on chain", () => {
    const reported = reportedHashes(honest);
    for (const period of PERIODS) expect(checkIn(period).digest).toBe(reported.get(period));
    expect(checkIn(1).digest).toBe(golden.periods["1"]);
    expect(checkIn(2).digest).toBe(golden.periods["2"]);
    expect(honest.audit.attestations.get(1)?.map((a) => a.reportHash)).toEqual([checkIn(1).digest]);
  });

  it("counts the members and binding members at the close, the payable totals and the money moved in the period", () => {
    // Eight admitted (four Committed) before period 1 closed; a Dating 3 member left in period 3. No money moved
    // until periods 1 and 2 were final: the treasurer paid in for them, and paid them out, in period 3.
    const quiet = { members: 8n, bindingMembers: 4n, moneyIn: 0n, moneyOut: 0n };
    expect(checkIn(1).figures).toEqual({
      ...quiet,
      payable: [770_000n, 232_000n, 4_450n],
      creditIn: 0n,
      creditOut: 30_000n,
    });
    expect(checkIn(2).figures).toEqual({
      ...quiet,
      payable: [750_000n, 85_000n, 2_625n],
      creditIn: 12_050n + 7_500n,
      creditOut: 0n,
    });
    expect(checkIn(3).figures).toEqual({
      members: 7n,
      bindingMembers: 4n,
      payable: [190_000n, 0n, 0n],
      // Two pay-ins, seven joining contributions of 250, and the unit sent after the close in its block; not the two
      // sent in the next block.
      moneyIn: 10_000n * EURO + 9_500n * EURO + 7n * 250n * EURO + 1n,
      // Payouts of periods 1 and 2 claimed, then patronage cash twice.
      moneyOut: 3_703_750_559n + 1_735_781_459n + 94_066_412n + 62_710_941n,
      creditIn: 0n,
      creditOut: 2_000n,
    });
    // Every movement up to the close of period 3 counts in one period, once.
    const upTo3 = honest.movements.filter((m) => m.block <= CLOSE_BLOCK);
    const sum = (direction: "in" | "out") =>
      upTo3.filter((m) => m.direction === direction).reduce((total, m) => total + m.amount, 0n);
    expect(PERIODS.reduce((total, p) => total + checkIn(p).figures.moneyIn, 0n)).toBe(sum("in"));
    expect(PERIODS.reduce((total, p) => total + checkIn(p).figures.moneyOut, 0n)).toBe(sum("out"));
  });

  it("counts the credit of the payments the DisCO made and received, placed as money is, and nothing else", () => {
    // Not the payment it carried for Small DisCO, the settlement (money, in its treasury's books), the clearing, nor
    // the payment after period 3's close; each of its own up to that close in one period, once.
    const own = CREDIT.payments.filter((p) => p.time <= CLOSED_AT && (p.payer === DEMO || p.payee === DEMO));
    const sum = (side: "payer" | "payee") =>
      own.filter((p) => p[side] === DEMO).reduce((total, p) => total + p.amount, 0n);
    expect(PERIODS.reduce((total, p) => total + checkIn(p).figures.creditIn, 0n)).toBe(sum("payee"));
    expect(PERIODS.reduce((total, p) => total + checkIn(p).figures.creditOut, 0n)).toBe(sum("payer"));
    // In no credit network, or as another account: nothing; the other figures the same.
    for (const credit of [null, { state: CREDIT, account: "0x00000000000000000000000000000000000000aa" as Address }]) {
      const figures = checkInOf(source(honest, FINAL_AT, credit), 2).figures;
      expect(figures).toEqual({ ...checkIn(2).figures, creditIn: 0n, creditOut: 0n });
    }
    // Small DisCO's side of the same network, by the same rule: what it paid Demo DisCO in period 2's window.
    const small = checkInOf(source(honest, FINAL_AT, { state: CREDIT, account: SMALL }), 2).figures;
    expect([small.creditIn, small.creditOut]).toEqual([0n, 12_050n + 5_000n]);
  });

  it("refuses a period that is not in the history, still open, or not final yet", () => {
    const recorded = foldSnapshot({ logs: history.logs as RawLog[] }, deployment).state;
    const now = BigInt(history.now);
    expect(() => checkInOf(source(recorded, now), 9)).toThrow("No period 9 in the history: the ledger has opened 3");
    expect(() => checkInOf(source(recorded, now), 3)).toThrow("Period 3 is still open: only a final period checks in");
    const { finalAt } = recorded.ledger.periods.get(2)!;
    expect(() => checkInOf(source(recorded, finalAt! - 1n), 2)).toThrow(
      `Period 2 is not final: its review window ends at ${new Date(Number(finalAt) * 1000).toISOString()}; it checks in once final`,
    );
    expect(checkInOf(source(recorded, finalAt!), 2)).toEqual(checkIn(2));
  });

  it("refuses to guess a block time it was not given", () => {
    const [paidIn] = honest.movements;
    const missing = new Map(times);
    missing.delete(paidIn.block);
    expect(() => checkInOf({ ...source(honest), times: missing }, 3)).toThrow(`No timestamp for block ${paidIn.block}`);
  });
});

describe("compareCheckIn over a tampered history", () => {
  it("names the digest and the stream's payable total of the period whose entry's amount changed", () => {
    const counted = decoded.events.find(
      (e) => e.contract === "ledger" && e.name === "EntryCounted" && e.args.period === 2 && e.args.payableAmount > 0n,
    ) as Extract<DecodedEvent<"ledger">, { name: "EntryCounted" }>;
    const { entryId, stream, amount } = counted.args;
    const logged = decoded.events.find(
      (e) => e.contract === "ledger" && e.name === "EntryLogged" && e.args.entryId === entryId,
    ) as Extract<DecodedEvent<"ledger">, { name: "EntryLogged" }>;
    const { weightBps } = logged.args;
    // The ledger's own rounding, so that the tampered logs still fold: 100 more hours or credits, weighted.
    const more = { amount: amount + 100n, payableAmount: ((amount + 100n) * BigInt(weightBps)) / 10_000n };
    const found = differences((events) =>
      events.map((e) => {
        if (e.contract !== "ledger" || !("entryId" in e.args) || e.args.entryId !== entryId) return e;
        if (e.name === "EntryLogged") e.args.amount = more.amount;
        if (e.name === "EntryCounted") Object.assign(e.args, more);
        return e;
      }),
    );
    expect(more.payableAmount).toBeGreaterThan(counted.args.payableAmount);
    expect(found).toEqual({ 1: [], 2: ["Digest", `${STREAMS[stream]}Payable`], 3: [] });
  });

  it("names money in of the period whose payment was dropped", () => {
    const paidIn = decoded.events.find((e) => e.contract === "treasury" && e.name === "PaidIn");
    const drop = (events: DecodedEvent[]) => events.filter((e) => e.txHash !== paidIn?.txHash);
    expect(differences(drop)).toEqual({ 1: [], 2: [], 3: ["MoneyIn"] });
    const dropped = folded(drop);
    expect(checkIn(3).figures.moneyIn - checkInOf(source(dropped), 3).figures.moneyIn).toBe(10_000n * EURO);
  });

  it("names the binding members of every period after a Committed member's admission says Dating 3", () => {
    const admitted = decoded.events.find(
      (e) => e.contract === "membership" && e.name === "MemberAdmitted" && e.args.stage === 5,
    );
    const found = differences((events) =>
      events.map((e) => {
        if (e.txHash === admitted?.txHash && e.logIndex === admitted.logIndex && e.name === "MemberAdmitted") {
          e.args.stage = 4;
        }
        return e;
      }),
    );
    expect(found).toEqual({ 1: ["BindingMembers"], 2: ["BindingMembers"], 3: ["BindingMembers"] });
  });
});

describe("a dishonest check-in", () => {
  it("is flagged with exactly the figures it altered, in words", () => {
    const honest = checkIn(3);
    expect(compareCheckIn(honest, honest)).toEqual([]);
    expect(checkInVerdict([])).toBe("matches");
    const { figures } = honest;
    const inflated: CheckIn = { ...honest, figures: { ...figures, members: figures.members + 1n, moneyIn: 1n } };
    expect(compareCheckIn(inflated, honest)).toEqual(["Members", "MoneyIn"]);
    expect(checkInVerdict(compareCheckIn(inflated, honest))).toBe("differs in: members, money in");
    expect(checkInVerdict(compareCheckIn(inflated, honest), "es")).toBe("difiere en: personas socias, dinero entrante");
    const care: CheckIn = { ...honest, figures: { ...figures, payable: [figures.payable[0], figures.payable[1], 1n] } };
    expect(compareCheckIn(care, honest)).toEqual(["CarePayable"]);
    // Another period's books: the digest alone differs, whatever the case of its hex.
    expect(compareCheckIn({ ...honest, digest: checkIn(2).digest }, honest)).toEqual(["Digest"]);
    expect(
      compareCheckIn({ ...honest, digest: honest.digest.toUpperCase().replace("0X", "0x") as Hex }, honest),
    ).toEqual([]);
  });

  it("names the figures by IFederation.Figure's order", () => {
    expect(FIGURES.map((f) => f.name)).toEqual([
      "Digest",
      "Members",
      "BindingMembers",
      "LivelihoodPayable",
      "LovePayable",
      "CarePayable",
      "MoneyIn",
      "MoneyOut",
      "CreditIn",
      "CreditOut",
    ]);
  });
});

describe("the Federation contract's checkIn and CheckedIn", () => {
  const disco = deployment.contracts.governor.address as Address;
  const by = "0x00000000000000000000000000000000000000bb";

  it("encodes checkIn's figures as IFederation.Figures, payable_ included", () => {
    const data = encodeFunctionData({
      abi: federationAbi,
      functionName: "checkIn",
      args: checkInArgs(disco, 3, checkIn(3)),
    });
    const { args } = decodeFunctionData({ abi: federationAbi, data });
    const { figures } = checkIn(3);
    expect(args).toEqual([
      disco,
      3,
      checkIn(3).digest,
      {
        members: 7,
        bindingMembers: 4,
        payable_: figures.payable,
        moneyIn: figures.moneyIn,
        moneyOut: figures.moneyOut,
        creditIn: 0n,
        creditOut: 2_000n,
      },
    ]);
    const tooMany: CheckIn = { ...checkIn(3), figures: { ...figures, members: 2n ** 32n } };
    expect(() =>
      encodeFunctionData({ abi: federationAbi, functionName: "checkIn", args: checkInArgs(disco, 3, tooMany) }),
    ).toThrow(/not in safe 32-bit unsigned integer range/);
  });

  it("reads a CheckedIn event back into the check-in it records", () => {
    const [, , digest, figures, byParameter] = getAbiItem({ abi: federationAbi, name: "CheckedIn" }).inputs;
    const { digest: hash, figures: values } = checkIn(3);
    const log = {
      // Both indexed arguments given, so every topic is one hash (encodeEventTopics types a filter's, any or many).
      topics: encodeEventTopics({
        abi: federationAbi,
        eventName: "CheckedIn",
        args: { disco, period: 3 },
      }) as [Hex, ...Hex[]],
      data: encodeAbiParameters([digest, figures, byParameter], [hash, figuresTuple(values), by]),
    };
    const { eventName, args } = decodeEventLog({ abi: federationAbi, eventName: "CheckedIn", ...log });
    expect([eventName, args.disco, args.period, args.by]).toEqual(["CheckedIn", disco, 3, by]);
    expect(checkInFromEvent(args)).toEqual(checkIn(3));
    expect(compareCheckIn(checkInFromEvent(args), checkIn(3))).toEqual([]);
  });
});

describe("describeDifference", () => {
  const claimed = { ...checkIn(3), figures: { ...checkIn(3).figures, moneyIn: 1_200n * EURO, members: 1_234n } };
  const logs = { ...checkIn(3), figures: { ...checkIn(3).figures, moneyIn: 1_000n * EURO } };

  it("says a figure as checked in and as in the logs, in English and Spanish", () => {
    expect(describeDifference("MoneyIn", claimed, logs)).toBe("money in 1,200.00 € checked in, 1,000.00 € in its logs");
    expect(describeDifference("MoneyIn", claimed, logs, "es")).toBe(
      "dinero entrante: 1200,00 € en la declaración, 1000,00 € en sus registros",
    );
    expect(describeDifference("Members", claimed, logs)).toBe("members 1,234 checked in, 7 in its logs");
    // Mutual credit in euros of credit (credit cents), whatever the DisCO's currency.
    const credit = { ...claimed, figures: { ...claimed.figures, creditOut: 250_050n } };
    expect(describeDifference("CreditOut", credit, logs, "en", 18, "XYZ")).toBe(
      "mutual credit out 2,500.50 € checked in, 20.00 € in its logs",
    );
    expect(describeDifference("CreditOut", credit, logs, "es")).toBe(
      "crédito mutuo saliente: 2500,50 € en la declaración, 20,00 € en sus registros",
    );
    expect(describeDifference("LivelihoodPayable", claimed, logs)).toBe(
      "payable livelihood 1,900 checked in, 1,900 in its logs",
    );
    const digest = (d: string) => `${d.slice(0, 6)}…${d.slice(-4)}`;
    expect(describeDifference("Digest", checkIn(1), checkIn(2))).toBe(
      `books digest ${digest(checkIn(1).digest)} checked in, ${digest(checkIn(2).digest)} in its logs`,
    );
  });
});
