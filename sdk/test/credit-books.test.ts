/**
 * The credit network's audit: its folded state reconciled with what a (fake) node answers through multicall, a
 * difference in each kind of figure found, a line and payment the logs lost found through the federation's DisCOs;
 * every payment held to its reference, the payment without one, the reference paid twice between the same DisCOs
 * (however disguised) and the reference in mixed scripts found.
 */
import { keccak256, stringToHex, zeroHash, type Address, type Hex, type Log } from "viem";
import { describe, expect, it } from "vitest";
import { creditReferences, reconcileCredit, type CreditAuditClient, type CreditCheck } from "../src/audit/index.ts";
import { foldCredit, type CreditState } from "../src/credit/index.ts";
import { encodePaymentReference } from "../src/format.ts";
import { addressOf, CREDIT, creditLog, FEDERATION, timesOf } from "./federation-logs.ts";

const [A, B, C] = ["Demo", "Small", "River"].map(addressOf);
const P = addressOf("Ana");
const EUROS = 100n;
const by = addressOf("a treasurer");
const pay = (payer: Address, payee: Address, amount: bigint, paymentRef: Hex, block: number, path = [payer, payee]) =>
  creditLog("CreditPaid", { payer, payee, amount, paymentRef, path, by }, block, 0);
const HASHED = keccak256(stringToHex("an invoice kept off chain"));

/**
 * Demo and Small extend lines to each other, River one to Small (then frozen); Ana opens an account at Demo, which
 * extends her a line; Demo's treasurers get limits. Demo
 * pays Small twice under "INV-1" (an invoice paid twice), Small pays River with no reference, River pays Demo
 * through Small under a hashed reference, Small pays Demo under "INV-1" (its own invoice: not a repeat).
 */
const LOGS: Log[] = [
  creditLog("CreditNetworkFounded", { federation: FEDERATION, maxHops: 4, memberAccounts: false }, 1, 0),
  creditLog("CreditLineSet", { giver: A, receiver: B, limit: 1_000n * EUROS, by }, 2, 0),
  creditLog("CreditLineSet", { giver: B, receiver: A, limit: 1_000n * EUROS, by }, 2, 1),
  creditLog("CreditLineSet", { giver: C, receiver: B, limit: 500n * EUROS, by }, 2, 2),
  creditLog("CreditLineSet", { giver: B, receiver: C, limit: 500n * EUROS, by }, 2, 3),
  creditLog("TreasurerLimitsSet", { disco: A, budget: 300n * EUROS, lineBound: 800n * EUROS }, 2, 4),
  creditLog("AccountOpened", { account: P, disco: A }, 2, 5),
  creditLog("CreditLineSet", { giver: A, receiver: P, limit: 50n * EUROS, by }, 2, 6),
  pay(A, B, 120n * EUROS, encodePaymentReference("INV-1"), 3),
  pay(A, B, 120n * EUROS, encodePaymentReference("INV-1"), 4),
  pay(B, C, 45n * EUROS, zeroHash, 5),
  pay(C, A, 30n * EUROS, HASHED, 6, [C, B, A]),
  pay(B, A, 10n * EUROS, encodePaymentReference("INV-1"), 7),
  creditLog("CreditLineFrozen", { giver: C, receiver: B, frozen: true, by }, 8, 0),
];
const STATE = foldCredit(LOGS, CREDIT, { times: timesOf(LOGS) });

interface Call {
  functionName: "balanceOf" | "lineOf" | "treasurersOf";
  args: readonly Address[];
}

/**
 * A node answering the network's views from `state` (the contract's truth), with `edit` changing an answer; it keeps
 * each multicall's options.
 */
