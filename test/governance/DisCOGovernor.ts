import { expect } from "chai";
import { id as keccakId, type Interface, type Signer } from "ethers";
import {
  allFor,
  calls,
  castVotes,
  connection,
  Constituency,
  DAY,
  decide,
  defaultBylawFunctions,
  deployWeightedForWorkers,
  deployWithAdmin,
  deployWithFiveCommitted,
  governedContracts,
  governorCall,
  keyedNonce,
  kind,
  NO_SHARES,
  onlyStates,
  passAndQueue,
  selector,
  SETTINGS,
  Stage,
  standardProposal,
  state,
  threeToTwo,
  TIMELOCK_DELAY,
  type Vote,
} from "../helpers/disco.ts";
import { minedAt } from "../helpers/expect.ts";
import { publicClient } from "../helpers/viem.ts";
import { loadHistory } from "@disco-ledger/sdk/history";
import { deployClone, uninitialisedClone } from "../helpers/clones.ts";
import { descriptionHash, proposalIdOf, Support } from "@disco-ledger/sdk/governance";
import {
  signBallotWithNonce,
  signBallot,
  execute,
  propose,
  queue,
  relayBallot,
  closeVoting,
  openVoting,
  toProposalCalls,
} from "../../scripts/lib/drive.ts";

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;
const time = networkHelpers.time;

const ACTIVE_ONLY = onlyStates("Active");
const role = (name: string): string => keccakId(name);

type DisCO = Awaited<ReturnType<typeof deployWithAdmin>>;

