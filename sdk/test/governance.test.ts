import { describe, expect, it } from "vitest";
import {
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  hashStruct,
  keccak256,
  recoverTypedDataAddress,
  stringToBytes,
  type Address,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { governorAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import {
  ballotDomainOf,
  ballotNonceKey,
  ballotTypedData,
  ballotTypes,
  descriptionHash,
  executeCall,
  findProposal,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  proposalIdOf,
  proposalLabel,
  proposalNumbers,
  proposeCall,
  queueCall,
  quorumWords,
  relayCall,
  roleName,
  Support,
  toSignedBallot,
  type BallotDomain,
  type ProposalCalls,
} from "@disco-ledger/sdk/governance";

const MEMBERSHIP: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const GOVERNOR: Address = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const NEWCOMER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
// Hardhat's first development key: a key anyone may know.
const account = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

const admission: ProposalCalls = {
  targets: [MEMBERSHIP],
  values: [0n],
  calldatas: [
    encodeFunctionData({
      abi: membershipAbi,
      functionName: "admit",
      args: [NEWCOMER, 1, 3, "0x0000000000000000000000000000000000000000"],
    }),
  ],
  description: "Admit a supporter",
};

describe("governance: names", () => {
  it("names states, kinds and support values in the contracts' order", () => {
    expect(PROPOSAL_STATES.indexOf("Succeeded")).toBe(4);
    expect(PROPOSAL_STATES.indexOf("Executed")).toBe(7);
    expect(PROPOSAL_KINDS).toEqual(["Standard", "Bylaw", "Consent"]);
    expect(Support).toEqual({ Against: 0, For: 1, Abstain: 2, Block: 3 });
  });
});

describe("governance: proposals", () => {
  it("hashes a description as the governor does: keccak256 of its UTF-8 bytes", () => {
    expect(descriptionHash("")).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(descriptionHash("Zahlung für März")).toBe(keccak256(stringToBytes("Zahlung für März")));
  });

  it("computes a proposal's id as hashProposal does, from the calls and the description's hash", () => {
    const { targets, values, calldatas, description } = admission;
    const encoded = encodeAbiParameters(
      [{ type: "address[]" }, { type: "uint256[]" }, { type: "bytes[]" }, { type: "bytes32" }],
      [targets, values, calldatas, descriptionHash(description)],
    );
    expect(proposalIdOf(admission)).toBe(BigInt(keccak256(encoded)));
    expect(proposalIdOf({ ...admission, description: "Admit a supporter." })).not.toBe(proposalIdOf(admission));
  });

  it("builds the governor's propose, queue and execute calls, which decode back to the proposal", () => {
    const { targets, values, calldatas, description } = admission;
    const decoded = (call: Parameters<typeof encodeFunctionData>[0]) =>
      decodeFunctionData({ abi: governorAbi, data: encodeFunctionData(call) });
    expect(decoded(proposeCall(admission))).toEqual({
      functionName: "propose",
      args: [targets, values, calldatas, description],
    });
    for (const [call, functionName] of [
      [queueCall(admission), "queue"],
      [executeCall(admission), "execute"],
    ] as const) {
      expect(decoded(call)).toEqual({ functionName, args: [targets, values, calldatas, descriptionHash(description)] });
    }
  });
});

describe("governance: ballots", () => {
  const domain: BallotDomain = { name: "GT DisCO", version: "1", chainId: 31337n, verifyingContract: GOVERNOR };
  const proposalId = proposalIdOf(admission);
  const nonce = ballotNonceKey(proposalId) << 64n;

  it("reads the ballot's domain from the governor's eip712Domain() answer (ERC-5267)", () => {
    const answer = ["0x0f", "GT DisCO", "1", 31337n, GOVERNOR, `0x${"0".repeat(64)}`, []] as const;
    expect(ballotDomainOf(answer)).toEqual(domain);
  });

  it("keys a ballot's nonce by the proposal id's low 192 bits", () => {
    expect(ballotNonceKey(proposalId)).toBe(proposalId & ((1n << 192n) - 1n));
    expect(ballotNonceKey(1n << 192n)).toBe(0n);
  });

  it("types a Ballot, or an ExtendedBallot with a reason, with the typehashes of OpenZeppelin's Governor", () => {
    const typehash = (type: string) => keccak256(stringToBytes(type));
    const ballot = { proposalId, support: Support.For, voter: account.address, nonce };
    const plain = ballotTypedData(domain, ballot);
    expect(plain.primaryType).toBe("Ballot");
    expect(hashStruct({ ...plain, primaryType: "Ballot", data: plain.message })).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: "bytes32" }, { type: "uint256" }, { type: "uint8" }, { type: "address" }, { type: "uint256" }],
          [
            typehash("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)"),
            proposalId,
            Support.For,
            account.address,
            nonce,
          ],
        ),
      ),
    );
    const extended = ballotTypedData(domain, { ...ballot, support: Support.Block, reason: "Not yet" });
    expect(extended.primaryType).toBe("ExtendedBallot");
    expect(ballotTypes({ reason: "Not yet" })).toHaveProperty("ExtendedBallot");
    expect(hashStruct({ ...extended, primaryType: "ExtendedBallot", data: extended.message })).toBe(
      keccak256(
        encodeAbiParameters(
          [
            { type: "bytes32" },
            { type: "uint256" },
            { type: "uint8" },
            { type: "address" },
            { type: "uint256" },
            { type: "bytes32" },
            { type: "bytes32" },
          ],
          [
            typehash(
              "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)",
            ),
            proposalId,
            Support.Block,
            account.address,
            nonce,
            keccak256(stringToBytes("Not yet")),
            keccak256("0x"),
          ],
        ),
      ),
    );
  });

  it("signs with any viem account, keeps the CLI's JSON, and relays as the governor's BySig calls", async () => {
    for (const reason of [undefined, "Only once the rota is agreed"]) {
      const ballot = { proposalId, support: Support.Against, voter: account.address, nonce, reason };
      const typedData = ballotTypedData(domain, ballot);
      const signature = await account.signTypedData(typedData);
      expect(await recoverTypedDataAddress({ ...typedData, signature })).toBe(account.address);
      const signed = toSignedBallot(domain, ballot, signature);
      expect(signed).toEqual({
        governor: GOVERNOR,
        chainId: "31337",
        proposalId: proposalId.toString(),
        support: Support.Against,
        voter: account.address,
        nonce: nonce.toString(),
        ...(reason === undefined ? {} : { reason }),
        signature,
      });
      const relayed = decodeFunctionData({ abi: governorAbi, data: encodeFunctionData(relayCall(signed)) });
      expect(relayed).toEqual(
        reason === undefined
          ? { functionName: "castVoteBySig", args: [proposalId, Support.Against, account.address, signature] }
          : {
              functionName: "castVoteWithReasonAndParamsBySig",
              args: [proposalId, Support.Against, account.address, reason, "0x", signature],
            },
      );
    }
  });
});

