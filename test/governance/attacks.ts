import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { Interface } from "ethers";
import {
  allFor,
  calls,
  castVotes,
  connection,
  decide,
  decideTogether,
  deployDisCO,
  deployWithFiveCommitted,
  keyedNonce,
  kind,
  passAndQueue,
  queueAndWait,
  Stage,
  state,
  threeToTwo,
  time,
} from "../helpers/disco.ts";
import { expectDefeatedForGood } from "../helpers/expect.ts";
import { currencyOf, EURO, payIn } from "../helpers/treasury.ts";
import { deployDisCO as deployModule, DeployParametersError, type DisCOParameters } from "../../scripts/lib/deploy.ts";
import { ROOT } from "../../scripts/lib/deployments.ts";
import { proposalIdOf, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import {
  signBallotWithNonce,
  signBallot,
  closeVoting,
  execute,
  openVoting,
  propose,
  queue,
  relayBallot,
} from "../../scripts/lib/drive.ts";

/*
 * The security review's attacks on who decides (issue 12, findings 1 and 2, signed ballots, founders), each played
 * against the production Ignition module through governance, as the members would: no timelock impersonation.
 * Each attack must fail to do harm. The attacks on the money (findings 3 and 7) are in attacks-capital.ts.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;

const NO_SHARES = [0, 0, 0, 0, 0, 0, 0, 0];

type DisCO = Awaited<ReturnType<typeof deployDisCO>>;

async function membershipCall(disco: DisCO, functionName: string, args: ReadonlyArray<unknown>, description: string) {
  const iface: Interface = disco.membership.interface;
  return calls(await disco.membership.getAddress(), iface.encodeFunctionData(functionName, args), description);
}

describe("Attacks on the DisCO's decisions (security review, issue 12)", function () {
  describe("finding 1: a consent proposal against the majority", function () {
    const SPEND = 5_000n * EURO;
    const PAID_IN = 20_000n * EURO;

    /** Five Committed members and 20,000 euros in the treasury, unallocated. */
    async function deployFunded() {
      const disco = await deployWithFiveCommitted();
      await payIn(disco.treasury, disco.grace, PAID_IN, ethers.id("invoice 2026-001"));
      return { ...disco, token: await currencyOf(disco.treasury) };
    }

    /** A consent proposal to pay ivan (an outsider) 5,000 euros from the treasury. */
    async function consentSpend(disco: DisCO, description: string): Promise<ProposalCalls> {
      const data = disco.treasury.interface.encodeFunctionData("spend", [disco.ivan.address, SPEND, "consultancy"]);
      return calls(await disco.treasury.getAddress(), data, `[consent] ${description}`);
    }

    async function expectNothingSpent(disco: Awaited<ReturnType<typeof deployFunded>>) {
      expect(await disco.token.balanceOf(await disco.treasury.getAddress())).to.equal(PAID_IN);
      expect(await disco.treasury.unallocated()).to.equal(PAID_IN);
      expect(await disco.token.balanceOf(disco.ivan.address)).to.equal(0n);
    }

    it("does not spend 5,000 euros with 0 For and 4 Against, the fifth member silent", async function () {
      const disco = await networkHelpers.loadFixture(deployFunded);
      const { governor, alice, bob, carol, dave, erin } = disco;
      const proposal = await consentSpend(disco, "Pay ivan 5,000 euros for consultancy");
      const proposalId = await decide(governor, alice, proposal, [
        [bob, Support.Against],
        [carol, Support.Against],
        [dave, Support.Against],
        [erin, Support.Against],
      ]);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Consent"));
      // Quorum is met (4 of 5 took part, 3 needed) and nobody blocked: Against alone defeats it.
      expect(await governor.quorum(await governor.proposalSnapshot(proposalId))).to.equal(3n);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([4n, 0n, 0n]);
      expect((await governor.proposalTally(proposalId)).blockVotes).to.equal(0n);
      await expectDefeatedForGood(governor, alice, proposal);
      await expectNothingSpent(disco);
    });

    it("does not spend with 2 For and 3 Against", async function () {
      const disco = await networkHelpers.loadFixture(deployFunded);
      const { governor, alice, bob, carol, dave, erin } = disco;
      const proposal = await consentSpend(disco, "Pay ivan 5,000 euros, a close vote");
      const proposalId = await decide(governor, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.Against],
        [dave, Support.Against],
        [erin, Support.Against],
      ]);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([3n, 2n, 0n]);
      await expectDefeatedForGood(governor, alice, proposal);
      await expectNothingSpent(disco);
    });

    it("spends when For outnumber Against and nobody blocks", async function () {
      const disco = await networkHelpers.loadFixture(deployFunded);
      const { governor, treasury, token, alice, bob, carol, dave, ivan } = disco;
      const proposal = await consentSpend(disco, "Pay ivan 5,000 euros, agreed");
      const proposalId = await passAndQueue(governor, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.Against],
        [dave, Support.Abstain],
      ]);
      await expect(execute(governor, alice, proposal))
        .to.emit(treasury, "Spent")
        .withArgs(ivan.address, SPEND, "consultancy");
      expect(await governor.state(proposalId)).to.equal(state("Executed"));
      expect(await token.balanceOf(ivan.address)).to.equal(SPEND);
      expect(await treasury.unallocated()).to.equal(PAID_IN - SPEND);
    });

    it("does not spend when one binding member blocks, every other member For", async function () {
      const disco = await networkHelpers.loadFixture(deployFunded);
      const { governor, alice, bob, carol, dave, erin } = disco;
      const proposal = await consentSpend(disco, "Pay ivan 5,000 euros, blocked");
      const proposalId = await propose(governor, alice, proposal);
      await openVoting(governor, time, proposalId);
      await castVotes(governor, proposalId, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.For],
        [erin, Support.For],
      ]);
      await governor.connect(dave).castVoteWithReason(proposalId, Support.Block, "ivan is the client's lawyer");
      await closeVoting(governor, time, proposalId);
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([0n, 4n, 0n]);
      expect((await governor.proposalTally(proposalId)).blockVotes).to.equal(1n);
      await expectDefeatedForGood(governor, alice, proposal);
      await expectNothingSpent(disco);
    });
  });

  describe("finding 2: a majority that loses a bylaw removes the minority", function () {
    it("a 3-of-5 majority can't demote or remove the two who voted against, then take the treasury", async function () {
      const disco = await networkHelpers.loadFixture(deployWithFiveCommitted);
      const { governor, membership, treasury, alice, carol, dave, ivan } = disco;
      const treasuryAddress = await treasury.getAddress();
      const grantData = treasury.interface.encodeFunctionData("grantRole", [ZeroHash, alice.address]);

      // Step 0: the bylaw the majority wants, lost at 60% < 2/3.
      const grant = calls(treasuryAddress, grantData, "Make alice the treasury's admin");
      const grantId = await decide(governor, alice, grant, threeToTwo(disco));
      expect((await governor.proposalTally(grantId)).kind).to.equal(kind("Bylaw"));
      await expectDefeatedForGood(governor, alice, grant);

      // Step 1: demote or remove the two who voted against. Each is a bylaw, and fails the same way.
      const attacks = [
        await membershipCall(disco, "changeStage", [carol.address, Stage.Casual, ZeroAddress], "Carol to Casual"),
        await membershipCall(disco, "changeStage", [dave.address, Stage.Casual, ZeroAddress], "Dave to Casual"),
        await membershipCall(disco, "remove", [carol.address, "obstruction"], "Remove carol"),
        await membershipCall(disco, "remove", [dave.address, "obstruction"], "Remove dave"),
      ];
      for (const attack of attacks) {
        const proposalId = proposalIdOf(attack);
        await expect(
          governor.connect(alice).propose(attack.targets, attack.values, attack.calldatas, attack.description),
        )
          .to.emit(governor, "ProposalClassified")
          .withArgs(proposalId, kind("Bylaw"), 2, 3, NO_SHARES);
      }
      const last = proposalIdOf(attacks[attacks.length - 1]);
      await openVoting(governor, time, last);
      for (const attack of attacks) await castVotes(governor, proposalIdOf(attack), threeToTwo(disco));
      await closeVoting(governor, time, last);
      for (const attack of attacks) await expectDefeatedForGood(governor, alice, attack);
      for (const member of [carol, dave]) {
        expect((await membership.memberOf(member.address)).stage).to.equal(BigInt(Stage.Committed));
      }
      expect(await membership.bindingMembers()).to.equal(5n);

      // Step 2: re-run the bylaw. The electorate is unchanged, so is the answer; nobody but the timelock spends.
      const again = calls(treasuryAddress, grantData, "Make alice the treasury's admin, again");
      await decide(governor, alice, again, threeToTwo(disco));
      await expectDefeatedForGood(governor, alice, again);
      expect(await treasury.hasRole(ZeroHash, alice.address)).to.equal(false);
      await expect(treasury.connect(alice).spend(ivan.address, 1n, "alone"))
        .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
        .withArgs(alice.address, ZeroHash);
    });

    it("refuses a Standard removal and a consent demotion of a Dating member whom a bylaw made Committed meanwhile", async function () {
      const disco = await networkHelpers.loadFixture(deployDisCO);
      const { governor, membership, alice, bob, carol, dave, erin } = disco;
      const removal = await membershipCall(disco, "remove", [erin.address, "not a fit"], "Remove erin");
      const demotion = await membershipCall(
        disco,
        "changeStage",
        [erin.address, Stage.Casual, ZeroAddress],
        "[consent] Erin steps back to Casual",
      );
      const promotion = await membershipCall(
        disco,
        "changeStage",
        [erin.address, Stage.Committed, ZeroAddress],
        "Erin becomes a Committed member",
      );
      const [removalId, demotionId, promotionId] = await decideTogether(
        governor,
        alice,
        [removal, demotion, promotion],
        allFor(disco),
      );
      // While erin is Dating, the removal and the demotion are ordinary decisions; the promotion is a bylaw.
      expect((await governor.proposalTally(removalId)).kind).to.equal(kind("Standard"));
      expect((await governor.proposalTally(demotionId)).kind).to.equal(kind("Consent"));
      expect((await governor.proposalTally(promotionId)).kind).to.equal(kind("Bylaw"));
      for (const proposal of [removal, demotion]) await (await queue(governor, bob, proposal)).wait();
      await queueAndWait(governor, bob, promotion);

      await expect(execute(governor, carol, promotion))
        .to.emit(membership, "MemberStageChanged")
        .withArgs(erin.address, Stage.Dating2, Stage.Committed, ZeroAddress);
      // Now removing or demoting erin takes a binding vote away: a bylaw, which these were not.
      await expect(execute(governor, dave, removal))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorNeedsBylaw")
        .withArgs(removalId);
      await expect(execute(governor, dave, demotion))
        .to.be.revertedWithCustomError(governor, "DisCOGovernorNeedsBylaw")
        .withArgs(demotionId);
      expect(await governor.state(removalId)).to.equal(state("Queued"));
      expect(await governor.state(demotionId)).to.equal(state("Queued"));
      expect((await membership.memberOf(erin.address)).stage).to.equal(BigInt(Stage.Committed));
      expect(await membership.bindingMembers()).to.equal(5n);
    });

    it("executes the same Standard removal while the member is still Dating", async function () {
      const disco = await networkHelpers.loadFixture(deployDisCO);
      const { governor, membership, alice, erin } = disco;
      const removal = await membershipCall(disco, "remove", [erin.address, "not a fit"], "Remove erin");
      await passAndQueue(governor, alice, removal, allFor(disco));
      await expect(execute(governor, alice, removal))
        .to.emit(membership, "MemberRemoved")
        .withArgs(erin.address, "not a fit");
      expect(await membership.isMember(erin.address)).to.equal(false);
    });
  });

  describe("signed ballots: one member's ballots for two proposals", function () {
    /** Two Standard proposals open for votes, and alice's For ballot for each, signed before either is relayed. */
    async function twoBallots(sign: "keyed" | "plain") {
      const disco = await deployDisCO();
      const { governor, alice } = disco;
      const proposals = [
        await membershipCall(disco, "admit", [disco.heidi.address, Stage.Casual, 3, ZeroAddress], "Admit heidi"),
        await membershipCall(disco, "admit", [disco.ivan.address, Stage.Casual, 3, ZeroAddress], "Admit ivan"),
      ];
      const ids = [await propose(governor, alice, proposals[0]), await propose(governor, alice, proposals[1])];
      await openVoting(governor, time, ids[1]);
      const plainNonce = await governor["nonces(address)"](alice.address);
      const ballots = [];
      for (const proposalId of ids) {
        ballots.push(
          sign === "keyed"
            ? await signBallot(alice, governor, proposalId, Support.For)
            : await signBallotWithNonce(alice, governor, proposalId, Support.For, plainNonce),
        );
      }
      return { ...disco, ids, ballots };
    }
    const keyed = () => twoBallots("keyed");
    const plain = () => twoBallots("plain");

    for (const [label, order] of [
      ["in the order they were signed", [0, 1]],
      ["in the reverse order", [1, 0]],
    ] as const) {
      it(`relays both ${label}, and refuses a replay of either`, async function () {
        const { governor, alice, grace, ids, ballots } = await networkHelpers.loadFixture(keyed);
        for (const i of order) {
          await expect(relayBallot(governor, grace, ballots[i]))
            .to.emit(governor, "VoteCast")
            .withArgs(alice.address, ids[i], Support.For, 1, "");
        }
        for (const [i, proposalId] of ids.entries()) {
          expect(await governor.voteOf(proposalId, alice.address)).to.deep.equal([true, BigInt(Support.For)]);
          expect(await keyedNonce(governor, alice.address, proposalId)).to.equal(
            (BigInt.asUintN(192, proposalId) << 64n) | 1n,
          );
          await expect(relayBallot(governor, grace, ballots[i]))
            .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
            .withArgs(alice.address);
        }
        expect(await governor["nonces(address)"](alice.address)).to.equal(0n);
      });
    }

    it("with the plain nonce instead (the fallback), the first ballot relayed spends the other's nonce", async function () {
      const { governor, alice, grace, ids, ballots } = await networkHelpers.loadFixture(plain);
      await relayBallot(governor, grace, ballots[1]);
      await expect(relayBallot(governor, grace, ballots[0]))
        .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
        .withArgs(alice.address);
      expect(await governor.hasVoted(ids[0], alice.address)).to.equal(false);
    });
  });

  describe("founders: a DisCO nobody can govern", function () {
    /** ignition/parameters/live.example.json with real accounts and an existing currency, as a live deployment. */
    async function liveParameters(founderStage: number): Promise<DisCOParameters> {
      const example = JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "live.example.json"), "utf8")) as {
        DisCO: DisCOParameters;
      };
      const [, first, second] = await ethers.getSigners();
      const currency = await ethers.deployContract("DemoEuro");
      return {
        ...example.DisCO,
        founders: example.DisCO.founders.map((f, i) => ({
          ...f,
          account: [first, second][i].address,
          stage: founderStage,
        })),
        treasurers: [first.address],
        currency: await currency.getAddress(),
      };
    }

    it("refuses a live-style deployment whose founders are all Casual, before anything is sent", async function () {
      const parameters = await liveParameters(Stage.Casual);
      const before = await connection.ethers.provider.getBlockNumber();
      const failure = await deployModule(connection, parameters).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure, "the deployment went through").to.be.instanceOf(DeployParametersError);
      expect(failure!.message).to.match(/No Committed founder among the 2 founders/);
      // The factory refuses the same founders on chain (FactoryNoCommittedFounder: test/factory/DisCOFactory.t.sol).
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(before);
    });

    it("deploys the same parameters with the founders Committed, each with a binding vote", async function () {
      const parameters = await liveParameters(Stage.Committed);
      const { membership, governor } = await deployModule(connection, parameters);
      expect(await membership.bindingMembers()).to.equal(2n);
      for (const f of parameters.founders) expect(await membership.getVotes(f.account)).to.equal(1n);
      expect(await governor.token()).to.equal(await membership.getAddress());
    });
  });
});
