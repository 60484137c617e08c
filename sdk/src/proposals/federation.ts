/**
 * A DisCO's decisions about its federations, as proposals of the DisCO: each builder gives the calls its timelock
 * makes on the Federation (apply, leave, withdraw an application, name a delegate, vote, propose, set trust and the
 * treasurers' bound, execute), on the factory (found a federation) or on its Membership (its public profile), with
 * the description the members read, in their language. What a delegate, treasurer or auditor sends directly (no vote:
 * the contract lets them) are viem `writeContract` arguments here too. Pure, typed by the generated ABIs.
 */
import { encodeFunctionData, type Address, type ContractFunctionArgs, type Hex } from "viem";
import { FIGURES, type FigureName } from "../federation/checkins.ts";
import { FEDERATION_PROPOSAL_KINDS, type ProposalKindName } from "../federation/fold.ts";
import type { Lang } from "../format.ts";
import type { ProposalCalls } from "../governance.ts";
import { factoryAbi, federationAbi, membershipAbi } from "../generated/abis.ts";
import type { ProposedCall } from "./calls.ts";

/** A federation or a DisCO as a description names it: its address (a DisCO's is its membership's) and its name. */
export interface NamedAddress {
  address: Address;
  name: string;
}

/** One decision of a DisCO: the calls its timelock makes if the members pass it, and what it is for. */
export interface DisCODecision {
  calls: ProposedCall[];
  description: string;
}

/** The decisions as one proposal: their calls in order, their descriptions joined (or the one given). */
export function combineDecisions(decisions: readonly DisCODecision[], description?: string): ProposalCalls {
  const calls = decisions.flatMap((d) => d.calls);
  return {
    targets: calls.map((c) => c.target),
    values: calls.map((c) => c.value),
    calldatas: calls.map((c) => c.data),
    description: description ?? decisions.map((d) => d.description).join("; "),
  };
}

/** A single decision as the governor's proposal. */
export const decisionProposal = (decision: DisCODecision): ProposalCalls => combineDecisions([decision]);

const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    apply: "Apply to join the federation “{fed}”: {reason}",
    leave: "Leave the federation “{fed}”",
    withdraw: "Withdraw our application to the federation “{fed}”",
    delegate: "Name {delegate} our delegate in the federation “{fed}”: they may propose and vote for us",
    revoke: "Revoke our delegate in the federation “{fed}”",
    voteFor: "Vote for proposal {id} of the federation “{fed}”",
    voteAgainst: "Vote against proposal {id} of the federation “{fed}”",
    aboutAdmit: "admit {subject}",
    aboutRemove: "remove {subject}",
    aboutCharter: "the charter {subject}",
    Remove: "Propose to the federation “{fed}” to remove {subject}",
    Charter: "Propose to the federation “{fed}” the charter {uri} (hash {hash})",
    trust: "Set our trust in {to} to {value} out of 100 in the federation “{fed}”",
    bound: "Let our treasurers set trust up to {bound} out of 100 in the federation “{fed}”",
    execute: "Execute proposal {id} of the federation “{fed}”",
    found: "Found the federation “{fed}” with the charter {uri} (hash {hash}), voting {days} days on each proposal",
    profile: "Publish our public profile: {uri} (hash {hash})",
  },
  es: {
    apply: "Solicitar el ingreso en la federación «{fed}»: {reason}",
    leave: "Salir de la federación «{fed}»",
    withdraw: "Retirar nuestra solicitud a la federación «{fed}»",
    delegate: "Nombrar a {delegate} nuestra delegada en la federación «{fed}»: puede proponer y votar por nosotras",
    revoke: "Revocar a nuestra delegada en la federación «{fed}»",
    voteFor: "Votar a favor de la propuesta {id} de la federación «{fed}»",
    voteAgainst: "Votar en contra de la propuesta {id} de la federación «{fed}»",
    aboutAdmit: "admitir a {subject}",
    aboutRemove: "dar de baja a {subject}",
    aboutCharter: "la carta {subject}",
    Remove: "Proponer a la federación «{fed}» dar de baja a {subject}",
    Charter: "Proponer a la federación «{fed}» la carta {uri} (huella {hash})",
    trust: "Fijar nuestra confianza en {to} en {value} sobre 100 en la federación «{fed}»",
    bound: "Permitir a nuestra tesorería fijar confianza hasta {bound} sobre 100 en la federación «{fed}»",
    execute: "Ejecutar la propuesta {id} de la federación «{fed}»",
    found: "Fundar la federación «{fed}» con la carta {uri} (huella {hash}), con {days} días de votación por propuesta",
    profile: "Publicar nuestro perfil público: {uri} (huella {hash})",
  },
};

