/**
 * Signed votes as people hand them around: the SignedBallot JSON (./governance.ts makes and signs it, the CLI writes
 * it, the app's relay form reads it) checked field by field, its signature verified, its nonce judged. Pure apart
 * from the signature check, which is plain cryptography.
 */
import { getAddress, isAddress, isHex, verifyTypedData, type Address, type Hex } from "viem";
import { ballotNonceKey, ballotTypedData, type Ballot, type BallotDomain, type SignedBallot } from "./governance.ts";

export const signedBallotJson = (ballot: SignedBallot): string => JSON.stringify(ballot, null, 2);

/** A signed vote checked field by field, with its numbers as bigints. */
export interface ParsedBallot extends Ballot {
  governor: Address;
  chainId: bigint;
  signature: Hex;
}

export type BallotProblem =
  | { code: "empty" }
  | { code: "notJson" }
  | { code: "notObject" }
  | { code: "missing"; field: string }
  | { code: "invalid"; field: string }
  | { code: "wrongGovernor"; governor: string }
  | { code: "wrongChain"; chainId: string }
  | { code: "blockWithoutReason" };

const DECIMAL = /^\d+$/;

/**
 * Reads a signed vote someone pasted, and says what is wrong with it in terms a person can fix: not JSON, a field
 * missing or malformed, another governor or chain, a Block with no reason.
 */
export function parseSignedBallot(
  text: string,
  expected: { governor: string; chainId: number | bigint },
): { ok: true; ballot: ParsedBallot } | { ok: false; problem: BallotProblem } {
  const fail = (problem: BallotProblem) => ({ ok: false as const, problem });
  if (text.trim() === "") return fail({ code: "empty" });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail({ code: "notJson" });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail({ code: "notObject" });
  const record = json as Record<string, unknown>;
  for (const field of ["governor", "chainId", "proposalId", "support", "voter", "nonce", "signature"]) {
    if (record[field] === undefined || record[field] === null) return fail({ code: "missing", field });
  }
  const { governor, chainId, proposalId, support, voter, nonce, reason, signature } = record;
  // Numbers may come as JSON numbers from hand-written ballots; the CLI writes decimal strings.
  const decimal = (value: unknown) =>
    (typeof value === "string" && DECIMAL.test(value)) || (typeof value === "number" && Number.isSafeInteger(value))
      ? BigInt(value)
      : undefined;

  if (typeof governor !== "string" || !isAddress(governor, { strict: false }))
    return fail({ code: "invalid", field: "governor" });
  const chain = decimal(chainId);
  if (chain === undefined) return fail({ code: "invalid", field: "chainId" });
  const id = decimal(proposalId);
  if (id === undefined) return fail({ code: "invalid", field: "proposalId" });
  const supportNumber = typeof support === "string" && DECIMAL.test(support) ? Number(support) : support;
  if (typeof supportNumber !== "number" || !Number.isInteger(supportNumber) || supportNumber < 0 || supportNumber > 3)
    return fail({ code: "invalid", field: "support" });
  if (typeof voter !== "string" || !isAddress(voter, { strict: false }))
    return fail({ code: "invalid", field: "voter" });
  const nonceValue = decimal(nonce);
  if (nonceValue === undefined) return fail({ code: "invalid", field: "nonce" });
  if (reason !== undefined && typeof reason !== "string") return fail({ code: "invalid", field: "reason" });
  // 65 bytes (r, s, v) from a key; longer ones come from contract wallets (ERC-1271), which the governor accepts.
  if (typeof signature !== "string" || !isHex(signature) || signature.length < 132 || signature.length % 2 !== 0)
    return fail({ code: "invalid", field: "signature" });

  if (governor.toLowerCase() !== expected.governor.toLowerCase()) return fail({ code: "wrongGovernor", governor });
  if (chain !== BigInt(expected.chainId)) return fail({ code: "wrongChain", chainId: chain.toString() });
  if (supportNumber === 3 && (reason === undefined || reason === "")) return fail({ code: "blockWithoutReason" });

  return {
    ok: true,
    ballot: {
      governor: getAddress(governor),
      chainId: chain,
      proposalId: id,
      support: supportNumber,
      voter: getAddress(voter),
      nonce: nonceValue,
      ...(reason === undefined ? {} : { reason }),
      signature: signature as Hex,
    },
  };
}

/** Whether the voter signed this very ballot under this domain (a key's signature; wallets' ones are the chain's). */
export async function isSignedByVoter(domain: BallotDomain, ballot: ParsedBallot): Promise<boolean> {
  try {
    return await verifyTypedData({
      address: ballot.voter,
      signature: ballot.signature,
      ...ballotTypedData(domain, ballot),
    });
  } catch {
    return false;
  }
}

/** The key a nonce carries (its high 192 bits; 0 for a plain, unkeyed nonce). */
const keyOf = (nonce: bigint): bigint => nonce >> 64n;

/** The arguments of the governor's `nonces(voter, uint192(proposalId))`: the nonce a ballot for it is signed with. */
export const keyedNonceArgs = (voter: Address, proposalId: bigint) => [voter, ballotNonceKey(proposalId)] as const;

/**
 * How a ballot's nonce stands, as the governor judges it: it accepts the voter's keyed nonce for the ballot's
 * proposal (`nonces(voter, uint192(proposalId))`: key << 64 | sequence) and, as a fallback, their plain nonce
 * (`nonces(voter)`). A nonce behind either sequence was used; one ahead of it is not reached yet (another copy of the
 * chain?); a key of another proposal was never this ballot's.
 */
export function nonceStanding(
  ballot: Pick<Ballot, "proposalId" | "nonce">,
  current: { keyed: bigint; plain: bigint },
): "ok" | "used" | "future" | "otherProposal" {
  const { nonce } = ballot;
  if (nonce === current.keyed || nonce === current.plain) return "ok";
  const key = keyOf(nonce);
  if (key === 0n) return nonce < current.plain ? "used" : "future";
  if (key !== ballotNonceKey(ballot.proposalId) || key !== keyOf(current.keyed)) return "otherProposal";
  return nonce < current.keyed ? "used" : "future";
}
