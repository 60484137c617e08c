/**
 * The audit of a federation's mutual-credit network, browser-safe: its folded state (loadCredit) reconciled with
 * the contract's own views (every pair's balance, every line, every DisCO's treasurers' limits, read many to a call
 * with viem's multicall), its balances summed, and every payment held to its reference.
 */
import type { Address, Hex, PublicClient } from "viem";
import { balanceOf, lineOf, netPosition, type CreditPayment, type CreditState } from "../credit/index.ts";
import { hasPaymentReference, mixesScripts, paymentReference, paymentReferenceKey } from "../format.ts";
import { creditAbi } from "../generated/abis.ts";

// ------------------------------------------------------------------------------------------------ RECONCILE

/** One figure of the network as its logs fold it and as the contract answers it. */
export type CreditCheck = { matched: boolean } & (
  | { kind: "balance"; a: Address; b: Address; folded: bigint; onChain: bigint }
  | {
      kind: "line";
      giver: Address;
      receiver: Address;
      folded: { limit: bigint; frozen: boolean };
      onChain: { limit: bigint; frozen: boolean };
    }
  | {
      kind: "treasurers";
      disco: Address;
      folded: { budget: bigint; lineBound: bigint };
      onChain: { budget: bigint; lineBound: bigint };
    }
);

export interface CreditReconciliation {
  /** The block every view was read at: the state's last. */
  block: number;
  /** Balances (`a`'s toward `b`, a pair once), lines, then treasurers' limits. */
  checks: CreditCheck[];
  /**
   * Every account's balances summed, as folded (their net positions) and as the contract answers them (each pair read
   * both ways): 0 and 0 in a network whose balances sum to zero.
   */
  sum: { folded: bigint; onChain: bigint };
  /** The checks that differ, and each sum that is not zero. */
  differences: number;
}

/** What reconcileCredit needs of a viem client. */
export type CreditAuditClient = Pick<PublicClient, "multicall" | "chain">;

const lower = (a: string) => a.toLowerCase();

/**
 * The network's folded state against the contract's views at the state's last block: the balance of every pair a
 * payment, clearing or settlement touched or a line joins (read both ways, to sum them), every line ever set or
 * frozen (limit and frozen), and the treasurers' budget and line bound of every DisCO (not a person's account) that
 * had them set or holds a line or balance (0 and 0 when never set). Read with viem's multicall, deployless on a chain that names no
 * Multicall3. Throws when a view reverts.
 */
export async function reconcileCredit(client: CreditAuditClient, state: CreditState): Promise<CreditReconciliation> {
  const pairs = new Map<string, [Address, Address]>();
  const addPair = (a: Address, b: Address) => {
    const [low, high] = lower(a) < lower(b) ? [a, b] : [b, a];
    pairs.set(`${lower(low)} ${lower(high)}`, [low, high]);
  };
  for (const { low, high } of state.balances) addPair(low, high);
  for (const { giver, receiver } of state.lines) addPair(giver, receiver);
  const discos = new Map<string, Address>();
  for (const { disco } of state.treasurers) discos.set(lower(disco), disco);
  const persons = new Set(state.accounts.map((a) => lower(a.account)));
  for (const [a, b] of pairs.values()) {
    for (const account of [a, b]) if (!persons.has(lower(account))) discos.set(lower(account), account);
  }

  const read = {
    allowFailure: false,
    blockNumber: BigInt(state.lastBlock),
    deployless: client.chain?.contracts?.multicall3 === undefined,
  } as const;
  const at = { address: state.address, abi: creditAbi } as const;
  const both = [...pairs.values()].flatMap(([a, b]) => [[a, b] as const, [b, a] as const]);
  const [balances, lines, treasurers] = await Promise.all([
    client.multicall({ ...read, contracts: both.map((args) => ({ ...at, functionName: "balanceOf" as const, args })) }),
    client.multicall({
      ...read,
      contracts: state.lines.map((l) => ({
        ...at,
        functionName: "lineOf" as const,
        args: [l.giver, l.receiver] as const,
      })),
    }),
    client.multicall({
      ...read,
      contracts: [...discos.values()].map((disco) => ({
        ...at,
        functionName: "treasurersOf" as const,
        args: [disco] as const,
      })),
    }),
  ]);

  const checks: CreditCheck[] = [];
  [...pairs.values()].forEach(([a, b], i) => {
    const folded = balanceOf(state, a, b);
    checks.push({ kind: "balance", a, b, folded, onChain: balances[2 * i], matched: folded === balances[2 * i] });
  });
  state.lines.forEach(({ giver, receiver }, i) => {
    const folded = lineOf(state, giver, receiver);
    const [limit, frozen] = lines[i];
    const matched = folded.limit === limit && folded.frozen === frozen;
    checks.push({ kind: "line", giver, receiver, folded, onChain: { limit, frozen }, matched });
  });
  [...discos.values()].forEach((disco, i) => {
    const limits = state.treasurers.find((t) => lower(t.disco) === lower(disco));
    const folded = { budget: limits?.budget ?? 0n, lineBound: limits?.lineBound ?? 0n };
    const { budget, lineBound } = treasurers[i];
    const matched = folded.budget === budget && folded.lineBound === lineBound;
    checks.push({ kind: "treasurers", disco, folded, onChain: { budget, lineBound }, matched });
  });

  const accounts = new Set(state.balances.flatMap((p) => [p.low, p.high]));
  const sum = {
    folded: [...accounts].reduce((total, account) => total + netPosition(state, account), 0n),
    onChain: balances.reduce((total, balance) => total + balance, 0n),
  };
  const differences =
    checks.filter((c) => !c.matched).length + (sum.folded === 0n ? 0 : 1) + (sum.onChain === 0n ? 0 : 1);
  return { block: state.lastBlock, checks, sum, differences };
}

