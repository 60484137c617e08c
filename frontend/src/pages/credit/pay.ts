/**
 * A payment to another DisCO as the page prepares it before anything is signed: which accounts a path may pass
 * through, the path the SDK finds for the amount (findPath) and the most one payment can carry now (maxPayable), and
 * what is wrong with the reference typed. Pure.
 */
import type { Address } from "viem";
import { creditGraph, findPath, maxPayable, type CreditPath, type CreditState } from "@disco-ledger/sdk/credit";
import { PAYMENT_REFERENCE_BYTES, utf8Bytes } from "@disco-ledger/sdk/format";

const lower = (a: string) => a.toLowerCase();

/**
 * The accounts a payment may pass through now, as the contract checks each node after the payer: the federation's
 * active member DisCOs, and the persons' accounts whose DisCO is one of them (the contract also wants the person
 * Committed there; a path through one who is no longer is refused on chain, and says so).
 */
export function pathAccounts(state: CreditState, activeDiscos: readonly Address[]): Address[] {
  const active = new Set(activeDiscos.map(lower));
  const persons = state.accounts.filter((a) => active.has(lower(a.disco))).map((a) => a.account);
  return [...activeDiscos, ...persons];
}

export interface PaymentRoute {
  /** The path for the amount: fewest hops, then least new debt, then widest; null when none can carry it. */
  path: CreditPath | null;
  /** The widest path within the network's hops: what one payment can carry now; null when nothing can. */
  widest: CreditPath | null;
}

/** How `payer` can pay `payee` `amount` credit cents now, among `accounts`. */
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
