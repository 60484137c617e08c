import { expect } from "chai";
import type { Interface } from "ethers";
import {
  allFor,
  calls,
  castVotes,
  connection,
  decide,
  deployDisCOWith,
  kind,
  passAndQueue,
  promoteErin,
  queueAndWait,
  state,
  threeToTwo,
  type Vote,
} from "../helpers/disco.ts";
import { expectDefeatedForGood } from "../helpers/expect.ts";
import { closePeriod, currencyOf, EURO, logApproved, payIn, Stream } from "../helpers/treasury.ts";
import {
  booksOf,
  contribute,
  CONTRIBUTION,
  PatronageBasis,
  totalPatronageOf,
  WITH_CONTRIBUTION,
} from "../helpers/capital.ts";
import { Support } from "@disco-ledger/sdk/governance";
import { closeVoting, execute, openVoting, propose, queue, toProposalCalls } from "../../scripts/lib/drive.ts";

/*
 * The security review's attacks on the capital accounts (issue 12, findings 3 and 7), played against the production
 * Ignition module through governance: a simple majority releasing the indivisible reserve and members' capital, and
 * a treasurer pre-empting the members' loss vote. Each must fail to do harm.
 */

const { ethers, networkHelpers } = connection;
const { ZeroHash } = ethers;
const time = networkHelpers.time;

/** Each contributor's account after their 250-euro contribution: 75% of it (Mondragon: 25% to the reserve). */
const ACCOUNT = (CONTRIBUTION * 3n) / 4n;
const RESERVE = CONTRIBUTION - ACCOUNT;
const CONTRIBUTORS = ["alice", "bob", "carol", "dave"] as const;

/**
 * Five Committed members (erin promoted by a bylaw), a 250-euro contribution asked and paid by alice, bob, carol and
 * dave (reserve 250 euros, accounts 750), and period 1's work counted, closed by bob (the treasurer) and final: the
 * year the members will close.
 */
async function deployWithCapital() {
  const disco = await deployDisCOWith({ capitalSettings: WITH_CONTRIBUTION });
  await promoteErin(disco);
  const { ledger, capital, treasury, alice, bob, carol, dave } = disco;
  const token = await currencyOf(treasury);
  for (const name of CONTRIBUTORS) await contribute(capital, token, disco[name]);
  await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
  await logApproved(ledger, bob, Stream.Livelihood, 2_000, alice);
  await logApproved(ledger, carol, Stream.Love, 700, alice);
  await logApproved(ledger, dave, Stream.Livelihood, 333, carol);
  const period = await closePeriod(ledger, bob);
  await time.increase(await ledger.reviewWindow());
  expect(await ledger.isFinal(period)).to.equal(true);
  return { ...disco, token, period };
}

type DisCO = Awaited<ReturnType<typeof deployWithCapital>>;

/** The books as the fixture leaves them: nothing closed, the contributions where they went. */
async function expectBooksUntouched(disco: DisCO) {
  const books = await booksOf(disco.capital);
  expect(books.reserve, "reserve").to.equal(RESERVE * 4n);
  expect(books.accountsTotal, "accounts").to.equal(ACCOUNT * 4n);
  expect(books.yearCount, "years").to.equal(0n);
  for (const name of CONTRIBUTORS) {
    expect((await disco.capital.currentAccountOf(disco[name].address)).value, name).to.equal(ACCOUNT);
  }
}

async function capitalCall(disco: DisCO, functionName: "closeYear" | "closeYearAtLoss", amount: bigint, text: string) {
  const iface: Interface = disco.capital.interface;
  const data = iface.encodeFunctionData(functionName, [disco.period, amount]);
  return calls(await disco.capital.getAddress(), data, text);
}

