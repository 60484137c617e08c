/**
 * What a DisCO checks in with, or a peer recomputes, for a final period: checkInOf over the DisCO's own logs, their
 * blocks' times, the time of the last block and the federation's credit network, all read from the node. The seed
 * and the CLI share it.
 */
import { getAddress, type PublicClient } from "viem";
import { blocksToTime, loadBlockTimes } from "@disco-ledger/sdk/audit";
import { loadCredit } from "@disco-ledger/sdk/credit";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { checkInOf, type CheckIn, type CheckInSource, type FoundFederation } from "@disco-ledger/sdk/federation";
import { loadHistory } from "@disco-ledger/sdk/history";

/**
 * A DisCO's history as checkInOf reads it, up to the node's latest block, with the credit network of the federation
 * it checks in to (`credit`, founded in the federation's block).
 */
export async function checkInSourceOf(
  client: PublicClient,
  deployment: Deployment,
  federation: Pick<FoundFederation, "credit" | "blockNumber">,
): Promise<CheckInSource> {
  const { state, snapshot } = await loadHistory(client, deployment);
  const times = await loadBlockTimes(client, blocksToTime(state, true));
  const { timestamp: now } = await client.getBlock({ blockNumber: BigInt(snapshot.lastBlock) });
  const network = await loadCredit(client, { address: federation.credit, blockNumber: federation.blockNumber });
  const credit = { state: network, account: getAddress(deployment.contracts.membership.address) };
  return { state, deployment, times, now, credit };
}

/** The check-in of each period to `federation`, from one load of the DisCO's history. */
export async function checkInsOf(
  client: PublicClient,
  deployment: Deployment,
  federation: Pick<FoundFederation, "credit" | "blockNumber">,
  periods: readonly number[],
): Promise<CheckIn[]> {
  const source = await checkInSourceOf(client, deployment, federation);
  return periods.map((period) => checkInOf(source, period));
}
