/**
 * What a DisCO checks in with, or a peer recomputes, for a final period: checkInOf over the DisCO's own logs, their
 * blocks' times and the time of the last block, all read from the node. The seed and the CLI share it.
 */
import type { PublicClient } from "viem";
import { blocksToTime, loadBlockTimes } from "@disco-ledger/sdk/audit";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { checkInOf, type CheckIn, type CheckInSource } from "@disco-ledger/sdk/federation";
import { loadHistory } from "@disco-ledger/sdk/history";

/** A DisCO's history as checkInOf reads it, up to the node's latest block. */
export async function checkInSourceOf(client: PublicClient, deployment: Deployment): Promise<CheckInSource> {
  const { state, snapshot } = await loadHistory(client, deployment);
  const times = await loadBlockTimes(client, blocksToTime(state, true));
  const { timestamp: now } = await client.getBlock({ blockNumber: BigInt(snapshot.lastBlock) });
  return { state, deployment, times, now };
}

/** The check-in of each period, from one load of the DisCO's history. */
export async function checkInsOf(
  client: PublicClient,
  deployment: Deployment,
  periods: readonly number[],
): Promise<CheckIn[]> {
  const source = await checkInSourceOf(client, deployment);
  return periods.map((period) => checkInOf(source, period));
}
