/** The DisCO shown, as the credit page's parts name it, and what they all read of the network. */
import type { Address } from "viem";
import type { CreditState } from "@disco-ledger/sdk/credit";
import type { FederationState } from "@disco-ledger/sdk/federation";
import { deployment } from "../../chain.ts";

/** The DisCO shown: its account in a credit network is its membership address (its id in the federation). */
export const OURS = deployment.contracts.membership.address;
export const OUR_NAME = deployment.name ?? "";

export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface CreditView {
  fed: FederationState;
  state: CreditState;
  /** The federation's active member DisCOs, in its order. */
  active: Address[];
  /** The active ones other than the DisCO shown. */
  peers: Address[];
  /** Whether the DisCO shown is an active member (has an account). */
  member: boolean;
  /** A DisCO's or person's name, else the short address. */
  name: (account: string) => string;
  /** The chain's time, unix seconds. */
  now: number;
  /** Reloads the network (after a transaction). */
  refetch: () => void;
}
