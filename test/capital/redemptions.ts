import { expect } from "chai";
import type { ContractTransactionReceipt } from "ethers";
import { connection, Constituency, deployDisCOWith, Stage } from "../helpers/disco.ts";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  closeFinal,
  closePeriod,
  currencyOf,
  EURO,
  logApproved,
  payIn,
  Stream,
  waitUntilFinal,
} from "../helpers/treasury.ts";
import {
  contribute,
  deployWithClosedYear,
  expectConserved,
  plain,
  WITH_CONTRIBUTION,
  YEAR,
} from "../helpers/capital.ts";
import type { CapitalAccounts, DemoEuro } from "../../types/ethers-contracts/index.js";

/*
 * Issue 12's finding 6, as an attack: a member who left and redeemed part of their capital rejoins, earns new
 * capital and leaves again. Added to their first schedule, the new capital would be due at once, ahead of every
 * other leaver; each amount gets a schedule of its own instead, on the same timing as anyone leaving that day, and
 * one redeem pays what is due of all of them in one transfer. On the production deployment, the timelock
 * impersonated for the members' decisions (admitting a member, closing a year).
 */

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const { ZeroAddress } = ethers;
const Y = BigInt(YEAR);

/** ICapitalAccounts' instalment rule: of `total` in `n` parts over `period` from `start`, what is owed by `now`. */
function owedBy(schedule: { total: bigint; start: bigint; period: bigint; instalments: bigint }, now: bigint): bigint {
  const { total, start, period, instalments: n } = schedule;
  const reachedRaw = ((now - start) * n) / period;
  // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
  const reached = reachedRaw > n ? n : reachedRaw;
  return reached === n ? total : (total * reached) / n;
}

async function scheduleOf(capital: CapitalAccounts, member: string, schedule: number) {
  return plain(await capital.redemptionOf(member, schedule)) as {
    total: bigint;
    paid: bigint;
    start: bigint;
    period: bigint;
    instalments: bigint;
  };
}

/** The Transfer events of `token` in a receipt. */
function transfersIn(receipt: ContractTransactionReceipt, token: DemoEuro) {
  return receipt.logs.filter(
    (log) => log.address === token.target && log.topics[0] === token.interface.getEvent("Transfer").topicHash,
  );
}

/**
 * The closed-year fixture; dave leaves and his redemption starts (schedule 0), he redeems its first third a year
 * later, the members take him back, he earns half of period 3's credits, year 2 closes with a surplus.
 */
async function deployWithReturningMember() {
  const disco = await deployWithClosedYear();
  const { capital, membership, ledger, admin, alice, bob, carol, dave } = disco;
  await (await membership.connect(dave).leave()).wait();
  await (await capital.startRedemption(dave.address)).wait();
  const first = await scheduleOf(capital, dave.address, 0);
  await time.setNextBlockTimestamp(first.start + Y);
  await (await capital.connect(dave).redeem()).wait();
  await (await membership.connect(admin).admit(dave.address, Stage.Committed, Constituency.client, ZeroAddress)).wait();
  await logApproved(ledger, dave, Stream.Livelihood, 500, carol);
  await logApproved(ledger, alice, Stream.Livelihood, 500, bob);
  await closeFinal(ledger, bob);
  await (await capital.connect(admin).closeYear(3, 2_000n * EURO)).wait();
  return disco;
}

