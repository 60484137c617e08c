import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import type { IMembership } from "../../types/ethers-contracts/index.js";
import { connection } from "./disco.ts";

/** The fields of a member record a test cares about; joinedAt is checked only when given. */
export interface ExpectedRecord {
  stage: number;
  constituency: number;
  mentor: string;
  joinedAt?: bigint;
}

/** Asserts a MemberRecord field by field, so a failure names the field that differs. */
export function expectRecord(actual: IMembership.MemberRecordStructOutput, expected: ExpectedRecord): void {
  expect(actual.stage, "stage").to.equal(BigInt(expected.stage));
  expect(actual.constituency, "constituency").to.equal(BigInt(expected.constituency));
  expect(actual.mentor, "mentor").to.equal(expected.mentor);
  if (expected.joinedAt !== undefined) expect(actual.joinedAt, "joinedAt").to.equal(expected.joinedAt);
}

/** Waits for a transaction, asserts it succeeded, and returns the timestamp of the block that included it. */
export async function minedAt(tx: Promise<ContractTransactionResponse> | ContractTransactionResponse): Promise<bigint> {
  const receipt = await (await tx).wait();
  expect(receipt?.status, "transaction status").to.equal(1);
  const block = await connection.ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}