describe("Attacks on the DisCO's capital (security review, issue 12)", function () {
  describe("finding 3: a simple majority releases the reserve and members' capital", function () {
    it("a 3-2 majority can't close a year at a loss and spend what it frees: a bylaw, defeated", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCapital);
      const { governor, capital, treasury, token, alice, ivan } = disco;
      const freed = RESERVE * 4n + ACCOUNT * 4n;
      const lossCall = capital.interface.encodeFunctionData("closeYearAtLoss", [disco.period, freed]);
      const proposal = toProposalCalls({
        targets: [await capital.getAddress(), await treasury.getAddress()],
        values: [0n, 0n],
        calldatas: [lossCall, treasury.interface.encodeFunctionData("spend", [ivan.address, freed, "loss cover"])],
        description: "Close year 1 at a loss and pay the creditor",
      });
      // The loss call alone is what makes it a bylaw (the module registers it), not the spend.
      expect(await governor.classify([await capital.getAddress()], [lossCall], "loss")).to.equal(kind("Bylaw"));
      expect(await governor.classify([proposal.targets[1]], [proposal.calldatas[1]], "spend")).to.equal(
        kind("Standard"),
      );
      const proposalId = await decide(governor, alice, proposal, threeToTwo(disco));
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
      expect(await governor.proposalVotes(proposalId)).to.deep.equal([2n, 3n, 0n]);
      await expectDefeatedForGood(governor, alice, proposal);
      await expectBooksUntouched(disco);
      expect(await token.balanceOf(ivan.address)).to.equal(0n);
    });

    it("refuses a loss above the reserve and the accounts even when all five vote for it (CapitalLossTooLarge)", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCapital);
      const { governor, capital, alice } = disco;
      const loss = 10n ** 12n * EURO;
      const proposal = await capitalCall(disco, "closeYearAtLoss", loss, "Close year 1 at a loss of a trillion euros");
      const everyone: Vote[] = [...allFor(disco), [disco.erin, Support.For]];
      const proposalId = await passAndQueue(governor, alice, proposal, everyone);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
      // The timelock's call reverts, and with it the execution.
      await expect(execute(governor, alice, proposal))
        .to.be.revertedWithCustomError(capital, "CapitalLossTooLarge")
        .withArgs(loss, RESERVE * 4n + ACCOUNT * 4n);
      expect(await governor.state(proposalId)).to.equal(state("Queued"));
      await expectBooksUntouched(disco);
    });

    it("takes a loss within the reserve and the accounts by a supermajority: the reserve first, then the accounts", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCapital);
      const { governor, capital, timelock, ledger, alice, bob, carol, dave, erin, period } = disco;
      const loss = 300n * EURO;
      const proposal = await capitalCall(disco, "closeYearAtLoss", loss, "Close year 1 at a loss of 300 euros");
      // 4 For, 1 Against: 80%, above 2/3.
      await passAndQueue(governor, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.For],
        [erin, Support.For],
        [dave, Support.Against],
      ]);
      const patronage = await totalPatronageOf(ledger, period, period, PatronageBasis.Credits);
      await expect(execute(governor, alice, proposal))
        .to.emit(capital, "YearClosedAtLoss")
        .withArgs(1, await timelock.getAddress(), period, period, loss, RESERVE * 4n, loss - RESERVE * 4n, patronage);
      expect(await capital.reserve()).to.equal(0n);
      expect((await capital.yearOf(1)).atLoss).to.equal(true);
    });
  });

  describe("finding 7: a treasurer pre-empts the members' loss vote", function () {
    const LOSS = 500n * EURO;

    it("refuses a treasurer's own year close, at a surplus or at a loss", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCapital);
      const { capital, treasury, ledger, bob, grace, period } = disco;
      // Bob is the treasurer everywhere, and money is there for a surplus: only the role is missing.
      expect(await treasury.hasRole(await treasury.TREASURER_ROLE(), bob.address)).to.equal(true);
      expect(await ledger.hasRole(await ledger.TREASURER_ROLE(), bob.address)).to.equal(true);
      await payIn(treasury, grace, 100n * EURO, ethers.id("invoice 2026-002"));
      await expect(capital.connect(bob).closeYear(period, 1n))
        .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, ZeroHash);
      await expect(capital.connect(bob).closeYearAtLoss(period, 1n))
        .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, ZeroHash);
      await expectBooksUntouched(disco);
    });

    /**
     * The members' loss vote for period 1 (a bylaw) and the treasurer's competing 1-unit surplus proposal for the
     * same period (Standard), both passed and queued, with money in the treasury for the surplus.
     */
    async function deployWithCompetingCloses() {
      const disco = await deployWithCapital();
      const { governor, treasury, alice, bob, grace } = disco;
      await payIn(treasury, grace, 100n * EURO, ethers.id("invoice 2026-002"));
      const loss = await capitalCall(disco, "closeYearAtLoss", LOSS, "Year 1 closes at a loss of 500 euros");
      const surplus = await capitalCall(disco, "closeYear", 1n, "Year 1 closes with a surplus of 1 unit");
      const lossId = await propose(governor, alice, loss);
      const surplusId = await propose(governor, bob, surplus);
      expect((await governor.proposalTally(lossId)).kind).to.equal(kind("Bylaw"));
      expect((await governor.proposalTally(surplusId)).kind).to.equal(kind("Standard"));
      const everyone: Vote[] = [...allFor(disco), [disco.erin, Support.For]];
      await openVoting(governor, time, surplusId);
      for (const proposalId of [lossId, surplusId]) await castVotes(governor, proposalId, everyone);
      await closeVoting(governor, time, surplusId);
      expect(await governor.state(lossId)).to.equal(state("Succeeded"));
      expect(await governor.state(surplusId)).to.equal(state("Succeeded"));
      await (await queue(governor, alice, loss)).wait();
      await queueAndWait(governor, bob, surplus);
      return { ...disco, loss, surplus, lossId, surplusId };
    }

    it("closes the year once: the members' loss executes, the competing surplus then reverts CapitalYearAlreadyClosed", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCompetingCloses);
      const { governor, capital, membership, alice, dave, period, loss, surplus, surplusId } = disco;
      await expect(execute(governor, alice, loss)).to.emit(capital, "YearClosedAtLoss");
      await expect(execute(governor, alice, surplus))
        .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
        .withArgs(period, period);
      expect(await governor.state(surplusId)).to.equal(state("Queued"));
      expect(await capital.yearCount()).to.equal(1n);
      expect((await capital.yearOf(1)).atLoss).to.equal(true);
      expect(await capital.reserve()).to.equal(0n);

      // A leaver with patronage in the loss year bears their part of it: their redemption is not untouched.
      await membership.connect(dave).leave();
      const tx = capital.startRedemption(dave.address);
      await expect(tx).to.emit(capital, "LossCharged");
      const receipt = await (await tx).wait();
      const events = receipt!.logs.map((log) => capital.interface.parseLog(log)).filter((e) => e !== null);
      const charged = events.find((e) => e.name === "LossCharged")!.args.value as bigint;
      const scheduled = events.find((e) => e.name === "RedemptionScheduled")!.args.amount as bigint;
      // Dave's share of the 250 euros the reserve could not absorb: 333 of 4,033 credits of patronage.
      const expected = ((LOSS - RESERVE * 4n) * 333n) / 4_033n;
      expect(charged).to.be.closeTo(expected, 1n);
      expect(scheduled + charged).to.be.closeTo(ACCOUNT, 1n);
      expect(scheduled).to.be.lessThan(ACCOUNT);
    });

    it("in the other order, the members' surplus approval closes the year and the loss then reverts CapitalYearAlreadyClosed", async function () {
      const disco = await networkHelpers.loadFixture(deployWithCompetingCloses);
      const { governor, capital, alice, period, loss, surplus, lossId } = disco;
      await expect(execute(governor, alice, surplus)).to.emit(capital, "YearClosed");
      await expect(execute(governor, alice, loss))
        .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
        .withArgs(period, period);
      expect(await governor.state(lossId)).to.equal(state("Queued"));
      expect(await capital.yearCount()).to.equal(1n);
      expect((await capital.yearOf(1)).atLoss).to.equal(false);
      // The reserve released nothing: it can only have grown by the surplus's share (zero of one unit).
      expect(await capital.reserve()).to.equal(RESERVE * 4n);
    });
  });
});