// ------------------------------------------------------------------------------------------------ REFERENCES

/** A payment beside its reference. */
export interface CreditReference {
  payment: CreditPayment;
  /** The reference as typed (paymentReference); null when there is none, or it is a hash. */
  words: string | null;
  /** Its bytes32 is zero: the payment names nothing it pays for. */
  missing: boolean;
  /** How many payments before it, between the same payer and payee, named the same reference (0: the first). */
  paidBefore: number;
}

export interface CreditReferences {
  /** Each payment (of the account, as payer or payee, when one is given), in chain order. */
  payments: CreditReference[];
  /** Findings: the payments with no reference... */
  unreferenced: CreditPayment[];
  /** ...each reference paid more than once between the same payer and payee, with its payments (the first's reference)... */
  repeated: { payer: Address; payee: Address; paymentRef: Hex; payments: CreditPayment[] }[];
  /** ...and the payments whose reference mixes Latin letters with Cyrillic or Greek ones. */
  mixedScripts: CreditPayment[];
}

/**
 * Every payment of the network (or those `account` made or received) with its reference in words, and the findings:
 * a payment with no reference; a reference paid more than once between the same payer and payee (an invoice paid
 * twice, or two invoices under one number), references compared as paymentReferenceKey does (so that "INV-7" and
 * "inv-7 " or "INV-7" with a zero-width space are one); and a reference mixing Latin with Cyrillic or Greek letters
 * (mixesScripts: "ІNV-7" reads as "INV-7" but is not it). A reference left empty is never "repeated": it is already a
 * finding.
 */
export function creditReferences(state: Pick<CreditState, "payments">, account?: Address): CreditReferences {
  const own = state.payments.filter(
    (p) => account === undefined || lower(p.payer) === lower(account) || lower(p.payee) === lower(account),
  );
  const groups = new Map<string, CreditReferences["repeated"][number]>();
  const payments = own.map((payment): CreditReference => {
    const missing = !hasPaymentReference(payment.paymentRef);
    let paidBefore = 0;
    if (!missing) {
      const key = `${lower(payment.payer)} ${lower(payment.payee)} ${paymentReferenceKey(payment.paymentRef)}`;
      const { payer, payee, paymentRef } = payment;
      const group = groups.get(key) ?? { payer, payee, paymentRef, payments: [] };
      paidBefore = group.payments.length;
      group.payments.push(payment);
      groups.set(key, group);
    }
    return { payment, words: paymentReference(payment.paymentRef) ?? null, missing, paidBefore };
  });
  return {
    payments,
    unreferenced: payments.filter((r) => r.missing).map((r) => r.payment),
    repeated: [...groups.values()].filter((g) => g.payments.length > 1),
    mixedScripts: own.filter((p) => mixesScripts(p.paymentRef)),
  };
}
