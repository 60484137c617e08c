/**
 * A credit network folded from its logs: lines, balances, accounts and treasurers' limits as the contract keeps them,
 * the same whether the logs are folded at once or in parts; balances, lines, net positions and hop capacities as the
 * contract answers; each account's payments and settlements; the network found with its federation.
 */
import { getAddress, parseEventLogs, zeroHash, type Log } from "viem";
import { describe, expect, it } from "vitest";
import {
  balanceOf,
  creditFlowsOf,
  foldCredit,
  hopCapacity,
  lineOf,
  loadCredit,
  netPosition,
  treasurerAllowance,
  type CreditState,
} from "../src/credit/index.ts";
import { federationsCreated } from "../src/federation/index.ts";
import { encodePaymentReference } from "../src/format.ts";
import { creditAbi, factoryAbi } from "../src/generated/abis.ts";
import { addressOf, contractLog, CREDIT, creditLog, FEDERATION, timeOfBlock, timesOf } from "./federation-logs.ts";

const [A, B, C] = ["Demo", "Small", "River"].map(addressOf);
const P = addressOf("Ana");
const EUROS = 100n;
const timelockA = addressOf("Demo timelock");
const treasurerA = addressOf("Demo treasurer");
const currency = addressOf("Euro coin");
const INVOICE = encodePaymentReference("INV-S-001");
const line = (giver: string, receiver: string, limit: bigint, block: number, logIndex: number) =>
  creditLog("CreditLineSet", { giver, receiver, limit, by: timelockA }, block, logIndex);

/**
 * Demo, Small and River extend lines to each other; Demo pays Small, Small pays River, River pays Demo; the cycle
 * Demo -> Small -> River -> Demo is cleared; Demo pays River through Small; River freezes its line to Demo; Ana opens
 * an account at Demo, then at Small; Demo settles part of its debt to Small; Small lowers its line to Demo below the
 * debt.
 */
const LOGS: Log[] = [
  creditLog("CreditNetworkFounded", { federation: FEDERATION, maxHops: 4, memberAccounts: true }, 1, 0),
  line(A, B, 1_000n * EUROS, 2, 0),
  line(B, A, 1_000n * EUROS, 2, 1),
  line(B, C, 2_000n * EUROS, 2, 2),
  line(C, B, 2_000n * EUROS, 2, 3),
  line(C, A, 500n * EUROS, 2, 4),
  line(A, C, 500n * EUROS, 2, 5),
  creditLog("TreasurerLimitsSet", { disco: A, budget: 300n * EUROS, lineBound: 1_000n * EUROS }, 3, 0),
  creditLog("AccountOpened", { account: P, disco: A }, 3, 1),
  creditLog(
    "CreditPaid",
    { payer: A, payee: B, amount: 120n * EUROS, paymentRef: INVOICE, path: [A, B], by: treasurerA },
    4,
    0,
  ),
  creditLog("CreditPaid", { payer: B, payee: C, amount: 50n * EUROS, paymentRef: zeroHash, path: [B, C], by: B }, 5, 0),
  creditLog("CreditPaid", { payer: C, payee: A, amount: 80n * EUROS, paymentRef: zeroHash, path: [C, A], by: C }, 5, 1),
  creditLog("CycleCleared", { cycle: [A, B, C, A], amount: 50n * EUROS, by: P }, 6, 0),
  creditLog(
    "CreditPaid",
    { payer: A, payee: C, amount: 20n * EUROS, paymentRef: zeroHash, path: [A, B, C], by: timelockA },
    7,
    0,
  ),
  creditLog("CreditLineFrozen", { giver: C, receiver: A, frozen: true, by: C }, 8, 0),
  creditLog("AccountOpened", { account: P, disco: B }, 8, 1),
  creditLog(
    "Settled",
    { debtor: A, creditor: B, amount: 40n * EUROS, currency, tokens: 40n * 10n ** 18n, by: timelockA },
    9,
    0,
  ),
  creditLog("CreditLineSet", { giver: B, receiver: A, limit: 10n * EUROS, by: B }, 10, 0),
];
const fold = (logs: Log[], previous?: CreditState) => foldCredit(logs, previous ?? CREDIT, { times: timesOf(logs) });

