/**
 * A DisCO's whole history from the chain: fetch every log of a deployment (adaptive ranges, retries, a cache to
 * resume from), decode it by the contracts' ABIs, fold it into the books. Browser-safe; the Node file cache is in
 * ./file-cache.ts.
 */
import type { Deployment } from "../deployment.ts";
import { decodeLogs, type DecodedHistory } from "./decode.ts";
import { fetchHistory, type FetchOptions, type HistorySnapshot, type LogProvider, type RawLog } from "./fetch.ts";
import { foldHistory, type HistoryState } from "./fold.ts";

export * from "./decode.ts";
export * from "./fetch.ts";
export * from "./fold.ts";

/** Fetches, decodes and folds a deployment's history: the state, the logs it came from and any unknown logs. */
export async function loadHistory(
  provider: LogProvider,
  deployment: Deployment,
  options: FetchOptions = {},
): Promise<{ state: HistoryState; snapshot: HistorySnapshot; decoded: DecodedHistory }> {
  const snapshot = await fetchHistory(provider, deployment, options);
  return { ...foldSnapshot(snapshot, deployment), snapshot };
}

/**
 * Decodes and folds fetched logs. Throws when they tell a history the contracts could not have made (a log missing
 * or altered), which a caller can tell apart from a failure to fetch them.
 */
export function foldSnapshot(
  snapshot: { logs: readonly RawLog[] },
  deployment: Pick<Deployment, "contracts">,
): { state: HistoryState; decoded: DecodedHistory } {
  const decoded = decodeLogs(snapshot.logs, deployment.contracts);
  return { state: foldHistory(decoded.events, deployment.contracts.treasury.address), decoded };
}
