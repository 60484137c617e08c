import { expect } from "chai";
import { connection, deployDisCO } from "../helpers/disco.ts";
import { minedAt } from "../helpers/expect.ts";
import { currencyOf, EURO, EVIDENCE, logApproved, payIn, PAYMENT_REF, Stream } from "../helpers/treasury.ts";
import { PROPOSAL_STATES, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { closeVoting, execute, openVoting, propose, queue, toProposalCalls } from "../../scripts/lib/drive.ts";

/*
 * DESIGN.md's review window and liveness rules, as attacks on the deployment production uses (the Ignition module,
 * no impersonated timelock: disputes are resolved by the members' vote). Issue 12's findings 4 (one member, then a
 * member who left, holds a period up with disputes) and 5 (colluders slip work in as the treasurer closes). Each
 * attack must fail to do harm: the period closes at once, is final a review window later, and is funded without
 * the work in question.
 */

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const Status = { Pending: 1, Counted: 2, Disputed: 3, Lapsed: 6 } as const;
/** DESIGN.md's review window: 3 days. */
const REVIEW_WINDOW = 3n * 24n * 3600n;
/** What the treasury holds to fund period 1 with. */
const FUNDING = 1_000n * EURO;
type DisCO = Awaited<ReturnType<typeof deployDisCO>>;

/** The members' proposal to accept or reject a disputed entry (a Standard decision). */
function resolution(disco: DisCO, entryId: bigint, accept: boolean, description: string): ProposalCalls {
  return toProposalCalls({
    targets: [disco.ledger.target as string],
    values: [0n],
    calldatas: [disco.ledger.interface.encodeFunctionData("resolveDispute", [entryId, accept])],
    description,
  });
}

/** The production DisCO with grace's money in the treasury to fund period 1 with. */
async function deployWithMoney() {
  const disco = await deployDisCO();
  await payIn(disco.treasury, disco.grace, FUNDING, PAYMENT_REF);
  return disco;
}

describe("Liveness and the review window (issue 12)", function () {
  describe("finding 4: a member disputes, disputes again while the vote runs, then leaves", function () {
    it("can't hold up closing, finality or funding; the accepted entry counts in the period open then", async function () {
      const disco = await loadFixture(deployWithMoney);
      const { ledger, treasury, governor, membership, alice, bob, carol, dave, erin } = disco;
      // Period 1: alice's 1,000 and carol's 300 counted, bob's 500 counted, erin's 200 still pending.
      const alicesWork = await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
      const carolsWork = await logApproved(ledger, carol, Stream.Love, 300, bob);
      await logApproved(ledger, bob, Stream.Livelihood, 500, carol);
      await (await ledger.connect(erin).logWork(Stream.Love, 200, 1, EVIDENCE, "")).wait();
      const erinsWork = await ledger.entryCount();

      // dave disputes alice's work; alice asks the members to accept it.
      await (await ledger.connect(dave).dispute(alicesWork, "never saw this client")).wait();
      const accept = resolution(disco, alicesWork, true, "Accept alice's March invoice work");
      const proposalId = await propose(governor, alice, accept);
      await openVoting(governor, time, proposalId);
      for (const voter of [alice, bob, carol])
        await (await governor.connect(voter).castVote(proposalId, Support.For)).wait();
      await (await governor.connect(dave).castVote(proposalId, Support.Against)).wait();

      // While the vote runs, dave can't dispute the same entry again, but disputes another, then leaves.
      await expect(ledger.connect(dave).dispute(alicesWork, "again"))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(alicesWork, Status.Disputed);
      await (await ledger.connect(dave).dispute(carolsWork, "and this one")).wait();
      await (await membership.connect(dave).leave()).wait();
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(2n);

      // The treasurer closes the period at once: two open disputes, their disputer gone, stop nothing.
      const closed = ledger.connect(bob).closePeriod();
      const closedAt = await minedAt(closed);
      const finalAt = closedAt + REVIEW_WINDOW;
      await expect(closed).to.emit(ledger, "PeriodClosed").withArgs(1, closedAt, finalAt, bob.address);
      expect(await ledger.currentPeriod()).to.equal(2n);
      // What closing did to each entry, as its author reads it: pending work lapsed, disputed work stays disputed.
      expect((await ledger.entry(erinsWork)).status).to.equal(BigInt(Status.Lapsed));
      expect((await ledger.entry(alicesWork)).status).to.equal(BigInt(Status.Disputed));
      expect((await ledger.entry(carolsWork)).status).to.equal(BigInt(Status.Disputed));
      await expect(ledger.connect(erin).withdraw(erinsWork))
        .to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen")
        .withArgs(1, 2);

      // A review window later the period is final and is funded, without the disputed work: bob's 500 only.
      await time.increaseTo(finalAt);
      expect(await ledger.isFinal(1)).to.equal(true);
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([500n, 0n, 0n]);
      await expect(treasury.connect(bob).fundPeriod(1, FUNDING)).to.emit(treasury, "PeriodFunded");
      expect(await treasury.claimable(bob.address, 1)).to.equal((FUNDING * 7_500n) / 10_000n);
      expect(await treasury.claimable(alice.address, 1)).to.equal(0n);

      // The vote ends and is executed after the period became final: alice's work counts in period 2.
      await closeVoting(governor, time, proposalId);
      await (await queue(governor, alice, accept)).wait();
      await time.increaseTo(await governor.proposalEta(proposalId));
      const executed = execute(governor, alice, accept);
      await expect(executed).to.emit(ledger, "EntryMoved").withArgs(alicesWork, 1, 2);
      await expect(executed)
        .to.emit(ledger, "EntryCounted")
        .withArgs(alicesWork, alice.address, 2, Stream.Livelihood, 1_000, 1_000);
      const receipt = (await (await executed).wait())!;
      const names = receipt.logs
        .filter((log) => log.address === ledger.target)
        .map((log) => ledger.interface.parseLog(log)!.name);
      expect(names).to.deep.equal(["DisputeResolved", "EntryMoved", "EntryCounted"]);
      const entry = await ledger.entry(alicesWork);
      expect([entry.status, entry.period, entry.settled]).to.deep.equal([BigInt(Status.Counted), 2n, true]);
      // Period 1 and its pool never changed; period 2 has the work; no member can send it back to a vote.
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([500n, 0n, 0n]);
      expect((await ledger.periodTotals(2)).payable_).to.deep.equal([1_000n, 0n, 0n]);
      expect((await ledger.memberPeriodTotals(alice.address, 2)).historical).to.deep.equal([1_000n, 0n, 0n]);
      expect((await treasury.pool(1)).periodPayable).to.deep.equal([500n, 0n, 0n]);
      await expect(ledger.connect(carol).dispute(alicesWork, "once more"))
        .to.be.revertedWithCustomError(ledger, "LedgerDisputeSettled")
        .withArgs(alicesWork);
      // dave, gone, can't dispute anything any more.
      await expect(ledger.connect(dave).dispute(alicesWork, "from outside"))
        .to.be.revertedWithCustomError(ledger, "LedgerNotCommitted")
        .withArgs(dave.address);
      // carol's entry stays disputed until the members decide; period 1 is final and funded regardless.
      expect((await ledger.entry(carolsWork)).status).to.equal(BigInt(Status.Disputed));
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      // erin logs her lapsed work again in the open period.
      await expect(ledger.connect(erin).logWork(Stream.Love, 200, 2, EVIDENCE, "")).to.emit(ledger, "EntryLogged");
      // Nothing left the treasury: the pool is owed to period 1's members.
      expect(await (await currencyOf(treasury)).balanceOf(treasury.target)).to.equal(FUNDING);
    });
  });

  describe("finding 5: two colluding members slip work in as the treasurer closes", function () {
    /** carol and dave log 1e12 credits and approve it in the block that closes period 1; returns the entry id. */
    async function deployWithSlippedEntry() {
      const disco = await deployWithMoney();
      const { ledger, alice, bob, carol, dave } = disco;
      await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
      const slipped = (await ledger.entryCount()) + 1n;
      const huge = await ledger.MAX_AMOUNT();
      expect(huge).to.equal(10n ** 12n);
      const gasLimit = 500_000;
      await connection.provider.request({ method: "evm_setAutomine", params: [false] });
      try {
        // The colluders pay a higher tip than the treasurer, so that their transactions come first in the block.
        const tip = {
          maxPriorityFeePerGas: ethers.parseUnits("10", "gwei"),
          maxFeePerGas: ethers.parseUnits("100", "gwei"),
        };
        const logged = await ledger
          .connect(carol)
          .logWork(Stream.Livelihood, huge, 1, EVIDENCE, "", { gasLimit, ...tip });
        const approved = await ledger.connect(dave).approve(slipped, { gasLimit, ...tip });
        const closing = await ledger.connect(bob).closePeriod({
          gasLimit,
          maxPriorityFeePerGas: 1n,
          maxFeePerGas: ethers.parseUnits("100", "gwei"),
        });
        await networkHelpers.mine();
        const receipts = await Promise.all([logged.wait(), approved.wait(), closing.wait()]);
        const blocks = receipts.map((r) => r!.blockNumber);
        expect(new Set(blocks).size, "one block").to.equal(1);
        expect(receipts.map((r) => r!.status)).to.deep.equal([1, 1, 1]);
        expect(receipts[0]!.index < receipts[1]!.index && receipts[1]!.index < receipts[2]!.index).to.equal(true);
      } finally {
        await connection.provider.request({ method: "evm_setAutomine", params: [true] });
      }
      return { ...disco, slipped, huge };
    }

    it("counts the slipped work in the closed period, where it stays disputable for the whole review window", async function () {
      const { ledger, alice, carol, slipped, huge } = await loadFixture(deployWithSlippedEntry);
      const entry = await ledger.entry(slipped);
      expect([entry.author, entry.period, entry.status]).to.deep.equal([carol.address, 1n, BigInt(Status.Counted)]);
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([1_000n + huge, 0n, 0n]);
      const { closedAt, finalAt } = await ledger.periodInfo(1);
      expect(finalAt - closedAt).to.equal(REVIEW_WINDOW);
      // An honest member finds it at the last second of the window and disputes it.
      await time.setNextBlockTimestamp(finalAt - 1n);
      const disputed = ledger.connect(alice).dispute(slipped, "a trillion credits in one entry");
      await expect(disputed)
        .to.emit(ledger, "EntryUncounted")
        .withArgs(slipped, carol.address, 1, Stream.Livelihood, huge, huge);
      expect(await minedAt(disputed)).to.equal(finalAt - 1n);
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([1_000n, 0n, 0n]);
    });

    it("can't be funded before the window ends; after it, the period pays without the work, and late disputes fail", async function () {
      const { ledger, treasury, alice, bob, carol, dave, slipped } = await loadFixture(deployWithSlippedEntry);
      const { finalAt } = await ledger.periodInfo(1);
      // The treasurer (or a colluder made treasurer) can't fund the period while its work is disputable.
      await expect(treasury.connect(bob).fundPeriod(1, FUNDING))
        .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFinal")
        .withArgs(1, finalAt);
      await (await ledger.connect(alice).dispute(slipped, "a trillion credits in one entry")).wait();
      await time.setNextBlockTimestamp(finalAt - 1n);
      await expect(treasury.connect(bob).fundPeriod(1, FUNDING, { gasLimit: 500_000 }))
        .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFinal")
        .withArgs(1, finalAt);

      await time.increaseTo(finalAt);
      expect(await ledger.isFinal(1)).to.equal(true);
      const totals = await ledger.periodTotals(1);
      expect([totals.historical, totals.payable_]).to.deep.equal([
        [1_000n, 0n, 0n],
        [1_000n, 0n, 0n],
      ]);
      await expect(treasury.connect(bob).fundPeriod(1, FUNDING)).to.emit(treasury, "PeriodFunded");
      expect(await treasury.claimable(alice.address, 1)).to.equal((FUNDING * 7_500n) / 10_000n);
      await expect(treasury.connect(carol).claim([1]))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToClaim")
        .withArgs(carol.address, 1);
      // In retaliation the colluders dispute alice's honest work: too late, the period is final.
      await expect(ledger.connect(dave).dispute(1, "retaliation"))
        .to.be.revertedWithCustomError(ledger, "LedgerReviewWindowOver")
        .withArgs(1, finalAt);
      expect((await ledger.entry(slipped)).status).to.equal(BigInt(Status.Disputed));
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([1_000n, 0n, 0n]);
    });

    it("needs the members to accept it: two colluders alone can't pass the resolution", async function () {
      const disco = await loadFixture(deployWithSlippedEntry);
      const { ledger, governor, alice, bob, carol, dave, slipped } = disco;
      await (await ledger.connect(alice).dispute(slipped, "a trillion credits in one entry")).wait();
      const accept = resolution(disco, slipped, true, "Accept carol's trillion");
      const proposalId = await propose(governor, carol, accept);
      await openVoting(governor, time, proposalId);
      for (const voter of [carol, dave]) await (await governor.connect(voter).castVote(proposalId, Support.For)).wait();
      for (const voter of [alice, bob])
        await (await governor.connect(voter).castVote(proposalId, Support.Against)).wait();
      await closeVoting(governor, time, proposalId);
      expect(await governor.state(proposalId)).to.equal(BigInt(PROPOSAL_STATES.indexOf("Defeated")));
      expect((await ledger.entry(slipped)).status).to.equal(BigInt(Status.Disputed));
    });
  });
});