describe("foldCredit", () => {
  const state = fold(LOGS);

  it("takes the network's settings from CreditNetworkFounded", () => {
    expect(state).toMatchObject({ address: CREDIT, federation: FEDERATION, maxHops: 4, memberAccounts: true });
    expect(state.lastBlock).toBe(10);
  });

  it("keeps one balance per pair, the lower address's, moved by payments, clearings and settlements", () => {
    // A owed B 120, cleared 50, 20 more through B, settled 40: 50. B owed C 50, cleared, then 20 through B. C owed A
    // 80, cleared 50: 30.
    expect(balanceOf(state, A, B)).toBe(-50n * EUROS);
    expect(balanceOf(state, B, A)).toBe(50n * EUROS);
    expect(balanceOf(state, B, C)).toBe(-20n * EUROS);
    expect(balanceOf(state, A, C)).toBe(30n * EUROS);
    expect(balanceOf(state, A, P)).toBe(0n);
    expect(state.balances).toHaveLength(3);
    for (const pair of state.balances) expect(pair.low.toLowerCase() < pair.high.toLowerCase()).toBe(true);
  });

  it("nets each account's balances, summing to zero over the network", () => {
    expect(netPosition(state, A)).toBe(-20n * EUROS);
    expect(netPosition(state, B)).toBe(30n * EUROS);
    expect(netPosition(state, C)).toBe(-10n * EUROS);
    expect(netPosition(state, P)).toBe(0n);
  });

  it("keeps one line per giver and receiver: its last limit and frozen flag, who acted and when", () => {
    expect(state.lines).toHaveLength(6);
    expect(lineOf(state, C, A)).toEqual({ limit: 500n * EUROS, frozen: true });
    expect(lineOf(state, B, A)).toEqual({ limit: 10n * EUROS, frozen: false });
    expect(lineOf(state, A, P)).toEqual({ limit: 0n, frozen: false });
    const frozen = state.lines.find((l) => l.giver === C && l.receiver === A);
    expect(frozen).toMatchObject({ by: C, time: Number(timeOfBlock(8)) });
  });

  it("gives a hop's capacity as the contract checks it: the balance plus the next node's line, 0 when frozen", () => {
    // A may owe C only what C owes it: C froze its line.
    expect(hopCapacity(state, A, C)).toBe(30n * EUROS);
    // C owes A 30 and may owe 500.
    expect(hopCapacity(state, C, A)).toBe(470n * EUROS);
    // B is owed 50 by A, and A's line to B is 1,000.
    expect(hopCapacity(state, B, A)).toBe(1_050n * EUROS);
    // A owes B 50 and B lowered its line to 10: nothing more, never below zero.
    expect(hopCapacity(state, A, B)).toBe(0n);
    expect(hopCapacity(state, P, A)).toBe(0n);
  });

  it("keeps a person's one account with the home DisCO last named, and the treasurers' limits", () => {
    expect(state.accounts).toEqual([{ account: P, disco: B, time: Number(timeOfBlock(8)) }]);
    expect(state.treasurers).toEqual([
      { disco: A, budget: 300n * EUROS, lineBound: 1_000n * EUROS, time: Number(timeOfBlock(3)) },
    ]);
  });

  it("records payments, clearings and settlements in chain order with where and when", () => {
    expect(state.payments.map((p) => [p.payer, p.payee, p.amount])).toEqual([
      [A, B, 120n * EUROS],
      [B, C, 50n * EUROS],
      [C, A, 80n * EUROS],
      [A, C, 20n * EUROS],
    ]);
    expect(state.payments[0]).toMatchObject({ paymentRef: INVOICE, path: [A, B], by: treasurerA, blockNumber: 4 });
    expect(state.payments[2]).toMatchObject({ logIndex: 1, time: Number(timeOfBlock(5)) });
    expect(state.clearings).toEqual([
      expect.objectContaining({ cycle: [A, B, C, A], amount: 50n * EUROS, by: P, blockNumber: 6 }),
    ]);
    expect(state.settlements).toEqual([
      expect.objectContaining({ debtor: A, creditor: B, amount: 40n * EUROS, currency, tokens: 40n * 10n ** 18n }),
    ]);
  });

  it("folds in parts to the state of all the logs at once", () => {
    for (let cut = 1; cut < LOGS.length; cut++) {
      // Parts end at a block's end.
      if (LOGS[cut].blockNumber === LOGS[cut - 1].blockNumber) continue;
      expect(fold(LOGS.slice(cut), fold(LOGS.slice(0, cut)))).toEqual(state);
    }
  });

  it("leaves the previous state as it was", () => {
    const before = fold(LOGS.slice(0, 9));
    const copy = structuredClone(before);
    fold(LOGS.slice(9), before);
    expect(before).toEqual(copy);
  });

  it("takes decoded logs as they are and leaves other contracts' out", () => {
    const decoded = parseEventLogs({ abi: creditAbi, logs: LOGS, strict: true });
    const other = creditLog("CreditPaid", { ...decoded[9].args }, 4, 1, addressOf("another network"));
    expect(foldCredit([...decoded, other], CREDIT, { times: timesOf(LOGS) })).toEqual(state);
  });

  it("folds only the expected network's logs: a forged founding from another contract is left out", () => {
    const forger = addressOf("forged network");
    const forged = creditLog(
      "CreditNetworkFounded",
      { federation: forger, maxHops: 9, memberAccounts: false },
      1,
      0,
      forger,
    );
    const gift = creditLog("CreditLineSet", { giver: A, receiver: P, limit: 10n ** 12n, by: A }, 2, 9, forger);
    expect(fold([forged, ...LOGS, gift])).toEqual(state);
    expect(() => fold([forged, ...LOGS.slice(1)])).toThrow(`The logs of credit network ${CREDIT} start with`);
  });

  it("refuses logs without the network's founding, logs folded before, and logs of unknown time", () => {
    expect(() => fold(LOGS.slice(1))).toThrow("CreditNetworkFounded");
    expect(() => fold(LOGS.slice(8), fold(LOGS.slice(0, 9)))).toThrow("fold the logs after block 3");
    expect(() => foldCredit(LOGS, CREDIT)).toThrow("No timestamp for block 1");
  });
});

