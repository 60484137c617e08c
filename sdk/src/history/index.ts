/**
 * A DisCO's whole history from the chain: fetch every log of a deployment (adaptive ranges, retries, a cache to
 * resume from), decode it by the contracts' ABIs, fold it into the books, and fold each new block's logs onto them.
 * Browser-safe; the Node file cache is in scripts/lib/history/file-cache.ts.
 */
import type { Deployment } from "../deployment.ts";
import { createLogDecoder, type ContractName, type DecodedHistory } from "./decode.ts";
import { fetchHistory, type FetchOptions, type HistorySnapshot, type RawLog, type RpcClient } from "./fetch.ts";
import { createEventFolder, type HistoryState } from "./fold/index.ts";
import { restoreProgress, saveProgress, type SavedFolder } from "./saved.ts";

export * from "./decode.ts";
export * from "./fetch.ts";
export * from "./fold/index.ts";
export { fromTaggedJson, logsAfter, SAVED_FOLDER_VERSION, toTaggedJson, type SavedFolder } from "./saved.ts";

/** A deployment's state folded from its logs so far, which folds later logs onto it. */
export interface HistoryFolder {
  readonly state: HistoryState;
  /** Every log applied so far, decoded, in chain order, and those no contract's ABI knows. */
  readonly decoded: DecodedHistory;
  /**
   * Decodes and folds `logs`, which come after every log applied so far (a fetch's next range or a new block's).
   * Throws when they tell a history the contracts could not have made (a log missing or altered), or come out of
   * order; after that the folder refuses more.
   */
  apply(logs: readonly RawLog[]): void;
  /**
   * Folds events decoded before, as `apply` folds the logs they came from: a cache that keeps decoded events (a
   * browser's IndexedDB clones bigints) resumes the books without decoding the history again.
   */
  applyDecoded(history: DecodedHistory): void;
  /**
   * The folder's progress as plain JSON data (state, the fold's own context, what it decoded), which
   * `createHistoryFolder(deployment, saved)` resumes from. Throws after a fold failed.
   */
  save(): SavedFolder;
}

/** The little of a deployment that decoding and folding need: its contracts' addresses. */
export interface DeploymentAddresses {
  contracts: Readonly<Record<ContractName, { address: string }>>;
}

/**
 * A folder of the deployment's history from its start, or from where `saved` (a folder's `save()`) stopped: then
 * only the logs after those it folded are applied (`logsAfter` finds them in a fetched history). Throws when `saved`
 * is of another deployment or format version, or not a saved folder.
 */
export function createHistoryFolder(deployment: DeploymentAddresses, saved?: SavedFolder): HistoryFolder {
  const decode = createLogDecoder(deployment.contracts);
  const restored = saved && restoreProgress(saved, deployment.contracts);
  const folder = createEventFolder(deployment.contracts.treasury.address, restored?.progress);
  const decoded: DecodedHistory = restored?.decoded ?? { events: [], unknown: [] };
  const applyDecoded = (slice: DecodedHistory) => {
    const [last, next] = [decoded.events.at(-1), slice.events[0]];
    if (last && next && (next.block < last.block || (next.block === last.block && next.logIndex <= last.logIndex))) {
      throw new Error(
        `Logs out of order: block ${next.block}, log ${next.logIndex} after block ${last.block}, log ${last.logIndex}`,
      );
    }
    folder.fold(slice.events);
    for (const event of slice.events) decoded.events.push(event);
    for (const log of slice.unknown) decoded.unknown.push(log);
  };
  return {
    state: folder.state,
    decoded,
    apply: (logs) => applyDecoded(decode(logs)),
    applyDecoded,
    save: () => saveProgress(deployment.contracts, folder.progress(), decoded),
  };
}

/** Fetches, decodes and folds a deployment's history: the state, the logs it came from and any unknown logs. */
export async function loadHistory(
  client: RpcClient,
  deployment: Deployment,
  options: FetchOptions = {},
): Promise<{ state: HistoryState; snapshot: HistorySnapshot; decoded: DecodedHistory }> {
  const snapshot = await fetchHistory(client, deployment, options);
  return { ...foldSnapshot(snapshot, deployment), snapshot };
}

/**
 * Decodes and folds fetched logs. Throws when they tell a history the contracts could not have made (a log missing
 * or altered), which a caller can tell apart from a failure to fetch them.
 */
export function foldSnapshot(
  snapshot: { logs: readonly RawLog[] },
  deployment: DeploymentAddresses,
): { state: HistoryState; decoded: DecodedHistory } {
  const folder = createHistoryFolder(deployment);
  folder.apply(snapshot.logs);
  return { state: folder.state, decoded: folder.decoded };
}
