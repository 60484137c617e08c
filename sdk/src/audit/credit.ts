/**
 * The audit of a federation's mutual-credit network, browser-safe: its folded state (loadCredit) reconciled with
 * the contract's own views (every pair's balance, every line, every DisCO's treasurers' limits, read many to a call
 * with viem's multicall) for every pair of the accounts known, and every payment held to its reference.
 */
import type { Address, Hex, PublicClient } from "viem";
import { balanceOf, lineOf, type CreditPayment, type CreditState } from "../credit/index.ts";
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
  /** Balances (`a`'s toward `b`, each pair once), lines (each pair both ways), then treasurers' limits. */
  checks: CreditCheck[];
  /** The checks that differ. */
  differences: number;
}

/** What reconcileCredit needs of a viem client. */
export type CreditAuditClient = Pick<PublicClient, "multicall" | "chain">;

const lower = (a: string) => a.toLowerCase();

/** One view of the contract reconcileCredit reads. */
type View =
  | { functionName: "balanceOf" | "lineOf"; args: readonly [Address, Address] }
  | { functionName: "treasurersOf"; args: readonly [Address] };

/**
 * The network's folded state against the contract's views at the state's last block, for every account known from
 * elsewhere as well as from the fold (so that logs a provider left out show as a difference, not as a pair nobody
 * reads): `discos` (every DisCO ever admitted to the federation, from its own fold), persons' accounts, and every
 * account the fold's lines, balances and limits name. For each pair of them: its balance, and the line each extends
 * the other (limit and frozen); for each DisCO (not a person's account): its treasurers' budget and line bound (0 and
 * 0 when never set). Read in one multicall, deployless on a chain that names no Multicall3. Throws when a view
 * reverts.
 */
export async function reconcileCredit(
  client: CreditAuditClient,
  state: CreditState,
  discos: readonly Address[],
): Promise<CreditReconciliation> {
  const known = new Map<string, Address>();
  const persons = new Set(state.accounts.map((a) => lower(a.account)));
  for (const account of [
    ...discos,
    ...state.accounts.map((a) => a.account),
    ...state.lines.flatMap((l) => [l.giver, l.receiver]),
    ...state.balances.flatMap((b) => [b.low, b.high]),
    ...state.treasurers.map((t) => t.disco),
  ]) {
    if (!known.has(lower(account))) known.set(lower(account), account);
  }
  const accounts = [...known.values()].sort((a, b) => (lower(a) < lower(b) ? -1 : 1));
  const pairs = accounts.flatMap((a, i) => accounts.slice(i + 1).map((b) => [a, b] as const));
  const ways = pairs.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]);
  const treasuries = accounts.filter((a) => !persons.has(lower(a)));

  const views: View[] = [
    ...pairs.map((args) => ({ functionName: "balanceOf" as const, args })),
    ...ways.map((args) => ({ functionName: "lineOf" as const, args })),
    ...treasuries.map((disco) => ({ functionName: "treasurersOf" as const, args: [disco] as const })),
  ];
  const answers = (await client.multicall({
    allowFailure: false,
    blockNumber: BigInt(state.lastBlock),
    deployless: client.chain?.contracts?.multicall3 === undefined,
    contracts: views.map((view) => ({ address: state.address, abi: creditAbi, ...view })),
  })) as unknown[];

  const checks: CreditCheck[] = [];
  pairs.forEach(([a, b], i) => {
    const folded = balanceOf(state, a, b);
    const onChain = answers[i] as bigint;
    checks.push({ kind: "balance", a, b, folded, onChain, matched: folded === onChain });
  });
  ways.forEach(([giver, receiver], i) => {
    const folded = lineOf(state, giver, receiver);
    const [limit, frozen] = answers[pairs.length + i] as readonly [bigint, boolean];
    const matched = folded.limit === limit && folded.frozen === frozen;
    checks.push({ kind: "line", giver, receiver, folded, onChain: { limit, frozen }, matched });
  });
  treasuries.forEach((disco, i) => {
    const limits = state.treasurers.find((t) => lower(t.disco) === lower(disco));
    const folded = { budget: limits?.budget ?? 0n, lineBound: limits?.lineBound ?? 0n };
    const { budget, lineBound } = answers[pairs.length + ways.length + i] as { budget: bigint; lineBound: bigint };
    const matched = folded.budget === budget && folded.lineBound === lineBound;
    checks.push({ kind: "treasurers", disco, folded, onChain: { budget, lineBound }, matched });
  });
  return { block: state.lastBlock, checks, differences: checks.filter((c) => !c.matched).length };
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
