/** The DisCO's currency for the CLI: amounts typed in and printed in its units, read once per run. */
import { formatUnits, parseUnits } from "ethers";
import { DemoEuro__factory, type DemoEuro } from "../../types/ethers-contracts/index.js";
import { need, UsageError, type Context } from "./context.ts";

interface Currency {
  token: DemoEuro;
  decimals: number;
  symbol: string;
}

// Read once per run: every amount a command prints would otherwise cost three more RPC calls.
const currencies = new WeakMap<Context, Promise<Currency>>();

function currencyOf(ctx: Context): Promise<Currency> {
  let currency = currencies.get(ctx);
  if (currency === undefined) {
    const token = DemoEuro__factory.connect(ctx.deployment.contracts.token.address, ctx.provider);
    currency = Promise.all([token.decimals(), token.symbol()]).then(([decimals, symbol]) => ({
      token,
      decimals: Number(decimals),
      symbol,
    }));
    currencies.set(ctx, currency);
  }
  return currency;
}

export async function token(ctx: Context): Promise<DemoEuro> {
  return (await currencyOf(ctx)).token;
}

export async function money(ctx: Context, text: string | undefined, what: string): Promise<bigint> {
  const value = need(text, what);
  const { decimals } = await currencyOf(ctx);
  try {
    const amount = parseUnits(value, decimals);
    if (amount > 0n) return amount;
  } catch {
    // refused below
  }
  throw new UsageError(`Not a positive amount with at most ${decimals} decimals: ${value}`);
}

export async function show(ctx: Context, amount: bigint): Promise<string> {
  const { decimals, symbol } = await currencyOf(ctx);
  return `${formatUnits(amount, decimals)} ${symbol}`;
}
