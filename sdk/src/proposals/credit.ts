/**
 * A DisCO's decisions in its federation's mutual-credit network, as proposals of the DisCO: each builder gives the
 * calls its timelock makes (on the network: set or freeze a line, set its treasurers' limits, pay; with its treasury
 * and currency: settle a debt in money), with the description the members read, in their language. What a treasurer,
 * a person or anyone sends directly (pay, lines, clearing a cycle, opening an account) are viem `writeContract`
 * arguments here too. Pure, typed by the generated ABIs.
 */
import { erc20Abi, type Address, type ContractFunctionArgs, type Hex } from "viem";
import { ERROR_SENTENCES } from "../errors.ts";
import {
  CREDIT_DECIMALS,
  creditEuros,
  hasPaymentReference,
  paymentReference,
  pluralForm,
  type Lang,
} from "../format.ts";
import { creditAbi, treasuryAbi } from "../generated/abis.ts";
import { decisionOn, fillWords, type DecisionWrite, type DisCODecision, type NamedAddress } from "./federation.ts";

const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    line: "Extend to {receiver} a mutual-credit line of {limit} in the federation “{fed}”",
    freeze: "Freeze our mutual-credit line to {receiver} in the federation “{fed}”: it carries nothing until unfrozen",
    unfreeze: "Unfreeze our mutual-credit line to {receiver} in the federation “{fed}”",
    limits:
      "Let our treasurers pay up to {budget} in mutual credit per 30-day period (counted from 1 January 1970) and set lines up to {bound} in the federation “{fed}”",
    pay_one: "Pay {amount} in mutual credit to {payee} in the federation “{fed}”, over {hops} line",
    pay_other: "Pay {amount} in mutual credit to {payee} in the federation “{fed}”, over {hops} lines",
    reference: ": reference “{ref}”",
    referenceHash: ": reference {ref}",
    settle:
      "Settle {amount} of our mutual-credit debt to {creditor} in the federation “{fed}”: the treasury pays it into theirs",
    settleReason: "Mutual-credit settlement with {creditor}",
  },
  es: {
    line: "Conceder a {receiver} una línea de crédito mutuo de {limit} en la federación «{fed}»",
    freeze:
      "Congelar nuestra línea de crédito mutuo a {receiver} en la federación «{fed}»: no lleva nada hasta descongelarla",
    unfreeze: "Descongelar nuestra línea de crédito mutuo a {receiver} en la federación «{fed}»",
    limits:
      "Permitir a nuestra tesorería pagar hasta {budget} en crédito mutuo por periodo de 30 días (contados desde el 1 de enero de 1970) y fijar líneas de hasta {bound} en la federación «{fed}»",
    pay_one: "Pagar {amount} en crédito mutuo a {payee} en la federación «{fed}», por {hops} línea",
    pay_other: "Pagar {amount} en crédito mutuo a {payee} en la federación «{fed}», por {hops} líneas",
    reference: ": referencia «{ref}»",
    referenceHash: ": referencia {ref}",
    settle:
      "Liquidar {amount} de nuestra deuda de crédito mutuo con {creditor} en la federación «{fed}»: nuestra tesorería lo paga a la suya",
    settleReason: "Liquidación de crédito mutuo con {creditor}",
  },
};

const say = (lang: Lang, key: string, params: Record<string, string | number | bigint>): string =>
  fillWords(WORDS[lang][key], params);

/** Credit cents as euros. */

/**
 * One call to the credit network. `network` is the network's address (FoundFederation's `credit`) with its
 * federation's name, as the members know it.
 */
const onCredit = <const name extends DecisionWrite<typeof creditAbi>>(
  network: NamedAddress,
  functionName: name,
  args: ContractFunctionArgs<typeof creditAbi, "nonpayable", name>,
  description: string,
): DisCODecision => decisionOn(creditAbi, network.address, functionName, args, description);

/** Sets the line the DisCO (`giver`) extends to `receiver`: how far the receiver may owe it, in credit cents. */
export const setCreditLineCall = (
  network: NamedAddress,
  giver: Address,
  receiver: NamedAddress,
  limit: bigint,
  lang: Lang = "en",
): DisCODecision =>
  onCredit(
    network,
    "setCreditLine",
    setCreditLineArgs(giver, receiver.address, limit),
    say(lang, "line", { receiver: receiver.name, limit: creditEuros(limit, lang), fed: network.name }),
  );

/** Freezes (or unfreezes) the line the DisCO extends to `receiver`, keeping its limit. */
export const freezeCreditLineCall = (
  network: NamedAddress,
  giver: Address,
  receiver: NamedAddress,
  frozen: boolean,
  lang: Lang = "en",
): DisCODecision =>
  onCredit(
    network,
    "freezeCreditLine",
    freezeCreditLineArgs(giver, receiver.address, frozen),
    say(lang, frozen ? "freeze" : "unfreeze", { receiver: receiver.name, fed: network.name }),
  );