function fakeNode(truth: CreditState, edit: (call: Call, answer: unknown) => unknown = (_, answer) => answer) {
  const asked: { blockNumber?: bigint; deployless?: boolean; calls: number }[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const answer = ({ functionName, args }: Call): unknown => {
    if (functionName === "balanceOf") {
      const pair = truth.balances.find(
        (p) => (same(p.low, args[0]) && same(p.high, args[1])) || (same(p.low, args[1]) && same(p.high, args[0])),
      );
      return pair === undefined ? 0n : same(pair.low, args[0]) ? pair.balance : -pair.balance;
    }
    if (functionName === "lineOf") {
      const line = truth.lines.find((l) => same(l.giver, args[0]) && same(l.receiver, args[1]));
      return [line?.limit ?? 0n, line?.frozen ?? false];
    }
    const limits = truth.treasurers.find((t) => same(t.disco, args[0]));
    return { budget: limits?.budget ?? 0n, lineBound: limits?.lineBound ?? 0n, spent: 0n, period: 0 };
  };
  const client = {
    chain: undefined,
    multicall: async (options: {
      contracts: (Call & { address: Address })[];
      blockNumber?: bigint;
      deployless?: boolean;
    }) => {
      asked.push({ blockNumber: options.blockNumber, deployless: options.deployless, calls: options.contracts.length });
      for (const c of options.contracts) if (c.address !== CREDIT) throw new Error(`call to ${c.address}`);
      return options.contracts.map((call) => edit(call, answer(call)));
    },
  } as unknown as CreditAuditClient;
  return { client, asked };
}

const differing = (checks: readonly CreditCheck[]) => checks.filter((c) => !c.matched);

/** The balance check of the pair `x`, `y` (kept as lower address first), as `x`'s toward `y`: folded, on chain. */
function balanceCheck(checks: readonly CreditCheck[], x: Address, y: Address) {
  const check = checks.find((c) => c.kind === "balance" && [c.a, c.b].includes(x) && [c.a, c.b].includes(y));
  if (check?.kind !== "balance") throw new Error(`no balance check of ${x} and ${y}`);
  const sign = check.a === x ? 1n : -1n;
  return { folded: sign * check.folded, onChain: sign * check.onChain, matched: check.matched };
}
/** Small's and River's pair, lower address first, as the contract keeps it. */
const [LOW, HIGH] = B.toLowerCase() < C.toLowerCase() ? [B, C] : [C, B];

describe("reconcileCredit", () => {
  const DISCOS = [A, B, C];

  it("matches every pair's balance and lines, and every DisCO's treasurers' limits, of an honest network", async () => {
    const { client, asked } = fakeNode(STATE);
    const result = await reconcileCredit(client, STATE, DISCOS);
    expect(result.differences).toBe(0);
    expect(result.block).toBe(8);
    // Four accounts (three DisCOs and Ana): six pairs, each pair's balance once and its lines both ways; three
    // DisCOs' limits (only Demo's set; Ana is a person).
    const kinds = result.checks.map((c) => c.kind);
    expect(kinds.filter((k) => k === "balance")).toHaveLength(6);
    expect(kinds.filter((k) => k === "line")).toHaveLength(12);
    const limits = result.checks.flatMap((c) => (c.kind === "treasurers" ? [[c.disco, c.folded] as const] : []));
    expect(new Map(limits)).toEqual(
      new Map([
        [A, { budget: 300n * EUROS, lineBound: 800n * EUROS }],
        [B, { budget: 0n, lineBound: 0n }],
        [C, { budget: 0n, lineBound: 0n }],
      ]),
    );
    // Demo paid 240, River's 30 reached Demo through Small, Small paid Demo 10: Demo owes Small 200; Small paid
    // River 45 and carried River's 30: it owes River 15.
    expect(balanceCheck(result.checks, A, B)).toEqual({ folded: -200n * EUROS, onChain: -200n * EUROS, matched: true });
    expect(balanceCheck(result.checks, B, C)).toEqual({ folded: -15n * EUROS, onChain: -15n * EUROS, matched: true });
    expect(balanceCheck(result.checks, A, C)).toEqual({ folded: 0n, onChain: 0n, matched: true });
    // Every view read at the state's last block, in one deployless multicall on a chain without Multicall3.
    expect(asked.map((a) => [a.blockNumber, a.deployless, a.calls])).toEqual([[8n, true, 6 + 12 + 3]]);
  });

  it("finds a balance, a line and a treasurers' limit that differ from the contract's", async () => {
    const { client } = fakeNode(STATE, (call, answer) => {
      if (call.functionName === "balanceOf" && call.args[0] === LOW && call.args[1] === HIGH) {
        return (answer as bigint) + 1n;
      }
      if (call.functionName === "lineOf" && call.args[0] === C && call.args[1] === B) return [500n * EUROS, false];
      if (call.functionName === "treasurersOf" && call.args[0] === A) return { budget: 1n, lineBound: 800n * EUROS };
      return answer;
    });
    const result = await reconcileCredit(client, STATE, DISCOS);
    const owed = LOW === B ? -15n * EUROS : 15n * EUROS;
    expect(differing(result.checks)).toEqual([
      { kind: "balance", a: LOW, b: HIGH, folded: owed, onChain: owed + 1n, matched: false },
      {
        kind: "line",
        giver: C,
        receiver: B,
        folded: { limit: 500n * EUROS, frozen: true },
        onChain: { limit: 500n * EUROS, frozen: false },
        matched: false,
      },
      {
        kind: "treasurers",
        disco: A,
        folded: { budget: 300n * EUROS, lineBound: 800n * EUROS },
        onChain: { budget: 1n, lineBound: 800n * EUROS },
        matched: false,
      },
    ]);
    expect(result.differences).toBe(3);
  });

  it("finds the payment a fold lost: its pair differs", async () => {
    const lost = foldCredit(
      LOGS.filter((log) => log.blockNumber !== 5n),
      CREDIT,
      { times: timesOf(LOGS) },
    );
    const { client } = fakeNode(STATE);
    const result = await reconcileCredit(client, lost, DISCOS);
    // Without Small's 45 to River, the fold has River owing Small the 30 it carried.
    expect(differing(result.checks)).toHaveLength(1);
    expect(balanceCheck(result.checks, B, C)).toEqual({ folded: 30n * EUROS, onChain: -15n * EUROS, matched: false });
  });

  it("reads the pairs of every DisCO the federation admitted: a dropped line and its payments are found", async () => {
    // A fourth DisCO, Lake: Demo extends it a line and Lake pays Demo along it; the provider drops both logs.
    const D = addressOf("Lake");
    const lake = [
      creditLog("CreditLineSet", { giver: A, receiver: D, limit: 100n * EUROS, by }, 9, 0),
      pay(D, A, 60n * EUROS, encodePaymentReference("LAKE-1"), 10),
    ];
    const truth = foldCredit(lake, STATE, { times: timesOf(lake) });
    const served = { ...STATE, lastBlock: truth.lastBlock };
    const { client } = fakeNode(truth);
    // Known only from the credit logs, Lake is nowhere: the audit would pass.
    expect((await reconcileCredit(client, served, DISCOS)).differences).toBe(0);
    // Known from the federation, its pair with Demo is read: the balance and the line differ.
    const result = await reconcileCredit(client, served, [...DISCOS, D]);
    expect(differing(result.checks).map((c) => c.kind)).toEqual(["balance", "line"]);
    expect(balanceCheck(result.checks, D, A)).toEqual({ folded: 0n, onChain: -60n * EUROS, matched: false });
    expect(result.differences).toBe(2);
  });
});

describe("creditReferences", () => {
  it("gives each payment its reference in words, and finds the one without and the invoice paid twice", () => {
    const found = creditReferences(STATE);
    expect(found.payments.map((r) => [r.payment.payer, r.words, r.missing, r.paidBefore])).toEqual([
      [A, "INV-1", false, 0],
      [A, "INV-1", false, 1],
      [B, null, true, 0],
      [C, null, false, 0],
      // Small's own INV-1 to Demo: another payer, not a repeat.
      [B, "INV-1", false, 0],
    ]);
    expect(found.unreferenced.map((p) => [p.payer, p.payee, p.amount])).toEqual([[B, C, 45n * EUROS]]);
    expect(found.repeated).toHaveLength(1);
    const [twice] = found.repeated;
    expect([twice.payer, twice.payee, twice.paymentRef]).toEqual([A, B, encodePaymentReference("INV-1")]);
    expect(twice.payments.map((p) => p.blockNumber)).toEqual([3, 4]);
  });

  it("keeps an account's payments as payer or payee, not those it carried", () => {
    const river = creditReferences(STATE, C);
    expect(river.payments.map((r) => [r.payment.payer, r.payment.payee])).toEqual([
      [B, C],
      [C, A],
    ]);
    expect([river.unreferenced.length, river.repeated.length]).toEqual([1, 0]);
    // Small carried River's payment to Demo: not among its own.
    expect(creditReferences(STATE, B).payments.map((r) => r.payment.blockNumber)).toEqual([3, 4, 5, 7]);
  });

  it("finds a repeat hidden by case, spaces, a zero-width space or a full-width letter", () => {
    const again = (text: string, block: number) => ({
      ...STATE.payments[0],
      paymentRef: encodePaymentReference(text),
      blockNumber: block,
    });
    for (const text of ["INV-1\u200B", "inv-1 ", "\uFF29NV-1", "IN\u2060V-1"]) {
      const found = creditReferences({ payments: [...STATE.payments, again(text, 9)] });
      expect(found.repeated, JSON.stringify(text)).toHaveLength(1);
      expect(found.repeated[0].payments.map((p) => p.blockNumber)).toEqual([3, 4, 9]);
      expect(found.payments.at(-1)?.paidBefore).toBe(2);
    }
    // Another invoice is no repeat.
    expect(creditReferences({ payments: [...STATE.payments, again("INV-2", 9)] }).repeated).toHaveLength(1);
  });

  it("finds a reference mixing Latin with Cyrillic or Greek letters, not one in a single script", () => {
    const paid = (text: string) => ({ ...STATE.payments[0], paymentRef: encodePaymentReference(text) });
    // A Cyrillic І, then a Greek Ν, among Latin letters: each reads as "INV-1".
    for (const text of ["\u0406NV-1", "I\u039DV-1"]) {
      const found = creditReferences({ payments: [paid(text)] });
      expect(found.mixedScripts, text).toHaveLength(1);
      expect(found.repeated).toHaveLength(0);
    }
    for (const text of ["INV-1", "Счёт 7", "Τιμολόγιο 7", "Factura 7 · Café"]) {
      expect(creditReferences({ payments: [paid(text)] }).mixedScripts, text).toHaveLength(0);
    }
  });
});