describe("proposals, roles and quorums as people say them", () => {
  const ids = [10n ** 76n + 7n, 42n, 3n];

  it("numbers proposals #1, #2… in the order they were made, and keeps the numbers as more are made", () => {
    const proposals = new Map(ids.slice(0, 2).map((id) => [id, {}]));
    expect([...proposalNumbers(proposals)]).toEqual([
      [ids[0], 1],
      [ids[1], 2],
    ]);
    proposals.set(ids[2], {});
    expect(proposalNumbers(proposals).get(ids[2])).toBe(3);
    expect(proposalNumbers(proposals).get(ids[0])).toBe(1);
    expect(proposalLabel(proposals, ids[1])).toBe("#2");
    expect(proposalLabel(proposals, 99n)).toBe("99");
  });

  it("finds a proposal by #N, N or its full id, in decimal or hex", () => {
    const proposals = new Map(ids.map((id) => [id, {}]));
    expect(findProposal(proposals, "#1")).toBe(ids[0]);
    expect(findProposal(proposals, " 2 ")).toBe(ids[1]);
    expect(findProposal(proposals, (10n ** 76n + 7n).toString())).toBe(ids[0]);
    expect(findProposal(proposals, `0x${ids[1].toString(16)}`)).toBe(ids[1]);
    expect(findProposal(proposals, "#4")).toBeNull();
    expect(findProposal(proposals, "123456789")).toBeNull();
    expect(findProposal(proposals, "soon")).toBeNull();
  });

  it("names the roles of the DisCO's contracts", () => {
    expect(roleName(`0x${"00".repeat(32)}`, "en")).toBe("Administrator (governance)");
    expect(roleName(keccak256(stringToBytes("TREASURER_ROLE")), "es")).toBe("Tesorería");
    expect(roleName(keccak256(stringToBytes("AUDITOR_ROLE")).toUpperCase().replace("0X", "0x"), "en")).toBe("Auditor");
    const unknown = keccak256(stringToBytes("MINTER_ROLE"));
    expect(roleName(unknown, "en")).toBe(unknown);
  });

  it("says a quorum in words, with plurals", () => {
    expect(quorumWords(3, 2, "en")).toBe("3 voted; 2 needed");
    expect(quorumWords(1, 1, "es")).toBe("ha votado 1; se necesita 1");
    expect(quorumWords(0, 2, "es")).toBe("han votado 0; se necesitan 2");
  });
});
