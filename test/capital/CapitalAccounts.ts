import { expect } from "chai";
import {
  id as keccakId,
  type BaseContract,
  type Contract,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type LogDescription,
} from "ethers";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { calls, connection, Constituency, deployWithAdmin, Stage } from "../helpers/disco.ts";
import { DEFAULT_CAPITAL_SETTINGS } from "../../ignition/modules/DisCO.ts";
import { deployClone, uninitialisedClone } from "../helpers/clones.ts";
import {
  BPS,
  closeFinal,
  closePeriod,
  currencyOf,
  deployWithClosedPeriods,
  EURO,
  EVIDENCE,
  faucet,
  logApproved,
  PAID_IN,
  payIn,
  PAYMENT_REF,
  Stream,
  type DisCO,
} from "../helpers/treasury.ts";
import {
  accountOf,
  booksOf,
  contribute,
  CONTRIBUTION,
  deployAskingContribution,
  deployWithClosedYear,
  deployWithContributions,
  expectConserved,
  expectedSplit,
  PatronageBasis,
  patronageOf,
  plain,
  RAY,
  settingsAsStored,
  SURPLUS,
  totalPatronageOf,
  WITH_CONTRIBUTION,
  YEAR,
  type Settings,
  type Split,
} from "../helpers/capital.ts";
import { PROPOSAL_KINDS, PROPOSAL_STATES, Support } from "@disco-ledger/sdk/governance";
import { TREASURER_ROLE } from "@disco-ledger/sdk/ledger";
import { closeVoting, enact, execute, openVoting, propose, queue } from "../../scripts/lib/drive.ts";
import type { CapitalAccounts } from "../../types/ethers-contracts/index.js";

/*
 * The capital accounts on the deployment that production uses (the treasury the Ignition module deploys creates
 * them), with the timelock impersonated for the settings and the commons; the "governance" tests go through the
 * real governor. Every expected split, allocation, charge and instalment is worked out here from DESIGN.md's rules
 * and the ledger's payable totals (test/helpers/capital.ts writes the rules out), never read back from the
 * contract. Treasuries over the hostile mock tokens (test/treasury/mocks) are deployed directly.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;
const { loadFixture } = networkHelpers;
const time = networkHelpers.time;

const DEFAULT_ADMIN_ROLE = ZeroHash;
const DEFAULT_BUCKETS = [7_500, 2_500, 0] as const;
const EMPTY_ACCOUNT = { shares: 0n, value: 0n, cash: 0n, settledYears: 0n, contributed: false };
const EMPTY_YEAR = {
  firstPeriod: 0n,
  lastPeriod: 0n,
  closedAt: 0n,
  basis: 0n,
  atLoss: false,
  totalPatronage: 0n,
  cashPool: 0n,
  charge: 0n,
  retainedShares: 0n,
  index: 0n,
};
/** The fixture's payable credits (livelihood + love) in periods 1 and 2, and care hours, as worked out by hand. */
const CREDITS_YEAR_1 = { alice: 1_300n, bob: 2_000n, carol: 1_200n, dave: 333n, erin: 700n, frank: 0n } as const;
const HOURS_YEAR_1 = { alice: 250n, bob: 500n, carol: 0n, dave: 0n, erin: 0n, frank: 0n } as const;
/** The contributions' account shares: 75% of 250 euros each, at index 1. */
const CONTRIBUTED_SHARES = 4n * ((CONTRIBUTION * 7_500n) / BPS);
const PATRONS = ["alice", "bob", "carol", "dave", "erin"] as const;
/** The reserve after year 1 of the closed-year fixture: four contributions' 25% and the surplus's 30%. */
const RESERVE = 4n * 62_500_000n + 3_000_000_002n;

const kind = (name: (typeof PROPOSAL_KINDS)[number]): bigint => BigInt(PROPOSAL_KINDS.indexOf(name));
const selector = (signature: string): string => keccakId(signature).slice(0, 10);
const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);
const sharesWorth = (shares: bigint, index: bigint): bigint => (shares * index) / RAY;

type Tx = Promise<ContractTransactionResponse>;

/** Waits for a transaction and returns its receipt and the timestamp of its block. */
async function mined(tx: Tx): Promise<{ receipt: ContractTransactionReceipt; at: bigint }> {
  const receipt = (await (await tx).wait())!;
  expect(receipt.status, "transaction status").to.equal(1);
  const block = await ethers.provider.getBlock(receipt.blockNumber);
  return { receipt, at: BigInt(block!.timestamp) };
}

/** The events named `name` that `contract` emitted in the receipt, in order. */
function eventsIn(receipt: ContractTransactionReceipt, contract: BaseContract, name: string): LogDescription[] {
  const address = (contract.target as string).toLowerCase();
  return receipt.logs
    .filter((log) => log.address.toLowerCase() === address)
    .map((log) => contract.interface.parseLog(log)!)
    .filter((event) => event.name === name);
}

/** A year's record as plain values. */
async function yearOf(capital: CapitalAccounts, year: number) {
  return plain(await capital.yearOf(year));
}

/** One of a former member's redemption schedules as plain values (the first by default). */
async function redemptionOf(capital: CapitalAccounts, member: string, schedule = 0) {
  return plain(await capital.redemptionOf(member, schedule));
}

async function settingsOf(capital: CapitalAccounts) {
  return plain(await capital.settings());
}

/** The split as YearClosed reports it, as plain values. */
function splitIn(receipt: ContractTransactionReceipt, capital: CapitalAccounts): Split[] {
  return eventsIn(receipt, capital, "YearClosed").map((e) => plain(e.args.split) as unknown as Split);
}

/** The members' allocation of a surplus year: floor(pool x patronage / total) of the cash and the shares. */
function allocation(split: Split, patronage: bigint) {
  if (split.totalPatronage === 0n) return { cash: 0n, shares: 0n };
  return {
    cash: (split.cashPool * patronage) / split.totalPatronage,
    shares: (split.retainedShares * patronage) / split.totalPatronage,
  };
}

/** Year 1's split in the closed-year fixture, worked out from the rules. */
async function yearOneSplit(disco: DisCO): Promise<Split> {
  const total = await totalPatronageOf(disco.ledger, 1, 2, PatronageBasis.Credits);
  return expectedSplit(SURPLUS, WITH_CONTRIBUTION, { totalShares: CONTRIBUTED_SHARES, index: RAY }, total);
}

/** A contributor's shares once year 1 of the closed-year fixture is settled. */
async function sharesAfterYearOne(disco: DisCO, member: string, contributed = true): Promise<bigint> {
  const split = await yearOneSplit(disco);
  const patronage = await patronageOf(disco.ledger, member, 1, 2, PatronageBasis.Credits);
  return (contributed ? (CONTRIBUTION * 7_500n) / BPS : 0n) + allocation(split, patronage).shares;
}

/** Work logged in period 3: credits alice 400, dave 500, erin 100 (love; 1,000 in all); bob 200 care hours. */
async function logPeriodThree(disco: DisCO): Promise<void> {
  const { ledger, alice, bob, carol, dave, erin } = disco;
  await logApproved(ledger, alice, Stream.Livelihood, 400, bob);
  await logApproved(ledger, dave, Stream.Livelihood, 500, carol);
  await logApproved(ledger, erin, Stream.Love, 100, alice);
  await logApproved(ledger, bob, Stream.Care, 200, carol);
}

/** The closed-year fixture with period 3's work logged and the period closed. */
async function deployWithThirdPeriod() {
  const disco = await deployWithClosedYear();
  await logPeriodThree(disco);
  await closeFinal(disco.ledger, disco.bob);
  return disco;
}

/** The contributions fixture with a 7% interest (Mondragon's cap) set by the timelock. */
async function deployWithInterest() {
  const disco = await deployWithContributions();
  await (await disco.capital.connect(disco.admin).setSettings({ ...WITH_CONTRIBUTION, interestBps: 700 })).wait();
  return disco;
}

