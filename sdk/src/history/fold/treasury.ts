/** The treasury's events: payments in, funded periods and the payouts claimed from them, spending, and recoveries. */
import type { DecodedEvent } from "../decode.ts";
import { getOrMake, impossible, lower, place, type FoldContext, type Place } from "./context.ts";
import { periodOf, type PerStream } from "./ledger.ts";

export interface Funding extends Place {
  period: number;
  treasurer: string;
  amount: bigint;
  bucketsBps: number[];
  streamPools: PerStream;
  /** The period's payable work per stream, from the ledger's events (what pools are shared by). */
  periodPayable: PerStream;
  claimed: bigint;
}

export interface TreasuryState {
  payIns: Array<Place & { payer: string; amount: bigint; paymentRef: string }>;
  fundings: Map<number, Funding>;
  /** Member (lowercase) to period to the amount claimed. */
  claims: Map<string, Map<number, bigint>>;
  claimList: Array<Place & { member: string; period: number; amount: bigint }>;
  spends: Array<Place & { to: string; amount: bigint; reason: string }>;
  bucketChanges: Array<Place & { bucketsBps: number[] }>;
  buckets: number[] | null;
  /** Funded payouts not claimed yet, rounding dust included: ITreasury.owed(). */
  owed: bigint;
}

/** Tokens the members sent back from a contract (ITokenRecovery.TokensRecovered). */
export interface Recovery extends Place {
  /** The contract the tokens were recovered from. */
  contract: DecodedEvent["contract"];
  address: string;
  token: string;
  to: string;
  amount: bigint;
}

export const emptyTreasury = (): TreasuryState => ({
  payIns: [],
  fundings: new Map(),
  claims: new Map(),
  claimList: [],
  spends: [],
  bucketChanges: [],
  buckets: null,
  owed: 0n,
});

/** Folds one treasury event. */
export function foldTreasury(context: FoldContext, e: DecodedEvent<"treasury">): void {
  const { treasury } = context.state;
  switch (e.name) {
    case "PaidIn": {
      const { payer, amount, paymentRef } = e.args;
      treasury.payIns.push({ ...place(e), payer, amount, paymentRef });
      break;
    }
    case "PeriodFunded": {
      const { period, treasurer, amount } = e.args;
      if (treasury.fundings.has(period)) throw impossible(e, `period ${period} funded twice`);
      const state = periodOf(context, e, period);
      if (state.closedAt === null) throw impossible(e, `period ${period} funded before it closed`);
      const streamPools: PerStream = [...e.args.streamPools];
      if (streamPools.reduce((a, b) => a + b, 0n) !== amount) throw impossible(e, `pools don't add up to ${amount}`);
      treasury.fundings.set(period, {
        ...place(e),
        period,
        treasurer,
        amount,
        bucketsBps: [...e.args.bucketsBps],
        streamPools,
        periodPayable: [...state.totals.payable],
        claimed: 0n,
      });
      treasury.owed += amount;
      break;
    }
    case "PayoutClaimed": {
      const { member, period, amount } = e.args;
      const funding = treasury.fundings.get(period);
      if (!funding) throw impossible(e, `period ${period} claimed before it was funded`);
      const claims = getOrMake(treasury.claims, lower(member), () => new Map<number, bigint>());
      if (claims.has(period)) throw impossible(e, `${member} claimed period ${period} twice`);
      if (funding.claimed + amount > funding.amount)
        throw impossible(e, `period ${period} paid out beyond its funding`);
      claims.set(period, amount);
      funding.claimed += amount;
      treasury.claimList.push({ ...place(e), member, period, amount });
      treasury.owed -= amount;
      break;
    }
    case "Spent": {
      const { to, amount, reason } = e.args;
      treasury.spends.push({ ...place(e), to, amount, reason });
      break;
    }
    case "BucketsSet":
      treasury.buckets = [...e.args.bucketsBps];
      treasury.bucketChanges.push({ ...place(e), bucketsBps: treasury.buckets });
      break;
  }
}

/** Folds a TokensRecovered of any of the deployment's contracts. */
export function foldRecovery({ state }: FoldContext, e: Extract<DecodedEvent, { name: "TokensRecovered" }>): void {
  const { token, to, amount } = e.args;
  state.recoveries.push({ ...place(e), contract: e.contract, address: e.address, token, to, amount });
}
