/**
 * The DisCO's currency for the CLI: amounts typed in and printed in its units (its decimals read once per run), shown
 * with "€" as the app shows them, not the token's symbol.
 */
import { euros } from "@disco-ledger/sdk/format";
import { parseMoney } from "@disco-ledger/sdk/proposals";
import type { Address } from "viem";
import { need, send, UsageError, type Context } from "./context.ts";

interface Currency {
  decimals: number;
}

// Read once per run: every amount a command prints would otherwise cost one more RPC call.
const currencies = new WeakMap<Context, Promise<Currency>>();

function currencyOf(ctx: Context): Promise<Currency> {
  let currency = currencies.get(ctx);
  if (currency === undefined) {
    currency = ctx.token.read.decimals().then((decimals) => ({ decimals: Number(decimals) }));
    currencies.set(ctx, currency);
  }
  return currency;
}

export async function money(ctx: Context, text: string | undefined, what: string): Promise<bigint> {
  const value = need(text, what);
  const { decimals } = await currencyOf(ctx);
  const amount = parseMoney(value, decimals);
  if (amount !== null && amount > 0n) return amount;
  throw new UsageError(`Not a positive amount with at most ${decimals} decimals: ${value}`);
}

/** An amount in euros, two decimals at least, ungrouped so that it can be typed back: "1250.00 €". */
export async function show(ctx: Context, amount: bigint): Promise<string> {
  const { decimals } = await currencyOf(ctx);
  return `${euros(amount, decimals)} €`;
}

/** Lets `spender` take `amount` of the acting account's currency: before paying into the treasury or capital. */
export async function approveCurrency(ctx: Context, spender: Address, amount: bigint): Promise<void> {
  await send(ctx, { address: ctx.token.address, abi: ctx.token.abi, functionName: "approve", args: [spender, amount] });
}