describe("CapitalAccounts", function () {
  describe("deployment", function () {
    it("is the treasury's, over its currency and ledger, with DESIGN's rules and empty books", async function () {
      const { treasury, capital, ledger, deployment, timelockAddress, governor, deployer, alice, bob } =
        await loadFixture(deployWithAdmin);
      const capitalAddress = await capital.getAddress();
      expect(await treasury.capital()).to.equal(capitalAddress);
      expect(deployment.contracts.capital.address).to.equal(capitalAddress);
      // Created by the treasury's constructor: the same transaction, so the same block.
      expect(deployment.contracts.capital.blockNumber).to.equal(deployment.contracts.treasury.blockNumber);
      expect(await capital.treasury()).to.equal(await treasury.getAddress());
      expect(await capital.currency()).to.equal(deployment.contracts.token.address);
      expect(await capital.ledger()).to.equal(await ledger.getAddress());

      expect(await settingsOf(capital)).to.deep.equal({
        contribution: 0n,
        contributionReserveBps: 2_500n,
        reserveBps: 3_000n,
        commonsBps: 1_000n,
        cashBps: 2_000n,
        interestBps: 0n,
        interestCapBps: 700n,
        basis: 0n,
        instalments: 3n,
        revolvingPeriod: 94_608_000n, // 3 x 365 days
      });
      const set = await capital.queryFilter(capital.filters.SettingsSet());
      expect(set.map((log) => plain(log.args.settings))).to.deep.equal([settingsAsStored(DEFAULT_CAPITAL_SETTINGS)]);
      expect(await booksOf(capital)).to.deep.equal({
        held: 0n,
        accountsTotal: 0n,
        reserve: 0n,
        commons: 0n,
        cashOwed: 0n,
        redemptionsOwed: 0n,
        totalShares: 0n,
        index: RAY,
        yearCount: 0n,
      });
      expect([await capital.MIN_CASH_BPS(), await capital.MAX_YEAR_PERIODS()]).to.deep.equal([2_000n, 13n]);
      expect(await accountOf(capital, alice.address)).to.deep.equal(EMPTY_ACCOUNT);
      expect(await accountOf(capital, alice.address, true)).to.deep.equal(EMPTY_ACCOUNT);
      expect(await yearOf(capital, 1)).to.deep.equal(EMPTY_YEAR);
      expect(await capital.redemptionCount(alice.address)).to.equal(0n);
      await expect(capital.redemptionOf(alice.address, 0))
        .to.be.revertedWithCustomError(capital, "CapitalUnknownRedemption")
        .withArgs(alice.address, 0);
      expect(await capital.redeemable(alice.address)).to.deep.equal([0n, 0n]);

      // The timelock alone holds a role: closing a year is the members' decision, not a treasurer's.
      const grants = await capital.queryFilter(capital.filters.RoleGranted());
      expect(grants.map((log) => [log.args.role, log.args.account])).to.deep.equal([
        [DEFAULT_ADMIN_ROLE, timelockAddress],
      ]);
      for (const other of [deployer.address, await governor.getAddress(), await treasury.getAddress(), bob.address]) {
        expect(await capital.hasRole(DEFAULT_ADMIN_ROLE, other), other).to.equal(false);
        expect(await capital.hasRole(TREASURER_ROLE, other), other).to.equal(false);
      }
      expect(capital.interface.hasFunction("TREASURER_ROLE")).to.equal(false);
    });

    it("takes the rules it is given when a treasury is deployed directly; its treasurers get no capital role", async function () {
      const { ledger, timelockAddress, alice, carol } = await loadFixture(deployWithAdmin);
      const token = await ethers.deployContract("MochaFeeToken", [0]);
      const rules = { ...DEFAULT_CAPITAL_SETTINGS, contribution: 5n, basis: PatronageBasis.Hours, instalments: 12 };
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        timelockAddress,
        [alice.address, carol.address],
        [...DEFAULT_BUCKETS],
        rules,
      ]);
      const capital = await ethers.getContractAt("CapitalAccounts", await treasury.capital());
      await expect(treasury.deploymentTransaction()).to.emit(capital, "SettingsSet").withArgs(Object.values(rules));
      expect(await capital.treasury()).to.equal(await treasury.getAddress());
      expect(await capital.currency()).to.equal(await token.getAddress());
      expect(await settingsOf(capital)).to.deep.equal(settingsAsStored(rules));
      for (const treasurer of [alice, carol]) {
        expect(await treasury.hasRole(TREASURER_ROLE, treasurer.address)).to.equal(true);
        expect(await capital.hasRole(TREASURER_ROLE, treasurer.address)).to.equal(false);
        expect(await capital.hasRole(DEFAULT_ADMIN_ROLE, treasurer.address)).to.equal(false);
      }
      expect(await capital.hasRole(DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
    });

    it("reverts when initialised with invalid capital rules", async function () {
      const { capital, ledger, membership, treasury, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(
        ethers,
        "CapitalAccounts",
        await treasury.getAddress(),
        await treasury.currency(),
        await ledger.getAddress(),
        await membership.getAddress(),
      );
      await expect(fresh.initialize(timelockAddress, { ...DEFAULT_CAPITAL_SETTINGS, cashBps: 1_999 }))
        .to.be.revertedWithCustomError(capital, "CapitalCashShareBelowMinimum")
        .withArgs(1_999, 2_000);
    });
  });

  describe("setSettings", function () {
    const CUSTOM: Settings = {
      contribution: 100n * EURO + 1n,
      contributionReserveBps: 10_000,
      reserveBps: 4_500,
      commonsBps: 500,
      cashBps: 10_000,
      interestBps: 1_000,
      interestCapBps: 1_000,
      basis: PatronageBasis.Hours,
      instalments: 12,
      revolvingPeriod: 2 * YEAR + 1,
    };

    it("sets every rule with SettingsSet", async function () {
      const { capital, admin } = await loadFixture(deployWithAdmin);
      const { receipt } = await mined(capital.connect(admin).setSettings(CUSTOM));
      expect(eventsIn(receipt, capital, "SettingsSet").map((e) => plain(e.args.settings))).to.deep.equal([
        settingsAsStored(CUSTOM),
      ]);
      expect(await settingsOf(capital)).to.deep.equal(settingsAsStored(CUSTOM));
    });

    it("takes the limits of every rule", async function () {
      const { capital, admin } = await loadFixture(deployWithAdmin);
      for (const patch of [
        { cashBps: 2_000 },
        { cashBps: 10_000, reserveBps: 10_000, commonsBps: 0 },
        { reserveBps: 0, commonsBps: 10_000 },
        { interestBps: 10_000, interestCapBps: 10_000, contributionReserveBps: 10_000 },
        { interestBps: 0, interestCapBps: 0, contributionReserveBps: 0 },
        { instalments: 1, revolvingPeriod: 1 },
        { instalments: 255, revolvingPeriod: 2 ** 48 - 1 },
        { contribution: 2n ** 128n - 1n },
      ]) {
        const rules = { ...DEFAULT_CAPITAL_SETTINGS, ...patch };
        await expect(capital.connect(admin).setSettings(rules), Object.keys(patch).join()).to.emit(
          capital,
          "SettingsSet",
        );
        expect(await settingsOf(capital)).to.deep.equal(settingsAsStored(rules));
      }
    });

    it("reverts when the caller is not the timelock, treasurers included", async function () {
      const { capital, alice, bob } = await loadFixture(deployWithAdmin);
      for (const caller of [bob, alice]) {
        await expect(capital.connect(caller).setSettings(CUSTOM))
          .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      expect(await settingsOf(capital)).to.deep.equal(settingsAsStored(DEFAULT_CAPITAL_SETTINGS));
    });

    it("reverts on every invalid rule, with the offending values, and changes nothing", async function () {
      const { capital, admin } = await loadFixture(deployAskingContribution);
      const cases: [Partial<Settings>, string, (number | bigint)[]][] = [
        [{ contributionReserveBps: 10_001 }, "CapitalBpsAboveMax", [10_001]],
        [{ reserveBps: 9_001, commonsBps: 1_000 }, "CapitalInvalidYearSplit", [9_001, 1_000]],
        [{ reserveBps: 10_001, commonsBps: 0 }, "CapitalInvalidYearSplit", [10_001, 0]],
        [{ reserveBps: 65_535, commonsBps: 65_535 }, "CapitalInvalidYearSplit", [65_535, 65_535]], // no overflow
        [{ cashBps: 1_999 }, "CapitalCashShareBelowMinimum", [1_999, 2_000]],
        [{ cashBps: 0 }, "CapitalCashShareBelowMinimum", [0, 2_000]],
        [{ cashBps: 10_001 }, "CapitalBpsAboveMax", [10_001]],
        [{ interestCapBps: 10_001 }, "CapitalBpsAboveMax", [10_001]],
        [{ interestBps: 701 }, "CapitalInterestAboveCap", [701, 700]],
        [{ interestBps: 1, interestCapBps: 0 }, "CapitalInterestAboveCap", [1, 0]],
        [{ instalments: 0 }, "CapitalInvalidRedemption", [3 * YEAR, 0]],
        [{ revolvingPeriod: 0 }, "CapitalInvalidRedemption", [0, 3]],
        [{ instalments: 0, revolvingPeriod: 0 }, "CapitalInvalidRedemption", [0, 0]],
      ];
      for (const [patch, error, args] of cases) {
        await expect(capital.connect(admin).setSettings({ ...WITH_CONTRIBUTION, ...patch }), Object.keys(patch).join())
          .to.be.revertedWithCustomError(capital, error)
          .withArgs(...args);
        expect(await settingsOf(capital), error).to.deep.equal(settingsAsStored(WITH_CONTRIBUTION));
      }
      // The deployment's and the fixture's: no refused call left an event.
      expect(await capital.queryFilter(capital.filters.SettingsSet())).to.have.length(2);
    });
  });

  describe("contribute", function () {
    it("puts 25% into the reserve and 75% into the account, the money into the treasury", async function () {
      const { capital, treasury, token, alice } = await loadFixture(deployAskingContribution);
      await faucet(token, alice, CONTRIBUTION);
      await (await token.connect(alice).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      const toReserve = (CONTRIBUTION * 2_500n) / BPS;
      const toAccount = CONTRIBUTION - toReserve;
      expect([toReserve, toAccount]).to.deep.equal([62_500_000n, 187_500_000n]);
      const shares = (toAccount * RAY) / RAY; // at index 1, a share is a unit

      const tx = capital.connect(alice).contribute();
      await expect(tx)
        .to.emit(capital, "ContributionPaid")
        .withArgs(alice.address, CONTRIBUTION, toReserve, toAccount, shares);
      await expect(tx).to.changeTokenBalances(
        ethers,
        token,
        [alice, treasury, capital],
        [-CONTRIBUTION, CONTRIBUTION, 0n],
      );
      expect(await token.allowance(alice.address, await capital.getAddress())).to.equal(0n);
      expect(await accountOf(capital, alice.address)).to.deep.equal({
        shares,
        value: toAccount,
        cash: 0n,
        settledYears: 0n,
        contributed: true,
      });
      expect(await booksOf(capital)).to.deep.equal({
        held: CONTRIBUTION,
        accountsTotal: toAccount,
        reserve: toReserve,
        commons: 0n,
        cashOwed: 0n,
        redemptionsOwed: 0n,
        totalShares: shares,
        index: RAY,
        yearCount: 0n,
      });
      // Capital money is not the treasury's to allocate.
      expect(await treasury.unallocated()).to.equal(PAID_IN);
      await expectConserved(treasury, capital, token);
    });

    it("follows the rules in force: another amount and reserve share, rounded in the account's favour", async function () {
      const { capital, treasury, token, admin, bob, erin } = await loadFixture(deployAskingContribution);
      const amount = 99n * EURO + 3n;
      await (
        await capital.connect(admin).setSettings({
          ...WITH_CONTRIBUTION,
          contribution: amount,
          contributionReserveBps: 3_333,
        })
      ).wait();
      const toReserve = (amount * 3_333n) / BPS;
      expect(toReserve).to.equal(32_996_700n); // 32,996,700.9999 rounded down
      for (const member of [bob, erin]) {
        await faucet(token, member, amount);
        await (await token.connect(member).approve(await capital.getAddress(), amount)).wait();
        await expect(capital.connect(member).contribute())
          .to.emit(capital, "ContributionPaid")
          .withArgs(member.address, amount, toReserve, amount - toReserve, amount - toReserve);
      }
      expect(await capital.reserve()).to.equal(2n * toReserve);
      expect(await capital.accountsTotal()).to.equal(2n * (amount - toReserve));
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(PAID_IN + 2n * amount);
      await expectConserved(treasury, capital, token);
    });

    it("reverts for an outsider or a former member, changing nothing", async function () {
      const { capital, membership, treasury, token, dave, grace } = await loadFixture(deployAskingContribution);
      await (await membership.connect(dave).leave()).wait();
      for (const outsider of [grace, dave]) {
        await faucet(token, outsider, CONTRIBUTION);
        await (await token.connect(outsider).approve(await capital.getAddress(), CONTRIBUTION)).wait();
        await expect(capital.connect(outsider).contribute())
          .to.be.revertedWithCustomError(capital, "CapitalNotMember")
          .withArgs(outsider.address);
        expect(await token.balanceOf(outsider.address)).to.equal(CONTRIBUTION);
        expect(await accountOf(capital, outsider.address)).to.deep.equal(EMPTY_ACCOUNT);
      }
      expect((await booksOf(capital)).held).to.equal(0n);
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(PAID_IN);
    });

    it("reverts with CapitalNoContribution when the members ask none (the deployment's default)", async function () {
      const { capital, token, alice } = await loadFixture(deployWithClosedPeriods);
      await faucet(token, alice, CONTRIBUTION);
      await (await token.connect(alice).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      await expect(capital.connect(alice).contribute()).to.be.revertedWithCustomError(capital, "CapitalNoContribution");
      expect(await accountOf(capital, alice.address)).to.deep.equal(EMPTY_ACCOUNT);
      expect(await token.balanceOf(alice.address)).to.equal(CONTRIBUTION);
    });

    it("reverts the second time, changing nothing", async function () {
      const { capital, token, alice } = await loadFixture(deployAskingContribution);
      await contribute(capital, token, alice);
      const [books, account] = [await booksOf(capital), await accountOf(capital, alice.address)];
      await faucet(token, alice, CONTRIBUTION);
      await (await token.connect(alice).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      await expect(capital.connect(alice).contribute())
        .to.be.revertedWithCustomError(capital, "CapitalAlreadyContributed")
        .withArgs(alice.address);
      expect(await booksOf(capital)).to.deep.equal(books);
      expect(await accountOf(capital, alice.address)).to.deep.equal(account);
      expect(await token.balanceOf(alice.address)).to.equal(CONTRIBUTION);
    });

    it("reverts when the member has not approved or does not hold the amount, changing nothing", async function () {
      const { capital, treasury, token, alice } = await loadFixture(deployAskingContribution);
      const capitalAddress = await capital.getAddress();
      await faucet(token, alice, CONTRIBUTION);
      await (await token.connect(alice).approve(capitalAddress, CONTRIBUTION - 1n)).wait();
      await expect(capital.connect(alice).contribute())
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(capitalAddress, CONTRIBUTION - 1n, CONTRIBUTION);
      await (await token.connect(alice).transfer(treasury, 1n)).wait(); // a gift: unallocated
      await (await token.connect(alice).approve(capitalAddress, CONTRIBUTION)).wait();
      await expect(capital.connect(alice).contribute())
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, CONTRIBUTION - 1n, CONTRIBUTION);
      expect(await accountOf(capital, alice.address)).to.deep.equal(EMPTY_ACCOUNT);
      expect((await booksOf(capital)).held).to.equal(0n);
      expect(await treasury.unallocated()).to.equal(PAID_IN + 1n);
    });

    it("settles the account first: a loss year closed before the contribution is not charged to it", async function () {
      const { admin, timelockAddress, capital, treasury, token, alice, bob } =
        await loadFixture(deployAskingContribution);
      // bob contributed before the year closed: his 250 euros are all the books could lose (a larger loss is refused).
      await contribute(capital, token, bob);
      const reserve = CONTRIBUTION - (CONTRIBUTION * 7_500n) / BPS;
      // A loss of 200 euros: the reserve's 62.5 first, the rest charged to the accounts by patronage.
      const loss = 200n * EURO;
      const charged = loss - reserve;
      await expect(capital.connect(admin).closeYearAtLoss(2, loss))
        .to.emit(capital, "YearClosedAtLoss")
        .withArgs(1, timelockAddress, 1, 2, loss, reserve, charged, 5_533n);
      const charge = (charged * CREDITS_YEAR_1.alice) / 5_533n;
      expect(await capital.allocationOf(alice.address, 1)).to.deep.equal([CREDITS_YEAR_1.alice, 0n, 0n, charge]);

      await faucet(token, alice, CONTRIBUTION);
      await (await token.connect(alice).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      const tx = capital.connect(alice).contribute();
      // The loss reaches an account that held nothing that year: nothing is written off.
      await expect(tx).to.emit(capital, "LossCharged").withArgs(alice.address, 1, CREDITS_YEAR_1.alice, 0n, 0n);
      const toAccount = (CONTRIBUTION * 7_500n) / BPS;
      await expect(tx)
        .to.emit(capital, "ContributionPaid")
        .withArgs(alice.address, CONTRIBUTION, CONTRIBUTION - toAccount, toAccount, toAccount);
      const settled = { shares: toAccount, value: toAccount, cash: 0n, settledYears: 1n, contributed: true };
      expect(await accountOf(capital, alice.address)).to.deep.equal(settled);
      await expect(capital.settle(alice.address)).not.to.emit(capital, "LossCharged");
      expect(await accountOf(capital, alice.address)).to.deep.equal(settled);
      // bob's account is not settled yet: it still counts whole, alice's beside it.
      expect(await capital.accountsTotal()).to.equal(2n * toAccount);
      await expectConserved(treasury, capital, token);
    });
  });

  describe("closeYear", function () {
    it("splits the surplus: 30% reserve, 10% commons, 60% patronage of which 20% in cash", async function () {
      const { capital, treasury, ledger, token, admin, timelockAddress } = await loadFixture(deployWithContributions);
      const books = await booksOf(capital);
      const total = await totalPatronageOf(ledger, 1, 2, PatronageBasis.Credits);
      expect(total).to.equal(sum(Object.values(CREDITS_YEAR_1)));
      const split = expectedSplit(SURPLUS, WITH_CONTRIBUTION, { totalShares: CONTRIBUTED_SHARES, index: RAY }, total);
      // 10,000.000007 euros, written out once: no interest, 3,000.000002 + 1,000 + 1,200.000001 + 4,800.000004.
      expect([split.interest, split.toReserve, split.toCommons, split.cashPool, split.retainedPool]).to.deep.equal([
        0n,
        3_000_000_002n,
        1_000_000_000n,
        1_200_000_001n,
        4_800_000_004n,
      ]);
      expect(split.retainedShares).to.equal(split.retainedPool); // bought at index 1
      expect(split.index).to.equal(RAY);

      const { receipt, at } = await mined(capital.connect(admin).closeYear(2, SURPLUS));
      const closed = eventsIn(receipt, capital, "YearClosed");
      expect(closed.map((e) => [...e.args.toArray().slice(0, 4)])).to.deep.equal([[1n, timelockAddress, 1n, 2n]]);
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      expect(await yearOf(capital, 1)).to.deep.equal({
        firstPeriod: 1n,
        lastPeriod: 2n,
        closedAt: at,
        basis: BigInt(PatronageBasis.Credits),
        atLoss: false,
        totalPatronage: total,
        cashPool: split.cashPool,
        charge: 0n,
        retainedShares: split.retainedShares,
        index: RAY,
      });
      expect(await booksOf(capital)).to.deep.equal({
        held: books.held + SURPLUS,
        accountsTotal: books.accountsTotal + split.retainedPool,
        reserve: books.reserve + split.toReserve,
        commons: split.toCommons,
        cashOwed: split.cashPool,
        redemptionsOwed: 0n,
        totalShares: CONTRIBUTED_SHARES + split.retainedShares,
        index: RAY,
        yearCount: 1n,
      });
      // No money moves: the surplus stops being unallocated.
      expect(await treasury.unallocated()).to.equal(PAID_IN - SURPLUS);
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(PAID_IN + 4n * CONTRIBUTION);
      await expectConserved(treasury, capital, token);
    });

    it("reverts when the caller is not the timelock: a treasurer can't close the year the members approve", async function () {
      const { capital, treasury, ledger, admin, alice, bob, grace, timelockAddress } =
        await loadFixture(deployWithContributions);
      // bob is the founding treasurer of the ledger and the treasury; alice becomes one too.
      await (await treasury.connect(admin).grantRole(TREASURER_ROLE, alice.address)).wait();
      await (await ledger.connect(admin).grantRole(TREASURER_ROLE, alice.address)).wait();
      for (const caller of [alice, bob, grace]) {
        await expect(capital.connect(caller).closeYear(2, EURO))
          .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        // A loss releases the indivisible reserve and members' capital: only a vote (the timelock) declares one.
        await expect(capital.connect(caller).closeYearAtLoss(2, EURO))
          .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      expect(await capital.yearCount()).to.equal(0n);
      await expect(capital.connect(admin).closeYear(2, EURO))
        .to.emit(capital, "YearClosed")
        .withArgs(1, timelockAddress, 1, 2, anyValue);
      expect(await capital.yearCount()).to.equal(1n);
    });

    it("reverts with CapitalZeroAmount for a zero surplus or loss", async function () {
      const { admin, capital } = await loadFixture(deployWithContributions);
      const books = await booksOf(capital);
      await expect(capital.connect(admin).closeYear(2, 0)).to.be.revertedWithCustomError(capital, "CapitalZeroAmount");
      await expect(capital.connect(admin).closeYearAtLoss(2, 0)).to.be.revertedWithCustomError(
        capital,
        "CapitalZeroAmount",
      );
      expect(await booksOf(capital)).to.deep.equal(books);
      expect(await yearOf(capital, 1)).to.deep.equal(EMPTY_YEAR);
    });

    it("reverts when the year would end at or before the last closed year's end", async function () {
      const { admin, capital } = await loadFixture(deployWithContributions);
      await expect(capital.connect(admin).closeYear(0, EURO))
        .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
        .withArgs(0, 0);
      await (await capital.connect(admin).closeYear(1, EURO)).wait();
      const books = await booksOf(capital);
      for (const lastPeriod of [1, 0]) {
        await expect(capital.connect(admin).closeYear(lastPeriod, EURO))
          .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
          .withArgs(lastPeriod, 1);
        await expect(capital.connect(admin).closeYearAtLoss(lastPeriod, EURO))
          .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
          .withArgs(lastPeriod, 1);
      }
      await (await capital.connect(admin).closeYear(2, EURO)).wait();
      // The same periods twice.
      await expect(capital.connect(admin).closeYear(2, EURO))
        .to.be.revertedWithCustomError(capital, "CapitalYearAlreadyClosed")
        .withArgs(2, 2);
      expect(await capital.yearCount()).to.equal(2n);
      expect(await yearOf(capital, 3)).to.deep.equal(EMPTY_YEAR);
      expect((await booksOf(capital)).held).to.equal(books.held + EURO);
    });

    it("reverts when the ledger has not closed the year's last period", async function () {
      const { admin, capital, ledger } = await loadFixture(deployWithContributions);
      expect(await ledger.currentPeriod()).to.equal(3n);
      const books = await booksOf(capital);
      // Period 3 is open, 4 not even opened: the first period of the year that is not final is named.
      for (const period of [3, 4]) {
        await expect(capital.connect(admin).closeYear(period, EURO))
          .to.be.revertedWithCustomError(capital, "CapitalPeriodNotFinal")
          .withArgs(3, 0);
        await expect(capital.connect(admin).closeYearAtLoss(period, EURO))
          .to.be.revertedWithCustomError(capital, "CapitalPeriodNotFinal")
          .withArgs(3, 0);
      }
      expect(await booksOf(capital)).to.deep.equal(books);
    });

    it("reverts until every period of the year is final, naming the first that is not", async function () {
      const { admin, capital, ledger, bob } = await loadFixture(deployWithContributions);
      await closePeriod(ledger, bob); // period 3, in its review window
      const { finalAt } = await ledger.periodInfo(3);
      const books = await booksOf(capital);
      await time.setNextBlockTimestamp(finalAt - 1n);
      for (const close of [
        () => capital.connect(admin).closeYear(3, EURO),
        () => capital.connect(admin).closeYearAtLoss(3, EURO),
      ]) {
        await expect(close()).to.be.revertedWithCustomError(capital, "CapitalPeriodNotFinal").withArgs(3, finalAt);
      }
      expect(await booksOf(capital)).to.deep.equal(books);
      await time.setNextBlockTimestamp(finalAt);
      await expect(capital.connect(admin).closeYear(3, EURO)).to.emit(capital, "YearClosed");
    });

    it("reverts when the year would span more than 13 periods", async function () {
      const { admin, capital, ledger, bob, timelockAddress } = await loadFixture(deployWithContributions);
      for (let p = 3; p <= 14; p++) await closeFinal(ledger, bob);
      for (const close of [
        () => capital.connect(admin).closeYear(14, EURO),
        () => capital.connect(admin).closeYearAtLoss(14, EURO),
      ]) {
        await expect(close()).to.be.revertedWithCustomError(capital, "CapitalYearTooLong").withArgs(14, 13);
      }
      expect(await capital.yearCount()).to.equal(0n);
      await expect(capital.connect(admin).closeYear(13, EURO))
        .to.emit(capital, "YearClosed")
        .withArgs(1, timelockAddress, 1, 13, anyValue);
      await expect(capital.connect(admin).closeYear(14, EURO))
        .to.emit(capital, "YearClosed")
        .withArgs(2, timelockAddress, 14, 14, anyValue);
    });

    it("reverts when the surplus is above the unallocated money: payouts owed and capital money are not", async function () {
      const { capital, treasury, ledger, bob, admin } = await loadFixture(deployWithContributions);
      // The contributions (1,000 euros) are in the treasury but not unallocated.
      await expect(capital.connect(admin).closeYear(2, PAID_IN + 1n))
        .to.be.revertedWithCustomError(capital, "CapitalInsufficientUnallocated")
        .withArgs(PAID_IN + 1n, PAID_IN);
      // Period 1 funded with 1,000 euros (750 + 250: nothing left over), owed to its members.
      await (await treasury.connect(bob).fundPeriod(1, 1_000n * EURO)).wait();
      const free = PAID_IN - 1_000n * EURO;
      await expect(capital.connect(admin).closeYear(2, free + 1n))
        .to.be.revertedWithCustomError(capital, "CapitalInsufficientUnallocated")
        .withArgs(free + 1n, free);
      expect(await capital.yearCount()).to.equal(0n);
      // Exactly the unallocated money is fine; after it, nothing is.
      await expect(capital.connect(admin).closeYear(2, free)).to.emit(capital, "YearClosed");
      await closeFinal(ledger, bob);
      await expect(capital.connect(admin).closeYear(3, 1n))
        .to.be.revertedWithCustomError(capital, "CapitalInsufficientUnallocated")
        .withArgs(1n, 0n);
      expect(await capital.yearCount()).to.equal(1n);
    });

    it("measures patronage in livelihood and love payable credits by default", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { capital, ledger } = disco;
      expect((await yearOf(capital, 1)).totalPatronage).to.equal(5_533n);
      for (const [name, credits] of Object.entries(CREDITS_YEAR_1)) {
        const member = disco[name as keyof typeof CREDITS_YEAR_1].address;
        expect(await patronageOf(ledger, member, 1, 2, PatronageBasis.Credits), name).to.equal(credits);
        expect((await capital.allocationOf(member, 1))[0], name).to.equal(credits);
      }
    });

    it("measures patronage in care payable hours once the members choose it, for that year for good", async function () {
      const disco = await loadFixture(deployWithContributions);
      const { capital, ledger, admin, bob } = disco;
      await (await capital.connect(admin).setSettings({ ...WITH_CONTRIBUTION, basis: PatronageBasis.Hours })).wait();
      const total = await totalPatronageOf(ledger, 1, 2, PatronageBasis.Hours);
      expect(total).to.equal(750n);
      const split = expectedSplit(SURPLUS, WITH_CONTRIBUTION, { totalShares: CONTRIBUTED_SHARES, index: RAY }, total);
      const { receipt } = await mined(capital.connect(admin).closeYear(2, SURPLUS));
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      const year = await yearOf(capital, 1);
      expect([year.basis, year.totalPatronage]).to.deep.equal([BigInt(PatronageBasis.Hours), 750n]);
      // Back to credits: the closed year keeps the basis it was closed with.
      await (await capital.connect(admin).setSettings(WITH_CONTRIBUTION)).wait();
      for (const [name, hours] of Object.entries(HOURS_YEAR_1)) {
        const member = disco[name as keyof typeof HOURS_YEAR_1].address;
        expect(await patronageOf(ledger, member, 1, 2, PatronageBasis.Hours), name).to.equal(hours);
        const { cash, shares } = allocation(split, hours);
        expect(await capital.allocationOf(member, 1), name).to.deep.equal([hours, cash, shares, 0n]);
      }
      await expect(capital.settle(bob.address))
        .to.emit(capital, "AllocationSettled")
        .withArgs(
          bob.address,
          1,
          500n,
          (split.cashPool * 500n) / 750n,
          (split.retainedShares * 500n) / 750n,
          (split.retainedShares * 500n) / 750n,
        );
    });

    it("gives the patronage share to the reserve when nobody has patronage in the year", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { capital, treasury, ledger, token, alice, bob, frank, admin } = disco;
      // Period 3: frank's Casual care only, historical but not payable.
      await logApproved(ledger, frank, Stream.Care, 300, alice);
      await closeFinal(ledger, bob);
      expect(await totalPatronageOf(ledger, 3, 3, PatronageBasis.Credits)).to.equal(0n);
      const books = await booksOf(capital);
      const surplus = 2_000n * EURO + 9n;
      const year1 = await yearOneSplit(disco);
      const split = expectedSplit(
        surplus,
        WITH_CONTRIBUTION,
        { totalShares: CONTRIBUTED_SHARES + year1.retainedShares, index: RAY },
        0n,
      );
      expect(split.toReserve).to.equal(surplus - (surplus * 1_000n) / BPS); // all but the commons share
      expect([split.cashPool, split.retainedPool, split.retainedShares]).to.deep.equal([0n, 0n, 0n]);
      const { receipt } = await mined(capital.connect(admin).closeYear(3, surplus));
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      expect(await booksOf(capital)).to.deep.equal({
        ...books,
        held: books.held + surplus,
        reserve: books.reserve + split.toReserve,
        commons: books.commons + split.toCommons,
        yearCount: 2n,
      });
      expect(await capital.allocationOf(alice.address, 2)).to.deep.equal([0n, 0n, 0n, 0n]);
      await expectConserved(treasury, capital, token);
    });

    it("numbers the years consecutively, each starting after the last one's end", async function () {
      const { capital, ledger, carol, alice, admin, timelockAddress } = await loadFixture(deployWithContributions);
      await expect(capital.connect(admin).closeYear(1, EURO))
        .to.emit(capital, "YearClosed")
        .withArgs(1, timelockAddress, 1, 1, anyValue);
      const { receipt } = await mined(capital.connect(admin).closeYear(2, EURO));
      const closed = eventsIn(receipt, capital, "YearClosed")[0];
      expect(closed.args.toArray().slice(0, 4)).to.deep.equal([2n, timelockAddress, 2n, 2n]);
      // Year 2 is period 2 alone: carol's 500 love credits, alice's care not counted.
      expect(closed.args.split.totalPatronage).to.equal(await totalPatronageOf(ledger, 2, 2, PatronageBasis.Credits));
      expect(closed.args.split.totalPatronage).to.equal(500n);
      expect([(await yearOf(capital, 1)).lastPeriod, (await yearOf(capital, 2)).firstPeriod]).to.deep.equal([1n, 2n]);
      expect((await capital.allocationOf(carol.address, 1))[0]).to.equal(700n);
      expect((await capital.allocationOf(carol.address, 2))[0]).to.equal(500n);
      expect((await capital.allocationOf(alice.address, 2))[0]).to.equal(0n);
      expect(await capital.yearCount()).to.equal(2n);
    });
  });

  describe("settle, allocationOf, currentAccountOf", function () {
    it("gives each member floor(cash pool x patronage / total) and floor(retained shares x patronage / total)", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { capital, treasury, token, ledger, grace } = disco;
      const split = await yearOneSplit(disco);
      const books = await booksOf(capital);
      // Written out once, for alice: 1,200,000,001 x 1,300 / 5,533 and 4,800,000,004 x 1,300 / 5,533.
      expect(allocation(split, 1_300n)).to.deep.equal({ cash: 281_944_695n, shares: 1_127_778_782n });
      let cashGiven = 0n;
      let sharesGiven = 0n;
      for (const name of PATRONS) {
        const member = disco[name].address;
        const patronage = await patronageOf(ledger, member, 1, 2, PatronageBasis.Credits);
        const { cash, shares } = allocation(split, patronage);
        expect(cash, name).to.be.greaterThan(0n);
        expect(await capital.allocationOf(member, 1), name).to.deep.equal([patronage, cash, shares, 0n]);
        const before = await accountOf(capital, member);
        const after = {
          shares: before.shares + shares,
          value: sharesWorth(before.shares + shares, RAY),
          cash,
          settledYears: 1n,
          contributed: before.contributed,
        };
        expect(before.settledYears).to.equal(0n);
        expect(await accountOf(capital, member, true), name).to.deep.equal(after);

        // grace, an outsider, settles each of them.
        await expect(capital.connect(grace).settle(member))
          .to.emit(capital, "AllocationSettled")
          .withArgs(member, 1, patronage, cash, shares, sharesWorth(shares, RAY));
        expect(await accountOf(capital, member), name).to.deep.equal(after);
        expect(await accountOf(capital, member, true), name).to.deep.equal(after);
        cashGiven += cash;
        sharesGiven += shares;
      }
      // The rounding stays in the totals the allocations came from: the books did not move.
      expect(await booksOf(capital)).to.deep.equal(books);
      expect([split.cashPool - cashGiven, split.retainedShares - sharesGiven]).to.deep.equal([2n, 3n]);
      await expectConserved(treasury, capital, token);
    });

    it("does nothing more when settled again", async function () {
      const { capital, alice } = await loadFixture(deployWithClosedYear);
      await (await capital.settle(alice.address)).wait();
      const account = await accountOf(capital, alice.address);
      await expect(capital.settle(alice.address)).not.to.emit(capital, "AllocationSettled");
      expect(await accountOf(capital, alice.address)).to.deep.equal(account);
      expect(account.settledYears).to.equal(1n);
    });

    it("gives a member without patronage nothing, and emits nothing", async function () {
      const { capital, frank, grace } = await loadFixture(deployWithClosedYear);
      const books = await booksOf(capital);
      for (const member of [frank, grace]) {
        expect(await capital.allocationOf(member.address, 1)).to.deep.equal([0n, 0n, 0n, 0n]);
        await expect(capital.settle(member.address)).not.to.emit(capital, "AllocationSettled");
        expect(await accountOf(capital, member.address)).to.deep.equal({ ...EMPTY_ACCOUNT, settledYears: 1n });
      }
      expect(await booksOf(capital)).to.deep.equal(books);
    });

    it("answers nothing for a year not closed", async function () {
      const { capital, alice } = await loadFixture(deployWithClosedYear);
      for (const year of [0, 2, 2 ** 32 - 1]) {
        expect(await capital.allocationOf(alice.address, year)).to.deep.equal([0n, 0n, 0n, 0n]);
      }
    });

    it("settles every year not settled yet, in order, one event per year with patronage", async function () {
      const disco = await loadFixture(deployWithContributions);
      const { capital, carol, dave, admin } = disco;
      const s1 = expectedSplit(
        3_000n * EURO,
        WITH_CONTRIBUTION,
        { totalShares: CONTRIBUTED_SHARES, index: RAY },
        5_033n,
      );
      await (await capital.connect(admin).closeYear(1, 3_000n * EURO)).wait();
      const s2 = expectedSplit(
        1_000n * EURO + 1n,
        WITH_CONTRIBUTION,
        { totalShares: CONTRIBUTED_SHARES + s1.retainedShares, index: RAY },
        500n,
      );
      const { receipt: closing } = await mined(capital.connect(admin).closeYear(2, 1_000n * EURO + 1n));
      expect(splitIn(closing, capital)).to.deep.equal([s2]);

      // carol: 700 love credits in period 1 and 500 in period 2.
      const { receipt } = await mined(capital.settle(carol.address));
      const [a1, a2] = [allocation(s1, 700n), allocation(s2, 500n)];
      expect(eventsIn(receipt, capital, "AllocationSettled").map((e) => e.args.toArray())).to.deep.equal([
        [carol.address, 1n, 700n, a1.cash, a1.shares, a1.shares],
        [carol.address, 2n, 500n, a2.cash, a2.shares, a2.shares],
      ]);
      const toAccount = (CONTRIBUTION * 7_500n) / BPS;
      expect(await accountOf(capital, carol.address)).to.deep.equal({
        shares: toAccount + a1.shares + a2.shares,
        value: toAccount + a1.shares + a2.shares,
        cash: a1.cash + a2.cash,
        settledYears: 2n,
        contributed: true,
      });
      // dave: 333 livelihood credits in period 1 only.
      const { receipt: daves } = await mined(capital.settle(dave.address));
      expect(eventsIn(daves, capital, "AllocationSettled").map((e) => e.args[1])).to.deep.equal([1n]);
    });
  });

  describe("claimCash", function () {
    it("settles the member and pays their cash from the treasury, with CashClaimed", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { capital, treasury, token, alice } = disco;
      const { cash, shares } = allocation(await yearOneSplit(disco), CREDITS_YEAR_1.alice);
      const books = await booksOf(capital);
      const unallocated = await treasury.unallocated();
      expect(await capital.connect(alice).claimCash.staticCall()).to.equal(cash);
      const tx = capital.connect(alice).claimCash();
      await expect(tx).to.emit(capital, "AllocationSettled").withArgs(alice.address, 1, 1_300n, cash, shares, shares);
      await expect(tx).to.emit(capital, "CashClaimed").withArgs(alice.address, cash);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, treasury, capital], [cash, -cash, 0n]);
      expect((await accountOf(capital, alice.address)).cash).to.equal(0n);
      expect(await booksOf(capital)).to.deep.equal({
        ...books,
        held: books.held - cash,
        cashOwed: books.cashOwed - cash,
      });
      expect(await treasury.unallocated()).to.equal(unallocated);
      await expectConserved(treasury, capital, token);
    });

    it("reverts with CapitalNothingToClaim when there is no cash, or none left, changing nothing", async function () {
      const { capital, token, alice, frank, grace } = await loadFixture(deployWithClosedYear);
      const books = await booksOf(capital);
      for (const member of [frank, grace]) {
        await expect(capital.connect(member).claimCash())
          .to.be.revertedWithCustomError(capital, "CapitalNothingToClaim")
          .withArgs(member.address);
        expect(await accountOf(capital, member.address)).to.deep.equal(EMPTY_ACCOUNT); // not even settled
      }
      expect(await booksOf(capital)).to.deep.equal(books);
      await (await capital.connect(alice).claimCash()).wait();
      const paid = await token.balanceOf(alice.address);
      await expect(capital.connect(alice).claimCash())
        .to.be.revertedWithCustomError(capital, "CapitalNothingToClaim")
        .withArgs(alice.address);
      expect(await token.balanceOf(alice.address)).to.equal(paid);
    });

    it("pays a former member the cash of the years they worked", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { capital, membership, token, dave } = disco;
      await (await membership.connect(dave).leave()).wait();
      const { cash } = allocation(await yearOneSplit(disco), CREDITS_YEAR_1.dave);
      await expect(capital.connect(dave).claimCash()).to.emit(capital, "CashClaimed").withArgs(dave.address, cash);
      expect(await token.balanceOf(dave.address)).to.equal(cash);
    });
  });

  describe("interest", function () {
    it("pays interest on the accounts' value before the split, growing the index and every account", async function () {
      const { capital, treasury, token, alice, erin, admin } = await loadFixture(deployWithInterest);
      const rules = { ...WITH_CONTRIBUTION, interestBps: 700 };
      const split = expectedSplit(SURPLUS, rules, { totalShares: CONTRIBUTED_SHARES, index: RAY }, 5_533n);
      // 7% of the 750 euros in the accounts: 52.5 euros, the index up by 7%; the rest split as usual.
      expect(split.interest).to.equal(52_500_000n);
      expect(split.index).to.equal((RAY * 107n) / 100n);
      const rest = SURPLUS - split.interest;
      expect(split.toReserve).to.equal((rest * 3_000n) / BPS);
      expect(split.retainedShares).to.equal((split.retainedPool * RAY) / split.index);
      expect(split.retainedShares).to.be.lessThan(split.retainedPool);

      const { receipt } = await mined(capital.connect(admin).closeYear(2, SURPLUS));
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      expect(await capital.index()).to.equal(split.index);
      expect((await yearOf(capital, 1)).index).to.equal(split.index);
      expect(await capital.accountsTotal()).to.equal(CONTRIBUTED_SHARES + split.interest + split.retainedPool);
      // alice's 187.5 euros are worth 200.625 before she is even settled.
      expect((await accountOf(capital, alice.address)).value).to.equal(200_625_000n);
      const { cash, shares } = allocation(split, 1_300n);
      await expect(capital.settle(alice.address))
        .to.emit(capital, "AllocationSettled")
        .withArgs(alice.address, 1, 1_300n, cash, shares, sharesWorth(shares, split.index));
      expect(await accountOf(capital, alice.address)).to.deep.equal({
        shares: 187_500_000n + shares,
        value: sharesWorth(187_500_000n + shares, split.index),
        cash,
        settledYears: 1n,
        contributed: true,
      });
      // A contribution after interest buys shares at the new index, worth at most what was paid.
      const toAccount = (CONTRIBUTION * 7_500n) / BPS;
      const erinShares = (toAccount * RAY) / split.index;
      await faucet(token, erin, CONTRIBUTION);
      await (await token.connect(erin).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      await expect(capital.connect(erin).contribute())
        .to.emit(capital, "ContributionPaid")
        .withArgs(erin.address, CONTRIBUTION, CONTRIBUTION - toAccount, toAccount, erinShares);
      const erinValue = (await accountOf(capital, erin.address, true)).value;
      expect(erinValue).to.be.lessThanOrEqual(toAccount + sharesWorth(allocation(split, 700n).shares, split.index));
      await expectConserved(treasury, capital, token);
    });

    it("takes at most the surplus as interest", async function () {
      const { capital, alice, admin } = await loadFixture(deployWithInterest);
      const surplus = 10n * EURO; // less than the 52.5 euros of interest due
      const split = expectedSplit(
        surplus,
        { ...WITH_CONTRIBUTION, interestBps: 700 },
        { totalShares: CONTRIBUTED_SHARES, index: RAY },
        5_533n,
      );
      expect(split).to.deep.include({
        interest: surplus,
        toReserve: 0n,
        toCommons: 0n,
        cashPool: 0n,
        retainedPool: 0n,
      });
      expect(split.index).to.equal(RAY + (surplus * RAY) / CONTRIBUTED_SHARES);
      const { receipt } = await mined(capital.connect(admin).closeYear(2, surplus));
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      const books = await booksOf(capital);
      expect([books.reserve, books.commons, books.cashOwed]).to.deep.equal([4n * 62_500_000n, 0n, 0n]);
      expect(books.accountsTotal).to.equal(CONTRIBUTED_SHARES + surplus);
      expect((await accountOf(capital, alice.address)).value).to.equal(sharesWorth(187_500_000n, split.index));
    });

    it("pays no interest while no account holds shares", async function () {
      const { capital, admin } = await loadFixture(deployAskingContribution);
      const rules = { ...WITH_CONTRIBUTION, interestBps: 700 };
      await (await capital.connect(admin).setSettings(rules)).wait();
      const split = expectedSplit(SURPLUS, rules, { totalShares: 0n, index: RAY }, 5_533n);
      expect([split.interest, split.index]).to.deep.equal([0n, RAY]);
      const { receipt } = await mined(capital.connect(admin).closeYear(2, SURPLUS));
      expect(splitIn(receipt, capital)).to.deep.equal([split]);
      expect(await capital.index()).to.equal(RAY);
    });

    it("compounds: the next year's interest is on the accounts as they grew, retained allocations included", async function () {
      const disco = await loadFixture(deployWithInterest);
      const { capital, ledger, bob, alice, carol, admin } = disco;
      const rules = { ...WITH_CONTRIBUTION, interestBps: 700 };
      const s1 = expectedSplit(SURPLUS, rules, { totalShares: CONTRIBUTED_SHARES, index: RAY }, 5_533n);
      await (await capital.connect(admin).closeYear(2, SURPLUS)).wait();
      await logApproved(ledger, alice, Stream.Livelihood, 100, carol);
      await closeFinal(ledger, bob);
      const totalShares = CONTRIBUTED_SHARES + s1.retainedShares;
      const s2 = expectedSplit(1_000n * EURO, rules, { totalShares, index: s1.index }, 100n);
      expect(s2.interest).to.equal((((totalShares * s1.index) / RAY) * 700n) / BPS);
      expect(s2.index).to.be.greaterThan(s1.index);
      const { receipt } = await mined(capital.connect(admin).closeYear(3, 1_000n * EURO));
      expect(splitIn(receipt, capital)).to.deep.equal([s2]);
      // What the accounts are worth, counted account by account, is within what the books set aside for them.
      let values = 0n;
      for (const name of PATRONS) values += (await accountOf(capital, disco[name].address, true)).value;
      expect(values).to.be.lessThanOrEqual(await capital.accountsTotal());
      expect(await capital.accountsTotal()).to.equal(
        CONTRIBUTED_SHARES + s1.interest + s1.retainedPool + s2.interest + s2.retainedPool,
      );
    });
  });

  describe("closeYearAtLoss", function () {
    it("refuses a loss above the reserve and every account together: CapitalLossTooLarge(loss, absorbable)", async function () {
      const { admin, capital } = await loadFixture(deployWithThirdPeriod);
      const books = await booksOf(capital);
      const absorbable = books.reserve + books.accountsTotal;
      expect(absorbable).to.be.greaterThan(RESERVE);
      for (const loss of [absorbable + 1n, 2n ** 255n]) {
        await expect(capital.connect(admin).closeYearAtLoss(3, loss))
          .to.be.revertedWithCustomError(capital, "CapitalLossTooLarge")
          .withArgs(loss, absorbable);
      }
      expect(await booksOf(capital)).to.deep.equal(books);
      // All of it is a loss the books can take: the reserve is emptied and the rest charged to the accounts.
      await expect(capital.connect(admin).closeYearAtLoss(3, absorbable))
        .to.emit(capital, "YearClosedAtLoss")
        .withArgs(2, anyValue, 3, 3, absorbable, RESERVE, books.accountsTotal, 1_000n);
      expect(await capital.reserve()).to.equal(0n);
    });

    it("refuses a second loss that only accounts already charged by an unsettled loss could take", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, capital, ledger, alice, bob } = disco;
      const books = await booksOf(capital);
      const everything = books.reserve + books.accountsTotal;
      await (await capital.connect(admin).closeYearAtLoss(3, everything)).wait();
      // Nobody settled: the accounts still show their value, but all of it is charged already.
      expect(await capital.accountsTotal()).to.equal(books.accountsTotal);
      await logApproved(ledger, alice, Stream.Livelihood, 100, bob);
      await closeFinal(ledger, bob);
      await expect(capital.connect(admin).closeYearAtLoss(4, 1n))
        .to.be.revertedWithCustomError(capital, "CapitalLossTooLarge")
        .withArgs(1n, 0n);
      expect(await capital.yearCount()).to.equal(2n);
    });

    it("takes the loss from the reserve first, which frees that much money at once", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, timelockAddress, capital, treasury, ledger, token, alice } = disco;
      const total = await totalPatronageOf(ledger, 3, 3, PatronageBasis.Credits);
      expect(total).to.equal(1_000n);
      const books = await booksOf(capital);
      expect(books.reserve).to.equal(RESERVE);
      const unallocated = await treasury.unallocated();
      const loss = 1_000n * EURO + 1n;

      const tx = capital.connect(admin).closeYearAtLoss(3, loss);
      const { at } = await mined(tx);
      await expect(tx).to.emit(capital, "YearClosedAtLoss").withArgs(2, timelockAddress, 3, 3, loss, loss, 0n, total);
      expect(await yearOf(capital, 2)).to.deep.equal({
        ...EMPTY_YEAR,
        firstPeriod: 3n,
        lastPeriod: 3n,
        closedAt: at,
        atLoss: true,
        totalPatronage: total,
        index: RAY,
      });
      expect(await booksOf(capital)).to.deep.equal({
        ...books,
        held: books.held - loss,
        reserve: RESERVE - loss,
        yearCount: 2n,
      });
      expect(await treasury.unallocated()).to.equal(unallocated + loss);
      // Nothing is charged to the accounts.
      expect(await capital.allocationOf(alice.address, 2)).to.deep.equal([400n, 0n, 0n, 0n]);
      const shares = await sharesAfterYearOne(disco, alice.address);
      await expect(capital.settle(alice.address))
        .to.emit(capital, "LossCharged")
        .withArgs(alice.address, 2, 400n, 0n, 0n);
      expect((await accountOf(capital, alice.address)).shares).to.equal(shares);
      await expectConserved(treasury, capital, token);
    });

    it("charges the rest to the accounts by patronage as each is settled, freeing what is written off", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, timelockAddress, capital, treasury, token, grace } = disco;
      const charged = 300n * EURO + 1n;
      const loss = RESERVE + charged;
      const unallocated = await treasury.unallocated();
      await expect(capital.connect(admin).closeYearAtLoss(3, loss))
        .to.emit(capital, "YearClosedAtLoss")
        .withArgs(2, timelockAddress, 3, 3, loss, RESERVE, charged, 1_000n);
      expect((await yearOf(capital, 2)).charge).to.equal(charged);
      expect(await capital.reserve()).to.equal(0n);
      expect(await treasury.unallocated()).to.equal(unallocated + RESERVE);

      let freed = RESERVE;
      for (const [name, patronage] of [
        ["alice", 400n],
        ["dave", 500n],
        ["erin", 100n],
      ] as const) {
        const member = disco[name].address;
        const charge = (charged * patronage) / 1_000n;
        expect(await capital.allocationOf(member, 2), name).to.deep.equal([patronage, 0n, 0n, charge]);
        const shares = await sharesAfterYearOne(disco, member, name !== "erin");
        const written = (charge * RAY) / RAY; // shares at the loss year's index, 1
        expect(written, name).to.be.lessThan(shares); // within the account: no cap
        const after = { shares: shares - written, value: shares - written };
        expect(await accountOf(capital, member, true), name).to.deep.include(after);
        const [books, free] = [await booksOf(capital), await treasury.unallocated()];

        await expect(capital.connect(grace).settle(member))
          .to.emit(capital, "LossCharged")
          .withArgs(member, 2, patronage, written, written);
        expect(await accountOf(capital, member), name).to.deep.include(after);
        expect(await booksOf(capital), name).to.deep.equal({
          ...books,
          held: books.held - written,
          accountsTotal: books.accountsTotal - written,
          totalShares: books.totalShares - written,
        });
        expect(await treasury.unallocated(), name).to.equal(free + written);
        freed += written;
      }
      // Every charge but the rounding was written off.
      expect(charged - (freed - RESERVE)).to.be.lessThan(3n);
      expect(await treasury.unallocated()).to.equal(unallocated + freed);
      await expectConserved(treasury, capital, token);
    });

    it("writes off at most the account: a charge above it empties it", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, capital, treasury, token, dave } = disco;
      const charged = 5_000n * EURO;
      await (await capital.connect(admin).closeYearAtLoss(3, RESERVE + charged)).wait();
      const charge = (charged * 500n) / 1_000n; // 2,500 euros
      const shares = await sharesAfterYearOne(disco, dave.address);
      expect(shares).to.equal(476_384_872n);
      expect(await capital.allocationOf(dave.address, 2)).to.deep.equal([500n, 0n, 0n, charge]);
      const free = await treasury.unallocated();
      await expect(capital.settle(dave.address))
        .to.emit(capital, "LossCharged")
        .withArgs(dave.address, 2, 500n, shares, shares);
      expect(await accountOf(capital, dave.address)).to.deep.include({ shares: 0n, value: 0n });
      expect(await treasury.unallocated()).to.equal(free + shares);
      await expectConserved(treasury, capital, token);
    });

    it("charges nothing to the accounts when nobody has patronage in the year", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { admin, timelockAddress, capital, treasury, ledger, token, bob, alice } = disco;
      await closeFinal(ledger, bob); // period 3: no work
      const loss = RESERVE + 700n * EURO;
      await expect(capital.connect(admin).closeYearAtLoss(3, loss))
        .to.emit(capital, "YearClosedAtLoss")
        .withArgs(2, timelockAddress, 3, 3, loss, RESERVE, 0n, 0n);
      expect((await yearOf(capital, 2)).charge).to.equal(0n);
      const books = await booksOf(capital);
      const { receipt } = await mined(capital.settle(alice.address));
      expect(eventsIn(receipt, capital, "LossCharged")).to.deep.equal([]);
      expect(eventsIn(receipt, capital, "AllocationSettled")).to.have.length(1); // year 1 only
      expect((await accountOf(capital, alice.address)).shares).to.equal(await sharesAfterYearOne(disco, alice.address));
      expect(await booksOf(capital)).to.deep.equal(books);
      await expectConserved(treasury, capital, token);
    });

    it("charges a loss to the account as it stood that year, before a later year's allocation", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, capital, ledger, bob, carol, dave } = disco;
      await (await capital.connect(admin).closeYearAtLoss(3, RESERVE + 5_000n * EURO)).wait();
      await logApproved(ledger, dave, Stream.Livelihood, 100, carol);
      await closeFinal(ledger, bob);
      // Nobody is settled yet: the shares are the contributions' and year 1's.
      const totalShares = CONTRIBUTED_SHARES + (await yearOneSplit(disco)).retainedShares;
      const split3 = expectedSplit(1_000n * EURO, WITH_CONTRIBUTION, { totalShares, index: RAY }, 100n);
      await (await capital.connect(admin).closeYear(4, 1_000n * EURO)).wait();
      const shares = await sharesAfterYearOne(disco, dave.address);
      const { receipt } = await mined(capital.settle(dave.address));
      expect(eventsIn(receipt, capital, "LossCharged").map((e) => e.args.toArray())).to.deep.equal([
        [dave.address, 2n, 500n, shares, shares],
      ]);
      expect(eventsIn(receipt, capital, "AllocationSettled").map((e) => e.args[1])).to.deep.equal([1n, 3n]);
      // Year 3's allocation (all of its patronage is dave's) arrived after the loss emptied the account.
      expect(await accountOf(capital, dave.address)).to.deep.include({
        shares: split3.retainedShares,
        cash: allocation(await yearOneSplit(disco), 333n).cash + split3.cashPool,
        settledYears: 3n,
      });
    });

    // (When a charge exceeds an account, the interest before that account is settled is lower, never higher: the
    // contract can't know the cap without touching the account. Settling charged accounts, which anyone may do,
    // before the next close gives the exact rate to every account.)
    it("splits the year after a loss the same whether or not the loss was settled first", async function () {
      const run = async (settleFirst: boolean) => {
        const { capital, ledger, admin, alice, bob, carol, dave, erin } = await loadFixture(deployWithClosedYear);
        await logApproved(ledger, alice, Stream.Livelihood, 400, bob);
        await logApproved(ledger, dave, Stream.Livelihood, 500, carol);
        await closeFinal(ledger, bob);
        await (await capital.connect(admin).setSettings({ ...WITH_CONTRIBUTION, interestBps: 700 })).wait();
        // 90 euros charged to alice (40) and dave (50), within their accounts.
        await (await capital.connect(admin).closeYearAtLoss(3, (await capital.reserve()) + 90n * EURO)).wait();
        if (settleFirst) for (const m of [alice, dave]) await (await capital.settle(m.address)).wait();
        await logApproved(ledger, erin, Stream.Love, 100, alice);
        await closeFinal(ledger, bob);
        const { receipt } = await mined(capital.connect(admin).closeYear(4, 1_000n * EURO));
        return { split: splitIn(receipt, capital)[0], pending: await capital.pendingLossShares() };
      };
      const [lazy, settled] = [await run(false), await run(true)];
      // The same interest and the same reserve, commons and patronage pools...
      const { index: lazyIndex, retainedShares: lazyShares, ...lazySplit } = lazy.split;
      const { index: settledIndex, retainedShares: settledShares, ...settledSplit } = settled.split;
      expect(lazySplit).to.deep.equal(settledSplit);
      // ...but until the charged accounts are settled the interest is spread over their pending shares too (written
      // off later with them, back to unallocated), so the index grows less and the same pool buys more shares.
      expect(lazyIndex < settledIndex && lazyShares > settledShares).to.equal(true);
      expect(lazy.pending).to.be.greaterThan(0n);
      expect(settled.pending).to.equal(0n);
    });
  });

  describe("redemption", function () {
    /** The closed-year fixture with dave gone: his account is 187.5 euros and his year 1 retained shares. */
    async function deployWithLeaver() {
      const disco = await deployWithClosedYear();
      await (await disco.membership.connect(disco.dave).leave()).wait();
      return disco;
    }

    it("reverts with CapitalStillMember for a member, changing nothing", async function () {
      const { capital, alice, grace } = await loadFixture(deployWithLeaver);
      const books = await booksOf(capital);
      for (const caller of [alice, grace]) {
        await expect(capital.connect(caller).startRedemption(alice.address))
          .to.be.revertedWithCustomError(capital, "CapitalStillMember")
          .withArgs(alice.address);
      }
      expect(await booksOf(capital)).to.deep.equal(books);
      expect(await accountOf(capital, alice.address)).to.deep.include({ settledYears: 0n, shares: 187_500_000n });
      expect(await capital.redemptionCount(alice.address)).to.equal(0n);
    });

    it("moves a former member's whole account into a redemption that anyone starts", async function () {
      const disco = await loadFixture(deployWithLeaver);
      const { capital, treasury, token, dave, grace } = disco;
      const shares = await sharesAfterYearOne(disco, dave.address);
      const amount = sharesWorth(shares, RAY);
      const { cash } = allocation(await yearOneSplit(disco), 333n);
      const books = await booksOf(capital);
      const unallocated = await treasury.unallocated();

      const tx = capital.connect(grace).startRedemption(dave.address);
      const { at } = await mined(tx);
      await expect(tx).to.emit(capital, "AllocationSettled");
      await expect(tx)
        .to.emit(capital, "RedemptionScheduled")
        .withArgs(dave.address, 0, shares, amount, at, 3 * YEAR, 3);
      expect(await capital.redemptionCount(dave.address)).to.equal(1n);
      expect(await accountOf(capital, dave.address)).to.deep.equal({
        shares: 0n,
        value: 0n,
        cash, // cash is claimed apart
        settledYears: 1n,
        contributed: true,
      });
      expect(await redemptionOf(capital, dave.address)).to.deep.equal({
        total: amount,
        paid: 0n,
        start: at,
        period: BigInt(3 * YEAR),
        instalments: 3n,
      });
      expect(await booksOf(capital)).to.deep.equal({
        ...books,
        accountsTotal: books.accountsTotal - amount,
        totalShares: books.totalShares - shares,
        redemptionsOwed: amount,
      });
      expect(await treasury.unallocated()).to.equal(unallocated);
      expect(await capital.redeemable(dave.address)).to.deep.equal([0n, at + BigInt(YEAR)]);
      await expectConserved(treasury, capital, token);
    });

    it("waits for work still under review too: leaving with an unapproved entry can't dodge a loss", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, capital, membership, ledger, bob, carol, dave } = disco;
      await (await capital.connect(admin).closeYear(3, EURO)).wait();
      // dave logs work in the open period 4 and leaves before anyone approves it.
      await (await ledger.connect(dave).logWork(Stream.Livelihood, 1_000, 4, EVIDENCE, "")).wait();
      const entryId = await ledger.entryCount();
      await (await membership.connect(dave).leave()).wait();
      const books = await booksOf(capital);
      await expect(capital.startRedemption(dave.address))
        .to.be.revertedWithCustomError(capital, "CapitalResultsPending")
        .withArgs(dave.address, 4);
      expect(await booksOf(capital)).to.deep.equal(books);
      // The entry counts afterwards and the year closes at a loss: his share of it reaches his account.
      await (await ledger.connect(carol).approve(entryId)).wait();
      await closeFinal(ledger, bob);
      await (await capital.connect(admin).closeYearAtLoss(4, RESERVE + 100n * EURO)).wait();
      const { receipt } = await mined(capital.startRedemption(dave.address));
      const [charged] = eventsIn(receipt, capital, "LossCharged");
      expect(charged.args.member).to.equal(dave.address);
      expect(charged.args.shares).to.be.greaterThan(0n);
    });

    it("waits for the result of every year the leaver has payable work in: CapitalResultsPending", async function () {
      const disco = await loadFixture(deployWithThirdPeriod);
      const { admin, capital, membership, ledger, bob, carol, dave } = disco;
      // dave has 500 credits in period 3 (closed, not in a year yet) and 50 in the open period 4.
      await logApproved(ledger, dave, Stream.Livelihood, 50, carol);
      await (await membership.connect(dave).leave()).wait();
      const books = await booksOf(capital);
      await expect(capital.startRedemption(dave.address))
        .to.be.revertedWithCustomError(capital, "CapitalResultsPending")
        .withArgs(dave.address, 3);
      expect(await booksOf(capital)).to.deep.equal(books);
      expect(await accountOf(capital, dave.address)).to.deep.include({ settledYears: 0n, shares: 187_500_000n });
      // A loss in year 2 reaches his account before it is redeemed.
      await (await capital.connect(admin).closeYearAtLoss(3, RESERVE + 100n * EURO)).wait();
      await expect(capital.startRedemption(dave.address))
        .to.be.revertedWithCustomError(capital, "CapitalResultsPending")
        .withArgs(dave.address, 4);
      await closeFinal(ledger, bob);
      await (await capital.connect(admin).closeYear(4, EURO)).wait();
      // Year 2 charged him 500/1,000 of 100 euros; year 3 gave him all of its patronage (his 50 credits).
      const split3 = expectedSplit(
        EURO,
        WITH_CONTRIBUTION,
        { totalShares: CONTRIBUTED_SHARES + (await yearOneSplit(disco)).retainedShares, index: RAY },
        50n,
      );
      const shares = (await sharesAfterYearOne(disco, dave.address)) - 50n * EURO + split3.retainedShares;
      const tx = capital.startRedemption(dave.address);
      const { at } = await mined(tx);
      await expect(tx)
        .to.emit(capital, "RedemptionScheduled")
        .withArgs(dave.address, 0, shares, shares, at, 3 * YEAR, 3);
    });

    it("reverts with CapitalNothingToRedeem for an empty account, or one already moved", async function () {
      const { capital, membership, frank, grace, dave } = await loadFixture(deployWithLeaver);
      await (await membership.connect(frank).leave()).wait();
      await (await capital.startRedemption(dave.address)).wait();
      const books = await booksOf(capital);
      for (const member of [frank, grace, dave]) {
        await expect(capital.startRedemption(member.address))
          .to.be.revertedWithCustomError(capital, "CapitalNothingToRedeem")
          .withArgs(member.address);
      }
      expect(await booksOf(capital)).to.deep.equal(books);
      expect(await capital.redemptionCount(frank.address)).to.equal(0n);
      await expect(capital.redemptionOf(frank.address, 0))
        .to.be.revertedWithCustomError(capital, "CapitalUnknownRedemption")
        .withArgs(frank.address, 0);
      expect(await capital.redemptionCount(dave.address)).to.equal(1n);
      expect((await redemptionOf(capital, dave.address)).total).to.equal(476_384_872n);
      await expect(capital.redemptionOf(dave.address, 1))
        .to.be.revertedWithCustomError(capital, "CapitalUnknownRedemption")
        .withArgs(dave.address, 1);
    });

    it("pays a third after one year and the rest after three, with Redeemed, to the unit", async function () {
      const { capital, treasury, token, dave } = await loadFixture(deployWithLeaver);
      const { at: start } = await mined(capital.startRedemption(dave.address));
      const total = 476_384_872n; // dave's account: 187.5 euros and floor(4,800.000004 x 333 / 5,533)
      expect(total % 3n).to.equal(1n); // the thirds round
      const first = total / 3n;
      const year = BigInt(YEAR);

      await expect(capital.connect(dave).redeem())
        .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
        .withArgs(dave.address, start + year);
      // A second before the first instalment: still nothing (the gas limit is given, so that the call is mined at
      // that second rather than estimated).
      await time.setNextBlockTimestamp(start + year - 1n);
      await expect(capital.connect(dave).redeem({ gasLimit: 300_000 }))
        .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
        .withArgs(dave.address, start + year);
      expect(BigInt(await time.latest())).to.equal(start + year - 1n);
      expect(await capital.redeemable(dave.address)).to.deep.equal([0n, start + year]);

      await time.setNextBlockTimestamp(start + year);
      const tx = capital.connect(dave).redeem();
      await expect(tx).to.emit(capital, "Redeemed").withArgs(dave.address, 0, first, first);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, treasury, capital], [first, -first, 0n]);
      expect(BigInt(await time.latest())).to.equal(start + year);
      expect(await capital.redemptionsOwed()).to.equal(total - first);
      expect((await redemptionOf(capital, dave.address)).paid).to.equal(first);
      await expect(capital.connect(dave).redeem())
        .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
        .withArgs(dave.address, start + 2n * year);
      await expectConserved(treasury, capital, token);

      await time.increaseTo(start + 3n * year - 1n);
      expect(await capital.redeemable(dave.address)).to.deep.equal([(2n * total) / 3n - first, start + 3n * year]);
      await time.setNextBlockTimestamp(start + 3n * year);
      await expect(capital.connect(dave).redeem())
        .to.emit(capital, "Redeemed")
        .withArgs(dave.address, 0, total - first, total);
      expect(await token.balanceOf(dave.address)).to.equal(total);
      expect(await capital.redemptionsOwed()).to.equal(0n);
      expect(await capital.redeemable(dave.address)).to.deep.equal([0n, 0n]);
      await expect(capital.connect(dave).redeem())
        .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
        .withArgs(dave.address, 0n);
      await expectConserved(treasury, capital, token);
    });

    it("reverts with CapitalNothingDue(member, 0) for someone with no redemption", async function () {
      const { capital, alice, grace } = await loadFixture(deployWithLeaver);
      for (const member of [alice, grace]) {
        await expect(capital.connect(member).redeem())
          .to.be.revertedWithCustomError(capital, "CapitalNothingDue")
          .withArgs(member.address, 0n);
      }
    });

    it("gives a later allocation a schedule of its own, under the rules then, paid with the first in one transfer", async function () {
      const disco = await loadFixture(deployWithLeaver);
      const { capital, membership, ledger, treasury, token, admin, alice, bob, carol, dave } = disco;
      const first = await sharesAfterYearOne(disco, dave.address);
      const { at: start } = await mined(capital.startRedemption(dave.address));
      // New rules for later redemptions: they don't change dave's first schedule.
      await (
        await capital.connect(admin).setSettings({ ...WITH_CONTRIBUTION, instalments: 6, revolvingPeriod: YEAR })
      ).wait();
      // The members take dave back; he earns 500 of period 3's 1,000 credits, and leaves again after year 2.
      await (
        await membership.connect(admin).admit(dave.address, Stage.Committed, Constituency.client, ZeroAddress)
      ).wait();
      await logApproved(ledger, dave, Stream.Livelihood, 500, carol);
      await logApproved(ledger, alice, Stream.Livelihood, 500, bob);
      await closeFinal(ledger, bob);
      await time.increase(100 * 24 * 3600);
      // dave's first account left the shares for his redemption.
      const totalShares = CONTRIBUTED_SHARES + (await yearOneSplit(disco)).retainedShares - first;
      const split2 = expectedSplit(2_000n * EURO, WITH_CONTRIBUTION, { totalShares, index: RAY }, 1_000n);
      await (await capital.connect(admin).closeYear(3, 2_000n * EURO)).wait();
      await (await membership.connect(dave).leave()).wait();
      const later = allocation(split2, 500n).shares;
      const tx = capital.startRedemption(dave.address);
      const { at: laterStart } = await mined(tx);
      await expect(tx)
        .to.emit(capital, "RedemptionScheduled")
        .withArgs(dave.address, 1, later, later, laterStart, YEAR, 6);
      expect(await capital.redemptionCount(dave.address)).to.equal(2n);
      expect(await redemptionOf(capital, dave.address, 0)).to.deep.equal({
        total: first,
        paid: 0n,
        start,
        period: BigInt(3 * YEAR),
        instalments: 3n,
      });
      expect(await redemptionOf(capital, dave.address, 1)).to.deep.equal({
        total: later,
        paid: 0n,
        start: laterStart,
        period: BigInt(YEAR),
        instalments: 6n,
      });
      expect(await capital.redemptionsOwed()).to.equal(first + later);
      // Nothing of the new capital is due at once: the next instalment is the later schedule's first, two months on.
      const laterFirstDue = laterStart + BigInt(YEAR) / 6n + (BigInt(YEAR) % 6n === 0n ? 0n : 1n);
      expect(await capital.redeemable(dave.address)).to.deep.equal([0n, laterFirstDue]);

      // At the first schedule's first instalment, the later schedule has reached floor(elapsed x 6 / YEAR) sixths.
      const at = start + BigInt(YEAR);
      const reached = ((at - laterStart) * 6n) / BigInt(YEAR);
      const dueFirst = first / 3n;
      const dueLater = (later * reached) / 6n;
      expect(dueLater).to.be.greaterThan(0n);
      await time.setNextBlockTimestamp(at);
      const redeemed = capital.connect(dave).redeem();
      await expect(redeemed).to.emit(capital, "Redeemed").withArgs(dave.address, 0, dueFirst, dueFirst);
      await expect(redeemed).to.emit(capital, "Redeemed").withArgs(dave.address, 1, dueLater, dueLater);
      await expect(redeemed).to.changeTokenBalances(
        ethers,
        token,
        [dave, treasury],
        [dueFirst + dueLater, -(dueFirst + dueLater)],
      );
      const { receipt } = await mined(redeemed);
      const transfers = receipt.logs.filter((log) => log.topics[0] === token.interface.getEvent("Transfer").topicHash);
      expect(transfers.length, "one transfer").to.equal(1);
      expect(await capital.redemptionsOwed()).to.equal(first + later - dueFirst - dueLater);
      await expectConserved(treasury, capital, token);
    });
  });

  describe("spendCommons", function () {
    const COMMONS = 1_000_000_000n; // 10% of SURPLUS, rounded down

    it("pays from the commons fund where the timelock says, with CommonsSpent", async function () {
      const { capital, treasury, token, admin, heidi } = await loadFixture(deployWithClosedYear);
      expect(await capital.commons()).to.equal(COMMONS);
      const books = await booksOf(capital);
      const unallocated = await treasury.unallocated();
      const amount = 400n * EURO + 1n;
      const reason = "Cooperative accounting course";
      const tx = capital.connect(admin).spendCommons(heidi.address, amount, reason);
      await expect(tx).to.emit(capital, "CommonsSpent").withArgs(heidi.address, amount, reason);
      await expect(tx).to.changeTokenBalances(ethers, token, [heidi, treasury, capital], [amount, -amount, 0n]);
      expect(await booksOf(capital)).to.deep.equal({
        ...books,
        held: books.held - amount,
        commons: COMMONS - amount,
      });
      expect(await treasury.unallocated()).to.equal(unallocated);
      // All of it can go, and then nothing more.
      await expect(capital.connect(admin).spendCommons(heidi.address, COMMONS - amount, ""))
        .to.emit(capital, "CommonsSpent")
        .withArgs(heidi.address, COMMONS - amount, "");
      expect(await capital.commons()).to.equal(0n);
      await expect(capital.connect(admin).spendCommons(heidi.address, 1n, "one more"))
        .to.be.revertedWithCustomError(capital, "CapitalInsufficientCommons")
        .withArgs(1n, 0n);
      await expectConserved(treasury, capital, token);
    });

    it("reverts when the caller is not the timelock, treasurers included", async function () {
      const { capital, alice, bob, heidi } = await loadFixture(deployWithClosedYear);
      for (const caller of [bob, alice]) {
        await expect(capital.connect(caller).spendCommons(heidi.address, EURO, "lunch"))
          .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      expect(await capital.commons()).to.equal(COMMONS);
    });

    it("reverts for the zero address, a zero amount, or more than the fund, changing nothing", async function () {
      const { capital, token, admin, heidi } = await loadFixture(deployWithClosedYear);
      await expect(capital.connect(admin).spendCommons(ZeroAddress, EURO, "burn"))
        .to.be.revertedWithCustomError(capital, "CapitalInvalidRecipient")
        .withArgs(ZeroAddress);
      await expect(capital.connect(admin).spendCommons(heidi.address, 0, "nothing")).to.be.revertedWithCustomError(
        capital,
        "CapitalZeroAmount",
      );
      await expect(capital.connect(admin).spendCommons(heidi.address, COMMONS + 1n, "everything"))
        .to.be.revertedWithCustomError(capital, "CapitalInsufficientCommons")
        .withArgs(COMMONS + 1n, COMMONS);
      expect(await capital.commons()).to.equal(COMMONS);
      expect(await token.balanceOf(heidi.address)).to.equal(0n);
    });
  });

  describe("treasury", function () {
    it("pays out for the capital contract only: TreasuryOnlyCapital for anyone else", async function () {
      const { treasury, capital, token, admin, alice, bob, grace, timelockAddress } =
        await loadFixture(deployWithClosedYear);
      const balance = await token.balanceOf(await treasury.getAddress());
      for (const [caller, address] of [
        [alice, alice.address],
        [bob, bob.address],
        [grace, grace.address],
        [admin, timelockAddress],
      ] as const) {
        await expect(treasury.connect(caller).capitalPay(address, EURO))
          .to.be.revertedWithCustomError(treasury, "TreasuryOnlyCapital")
          .withArgs(address);
      }
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(balance);
      expect(await capital.held()).to.equal(4n * CONTRIBUTION + SURPLUS);
    });

    it("can't spend or fund periods with the money the capital books hold", async function () {
      const disco = await loadFixture(deployWithClosedYear);
      const { treasury, capital, token, admin, bob, alice, heidi } = disco;
      // 20,000 euros paid in and 1,000 contributed; the books hold the contributions and the surplus.
      const free = PAID_IN - SURPLUS;
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(PAID_IN + 4n * CONTRIBUTION);
      await expect(treasury.connect(admin).spend(heidi.address, free + 1n, "everything"))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(free + 1n, free);
      await expect(treasury.connect(bob).fundPeriod(1, free + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(free + 1n, free);
      await (await treasury.connect(admin).spend(heidi.address, free, "all that is free")).wait();
      expect(await treasury.unallocated()).to.equal(0n);
      await expect(treasury.connect(bob).fundPeriod(1, 4n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(4n, 0n);
      // What the books hold is all still there to pay.
      const { cash } = allocation(await yearOneSplit(disco), 1_300n);
      await expect(capital.connect(alice).claimCash()).to.emit(capital, "CashClaimed").withArgs(alice.address, cash);
      await expect(capital.connect(admin).spendCommons(heidi.address, await capital.commons(), "all of it")).to.emit(
        capital,
        "CommonsSpent",
      );
      await expectConserved(treasury, capital, token);
    });
    it("keeps its own payouts and checks, capital money or not", async function () {
      const { treasury, capital, ledger, token, admin, alice, bob, frank, grace, heidi } =
        await loadFixture(deployWithClosedYear);
      expect(await treasury.ledger()).to.equal(await ledger.getAddress());
      await closeFinal(ledger, bob); // period 3: no work
      const books = await booksOf(capital);
      // Period 1 funded with 1,000 euros: 750 for livelihood, 250 for love, whatever the books hold.
      await (await treasury.connect(bob).fundPeriod(1, 1_000n * EURO)).wait();
      const pool = await treasury.pool(1);
      expect([pool.funded, [...pool.streamPools], [...pool.periodPayable]]).to.deep.equal([
        1_000n * EURO,
        [750n * EURO, 250n * EURO, 0n],
        [3_833n, 1_200n, 500n],
      ]);
      const share = (750n * EURO * 1_000n) / 3_833n + (250n * EURO * 300n) / 1_200n;
      expect(await treasury.claimable(alice.address, 1)).to.equal(share);
      await expect(treasury.connect(alice).claim([1]))
        .to.emit(treasury, "PayoutClaimed")
        .withArgs(alice.address, 1, share);
      expect([await treasury.hasClaimed(alice.address, 1), await treasury.claimable(alice.address, 1)]).to.deep.equal([
        true,
        0n,
      ]);

      for (const [call, error, args] of [
        [() => treasury.connect(grace).payIn(0, PAYMENT_REF), "TreasuryZeroAmount", []],
        [() => treasury.connect(bob).fundPeriod(2, 0), "TreasuryZeroAmount", []],
        [() => treasury.connect(bob).fundPeriod(4, EURO), "TreasuryPeriodNotFinal", [4, 0]],
        [() => treasury.connect(bob).fundPeriod(1, EURO), "TreasuryPeriodAlreadyFunded", [1]],
        [() => treasury.connect(bob).fundPeriod(3, EURO), "TreasuryNothingToFund", [3]],
        [() => treasury.connect(alice).claim([2]), "TreasuryPeriodNotFunded", [2]],
        [() => treasury.connect(alice).claim([1]), "TreasuryAlreadyClaimed", [alice.address, 1]],
        [() => treasury.connect(frank).claim([1]), "TreasuryNothingToClaim", [frank.address, 1]],
        [() => treasury.connect(alice).claim([]), "TreasuryZeroAmount", []],
        [() => treasury.connect(admin).spend(ZeroAddress, EURO, ""), "TreasuryInvalidRecipient", [ZeroAddress]],
        [() => treasury.connect(admin).spend(heidi.address, 0, ""), "TreasuryZeroAmount", []],
      ] as const) {
        await expect(call(), error)
          .to.be.revertedWithCustomError(treasury, error)
          .withArgs(...args);
      }
      await expect(treasury.connect(admin).setBuckets([5_000, 2_000, 3_001]))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidBuckets")
        .withArgs(10_001);
      await expect(treasury.connect(admin).setBuckets([5_000, 2_000, 3_000])).to.emit(treasury, "BucketsSet");
      expect(await treasury.buckets()).to.deep.equal([5_000n, 2_000n, 3_000n]);
      // Period 2 has no livelihood: 20% for carol's love, 30% for alice's care hours, the rest stays unallocated.
      await (await treasury.connect(bob).fundPeriod(2, 1_000n * EURO)).wait();
      await expect(treasury.connect(alice).claim([2]))
        .to.emit(treasury, "PayoutClaimed")
        .withArgs(alice.address, 2, 300n * EURO);
      expect(await booksOf(capital)).to.deep.equal(books);
      await expectConserved(treasury, capital, token);
    });
  });

  describe("governance", function () {
    it("makes setSettings, the roles and a loss year bylaws; closing a surplus year and spending the commons standard", async function () {
      const { governor, capital } = await loadFixture(deployWithAdmin);
      const target = await capital.getAddress();
      for (const signature of [
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
        "setSettings((uint128,uint16,uint16,uint16,uint16,uint16,uint16,uint8,uint8,uint48))",
        // A loss year releases the indivisible reserve and members' capital.
        "closeYearAtLoss(uint32,uint256)",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(true);
      }
      expect(capital.interface.getFunction("setSettings")!.selector).to.equal(
        selector("setSettings((uint128,uint16,uint16,uint16,uint16,uint16,uint16,uint8,uint8,uint48))"),
      );
      for (const signature of [
        "spendCommons(address,uint256,string)",
        "closeYear(uint32,uint256)",
        "contribute()",
        "settle(address)",
        "startRedemption(address)",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(false);
      }
      const setSettings = capital.interface.encodeFunctionData("setSettings", [WITH_CONTRIBUTION]);
      const spendCommons = capital.interface.encodeFunctionData("spendCommons", [target, 1n, "x"]);
      expect(await governor.classify([target], [setSettings], "Ask 250 euros")).to.equal(kind("Bylaw"));
      expect(await governor.classify([target], [spendCommons], "A course")).to.equal(kind("Standard"));
    });

    it("lets a treasurer prepare the year's accounts, which the members approve by a standard vote; a loss needs a bylaw vote", async function () {
      const disco = await loadFixture(deployWithContributions);
      const { governor, capital, membership, admin, alice, bob, carol, dave, grace, timelockAddress } = disco;
      // A fifth Committed member, so that 3 For and 2 Against is a majority (60%) but not the 2/3 supermajority.
      await (
        await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      const target = await capital.getAddress();
      const surplus = calls(
        target,
        capital.interface.encodeFunctionData("closeYear", [2, SURPLUS]),
        "Year 1 accounts: 10,000 euros of surplus",
      );
      const loss = calls(
        target,
        capital.interface.encodeFunctionData("closeYearAtLoss", [2, 100n * EURO]),
        "Year 1 accounts: a 100-euro loss",
      );
      expect(await governor.classify(surplus.targets, surplus.calldatas, surplus.description)).to.equal(
        kind("Standard"),
      );
      expect(await governor.classify(loss.targets, loss.calldatas, loss.description)).to.equal(kind("Bylaw"));
      // bob, the treasurer, prepares both; the same five votes decide them.
      const ids = [await propose(governor, bob, loss), await propose(governor, bob, surplus)];
      await openVoting(governor, time, ids[1]);
      for (const id of ids) {
        for (const voter of [alice, bob, carol]) await (await governor.connect(voter).castVote(id, Support.For)).wait();
        for (const voter of [dave, grace]) await (await governor.connect(voter).castVote(id, Support.Against)).wait();
      }
      await closeVoting(governor, time, ids[1]);
      const state = (id: bigint) => governor.state(id).then((s) => PROPOSAL_STATES[Number(s)]);
      expect([await state(ids[0]), await state(ids[1])]).to.deep.equal(["Defeated", "Succeeded"]);
      await (await queue(governor, bob, surplus)).wait();
      await time.increaseTo(await governor.proposalEta(ids[1]));
      await expect(execute(governor, bob, surplus))
        .to.emit(capital, "YearClosed")
        .withArgs(1, timelockAddress, 1, 2, anyValue);
      expect(await capital.yearCount()).to.equal(1n);
      expect((await yearOf(capital, 1)).atLoss).to.equal(false);
      // The treasurer can't close a year on their own, before or after the vote.
      await expect(capital.connect(bob).closeYearAtLoss(2, 100n * EURO))
        .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, DEFAULT_ADMIN_ROLE);
    });

    it("sets the capital rules by a bylaw vote", async function () {
      const { governor, capital, alice, bob, carol, dave } = await loadFixture(deployWithAdmin);
      const rules = { ...WITH_CONTRIBUTION, interestBps: 500, basis: PatronageBasis.Hours };
      const proposal = calls(
        await capital.getAddress(),
        capital.interface.encodeFunctionData("setSettings", [rules]),
        "Ask a 250-euro contribution, pay 5% interest, count care hours",
      );
      const proposalId = await enact(governor, time, alice, proposal, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.For],
        [dave, Support.For],
      ]);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Bylaw"));
      expect(await settingsOf(capital)).to.deep.equal(settingsAsStored(rules));
    });
  });

  describe("conservation", function () {
    it("accounts for every unit through contributions, years, payouts, losses, redemptions and spends", async function () {
      const disco = await loadFixture(deployAskingContribution);
      const { capital, treasury, ledger, membership, token, admin, alice, bob, carol, dave, erin, grace, heidi, ivan } =
        disco;
      const treasuryAddress = await treasury.getAddress();
      const everyone = [alice, bob, carol, dave, erin];
      let paidIn = PAID_IN;
      let paidOut = 0n;

      /**
       * balance = owed + held + unallocated; held = its five totals; every unit that came in went out or is held;
       * and the accounts, counted one by one, are worth no more than the books set aside for them.
       */
      const check = async (step: string) => {
        await expectConserved(treasury, capital, token, step);
        expect(paidIn, step).to.equal(paidOut + (await token.balanceOf(treasuryAddress)));
        let values = 0n;
        for (const member of everyone) values += (await accountOf(capital, member.address, true)).value;
        expect(values, step).to.be.lessThanOrEqual(await capital.accountsTotal());
      };
      /** Runs a step that may pay someone out of the treasury, and counts what left it. */
      const step = async (name: string, action: () => Tx) => {
        const before = await token.balanceOf(treasuryAddress);
        await (await action()).wait();
        const after = await token.balanceOf(treasuryAddress);
        if (after > before) paidIn += after - before;
        else paidOut += before - after;
        await check(name);
      };

      await check("start");
      for (const member of [alice, bob, carol]) {
        await faucet(token, member, CONTRIBUTION);
        await (await token.connect(member).approve(await capital.getAddress(), CONTRIBUTION)).wait();
        await step("contribute", () => capital.connect(member).contribute());
      }
      await step("fund period 1", () => treasury.connect(bob).fundPeriod(1, 1_000n * EURO + 7n));
      await step("claim period 1", () => treasury.connect(alice).claim([1]));
      await (await capital.connect(admin).setSettings({ ...WITH_CONTRIBUTION, interestBps: 500 })).wait();
      await step("close year 1", () => capital.connect(admin).closeYear(2, 5_000n * EURO + 3n));
      await step("settle carol", () => capital.connect(grace).settle(carol.address));
      await step("alice's cash", () => capital.connect(alice).claimCash());
      await step("spend", () => treasury.connect(admin).spend(heidi.address, 1_234n * EURO, "hosting"));
      await faucet(token, dave, CONTRIBUTION);
      await (await token.connect(dave).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      await step("dave contributes at the grown index", () => capital.connect(dave).contribute());
      await logPeriodThree(disco);
      await closeFinal(ledger, bob);
      const loss = (await capital.reserve()) + 200n * EURO + 11n;
      await step("close year 2 at a loss", () => capital.connect(admin).closeYearAtLoss(3, loss));
      for (const member of [alice, dave, erin]) {
        await step(`loss reaches ${member.address}`, () => capital.settle(member.address));
      }
      await (await membership.connect(bob).leave()).wait();
      await step("bob's redemption", () => capital.connect(ivan).startRedemption(bob.address));
      await step("commons", async () =>
        capital.connect(admin).spendCommons(ivan.address, (await capital.commons()) / 2n, "course"),
      );
      await step("pay in", async () => {
        await faucet(token, heidi, 777n * EURO + 1n);
        await (await token.connect(heidi).approve(treasuryAddress, 777n * EURO + 1n)).wait();
        return treasury.connect(heidi).payIn(777n * EURO + 1n, PAYMENT_REF);
      });
      await time.increase(YEAR);
      await step("bob's first instalment", () => capital.connect(bob).redeem());
      await step("bob's cash", () => capital.connect(bob).claimCash());
      await logApproved(ledger, carol, Stream.Love, 900, alice);
      await logApproved(ledger, erin, Stream.Livelihood, 300, carol);
      await closeFinal(ledger, bob);
      await step("fund period 4", () => treasury.connect(bob).fundPeriod(4, 2_000n * EURO + 1n));
      await step("close year 3", async () => capital.connect(admin).closeYear(4, await treasury.unallocated()));
      expect(await treasury.unallocated()).to.equal(0n);
      await step("claim period 4", () => treasury.connect(erin).claim([4]));
      await time.increase(2 * YEAR);
      await step("bob's last instalments", () => capital.connect(bob).redeem());
      for (const member of [carol, erin, dave]) {
        await step(`cash of ${member.address}`, () => capital.connect(member).claimCash());
      }
      await step("rest of the commons", async () =>
        capital.connect(admin).spendCommons(heidi.address, await capital.commons(), ""),
      );
      expect(await capital.redemptionsOwed()).to.equal(0n);
      expect(await capital.commons()).to.equal(0n);
    });
  });

  describe("hostile tokens", function () {
    /** A mock token's balances, as the conservation check reads them. */
    const balancesOf = (token: Contract) => ({
      balanceOf: (account: string): Promise<bigint> => token.balanceOf(account),
    });

    /**
     * A treasury over the reentrant mock, asking a 1,000-unit contribution: the deployer is its and its capital
     * contract's admin (it closes the years), bob the treasury's treasurer. grace paid in 100,000; alice, carol and dave contributed; year 1 closed
     * with 50,000; dave left and three years passed, so his whole redemption is due; period 1 funded.
     */
    async function deployOverReentrantToken() {
      const disco = await deployWithClosedPeriods();
      const { ledger, membership, deployer, bob, grace, alice, carol, dave } = disco;
      const hostile = await ethers.deployContract("MochaReentrantToken");
      const treasury = await deployClone(ethers, "Treasury", [
        await hostile.getAddress(),
        await ledger.getAddress(),
        deployer.address,
        [bob.address],
        [...DEFAULT_BUCKETS],
        { ...DEFAULT_CAPITAL_SETTINGS, contribution: 1_000n },
      ]);
      const capital = await ethers.getContractAt("CapitalAccounts", await treasury.capital());
      const [treasuryAddress, capitalAddress, hostileAddress] = [
        await treasury.getAddress(),
        await capital.getAddress(),
        await hostile.getAddress(),
      ];
      // The token holds every role, so that its callbacks get past access control to the guards.
      for (const contract of [treasury, capital] as const) {
        await (await contract.connect(deployer).grantRole(DEFAULT_ADMIN_ROLE, hostileAddress)).wait();
      }
      await (await treasury.connect(deployer).grantRole(TREASURER_ROLE, hostileAddress)).wait();
      await (await hostile.mint(grace.address, 1_000_000n)).wait();
      await (await (hostile.connect(grace) as Contract).approve(treasuryAddress, 1_000_000n)).wait();
      await (await treasury.connect(grace).payIn(100_000n, PAYMENT_REF)).wait();
      for (const member of [alice, carol, dave, disco.erin]) {
        await (await hostile.mint(member.address, 1_000n)).wait();
        await (await (hostile.connect(member) as Contract).approve(capitalAddress, 1_000n)).wait();
      }
      for (const member of [alice, carol, dave]) await (await capital.connect(member).contribute()).wait();
      await (await capital.connect(deployer).closeYear(2, 50_000n)).wait();
      await (await membership.connect(dave).leave()).wait();
      await (await capital.startRedemption(dave.address)).wait();
      await time.increase(3 * YEAR);
      await (await treasury.connect(bob).fundPeriod(1, 1_000n)).wait();
      return { ...disco, hostile, treasury, capital, token: hostile };
    }

    it("stops a token that calls back into the capital books or the treasury during a capital payment", async function () {
      const { capital, treasury, hostile, ledger, deployer, alice, bob, dave, ivan } =
        await loadFixture(deployOverReentrantToken);
      await closeFinal(ledger, bob);
      const [capitalAddress, treasuryAddress] = [await capital.getAddress(), await treasury.getAddress()];
      const inner: Record<string, [string, string]> = {
        claimCash: [capitalAddress, capital.interface.encodeFunctionData("claimCash")],
        redeem: [capitalAddress, capital.interface.encodeFunctionData("redeem")],
        contribute: [capitalAddress, capital.interface.encodeFunctionData("contribute")],
        settle: [capitalAddress, capital.interface.encodeFunctionData("settle", [alice.address])],
        startRedemption: [capitalAddress, capital.interface.encodeFunctionData("startRedemption", [dave.address])],
        closeYear: [capitalAddress, capital.interface.encodeFunctionData("closeYear", [3, 1n])],
        closeYearAtLoss: [capitalAddress, capital.interface.encodeFunctionData("closeYearAtLoss", [3, 1n])],
        spendCommons: [capitalAddress, capital.interface.encodeFunctionData("spendCommons", [ivan.address, 1n, ""])],
        fundPeriod: [treasuryAddress, treasury.interface.encodeFunctionData("fundPeriod", [2, 1_000n])],
        spend: [treasuryAddress, treasury.interface.encodeFunctionData("spend", [ivan.address, 1n, ""])],
        claim: [treasuryAddress, treasury.interface.encodeFunctionData("claim", [[1]])],
        payIn: [treasuryAddress, treasury.interface.encodeFunctionData("payIn", [1n, PAYMENT_REF])],
        unallocated: [treasuryAddress, treasury.interface.encodeFunctionData("unallocated")],
      };
      const outer = {
        claimCash: () => capital.connect(alice).claimCash(),
        redeem: () => capital.connect(dave).redeem(),
        spendCommons: () => capital.connect(deployer).spendCommons(ivan.address, 100n, "course"),
      };
      for (const [outerName, call] of Object.entries(outer)) {
        for (const [innerName, [target, data]] of Object.entries(inner)) {
          await (await hostile.arm(target, data)).wait();
          await expect(call(), `${innerName} inside ${outerName}`).to.be.revertedWithCustomError(
            capital,
            "ReentrancyGuardReentrantCall",
          );
        }
      }
      expect(await hostile.reentered()).to.equal(0n);
      expect(await capital.yearCount()).to.equal(1n);
      // The callbacks do happen: a view of the books from the same hook goes through, and each payment unarmed.
      await (await hostile.arm(capitalAddress, capital.interface.encodeFunctionData("held"))).wait();
      await expect(outer.claimCash()).to.emit(capital, "CashClaimed");
      expect(await hostile.reentered()).to.equal(1n);
      await expect(outer.redeem()).to.emit(capital, "Redeemed");
      await expect(outer.spendCommons()).to.emit(capital, "CommonsSpent");
      await expectConserved(treasury, capital, balancesOf(hostile));
    });

    it("refuses to close a year while the treasury pays out (it won't say what is unallocated)", async function () {
      const { capital, treasury, hostile, ledger, deployer, alice, bob, grace, ivan } =
        await loadFixture(deployOverReentrantToken);
      await closeFinal(ledger, bob);
      const closeYear = capital.interface.encodeFunctionData("closeYear", [3, 1n]);
      for (const call of [
        () => treasury.connect(alice).claim([1]),
        () => treasury.connect(deployer).spend(ivan.address, 100n, "host"),
        () => treasury.connect(grace).payIn(100n, PAYMENT_REF),
      ]) {
        await (await hostile.arm(await capital.getAddress(), closeYear)).wait();
        await expect(call()).to.be.revertedWithCustomError(treasury, "ReentrancyGuardReentrantCall");
      }
      expect(await capital.yearCount()).to.equal(1n);
      await (await hostile.arm(ZeroAddress, "0x")).wait(); // disarmed: the next transfer calls nobody
      await expect(capital.connect(deployer).closeYear(3, 1n)).to.emit(capital, "YearClosed");
    });

    it("counts a contribution under way as held: a callback can't fund a period with it", async function () {
      const { capital, treasury, hostile, erin } = await loadFixture(deployOverReentrantToken);
      const free = await treasury.unallocated();
      const fund = (amount: bigint) => treasury.interface.encodeFunctionData("fundPeriod", [2, amount]);
      await (await hostile.arm(await treasury.getAddress(), fund(free))).wait();
      // The books already hold the 1,000 units, the treasury not yet.
      await expect(capital.connect(erin).contribute())
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientUnallocated")
        .withArgs(free, free - 1_000n);
      expect(await accountOf(capital, erin.address)).to.deep.equal(EMPTY_ACCOUNT);
      // What is truly free can be funded from the same hook, and the books still add up.
      await (await hostile.arm(await treasury.getAddress(), fund(free - 1_000n))).wait();
      await expect(capital.connect(erin).contribute()).to.emit(capital, "ContributionPaid");
      expect(await hostile.reentered()).to.equal(1n);
      await expectConserved(treasury, capital, balancesOf(hostile));
    });

    it("refuses a fee-on-transfer token's contribution with CapitalInexactTransfer, and its short payouts", async function () {
      const { ledger, bob, alice, grace, deployer } = await loadFixture(deployWithClosedPeriods);
      const token = await ethers.deployContract("MochaFeeToken", [100]); // 1% of each transfer burnt
      const treasury = await deployClone(ethers, "Treasury", [
        await token.getAddress(),
        await ledger.getAddress(),
        deployer.address,
        [bob.address],
        [...DEFAULT_BUCKETS],
        { ...DEFAULT_CAPITAL_SETTINGS, contribution: 1_000n },
      ]);
      const capital = await ethers.getContractAt("CapitalAccounts", await treasury.capital());
      const capitalAddress = await capital.getAddress();
      await (await token.mint(alice.address, 2_000n)).wait();
      await (await (token.connect(alice) as Contract).approve(capitalAddress, 2_000n)).wait();
      await expect(capital.connect(alice).contribute())
        .to.be.revertedWithCustomError(capital, "CapitalInexactTransfer")
        .withArgs(1_000n, 990n);
      expect(await accountOf(capital, alice.address)).to.deep.equal(EMPTY_ACCOUNT);
      expect(await capital.held()).to.equal(0n);
      expect(await token.balanceOf(await treasury.getAddress())).to.equal(0n);
      // The same token without its fee is taken: the fee was the reason.
      await (await token.setFees(0, 0)).wait();
      await expect(capital.connect(alice).contribute()).to.emit(capital, "ContributionPaid");

      await (await token.mint(grace.address, 100_000n)).wait();
      await (await (token.connect(grace) as Contract).approve(await treasury.getAddress(), 100_000n)).wait();
      await (await treasury.connect(grace).payIn(100_000n, PAYMENT_REF)).wait();
      await (await capital.connect(deployer).closeYear(2, 50_000n)).wait();
      const cash = (await capital.currentAccountOf(alice.address)).cash;
      expect(cash).to.equal((((((50_000n * 6_000n) / BPS) * 2_000n) / BPS) * 1_300n) / 5_533n);
      await (await token.setFees(0, 100)).wait(); // the sender pays 1% on top
      await expect(capital.connect(alice).claimCash())
        .to.be.revertedWithCustomError(treasury, "TreasuryInexactTransfer")
        .withArgs(cash, cash + cash / 100n);
      expect(await capital.cashOwed()).to.equal((((50_000n * 6_000n) / BPS) * 2_000n) / BPS);
    });
  });

  describe("gas", function () {
    interface Costs {
      contribute: bigint;
      closeYear: bigint;
      settle: bigint;
      claimCash: bigint;
      startRedemption: bigint;
      redeemFirst: bigint;
      redeemLast: bigint;
    }
    const LABELS: Record<keyof Costs, string> = {
      contribute: "contribute",
      closeYear: "closeYear (4 periods)",
      settle: "settle (1 year)",
      claimCash: "claimCash (settled)",
      startRedemption: "startRedemption",
      redeemFirst: "redeem (first instalment)",
      redeemLast: "redeem (last instalments)",
    };
    const PERIODS = 4;
    /** The same member in both measures, so that the calldata naming them costs the same. */
    const CLAIMANT_KEY = keccakId("capital gas claimant");

    /**
     * `members` in all: the fixture's six, random Committed members admitted by the timelock, and last the
     * claimant, Committed, who contributes 250 euros. In each of periods 1-4 the claimant logs 100 livelihood credits
     * (alice approves) and alice 300 (bob approves); grace pays in 10,000 euros; bob closes the year with 1,000 of it;
     * alice settles the claimant, who claims their cash, leaves, and is paid a third of their account a year after
     * alice starts the redemption and the rest two years later.
     */
    async function measure(disco: DisCO, members: number): Promise<Costs> {
      const { ledger, membership, treasury, capital, admin, alice, bob, grace } = disco;
      const token = await currencyOf(treasury);
      const extra = members - Number(await membership.memberCount()) - 1;
      for (let i = 0; i < extra; i++) {
        const address = ethers.Wallet.createRandom().address;
        await membership.connect(admin).admit(address, Stage.Committed, Constituency.worker, ZeroAddress);
      }
      const claimant = new ethers.Wallet(CLAIMANT_KEY, ethers.provider);
      await networkHelpers.setBalance(claimant.address, ethers.parseEther("1"));
      await (
        await membership.connect(admin).admit(claimant.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      expect(await membership.memberCount()).to.equal(BigInt(members));
      await (await capital.connect(admin).setSettings(WITH_CONTRIBUTION)).wait();

      await faucet(token, claimant, CONTRIBUTION);
      await (await token.connect(claimant).approve(await capital.getAddress(), CONTRIBUTION)).wait();
      const contributed = await (await capital.connect(claimant).contribute()).wait();
      for (let period = 1; period <= PERIODS; period++) {
        await logApproved(ledger, claimant, Stream.Livelihood, 100, alice);
        await logApproved(ledger, alice, Stream.Livelihood, 300, bob);
        await closeFinal(ledger, bob);
      }
      await payIn(treasury, grace, 10_000n * EURO, PAYMENT_REF);
      const closed = await (await capital.connect(admin).closeYear(PERIODS, 1_000n * EURO)).wait();
      const settled = await (await capital.connect(alice).settle(claimant.address)).wait();
      const claimed = await (await capital.connect(claimant).claimCash()).wait();
      await (await membership.connect(claimant).leave()).wait();
      const started = await (await capital.connect(alice).startRedemption(claimant.address)).wait();
      await time.increase(YEAR);
      const first = await (await capital.connect(claimant).redeem()).wait();
      await time.increase(2 * YEAR);
      const last = await (await capital.connect(claimant).redeem()).wait();
      // A quarter of the patronage: 30 euros of cash (1,000 x 60% x 20% / 4), and an account of 187.5 + 120 euros.
      expect(await token.balanceOf(claimant.address)).to.equal(30n * EURO + 307_500_000n);
      return {
        contribute: contributed!.gasUsed,
        closeYear: closed!.gasUsed,
        settle: settled!.gasUsed,
        claimCash: claimed!.gasUsed,
        startRedemption: started!.gasUsed,
        redeemFirst: first!.gasUsed,
        redeemLast: last!.gasUsed,
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

    // Absolute figures are the benchmark's to print: this suite also runs under coverage instrumentation.
    it("costs the same to close a year, settle, claim cash and redeem with 10 members as with 10,000", async function () {
      expect(large).to.deep.equal(small);
    });
  });
});