describe("creditFlowsOf", () => {
  const state = fold(LOGS);

  it("gives an account's payments as payer or payee and its settlements, in chain order", () => {
    const flows = creditFlowsOf(state, A);
    expect(flows.map((f) => [f.kind, f.direction, f.counterparty, f.amount, f.blockNumber])).toEqual([
      ["payment", "out", B, 120n * EUROS, 4],
      ["payment", "in", C, 80n * EUROS, 5],
      ["payment", "out", C, 20n * EUROS, 7],
      ["settlement", "out", B, 40n * EUROS, 9],
    ]);
    expect(flows[0]).toMatchObject({ paymentRef: INVOICE, tokens: null });
    expect(flows[3]).toMatchObject({ paymentRef: null, tokens: 40n * 10n ** 18n, time: Number(timeOfBlock(9)) });
  });

  it("leaves out the payments an account only carried, and settles toward the creditor as money in", () => {
    expect(creditFlowsOf(state, B).map((f) => [f.kind, f.direction, f.counterparty, f.blockNumber])).toEqual([
      ["payment", "in", A, 4],
      ["payment", "out", C, 5],
      ["settlement", "in", A, 9],
    ]);
    expect(creditFlowsOf(state, P)).toEqual([]);
  });
});

describe("loadCredit", () => {
  /** A node holding `logs`, its head at `head`. */
  const node = (head: number) => ({
    getBlockNumber: async () => BigInt(head),
    getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) =>
      LOGS.filter((log) => log.blockNumber! >= fromBlock && log.blockNumber! <= toBlock),
    getBlock: async ({ blockNumber }: { blockNumber: bigint }) => ({ timestamp: timeOfBlock(Number(blockNumber)) }),
  });

  it("folds the network's logs since its founding, then only the later ones onto the earlier state", async () => {
    const network = { address: CREDIT, blockNumber: 1 };
    const early = await loadCredit(node(5) as never, network);
    expect(early.lastBlock).toBe(5);
    expect(early.payments).toHaveLength(3);
    const later = await loadCredit(node(12) as never, network, early);
    expect(later).toEqual({ ...fold(LOGS), lastBlock: 12 });
    expect(await loadCredit(node(12) as never, network, later)).toEqual(later);
  });
});

describe("federationsCreated", () => {
  it("names each federation's credit network", () => {
    const factory = getAddress(addressOf("factory"));
    const log = contractLog(
      factoryAbi,
      "FederationCreated",
      { federation: FEDERATION, founder: A, name: "Commons Federation", credit: CREDIT },
      7,
      0,
      factory,
    );
    const chain = { chainId: 31337, network: "localhost", factory: { address: factory, blockNumber: 1 } };
    expect(federationsCreated([log], chain)).toEqual([
      expect.objectContaining({ address: FEDERATION, credit: CREDIT, blockNumber: 7 }),
    ]);
  });
});

describe("treasurerAllowance", () => {
  const PERIOD = 30 * 86_400;
  const now = 100 * PERIOD + 5;
  const record = { budget: 50_000n, spent: 20_000n, period: 100 };

  it("is the budget less what was spent in the current period, renewed when the period ends", () => {
    expect(treasurerAllowance(record, now, PERIOD)).toEqual({ spent: 20_000n, left: 30_000n, renews: 101 * PERIOD });
  });

  it("is the whole budget once a new period starts, as the contract counts afresh", () => {
    expect(treasurerAllowance(record, 101 * PERIOD, PERIOD)).toEqual({
      spent: 0n,
      left: 50_000n,
      renews: 102 * PERIOD,
    });
  });

  it("is never below zero when the members cut the budget below what was spent", () => {
    expect(treasurerAllowance({ ...record, budget: 10_000n }, now, PERIOD).left).toBe(0n);
  });
});
