import { expect } from "chai";
import type { Interface } from "ethers";
import {
  allFor,
  calls,
  castVotes,
  connection,
  DAY,
  decide,
  deployWithAdmin,
  deployWithFiveCommitted,
  governorCall,
  kind,
  passAndQueue,
  selector,
  standardProposal,
  state,
  threeToTwo,
  TIMELOCK_DELAY,
} from "../helpers/disco.ts";
import { minedAt } from "../helpers/expect.ts";
import { publicClient } from "../helpers/viem.ts";
import { loadHistory } from "@disco-ledger/sdk/history";
import { execute, propose, queue, closeVoting, openVoting, toProposalCalls } from "../../scripts/lib/drive.ts";

/*
 * The governor's own parameters (supermajority, bylaw functions, quorum, delay, period, threshold), changed only
 * through its own bylaw proposals.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress } = ethers;
const time = networkHelpers.time;

describe("DisCOGovernor", function () {
  describe("governance settings", function () {
    it("sets the supermajority through governance", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await governorCall(governor, "setSupermajority", [3, 4], "three quarters");
      await passAndQueue(governor, alice, proposal, allFor(disco));
      await expect(execute(governor, alice, proposal))
        .to.emit(governor, "SupermajoritySet")
        .withArgs(3, 4);
      expect(await governor.supermajority()).to.deep.equal([3n, 4n]);
    });

    it("reverts when the supermajority is not more than half and at most the whole", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const bad: Array<[number, number]> = [
        [1, 2],
        [5, 4],
        [1, 0],
      ];
      const proposals = await Promise.all(
        bad.map(([n, d]) => governorCall(governor, "setSupermajority", [n, d], `supermajority ${n}/${d}`)),
      );
      const ids = [];
      for (const proposal of proposals) ids.push(await propose(governor, alice, proposal));
      await openVoting(governor, time, ids[ids.length - 1]);
      for (const proposalId of ids) await castVotes(governor, proposalId, allFor(disco));
      await closeVoting(governor, time, ids[ids.length - 1]);
      for (const proposal of proposals) await (await queue(governor, alice, proposal)).wait();
      await time.increase(TIMELOCK_DELAY);
      for (const [i, proposal] of proposals.entries()) {
        await expect(execute(governor, alice, proposal))
          .to.be.revertedWithCustomError(governor, "DisCOGovernorInvalidSupermajority")
          .withArgs(bad[i][0], bad[i][1]);
      }
    });

    it("marks and unmarks a bylaw function through governance", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, alice } = disco;
      const m = await membership.getAddress();
      const admitSelector = selector("admit(address,uint8,uint8,address)");
      const mark = await governorCall(governor, "setBylawFunction", [m, admitSelector, true], "admissions are bylaws");
      await passAndQueue(governor, alice, mark, allFor(disco));
      await expect(execute(governor, alice, mark))
        .to.emit(governor, "BylawFunctionSet")
        .withArgs(m, admitSelector, true);
      expect(await governor.isBylawFunction(m, admitSelector)).to.equal(true);
      const admission = await standardProposal(disco, "admit heidi");
      expect(await governor.classify(admission.targets, admission.calldatas, admission.description)).to.equal(
        kind("Bylaw"),
      );

      const unmark = await governorCall(governor, "setBylawFunction", [m, admitSelector, false], "not any more");
      await passAndQueue(governor, alice, unmark, allFor(disco));
      await expect(execute(governor, alice, unmark))
        .to.emit(governor, "BylawFunctionSet")
        .withArgs(m, admitSelector, false);
      expect(await governor.classify(admission.targets, admission.calldatas, admission.description)).to.equal(
        kind("Standard"),
      );
    });

    it("overrides a default bylaw function: unmarked, a 3-2 vote passes a call to it; marked again, it fails", async function () {
      const disco = await networkHelpers.loadFixture(deployWithFiveCommitted);
      const { governor, ledger, alice } = disco;
      const l = await ledger.getAddress();
      const setCap = ledger.interface.getFunction("setCap").selector;
      const capProposal = (cap: bigint) =>
        calls(l, ledger.interface.encodeFunctionData("setCap", [0, cap]), `cap stream 0 at ${cap}`);
      const override = async (isBylaw: boolean) => {
        const proposal = await governorCall(governor, "setBylawFunction", [l, setCap, isBylaw], `setCap ${isBylaw}`);
        await passAndQueue(governor, alice, proposal, allFor(disco));
        await expect(execute(governor, alice, proposal))
          .to.emit(governor, "BylawFunctionSet")
          .withArgs(l, setCap, isBylaw);
        expect(await governor.isBylawFunction(l, setCap)).to.equal(isBylaw);
      };
      const bylawsInLogs = async () =>
        (await loadHistory(publicClient(connection), disco.deployment)).state.governance.bylawFunctions;
      const entry = `${l.toLowerCase()}:${setCap}`;
      expect(await bylawsInLogs()).to.include(entry);

      await override(false);
      expect(await bylawsInLogs()).not.to.include(entry);
      const standard = capProposal(1_000n);
      const standardId = await passAndQueue(governor, alice, standard, threeToTwo(disco));
      expect((await governor.proposalTally(standardId)).kind).to.equal(kind("Standard"));
      await (await execute(governor, alice, standard)).wait();
      expect(await ledger.capOf(0)).to.equal(1_000n);

      await override(true);
      expect(await bylawsInLogs()).to.include(entry);
      const bylawId = await decide(governor, alice, capProposal(2_000n), threeToTwo(disco));
      expect((await governor.proposalTally(bylawId)).kind).to.equal(kind("Bylaw"));
      expect(await governor.state(bylawId)).to.equal(state("Defeated"));
      expect(await ledger.capOf(0)).to.equal(1_000n);
    });

    it("reverts when a bylaw function is registered on the zero address", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await governorCall(governor, "setBylawFunction", [ZeroAddress, "0x12345678", true], "zero");
      await passAndQueue(governor, alice, proposal, allFor(disco));
      await expect(execute(governor, alice, proposal))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorInvalidBylawTarget")
        .withArgs(ZeroAddress);
    });

    it("updates the quorum through governance, for proposals whose snapshot comes after", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await governorCall(governor, "updateQuorumNumerator", [7500], "three quarters must take part");
      await passAndQueue(governor, alice, proposal, allFor(disco));
      const tx = execute(governor, alice, proposal);
      await expect(tx).to.emit(governor, "QuorumNumeratorUpdated").withArgs(5000, 7500);
      const at = await minedAt(tx);
      await networkHelpers.mine();
      expect(await governor["quorumNumerator()"]()).to.equal(7500n);
      expect(await governor.quorum(at)).to.equal(3n);
      expect(await governor.quorum(at - 1n)).to.equal(2n);
    });

    it("reverts when the quorum would be zero or above 100%", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const zero = await governorCall(governor, "updateQuorumNumerator", [0], "no quorum");
      const over = await governorCall(governor, "updateQuorumNumerator", [10_001], "impossible quorum");
      const zeroId = await propose(governor, alice, zero);
      const overId = await propose(governor, alice, over);
      await openVoting(governor, time, overId);
      await castVotes(governor, zeroId, allFor(disco));
      await castVotes(governor, overId, allFor(disco));
      await closeVoting(governor, time, overId);
      await (await queue(governor, alice, zero)).wait();
      await (await queue(governor, alice, over)).wait();
      await time.increase(TIMELOCK_DELAY);
      await expect(execute(governor, alice, zero))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidQuorumFraction")
        .withArgs(0, 10_000);
      await expect(execute(governor, alice, over))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidQuorumFraction")
        .withArgs(10_001, 10_000);
    });

    it("changes the voting delay, voting period and proposal threshold in one bylaw proposal", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const iface: Interface = governor.interface;
      const g = await governor.getAddress();
      const proposal = toProposalCalls({
        targets: [g, g, g],
        values: [0n, 0n, 0n],
        calldatas: [
          iface.encodeFunctionData("setVotingDelay", [2 * DAY]),
          iface.encodeFunctionData("setVotingPeriod", [14 * DAY]),
          iface.encodeFunctionData("setProposalThreshold", [0]),
        ],
        description: "slower rhythm, anyone may propose",
      });
      await passAndQueue(governor, alice, proposal, allFor(disco));
      const tx = execute(governor, alice, proposal);
      await expect(tx)
        .to.emit(governor, "VotingDelaySet")
        .withArgs(DAY, 2 * DAY);
      await expect(tx)
        .to.emit(governor, "VotingPeriodSet")
        .withArgs(7 * DAY, 14 * DAY);
      await expect(tx).to.emit(governor, "ProposalThresholdSet").withArgs(1, 0);
      expect(await governor.votingDelay()).to.equal(BigInt(2 * DAY));
      expect(await governor.votingPeriod()).to.equal(BigInt(14 * DAY));
      expect(await governor.proposalThreshold()).to.equal(0n);
    });

    it("reverts when any setter is called directly, even by a member or the timelock's deployer", async function () {
      const { governor, timelock, deployer, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      for (const caller of [deployer, alice]) {
        const g = governor.connect(caller);
        const attempts = [
          g.setSupermajority(3, 4),
          g.setConstituencyShares([6000, 2000, 2000, 0, 0, 0, 0, 0]),
          g.setBylawFunction(await timelock.getAddress(), "0x12345678", true),
          g.updateQuorumNumerator(1),
          g.setVotingDelay(1),
          g.setVotingPeriod(1),
          g.setProposalThreshold(0),
          g.updateTimelock(await timelock.getAddress()),
          g.relay(alice.address, 0, "0x"),
        ];
        for (const attempt of attempts) {
          await expect(attempt)
            .to.be.revertedWithCustomError(governor, "GovernorOnlyExecutor")
            .withArgs(caller.address);
        }
      }
    });
  });
});