/** `template` with each `{name}` replaced by that parameter (an unknown one left as it is). */
export const fillWords = (template: string, params: Record<string, string | number | bigint>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

const say = (lang: Lang, key: string, params: Record<string, string | number | bigint>): string =>
  fillWords(WORDS[lang][key], params);

type FederationWrite = Exclude<
  (typeof federationAbi)[number] & { type: "function"; stateMutability: "nonpayable" },
  { name: "initialize" }
>["name"];

/** One call to the federation, typed by its ABI. */
function onFederation<const name extends FederationWrite>(
  fed: NamedAddress,
  functionName: name,
  args: ContractFunctionArgs<typeof federationAbi, "nonpayable", name>,
  description: string,
): DisCODecision {
  const data = encodeFunctionData({ abi: federationAbi, functionName, args } as never) as Hex;
  return { calls: [{ target: fed.address, value: 0n, data }], description };
}

/** Applies to join: the federation opens an Admit proposal of the members. */
export const applyToJoinCall = (fed: NamedAddress, reason: string, lang: Lang = "en"): DisCODecision =>
  onFederation(fed, "applyToJoin", [reason], say(lang, "apply", { fed: fed.name, reason }));

/** Leaves the federation at once. */
export const leaveCall = (fed: NamedAddress, disco: Address, lang: Lang = "en"): DisCODecision =>
  onFederation(fed, "leave", [disco], say(lang, "leave", { fed: fed.name }));

/** Withdraws the DisCO's open application (Active, or Passed and not executed). */
export const withdrawApplicationCall = (fed: NamedAddress, disco: Address, lang: Lang = "en"): DisCODecision =>
  onFederation(fed, "withdrawApplication", [disco], say(lang, "withdraw", { fed: fed.name }));

/** Names a delegate who may propose and vote for the DisCO (null revokes the one named). */
export const setDelegateCall = (
  fed: NamedAddress,
  disco: Address,
  delegate: NamedAddress | null,
  lang: Lang = "en",
): DisCODecision =>
  onFederation(
    fed,
    "setDelegate",
    [disco, delegate?.address ?? "0x0000000000000000000000000000000000000000"],
    delegate === null
      ? say(lang, "revoke", { fed: fed.name })
      : say(lang, "delegate", { fed: fed.name, delegate: delegate.name }),
  );

/**
 * What a federation proposal decides, for a vote's description: its kind and its subject, the DisCO admitted or
 * removed (its name, or address) or the charter's URI.
 */
export interface VotedOn {
  kind: ProposalKindName;
  subject: string;
}

/**
 * The DisCO's vote on a federation proposal, saying what it decides when `about` is given: "Vote for proposal 7 of
 * the federation “Commons Federation”: admit Garden DisCO".
 */
export const federationVoteCall = (
  fed: NamedAddress,
  id: bigint,
  disco: Address,
  support: boolean,
  lang: Lang = "en",
  about?: VotedOn,
): DisCODecision => {
  const vote = say(lang, support ? "voteFor" : "voteAgainst", { fed: fed.name, id });
  const what = about && say(lang, `about${about.kind}`, { subject: about.subject });
  return onFederation(fed, "vote", [id, disco, support], what ? `${vote}: ${what}` : vote);
};

/**
 * A proposal to the federation: Remove names the member (`subject`), Charter the new charter (`uri`, `hash`); the
 * other fields are left empty, as the contract wants them.
 */
export function federationProposeCall(
  fed: NamedAddress,
  disco: Address,
  proposal: { kind: "Remove"; subject: NamedAddress } | { kind: "Charter"; uri: string; hash: Hex },
  lang: Lang = "en",
): DisCODecision {
  const args = federationProposeArgs(disco, proposal);
  const description =
    proposal.kind === "Remove"
      ? say(lang, "Remove", { fed: fed.name, subject: proposal.subject.name })
      : say(lang, "Charter", { fed: fed.name, uri: proposal.uri, hash: proposal.hash });
  return onFederation(fed, "propose", args, description);
}

/** Sets the DisCO's trust toward another member, 0 to 100. */
export const setTrustCall = (
  fed: NamedAddress,
  from: Address,
  to: NamedAddress,
  value: number,
  lang: Lang = "en",
): DisCODecision =>
  onFederation(fed, "setTrust", [from, to.address, value], say(lang, "trust", { fed: fed.name, to: to.name, value }));

/** Sets the highest trust value the DisCO's treasurers may set on their own. */
export const setTreasurerTrustBoundCall = (
  fed: NamedAddress,
  disco: Address,
  bound: number,
  lang: Lang = "en",
): DisCODecision =>
  onFederation(fed, "setTreasurerTrustBound", [disco, bound], say(lang, "bound", { fed: fed.name, bound }));

/** Executes a passed federation proposal (anyone may; a DisCO may decide to). */
export const federationExecuteCall = (fed: NamedAddress, id: bigint, lang: Lang = "en"): DisCODecision =>
  onFederation(fed, "execute", [id], say(lang, "execute", { fed: fed.name, id }));

/** IDisCOFactory.FederationParams. */
type FactoryFederationParams = ContractFunctionArgs<typeof factoryAbi, "nonpayable", "createFederation">[0];
/** A federation's founding parameters; its credit network's settings default to CREDIT_DEFAULTS. */
export type FederationParams = Omit<FactoryFederationParams, "maxHops" | "memberAccounts"> &
  Partial<Pick<FactoryFederationParams, "maxHops" | "memberAccounts">>;

/**
 * The credit network's settings, sealed when a federation is founded, unless given: payments of up to four lines
 * (Circles' users meet a five-hop limit), between member DisCOs only.
 */
export const CREDIT_DEFAULTS = { maxHops: 4, memberAccounts: false } as const;

/** Founds a federation through the factory, the DisCO its first member. */
export const createFederationCall = (factory: Address, params: FederationParams, lang: Lang = "en"): DisCODecision => ({
  calls: [
    {
      target: factory,
      value: 0n,
      data: encodeFunctionData({
        abi: factoryAbi,
        functionName: "createFederation",
        args: [{ ...CREDIT_DEFAULTS, ...params }],
      }),
    },
  ],
  description: say(lang, "found", {
    fed: params.name,
    uri: params.charterURI,
    hash: params.charterHash,
    days: Math.round((params.votingPeriod / 86_400) * 10) / 10,
  }),
});

/** Publishes the DisCO's public profile: its document's URI and hash (profile.ts). */
export const setProfileCall = (membership: Address, uri: string, hash: Hex, lang: Lang = "en"): DisCODecision => ({
  calls: [
    {
      target: membership,
      value: 0n,
      data: encodeFunctionData({ abi: membershipAbi, functionName: "setProfile", args: [uri, hash] }),
    },
  ],
  description: say(lang, "profile", { uri, hash }),
});

// ------------------------------------------------------------------------------------------------ DIRECT WRITES

const ZERO_HASH: Hex = `0x${"0".repeat(64)}`;

/** propose's arguments, for a delegate's direct call or the DisCO's proposal. */
export function federationProposeArgs(
  disco: Address,
  proposal: { kind: "Remove"; subject: NamedAddress } | { kind: "Charter"; uri: string; hash: Hex },
) {
  const kind = FEDERATION_PROPOSAL_KINDS.indexOf(proposal.kind);
  return proposal.kind === "Remove"
    ? ([disco, kind, proposal.subject.address, "", ZERO_HASH] as const)
    : ([disco, kind, "0x0000000000000000000000000000000000000000", proposal.uri, proposal.hash] as const);
}

/** vote's arguments, for a delegate's direct call. */
export const federationVoteArgs = (id: bigint, disco: Address, support: boolean) => [id, disco, support] as const;

/** confirmCheckIn's arguments: an auditor of `confirmer` confirms `disco`'s check-in of `period`. */
export const confirmArgs = (confirmer: Address, disco: Address, period: number) => [confirmer, disco, period] as const;

/** challengeCheckIn's arguments: an auditor of `challenger` names the figure of the check-in that differs. */
export const challengeArgs = (
  challenger: Address,
  disco: Address,
  period: number,
  figure: FigureName,
  reason: string,
) => [challenger, disco, period, FIGURES.findIndex((f) => f.name === figure), reason] as const;

/** setTrust's arguments, for a treasurer within the DisCO's bound. */
export const setTrustArgs = (from: Address, to: Address, value: number) => [from, to, value] as const;
