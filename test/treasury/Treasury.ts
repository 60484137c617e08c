import { expect } from "chai";
import { id as keccakId, type Contract, type Signer } from "ethers";
import { calls, connection, Constituency, deployWithAdmin, Stage } from "../helpers/disco.ts";
import { DEFAULT_CAPITAL_SETTINGS } from "../../ignition/modules/DisCO.ts";
import {
  BPS,
  closeFinal,
  closePeriod,
  currencyOf,
  deployWithClosedPeriods,
  EURO,
  faucet,
  logApproved,
  PAID_IN,
  payIn,
  PAYMENT_REF,
  Stream,
  type DisCO,
  type Triple,
} from "../helpers/treasury.ts";
import { PROPOSAL_KINDS, Support } from "@disco-ledger/sdk/governance";
import { TREASURER_ROLE } from "@disco-ledger/sdk/ledger";
import { enact } from "../../scripts/lib/drive.ts";
import { deployClone, uninitialisedClone } from "../helpers/clones.ts";
import type { Treasury, ValueLedger } from "../../types/ethers-contracts/index.js";

/*
 * The treasury on the deployment that production uses (the Ignition module over a DemoEuro, through the fixture),
 * with the timelock impersonated for spending and buckets; the "governance" tests go through the real governor.
 * Every expected pool and share is worked out here from the ledger's payable totals and the buckets, never read
 * back from the treasury. Treasuries over the hostile mock tokens (test/treasury/mocks) are deployed directly.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;
const { loadFixture } = networkHelpers;
const time = networkHelpers.time;

const DEFAULT_ADMIN_ROLE = ZeroHash;
const DEFAULT_BUCKETS = [7_500, 2_500, 0] as const;
/** An amount whose split leaves rounding in every bucket: 1,000.000007 euros. */
const PERIOD_1_FUNDING = 1_000n * EURO + 7n;
const PERIOD_2_FUNDING = 400n * EURO + 3n;
const STREAMS = [Stream.Livelihood, Stream.Love, Stream.Care] as const;
const kind = (name: (typeof PROPOSAL_KINDS)[number]): bigint => BigInt(PROPOSAL_KINDS.indexOf(name));
const selector = (signature: string): string => keccakId(signature).slice(0, 10);
const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

/** The pools a funding of `amount` must make: each bucket's share, zero for a stream with no payable work. */
async function expectedPools(
  ledger: ValueLedger,
  period: number,
  amount: bigint,
  buckets: readonly number[],
): Promise<Triple> {
  const payable = (await ledger.periodTotals(period)).payable_;
  return STREAMS.map((s) => (payable[s] === 0n ? 0n : (amount * BigInt(buckets[s])) / BPS)) as Triple;
}

/** sum over streams of floor(pool_s x member payable_s / period payable_s), from the ledger's totals. */
async function expectedShare(ledger: ValueLedger, member: string, period: number, pools: Triple): Promise<bigint> {
  const [mine, all] = await Promise.all([ledger.memberPeriodTotals(member, period), ledger.periodTotals(period)]);
  let share = 0n;
  for (const s of STREAMS) {
    if (all.payable_[s] !== 0n) share += (pools[s] * mine.payable_[s]) / all.payable_[s];
  }
  return share;
}

/** What members claimed of a period, as an auditor reads it: the sum of its PayoutClaimed events. */
async function claimedOf(treasury: Treasury, period: number): Promise<bigint> {
  const events = await treasury.queryFilter(treasury.filters.PayoutClaimed(undefined, period));
  return events.reduce((total, e) => total + e.args.amount, 0n);
}

/** A pool as plain numbers, so that deep equality and failure messages are about numbers only. */
async function poolOf(treasury: Treasury, period: number) {
  const p = await treasury.pool(period);
  return { funded: p.funded, claimed: await claimedOf(treasury, period), streamPools: [...p.streamPools] };
}

async function balanceOf(treasury: Treasury, account: string): Promise<bigint> {
  return (await currencyOf(treasury)).balanceOf(account);
}

/** The conservation invariant: the token balance is exactly what is owed plus what is unallocated. */
async function expectConserved(treasury: Treasury): Promise<void> {
  const [balance, owed, unallocated] = await Promise.all([
    balanceOf(treasury, await treasury.getAddress()),
    treasury.owed(),
    treasury.unallocated(),
  ]);
  expect(owed + unallocated, `owed ${owed} + unallocated ${unallocated} vs balance ${balance}`).to.equal(balance);
}

async function fund(disco: DisCO, period: number, amount: bigint): Promise<void> {
  await (await disco.treasury.connect(disco.bob).fundPeriod(period, amount)).wait();
}

async function claim(treasury: Treasury, member: Signer, periods: number[]): Promise<void> {
  await (await treasury.connect(member).claim(periods)).wait();
}

/** The closed-periods fixture with period 1 funded with PERIOD_1_FUNDING under the default buckets. */
async function deployWithFundedPeriod() {
  const disco = await deployWithClosedPeriods();
  await fund(disco, 1, PERIOD_1_FUNDING);
  const pools = await expectedPools(disco.ledger, 1, PERIOD_1_FUNDING, DEFAULT_BUCKETS);
  return { ...disco, pools };
}

