/** The currency's transfers into and out of the treasury: the money movements and the balance they add up to. */
import type { DecodedEvent } from "../decode.ts";
import { impossible, lower, place, type FoldContext, type Place } from "./context.ts";

/** One token Transfer into or out of the treasury. */
export interface MoneyMovement extends Place {
  direction: "in" | "out";
  from: string;
  to: string;
  amount: bigint;
}

/** Folds one token Transfer: fetching asks only for those to or from the treasury. */
export function foldToken(context: FoldContext, e: DecodedEvent<"token">): void {
  if (e.name !== "Transfer") return;
  const { state, treasury } = context;
  const { from, to, value: amount } = e.args;
  const direction = lower(to) === treasury ? "in" : lower(from) === treasury ? "out" : null;
  if (direction === null) throw impossible(e, `a transfer neither to nor from the treasury`);
  if (lower(from) === lower(to)) return;
  state.treasuryBalance += direction === "in" ? amount : -amount;
  if (state.treasuryBalance < 0n) throw impossible(e, `the treasury pays out more than it holds`);
  state.movements.push({ ...place(e), direction, from, to, amount });
}
