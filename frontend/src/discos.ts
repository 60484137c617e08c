/**
 * Which DisCO a visit opens: the one its address names by membership address, found among those recorded in the
 * network's deployments file at once, else among those the network's factory started (its events: one request);
 * the network's first when the address names none, or one nobody started.
 */
import { recordedDisCO, type Deployment } from "@disco-ledger/sdk/deployment";
import type { FoundDisCO } from "@disco-ledger/sdk/discovery";
import type { AppNetwork } from "./network.ts";

export interface OpenedDisCO {
  deployment: Deployment;
  /** The address's DisCO when no DisCO of the network has it: the first is shown instead, and says so. */
  missing?: string;
}

/**
 * The DisCO whose membership is at `membership` (undefined: the network's `first`): recorded, else among those
 * `discover` finds (asked only then; failing to ask is as finding none).
 */
export async function openDisCO(
  network: AppNetwork,
  first: Deployment,
  membership: string | undefined,
  discover: () => Promise<FoundDisCO[]>,
): Promise<OpenedDisCO> {
  if (membership === undefined) return { deployment: first };
  const recorded = recordedDisCO(network, membership);
  if (recorded) return { deployment: recorded };
  const found = (await discover().catch(() => [])).find(
    (disco) => disco.contracts.membership.address.toLowerCase() === membership.toLowerCase(),
  );
  return found ? { deployment: found } : { deployment: first, missing: membership };
}
