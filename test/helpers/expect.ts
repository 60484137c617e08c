import { expect } from "chai";
import type { ContractTransactionResponse, Signer } from "ethers";
import { proposalIdOf, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { execute, queue } from "../../scripts/lib/drive.ts";
import type { DisCOGovernor, IMembership } from "../../types/ethers-contracts/index.js";
import { connection, onlyStates, state } from "./disco.ts";

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

/** Asserts a proposal was Defeated and can be neither queued nor executed by anyone. */
export async function expectDefeatedForGood(
  governor: DisCOGovernor,
  caller: Signer,
  proposal: ProposalCalls,
): Promise<void> {
  const proposalId = proposalIdOf(proposal);
  expect(await governor.state(proposalId), proposal.description).to.equal(state("Defeated"));
  await expect(queue(governor, caller, proposal))
    .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
    .withArgs(proposalId, state("Defeated"), onlyStates("Succeeded"));
  // A proposal that goes through the timelock executes only once Queued.
  await expect(execute(governor, caller, proposal))
    .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
    .withArgs(proposalId, state("Defeated"), onlyStates("Queued"));
}
