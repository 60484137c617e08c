/**
 * Each member DisCO's currency (its own token, which need not be this DisCO's), and its money figures written in it:
 * a peer whose token has 18 decimals is read with 18, not with the 6 of this DisCO's euro.
 */
import { moneyToCent, type Lang } from "@disco-ledger/sdk/format";
import type { Address } from "viem";

export interface Currency {
  address: Address;
  symbol: string;
  decimals: number;
}

/** An amount of `currency`, rounded to the cent, with its symbol. */
export const moneyIn = (amount: bigint, currency: Currency, lang: Lang): string =>
  moneyToCent(amount, lang, currency.decimals, currency.symbol);

/** Whether two tokens are the same currency (the same contract). */
export const sameCurrency = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
