import { describe, expect, it } from "vitest";
import { decodeFunctionData, keccak256, toHex, zeroAddress, type Address } from "viem";
import { factoryAbi, federationAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import {
  applyToJoinCall,
  challengeArgs,
  combineDecisions,
  confirmArgs,
  createFederationCall,
  decisionProposal,
  federationExecuteCall,
  federationProposeArgs,
  federationProposeCall,
  federationVoteArgs,
  federationVoteCall,
  leaveCall,
  setDelegateCall,
  setProfileCall,
  setTreasurerTrustBoundCall,
  setTrustArgs,
  setTrustCall,
  withdrawApplicationCall,
  type DisCODecision,
} from "@disco-ledger/sdk/proposals";

const FED = { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, name: "Commons Federation" };
const DEMO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const SMALL = { address: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address, name: "Small DisCO" };
const FACTORY = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0" as Address;
const HASH = keccak256(toHex("the charter"));

/** The one call of a decision, decoded by the federation's ABI. */
function federationCall(decision: DisCODecision) {
  expect(decision.calls).toHaveLength(1);
  const [call] = decision.calls;
  expect([call.target, call.value]).toEqual([FED.address, 0n]);
  return decodeFunctionData({ abi: federationAbi, data: call.data });
}

describe("proposals: a DisCO's federation decisions", () => {
  it("applies to join with the reason, in the members' language", () => {
    const decision = applyToJoinCall(FED, "We share the commons");
    expect(federationCall(decision)).toEqual({ functionName: "applyToJoin", args: ["We share the commons"] });
    expect(decision.description).toBe("Apply to join the federation “Commons Federation”: We share the commons");
    expect(applyToJoinCall(FED, "x", "es").description).toBe(
      "Solicitar el ingreso en la federación «Commons Federation»: x",
    );
  });

  it("leaves, withdraws an application, names and revokes a delegate", () => {
    expect(federationCall(leaveCall(FED, DEMO))).toEqual({ functionName: "leave", args: [DEMO] });
    const withdraw = withdrawApplicationCall(FED, DEMO, "es");
    expect(federationCall(withdraw)).toEqual({ functionName: "withdrawApplication", args: [DEMO] });
    expect(withdraw.description).toBe("Retirar nuestra solicitud a la federación «Commons Federation»");
    const named = setDelegateCall(FED, DEMO, SMALL);
    expect(federationCall(named)).toEqual({ functionName: "setDelegate", args: [DEMO, SMALL.address] });
    expect(named.description).toContain("Name Small DisCO our delegate");
    const revoked = setDelegateCall(FED, DEMO, null, "es");
    expect(federationCall(revoked)).toEqual({ functionName: "setDelegate", args: [DEMO, zeroAddress] });
    expect(revoked.description).toBe("Revocar a nuestra delegada en la federación «Commons Federation»");
  });

  it("votes for and against a federation proposal, and executes one", () => {
    expect(federationCall(federationVoteCall(FED, 3n, DEMO, true))).toEqual({
      functionName: "vote",
      args: [3n, DEMO, true],
    });
    const against = federationVoteCall(FED, 4n, DEMO, false);
    expect(federationCall(against).args).toEqual([4n, DEMO, false]);
    expect(against.description).toBe("Vote against proposal 4 of the federation “Commons Federation”");
    const about = (kind: "Admit" | "Remove" | "Charter", subject: string, lang: "en" | "es") =>
      federationVoteCall(FED, 7n, DEMO, true, lang, { kind, subject }).description;
    expect(about("Admit", "Garden DisCO", "en")).toBe(
      "Vote for proposal 7 of the federation “Commons Federation”: admit Garden DisCO",
    );
    expect(about("Admit", "Garden DisCO", "es")).toBe(
      "Votar a favor de la propuesta 7 de la federación «Commons Federation»: admitir a Garden DisCO",
    );
    expect(about("Remove", "River DisCO", "en")).toMatch(/: remove River DisCO$/);
    expect(about("Remove", "River DisCO", "es")).toMatch(/: dar de baja a River DisCO$/);
    expect(about("Charter", "ipfs://charter-2", "en")).toMatch(/: the charter ipfs:\/\/charter-2$/);
    expect(about("Charter", "ipfs://charter-2", "es")).toMatch(/: la carta ipfs:\/\/charter-2$/);
    expect(federationCall(federationExecuteCall(FED, 4n))).toEqual({ functionName: "execute", args: [4n] });
  });

  it("proposes a removal with no charter, and a charter with no subject", () => {
    const remove = federationProposeCall(FED, DEMO, { kind: "Remove", subject: SMALL });
    expect(federationCall(remove)).toEqual({
      functionName: "propose",
      args: [DEMO, 1, SMALL.address, "", `0x${"0".repeat(64)}`],
    });
    expect(remove.description).toBe("Propose to the federation “Commons Federation” to remove Small DisCO");
    const charter = federationProposeCall(FED, DEMO, { kind: "Charter", uri: "ipfs://new", hash: HASH });
    expect(federationCall(charter).args).toEqual([DEMO, 2, zeroAddress, "ipfs://new", HASH]);
    // A delegate's direct call takes the very same arguments.
    expect(federationProposeArgs(DEMO, { kind: "Charter", uri: "ipfs://new", hash: HASH })).toEqual(
      federationCall(charter).args,
    );
  });

  it("sets trust and the treasurers' bound", () => {
    const trust = setTrustCall(FED, DEMO, SMALL, 80);
    expect(federationCall(trust)).toEqual({ functionName: "setTrust", args: [DEMO, SMALL.address, 80] });
    expect(trust.description).toBe(
      "Set our trust in Small DisCO to 80 out of 100 in the federation “Commons Federation”",
    );
    expect(setTrustArgs(DEMO, SMALL.address, 80)).toEqual(federationCall(trust).args);
    expect(federationCall(setTreasurerTrustBoundCall(FED, DEMO, 50))).toEqual({
      functionName: "setTreasurerTrustBound",
      args: [DEMO, 50],
    });
  });

  it("founds a federation through the factory, its credit network's settings defaulted unless given", () => {
    const params = { name: FED.name, charterURI: "ipfs://charter", charterHash: HASH, votingPeriod: 3 * 86_400 };
    const decision = createFederationCall(FACTORY, params);
    expect([decision.calls[0].target, decision.calls[0].value]).toEqual([FACTORY, 0n]);
    expect(decodeFunctionData({ abi: factoryAbi, data: decision.calls[0].data })).toEqual({
      functionName: "createFederation",
      args: [{ ...params, maxHops: 4, memberAccounts: false }],
    });
    const settled = createFederationCall(FACTORY, { ...params, maxHops: 2, memberAccounts: true });
    expect(decodeFunctionData({ abi: factoryAbi, data: settled.calls[0].data }).args).toEqual([
      { ...params, maxHops: 2, memberAccounts: true },
    ]);
    expect(decision.description).toBe(
      `Found the federation “Commons Federation” with the charter ipfs://charter (hash ${HASH}), voting 3 days on each proposal`,
    );
  });

  it("publishes the DisCO's profile on its membership contract", () => {
    const decision = setProfileCall(SMALL.address, "https://example.org/p.json", HASH, "es");
    expect(decision.calls[0].target).toBe(SMALL.address);
    expect(decodeFunctionData({ abi: membershipAbi, data: decision.calls[0].data })).toEqual({
      functionName: "setProfile",
      args: ["https://example.org/p.json", HASH],
    });
    expect(decision.description).toBe(`Publicar nuestro perfil público: https://example.org/p.json (huella ${HASH})`);
  });

  it("joins decisions into one proposal, calls in order", () => {
    const apply = applyToJoinCall(FED, "r");
    const bound = setTreasurerTrustBoundCall(FED, DEMO, 50);
    const proposal = combineDecisions([apply, bound]);
    expect(proposal.targets).toEqual([FED.address, FED.address]);
    expect(proposal.calldatas).toEqual([apply.calls[0].data, bound.calls[0].data]);
    expect(proposal.values).toEqual([0n, 0n]);
    expect(proposal.description).toBe(`${apply.description}; ${bound.description}`);
    expect(combineDecisions([apply, bound], "Join").description).toBe("Join");
    expect(decisionProposal(apply)).toEqual({
      targets: [FED.address],
      values: [0n],
      calldatas: [apply.calls[0].data],
      description: apply.description,
    });
  });

  it("gives the direct writes' arguments: a verdict names the figure by its enum value", () => {
    expect(confirmArgs(DEMO, SMALL.address, 2)).toEqual([DEMO, SMALL.address, 2]);
    expect(challengeArgs(DEMO, SMALL.address, 2, "MoneyIn", "inflated")).toEqual([
      DEMO,
      SMALL.address,
      2,
      6,
      "inflated",
    ]);
    expect(challengeArgs(DEMO, SMALL.address, 2, "Digest", "")[3]).toBe(0);
    expect(federationVoteArgs(7n, DEMO, false)).toEqual([7n, DEMO, false]);
  });
});