describe("Treasury", function () {
  describe("deployment", function () {
    it("holds a DemoEuro, follows the ledger, splits 75/25/0, and answers to the timelock and bob", async function () {
      const { treasury, ledger, deployment, timelockAddress, governor, deployer, alice, bob } =
        await loadFixture(deployWithAdmin);
      const token = await currencyOf(treasury);
      expect(await treasury.currency()).to.equal(deployment.contracts.token.address);
      expect([await token.symbol(), await token.decimals()]).to.deep.equal(["dEUR", 6n]);
      expect(await treasury.ledger()).to.equal(await ledger.getAddress());
      expect(deployment.contracts.treasury.address).to.equal(await treasury.getAddress());
      expect(await treasury.buckets()).to.deep.equal([7_500n, 2_500n, 0n]);
      expect([await treasury.owed(), await treasury.unallocated()]).to.deep.equal([0n, 0n]);
      expect(await poolOf(treasury, 1)).to.deep.equal({ funded: 0n, claimed: 0n, streamPools: [0n, 0n, 0n] });
      expect(await treasury.TREASURER_ROLE()).to.equal(TREASURER_ROLE);
      expect(await treasury.TREASURER_ROLE()).to.equal(await ledger.TREASURER_ROLE());

      const grants = await treasury.queryFilter(treasury.filters.RoleGranted());
      expect(grants.map((log) => [log.args.role, log.args.account])).to.deep.equal([
        [DEFAULT_ADMIN_ROLE, timelockAddress],
        [TREASURER_ROLE, bob.address],
      ]);
      for (const other of [deployer.address, await governor.getAddress(), alice.address, bob.address]) {
        expect(await treasury.hasRole(DEFAULT_ADMIN_ROLE, other), other).to.equal(false);
      }
      expect(await treasury.hasRole(TREASURER_ROLE, timelockAddress)).to.equal(false);
      expect(await treasury.getRoleAdmin(TREASURER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
      const set = await treasury.queryFilter(treasury.filters.BucketsSet());
      expect(set.map((log) => [...log.args.bucketsBps])).to.deep.equal([[7_500n, 2_500n, 0n]]);
    });

    it("takes any currency, several treasurers and a care bucket when deployed directly", async function () {
      const { ledger, timelockAddress, alice, carol } = await loadFixture(deployWithAdmin);
      const token = await ethers.deployContract("MochaFeeToken", [0]);
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        timelockAddress,
        [alice.address, carol.address],
        [5_000, 2_000, 3_000],
        DEFAULT_CAPITAL_SETTINGS,
      ]);
      await expect(treasury.deploymentTransaction()).to.emit(treasury, "BucketsSet").withArgs([5_000, 2_000, 3_000]);
      expect(await treasury.currency()).to.equal(await token.getAddress());
      expect(await treasury.buckets()).to.deep.equal([5_000n, 2_000n, 3_000n]);
      expect(await treasury.hasRole(TREASURER_ROLE, alice.address)).to.equal(true);
      expect(await treasury.hasRole(TREASURER_ROLE, carol.address)).to.equal(true);
      expect(await treasury.hasRole(DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
    });

    it("reverts when initialised with buckets that do not sum to 10,000, with the sum", async function () {
      const { treasury, capital, ledger, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(ethers, "Treasury", await treasury.currency(), await ledger.getAddress());
      for (const [buckets, total] of [
        [[7_500, 2_500, 1], 10_001n],
        [[0, 0, 0], 0n],
        [[65_535, 65_535, 65_535], 196_605n], // no uint16 overflow in the sum
      ] as const) {
        // The buckets are refused whatever the capital accounts: the fixture's serve.
        await expect(fresh.initialize(timelockAddress, [], [...buckets], capital))
          .to.be.revertedWithCustomError(treasury, "TreasuryInvalidBuckets")
          .withArgs(total);
      }
    });
  });

  describe("payIn", function () {
    it("takes the payment with PaidIn and its reference, growing the balance and the unallocated money", async function () {
      const { treasury, grace, heidi } = await loadFixture(deployWithAdmin);
      const token = await currencyOf(treasury);
      const treasuryAddress = await treasury.getAddress();
      const amount = 1_234n * EURO + 56n;
      await faucet(token, grace, amount);
      await (await token.connect(grace).approve(treasuryAddress, amount)).wait();
      const tx = treasury.connect(grace).payIn(amount, PAYMENT_REF);
      await expect(tx).to.emit(treasury, "PaidIn").withArgs(grace.address, amount, PAYMENT_REF);
      await expect(tx).to.changeTokenBalances(ethers, token, [grace, treasury], [-amount, amount]);
      expect([await treasury.unallocated(), await treasury.owed()]).to.deep.equal([amount, 0n]);

      // A second payment adds to the first; the reference may be left out.
      await faucet(token, heidi, 1n);
      await (await token.connect(heidi).approve(treasuryAddress, 1n)).wait();
      await expect(treasury.connect(heidi).payIn(1n, ZeroHash))
        .to.emit(treasury, "PaidIn")
        .withArgs(heidi.address, 1n, ZeroHash);
      expect(await token.balanceOf(treasuryAddress)).to.equal(amount + 1n);
      expect(await treasury.unallocated()).to.equal(amount + 1n);
      const paid = await treasury.queryFilter(treasury.filters.PaidIn(undefined, undefined, PAYMENT_REF));
      expect(paid.map((log) => [log.args.payer, log.args.amount])).to.deep.equal([[grace.address, amount]]);
    });

    it("reverts when the amount is zero", async function () {
      const { treasury, grace } = await loadFixture(deployWithAdmin);
      await expect(treasury.connect(grace).payIn(0, PAYMENT_REF)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts when the payer has not approved the amount", async function () {
      const { treasury, grace } = await loadFixture(deployWithAdmin);
      const token = await currencyOf(treasury);
      await faucet(token, grace, 100n);
      await (await token.connect(grace).approve(await treasury.getAddress(), 99n)).wait();
      await expect(treasury.connect(grace).payIn(100n, PAYMENT_REF))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(await treasury.getAddress(), 99n, 100n);
    });

    it("refuses a fee-on-transfer token with TreasuryInexactTransfer(expected, actual)", async function () {
      const { ledger, timelockAddress, bob, grace } = await loadFixture(deployWithAdmin);
      const token = await ethers.deployContract("MochaFeeToken", [100]); // 1% of each transfer burnt
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        timelockAddress,
        [bob.address],
        [...DEFAULT_BUCKETS],
        DEFAULT_CAPITAL_SETTINGS,
      ]);
      const treasuryAddress = await treasury.getAddress();
      await (await token.mint(grace.address, 2_000n)).wait();
      await (await (token.connect(grace) as Contract).approve(treasuryAddress, 2_000n)).wait();
      await expect(treasury.connect(grace).payIn(1_000n, PAYMENT_REF))
        .to.be.revertedWithCustomError(treasury, "TreasuryInexactTransfer")
        .withArgs(1_000n, 990n);
      expect(await token.balanceOf(treasuryAddress)).to.equal(0n);
      // The same token without its fee is taken: the fee was the reason.
      await (await token.setFees(0, 0)).wait();
      await expect(treasury.connect(grace).payIn(1_000n, PAYMENT_REF))
        .to.emit(treasury, "PaidIn")
        .withArgs(grace.address, 1_000n, PAYMENT_REF);
      expect(await treasury.unallocated()).to.equal(1_000n);
    });
  });

  describe("fundPeriod", function () {
    it("splits the funding into stream pools; an empty stream's bucket and the rounding stay unallocated", async function () {
      const { treasury, ledger, token, bob } = await loadFixture(deployWithClosedPeriods);
      const treasuryAddress = await treasury.getAddress();
      // The fixture's work, as the ledger counts it: period 1 has care, but the care bucket is 0.
      expect((await ledger.periodTotals(1)).payable_).to.deep.equal([3_833n, 1_200n, 500n]);
      expect((await ledger.periodTotals(2)).payable_).to.deep.equal([0n, 500n, 250n]);

      const pools1 = await expectedPools(ledger, 1, PERIOD_1_FUNDING, DEFAULT_BUCKETS);
      expect(pools1).to.deep.equal([750_000_005n, 250_000_001n, 0n]);
      const funded1 = sum(pools1);
      const tx = treasury.connect(bob).fundPeriod(1, PERIOD_1_FUNDING);
      await expect(tx)
        .to.emit(treasury, "PeriodFunded")
        .withArgs(1, bob.address, funded1, [...DEFAULT_BUCKETS], pools1);
      await expect(tx).to.changeTokenBalance(ethers, token, treasury, 0n);
      expect(await poolOf(treasury, 1)).to.deep.equal({ funded: funded1, claimed: 0n, streamPools: pools1 });
      expect(await treasury.owed()).to.equal(funded1);
      expect(PERIOD_1_FUNDING - funded1).to.equal(1n); // the rounding, left unallocated
      expect(await treasury.unallocated()).to.equal(PAID_IN - funded1);

      // No livelihood in period 2: its 75% stays unallocated too.
      const pools2 = await expectedPools(ledger, 2, PERIOD_2_FUNDING, DEFAULT_BUCKETS);
      expect(pools2).to.deep.equal([0n, 100_000_000n, 0n]);
      await expect(treasury.connect(bob).fundPeriod(2, PERIOD_2_FUNDING))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(2, bob.address, pools2[1], [...DEFAULT_BUCKETS], pools2);
      expect(await poolOf(treasury, 2)).to.deep.equal({ funded: pools2[1], claimed: 0n, streamPools: pools2 });
      expect(await treasury.owed()).to.equal(funded1 + pools2[1]);
      expect(await treasury.unallocated()).to.equal(PAID_IN - funded1 - pools2[1]);
      expect(await token.balanceOf(treasuryAddress)).to.equal(PAID_IN);
      await expectConserved(treasury);
    });

    it("funds the care stream once the members give it a bucket", async function () {
      const { treasury, ledger, admin, bob } = await loadFixture(deployWithClosedPeriods);
      await (await treasury.connect(admin).setBuckets([5_000, 2_000, 3_000])).wait();
      const pools = await expectedPools(ledger, 1, PERIOD_1_FUNDING, [5_000, 2_000, 3_000]);
      expect(pools).to.deep.equal([500_000_003n, 200_000_001n, 300_000_002n]);
      await expect(treasury.connect(bob).fundPeriod(1, PERIOD_1_FUNDING))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(1, bob.address, sum(pools), [5_000, 2_000, 3_000], pools);
      // Bob's 500 care hours are all the period's payable care.
      const bobShare = await expectedShare(ledger, bob.address, 1, pools);
      expect(bobShare).to.equal((500_000_003n * 2_000n) / 3_833n + 300_000_002n);
      expect(await treasury.claimable(bob.address, 1)).to.equal(bobShare);
    });

    it("reverts when the caller is not a treasurer, until the timelock makes them one", async function () {
      const { treasury, admin, alice, grace, timelockAddress } = await loadFixture(deployWithClosedPeriods);
      for (const [caller, address] of [
        [alice, alice.address],
        [grace, grace.address],
        [admin, timelockAddress], // the timelock grants the role but does not hold it
      ] as const) {
        await expect(treasury.connect(caller).fundPeriod(1, PERIOD_1_FUNDING))
          .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
          .withArgs(address, TREASURER_ROLE);
      }
      await (await treasury.connect(admin).grantRole(TREASURER_ROLE, alice.address)).wait();
      await expect(treasury.connect(alice).fundPeriod(1, PERIOD_1_FUNDING))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(1, alice.address, PERIOD_1_FUNDING - 1n, [...DEFAULT_BUCKETS], [750_000_005n, 250_000_001n, 0n]);
    });

    it("reverts when the amount is zero", async function () {
      const { treasury, bob } = await loadFixture(deployWithClosedPeriods);
      await expect(treasury.connect(bob).fundPeriod(1, 0)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts when the ledger has not closed the period (the open one, a future one, period 0)", async function () {
      const { treasury, ledger, bob } = await loadFixture(deployWithClosedPeriods);
      expect(await ledger.currentPeriod()).to.equal(3n);
      for (const period of [3, 4, 2 ** 32 - 1, 0]) {
        await expect(treasury.connect(bob).fundPeriod(period, EURO))
          .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFinal")
          .withArgs(period, 0);
      }
    });

    it("reverts until the closed period's review window is over, to the second", async function () {
      const { treasury, ledger, alice, bob, carol } = await loadFixture(deployWithClosedPeriods);
      await logApproved(ledger, alice, Stream.Livelihood, 500, carol);
      await closePeriod(ledger, bob);
      const { closedAt, finalAt } = await ledger.periodInfo(3);
      expect(finalAt - closedAt).to.equal(await ledger.reviewWindow());
      await expect(treasury.connect(bob).fundPeriod(3, EURO))
        .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFinal")
        .withArgs(3, finalAt);
      await time.setNextBlockTimestamp(finalAt - 1n);
      await expect(treasury.connect(bob).fundPeriod(3, EURO))
        .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFinal")
        .withArgs(3, finalAt);
      await time.setNextBlockTimestamp(finalAt);
      await expect(treasury.connect(bob).fundPeriod(3, EURO)).to.emit(treasury, "PeriodFunded");
    });

    it("reverts when the period is already funded, whatever the amount", async function () {
      const { treasury, bob } = await loadFixture(deployWithFundedPeriod);
      for (const amount of [PERIOD_1_FUNDING, 1n, 5_000n * EURO]) {
        await expect(treasury.connect(bob).fundPeriod(1, amount))
          .to.be.revertedWithCustomError(treasury, "TreasuryPeriodAlreadyFunded")
          .withArgs(1);
      }
      expect((await treasury.pool(1)).funded).to.equal(PERIOD_1_FUNDING - 1n);
    });

    it("reverts when the amount is above the unallocated balance, which leaves out what is owed", async function () {
      const { treasury, bob } = await loadFixture(deployWithClosedPeriods);
      await expect(treasury.connect(bob).fundPeriod(1, PAID_IN + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(PAID_IN + 1n, PAID_IN);
      await (await treasury.connect(bob).fundPeriod(1, PERIOD_1_FUNDING)).wait();
      const free = PAID_IN - (PERIOD_1_FUNDING - 1n);
      await expect(treasury.connect(bob).fundPeriod(2, free + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(free + 1n, free);
      // Exactly the unallocated balance is fine (period 2 takes only its love bucket of it).
      await expect(treasury.connect(bob).fundPeriod(2, free)).to.emit(treasury, "PeriodFunded");
    });

    it("reverts with TreasuryNothingToFund when a closed period has no payable work", async function () {
      const disco = await loadFixture(deployWithClosedPeriods);
      const { treasury, ledger, alice, bob, frank } = disco;
      // Period 3: Casual frank's care only, historical but not payable. Period 4: no work at all.
      await logApproved(ledger, frank, Stream.Care, 300, alice);
      await closePeriod(ledger, bob);
      await closeFinal(ledger, bob);
      expect((await ledger.periodTotals(3)).historical).to.deep.equal([0n, 0n, 300n]);
      for (const period of [3, 4]) {
        expect((await ledger.periodTotals(period)).payable_).to.deep.equal([0n, 0n, 0n]);
        await expect(treasury.connect(bob).fundPeriod(period, EURO))
          .to.be.revertedWithCustomError(treasury, "TreasuryNothingToFund")
          .withArgs(period);
      }
    });

    it("reverts with TreasuryNothingToFund when the buckets are only on streams with no payable work", async function () {
      const { treasury, ledger, admin, alice, bob, carol } = await loadFixture(deployWithClosedPeriods);
      // Period 3: only care, which the default buckets don't pay.
      await logApproved(ledger, alice, Stream.Care, 800, carol);
      await closeFinal(ledger, bob);
      await expect(treasury.connect(bob).fundPeriod(3, EURO))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToFund")
        .withArgs(3);
      // Period 2 has love and care but no livelihood: all on livelihood funds nothing.
      await (await treasury.connect(admin).setBuckets([10_000, 0, 0])).wait();
      await expect(treasury.connect(bob).fundPeriod(2, EURO))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToFund")
        .withArgs(2);
      // And with a care bucket, period 3 funds.
      await (await treasury.connect(admin).setBuckets([0, 0, 10_000])).wait();
      await expect(treasury.connect(bob).fundPeriod(3, EURO))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(3, bob.address, EURO, [0, 0, 10_000], [0n, 0n, EURO]);
    });

    it("reverts with TreasuryNothingToFund when the amount is too small for any bucket to round to a unit", async function () {
      const { treasury, bob } = await loadFixture(deployWithClosedPeriods);
      // 3 units: 75% is 2.25 -> 2, so 3 funds; 1 unit: 0.75 -> 0 and 0.25 -> 0.
      await expect(treasury.connect(bob).fundPeriod(1, 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToFund")
        .withArgs(1);
      await expect(treasury.connect(bob).fundPeriod(1, 3n))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(1, bob.address, 2n, [...DEFAULT_BUCKETS], [2n, 0n, 0n]);
    });
  });

  describe("claim", function () {
    it("pays each member sum(pool x their payable / the period's payable) per stream, as the ledger counts", async function () {
      const { treasury, ledger, token, pools, alice, bob, carol, dave, erin } =
        await loadFixture(deployWithFundedPeriod);
      // Written out once, for alice: 750,000,005 x 1,000 / 3,833 + 250,000,001 x 300 / 1,200.
      expect(await expectedShare(ledger, alice.address, 1, pools)).to.equal(195_669_189n + 62_500_000n);
      for (const member of [alice, bob, carol, dave, erin]) {
        const share = await expectedShare(ledger, member.address, 1, pools);
        expect(share, member.address).to.be.greaterThan(0n);
        expect(await treasury.claimable(member.address, 1), member.address).to.equal(share);
        expect(await treasury.hasClaimed(member.address, 1)).to.equal(false);
        expect(await treasury.connect(member).claim.staticCall([1])).to.equal(share);

        const tx = treasury.connect(member).claim([1]);
        await expect(tx).to.emit(treasury, "PayoutClaimed").withArgs(member.address, 1, share);
        await expect(tx).to.changeTokenBalances(ethers, token, [member, treasury], [share, -share]);
        expect(await treasury.hasClaimed(member.address, 1)).to.equal(true);
        expect(await treasury.claimable(member.address, 1)).to.equal(0n);
      }
    });

    it("leaves the rounding dust owed: claims sum to at most the funding, and owed is the rest", async function () {
      const { treasury, ledger, pools, alice, bob, carol, dave, erin, frank } =
        await loadFixture(deployWithFundedPeriod);
      const funded = sum(pools);
      const unallocated = await treasury.unallocated();
      let claimed = 0n;
      for (const member of [alice, bob, carol, dave, erin]) {
        claimed += await expectedShare(ledger, member.address, 1, pools);
        await claim(treasury, member, [1]);
        expect(await claimedOf(treasury, 1)).to.equal(claimed);
        expect(await treasury.owed()).to.equal(funded - claimed);
        expect(await treasury.unallocated(), "claims leave the unallocated money alone").to.equal(unallocated);
        await expectConserved(treasury);
      }
      expect(claimed).to.be.lessThanOrEqual(funded);
      expect(funded - claimed).to.equal(5n); // this fixture's dust, worked out by hand
      expect(await treasury.claimable(frank.address, 1)).to.equal(0n);
      expect(await poolOf(treasury, 1)).to.deep.equal({ funded, claimed, streamPools: pools });
    });

    it("claims several periods in one transfer, with one PayoutClaimed per period", async function () {
      const disco = await loadFixture(deployWithFundedPeriod);
      const { treasury, ledger, token, pools, carol } = disco;
      await fund(disco, 2, PERIOD_2_FUNDING);
      const pools2 = await expectedPools(ledger, 2, PERIOD_2_FUNDING, DEFAULT_BUCKETS);
      const shares = [
        await expectedShare(ledger, carol.address, 1, pools),
        await expectedShare(ledger, carol.address, 2, pools2),
      ];
      expect(shares[1]).to.equal(100_000_000n); // all period 2's love is carol's
      const total = shares[0] + shares[1];
      expect(await treasury.connect(carol).claim.staticCall([2, 1])).to.equal(total);

      const tx = await treasury.connect(carol).claim([2, 1]);
      await expect(tx).to.changeTokenBalances(ethers, token, [carol, treasury], [total, -total]);
      const receipt = (await tx.wait())!;
      const transfers = receipt.logs.filter((log) => log.address === (token.target as string));
      expect(transfers.map((log) => token.interface.parseLog(log)!.args.toArray())).to.deep.equal([
        [await treasury.getAddress(), carol.address, total],
      ]);
      const payouts = receipt.logs
        .filter((log) => log.address === (treasury.target as string))
        .map((log) => treasury.interface.parseLog(log)!)
        .filter((event) => event.name === "PayoutClaimed");
      expect(payouts.map((event) => event.args.toArray())).to.deep.equal([
        [carol.address, 2n, shares[1]],
        [carol.address, 1n, shares[0]],
      ]);
      expect([await treasury.hasClaimed(carol.address, 1), await treasury.hasClaimed(carol.address, 2)]).to.deep.equal([
        true,
        true,
      ]);
    });

    it("reverts when a period is not funded, and claims none of the others listed with it", async function () {
      const { treasury, alice } = await loadFixture(deployWithFundedPeriod);
      for (const periods of [[2], [3], [0], [1, 2]]) {
        const unfunded = periods[periods.length - 1];
        await expect(treasury.connect(alice).claim(periods))
          .to.be.revertedWithCustomError(treasury, "TreasuryPeriodNotFunded")
          .withArgs(unfunded);
      }
      expect(await treasury.hasClaimed(alice.address, 1)).to.equal(false);
      expect(await treasury.claimable(alice.address, 2)).to.equal(0n);
    });

    it("reverts when a member claims a period twice, in two calls or listed twice in one", async function () {
      const { treasury, alice, bob } = await loadFixture(deployWithFundedPeriod);
      await expect(treasury.connect(bob).claim([1, 1]))
        .to.be.revertedWithCustomError(treasury, "TreasuryAlreadyClaimed")
        .withArgs(bob.address, 1);
      expect(await treasury.hasClaimed(bob.address, 1)).to.equal(false);
      await claim(treasury, alice, [1]);
      await expect(treasury.connect(alice).claim([1]))
        .to.be.revertedWithCustomError(treasury, "TreasuryAlreadyClaimed")
        .withArgs(alice.address, 1);
      // Bob's claim is his own: alice's doesn't spend it.
      await expect(treasury.connect(bob).claim([1])).to.emit(treasury, "PayoutClaimed");
    });

    it("reverts with TreasuryNothingToClaim for Casual work, outsiders, and work only in unfunded streams", async function () {
      const disco = await loadFixture(deployWithFundedPeriod);
      const { treasury, alice, bob, frank, grace } = disco;
      await fund(disco, 2, PERIOD_2_FUNDING);
      for (const [member, period] of [
        [frank, 1], // Casual: love and care, neither payable
        [frank, 2], // Casual, care only
        [grace, 1], // never a member
        [alice, 2], // care only, and the care bucket is 0
        [bob, 2], // no work in period 2
      ] as const) {
        expect(await treasury.claimable(member.address, period)).to.equal(0n);
        await expect(treasury.connect(member).claim([period]))
          .to.be.revertedWithCustomError(treasury, "TreasuryNothingToClaim")
          .withArgs(member.address, period);
      }
      // Listing an empty period with a paying one fails the whole call.
      await expect(treasury.connect(alice).claim([1, 2]))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToClaim")
        .withArgs(alice.address, 2);
    });

    it("reverts with TreasuryZeroAmount for an empty list", async function () {
      const { treasury, alice } = await loadFixture(deployWithFundedPeriod);
      await expect(treasury.connect(alice).claim([])).to.be.revertedWithCustomError(treasury, "TreasuryZeroAmount");
    });

    it("pays a member who left, or was removed, after the period", async function () {
      const { treasury, membership, ledger, token, admin, pools, dave, erin } =
        await loadFixture(deployWithFundedPeriod);
      await (await membership.connect(dave).leave()).wait();
      await (await membership.connect(admin).remove(erin.address, "moved on")).wait();
      expect(await membership.isMember(dave.address)).to.equal(false);
      expect(await membership.isMember(erin.address)).to.equal(false);
      for (const member of [dave, erin]) {
        const share = await expectedShare(ledger, member.address, 1, pools);
        expect(await treasury.claimable(member.address, 1)).to.equal(share);
        await expect(treasury.connect(member).claim([1]))
          .to.emit(treasury, "PayoutClaimed")
          .withArgs(member.address, 1, share);
        expect(await token.balanceOf(member.address)).to.equal(share);
      }
    });

    it("pays nothing more to a member who joins after the period", async function () {
      const { treasury, membership, admin, ivan } = await loadFixture(deployWithFundedPeriod);
      await (
        await membership.connect(admin).admit(ivan.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      await expect(treasury.connect(ivan).claim([1]))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToClaim")
        .withArgs(ivan.address, 1);
    });
  });

  describe("spend", function () {
    it("sends unallocated money where the timelock says, with Spent", async function () {
      const { treasury, token, admin, heidi } = await loadFixture(deployWithClosedPeriods);
      const amount = 2_500n * EURO;
      const reason = "Server hosting, 2025";
      const tx = treasury.connect(admin).spend(heidi.address, amount, reason);
      await expect(tx).to.emit(treasury, "Spent").withArgs(heidi.address, amount, reason);
      await expect(tx).to.changeTokenBalances(ethers, token, [heidi, treasury], [amount, -amount]);
      expect(await treasury.unallocated()).to.equal(PAID_IN - amount);
      // All of it can go.
      await expect(treasury.connect(admin).spend(heidi.address, PAID_IN - amount, "")).to.emit(treasury, "Spent");
      expect(await treasury.unallocated()).to.equal(0n);
    });

    it("reverts when the caller is not the timelock, treasurers included", async function () {
      const { treasury, alice, bob, heidi } = await loadFixture(deployWithClosedPeriods);
      for (const caller of [bob, alice]) {
        await expect(treasury.connect(caller).spend(heidi.address, EURO, "lunch"))
          .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
    });

    it("reverts when the recipient is the zero address", async function () {
      const { treasury, admin } = await loadFixture(deployWithClosedPeriods);
      await expect(treasury.connect(admin).spend(ZeroAddress, EURO, "burn"))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidRecipient")
        .withArgs(ZeroAddress);
    });

    it("reverts when the amount is zero", async function () {
      const { treasury, admin, heidi } = await loadFixture(deployWithClosedPeriods);
      await expect(treasury.connect(admin).spend(heidi.address, 0, "nothing")).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts when it would spend money owed to members, who still claim it afterwards", async function () {
      const { treasury, ledger, token, admin, pools, alice, heidi } = await loadFixture(deployWithFundedPeriod);
      const free = PAID_IN - sum(pools);
      expect(await treasury.unallocated()).to.equal(free);
      for (const amount of [free + 1n, PAID_IN]) {
        await expect(treasury.connect(admin).spend(heidi.address, amount, "everything"))
          .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
          .withArgs(amount, free);
      }
      await (await treasury.connect(admin).spend(heidi.address, free, "all that is free")).wait();
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(sum(pools));
      await expect(treasury.connect(admin).spend(heidi.address, 1n, "one more"))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(1n, 0n);
      const share = await expectedShare(ledger, alice.address, 1, pools);
      await expect(treasury.connect(alice).claim([1]))
        .to.emit(treasury, "PayoutClaimed")
        .withArgs(alice.address, 1, share);
      await expectConserved(treasury);
    });
  });

  describe("setBuckets", function () {
    it("sets the buckets with BucketsSet; they apply to fundings afterwards only", async function () {
      const disco = await loadFixture(deployWithFundedPeriod);
      const { treasury, ledger, admin, pools, bob, carol } = disco;
      const before = await poolOf(treasury, 1);
      const bobBefore = await treasury.claimable(bob.address, 1);
      await expect(treasury.connect(admin).setBuckets([5_000, 2_000, 3_000]))
        .to.emit(treasury, "BucketsSet")
        .withArgs([5_000, 2_000, 3_000]);
      expect(await treasury.buckets()).to.deep.equal([5_000n, 2_000n, 3_000n]);
      expect(await poolOf(treasury, 1)).to.deep.equal(before);
      expect(before.streamPools).to.deep.equal(pools);
      expect(await treasury.claimable(bob.address, 1)).to.equal(bobBefore);

      const pools2 = await expectedPools(ledger, 2, PERIOD_2_FUNDING, [5_000, 2_000, 3_000]);
      expect(pools2).to.deep.equal([0n, 80_000_000n, 120_000_000n]);
      await expect(treasury.connect(bob).fundPeriod(2, PERIOD_2_FUNDING))
        .to.emit(treasury, "PeriodFunded")
        .withArgs(2, bob.address, sum(pools2), [5_000, 2_000, 3_000], pools2);
      expect(await treasury.claimable(carol.address, 2)).to.equal(80_000_000n);
    });

    it("takes every split that sums to 10,000, one stream taking all", async function () {
      const { treasury, admin } = await loadFixture(deployWithAdmin);
      for (const buckets of [
        [10_000, 0, 0],
        [0, 0, 10_000],
        [1, 9_998, 1],
      ] as const) {
        await expect(treasury.connect(admin).setBuckets([...buckets]))
          .to.emit(treasury, "BucketsSet")
          .withArgs([...buckets]);
        expect(await treasury.buckets()).to.deep.equal(buckets.map(BigInt));
      }
    });

    it("reverts when the caller is not the timelock", async function () {
      const { treasury, alice, bob } = await loadFixture(deployWithAdmin);
      for (const caller of [bob, alice]) {
        await expect(treasury.connect(caller).setBuckets([5_000, 5_000, 0]))
          .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
    });

    it("reverts with the sum when the buckets do not sum to 10,000", async function () {
      const { treasury, admin } = await loadFixture(deployWithAdmin);
      for (const [buckets, total] of [
        [[7_500, 2_500, 1], 10_001n],
        [[5_000, 2_000, 2_999], 9_999n],
        [[0, 0, 0], 0n],
        [[65_535, 65_535, 65_535], 196_605n],
      ] as const) {
        await expect(treasury.connect(admin).setBuckets([...buckets]))
          .to.be.revertedWithCustomError(treasury, "TreasuryInvalidBuckets")
          .withArgs(total);
      }
      expect(await treasury.buckets()).to.deep.equal([7_500n, 2_500n, 0n]);
    });
  });

  describe("governance", function () {
    it("makes setBuckets and the roles bylaws, and spending a standard proposal", async function () {
      const { governor, treasury } = await loadFixture(deployWithAdmin);
      const target = await treasury.getAddress();
      for (const signature of [
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
        "setBuckets(uint16[3])",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(true);
      }
      for (const signature of [
        "spend(address,uint256,string)",
        "fundPeriod(uint32,uint256)",
        "payIn(uint256,bytes32)",
        "claim(uint32[])",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(false);
      }
      const spend = treasury.interface.encodeFunctionData("spend", [target, 1n, "x"]);
      const setBuckets = treasury.interface.encodeFunctionData("setBuckets", [[5_000, 5_000, 0]]);
      expect(await governor.classify([target], [spend], "Pay the host")).to.equal(kind("Standard"));
      expect(await governor.classify([target], [setBuckets], "Half and half")).to.equal(kind("Bylaw"));
    });

    it("spends by a standard vote executed by the timelock", async function () {
      const { governor, treasury, token, alice, bob, carol, heidi } = await loadFixture(deployWithClosedPeriods);
      const amount = 750n * EURO;
      const reason = "heidi's translation invoice";
      const proposal = calls(
        await treasury.getAddress(),
        treasury.interface.encodeFunctionData("spend", [heidi.address, amount, reason]),
        "Pay heidi's translation invoice",
      );
      const proposalId = await enact(governor, time, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.Against],
      ]);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Standard"));
      const spent = await treasury.queryFilter(treasury.filters.Spent(heidi.address));
      expect(spent.map((log) => [log.args.amount, log.args.reason])).to.deep.equal([[amount, reason]]);
      expect(await token.balanceOf(heidi.address)).to.equal(amount);
      expect(await treasury.unallocated()).to.equal(PAID_IN - amount);
    });

    it("sets the buckets by a bylaw vote", async function () {
      const { governor, treasury, alice, bob, carol, dave } = await loadFixture(deployWithAdmin);
      const proposal = calls(
        await treasury.getAddress(),
        treasury.interface.encodeFunctionData("setBuckets", [[5_000, 2_000, 3_000]]),
        "Pay care: 50/20/30",
      );
      const proposalId = await enact(governor, time, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.For],
        [dave, Support.For],
      ]);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
      expect(await treasury.buckets()).to.deep.equal([5_000n, 2_000n, 3_000n]);
    });
  });

  describe("conservation", function () {
    it("accounts for every unit through pay-ins, fundings, claims and spends", async function () {
      const disco = await loadFixture(deployWithClosedPeriods);
      const { treasury, ledger, token, admin, alice, bob, carol, dave, erin, heidi, ivan } = disco;
      const treasuryAddress = await treasury.getAddress();
      let paidIn = PAID_IN;
      let claimed = 0n;
      let spent = 0n;
      const funded: Record<number, bigint> = {};

      /** Every unit paid in is claimed, spent or still held; held = owed + unallocated; owed = pools' remains. */
      const check = async (step: string) => {
        const balance = await token.balanceOf(treasuryAddress);
        expect(paidIn, step).to.equal(claimed + spent + balance);
        await expectConserved(treasury);
        let remains = 0n;
        for (const period of Object.keys(funded).map(Number)) {
          const p = await treasury.pool(period);
          expect(p.funded, `${step}: period ${period} funded`).to.equal(funded[period]);
          remains += p.funded - (await claimedOf(treasury, period));
        }
        expect(await treasury.owed(), step).to.equal(remains);
      };
      const doFund = async (period: number, amount: bigint) => {
        await fund(disco, period, amount);
        funded[period] = (await treasury.pool(period)).funded;
        await check(`fund ${period}`);
      };
      const doClaim = async (member: Signer, periods: number[]) => {
        const before = await token.balanceOf(await member.getAddress());
        await claim(treasury, member, periods);
        claimed += (await token.balanceOf(await member.getAddress())) - before;
        await check(`claim ${periods}`);
      };
      const doSpend = async (to: string, amount: bigint) => {
        await (await treasury.connect(admin).spend(to, amount, "scripted")).wait();
        spent += amount;
        await check(`spend ${amount}`);
      };
      const doPayIn = async (payer: Signer, amount: bigint) => {
        await payIn(treasury, payer, amount, PAYMENT_REF);
        paidIn += amount;
        await check(`payIn ${amount}`);
      };

      await check("start");
      await doFund(1, PERIOD_1_FUNDING);
      await doClaim(alice, [1]);
      await doPayIn(heidi, 1_234n * EURO + 567_891n);
      await doSpend(ivan.address, 500n * EURO + 1n);
      await doFund(2, 333n * EURO + 33n);
      await doClaim(carol, [1, 2]);
      await doClaim(bob, [1]);
      await doSpend(heidi.address, await treasury.unallocated());
      expect(await treasury.unallocated()).to.equal(0n);
      await doPayIn(ivan, 999n);
      // Period 3: new work, new buckets.
      await logApproved(ledger, dave, Stream.Livelihood, 777, alice);
      await logApproved(ledger, erin, Stream.Love, 123, bob);
      await logApproved(ledger, alice, Stream.Care, 50, bob);
      await closeFinal(ledger, bob);
      await (await treasury.connect(admin).setBuckets([3_333, 3_333, 3_334])).wait();
      await doFund(3, 999n);
      await doClaim(erin, [3, 1]);
      await doClaim(dave, [1, 3]);
      await doClaim(alice, [3]);
      await doSpend(heidi.address, await treasury.unallocated());
      // What is left is only the dust of the three periods and the payouts not yet claimed.
      expect(await token.balanceOf(treasuryAddress)).to.equal(await treasury.owed());
    });
  });

  describe("hostile tokens", function () {
    /** A treasury over the reentrant mock: the deployer is its admin, bob its treasurer; period 1 funded. */
    async function deployOverReentrantToken() {
      const disco = await deployWithClosedPeriods();
      const { ledger, deployer, bob, grace } = disco;
      const hostile = await ethers.deployContract("MochaReentrantToken");
      const treasury = await deployClone(ethers, "Treasury", [
        await hostile.getAddress(),
        await ledger.getAddress(),
        deployer.address,
        [bob.address],
        [...DEFAULT_BUCKETS],
        DEFAULT_CAPITAL_SETTINGS,
      ]);
      const treasuryAddress = await treasury.getAddress();
      // The token holds every role, so that its callbacks get past access control to the guard.
      await (await treasury.connect(deployer).grantRole(DEFAULT_ADMIN_ROLE, await hostile.getAddress())).wait();
      await (await treasury.connect(deployer).grantRole(TREASURER_ROLE, await hostile.getAddress())).wait();
      await (await hostile.mint(grace.address, 10_000n)).wait();
      await (await (hostile.connect(grace) as Contract).approve(treasuryAddress, 10_000n)).wait();
      await (await treasury.connect(grace).payIn(5_000n, PAYMENT_REF)).wait();
      await (await treasury.connect(bob).fundPeriod(1, 1_000n)).wait();
      return { ...disco, hostile, treasury };
    }

    const inner = {
      claim: (treasury: Treasury, _to: string) => treasury.interface.encodeFunctionData("claim", [[1]]),
      payIn: (treasury: Treasury, _to: string) => treasury.interface.encodeFunctionData("payIn", [1n, PAYMENT_REF]),
      spend: (treasury: Treasury, to: string) =>
        treasury.interface.encodeFunctionData("spend", [to, 1n, "during a transfer"]),
    };

    it("stops a token that calls back into claim, payIn or spend during a transfer (ReentrancyGuard)", async function () {
      const { treasury, hostile, deployer, alice, grace, ivan } = await loadFixture(deployOverReentrantToken);
      const target = await treasury.getAddress();
      const outer = {
        payIn: () => treasury.connect(grace).payIn(100n, PAYMENT_REF),
        claim: () => treasury.connect(alice).claim([1]),
        spend: () => treasury.connect(deployer).spend(ivan.address, 100n, "host"),
      };
      for (const [outerName, call] of Object.entries(outer)) {
        for (const [innerName, data] of Object.entries(inner)) {
          await (await hostile.arm(target, data(treasury, ivan.address))).wait();
          await expect(call(), `${innerName} inside ${outerName}`).to.be.revertedWithCustomError(
            treasury,
            "ReentrancyGuardReentrantCall",
          );
        }
      }
      expect(await hostile.reentered()).to.equal(0n);
      // The callbacks do happen: a view call from the same hook goes through, and so does each action unarmed.
      await (await hostile.arm(target, treasury.interface.encodeFunctionData("owed"))).wait();
      await expect(outer.claim()).to.emit(treasury, "PayoutClaimed");
      expect(await hostile.reentered()).to.equal(1n);
      await expect(outer.payIn()).to.emit(treasury, "PaidIn");
      await expect(outer.spend()).to.emit(treasury, "Spent");
      await expectConserved(treasury);
    });

    it("keeps balance = owed + unallocated when a treasurer reenters fundPeriod during a claim", async function () {
      // KNOWN CONTRACT BUG: fundPeriod is not nonReentrant. While a claim's transfer runs, `owed` has already gone
      // down but the balance not yet, so `unallocated` counts the payout twice, and a treasurer called back by the
      // currency (here the hook of a token with transfer callbacks) funds a period with money that is leaving.
      const { treasury, hostile, deployer, alice } = await loadFixture(deployOverReentrantToken);
      await (await treasury.connect(deployer).setBuckets([0, 10_000, 0])).wait(); // period 2 then takes it all
      const share = await treasury.claimable(alice.address, 1);
      const free = await treasury.unallocated();
      const fundAll = treasury.interface.encodeFunctionData("fundPeriod", [2, free + share]);
      await (await hostile.arm(await treasury.getAddress(), fundAll)).wait();
      const outcome = await treasury
        .connect(alice)
        .claim([1])
        .then((tx) => tx.wait())
        .then(
          () => "claimed",
          (error: { data?: string }) => treasury.interface.parseError(error.data ?? "0x")?.name ?? String(error),
        );
      await expectConserved(treasury);
      expect(outcome).to.equal("ReentrancyGuardReentrantCall");
    });

    it("refuses to pay out when the token takes more from the treasury than it sends", async function () {
      const { ledger, bob, alice, grace, heidi, deployer } = await loadFixture(deployWithClosedPeriods);
      const token = await ethers.deployContract("MochaFeeToken", [0]);
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        deployer.address,
        [bob.address],
        [...DEFAULT_BUCKETS],
        DEFAULT_CAPITAL_SETTINGS,
      ]);
      await (await token.mint(grace.address, 10_000n)).wait();
      await (await (token.connect(grace) as Contract).approve(await treasury.getAddress(), 10_000n)).wait();
      await (await treasury.connect(grace).payIn(10_000n, PAYMENT_REF)).wait();
      await (await treasury.connect(bob).fundPeriod(1, 4_000n)).wait();
      const share = await treasury.claimable(alice.address, 1);
      expect(share).to.be.greaterThan(100n);
      await (await token.setFees(0, 100)).wait(); // the sender pays 1% on top
      await expect(treasury.connect(alice).claim([1]))
        .to.be.revertedWithCustomError(treasury, "TreasuryInexactTransfer")
        .withArgs(share, share + share / 100n);
      await expect(treasury.connect(deployer).spend(heidi.address, 1_000n, "host"))
        .to.be.revertedWithCustomError(treasury, "TreasuryInexactTransfer")
        .withArgs(1_000n, 1_010n);
      // A fee that only the recipient bears leaves the treasury's accounts exact, so it pays.
      await (await token.setFees(100, 0)).wait();
      await expect(treasury.connect(alice).claim([1]))
        .to.emit(treasury, "PayoutClaimed")
        .withArgs(alice.address, 1, share);
      await expectConserved(treasury);
    });

    it("shows nothing unallocated, rather than failing, when the token takes funds from the treasury", async function () {
      const { ledger, bob, grace, deployer } = await loadFixture(deployWithClosedPeriods);
      const token = await ethers.deployContract("MochaFeeToken", [0]);
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        deployer.address,
        [bob.address],
        [...DEFAULT_BUCKETS],
        DEFAULT_CAPITAL_SETTINGS,
      ]);
      const treasuryAddress = await treasury.getAddress();
      await (await token.mint(grace.address, 10_000n)).wait();
      await (await (token.connect(grace) as Contract).approve(treasuryAddress, 10_000n)).wait();
      await (await treasury.connect(grace).payIn(10_000n, PAYMENT_REF)).wait();
      await (await treasury.connect(bob).fundPeriod(1, 4_000n)).wait();
      const owed = await treasury.owed();
      expect(await treasury.unallocated()).to.equal(10_000n - owed);
      await (await token.seize(treasuryAddress, 10_000n - owed + 1n)).wait();
      expect(await treasury.unallocated()).to.equal(0n);
      expect(await treasury.owed()).to.equal(owed);
    });
  });

  describe("gas", function () {
    interface Costs {
      fundPeriod: bigint;
      claimOne: bigint;
      claimAgain: bigint;
      claimThree: bigint;
    }
    const LABELS: Record<keyof Costs, string> = {
      fundPeriod: "fundPeriod",
      claimOne: "claim (1 period, first payout)",
      claimAgain: "claim (1 period, holding dEUR)",
      claimThree: "claim (3 periods)",
    };
    const PERIODS = 5;

    /**
     * `members` in all: the fixture's six, random Committed members admitted by the timelock, and last the
     * claimant, Committed. In each of periods 1-5 the claimant logs 1 livelihood credit (alice approves it) and alice
     * 3 (bob approves); grace pays in 5,000 euros; bob funds periods 1-5 with 1,000 each (period 1 measured: the
     * first funding, so `owed` goes from zero); the claimant claims period 1 (their first dEUR), then period 2, then
     * periods 3-5 together.
     */
    async function measure(disco: DisCO, members: number): Promise<Costs> {
      const { ledger, membership, treasury, admin, alice, bob, grace } = disco;
      const extra = members - Number(await membership.memberCount()) - 1;
      for (let i = 0; i < extra; i++) {
        const address = ethers.Wallet.createRandom().address;
        await membership.connect(admin).admit(address, Stage.Committed, Constituency.worker, ZeroAddress);
      }
      const claimant = ethers.Wallet.createRandom(ethers.provider);
      await networkHelpers.setBalance(claimant.address, ethers.parseEther("1"));
      await (
        await membership.connect(admin).admit(claimant.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      expect(await membership.memberCount()).to.equal(BigInt(members));

      for (let period = 1; period <= PERIODS; period++) {
        await logApproved(ledger, claimant, Stream.Livelihood, 100, alice);
        await logApproved(ledger, alice, Stream.Livelihood, 300, bob);
        await closeFinal(ledger, bob);
      }
      await payIn(treasury, grace, BigInt(PERIODS) * 1_000n * EURO, PAYMENT_REF);
      const funded = await (await treasury.connect(bob).fundPeriod(1, 1_000n * EURO)).wait();
      for (let period = 2; period <= PERIODS; period++) await fund(disco, period, 1_000n * EURO);
      const one = await (await treasury.connect(claimant).claim([1])).wait();
      const again = await (await treasury.connect(claimant).claim([2])).wait();
      const three = await (await treasury.connect(claimant).claim([3, 4, 5])).wait();
      // 1,000 euros x 75% x 1/4 per period: the figures are of real payouts.
      expect(await (await currencyOf(treasury)).balanceOf(claimant.address)).to.equal(BigInt(PERIODS) * 187_500_000n);
      return {
        fundPeriod: funded!.gasUsed,
        claimOne: one!.gasUsed,
        claimAgain: again!.gasUsed,
        claimThree: three!.gasUsed,
      };
    }

    let small: Costs;
    let large: Costs;
    before(async function () {
      this.timeout(900_000);
      small = await measure(await loadFixture(deployWithAdmin), 10);
      large = await measure(await loadFixture(deployWithAdmin), 10_000);
      for (const operation of Object.keys(LABELS) as (keyof Costs)[]) {
        console.log(`${LABELS[operation]}: 10 members ${small[operation]} gas, 10000 members ${large[operation]} gas`);
      }
    });

    it("costs the same to fund and claim with 10 members as with 10,000", async function () {
      expect(large).to.deep.equal(small);
    });

    // The absolute figure (66,281 gas for a monthly claim, under DESIGN.md's 70k) is the benchmark's to print:
    // this suite also runs under coverage instrumentation, which makes every call dearer.
    it("costs a member's first claim no more than the two storage slots it creates", async function () {
      // A member's very first claim also creates two storage slots that later claims reuse: their balance in the
      // currency token and their word of claimed periods. That, and nothing else, is what it costs more.
      const freshSlots = 2n * 22_100n;
      expect(small.claimOne - small.claimAgain, "a member's first payout").to.be.lessThanOrEqual(freshSlots);
    });
  });
});
