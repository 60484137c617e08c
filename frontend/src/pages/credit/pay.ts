/**
 * A payment to another DisCO as the page prepares it before anything is signed: the path the SDK finds for the amount
 * (findPath) among the accounts a path may pass through (creditAccounts), the most one payment can carry now
 * (maxPayable), and what is wrong with the reference typed. Pure.
 */
import type { Address } from "viem";
import { creditGraph, findPath, maxPayable, type CreditPath, type CreditState } from "@disco-ledger/sdk/credit";
import { PAYMENT_REFERENCE_BYTES, utf8Bytes } from "@disco-ledger/sdk/format";

export interface PaymentRoute {
  /** The path for the amount: fewest hops, then least new debt, then widest; null when none can carry it. */
  path: CreditPath | null;
  /** The widest path within the network's hops: what one payment can carry now; null when nothing can. */
  widest: CreditPath | null;
}

/** How `payer` can pay `payee` `amount` credit cents now, among `accounts` (the SDK's creditAccounts). */
export function paymentRoute(
  state: CreditState,
  accounts: readonly Address[],
  payer: Address,
  payee: Address,
  amount: bigint,
): PaymentRoute {
  const graph = creditGraph(state, accounts);
  return {
    path: amount > 0n ? findPath(graph, payer, payee, amount, state.maxHops) : null,
    widest: maxPayable(graph, payer, payee, state.maxHops),
  };
}

/** What is wrong with a payment reference as typed: none given, or longer than the contract's 32 bytes. */
export function referenceProblem(text: string): "empty" | "long" | null {
  if (text.trim() === "") return "empty";
  return utf8Bytes(text.trim()) > PAYMENT_REFERENCE_BYTES ? "long" : null;
}
