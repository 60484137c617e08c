import { expect } from "chai";
import { toBeHex, type Interface, type Signer } from "ethers";
import {
  connection,
  Constituency,
  DAY,
  deployDisCO,
  kind,
  onlyStates,
  Stage,
  state,
  TIMELOCK_DELAY,
} from "../helpers/disco.ts";
import { minedAt } from "../helpers/expect.ts";
import { descriptionHash, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import {
  signBallot,
  enact,
  execute,
  propose,
  queue,
  relayBallot,
  closeVoting,
  openVoting,
  toProposalCalls,
} from "../../scripts/lib/drive.ts";
import type { DisCOGovernor, Membership, TimelockController } from "../../types/ethers-contracts/index.js";

/*
 * Whole proposals on the deployment that production uses (the Ignition module, through the fixture): every change
 * is proposed, voted, queued in the timelock, and executed by it. Nothing here impersonates the timelock.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;
const time = networkHelpers.time;

type Vote = readonly [Signer, number];

async function membershipCall(
  membership: Membership,
  functionName: string,
  args: ReadonlyArray<unknown>,
  description: string,
): Promise<ProposalCalls> {
  const iface: Interface = membership.interface;
  return toProposalCalls({
    targets: [await membership.getAddress()],
    values: [0n],
    calldatas: [iface.encodeFunctionData(functionName, args)],
    description,
  });
}

/** The timelock operation id GovernorTimelockControl uses for a proposal (salt: governor address ^ description hash). */
async function operationId(
  governor: DisCOGovernor,
  timelock: TimelockController,
  proposal: ProposalCalls,
): Promise<string> {
  const salt = toBeHex(
    (BigInt(await governor.getAddress()) << 96n) ^ BigInt(descriptionHash(proposal.description)),
    32,
  );
  return timelock.hashOperationBatch(proposal.targets, proposal.values, proposal.calldatas, ZeroHash, salt);
}

describe("DisCO governance lifecycle", function () {
  it("admits a member by a vote of the members, executed by the timelock", async function () {
    const { governor, membership, timelock, alice, bob, carol, dave, erin, grace } =
      await networkHelpers.loadFixture(deployDisCO);
    const proposal = await membershipCall(
      membership,
      "admit",
      [grace.address, Stage.Dating1, Constituency.worker, alice.address],
      "Admit grace as a Dating worker, mentored by alice",
    );
    const proposalId = await propose(governor, alice, proposal);
    expect(await governor.state(proposalId)).to.equal(state("Pending"));

    await openVoting(governor, time, proposalId);
    expect(await governor.state(proposalId)).to.equal(state("Active"));
    const votes: Vote[] = [
      [alice, Support.For],
      [bob, Support.For],
      [carol, Support.Abstain],
      [dave, Support.Against],
      [erin, Support.For],
    ];
    for (const [voter, support] of votes) {
      const weight = voter === erin ? 0 : 1;
      await expect(governor.connect(voter).castVote(proposalId, support))
        .to.emit(governor, "VoteCast")
        .withArgs(await voter.getAddress(), proposalId, support, weight, "");
    }
    expect(await governor.proposalVotes(proposalId)).to.deep.equal([1n, 2n, 1n]);
    expect((await governor.proposalTally(proposalId)).advisoryFor).to.equal(1n);

    await closeVoting(governor, time, proposalId);
    expect(await governor.state(proposalId)).to.equal(state("Succeeded"));

    const opId = await operationId(governor, timelock, proposal);
    await expect(queue(governor, bob, proposal))
      .to.emit(timelock, "CallScheduled")
      .withArgs(opId, 0, proposal.targets[0], 0, proposal.calldatas[0], ZeroHash, TIMELOCK_DELAY);
    expect(await governor.state(proposalId)).to.equal(state("Queued"));
    expect(await timelock.isOperationPending(opId)).to.equal(true);
    expect(await membership.isMember(grace.address)).to.equal(false);

    await time.increase(TIMELOCK_DELAY);
    // Anyone may trigger execution once the delay is over; the timelock is the one that calls.
    const tx = execute(governor, grace, proposal);
    await expect(tx)
      .to.emit(membership, "MemberAdmitted")
      .withArgs(grace.address, Stage.Dating1, Constituency.worker, alice.address);
    await expect(tx).to.emit(timelock, "CallExecuted").withArgs(opId, 0, proposal.targets[0], 0, proposal.calldatas[0]);
    await expect(tx).to.emit(governor, "ProposalExecuted").withArgs(proposalId);
    expect(await governor.state(proposalId)).to.equal(state("Executed"));
    expect(await timelock.isOperationDone(opId)).to.equal(true);
    expect((await membership.memberOf(grace.address)).stage).to.equal(BigInt(Stage.Dating1));
    expect(await membership.memberCount()).to.equal(7n);
  });

  it("advances a Dating member through their stages to Committed, after which they can propose", async function () {
    const { governor, membership, alice, bob, carol, erin } = await networkHelpers.loadFixture(deployDisCO);
    const votes: Vote[] = [
      [alice, Support.For],
      [bob, Support.For],
      [carol, Support.For],
    ];
    const toStage3 = await membershipCall(
      membership,
      "changeStage",
      [erin.address, Stage.Dating3, alice.address],
      "Erin moves on to Dating stage 3",
    );
    await expect(
      governor.connect(erin).propose(toStage3.targets, toStage3.values, toStage3.calldatas, toStage3.description),
    )
      .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
      .withArgs(erin.address, 0, 1);
    await enact(governor, time, alice, toStage3, votes);
    expect((await membership.memberOf(erin.address)).stage).to.equal(BigInt(Stage.Dating3));
    expect(await membership.getVotes(erin.address)).to.equal(0n);

    const toCommitted = await membershipCall(
      membership,
      "changeStage",
      [erin.address, Stage.Committed, ZeroAddress],
      "Erin becomes a Committed member",
    );
    const committedId = await enact(governor, time, bob, toCommitted, votes);
    // A new binding vote: a bylaw, which 3 of 4 in favour passes.
    expect((await governor.proposalTally(committedId)).kind).to.equal(kind("Bylaw"));
    expect(await governor.state(committedId)).to.equal(state("Executed"));
    expect((await membership.memberOf(erin.address)).stage).to.equal(BigInt(Stage.Committed));
    expect(await membership.getVotes(erin.address)).to.equal(1n);
    expect(await membership.bindingMembers()).to.equal(5n);

    // Now a binding member: erin proposes, and her vote is binding.
    const move = await membershipCall(
      membership,
      "changeConstituency",
      [erin.address, Constituency.community],
      "Erin joins the community circle",
    );
    const moveId = await propose(governor, erin, move);
    await openVoting(governor, time, moveId);
    await expect(governor.connect(erin).castVote(moveId, Support.For))
      .to.emit(governor, "VoteCast")
      .withArgs(erin.address, moveId, Support.For, 1, "");
  });

  it("lets one binding member block a consent proposal, with the reason on record", async function () {
    const { governor, membership, alice, bob, carol, dave, heidi } = await networkHelpers.loadFixture(deployDisCO);
    const proposal = await membershipCall(
      membership,
      "admit",
      [heidi.address, Stage.Casual, Constituency.supporter, ZeroAddress],
      "[consent] Welcome heidi as a supporter",
    );
    const proposalId = await propose(governor, alice, proposal);
    await openVoting(governor, time, proposalId);
    await governor.connect(alice).castVote(proposalId, Support.For);
    await governor.connect(bob).castVoteWithReason(proposalId, Support.Against, "I would wait a month");
    await governor.connect(carol).castVote(proposalId, Support.For);
    const reason = "heidi works for a client we are in dispute with";
    await expect(governor.connect(dave).castVoteWithReason(proposalId, Support.Block, reason))
      .to.emit(governor, "VoteCast")
      .withArgs(dave.address, proposalId, Support.Block, 1, reason);
    await closeVoting(governor, time, proposalId);

    expect(await governor.state(proposalId)).to.equal(state("Defeated"));
    // The block and its reason can be read back from the logs, as the dApp does.
    const blocks = (await governor.queryFilter(governor.filters.VoteCast(dave.address))).filter(
      (log) => log.args.proposalId === proposalId,
    );
    expect(blocks.map((log) => [log.args.support, log.args.reason])).to.deep.equal([[BigInt(Support.Block), reason]]);
    await expect(queue(governor, alice, proposal))
      .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
      .withArgs(proposalId, state("Defeated"), onlyStates("Succeeded"));
  });

  it("defeats a bylaw change that has a majority but not the supermajority", async function () {
    const { governor, membership, alice, bob, carol, dave, erin } = await networkHelpers.loadFixture(deployDisCO);
    // Five binding members first, so that 3 For and 2 Against (60%) is possible.
    const promote = await membershipCall(
      membership,
      "changeStage",
      [erin.address, Stage.Committed, ZeroAddress],
      "Erin becomes a Committed member",
    );
    await enact(governor, time, alice, promote, [
      [alice, Support.For],
      [bob, Support.For],
    ]);
    expect(await membership.bindingMembers()).to.equal(5n);

    const rename = await membershipCall(
      membership,
      "setConstituencyName",
      [Constituency.client, "partner"],
      "Call clients partners",
    );
    const proposalId = await propose(governor, alice, rename);
    expect((await governor.proposalTally(proposalId)).kind).to.equal(1n); // Bylaw
    await openVoting(governor, time, proposalId);
    for (const [voter, support] of [
      [alice, Support.For],
      [bob, Support.For],
      [erin, Support.For],
      [carol, Support.Against],
      [dave, Support.Against],
    ] as const) {
      await governor.connect(voter).castVote(proposalId, support);
    }
    await closeVoting(governor, time, proposalId);
    expect(await governor.proposalVotes(proposalId)).to.deep.equal([2n, 3n, 0n]);
    expect(await governor.state(proposalId)).to.equal(state("Defeated"));
    await expect(queue(governor, alice, rename))
      .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
      .withArgs(proposalId, state("Defeated"), onlyStates("Succeeded"));
  });

  it("counts a vote signed by a member without ETH and relayed by a non-member", async function () {
    const { governor, membership, alice, bob, carol, ivan } = await networkHelpers.loadFixture(deployDisCO);
    const member = ethers.Wallet.createRandom().connect(ethers.provider);
    await enact(
      governor,
      time,
      alice,
      await membershipCall(
        membership,
        "admit",
        [member.address, Stage.Committed, Constituency.community, ZeroAddress],
        "Admit a new community member",
      ),
      [
        [alice, Support.For],
        [bob, Support.For],
      ],
    );
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    expect(await membership.isMember(ivan.address)).to.equal(false);

    const proposal = await membershipCall(
      membership,
      "setConstituencyName",
      [5, "researcher"],
      "Open a researchers' constituency",
    );
    const proposalId = await propose(governor, carol, proposal);
    await openVoting(governor, time, proposalId);
    const ballot = await signBallot(member, governor, proposalId, Support.For);
    await expect(relayBallot(governor, ivan, ballot))
      .to.emit(governor, "VoteCast")
      .withArgs(member.address, proposalId, Support.For, 1, "");
    await governor.connect(alice).castVote(proposalId, Support.For);
    await governor.connect(bob).castVote(proposalId, Support.Against);
    await closeVoting(governor, time, proposalId);
    // 2 For, 1 Against: the relayed vote is what makes the 2/3 supermajority.
    expect(await governor.state(proposalId)).to.equal(state("Succeeded"));
    await (await queue(governor, carol, proposal)).wait();
    await time.increase(TIMELOCK_DELAY);
    await expect(execute(governor, carol, proposal))
      .to.emit(membership, "ConstituencyNamed")
      .withArgs(5, "researcher");
    expect(await ethers.provider.getBalance(member.address)).to.equal(0n);
    expect(await governor.hasVoted(proposalId, ivan.address)).to.equal(false);
  });

  it("sends tokens sent to the membership by mistake back to their owner by an ordinary vote", async function () {
    const { governor, membership, treasury, alice, bob, grace } = await networkHelpers.loadFixture(deployDisCO);
    const token = await ethers.getContractAt("DemoEuro", await treasury.currency());
    const amount = 40_000_000n; // 40 euros
    await token.connect(grace).faucet(amount);
    await token.connect(grace).transfer(await membership.getAddress(), amount);
    const proposal = await membershipCall(
      membership,
      "recoverTokens",
      [await token.getAddress(), grace.address, amount],
      "Send grace back the 40 euros she sent to the membership contract",
    );
    const proposalId = await propose(governor, alice, proposal);
    expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Standard"));
    await openVoting(governor, time, proposalId);
    await governor.connect(alice).castVote(proposalId, Support.For);
    await governor.connect(bob).castVote(proposalId, Support.For);
    await closeVoting(governor, time, proposalId);
    await (await queue(governor, alice, proposal)).wait();
    await time.increase(TIMELOCK_DELAY);
    await expect(execute(governor, alice, proposal))
      .to.emit(membership, "TokensRecovered")
      .withArgs(await token.getAddress(), grace.address, amount);
    expect(await token.balanceOf(grace.address)).to.equal(amount);
    expect(await token.balanceOf(await membership.getAddress())).to.equal(0n);
  });

  it("gives a member admitted after a proposal's snapshot no vote on it, but a vote on later proposals", async function () {
    const { governor, membership, alice, bob, carol, grace } = await networkHelpers.loadFixture(deployDisCO);
    const admitGrace = await membershipCall(
      membership,
      "admit",
      [grace.address, Stage.Committed, Constituency.worker, ZeroAddress],
      "Admit grace as a Committed worker",
    );
    const admitId = await propose(governor, alice, admitGrace);
    await openVoting(governor, time, admitId);
    await governor.connect(alice).castVote(admitId, Support.For);
    await governor.connect(bob).castVote(admitId, Support.For);

    // Proposed while grace's admission is still being voted on: its vote is still open when she is admitted.
    await time.increase(3 * DAY);
    const pending = await membershipCall(membership, "setConstituencyName", [6, "neighbour"], "Add neighbours");
    const pendingId = await propose(governor, carol, pending);

    await closeVoting(governor, time, admitId);
    await (await queue(governor, alice, admitGrace)).wait();
    await time.increase(TIMELOCK_DELAY);
    const admittedAt = await minedAt(execute(governor, alice, admitGrace));
    expect(admittedAt).to.be.greaterThan(await governor.proposalSnapshot(pendingId));
    expect(await governor.state(pendingId)).to.equal(state("Active"));
    expect(await membership.getVotes(grace.address)).to.equal(1n);

    await expect(governor.connect(grace).castVote(pendingId, Support.For))
      .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
      .withArgs(grace.address, pendingId);
    const ballot = await signBallot(grace, governor, pendingId, Support.For);
    await expect(relayBallot(governor, bob, ballot))
      .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
      .withArgs(grace.address, pendingId);

    const later = await membershipCall(membership, "setConstituencyName", [7, "friend"], "Add friends");
    const laterId = await propose(governor, bob, later);
    await openVoting(governor, time, laterId);
    await expect(governor.connect(grace).castVote(laterId, Support.For))
      .to.emit(governor, "VoteCast")
      .withArgs(grace.address, laterId, Support.For, 1, "");
  });
});
