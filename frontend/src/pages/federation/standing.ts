/**
 * How a DisCO stands in a federation, for the federation list's tags: a member; an applicant while its application
 * can still pass or be executed (Active or Passed); a former member if it was admitted once; else none (an application
 * defeated, expired or withdrawn before any admission leaves no standing).
 */
import { federationProposalState, type FederationState } from "@disco-ledger/sdk/federation";

export type Standing = "member" | "applied" | "left";

export function standing(fed: FederationState | undefined, disco: string, now: number): Standing | undefined {
  const me = fed?.members.find((m) => m.disco.toLowerCase() === disco.toLowerCase());
  if (!fed || !me) return undefined;
  if (me.active) return "member";
  const application = me.application === null ? undefined : fed.proposals.find((p) => p.id === me.application);
  if (application && ["Active", "Passed"].includes(federationProposalState(application, fed.votingPeriod, now))) {
    return "applied";
  }
  // Its permanent number is given at its first admission.
  return me.index > 0 ? "left" : undefined;
}