describe("CapitalAccounts redemptions (issue 12, finding 6)", function () {
  it("gives capital earned after rejoining a schedule of its own: nothing of it is due at once", async function () {
    const { capital, membership, dave } = await loadFixture(deployWithReturningMember);
    const first = await scheduleOf(capital, dave.address, 0);
    expect(first.paid).to.equal(first.total / 3n);
    const value = (await capital.currentAccountOf(dave.address)).value;
    expect(value).to.be.greaterThan(0n);

    await (await membership.connect(dave).leave()).wait();
    const tx = capital.startRedemption(dave.address);
    const receipt = (await (await tx).wait())!;
    const at = BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
    await expect(tx)
      .to.emit(capital, "RedemptionScheduled")
      .withArgs(dave.address, 1, anyValue, value, at, 3 * YEAR, 3);
    expect(await capital.redemptionCount(dave.address)).to.equal(2n);
    expect(await scheduleOf(capital, dave.address, 1)).to.deep.equal({
      total: value,
      paid: 0n,
      start: at,
      period: 3n * Y,
      instalments: 3n,
    });
    // The first schedule is as it was; nothing is due now, from either: the next instalment is the first one's second.
    expect(await scheduleOf(capital, dave.address, 0)).to.deep.equal(first);
    expect(await capital.redeemable(dave.address)).to.deep.equal([0n, first.start + 2n * Y]);
    await expect(capital.connect(dave).redeem())
      .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
      .withArgs(dave.address, first.start + 2n * Y);
  });

  it("puts the returning member on the same timing as another member leaving the same day", async function () {
    const { capital, membership, dave, carol } = await loadFixture(deployWithReturningMember);
    await (await membership.connect(dave).leave()).wait();
    await (await membership.connect(carol).leave()).wait();
    // Both redemptions start in the same block.
    await connection.provider.request({ method: "evm_setAutomine", params: [false] });
    try {
      const txs = [
        await capital.startRedemption(dave.address, { gasLimit: 500_000 }),
        await capital.startRedemption(carol.address, { gasLimit: 500_000 }),
      ];
      await networkHelpers.mine();
      const receipts = await Promise.all(txs.map((tx) => tx.wait()));
      expect(receipts.map((r) => r!.status)).to.deep.equal([1, 1]);
      expect(receipts[0]!.blockNumber).to.equal(receipts[1]!.blockNumber);
    } finally {
      await connection.provider.request({ method: "evm_setAutomine", params: [true] });
    }
    const daves = await scheduleOf(capital, dave.address, 1);
    const carols = await scheduleOf(capital, carol.address, 0);
    expect(await capital.redemptionCount(carol.address)).to.equal(1n);
    expect([daves.start, daves.period, daves.instalments]).to.deep.equal([
      carols.start,
      carols.period,
      carols.instalments,
    ]);
    expect(daves.paid).to.equal(0n);
    // A second before the first instalment of the new schedules, neither has anything of them.
    await time.increaseTo(carols.start + Y - 1n);
    const [carolDue, carolNext] = await capital.redeemable(carol.address);
    expect([carolDue, carolNext]).to.deep.equal([0n, carols.start + Y]);
    // dave has only his first schedule's second third, due since its own date.
    const first = await scheduleOf(capital, dave.address, 0);
    expect(await capital.redeemable(dave.address)).to.deep.equal([
      owedBy(first, carols.start + Y - 1n) - first.paid,
      carols.start + Y,
    ]);
  });

  it("pays every due instalment of both schedules in one transfer, with a Redeemed per schedule", async function () {
    const { capital, treasury, token, membership, dave } = await loadFixture(deployWithReturningMember);
    await (await membership.connect(dave).leave()).wait();
    await (await capital.startRedemption(dave.address)).wait();
    const first = await scheduleOf(capital, dave.address, 0);
    const second = await scheduleOf(capital, dave.address, 1);
    // When the second schedule's first instalment falls due, the first schedule's second one is due too.
    const at = second.start + Y;
    expect(at).to.be.greaterThan(first.start + 2n * Y);
    const dueFirst = owedBy(first, at) - first.paid;
    const dueSecond = owedBy(second, at);
    expect(dueFirst).to.equal((first.total * 2n) / 3n - first.total / 3n);
    expect(dueSecond).to.equal(second.total / 3n);
    const owedBefore = await capital.redemptionsOwed();

    await time.setNextBlockTimestamp(at);
    const tx = capital.connect(dave).redeem();
    await expect(tx)
      .to.emit(capital, "Redeemed")
      .withArgs(dave.address, 0, dueFirst, first.paid + dueFirst);
    await expect(tx).to.emit(capital, "Redeemed").withArgs(dave.address, 1, dueSecond, dueSecond);
    await expect(tx).to.changeTokenBalances(
      ethers,
      token,
      [dave, treasury],
      [dueFirst + dueSecond, -(dueFirst + dueSecond)],
    );
    const receipt = (await (await tx).wait())!;
    expect(transfersIn(receipt, token).length, "one transfer").to.equal(1);
    expect(await capital.redemptionsOwed()).to.equal(owedBefore - dueFirst - dueSecond);
    await expectConserved(treasury, capital, token);

    // Three years after the second start, both are paid in full, to the unit, and nothing is left to redeem.
    await time.setNextBlockTimestamp(second.start + 3n * Y);
    await (await capital.connect(dave).redeem()).wait();
    expect((await scheduleOf(capital, dave.address, 0)).paid).to.equal(first.total);
    expect((await scheduleOf(capital, dave.address, 1)).paid).to.equal(second.total);
    expect(await capital.redeemable(dave.address)).to.deep.equal([0n, 0n]);
    await expect(capital.connect(dave).redeem())
      .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
      .withArgs(dave.address, 0n);
    await expectConserved(treasury, capital, token);
  });

  it("reverts with CapitalUnknownRedemption past the last schedule", async function () {
    const { capital, dave, alice } = await loadFixture(deployWithReturningMember);
    await expect(capital.redemptionOf(dave.address, 1))
      .to.be.revertedWithCustomError(capital, "CapitalUnknownRedemption")
      .withArgs(dave.address, 1);
    await expect(capital.redemptionOf(alice.address, 0))
      .to.be.revertedWithCustomError(capital, "CapitalUnknownRedemption")
      .withArgs(alice.address, 0);
  });

  it("holds a leaver's redemption while work the members accepted late counts in a period no year has closed", async function () {
    const disco = await deployDisCOWith({ capitalSettings: WITH_CONTRIBUTION });
    const { ledger, capital, treasury, membership, timelock, alice, bob, carol, dave } = disco;
    const token = await currencyOf(treasury);
    await contribute(capital, token, alice);
    await contribute(capital, token, carol);
    const timelockAddress = await timelock.getAddress();
    await networkHelpers.impersonateAccount(timelockAddress);
    await networkHelpers.setBalance(timelockAddress, ethers.parseEther("10"));
    const admin = await ethers.getSigner(timelockAddress);
    const carolsEntry = await logApproved(ledger, carol, Stream.Livelihood, 1_000, alice);
    await logApproved(ledger, alice, Stream.Livelihood, 1_000, bob);
    const first = await closePeriod(ledger, bob);
    await (await ledger.connect(dave).dispute(carolsEntry, "check the invoice")).wait();
    await waitUntilFinal(ledger, first);
    await (await membership.connect(carol).leave()).wait();
    await payIn(treasury, bob, 100n * EURO, ethers.ZeroHash);
    await (await capital.connect(admin).closeYear(first, 1n * EURO)).wait();
    // Accepted once period 1 is final: it counts, and is logged, in period 2, which no year has closed yet.
    await (await ledger.connect(admin).resolveDispute(carolsEntry, true)).wait();
    expect((await ledger.memberPeriodPayable(carol.address, 2))[Stream.Livelihood]).to.equal(1_000n);
    expect((await ledger.loggedInPeriod(carol.address, 2))[Stream.Livelihood]).to.equal(1_000n);
    // So her redemption waits for that year's result, surplus or loss, instead of dodging it.
    await expect(capital.startRedemption(carol.address))
      .to.be.revertedWithCustomError(capital, "CapitalResultsPending")
      .withArgs(carol.address, 2);
  });
});
