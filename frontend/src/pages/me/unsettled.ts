/**
 * A capital account's closed years that have not reached it yet. The capital accounts settle a member's years lazily
 * (at their next capital action: a claim, a contribution, a redemption), so their AllocationSettled or LossCharged
 * event comes only then; the account's value (currentAccountOf) already counts them. From the year's close on, the
 * history shows each one as the contract's allocationOf reads it.
 */
import { RAY, type CapitalState } from "@disco-ledger/sdk/history";
import type { CapitalLine } from "./figures.ts";

/** ICapitalAccounts.allocationOf(member, year): patronage, cash, shares, loss charge. */
export type Allocation = readonly [patronage: bigint, cash: bigint, shares: bigint, charge: bigint];

/** The closed years after the ones settled into `member`'s account, oldest first. */
export function unsettledYears(capital: Pick<CapitalState, "years" | "accounts">, member: string): number[] {
  const settled = capital.accounts.get(member.toLowerCase())?.settledYears ?? 0;
  return [...capital.years.keys()].filter((year) => year > settled).sort((a, b) => a - b);
}

/**
 * History lines for unsettled years, at each year's close, from their allocations (undefined while read): a surplus
 * year's cash and retained value at the year's index, a loss year's charge. A year that brought no patronage has none.
 */
export function unsettledLines(
  capital: Pick<CapitalState, "years">,
  years: readonly number[],
  allocations: ReadonlyArray<Allocation | undefined>,
): CapitalLine[] {
  return years.flatMap((year, i): CapitalLine[] => {
    const closed = capital.years.get(year);
    const allocation = allocations[i];
    if (!closed || !allocation || allocation[0] === 0n) return [];
    const [, cash, shares, charge] = allocation;
    const at = { block: closed.block, logIndex: closed.logIndex };
    if (closed.atLoss) return [{ ...at, kind: "loss", year, value: charge }];
    const index = closed.split?.index ?? RAY;
    return [{ ...at, kind: "allocation", year, cash, value: (shares * index) / RAY }];
  });
}