/** Sets the DisCO's treasurers' budget per 30-day period and the highest line they may set, in credit cents. */
export const setTreasurerLimitsCall = (
  network: NamedAddress,
  disco: Address,
  budget: bigint,
  lineBound: bigint,
  lang: Lang = "en",
): DisCODecision =>
  onCredit(
    network,
    "setTreasurerLimits",
    [disco, budget, lineBound],
    say(lang, "limits", { budget: creditEuros(budget, lang), bound: creditEuros(lineBound, lang), fed: network.name }),
  );

/**
 * A payment by the members' vote: `amount` credit cents from the DisCO (`payer`) to `payee` along `path` (findPath's),
 * with its reference (encodePaymentReference), shown in words when it is text.
 */
export function creditPayCall(
  network: NamedAddress,
  payer: Address,
  payee: NamedAddress,
  path: readonly Address[],
  amount: bigint,
  paymentRef: Hex,
  lang: Lang = "en",
): DisCODecision {
  const hops = path.length - 1;
  const words = paymentReference(paymentRef);
  const ref = !hasPaymentReference(paymentRef)
    ? ""
    : say(lang, words === undefined ? "referenceHash" : "reference", { ref: words ?? paymentRef });
  const pay = say(lang, `pay_${pluralForm(hops, lang)}`, {
    amount: creditEuros(amount, lang),
    payee: payee.name,
    fed: network.name,
    hops,
  });
  return onCredit(network, "pay", creditPayArgs(payer, payee.address, path, amount, paymentRef), pay + ref);
}

/** What a settlement in money needs: the pair, and the debtor DisCO's timelock, treasury and currency. */
export interface SettleInput {
  debtor: Address;
  creditor: NamedAddress;
  /** Credit cents, at most what the debtor owes. */
  amount: bigint;
  timelock: Address;
  treasury: Address;
  currency: Address;
  /** The currency's decimals (at least 2). */
  decimals: number;
}

/**
 * Settles part of the DisCO's debt to `creditor` in money, through its treasury: the treasury spends the tokens to
 * the DisCO's timelock, the timelock lets the network take them, and the network moves them into the creditor's
 * treasury and the debt toward zero. The DisCO's books show the treasury's payment; the creditor's, the money in.
 * Throws, in words, for a currency with fewer than two decimals (it has no cents).
 */
export function settleCall(network: NamedAddress, s: SettleInput, lang: Lang = "en"): DisCODecision {
  if (s.decimals < CREDIT_DECIMALS) {
    throw new Error(fillWords(ERROR_SENTENCES[lang].CreditCurrencyDecimals, { currency: s.currency }));
  }
  const tokens = s.amount * 10n ** BigInt(s.decimals - CREDIT_DECIMALS);
  const reason = say(lang, "settleReason", { creditor: s.creditor.name });
  const settle = onCredit(
    network,
    "settle",
    [s.debtor, s.creditor.address, s.amount],
    say(lang, "settle", { amount: creditEuros(s.amount, lang), creditor: s.creditor.name, fed: network.name }),
  );
  return {
    calls: [
      ...decisionOn(treasuryAbi, s.treasury, "spend", [s.timelock, tokens, reason], reason).calls,
      ...decisionOn(erc20Abi, s.currency, "approve", [network.address, tokens], reason).calls,
      ...settle.calls,
    ],
    description: settle.description,
  };
}

// ------------------------------------------------------------------------------------------------ DIRECT WRITES

/** pay's arguments, for a treasurer within the budget or a person's own account. */
export const creditPayArgs = (
  payer: Address,
  payee: Address,
  path: readonly Address[],
  amount: bigint,
  paymentRef: Hex,
) => [payer, payee, path, amount, paymentRef] as const;

/** setCreditLine's arguments, for a treasurer within the bound or a person's own account. */
export const setCreditLineArgs = (giver: Address, receiver: Address, limit: bigint) =>
  [giver, receiver, limit] as const;

/** freezeCreditLine's arguments. */
export const freezeCreditLineArgs = (giver: Address, receiver: Address, frozen: boolean) =>
  [giver, receiver, frozen] as const;

/** clearCycle's arguments (findCycles' suggestion): anyone may send it. */
export const clearCycleArgs = (cycle: readonly Address[], amount: bigint) => [cycle, amount] as const;

/** openAccount's arguments: a Committed member of `disco` opens their own account. */
export const openAccountArgs = (disco: Address) => [disco] as const;
