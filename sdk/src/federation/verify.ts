/**
 * Peer verification of a federation's check-ins: each member DisCO's history fetched once from its own logs, its
 * books folded up to just before each check-in's CheckedIn log, the federation's credit network loaded once, and the
 * check-in recomputed with checkInOf and compared. Browser-safe.
 */
import { getAddress, type Address, type PublicClient } from "viem";
import { blocksToTime, loadBlockTimes } from "../audit/timeline.ts";
import { loadCredit, type CreditState } from "../credit/index.ts";
import type { FoundDisCO } from "../discovery.ts";
import { tokenAbi } from "../generated/abis.ts";
import { createHistoryFolder, fetchHistory, type HistoryCache, type RpcClient } from "../history/index.ts";
import { checkInOf, compareCheckIn, type CheckIn, type FigureName } from "./checkins.ts";
import type { FoundFederation } from "./discovery.ts";
import type { FederationCheckIn, FederationReader, FederationState } from "./fold.ts";

/**
 * A DisCO's own currency, in which its money in and out are counted: the factory checks only that it answers
 * decimals(), so it may be anything (a token of its own could log any transfer); compare it with yours.
 */
export interface CheckInCurrency {
  address: Address;
  /** Its symbol() as it answers it (anyone's text: print it as such), or null when it answers none. */
  symbol: string | null;
  decimals: number;
}

/** A check-in beside its recomputation from the DisCO's logs. */
export interface CheckInCheck {
  checkIn: FederationCheckIn;
  /** The DisCO's currency, or null when the DisCO is unknown or its token does not answer decimals(). */
  currency: CheckInCurrency | null;
  /** What the DisCO's logs give for the period, or null when they could not be read or folded (see `error`). */
  recomputed: CheckIn | null;
  /** The figures that differ, in FIGURES' order: none when it matches (or could not be recomputed). */
  differs: FigureName[];
  /** Why it could not be recomputed: the DisCO unknown, its logs not what its contracts could have made, ... */
  error?: string;
}

export interface VerifyOptions {
  /** Where fetched histories are kept (fetchHistory's cache)... */
  cache?: HistoryCache;
  /** ...and each DisCO's key there (default: fetchHistory's). */
  cacheKey?: (disco: FoundDisCO) => string;
  /** Block times already known; filled with those read. */
  times?: Map<number, bigint>;
  /** The federation's credit network already loaded (loadCredit), at or after the latest check-in: not loaded again. */
  credit?: CreditState;
}

/**
 * What verification needs of a viem client: its requests (the logs), block headers (their times), calls (each
 * DisCO's currency) and the credit network's logs.
 */
export type VerifyClient = RpcClient & FederationReader & Pick<PublicClient, "readContract">;

/** A DisCO's currency as its token answers, or null when it does not answer decimals(). */
export async function currencyOf(
  client: Pick<PublicClient, "readContract">,
  token: string,
): Promise<CheckInCurrency | null> {
  const address = getAddress(token);
  const read = <const name extends "decimals" | "symbol">(functionName: name) =>
    client.readContract({ address, abi: tokenAbi, functionName });
  let decimals: number;
  try {
    decimals = Number(await read("decimals"));
  } catch {
    return null;
  }
  const symbol = await read("symbol").catch(() => null);
  return { address, symbol, decimals };
}

/**
 * Every check-in of `fed`, in its order, recomputed from its DisCO's own logs: each DisCO's history fetched once, up
 * to the block of its latest check-in, and folded onto itself check-in by check-in, so that each is recomputed from
 * the logs before its own CheckedIn log: those of earlier blocks, and those earlier in its block (a final period's
 * books still change when it is funded later, even by a later transaction of the same block). `discos` are the
 * factory's (discoverDisCOs): a check-in of a DisCO not among them, or whose logs do not fold, is reported with an
 * error. Each check carries its DisCO's currency, in which its money figures are counted. The credit figures come
 * from the federation's credit network (`federation`'s `credit`, founded in its block), loaded once up to the chain's
 * head: a period's payments are all before its close, so before its check-in. Throws when the network's logs do not
 * fold (its own audit, audit/credit.ts, says more).
 */
export async function verifyCheckIns(
  client: VerifyClient,
  federation: Pick<FoundFederation, "credit" | "blockNumber">,
  fed: FederationState,
  discos: readonly FoundDisCO[],
  options: VerifyOptions = {},
): Promise<CheckInCheck[]> {
  const times = options.times ?? new Map<number, bigint>();
  const credit =
    options.credit ??
    (fed.checkIns.length === 0
      ? null
      : await loadCredit(client, { address: federation.credit, blockNumber: federation.blockNumber }));
  const checks = new Map<FederationCheckIn, CheckInCheck>();
  const byDisCO = new Map<string, FederationCheckIn[]>();
  for (const c of fed.checkIns) byDisCO.set(c.disco.toLowerCase(), [...(byDisCO.get(c.disco.toLowerCase()) ?? []), c]);
  for (const [id, checkIns] of byDisCO) {
    const deployment = discos.find((d) => d.contracts.membership.address.toLowerCase() === id);
    let currency: CheckInCurrency | null = null;
    const failed = (error: string) => {
      for (const checkIn of checkIns.filter((c) => !checks.has(c))) {
        checks.set(checkIn, { checkIn, currency, recomputed: null, differs: [], error });
      }
    };
    if (!deployment) {
      failed(`No DisCO ${checkIns[0].disco} among the factory's: its logs can't be found`);
      continue;
    }
    currency = await currencyOf(client, deployment.contracts.token.address);
    const ordered = [...checkIns].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
    const toBlock = ordered.at(-1)?.blockNumber ?? 0;
    const snapshot = await fetchHistory(client, deployment, {
      toBlock,
      cache: options.cache,
      cacheKey: options.cacheKey?.(deployment),
    });
    const folder = createHistoryFolder(deployment);
    let applied = 0;
    try {
      for (const checkIn of ordered) {
        // The first log at or after the CheckedIn log in the chain (none shares its place).
        const upTo = snapshot.logs.findIndex(
          (log) =>
            log.blockNumber > checkIn.blockNumber ||
            (log.blockNumber === checkIn.blockNumber && log.index >= checkIn.logIndex),
        );
        const end = upTo < 0 ? snapshot.logs.length : upTo;
        folder.apply(snapshot.logs.slice(applied, end));
        applied = end;
        await loadBlockTimes(client, blocksToTime(folder.state, true), times);
        const account = getAddress(checkIn.disco);
        const source = {
          state: folder.state,
          deployment,
          times,
          now: BigInt(checkIn.time),
          credit: credit && { state: credit, account },
        };
        try {
          const recomputed = checkInOf(source, checkIn.period);
          checks.set(checkIn, { checkIn, currency, recomputed, differs: compareCheckIn(checkIn, recomputed) });
        } catch (error) {
          checks.set(checkIn, { checkIn, currency, recomputed: null, differs: [], error: (error as Error).message });
        }
      }
    } catch (error) {
      failed(`${deployment.name}'s logs tell a history its contracts could not have made: ${(error as Error).message}`);
    }
  }
  return fed.checkIns.map((checkIn) => checks.get(checkIn) as CheckInCheck);
}
