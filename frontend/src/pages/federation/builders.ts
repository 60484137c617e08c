/**
 * The DisCO proposals this page drafts, as the SDK's proposal builders make them (`@disco-ledger/sdk/proposals`,
 * spec C): one call from the DisCO's timelock to the federation (or to its own membership, for the profile), with an
 * English description for the record. A thin adapter, so that the pages name one shape.
 */
import { encodeFunctionData, type Address, type Hex } from "viem";
import { federationAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import type { ProposalDraft } from "./ProposeCalls.tsx";

const call = (target: Address, data: Hex, description: string): ProposalDraft => ({
  calls: [{ target, value: 0n, data }],
  description,
});

export const applyToJoinDraft = (fed: Address, name: string, reason: string): ProposalDraft =>
  call(
    fed,
    encodeFunctionData({ abi: federationAbi, functionName: "applyToJoin", args: [reason] }),
    `Apply to join the federation ${name}: ${reason}`,
  );

export const leaveDraft = (fed: Address, name: string, disco: Address): ProposalDraft =>
  call(
    fed,
    encodeFunctionData({ abi: federationAbi, functionName: "leave", args: [disco] }),
    `Leave the federation ${name}`,
  );

export const federationVoteDraft = (
  fed: Address,
  name: string,
  id: bigint,
  disco: Address,
  support: boolean,
  about: string,
): ProposalDraft =>
  call(
    fed,
    encodeFunctionData({ abi: federationAbi, functionName: "vote", args: [id, disco, support] }),
    `Vote ${support ? "For" : "Against"} proposal ${id} of the federation ${name} (${about})`,
  );

export const setTrustDraft = (
  fed: Address,
  name: string,
  from: Address,
  to: Address,
  toName: string,
  value: number,
): ProposalDraft =>
  call(
    fed,
    encodeFunctionData({ abi: federationAbi, functionName: "setTrust", args: [from, to, value] }),
    `Set our trust toward ${toName} to ${value} in the federation ${name}`,
  );

export const setTreasurerTrustBoundDraft = (fed: Address, name: string, disco: Address, bound: number): ProposalDraft =>
  call(
    fed,
    encodeFunctionData({ abi: federationAbi, functionName: "setTreasurerTrustBound", args: [disco, bound] }),
    `Let our treasurers set trust up to ${bound} in the federation ${name}`,
  );

export const setProfileDraft = (membership: Address, uri: string, hash: Hex): ProposalDraft =>
  call(
    membership,
    encodeFunctionData({ abi: membershipAbi, functionName: "setProfile", args: [uri, hash] }),
    `Set the public profile to ${uri.length > 80 ? `${uri.slice(0, 80)}…` : uri}`,
  );