describe("DisCOGovernor", function () {
  describe("deployment", function () {
    it("answers the IGovernor surface with the deployed settings", async function () {
      const { governor, membership, timelock } = await networkHelpers.loadFixture(deployWithAdmin);
      expect(await governor.name()).to.equal("DisCO Governor");
      expect(await governor.version()).to.equal("1");
      expect(await governor.COUNTING_MODE()).to.equal("support=bravo&quorum=for,against,abstain&consent=block");
      expect(await governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await governor.clock()).to.equal(BigInt(await time.latest()));
      expect(await governor.clock()).to.equal(await membership.clock());
      expect(await governor.votingDelay()).to.equal(BigInt(SETTINGS.votingDelay));
      expect(await governor.votingPeriod()).to.equal(BigInt(SETTINGS.votingPeriod));
      expect(await governor.proposalThreshold()).to.equal(BigInt(SETTINGS.proposalThreshold));
      expect(await governor["quorumNumerator()"]()).to.equal(BigInt(SETTINGS.quorumBps));
      expect(await governor.quorumDenominator()).to.equal(10_000n);
      expect(await governor.token()).to.equal(await membership.getAddress());
      expect(await governor.timelock()).to.equal(await timelock.getAddress());
      expect(await governor.CONSENT_PREFIX()).to.equal("[consent]");
      const [numerator, denominator] = await governor.supermajority();
      expect([numerator, denominator]).to.deep.equal([2n, 3n]);
      expect(await governor.constituencyShares()).to.deep.equal(NO_SHARES.map(BigInt));
    });

    it("registers the membership's role and constituency functions as bylaws", async function () {
      const { governor, membership } = await networkHelpers.loadFixture(deployWithAdmin);
      const m = await membership.getAddress();
      for (const signature of [
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
        "setConstituencyName(uint8,string)",
      ]) {
        expect(await governor.isBylawFunction(m, selector(signature)), signature).to.equal(true);
      }
      expect(await governor.isBylawFunction(m, selector("admit(address,uint8,uint8,address)"))).to.equal(false);
      expect(await governor.isBylawFunction(m, selector("remove(address,string)"))).to.equal(false);
    });

    it("tells its default bylaw table in its logs: the SDK's fold of the DisCO's history finds all 25", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { state } = await loadHistory(publicClient(connection), disco.deployment);
      const table = await defaultBylawFunctions(disco);
      expect([...state.governance.bylawFunctions]).to.have.members(
        table.map(({ target, selector }) => `${target.toLowerCase()}:${selector.toLowerCase()}`),
      );
    });

    it("computes quorum as a fraction of binding members at the timepoint, rounded up", async function () {
      const { governor, admin, membership, dave, grace, heidi } = await networkHelpers.loadFixture(deployWithAdmin);
      const t0 = BigInt(await time.latest());
      const t1 = await minedAt(membership.connect(dave).leave());
      const t2 = await minedAt(membership.connect(admin).admit(grace.address, Stage.Committed, 0, ZeroAddress));
      const t3 = await minedAt(membership.connect(admin).admit(heidi.address, Stage.Committed, 0, ZeroAddress));
      await networkHelpers.mine();
      expect(await governor.quorum(t0)).to.equal(2n); // 4 members * 50%
      expect(await governor.quorum(t1)).to.equal(2n); // 3 members * 50% = 1.5, rounded up
      expect(await governor.quorum(t2)).to.equal(2n); // 4 members again
      expect(await governor.quorum(t3)).to.equal(3n); // 5 members * 50% = 2.5, rounded up
      expect(await governor.getVotes(dave.address, t1)).to.equal(0n);
      expect(await governor.getVotes(grace.address, t2)).to.equal(1n);
    });

    it("leaves the deployer no role on the timelock and gives the governor proposer, canceller and executor", async function () {
      const { governor, timelock, deployer } = await networkHelpers.loadFixture(deployWithAdmin);
      const g = await governor.getAddress();
      const t = await timelock.getAddress();
      const roles = {
        DEFAULT_ADMIN_ROLE: ZeroHash,
        PROPOSER_ROLE: role("PROPOSER_ROLE"),
        EXECUTOR_ROLE: role("EXECUTOR_ROLE"),
        CANCELLER_ROLE: role("CANCELLER_ROLE"),
      };
      expect(await timelock.PROPOSER_ROLE()).to.equal(roles.PROPOSER_ROLE);
      for (const [name, r] of Object.entries(roles)) {
        expect(await timelock.hasRole(r, deployer.address), `deployer ${name}`).to.equal(false);
      }
      expect(await timelock.hasRole(roles.PROPOSER_ROLE, g)).to.equal(true);
      expect(await timelock.hasRole(roles.CANCELLER_ROLE, g)).to.equal(true);
      expect(await timelock.hasRole(roles.EXECUTOR_ROLE, g)).to.equal(true);
      expect(await timelock.hasRole(roles.DEFAULT_ADMIN_ROLE, g)).to.equal(false);
      // Execution is not open to anyone, and the timelock administers itself.
      expect(await timelock.hasRole(roles.EXECUTOR_ROLE, ZeroAddress)).to.equal(false);
      expect(await timelock.hasRole(roles.DEFAULT_ADMIN_ROLE, t)).to.equal(true);
      expect(await timelock.getMinDelay()).to.equal(BigInt(TIMELOCK_DELAY));
    });

    describe("initialize", function () {
      async function initialising(settings: Partial<typeof SETTINGS>, timelock?: string) {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const governor = await uninitialisedClone(ethers, "DisCOGovernor", ...(await governedContracts(disco)));
        return governor.initialize(timelock ?? (await disco.timelock.getAddress()), { ...SETTINGS, ...settings });
      }
      const errors = () => ethers.getContractFactory("DisCOGovernor");

      it("emits the supermajority and each of the 25 default bylaw functions, which it then answers", async function () {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const governor = await deployClone(ethers, "DisCOGovernor", [
          await governedContracts(disco),
          await disco.timelock.getAddress(),
          SETTINGS,
        ]);
        const deployment = governor.deploymentTransaction()!;
        await expect(deployment).to.emit(governor, "SupermajoritySet").withArgs(2, 3);
        const table = await defaultBylawFunctions(disco);
        expect(table).to.have.length(25);
        const emitted = (await deployment.wait())!.logs
          .map((log) => governor.interface.parseLog(log))
          .filter((event) => event?.name === "BylawFunctionSet")
          .map((event) => ({
            target: event!.args.target,
            selector: event!.args.selector,
            isBylaw: event!.args.isBylaw,
          }));
        expect(emitted).to.have.deep.members(table.map((entry) => ({ ...entry, isBylaw: true })));
        for (const { target, selector } of table) {
          expect(await governor.isBylawFunction(target, selector), `${target} ${selector}`).to.equal(true);
        }
      });

      it("reverts when the supermajority is not more than half and at most the whole", async function () {
        for (const [n, d] of [
          [1, 2],
          [3, 7],
          [5, 4],
          [1, 0],
          [0, 0],
        ]) {
          await expect(initialising({ supermajorityNumerator: n, supermajorityDenominator: d }))
            .to.be.revertedWithCustomError(await errors(), "DisCOGovernorInvalidSupermajority")
            .withArgs(n, d);
        }
      });

      it("reverts when the quorum is zero or above 100%", async function () {
        for (const quorumBps of [0, 10_001]) {
          await expect(initialising({ quorumBps }))
            .to.be.revertedWithCustomError(await errors(), "GovernorInvalidQuorumFraction")
            .withArgs(quorumBps, 10_000);
        }
      });

      it("reverts when the timelock is the zero address", async function () {
        await expect(initialising({}, ZeroAddress)).to.be.revertedWithCustomError(
          await errors(),
          "DisCOGovernorNoTimelock",
        );
      });
    });
  });

  describe("propose", function () {
    it("lets a Committed member propose, with the snapshot one voting delay ahead", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await standardProposal(disco, "admit heidi");
      const proposalId = proposalIdOf(proposal);
      const tx = governor
        .connect(alice)
        .propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description);
      const createdAt = await minedAt(tx);
      const snapshot = createdAt + BigInt(SETTINGS.votingDelay);
      const deadline = snapshot + BigInt(SETTINGS.votingPeriod);
      await expect(tx)
        .to.emit(governor, "ProposalCreated")
        .withArgs(
          proposalId,
          alice.address,
          proposal.targets,
          proposal.values,
          [""],
          proposal.calldatas,
          snapshot,
          deadline,
          proposal.description,
        );
      await expect(tx).to.emit(governor, "ProposalClassified").withArgs(proposalId, kind("Standard"), 2, 3, NO_SHARES);
      expect(await governor.state(proposalId)).to.equal(state("Pending"));
      expect(await governor.proposalProposer(proposalId)).to.equal(alice.address);
      expect(await governor.proposalSnapshot(proposalId)).to.equal(snapshot);
      expect(await governor.proposalDeadline(proposalId)).to.equal(deadline);
      expect(await governor.proposalNeedsQueuing(proposalId)).to.equal(true);
      const tally = await governor.proposalTally(proposalId);
      expect(tally.kind).to.equal(kind("Standard"));
      expect(tally.weighted).to.equal(false);
    });

    it("reverts when the proposer has no binding vote (outsider, Casual, Dating, former member)", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, carol, erin, frank, grace } = disco;
      await membership.connect(carol).leave();
      const proposal = await standardProposal(disco, "admit heidi");
      for (const proposer of [grace, frank, erin, carol]) {
        await expect(
          governor
            .connect(proposer)
            .propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description),
        )
          .to.be.revertedWithCustomError(governor, "GovernorInsufficientProposerVotes")
          .withArgs(proposer.address, 0, 1);
      }
    });

    it("reverts when the same proposal is made twice", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = await standardProposal(disco, "admit heidi");
      const proposalId = await propose(disco.governor, disco.alice, proposal);
      await expect(
        disco.governor
          .connect(disco.bob)
          .propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description),
      )
        .to.be.revertedWithCustomError(disco.governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, state("Pending"), ZeroHash);
    });

    it("reverts when a proposal has no calls", async function () {
      const { governor, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      await expect(governor.connect(alice).propose([], [], [], "nothing"))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidProposalLength")
        .withArgs(0, 0, 0);
    });
  });

  describe("classification", function () {
    it("makes a proposal calling the governor a Bylaw with the current supermajority", async function () {
      const { governor, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = await governorCall(governor, "setSupermajority", [3, 4], "raise the bar");
      const proposalId = proposalIdOf(proposal);
      await expect(
        governor.connect(alice).propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description),
      )
        .to.emit(governor, "ProposalClassified")
        .withArgs(proposalId, kind("Bylaw"), 2, 3, NO_SHARES);
      const tally = await governor.proposalTally(proposalId);
      expect(tally.kind).to.equal(kind("Bylaw"));
      expect(tally.supermajorityNumerator).to.equal(2n);
      expect(tally.supermajorityDenominator).to.equal(3n);
    });

    it("makes a proposal calling the timelock a Bylaw", async function () {
      const { governor, timelock, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = calls(
        await timelock.getAddress(),
        timelock.interface.encodeFunctionData("updateDelay", [DAY]),
        "shorter delay",
      );
      const proposalId = await propose(governor, alice, proposal);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
    });

    it("makes a proposal calling a registered bylaw function a Bylaw", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, alice, grace } = disco;
      const m = await membership.getAddress();
      const bylaws = [
        membership.interface.encodeFunctionData("grantRole", [ZeroHash, grace.address]),
        membership.interface.encodeFunctionData("revokeRole", [ZeroHash, grace.address]),
        membership.interface.encodeFunctionData("renounceRole", [ZeroHash, grace.address]),
        membership.interface.encodeFunctionData("setConstituencyName", [5, "researcher"]),
      ];
      for (const [i, data] of bylaws.entries()) {
        expect(await governor.classify([m], [data], `bylaw ${i}`)).to.equal(kind("Bylaw"));
      }
      const grant = calls(m, bylaws[0], "make grace an admin");
      const grantId = await propose(governor, alice, grant);
      expect((await governor.proposalTally(grantId)).kind).to.equal(kind("Bylaw"));
    });

    it("makes every membership call that changes who holds a binding vote a Bylaw", async function () {
      const disco = await networkHelpers.loadFixture(deployWeightedForWorkers);
      const { governor, membership, alice, carol, erin, frank, grace } = disco;
      const m = await membership.getAddress();
      const iface: Interface = membership.interface;
      const encode = (fn: string, args: ReadonlyArray<unknown>) => iface.encodeFunctionData(fn, args);
      const bylaws: Array<[string, string]> = [
        ["admit to Committed", encode("admit", [grace.address, Stage.Committed, 0, ZeroAddress])],
        ["promote Dating to Committed", encode("changeStage", [erin.address, Stage.Committed, ZeroAddress])],
        ["promote Casual to Committed", encode("changeStage", [frank.address, Stage.Committed, ZeroAddress])],
        ["demote Committed to Casual", encode("changeStage", [carol.address, Stage.Casual, ZeroAddress])],
        ["demote Committed to Dating", encode("changeStage", [carol.address, Stage.Dating1, alice.address])],
        ["remove a Committed member", encode("remove", [carol.address, "no longer"])],
        ["move a Committed member", encode("changeConstituency", [carol.address, Constituency.worker])],
        // Too short to name a member and a stage: refused at execution anyway, and a bylaw meanwhile.
        ["admit without a stage", encode("admit", [grace.address, Stage.Casual, 0, ZeroAddress]).slice(0, 2 + 2 * 36)],
        ["bare selector", selector("changeStage(address,uint8,address)")],
      ];
      for (const [what, data] of bylaws) {
        expect(await governor.classify([m], [data], what), what).to.equal(kind("Bylaw"));
      }
      // Proposed, the classification is fixed and announced.
      const demote = calls(m, bylaws[3][1], "carol to Casual");
      const demoteId = proposalIdOf(demote);
      await expect(governor.connect(alice).propose(demote.targets, demote.values, demote.calldatas, demote.description))
        .to.emit(governor, "ProposalClassified")
        .withArgs(demoteId, kind("Bylaw"), 2, 3, [6000, 2000, 2000, 0, 0, 0, 0, 0]);
    });

    it("makes membership calls within Casual and Dating Standard", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, ledger, alice, erin, frank, grace } = disco;
      const m = await membership.getAddress();
      const iface: Interface = membership.interface;
      const encode = (fn: string, args: ReadonlyArray<unknown>) => iface.encodeFunctionData(fn, args);
      const standard: Array<[string, string]> = [
        ["admit as Casual", encode("admit", [grace.address, Stage.Casual, Constituency.supporter, ZeroAddress])],
        ["admit as Dating", encode("admit", [grace.address, Stage.Dating1, 0, alice.address])],
        ["move on within Dating", encode("changeStage", [erin.address, Stage.Dating3, alice.address])],
        ["Dating back to Casual", encode("changeStage", [erin.address, Stage.Casual, ZeroAddress])],
        ["Casual to Dating", encode("changeStage", [frank.address, Stage.Dating1, alice.address])],
        ["remove a Dating member", encode("remove", [erin.address, "inactive"])],
        ["remove a Casual member", encode("remove", [frank.address, "inactive"])],
        ["move a Dating member", encode("changeConstituency", [erin.address, Constituency.community])],
      ];
      for (const [what, data] of standard) {
        expect(await governor.classify([m], [data], what), what).to.equal(kind("Standard"));
      }
      // The same calldata to another contract is not a membership call.
      const promote = encode("changeStage", [erin.address, Stage.Committed, ZeroAddress]);
      expect(await governor.classify([await ledger.getAddress()], [promote], "not the membership")).to.equal(
        kind("Standard"),
      );
    });

    it("weighs a constituency move of a Dating member as Standard even with weighting on", async function () {
      const { governor, membership, erin } = await networkHelpers.loadFixture(deployWeightedForWorkers);
      const data = membership.interface.encodeFunctionData("changeConstituency", [erin.address, Constituency.client]);
      expect(await governor.classify([await membership.getAddress()], [data], "erin moves")).to.equal(kind("Standard"));
    });

    it("makes a batch a Bylaw when any one of its calls is", async function () {
      const { governor, membership, alice, grace } = await networkHelpers.loadFixture(deployWithAdmin);
      const m = await membership.getAddress();
      const proposal = toProposalCalls({
        targets: [m, m],
        values: [0n, 0n],
        calldatas: [
          membership.interface.encodeFunctionData("admit", [grace.address, Stage.Casual, 0, ZeroAddress]),
          membership.interface.encodeFunctionData("grantRole", [ZeroHash, grace.address]),
        ],
        description: "admit grace as a supporter and make her an admin",
      });
      const proposalId = await propose(governor, alice, proposal);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
    });

    it("makes a proposal whose description starts with [consent] a Consent proposal", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await standardProposal(disco, "[consent] admit heidi as a supporter");
      const proposalId = proposalIdOf(proposal);
      await expect(
        governor.connect(alice).propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description),
      )
        .to.emit(governor, "ProposalClassified")
        .withArgs(proposalId, kind("Consent"), 2, 3, NO_SHARES);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Consent"));
    });

    it("needs the exact prefix at the very start for consent", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { targets, calldatas } = await standardProposal(disco, "");
      const classify = (description: string) => disco.governor.classify(targets, calldatas, description);
      expect(await classify("[consent]")).to.equal(kind("Consent"));
      expect(await classify("[consent]x")).to.equal(kind("Consent"));
      expect(await classify("[Consent] admit heidi")).to.equal(kind("Standard"));
      expect(await classify(" [consent] admit heidi")).to.equal(kind("Standard"));
      expect(await classify("admit heidi [consent]")).to.equal(kind("Standard"));
      expect(await classify("[consent")).to.equal(kind("Standard"));
      expect(await classify("")).to.equal(kind("Standard"));
    });

    it("reverts when a consent proposal would change a bylaw", async function () {
      const { governor, timelock, alice } = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = await governorCall(governor, "setSupermajority", [3, 4], "[consent] raise the bar");
      await expect(
        governor.connect(alice).propose(proposal.targets, proposal.values, proposal.calldatas, proposal.description),
      ).to.be.revertedWithCustomError(governor, "DisCOGovernorConsentBylaw");
      await expect(
        governor.classify(proposal.targets, proposal.calldatas, proposal.description),
      ).to.be.revertedWithCustomError(governor, "DisCOGovernorConsentBylaw");
      await expect(
        governor.classify([await timelock.getAddress()], ["0x"], "[consent] anything on the timelock"),
      ).to.be.revertedWithCustomError(governor, "DisCOGovernorConsentBylaw");
    });

    it("classifies calls without calldata by their target", async function () {
      const { governor, membership, timelock } = await networkHelpers.loadFixture(deployWithAdmin);
      expect(await governor.classify([await timelock.getAddress()], [], "")).to.equal(kind("Bylaw"));
      expect(await governor.classify([await membership.getAddress()], [], "")).to.equal(kind("Standard"));
      expect(await governor.classify([await membership.getAddress()], ["0x2f"], "")).to.equal(kind("Standard"));
    });
  });

  describe("voting", function () {
    it("keeps every receipt apart when the voters' member indexes span several receipt words", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, admin, alice } = disco;
      // 130 more Committed members: indexes 7 to 136, across three words of 64 receipts.
      const voters = Array.from({ length: 130 }, () => ethers.Wallet.createRandom(ethers.provider));
      for (const voter of voters) {
        await networkHelpers.setBalance(voter.address, ethers.parseEther("1"));
        await membership.connect(admin).admit(voter.address, Stage.Committed, Constituency.worker, ZeroAddress);
      }
      expect(await membership.indexOf(voters[voters.length - 1].address)).to.equal(136n);
      const proposalId = await propose(governor, alice, await standardProposal(disco, "many voters"));
      await openVoting(governor, time, proposalId);

      const supportOf = (i: number) => [Support.For, Support.Against, Support.Abstain][i % 3];
      const voting = voters.slice(0, 129); // the last one stays silent
      for (const [i, voter] of voting.entries()) await governor.connect(voter).castVote(proposalId, supportOf(i));

      for (const [i, voter] of voting.entries()) {
        expect(await governor.voteOf(proposalId, voter.address)).to.deep.equal([true, BigInt(supportOf(i))]);
      }
      expect(await governor.hasVoted(proposalId, voters[129].address)).to.equal(false);
      expect(await governor.hasVoted(proposalId, alice.address)).to.equal(false);
      const forCount = voting.filter((_, i) => supportOf(i) === Support.For).length;
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([43n, BigInt(forCount), 43n]);
      // Indexes 63, 64, 127 and 128 sit on either side of a word boundary.
      for (const index of [63, 64, 127, 128]) {
        const voter = voters[index - 7];
        await expect(governor.connect(voter).castVote(proposalId, Support.For))
          .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
          .withArgs(voter.address);
      }
      await governor.connect(voters[129]).castVote(proposalId, Support.For);
      expect(await governor.voteOf(proposalId, voters[129].address)).to.deep.equal([true, BigInt(Support.For)]);
    });

    async function activeProposal(description = "admit heidi") {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = await standardProposal(disco, description);
      const proposalId = await propose(disco.governor, disco.alice, proposal);
      await openVoting(disco.governor, time, proposalId);
      return { ...disco, proposal, proposalId };
    }

    async function activeConsent() {
      return activeProposal("[consent] admit heidi");
    }

    it("counts a Committed member's castVote as one binding vote", async function () {
      const { governor, alice, proposalId } = await activeProposal();
      expect(await governor.state(proposalId)).to.equal(state("Active"));
      expect(await governor.hasVoted(proposalId, alice.address)).to.equal(false);
      expect(await governor.voteOf(proposalId, alice.address)).to.deep.equal([false, 0n]);
      await expect(governor.connect(alice).castVote(proposalId, Support.For))
        .to.emit(governor, "VoteCast")
        .withArgs(alice.address, proposalId, Support.For, 1, "");
      expect(await governor.hasVoted(proposalId, alice.address)).to.equal(true);
      expect(await governor.voteOf(proposalId, alice.address)).to.deep.equal([true, BigInt(Support.For)]);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 1n, 0n]);
      const tally = await governor.proposalTally(proposalId);
      expect(tally.forVotes).to.equal(1n);
      expect(tally.advisoryFor).to.equal(0n);
    });

    it("records the reason given with castVoteWithReason", async function () {
      const { governor, bob, proposalId } = await activeProposal();
      await expect(governor.connect(bob).castVoteWithReason(proposalId, Support.Against, "not yet"))
        .to.emit(governor, "VoteCast")
        .withArgs(bob.address, proposalId, Support.Against, 1, "not yet");
      expect(await governor.voteOf(proposalId, bob.address)).to.deep.equal([true, BigInt(Support.Against)]);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([1n, 0n, 0n]);
    });

    it("accepts castVoteWithReasonAndParams and reports the params", async function () {
      const { governor, carol, dave, proposalId } = await activeProposal();
      await expect(governor.connect(carol).castVoteWithReasonAndParams(proposalId, Support.Abstain, "unsure", "0x1234"))
        .to.emit(governor, "VoteCastWithParams")
        .withArgs(carol.address, proposalId, Support.Abstain, 1, "unsure", "0x1234");
      await expect(governor.connect(dave).castVoteWithReasonAndParams(proposalId, Support.For, "yes", "0x"))
        .to.emit(governor, "VoteCast")
        .withArgs(dave.address, proposalId, Support.For, 1, "yes");
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 1n, 1n]);
    });

    it("counts a vote signed by a member and relayed by someone else, spending the proposal's keyed nonce", async function () {
      const { governor, bob, grace, proposalId } = await activeProposal();
      const key = BigInt.asUintN(192, proposalId);
      expect(await keyedNonce(governor, bob.address, proposalId)).to.equal(key << 64n);
      const ballot = await signBallot(bob, governor, proposalId, Support.For);
      await expect(relayBallot(governor, grace, ballot))
        .to.emit(governor, "VoteCast")
        .withArgs(bob.address, proposalId, Support.For, 1, "");
      expect(await governor.hasVoted(proposalId, bob.address)).to.equal(true);
      expect(await governor.hasVoted(proposalId, grace.address)).to.equal(false);
      // The proposal's own sequence moved on; the plain nonce, shared by every other use, did not.
      expect(await keyedNonce(governor, bob.address, proposalId)).to.equal((key << 64n) | 1n);
      expect(await governor["nonces(address)"](bob.address)).to.equal(0n);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 1n, 0n]);
    });

    it("still accepts a ballot signed with the plain nonce, which it spends", async function () {
      const { governor, bob, grace, proposalId } = await activeProposal();
      const plain = await governor["nonces(address)"](bob.address);
      const ballot = await signBallotWithNonce(bob, governor, proposalId, Support.Against, plain);
      await expect(relayBallot(governor, grace, ballot))
        .to.emit(governor, "VoteCast")
        .withArgs(bob.address, proposalId, Support.Against, 1, "");
      expect(await governor["nonces(address)"](bob.address)).to.equal(plain + 1n);
      expect(await keyedNonce(governor, bob.address, proposalId)).to.equal(BigInt.asUintN(192, proposalId) << 64n);
    });

    it("reverts when a signature does not come from the voter, is replayed, or signs another nonce", async function () {
      const { governor, alice, bob, grace, proposalId } = await activeProposal();
      const ballot = await signBallot(alice, governor, proposalId, Support.For);
      await expect(relayBallot(governor, grace, { ...ballot, voter: bob.address }))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(bob.address);
      await expect(relayBallot(governor, grace, { ...ballot, support: Support.Against }))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
      // A nonce ahead of the proposal's sequence, or another proposal's, verifies against neither nonce.
      const key = BigInt.asUintN(192, proposalId);
      for (const nonce of [(key << 64n) | 1n, (key + 1n) << 64n, 1n]) {
        const wrong = await signBallotWithNonce(alice, governor, proposalId, Support.For, nonce);
        await expect(relayBallot(governor, grace, wrong))
          .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
          .withArgs(alice.address);
      }
      await relayBallot(governor, grace, ballot);
      // The nonce has moved on, so the same signature no longer verifies.
      await expect(relayBallot(governor, grace, ballot))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 1n, 0n]);
    });

    it("reverts when a member votes twice, by any route", async function () {
      const { governor, alice, grace, proposalId } = await activeProposal();
      await governor.connect(alice).castVote(proposalId, Support.For);
      await expect(governor.connect(alice).castVote(proposalId, Support.Against))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(alice.address);
      await expect(governor.connect(alice).castVoteWithReason(proposalId, Support.For, "again"))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(alice.address);
      const ballot = await signBallot(alice, governor, proposalId, Support.Against);
      await expect(relayBallot(governor, grace, ballot))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(alice.address);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 1n, 0n]);
    });

    it("reverts when a Dating member votes twice", async function () {
      const { governor, erin, proposalId } = await activeProposal();
      await governor.connect(erin).castVote(proposalId, Support.For);
      await expect(governor.connect(erin).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "GovernorAlreadyCastVote")
        .withArgs(erin.address);
      expect((await governor.proposalTally(proposalId)).advisoryFor).to.equal(1n);
    });

    it("reverts when the support value is not a vote type", async function () {
      const { governor, alice, proposalId } = await activeProposal();
      for (const support of [4, 255]) {
        await expect(governor.connect(alice).castVote(proposalId, support)).to.be.revertedWithCustomError(
          governor,
          "GovernorInvalidVoteType",
        );
      }
    });

    it("reverts when Block is used on a Standard or Bylaw proposal", async function () {
      const disco = await activeProposal();
      const { governor, alice, erin, proposalId } = disco;
      await expect(
        governor.connect(alice).castVoteWithReason(proposalId, Support.Block, "I object"),
      ).to.be.revertedWithCustomError(governor, "GovernorInvalidVoteType");
      await expect(
        governor.connect(erin).castVoteWithReason(proposalId, Support.Block, "I object"),
      ).to.be.revertedWithCustomError(governor, "GovernorInvalidVoteType");
      const bylaw = await governorCall(governor, "setSupermajority", [3, 4], "raise the bar");
      const bylawId = await propose(governor, alice, bylaw);
      await openVoting(governor, time, bylawId);
      await expect(
        governor.connect(alice).castVoteWithReason(bylawId, Support.Block, "I object"),
      ).to.be.revertedWithCustomError(governor, "GovernorInvalidVoteType");
    });

    it("counts a Block with its reason on a consent proposal", async function () {
      const { governor, carol, proposalId } = await activeConsent();
      await expect(governor.connect(carol).castVoteWithReason(proposalId, Support.Block, "breaks our care policy"))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, proposalId, Support.Block, 1, "breaks our care policy");
      const tally = await governor.proposalTally(proposalId);
      expect(tally.blockVotes).to.equal(1n);
      expect(tally.advisoryBlock).to.equal(0n);
      expect(await governor.voteOf(proposalId, carol.address)).to.deep.equal([true, BigInt(Support.Block)]);
      // Block is not one of GovernorCountingSimple's three counts.
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 0n, 0n]);
    });

    it("reverts when a Block carries no reason", async function () {
      const { governor, carol, erin, grace, proposalId } = await activeConsent();
      await expect(governor.connect(carol).castVote(proposalId, Support.Block)).to.be.revertedWithCustomError(
        governor,
        "DisCOGovernorBlockWithoutReason",
      );
      await expect(
        governor.connect(carol).castVoteWithReason(proposalId, Support.Block, ""),
      ).to.be.revertedWithCustomError(governor, "DisCOGovernorBlockWithoutReason");
      await expect(governor.connect(erin).castVote(proposalId, Support.Block)).to.be.revertedWithCustomError(
        governor,
        "DisCOGovernorBlockWithoutReason",
      );
      const ballot = await signBallot(carol, governor, proposalId, Support.Block);
      await expect(relayBallot(governor, grace, ballot)).to.be.revertedWithCustomError(
        governor,
        "DisCOGovernorBlockWithoutReason",
      );
      await expect(governor.connect(carol).castVoteWithReason(proposalId, Support.Block, "because"))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, proposalId, Support.Block, 1, "because");
    });

    it("counts a Block with its reason signed by a member and relayed by someone else (ExtendedBallot)", async function () {
      const { governor, carol, grace, proposalId } = await activeConsent();
      const reason = "we have no capacity this month";
      const ballot = await signBallot(carol, governor, proposalId, Support.Block, reason);
      await expect(relayBallot(governor, grace, ballot))
        .to.emit(governor, "VoteCast")
        .withArgs(carol.address, proposalId, Support.Block, 1, reason);
      expect((await governor.proposalTally(proposalId)).blockVotes).to.equal(1n);
    });

    it("records Dating members' votes as advisory only", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, admin, alice, erin, grace, heidi, ivan } = disco;
      // Three more Dating members, admitted before the proposal's snapshot.
      for (const account of [grace, heidi, ivan]) {
        await membership.connect(admin).admit(account.address, Stage.Dating1, Constituency.worker, alice.address);
      }
      const proposalId = await propose(governor, alice, await standardProposal(disco, "admit heidi"));
      await openVoting(governor, time, proposalId);
      await expect(governor.connect(erin).castVote(proposalId, Support.For))
        .to.emit(governor, "VoteCast")
        .withArgs(erin.address, proposalId, Support.For, 0, "");
      await governor.connect(grace).castVote(proposalId, Support.Against);
      await governor.connect(heidi).castVote(proposalId, Support.Abstain);
      await governor.connect(ivan).castVote(proposalId, Support.For);
      const tally = await governor.proposalTally(proposalId);
      expect([tally.advisoryFor, tally.advisoryAgainst, tally.advisoryAbstain, tally.advisoryBlock]).to.deep.equal([
        2n,
        1n,
        1n,
        0n,
      ]);
      expect([tally.forVotes, tally.againstVotes, tally.abstainVotes, tally.blockVotes]).to.deep.equal([
        0n,
        0n,
        0n,
        0n,
      ]);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 0n, 0n]);
      expect(await governor.hasVoted(proposalId, erin.address)).to.equal(true);
      expect(await governor.voteOf(proposalId, grace.address)).to.deep.equal([true, BigInt(Support.Against)]);
      expect(await governor.getVotes(erin.address, await governor.proposalSnapshot(proposalId))).to.equal(0n);
    });

    it("counts a Dating member promoted after the snapshot as advisory on that proposal", async function () {
      const { governor, membership, admin, erin, proposalId } = await activeProposal();
      await membership.connect(admin).changeStage(erin.address, Stage.Committed, ZeroAddress);
      await expect(governor.connect(erin).castVote(proposalId, Support.For))
        .to.emit(governor, "VoteCast")
        .withArgs(erin.address, proposalId, Support.For, 0, "");
      expect((await governor.proposalTally(proposalId)).advisoryFor).to.equal(1n);
      expect((await governor.proposalTally(proposalId)).forVotes).to.equal(0n);
    });

    it("reverts when the voter had no vote at the snapshot: outsider or Casual", async function () {
      const { governor, frank, grace, proposalId } = await activeProposal();
      for (const voter of [frank, grace]) {
        await expect(governor.connect(voter).castVote(proposalId, Support.For))
          .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
          .withArgs(voter.address, proposalId);
      }
    });

    it("reverts when the voter joined after the snapshot, but counts one who joined before it", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, admin, alice, grace, heidi } = disco;
      const proposalId = await propose(governor, alice, await standardProposal(disco, "admit heidi"));
      // During the voting delay: before the snapshot.
      await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress);
      await openVoting(governor, time, proposalId);
      await membership.connect(admin).admit(heidi.address, Stage.Committed, Constituency.worker, ZeroAddress);
      await expect(governor.connect(heidi).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
        .withArgs(heidi.address, proposalId);
      await expect(governor.connect(grace).castVote(proposalId, Support.For))
        .to.emit(governor, "VoteCast")
        .withArgs(grace.address, proposalId, Support.For, 1, "");
    });

    it("reverts when the voter has left since the snapshot, even after rejoining", async function () {
      const { governor, membership, admin, carol, dave, proposalId } = await activeProposal();
      await membership.connect(carol).leave();
      await membership.connect(dave).leave();
      await membership.connect(admin).admit(dave.address, Stage.Committed, Constituency.client, ZeroAddress);
      for (const voter of [carol, dave]) {
        await expect(governor.connect(voter).castVote(proposalId, Support.Against))
          .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
          .withArgs(voter.address, proposalId);
      }
    });

    it("reverts when a Casual member at the snapshot was promoted since", async function () {
      const { governor, membership, admin, frank, proposalId } = await activeProposal();
      await membership.connect(admin).changeStage(frank.address, Stage.Committed, ZeroAddress);
      await expect(governor.connect(frank).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorNotEligible")
        .withArgs(frank.address, proposalId);
    });

    it("reverts when the vote is not open", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposalId = await propose(governor, alice, await standardProposal(disco, "admit heidi"));
      await expect(governor.connect(alice).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, state("Pending"), ACTIVE_ONLY);
      await openVoting(governor, time, proposalId);
      await closeVoting(governor, time, proposalId);
      await expect(governor.connect(alice).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, state("Defeated"), ACTIVE_ONLY);
      await expect(governor.connect(alice).castVote(12345n, Support.For))
        .to.be.revertedWithCustomError(governor, "GovernorNonexistentProposal")
        .withArgs(12345n);
    });
  });

  describe("outcomes", function () {
    async function outcome(description: string, votes: (disco: DisCO) => Vote[]) {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const proposal = await standardProposal(disco, description);
      const proposalId = await decide(disco.governor, disco.alice, proposal, votes(disco));
      return { ...disco, proposalId, outcome: await disco.governor.state(proposalId) };
    }

    it("defeats a proposal that misses quorum, however one-sided", async function () {
      const { outcome: result } = await outcome("admit heidi", (d) => [[d.alice, Support.For]]);
      expect(result).to.equal(state("Defeated"));
    });

    it("does not count advisory votes towards quorum", async function () {
      const {
        outcome: result,
        governor,
        proposalId,
      } = await outcome("admit heidi", (d) => [
        [d.alice, Support.For],
        [d.erin, Support.For],
      ]);
      expect((await governor.proposalTally(proposalId)).advisoryFor).to.equal(1n);
      expect(result).to.equal(state("Defeated"));
    });

    it("counts Abstain and Against towards quorum", async function () {
      const withAbstain = await outcome("with abstain", (d) => [
        [d.alice, Support.For],
        [d.bob, Support.Abstain],
      ]);
      expect(withAbstain.outcome).to.equal(state("Succeeded"));
      const withAgainst = await outcome("with against", (d) => [
        [d.alice, Support.For],
        [d.bob, Support.For],
        [d.carol, Support.Against],
      ]);
      expect(withAgainst.outcome).to.equal(state("Succeeded"));
    });

    it("needs more For than Against", async function () {
      const tie = await outcome("tie", (d) => [
        [d.alice, Support.For],
        [d.bob, Support.Against],
      ]);
      expect(tie.outcome).to.equal(state("Defeated"));
      const minority = await outcome("minority", (d) => [
        [d.alice, Support.For],
        [d.bob, Support.Against],
        [d.carol, Support.Against],
      ]);
      expect(minority.outcome).to.equal(state("Defeated"));
    });

    it("rounds quorum up: one vote of three members is not enough at 50%", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      await disco.membership.connect(disco.dave).leave();
      const proposalId = await decide(disco.governor, disco.alice, await standardProposal(disco, "admit heidi"), [
        [disco.alice, Support.For],
      ]);
      expect(await disco.governor.quorum(await disco.governor.proposalSnapshot(proposalId))).to.equal(2n);
      expect(await disco.governor.state(proposalId)).to.equal(state("Defeated"));
    });

    it("measures quorum against binding members at the snapshot, not those still there", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, alice, carol, dave } = disco;
      const proposalId = await propose(governor, alice, await standardProposal(disco, "admit heidi"));
      await openVoting(governor, time, proposalId);
      await governor.connect(alice).castVote(proposalId, Support.For);
      // Two of four leave after the snapshot: quorum stays 2 of the 4 who counted then, not 1 of the 2 left.
      await membership.connect(carol).leave();
      await membership.connect(dave).leave();
      await closeVoting(governor, time, proposalId);
      expect(await governor.quorum(await governor.proposalSnapshot(proposalId))).to.equal(2n);
      expect(await governor.state(proposalId)).to.equal(state("Defeated"));
    });

    describe("bylaw", function () {
      async function bylawOutcome(description: string, votes: (disco: DisCO) => Vote[]) {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const proposal = await governorCall(disco.governor, "setSupermajority", [3, 4], description);
        const proposalId = await decide(disco.governor, disco.alice, proposal, votes(disco));
        return disco.governor.state(proposalId);
      }

      it("passes with exactly the supermajority (2 For, 1 Against at 2/3)", async function () {
        expect(
          await bylawOutcome("two thirds", (d) => [
            [d.alice, Support.For],
            [d.bob, Support.For],
            [d.carol, Support.Against],
          ]),
        ).to.equal(state("Succeeded"));
      });

      it("fails with an even split (1 For, 1 Against)", async function () {
        expect(
          await bylawOutcome("even", (d) => [
            [d.alice, Support.For],
            [d.bob, Support.Against],
          ]),
        ).to.equal(state("Defeated"));
      });

      it("fails with a simple majority below the supermajority that a Standard proposal would pass", async function () {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const { governor, membership, admin, alice, bob, carol, dave, grace } = disco;
        // Five binding members, so that 3 For / 2 Against (60%) is possible.
        await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress);
        const votes: Vote[] = [
          [alice, Support.For],
          [bob, Support.For],
          [grace, Support.For],
          [carol, Support.Against],
          [dave, Support.Against],
        ];
        const bylaw = await governorCall(governor, "setSupermajority", [3, 4], "raise the bar");
        const standard = await standardProposal(disco, "admit heidi");
        const bylawId = await propose(governor, alice, bylaw);
        const standardId = await propose(governor, alice, standard);
        await openVoting(governor, time, standardId);
        await castVotes(governor, bylawId, votes);
        await castVotes(governor, standardId, votes);
        await closeVoting(governor, time, standardId);
        expect(await governor.state(bylawId)).to.equal(state("Defeated"));
        expect(await governor.state(standardId)).to.equal(state("Succeeded"));
      });

      it("keeps the supermajority that applied when it was proposed", async function () {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const { governor, alice, bob, carol } = disco;
        const raise = await governorCall(governor, "setSupermajority", [3, 4], "raise the bar to 3/4");
        const raiseId = await decide(governor, alice, raise, allFor(disco));
        await (await queue(governor, alice, raise)).wait();
        // Proposed while the raise waits in the timelock: still 2/3.
        const before = await governorCall(governor, "setVotingDelay", [2 * DAY], "longer delay");
        const beforeId = await propose(governor, alice, before);
        await time.increase(TIMELOCK_DELAY);
        await expect(execute(governor, alice, raise))
          .to.emit(governor, "SupermajoritySet")
          .withArgs(3, 4);
        expect(await governor.state(raiseId)).to.equal(state("Executed"));
        const after = await governorCall(governor, "setVotingDelay", [3 * DAY], "even longer delay");
        const afterId = await propose(governor, alice, after);

        expect((await governor.proposalTally(beforeId)).supermajorityNumerator).to.equal(2n);
        expect((await governor.proposalTally(afterId)).supermajorityNumerator).to.equal(3n);
        expect((await governor.proposalTally(afterId)).supermajorityDenominator).to.equal(4n);
        const votes: Vote[] = [
          [alice, Support.For],
          [bob, Support.For],
          [carol, Support.Against],
        ];
        await openVoting(governor, time, afterId);
        await castVotes(governor, beforeId, votes);
        await castVotes(governor, afterId, votes);
        await closeVoting(governor, time, afterId);
        expect(await governor.state(beforeId)).to.equal(state("Succeeded"));
        expect(await governor.state(afterId)).to.equal(state("Defeated"));
      });
    });

    describe("consent", function () {
      async function consentOutcome(votes: (disco: DisCO) => ReadonlyArray<readonly [Signer, number, string]>) {
        const disco = await networkHelpers.loadFixture(deployWithAdmin);
        const proposal = await standardProposal(disco, "[consent] admit heidi");
        const proposalId = await propose(disco.governor, disco.alice, proposal);
        await openVoting(disco.governor, time, proposalId);
        for (const [voter, support, reason] of votes(disco)) {
          await disco.governor.connect(voter).castVoteWithReason(proposalId, support, reason);
        }
        await closeVoting(disco.governor, time, proposalId);
        return { ...disco, proposalId, outcome: await disco.governor.state(proposalId) };
      }

      it("passes without a block", async function () {
        const { outcome: result } = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.Abstain, ""],
        ]);
        expect(result).to.equal(state("Succeeded"));
      });

      it("passes with fewer objections than For votes, none of them a block", async function () {
        const { outcome: result } = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.For, ""],
          [d.carol, Support.Against, "I would do it differently"],
        ]);
        expect(result).to.equal(state("Succeeded"));
      });

      it("fails when objections match or outnumber For votes, though nobody blocks", async function () {
        const tie = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.Against, "I would do it differently"],
        ]);
        expect(tie.outcome).to.equal(state("Defeated"));
        const outnumbered = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.Against, "I would do it differently"],
          [d.carol, Support.Against, "me too"],
        ]);
        expect(outnumbered.outcome).to.equal(state("Defeated"));
        const nobodyFor = await consentOutcome((d) => [
          [d.bob, Support.Against, "no"],
          [d.carol, Support.Against, "no"],
          [d.dave, Support.Against, "no"],
        ]);
        expect(await nobodyFor.governor.proposalVotes(nobodyFor.proposalId)).to.deep.equal([3n, 0n, 0n]);
        expect(nobodyFor.outcome).to.equal(state("Defeated"));
      });

      it("fails with one binding block", async function () {
        const {
          outcome: result,
          governor,
          proposalId,
        } = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.For, ""],
          [d.carol, Support.For, ""],
          [d.dave, Support.Block, "we promised this slot to someone else"],
        ]);
        expect((await governor.proposalTally(proposalId)).blockVotes).to.equal(1n);
        expect(result).to.equal(state("Defeated"));
      });

      it("is not blocked by an advisory (Dating) block", async function () {
        const {
          outcome: result,
          governor,
          proposalId,
        } = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.For, ""],
          [d.erin, Support.Block, "I am not comfortable"],
        ]);
        expect((await governor.proposalTally(proposalId)).advisoryBlock).to.equal(1n);
        expect((await governor.proposalTally(proposalId)).blockVotes).to.equal(0n);
        expect(result).to.equal(state("Succeeded"));
      });

      it("still needs quorum, to which a block counts", async function () {
        const alone = await consentOutcome((d) => [[d.alice, Support.For, ""]]);
        expect(alone.outcome).to.equal(state("Defeated"));
        // A block that brings participation to quorum makes the proposal fail by the block, not by quorum: the
        // same two voters without the block pass (see "passes without a block").
        const blocked = await consentOutcome((d) => [
          [d.alice, Support.For, ""],
          [d.bob, Support.Block, "no"],
        ]);
        expect(blocked.outcome).to.equal(state("Defeated"));
      });
    });
  });

  describe("cancel", function () {
    it("lets the proposer cancel while the proposal is Pending", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice } = disco;
      const proposal = await standardProposal(disco, "admit heidi");
      const proposalId = await propose(governor, alice, proposal);
      await expect(
        governor
          .connect(alice)
          .cancel(proposal.targets, proposal.values, proposal.calldatas, descriptionHash(proposal.description)),
      )
        .to.emit(governor, "ProposalCanceled")
        .withArgs(proposalId);
      expect(await governor.state(proposalId)).to.equal(state("Canceled"));
      await openVoting(governor, time, proposalId);
      await expect(governor.connect(alice).castVote(proposalId, Support.For))
        .to.be.revertedWithCustomError(governor, "GovernorUnexpectedProposalState")
        .withArgs(proposalId, state("Canceled"), ACTIVE_ONLY);
    });

    it("reverts when someone else cancels, or the proposer cancels once voting opened", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, alice, bob } = disco;
      const proposal = await standardProposal(disco, "admit heidi");
      const proposalId = await propose(governor, alice, proposal);
      const cancel = (caller: Signer) =>
        governor
          .connect(caller)
          .cancel(proposal.targets, proposal.values, proposal.calldatas, descriptionHash(proposal.description));
      await expect(cancel(bob))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(proposalId, bob.address);
      await openVoting(governor, time, proposalId);
      await expect(cancel(alice))
        .to.be.revertedWithCustomError(governor, "GovernorUnableToCancel")
        .withArgs(proposalId, alice.address);
      expect(await governor.state(proposalId)).to.equal(state("Active"));
    });
  });

  describe("queue and execute", function () {
    it("queues a Succeeded proposal in the timelock and executes it only after the delay", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, timelock, alice, heidi } = disco;
      const proposal = await standardProposal(disco, "admit heidi");
      const proposalId = await decide(governor, alice, proposal, allFor(disco));
      expect(await governor.state(proposalId)).to.equal(state("Succeeded"));
      const queueTx = queue(governor, alice, proposal);
      const queuedAt = await minedAt(queueTx);
      await expect(queueTx)
        .to.emit(governor, "ProposalQueued")
        .withArgs(proposalId, queuedAt + BigInt(TIMELOCK_DELAY));
      expect(await governor.state(proposalId)).to.equal(state("Queued"));
      await expect(execute(governor, alice, proposal)).to.be.revertedWithCustomError(
        timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increase(TIMELOCK_DELAY);
      await expect(execute(governor, alice, proposal))
        .to.emit(membership, "MemberAdmitted")
        .withArgs(heidi.address, Stage.Casual, Constituency.supporter, ZeroAddress);
      expect(await governor.state(proposalId)).to.equal(state("Executed"));
    });

    it("refuses a majority that moves Committed members just before weighting comes on (a bylaw, weighting off)", async function () {
      const disco = await networkHelpers.loadFixture(deployWithFiveCommitted);
      const { governor, membership, alice, bob } = disco;
      const m = await membership.getAddress();
      // The workers' majority tidies the constituencies so that, once weighting is on, it would hold 2/3 of the weight.
      const move = toProposalCalls({
        targets: [m, m],
        values: [0n, 0n],
        calldatas: [
          membership.interface.encodeFunctionData("changeConstituency", [alice.address, Constituency.community]),
          membership.interface.encodeFunctionData("changeConstituency", [bob.address, Constituency.client]),
        ],
        description: "tidy constituencies",
      });
      expect(await governor.classify(move.targets, move.calldatas, move.description)).to.equal(kind("Bylaw"));
      const moveId = await decide(governor, alice, move, threeToTwo(disco)); // 60%, short of 2/3
      expect(await governor.state(moveId)).to.equal(state("Defeated"));
      expect((await membership.memberOf(alice.address)).constituency).to.equal(BigInt(Constituency.worker));
    });

    it("reverts DisCOGovernorNeedsBylaw when a Standard proposal's function was made a bylaw after it was made", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, alice } = disco;
      const admission = await standardProposal(disco, "admit heidi");
      const mark = await governorCall(
        governor,
        "setBylawFunction",
        [await membership.getAddress(), selector("admit(address,uint8,uint8,address)"), true],
        "admissions are bylaws",
      );
      const admissionId = await propose(governor, alice, admission);
      const markId = await propose(governor, alice, mark);
      await openVoting(governor, time, markId);
      await castVotes(governor, admissionId, allFor(disco));
      await castVotes(governor, markId, allFor(disco));
      await closeVoting(governor, time, markId);
      await (await queue(governor, alice, admission)).wait();
      await (await queue(governor, alice, mark)).wait();
      await time.increase(TIMELOCK_DELAY);
      await execute(governor, alice, mark);
      await expect(execute(governor, alice, admission))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorNeedsBylaw")
        .withArgs(admissionId);
      expect(await membership.isMember(disco.heidi.address)).to.equal(false);
    });

    it("executes a Standard constituency move of a Dating member", async function () {
      const disco = await networkHelpers.loadFixture(deployWithAdmin);
      const { governor, membership, alice, erin } = disco;
      const move = calls(
        await membership.getAddress(),
        membership.interface.encodeFunctionData("changeConstituency", [erin.address, Constituency.community]),
        "erin joins the community",
      );
      expect(await governor.classify(move.targets, move.calldatas, move.description)).to.equal(kind("Standard"));
      await passAndQueue(governor, alice, move, allFor(disco));
      await expect(execute(governor, alice, move))
        .to.emit(membership, "MemberConstituencyChanged")
        .withArgs(erin.address, Constituency.worker, Constituency.community);
    });
  });
});
