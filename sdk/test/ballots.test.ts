import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { isSignedByVoter, keyedNonceArgs, nonceStanding, parseSignedBallot, signedBallotJson } from "../src/ballots.ts";
import { ballotNonceKey, ballotTypedData, relayCall, toSignedBallot, type BallotDomain } from "../src/governance.ts";

// Hardhat's public dev account #2 (Bob in the demo): a published test key, never a real one.
const bob = privateKeyToAccount("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
const domain: BallotDomain = {
  name: "DisCO Governor",
  version: "1",
  chainId: 31337n,
  verifyingContract: "0x0165878A594ca255338adfa4d48449f69242Eb8F",
};
const expected = { governor: domain.verifyingContract, chainId: 31337 };

async function signed(reason?: string, support = 1) {
  const ballot = { proposalId: 123456789012345678901234567890n, support, voter: bob.address, nonce: 2n, reason };
  const signature = await bob.signTypedData(ballotTypedData(domain, ballot));
  return toSignedBallot(domain, ballot, signature);
}

describe("signed ballots", () => {
  it("writes the CLI's SignedBallot shape, with decimal strings and no reason key when there is none", async () => {
    const ballot = await signed();
    expect(Object.keys(ballot)).toEqual([
      "governor",
      "chainId",
      "proposalId",
      "support",
      "voter",
      "nonce",
      "signature",
    ]);
    expect(ballot.proposalId).toBe("123456789012345678901234567890");
    expect(ballot.chainId).toBe("31337");
    expect((await signed("why not")).reason).toBe("why not");
  });

  it("reads back what it wrote, and the signature is the voter's under both ballot types", async () => {
    for (const reason of [undefined, "We should"]) {
      const parsed = parseSignedBallot(signedBallotJson(await signed(reason)), expected);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.ballot.proposalId).toBe(123456789012345678901234567890n);
      expect(parsed.ballot.reason).toBe(reason);
      expect(await isSignedByVoter(domain, parsed.ballot)).toBe(true);
    }
  });

  it("finds a ballot whose reason was changed after signing not signed by its voter", async () => {
    const ballot = { ...(await signed("For the record")), reason: "Something else" };
    const parsed = parseSignedBallot(JSON.stringify(ballot), expected);
    expect(parsed.ok && (await isSignedByVoter(domain, parsed.ballot))).toBe(false);
  });

  it("names what is wrong with a pasted ballot", async () => {
    const good = await signed();
    const problem = (text: string) => {
      const result = parseSignedBallot(text, expected);
      return result.ok ? null : result.problem;
    };
    expect(problem("  ")).toEqual({ code: "empty" });
    expect(problem("{governor:")).toEqual({ code: "notJson" });
    expect(problem("[1,2]")).toEqual({ code: "notObject" });
    const { voter: _voter, ...noVoter } = good;
    expect(problem(JSON.stringify(noVoter))).toEqual({ code: "missing", field: "voter" });
    expect(problem(JSON.stringify({ ...good, support: 4 }))).toEqual({ code: "invalid", field: "support" });
    expect(problem(JSON.stringify({ ...good, proposalId: "0x12" }))).toEqual({ code: "invalid", field: "proposalId" });
    expect(problem(JSON.stringify({ ...good, signature: "0x1234" }))).toEqual({ code: "invalid", field: "signature" });
    expect(problem(JSON.stringify({ ...good, governor: "0x0000000000000000000000000000000000000001" }))).toEqual({
      code: "wrongGovernor",
      governor: "0x0000000000000000000000000000000000000001",
    });
    expect(problem(JSON.stringify({ ...good, chainId: "1" }))).toEqual({ code: "wrongChain", chainId: "1" });
    expect(problem(JSON.stringify({ ...good, support: 3 }))).toEqual({ code: "blockWithoutReason" });
  });

  it("accepts a hand-written ballot with JSON numbers and a lowercase address", async () => {
    const good = await signed();
    const text = JSON.stringify({ ...good, chainId: 31337, nonce: 2, voter: good.voter.toLowerCase() });
    const parsed = parseSignedBallot(text, expected);
    expect(parsed.ok && parsed.ballot.voter).toBe(bob.address);
  });

  it("relays with castVoteBySig, or the extended call when the ballot has a reason", async () => {
    const plain = parseSignedBallot(signedBallotJson(await signed()), expected);
    const reasoned = parseSignedBallot(signedBallotJson(await signed("No: too early", 3)), expected);
    if (!plain.ok || !reasoned.ok) throw new Error("ballots should parse");
    expect(relayCall(plain.ballot).functionName).toBe("castVoteBySig");
    expect(relayCall(plain.ballot).args).toEqual([
      123456789012345678901234567890n,
      1,
      bob.address,
      plain.ballot.signature,
    ]);
    const extended = relayCall(reasoned.ballot);
    expect(extended.functionName).toBe("castVoteWithReasonAndParamsBySig");
    expect(extended.args.slice(3, 5)).toEqual(["No: too early", "0x"]);
  });
});

describe("keyed nonces", () => {
  const id = (1n << 200n) + (7n << 64n) + 5n;
  const key = ballotNonceKey(id);

  it("keys a proposal's nonces by the low 192 bits of its id, as GovernorNoncesKeyed", () => {
    expect(key).toBe((7n << 64n) + 5n);
    expect(keyedNonceArgs(bob.address, id)).toEqual([bob.address, key]);
  });

  it("accepts the voter's keyed nonce for the proposal or their plain one", () => {
    const current = { keyed: (key << 64n) | 2n, plain: 4n };
    expect(nonceStanding({ proposalId: id, nonce: (key << 64n) | 2n }, current)).toBe("ok");
    expect(nonceStanding({ proposalId: id, nonce: 4n }, current)).toBe("ok");
  });

  it("tells a used nonce from one not reached yet, in either sequence", () => {
    const current = { keyed: (key << 64n) | 2n, plain: 4n };
    expect(nonceStanding({ proposalId: id, nonce: (key << 64n) | 1n }, current)).toBe("used");
    expect(nonceStanding({ proposalId: id, nonce: (key << 64n) | 3n }, current)).toBe("future");
    expect(nonceStanding({ proposalId: id, nonce: 3n }, current)).toBe("used");
    expect(nonceStanding({ proposalId: id, nonce: 9n }, current)).toBe("future");
  });

  it("refuses a nonce keyed to another proposal: a ballot for one proposal never spends another's", () => {
    const current = { keyed: (key << 64n) | 0n, plain: 0n };
    expect(nonceStanding({ proposalId: id, nonce: (ballotNonceKey(id + 1n) << 64n) | 0n }, current)).toBe(
      "otherProposal",
    );
  });

  it("signs the keyed nonce into the ballot, so the governor's keyed check recovers the voter", async () => {
    const nonce = (key << 64n) | 0n;
    const ballot = { proposalId: id, support: 1, voter: bob.address, nonce };
    const signature = await bob.signTypedData(ballotTypedData(domain, ballot));
    const parsed = parseSignedBallot(signedBallotJson(toSignedBallot(domain, ballot, signature)), expected);
    expect(parsed.ok && parsed.ballot.nonce).toBe(nonce);
    if (parsed.ok) expect(await isSignedByVoter(domain, parsed.ballot)).toBe(true);
  });
});
