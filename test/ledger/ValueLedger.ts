import { expect } from "chai";
import { id as keccakId, type Signer } from "ethers";
import { calls, connection, Constituency, deployWithAdmin, Stage } from "../helpers/disco.ts";
import { DEFAULT_LEDGER_SETTINGS } from "../../ignition/modules/DisCO.ts";
import { minedAt } from "../helpers/expect.ts";
import { deployClone, ledgerSettings, uninitialisedClone } from "../helpers/clones.ts";
import { PROPOSAL_KINDS, PROPOSAL_STATES, Support } from "@disco-ledger/sdk/governance";
import { TREASURER_ROLE } from "@disco-ledger/sdk/ledger";
import { closeVoting, enact, openVoting, propose } from "../../scripts/lib/drive.ts";
import type { IValueLedger, ValueLedger } from "../../types/ethers-contracts/index.js";

/*
 * The value ledger on the deployment that production uses (the Ignition module, through the fixture), with the
 * timelock impersonated for the settings and dispute resolutions that the members would otherwise vote on. The
 * "governance" tests go through the real governor instead. Every expected total is worked out here, from the
 * amounts logged and DESIGN.md's weights, never read back from the contract.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress, ZeroHash } = ethers;
const { loadFixture } = networkHelpers;
const time = networkHelpers.time;

const Stream = { Livelihood: 0, Love: 1, Care: 2 } as const;
const STREAMS = [Stream.Livelihood, Stream.Love, Stream.Care] as const;
const Status = { None: 0, Pending: 1, Counted: 2, Disputed: 3, Rejected: 4, Withdrawn: 5, Lapsed: 6 } as const;
const BPS = 10_000n;
const DEFAULT_ADMIN_ROLE = ZeroHash;
const EVIDENCE = keccakId("timesheet, March");
const URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
/** DESIGN.md's weights, by Stage number then Stream (stage None has none). */
const DEFAULT_WEIGHTS: Record<number, readonly [number, number, number]> = {
  [Stage.None]: [0, 0, 0],
  [Stage.Casual]: [0, 0, 0],
  [Stage.Dating1]: [0, 10_000, 0],
  [Stage.Dating2]: [5_000, 10_000, 0],
  [Stage.Dating3]: [7_500, 10_000, 0],
  [Stage.Committed]: [10_000, 10_000, 10_000],
};
type DisCO = Awaited<ReturnType<typeof deployWithAdmin>>;
type Triple = [bigint, bigint, bigint];
interface Sums {
  historical: Triple;
  payable: Triple;
}
const NOTHING: Sums = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };
const state = (name: (typeof PROPOSAL_STATES)[number]): bigint => BigInt(PROPOSAL_STATES.indexOf(name));
const kind = (name: (typeof PROPOSAL_KINDS)[number]): bigint => BigInt(PROPOSAL_KINDS.indexOf(name));
const selector = (signature: string): string => keccakId(signature).slice(0, 10);
/** DESIGN.md's review window: 3 days. */
const REVIEW_WINDOW = 3n * 24n * 3600n;

/** Totals as plain arrays, so that deep equality and failure messages are about numbers only. */
function sums(totals: IValueLedger.TotalsStructOutput): Sums {
  const [h, p] = [totals.historical, totals.payable_];
  return { historical: [h[0], h[1], h[2]], payable: [p[0], p[1], p[2]] };
}

/** The caller logs work in the open period with the standard evidence; returns the new entry's id. */
async function logWork(ledger: ValueLedger, author: Signer, stream: number, amount: bigint | number): Promise<bigint> {
  const period = await ledger.currentPeriod();
  await (await ledger.connect(author).logWork(stream, amount, period, EVIDENCE, URI)).wait();
  return ledger.entryCount();
}

async function approve(ledger: ValueLedger, reviewer: Signer, entryId: bigint): Promise<void> {
  await (await ledger.connect(reviewer).approve(entryId)).wait();
}

async function closePeriod(disco: DisCO): Promise<void> {
  await (await disco.ledger.connect(disco.bob).closePeriod()).wait();
}

/** Moves the clock to the moment the period's review window ends (its finalAt). */
async function waitUntilFinal(ledger: ValueLedger, period: number): Promise<bigint> {
  const { finalAt } = await ledger.periodInfo(period);
  await time.increaseTo(finalAt);
  return finalAt;
}

interface ExpectedEntry {
  author: string;
  period: number;
  weightBps: number;
  stream: number;
  status: number;
  approvals: number;
  approvalsRequired: number;
  amount: bigint | number;
}

/** Asserts an entry field by field, so a failure names the field that differs. */
async function expectEntry(ledger: ValueLedger, entryId: bigint, expected: Partial<ExpectedEntry>): Promise<void> {
  const actual = await ledger.entry(entryId);
  for (const [field, value] of Object.entries(expected)) {
    const want = typeof value === "string" ? value : BigInt(value);
    expect(actual[field as keyof ExpectedEntry], `entry ${entryId} ${field}`).to.equal(want);
  }
}

/** What amount x weight pays, rounded down as the ledger must. */
const payableOf = (amount: bigint | number, weightBps: number): bigint => (BigInt(amount) * BigInt(weightBps)) / BPS;

/** The fixture plus grace admitted as Dating1 and heidi as Dating3 (both mentored by alice): every stage present. */
async function deployWithEveryStage() {
  const disco = await deployWithAdmin();
  const { membership, admin, alice, grace, heidi } = disco;
  await (
    await membership.connect(admin).admit(grace.address, Stage.Dating1, Constituency.worker, alice.address)
  ).wait();
  await (
    await membership.connect(admin).admit(heidi.address, Stage.Dating3, Constituency.worker, alice.address)
  ).wait();
  return disco;
}

/** The fixture with one pending entry of alice's: 1,000 livelihood credits in period 1 (entry 1). */
async function deployWithPendingEntry() {
  const disco = await deployWithAdmin();
  const entryId = await logWork(disco.ledger, disco.alice, Stream.Livelihood, 1_000);
  return { ...disco, entryId };
}

describe("ValueLedger", function () {
  describe("deployment", function () {
    it("applies the module's default weights, caps, approvals and minimum contribution", async function () {
      const { ledger, membership } = await loadFixture(deployWithAdmin);
      for (const stage of [Stage.Casual, Stage.Dating1, Stage.Dating2, Stage.Dating3, Stage.Committed]) {
        for (const stream of STREAMS) {
          expect(await ledger.weightOf(stage, stream), `weight stage ${stage} stream ${stream}`).to.equal(
            BigInt(DEFAULT_WEIGHTS[stage][stream]),
          );
        }
      }
      for (const stream of STREAMS) {
        expect(await ledger.weightOf(Stage.None, stream)).to.equal(0n);
        expect(await ledger.capOf(stream), `cap ${stream}`).to.equal(0n);
      }
      expect(await ledger.approvalsRequired()).to.equal(1n);
      expect(await ledger.minimumContribution()).to.deep.equal([40_000n, 3n]);
      expect(await ledger.membership()).to.equal(await membership.getAddress());
      expect(await ledger.currentPeriod()).to.equal(1n);
      expect(await ledger.entryCount()).to.equal(0n);
      expect(await ledger.TREASURER_ROLE()).to.equal(TREASURER_ROLE);
      expect(await ledger.MAX_APPROVALS()).to.equal(16n);
      expect(await ledger.MAX_WINDOW()).to.equal(12n);
      expect(await ledger.MAX_NOTE_LENGTH()).to.equal(256n);
      expect(await ledger.MAX_AMOUNT()).to.equal(10n ** 12n);
    });

    it("opens period 1 at deployment with PeriodOpened", async function () {
      const { ledger } = await loadFixture(deployWithAdmin);
      const opened = await ledger.queryFilter(ledger.filters.PeriodOpened());
      expect(opened.length).to.equal(1);
      const block = await ethers.provider.getBlock(opened[0].blockNumber);
      expect([opened[0].args.period, opened[0].args.openedAt]).to.deep.equal([1n, BigInt(block!.timestamp)]);
      expect(await ledger.periodInfo(1)).to.deep.equal([BigInt(block!.timestamp), 0n, 0n, 0n]);
      expect(await ledger.periodInfo(2)).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(await ledger.reviewWindow()).to.equal(REVIEW_WINDOW);
      expect(await ledger.isFinal(1)).to.equal(false);
    });

    it("grants TREASURER_ROLE to the founding treasurers and the admin role to the timelock alone", async function () {
      const { ledger, timelockAddress, governor, deployer, alice, bob } = await loadFixture(deployWithAdmin);
      const grants = await ledger.queryFilter(ledger.filters.RoleGranted());
      expect(grants.map((log) => [log.args.role, log.args.account])).to.deep.equal([
        [DEFAULT_ADMIN_ROLE, timelockAddress],
        [TREASURER_ROLE, bob.address],
      ]);
      expect(await ledger.hasRole(DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
      expect(await ledger.hasRole(TREASURER_ROLE, bob.address)).to.equal(true);
      for (const other of [deployer.address, await governor.getAddress(), alice.address, bob.address]) {
        expect(await ledger.hasRole(DEFAULT_ADMIN_ROLE, other), other).to.equal(false);
      }
      expect(await ledger.hasRole(TREASURER_ROLE, alice.address)).to.equal(false);
      expect(await ledger.hasRole(TREASURER_ROLE, timelockAddress)).to.equal(false);
      expect(await ledger.getRoleAdmin(TREASURER_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
    });

    it("takes any valid settings and several treasurers when deployed directly", async function () {
      const { membership, timelockAddress, carol, dave } = await loadFixture(deployWithAdmin);
      const settings = {
        weights: [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
          [10, 11, 12],
          [10_000, 9_999, 0],
        ],
        caps: [100, 0, 2_500],
        approvalsRequired: 16,
        minimumCredits: 12_345,
        minimumPeriods: 12,
        reviewWindow: 3_600,
      };
      const ledger = await deployClone(ethers, "ValueLedger", [
        await membership.getAddress(),
        timelockAddress,
        [carol.address, dave.address],
        settings,
      ]);
      const deployment = ledger.deploymentTransaction()!;
      const openedAt = await minedAt(deployment);
      await expect(deployment).to.emit(ledger, "PeriodOpened").withArgs(1, openedAt);
      await expect(deployment).to.emit(ledger, "WeightSet").withArgs(Stage.Dating2, Stream.Care, 9);
      await expect(deployment).to.emit(ledger, "CapSet").withArgs(Stream.Care, 2_500);
      await expect(deployment).to.emit(ledger, "ApprovalsRequiredSet").withArgs(16);
      await expect(deployment).to.emit(ledger, "MinimumContributionSet").withArgs(12_345, 12);
      await expect(deployment).to.emit(ledger, "ReviewWindowSet").withArgs(3_600);
      const receipt = await deployment.wait();
      const weightEvents = receipt!.logs.filter(
        (log) => log.topics[0] === ledger.interface.getEvent("WeightSet").topicHash,
      );
      expect(weightEvents.length).to.equal(15);

      const stages = [Stage.Casual, Stage.Dating1, Stage.Dating2, Stage.Dating3, Stage.Committed];
      for (const [s, stage] of stages.entries()) {
        for (const stream of STREAMS) {
          expect(await ledger.weightOf(stage, stream)).to.equal(BigInt(settings.weights[s][stream]));
        }
      }
      expect([await ledger.capOf(0), await ledger.capOf(1), await ledger.capOf(2)]).to.deep.equal([100n, 0n, 2_500n]);
      expect(await ledger.approvalsRequired()).to.equal(16n);
      expect(await ledger.minimumContribution()).to.deep.equal([12_345n, 12n]);
      expect(await ledger.hasRole(TREASURER_ROLE, carol.address)).to.equal(true);
      expect(await ledger.hasRole(TREASURER_ROLE, dave.address)).to.equal(true);
      expect(await ledger.hasRole(DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
      expect(await ledger.reviewWindow()).to.equal(3_600n);
      expect(await ledger.periodInfo(1)).to.deep.equal([openedAt, 0n, 0n, 0n]);
    });

    it("reverts when a weight is above 10,000 basis points", async function () {
      const { ledger, membership, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(ethers, "ValueLedger", await membership.getAddress());
      const weights = DEFAULT_LEDGER_SETTINGS.weights.map((row) => [...row]);
      weights[2][0] = 10_001; // Dating2 livelihood
      await expect(fresh.initialize(timelockAddress, [], ledgerSettings({ ...DEFAULT_LEDGER_SETTINGS, weights })))
        .to.be.revertedWithCustomError(ledger, "LedgerInvalidWeight")
        .withArgs(Stage.Dating2, 10_001);
    });

    it("reverts when more than 16 approvals are required", async function () {
      const { ledger, membership, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(ethers, "ValueLedger", await membership.getAddress());
      await expect(
        fresh.initialize(timelockAddress, [], ledgerSettings({ ...DEFAULT_LEDGER_SETTINGS, approvalsRequired: 17 })),
      )
        .to.be.revertedWithCustomError(ledger, "LedgerInvalidApprovals")
        .withArgs(17);
    });

    it("reverts when the minimum contribution's window is 0 or more than 12 periods", async function () {
      const { ledger, membership, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(ethers, "ValueLedger", await membership.getAddress());
      for (const minimumPeriods of [0, 13]) {
        await expect(
          fresh.initialize(timelockAddress, [], ledgerSettings({ ...DEFAULT_LEDGER_SETTINGS, minimumPeriods })),
        )
          .to.be.revertedWithCustomError(ledger, "LedgerInvalidWindow")
          .withArgs(minimumPeriods);
      }
    });
  });

  describe("logWork", function () {
    it("logs work in each stream, in hundredths, as a pending entry", async function () {
      const { ledger, alice } = await loadFixture(deployWithAdmin);
      const amounts = { [Stream.Livelihood]: 100, [Stream.Love]: 1_250, [Stream.Care]: 25 }; // 1 credit, 12.5, ¼ hour
      for (const stream of STREAMS) {
        const entryId = BigInt(stream + 1);
        await expect(ledger.connect(alice).logWork(stream, amounts[stream], 1, EVIDENCE, URI))
          .to.emit(ledger, "EntryLogged")
          .withArgs(entryId, alice.address, 1, stream, amounts[stream], 10_000, EVIDENCE, URI);
        await expectEntry(ledger, entryId, {
          author: alice.address,
          period: 1,
          weightBps: 10_000,
          stream,
          status: Status.Pending,
          approvals: 0,
          approvalsRequired: 1,
          amount: amounts[stream],
        });
      }
      expect(await ledger.entryCount()).to.equal(3n);
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([100n, 1_250n, 25n]);
      // Pending entries are not in any total.
      expect(sums(await ledger.memberPeriodTotals(alice.address, 1))).to.deep.equal(NOTHING);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(NOTHING);
      expect(sums(await ledger.lifetimeTotals(alice.address))).to.deep.equal(NOTHING);
    });

    it("returns the new entry's id", async function () {
      const { ledger, alice, bob } = await loadFixture(deployWithAdmin);
      expect(await ledger.connect(alice).logWork.staticCall(Stream.Love, 1, 1, EVIDENCE, "")).to.equal(1n);
      await logWork(ledger, alice, Stream.Love, 1);
      expect(await ledger.connect(bob).logWork.staticCall(Stream.Love, 1, 1, EVIDENCE, "")).to.equal(2n);
    });

    it("lets a Casual member log love and care but not livelihood", async function () {
      const { ledger, frank } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(frank).logWork(Stream.Livelihood, 100, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerStreamNotAllowed")
        .withArgs(Stage.Casual, Stream.Livelihood);
      await expect(ledger.connect(frank).logWork(Stream.Love, 100, 1, EVIDENCE, URI))
        .to.emit(ledger, "EntryLogged")
        .withArgs(1, frank.address, 1, Stream.Love, 100, 0, EVIDENCE, URI);
      await expect(ledger.connect(frank).logWork(Stream.Care, 50, 1, EVIDENCE, URI))
        .to.emit(ledger, "EntryLogged")
        .withArgs(2, frank.address, 1, Stream.Care, 50, 0, EVIDENCE, URI);
      expect(await ledger.loggedInPeriod(frank.address, 1)).to.deep.equal([0n, 100n, 50n]);
    });

    it("reverts when the caller is not a member, or no longer one", async function () {
      const { ledger, membership, grace, dave } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(grace).logWork(Stream.Love, 100, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerNotMember")
        .withArgs(grace.address);
      await (await membership.connect(dave).leave()).wait();
      await expect(ledger.connect(dave).logWork(Stream.Care, 100, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerNotMember")
        .withArgs(dave.address);
    });

    it("reverts when the amount is zero", async function () {
      const { ledger, alice } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(alice).logWork(Stream.Love, 0, 1, EVIDENCE, URI)).to.be.revertedWithCustomError(
        ledger,
        "LedgerZeroAmount",
      );
    });

    it("reverts when the stream is unknown (3, 255)", async function () {
      const { ledger, alice } = await loadFixture(deployWithAdmin);
      for (const stream of [3, 255]) {
        await expect(ledger.connect(alice).logWork(stream, 100, 1, EVIDENCE, URI))
          .to.be.revertedWithCustomError(ledger, "LedgerUnknownStream")
          .withArgs(stream);
      }
    });

    it("reverts when the period is not the open one (past or future)", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, alice } = disco;
      for (const period of [0, 2, 7]) {
        await expect(ledger.connect(alice).logWork(Stream.Love, 100, period, EVIDENCE, URI))
          .to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen")
          .withArgs(period, 1);
      }
      await closePeriod(disco);
      for (const period of [1, 3]) {
        await expect(ledger.connect(alice).logWork(Stream.Love, 100, period, EVIDENCE, URI))
          .to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen")
          .withArgs(period, 2);
      }
    });

    it("reverts when the evidence hash is zero or its URI is longer than 256 bytes", async function () {
      const { ledger, alice } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(alice).logWork(Stream.Love, 100, 1, ZeroHash, URI)).to.be.revertedWithCustomError(
        ledger,
        "LedgerInvalidEvidence",
      );
      await expect(
        ledger.connect(alice).logWork(Stream.Love, 100, 1, EVIDENCE, "a".repeat(257)),
      ).to.be.revertedWithCustomError(ledger, "LedgerInvalidEvidence");
      // Bytes, not characters: 129 two-byte characters are 258 bytes.
      await expect(
        ledger.connect(alice).logWork(Stream.Love, 100, 1, EVIDENCE, "é".repeat(129)),
      ).to.be.revertedWithCustomError(ledger, "LedgerInvalidEvidence");
      // The limits themselves are accepted, and a URI is optional.
      for (const uri of ["a".repeat(256), "é".repeat(128), ""]) {
        await expect(ledger.connect(alice).logWork(Stream.Love, 100, 1, EVIDENCE, uri))
          .to.emit(ledger, "EntryLogged")
          .withArgs(
            await ledger.entryCount().then((n) => n + 1n),
            alice.address,
            1,
            Stream.Love,
            100,
            10_000,
            EVIDENCE,
            uri,
          );
      }
    });

    it("reverts with the would-be total when an entry goes over the stream's cap, per member and period", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, admin, alice, bob } = disco;
      await (await ledger.connect(admin).setCap(Stream.Care, 1_000)).wait();
      const first = await logWork(ledger, alice, Stream.Care, 600);
      await expect(ledger.connect(alice).logWork(Stream.Care, 401, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Care, 1_000, 1_001);
      await logWork(ledger, alice, Stream.Care, 400); // exactly at the cap
      await expect(ledger.connect(alice).logWork(Stream.Care, 1, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Care, 1_000, 1_001);
      // Other streams and other members have their own room.
      await logWork(ledger, alice, Stream.Love, 5_000);
      await logWork(ledger, bob, Stream.Care, 1_000);
      // A withdrawn entry frees its room.
      await (await ledger.connect(alice).withdraw(first)).wait();
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([0n, 5_000n, 400n]);
      await logWork(ledger, alice, Stream.Care, 600);
      await expect(ledger.connect(alice).logWork(Stream.Care, 1, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Care, 1_000, 1_001);
      // The next period starts empty.
      await closePeriod(disco);
      await expect(ledger.connect(alice).logWork(Stream.Care, 1_001, 2, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Care, 1_000, 1_001);
      await logWork(ledger, alice, Stream.Care, 1_000);
      expect(await ledger.loggedInPeriod(alice.address, 2)).to.deep.equal([0n, 0n, 1_000n]);
    });

    it("frees cap room when a disputed entry is rejected, but not while it is only disputed", async function () {
      const { ledger, admin, alice, carol } = await loadFixture(deployWithAdmin);
      await (await ledger.connect(admin).setCap(Stream.Livelihood, 2_000)).wait();
      const entryId = await logWork(ledger, alice, Stream.Livelihood, 2_000);
      await (await ledger.connect(carol).dispute(entryId, "not this month's work")).wait();
      await expect(ledger.connect(alice).logWork(Stream.Livelihood, 1, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Livelihood, 2_000, 2_001);
      await (await ledger.connect(admin).resolveDispute(entryId, false)).wait();
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([0n, 0n, 0n]);
      await logWork(ledger, alice, Stream.Livelihood, 2_000);
    });

    it("reverts when the amount is above MAX_AMOUNT, so that no entry can overflow the totals", async function () {
      const { ledger, alice, bob } = await loadFixture(deployWithAdmin);
      const max = await ledger.MAX_AMOUNT();
      for (const amount of [max + 1n, 2n ** 64n - 1n]) {
        await expect(ledger.connect(alice).logWork(Stream.Love, amount, 1, EVIDENCE, URI))
          .to.be.revertedWithCustomError(ledger, "LedgerAmountTooLarge")
          .withArgs(amount, max);
      }
      const entryId = await logWork(ledger, alice, Stream.Love, max);
      await approve(ledger, bob, entryId);
      expect((await ledger.periodTotals(1)).historical).to.deep.equal([0n, max, 0n]);
    });

    it("gives each entry its author's stage weight at logging time", async function () {
      const { ledger, alice, erin, frank, grace, heidi } = await loadFixture(deployWithEveryStage);
      const authors: ReadonlyArray<readonly [Signer, number]> = [
        [frank, Stage.Casual],
        [grace, Stage.Dating1],
        [erin, Stage.Dating2],
        [heidi, Stage.Dating3],
        [alice, Stage.Committed],
      ];
      for (const [author, stage] of authors) {
        for (const stream of STREAMS) {
          if (stage === Stage.Casual && stream === Stream.Livelihood) continue;
          const weight = DEFAULT_WEIGHTS[stage][stream];
          const entryId = (await ledger.entryCount()) + 1n;
          await expect(ledger.connect(author).logWork(stream, 1_000, 1, EVIDENCE, URI))
            .to.emit(ledger, "EntryLogged")
            .withArgs(entryId, await author.getAddress(), 1, stream, 1_000, weight, EVIDENCE, URI);
          await expectEntry(ledger, entryId, { weightBps: weight, stream });
        }
      }
      // Spot checks against DESIGN.md's numbers, written out.
      const weightsOf = async (from: bigint, count: number) => {
        const weights: bigint[] = [];
        for (let i = 0n; i < BigInt(count); i++) weights.push((await ledger.entry(from + i)).weightBps);
        return weights;
      };
      expect(await weightsOf(3n, 3)).to.deep.equal([0n, 10_000n, 0n]); // Dating1
      expect(await weightsOf(6n, 3)).to.deep.equal([5_000n, 10_000n, 0n]); // Dating2
      expect(await weightsOf(9n, 3)).to.deep.equal([7_500n, 10_000n, 0n]); // Dating3
      expect(await weightsOf(12n, 3)).to.deep.equal([10_000n, 10_000n, 10_000n]); // Committed
    });

    it("keeps an entry's weight when its author's stage or the weights change later", async function () {
      const { ledger, membership, admin, alice, bob, erin } = await loadFixture(deployWithAdmin);
      const asDating2 = await logWork(ledger, erin, Stream.Livelihood, 1_000);
      const asCommitted = await logWork(ledger, alice, Stream.Livelihood, 1_000);
      await (await membership.connect(admin).changeStage(erin.address, Stage.Committed, ZeroAddress)).wait();
      await (await ledger.connect(admin).setWeight(Stage.Committed, Stream.Livelihood, 8_000)).wait();
      await expectEntry(ledger, asDating2, { weightBps: 5_000 });
      await expectEntry(ledger, asCommitted, { weightBps: 10_000 });

      await expect(ledger.connect(bob).approve(asDating2))
        .to.emit(ledger, "EntryCounted")
        .withArgs(asDating2, erin.address, 1, Stream.Livelihood, 1_000, 500);
      await expect(ledger.connect(bob).approve(asCommitted))
        .to.emit(ledger, "EntryCounted")
        .withArgs(asCommitted, alice.address, 1, Stream.Livelihood, 1_000, 1_000);
      // Entries logged from now on take the new stage and weight.
      const later = await logWork(ledger, erin, Stream.Livelihood, 1_000);
      await expectEntry(ledger, later, { weightBps: 8_000 });
      await expect(ledger.connect(bob).approve(later))
        .to.emit(ledger, "EntryCounted")
        .withArgs(later, erin.address, 1, Stream.Livelihood, 1_000, 800);
      expect(sums(await ledger.memberPeriodTotals(erin.address, 1))).to.deep.equal({
        historical: [2_000n, 0n, 0n],
        payable: [1_300n, 0n, 0n],
      });
    });

    it("counts an entry in the same transaction when no approval is required", async function () {
      const { ledger, admin, alice, erin } = await loadFixture(deployWithAdmin);
      await (await ledger.connect(admin).setApprovalsRequired(0)).wait();
      const tx = ledger.connect(erin).logWork(Stream.Livelihood, 333, 1, EVIDENCE, URI);
      await expect(tx)
        .to.emit(ledger, "EntryLogged")
        .withArgs(1, erin.address, 1, Stream.Livelihood, 333, 5_000, EVIDENCE, URI);
      await expect(tx).to.emit(ledger, "EntryCounted").withArgs(1, erin.address, 1, Stream.Livelihood, 333, 166);
      const receipt = await (await tx).wait();
      const names = receipt!.logs.map((log) => ledger.interface.parseLog(log)?.name);
      expect(names).to.deep.equal(["EntryLogged", "EntryCounted"]);
      await expectEntry(ledger, 1n, { status: Status.Counted, approvals: 0, approvalsRequired: 0 });
      expect(sums(await ledger.memberPeriodTotals(erin.address, 1))).to.deep.equal({
        historical: [333n, 0n, 0n],
        payable: [166n, 0n, 0n],
      });
      await expect(ledger.connect(alice).approve(1))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(1, Status.Counted);
    });
  });

  describe("approve", function () {
    it("counts an entry at the first approval by default, paying amount x weight rounded down", async function () {
      const { ledger, alice, bob, erin } = await loadFixture(deployWithAdmin);
      const entryId = await logWork(ledger, erin, Stream.Livelihood, 333);
      expect(await ledger.hasApproved(entryId, alice.address)).to.equal(false);
      const tx = ledger.connect(alice).approve(entryId);
      await expect(tx).to.emit(ledger, "EntryApproved").withArgs(entryId, alice.address, 1);
      await expect(tx)
        .to.emit(ledger, "EntryCounted")
        .withArgs(entryId, erin.address, 1, Stream.Livelihood, 333, payableOf(333, 5_000));
      expect(payableOf(333, 5_000)).to.equal(166n);
      expect(await ledger.hasApproved(entryId, alice.address)).to.equal(true);
      expect(await ledger.hasApproved(entryId, bob.address)).to.equal(false);
      await expectEntry(ledger, entryId, { status: Status.Counted, approvals: 1, approvalsRequired: 1 });
      const expected: Sums = { historical: [333n, 0n, 0n], payable: [166n, 0n, 0n] };
      expect(sums(await ledger.memberPeriodTotals(erin.address, 1))).to.deep.equal(expected);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(expected);
      expect(sums(await ledger.lifetimeTotals(erin.address))).to.deep.equal(expected);

      // Half a hundredth pays nothing: historical only.
      const tiny = await logWork(ledger, erin, Stream.Livelihood, 1);
      await expect(ledger.connect(bob).approve(tiny))
        .to.emit(ledger, "EntryCounted")
        .withArgs(tiny, erin.address, 1, Stream.Livelihood, 1, 0);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({ historical: [334n, 0n, 0n], payable: [166n, 0n, 0n] });
    });

    it("needs two approvals once the timelock requires two", async function () {
      const { ledger, admin, alice, bob, carol, dave } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(admin).setApprovalsRequired(2)).to.emit(ledger, "ApprovalsRequiredSet").withArgs(2);
      const entryId = await logWork(ledger, alice, Stream.Love, 700);
      await expectEntry(ledger, entryId, { approvalsRequired: 2 });

      const first = ledger.connect(bob).approve(entryId);
      await expect(first).to.emit(ledger, "EntryApproved").withArgs(entryId, bob.address, 1);
      await expect(first).not.to.emit(ledger, "EntryCounted");
      await expectEntry(ledger, entryId, { status: Status.Pending, approvals: 1 });
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(NOTHING);

      await expect(ledger.connect(bob).approve(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerAlreadyApproved")
        .withArgs(entryId, bob.address);

      const second = ledger.connect(carol).approve(entryId);
      await expect(second).to.emit(ledger, "EntryApproved").withArgs(entryId, carol.address, 2);
      await expect(second).to.emit(ledger, "EntryCounted").withArgs(entryId, alice.address, 1, Stream.Love, 700, 700);
      await expectEntry(ledger, entryId, { status: Status.Counted, approvals: 2 });
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({ historical: [0n, 700n, 0n], payable: [0n, 700n, 0n] });
      await expect(ledger.connect(dave).approve(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Counted);
    });

    it("keeps the approvals an entry needs as they were when it was logged", async function () {
      const { ledger, admin, alice, bob, carol } = await loadFixture(deployWithAdmin);
      const underOne = await logWork(ledger, alice, Stream.Care, 100);
      await (await ledger.connect(admin).setApprovalsRequired(2)).wait();
      const underTwo = await logWork(ledger, alice, Stream.Care, 200);
      await (await ledger.connect(admin).setApprovalsRequired(1)).wait();

      await expect(ledger.connect(bob).approve(underOne)).to.emit(ledger, "EntryCounted");
      await expect(ledger.connect(bob).approve(underTwo)).not.to.emit(ledger, "EntryCounted");
      await expectEntry(ledger, underTwo, { status: Status.Pending, approvals: 1, approvalsRequired: 2 });
      await expect(ledger.connect(carol).approve(underTwo))
        .to.emit(ledger, "EntryCounted")
        .withArgs(underTwo, alice.address, 1, Stream.Care, 200, 200);
    });

    it("reverts when the author approves their own entry", async function () {
      const { ledger, alice, entryId } = await loadFixture(deployWithPendingEntry);
      await expect(ledger.connect(alice).approve(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerSelfReview")
        .withArgs(entryId);
    });

    it("reverts when the reviewer is not a Committed member", async function () {
      const { ledger, erin, frank, grace, entryId } = await loadFixture(deployWithPendingEntry);
      for (const reviewer of [erin, frank, grace]) {
        await expect(ledger.connect(reviewer).approve(entryId))
          .to.be.revertedWithCustomError(ledger, "LedgerNotCommitted")
          .withArgs(reviewer.address);
      }
    });

    it("reverts when the entry does not exist", async function () {
      const { ledger, bob } = await loadFixture(deployWithPendingEntry);
      for (const entryId of [0n, 2n, 2n ** 256n - 1n]) {
        await expect(ledger.connect(bob).approve(entryId))
          .to.be.revertedWithCustomError(ledger, "LedgerUnknownEntry")
          .withArgs(entryId);
      }
    });

    it("reverts when the entry is counted, disputed, rejected or withdrawn", async function () {
      const { ledger, admin, alice, bob, carol, dave } = await loadFixture(deployWithAdmin);
      const counted = await logWork(ledger, alice, Stream.Love, 100);
      await approve(ledger, bob, counted);
      const disputed = await logWork(ledger, alice, Stream.Love, 200);
      await (await ledger.connect(bob).dispute(disputed, "duplicate")).wait();
      const rejected = await logWork(ledger, alice, Stream.Love, 300);
      await (await ledger.connect(bob).dispute(rejected, "not love work")).wait();
      await (await ledger.connect(admin).resolveDispute(rejected, false)).wait();
      const withdrawn = await logWork(ledger, alice, Stream.Love, 400);
      await (await ledger.connect(alice).withdraw(withdrawn)).wait();
      for (const [entryId, status] of [
        [counted, Status.Counted],
        [disputed, Status.Disputed],
        [rejected, Status.Rejected],
        [withdrawn, Status.Withdrawn],
      ] as const) {
        await expect(ledger.connect(carol).approve(entryId))
          .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
          .withArgs(entryId, status);
        await expectEntry(ledger, entryId, { status });
      }
      expect(await ledger.hasApproved(disputed, dave.address)).to.equal(false);
    });

    it("reverts once the entry's period is closed", async function () {
      const disco = await loadFixture(deployWithPendingEntry);
      await closePeriod(disco);
      await expect(disco.ledger.connect(disco.carol).approve(disco.entryId))
        .to.be.revertedWithCustomError(disco.ledger, "LedgerPeriodNotOpen")
        .withArgs(1, 2);
    });
  });

  describe("dispute and resolveDispute", function () {
    it("disputes a pending entry, which then counts only when governance accepts it", async function () {
      const { ledger, admin, alice, carol, dave, entryId } = await loadFixture(deployWithPendingEntry);
      const reason = "no evidence of this client";
      const tx = ledger.connect(carol).dispute(entryId, reason);
      await expect(tx).to.emit(ledger, "EntryDisputed").withArgs(entryId, carol.address, reason);
      await expect(tx).not.to.emit(ledger, "EntryUncounted");
      await expectEntry(ledger, entryId, { status: Status.Disputed });
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([1_000n, 0n, 0n]);

      const resolution = ledger.connect(admin).resolveDispute(entryId, true);
      await expect(resolution).to.emit(ledger, "DisputeResolved").withArgs(entryId, true);
      await expect(resolution)
        .to.emit(ledger, "EntryCounted")
        .withArgs(entryId, alice.address, 1, Stream.Livelihood, 1_000, 1_000);
      await expectEntry(ledger, entryId, { status: Status.Counted, approvals: 0 });
      expect((await ledger.entry(entryId)).settled).to.equal(true);
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(0n);
      // Accepted by the members, it is settled: nobody can send it back to a vote.
      await expect(ledger.connect(dave).dispute(entryId, "again"))
        .to.be.revertedWithCustomError(ledger, "LedgerDisputeSettled")
        .withArgs(entryId);
      const expected: Sums = { historical: [1_000n, 0n, 0n], payable: [1_000n, 0n, 0n] };
      expect(sums(await ledger.memberPeriodTotals(alice.address, 1))).to.deep.equal(expected);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(expected);
      expect(sums(await ledger.lifetimeTotals(alice.address))).to.deep.equal(expected);
    });

    it("takes a counted entry out of every total while it is disputed", async function () {
      const { ledger, admin, alice, bob, dave, erin } = await loadFixture(deployWithAdmin);
      const other = await logWork(ledger, bob, Stream.Livelihood, 400);
      await approve(ledger, alice, other);
      const entryId = await logWork(ledger, erin, Stream.Livelihood, 1_001);
      await approve(ledger, alice, entryId);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({
        historical: [1_401n, 0n, 0n],
        payable: [900n, 0n, 0n], // 400 + 1,001 x 50% rounded down
      });

      const tx = ledger.connect(dave).dispute(entryId, "hours billed twice");
      await expect(tx)
        .to.emit(ledger, "EntryUncounted")
        .withArgs(entryId, erin.address, 1, Stream.Livelihood, 1_001, 500);
      await expect(tx).to.emit(ledger, "EntryDisputed").withArgs(entryId, dave.address, "hours billed twice");
      await expectEntry(ledger, entryId, { status: Status.Disputed, approvals: 1 });
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      expect(sums(await ledger.memberPeriodTotals(erin.address, 1))).to.deep.equal(NOTHING);
      expect(sums(await ledger.lifetimeTotals(erin.address))).to.deep.equal(NOTHING);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({ historical: [400n, 0n, 0n], payable: [400n, 0n, 0n] });
      // Still logged: its room under a cap is only freed by a rejection.
      expect(await ledger.loggedInPeriod(erin.address, 1)).to.deep.equal([1_001n, 0n, 0n]);

      await expect(ledger.connect(admin).resolveDispute(entryId, true))
        .to.emit(ledger, "EntryCounted")
        .withArgs(entryId, erin.address, 1, Stream.Livelihood, 1_001, 500);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({
        historical: [1_401n, 0n, 0n],
        payable: [900n, 0n, 0n],
      });
      expect(sums(await ledger.lifetimeTotals(erin.address))).to.deep.equal({
        historical: [1_001n, 0n, 0n],
        payable: [500n, 0n, 0n],
      });
    });

    it("rejects a disputed entry for good when governance says so", async function () {
      const { ledger, admin, alice, bob, carol, entryId } = await loadFixture(deployWithPendingEntry);
      await approve(ledger, bob, entryId);
      await (await ledger.connect(carol).dispute(entryId, "invented")).wait();
      const tx = ledger.connect(admin).resolveDispute(entryId, false);
      await expect(tx).to.emit(ledger, "DisputeResolved").withArgs(entryId, false);
      await expect(tx).not.to.emit(ledger, "EntryCounted");
      await expectEntry(ledger, entryId, { status: Status.Rejected });
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(0n);
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([0n, 0n, 0n]);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(NOTHING);
      expect(sums(await ledger.lifetimeTotals(alice.address))).to.deep.equal(NOTHING);
      for (const call of [
        () => ledger.connect(admin).resolveDispute(entryId, true),
        () => ledger.connect(carol).dispute(entryId, "again"),
        () => ledger.connect(alice).withdraw(entryId),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
          .withArgs(entryId, Status.Rejected);
      }
    });

    it("reverts when the author disputes their own entry", async function () {
      const { ledger, alice, entryId } = await loadFixture(deployWithPendingEntry);
      await expect(ledger.connect(alice).dispute(entryId, "mine"))
        .to.be.revertedWithCustomError(ledger, "LedgerSelfReview")
        .withArgs(entryId);
    });

    it("reverts when the disputer is not a Committed member", async function () {
      const { ledger, erin, frank, grace, entryId } = await loadFixture(deployWithPendingEntry);
      for (const disputer of [erin, frank, grace]) {
        await expect(ledger.connect(disputer).dispute(entryId, "?"))
          .to.be.revertedWithCustomError(ledger, "LedgerNotCommitted")
          .withArgs(disputer.address);
      }
    });

    it("reverts when the entry is unknown, already disputed or withdrawn", async function () {
      const { ledger, alice, bob, carol, entryId } = await loadFixture(deployWithPendingEntry);
      await expect(ledger.connect(bob).dispute(9, "?"))
        .to.be.revertedWithCustomError(ledger, "LedgerUnknownEntry")
        .withArgs(9);
      await (await ledger.connect(bob).dispute(entryId, "first")).wait();
      await expect(ledger.connect(carol).dispute(entryId, "second"))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Disputed);
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      const withdrawn = await logWork(ledger, alice, Stream.Care, 100);
      await (await ledger.connect(alice).withdraw(withdrawn)).wait();
      await expect(ledger.connect(carol).dispute(withdrawn, "gone"))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(withdrawn, Status.Withdrawn);
    });

    it("reverts for a closed period's lapsed entry, and for its counted work once the review window is over", async function () {
      const disco = await loadFixture(deployWithPendingEntry);
      const { ledger, bob, carol, entryId } = disco;
      const counted = await logWork(ledger, carol, Stream.Love, 100);
      await approve(ledger, bob, counted);
      await closePeriod(disco);
      // The pending entry lapsed at closing: nothing is left to dispute.
      await expectEntry(ledger, entryId, { status: Status.Lapsed });
      await expect(ledger.connect(bob).dispute(entryId, "late"))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Lapsed);
      const { finalAt } = await ledger.periodInfo(1);
      await time.setNextBlockTimestamp(finalAt);
      for (const target of [entryId, counted]) {
        await expect(ledger.connect(bob).dispute(target, "late"))
          .to.be.revertedWithCustomError(ledger, "LedgerReviewWindowOver")
          .withArgs(target, finalAt);
      }
      await expectEntry(ledger, counted, { status: Status.Counted });
    });

    it("disputes a closed period's counted work until the last second of its review window", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, bob, carol, dave } = disco;
      const counted = await logWork(ledger, carol, Stream.Love, 100);
      await approve(ledger, bob, counted);
      await closePeriod(disco);
      const { finalAt } = await ledger.periodInfo(1);
      await time.setNextBlockTimestamp(finalAt - 1n);
      const tx = ledger.connect(dave).dispute(counted, "not love work");
      await expect(tx).to.emit(ledger, "EntryUncounted").withArgs(counted, carol.address, 1, Stream.Love, 100, 100);
      await expect(tx).to.emit(ledger, "EntryDisputed").withArgs(counted, dave.address, "not love work");
      expect(await minedAt(tx)).to.equal(finalAt - 1n);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(NOTHING);
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      expect(await ledger.isFinal(1)).to.equal(false);
      await time.increaseTo(finalAt);
      expect(await ledger.isFinal(1)).to.equal(true);
    });

    it("lets only the timelock resolve a dispute", async function () {
      const { ledger, alice, bob, carol, entryId } = await loadFixture(deployWithPendingEntry);
      await (await ledger.connect(carol).dispute(entryId, "?")).wait();
      for (const caller of [alice, bob, carol]) {
        await expect(ledger.connect(caller).resolveDispute(entryId, true))
          .to.be.revertedWithCustomError(ledger, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
      }
      await expectEntry(ledger, entryId, { status: Status.Disputed });
    });

    it("reverts when the entry to resolve is unknown or not disputed", async function () {
      const { ledger, admin, bob, entryId } = await loadFixture(deployWithPendingEntry);
      await expect(ledger.connect(admin).resolveDispute(0, true))
        .to.be.revertedWithCustomError(ledger, "LedgerUnknownEntry")
        .withArgs(0);
      await expect(ledger.connect(admin).resolveDispute(entryId, true))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Pending);
      await approve(ledger, bob, entryId);
      await expect(ledger.connect(admin).resolveDispute(entryId, false))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Counted);
    });

    it("closes a period with open disputes, which stay disputed until the members resolve them", async function () {
      const disco = await loadFixture(deployWithPendingEntry);
      const { ledger, admin, alice, bob, carol, dave, erin, entryId } = disco;
      const second = await logWork(ledger, erin, Stream.Love, 100);
      await (await ledger.connect(carol).dispute(entryId, "?")).wait();
      await (await ledger.connect(dave).dispute(second, "?")).wait();
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(2n);
      await expect(ledger.connect(bob).closePeriod()).to.emit(ledger, "PeriodClosed");
      expect(await ledger.currentPeriod()).to.equal(2n);
      await expectEntry(ledger, entryId, { status: Status.Disputed, period: 1 });
      await expectEntry(ledger, second, { status: Status.Disputed, period: 1 });
      // Accepted within the review window: it counts in its own period.
      await expect(ledger.connect(admin).resolveDispute(entryId, true))
        .to.emit(ledger, "EntryCounted")
        .withArgs(entryId, alice.address, 1, Stream.Livelihood, 1_000, 1_000);
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(1n);
      // Rejected after it: nothing counts anywhere.
      await waitUntilFinal(ledger, 1);
      const rejected = ledger.connect(admin).resolveDispute(second, false);
      await expect(rejected).to.emit(ledger, "DisputeResolved").withArgs(second, false);
      await expect(rejected).not.to.emit(ledger, "EntryMoved");
      await expectEntry(ledger, second, { status: Status.Rejected, period: 1 });
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(0n);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({
        historical: [1_000n, 0n, 0n],
        payable: [1_000n, 0n, 0n],
      });
      expect(sums(await ledger.periodTotals(2))).to.deep.equal(NOTHING);
    });
  });

  describe("withdraw", function () {
    it("lets the author withdraw a pending entry, freeing its logged amount", async function () {
      const { ledger, alice, bob, entryId } = await loadFixture(deployWithPendingEntry);
      await expect(ledger.connect(alice).withdraw(entryId)).to.emit(ledger, "EntryWithdrawn").withArgs(entryId);
      await expectEntry(ledger, entryId, { status: Status.Withdrawn, amount: 1_000, author: alice.address });
      expect(await ledger.loggedInPeriod(alice.address, 1)).to.deep.equal([0n, 0n, 0n]);
      await expect(ledger.connect(bob).approve(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Withdrawn);
      await expect(ledger.connect(alice).withdraw(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Withdrawn);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(NOTHING);
    });

    it("reverts when someone other than the author withdraws", async function () {
      const { ledger, admin, bob, grace, entryId } = await loadFixture(deployWithPendingEntry);
      for (const caller of [bob, grace, admin]) {
        await expect(ledger.connect(caller).withdraw(entryId))
          .to.be.revertedWithCustomError(ledger, "LedgerNotAuthor")
          .withArgs(entryId, caller.address);
      }
    });

    it("reverts when the entry is counted or disputed", async function () {
      const { ledger, alice, bob, carol, entryId } = await loadFixture(deployWithPendingEntry);
      await approve(ledger, bob, entryId);
      await expect(ledger.connect(alice).withdraw(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Counted);
      await (await ledger.connect(carol).dispute(entryId, "?")).wait();
      await expect(ledger.connect(alice).withdraw(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(entryId, Status.Disputed);
    });

    it("reverts when the entry is unknown or its period is closed", async function () {
      const disco = await loadFixture(deployWithPendingEntry);
      const { ledger, alice, entryId } = disco;
      await expect(ledger.connect(alice).withdraw(5))
        .to.be.revertedWithCustomError(ledger, "LedgerUnknownEntry")
        .withArgs(5);
      await closePeriod(disco);
      await expect(ledger.connect(alice).withdraw(entryId))
        .to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen")
        .withArgs(1, 2);
      await expectEntry(ledger, entryId, { status: Status.Lapsed });
    });
  });

  describe("closePeriod", function () {
    it("closes the open period and opens the next, for a treasurer", async function () {
      const { ledger, bob } = await loadFixture(deployWithAdmin);
      const openedAt = (await ledger.periodInfo(1)).openedAt;
      await time.increase(30 * 24 * 3600);
      expect(await ledger.connect(bob).closePeriod.staticCall()).to.equal(1n);
      const tx = ledger.connect(bob).closePeriod();
      const closedAt = await minedAt(tx);
      const finalAt = closedAt + REVIEW_WINDOW;
      await expect(tx).to.emit(ledger, "PeriodClosed").withArgs(1, closedAt, finalAt, bob.address);
      await expect(tx).to.emit(ledger, "PeriodOpened").withArgs(2, closedAt);
      expect(closedAt).to.be.greaterThan(openedAt);
      expect(await ledger.currentPeriod()).to.equal(2n);
      expect(await ledger.periodInfo(1)).to.deep.equal([openedAt, closedAt, 0n, finalAt]);
      expect(await ledger.periodInfo(2)).to.deep.equal([closedAt, 0n, 0n, 0n]);
      expect(await ledger.isFinal(1)).to.equal(false);
      await time.increaseTo(finalAt - 1n);
      expect(await ledger.isFinal(1)).to.equal(false);
      await time.increaseTo(finalAt);
      expect(await ledger.isFinal(1)).to.equal(true);
      expect(await ledger.isFinal(2)).to.equal(false);
      expect(await ledger.connect(bob).closePeriod.staticCall()).to.equal(2n);
    });

    it("reverts for anyone without TREASURER_ROLE, the timelock included", async function () {
      const { ledger, admin, alice, carol, grace } = await loadFixture(deployWithAdmin);
      for (const caller of [alice, carol, grace, admin]) {
        await expect(ledger.connect(caller).closePeriod())
          .to.be.revertedWithCustomError(ledger, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, TREASURER_ROLE);
      }
      expect(await ledger.currentPeriod()).to.equal(1n);
    });

    it("follows the treasurer role as the timelock grants and revokes it", async function () {
      const { ledger, admin, bob, carol } = await loadFixture(deployWithAdmin);
      await (await ledger.connect(admin).grantRole(TREASURER_ROLE, carol.address)).wait();
      const tx = ledger.connect(carol).closePeriod();
      const closedAt = await minedAt(tx);
      await expect(tx)
        .to.emit(ledger, "PeriodClosed")
        .withArgs(1, closedAt, closedAt + REVIEW_WINDOW, carol.address);
      await (await ledger.connect(admin).revokeRole(TREASURER_ROLE, bob.address)).wait();
      await expect(ledger.connect(bob).closePeriod())
        .to.be.revertedWithCustomError(ledger, "AccessControlUnauthorizedAccount")
        .withArgs(bob.address, TREASURER_ROLE);
    });

    it("freezes the closed period: only a dispute of its counted work in the review window changes it", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, admin, alice, bob, carol, erin } = disco;
      const pending = await logWork(ledger, alice, Stream.Livelihood, 900);
      const counted = await logWork(ledger, erin, Stream.Livelihood, 800);
      await approve(ledger, bob, counted);
      const wasDisputed = await logWork(ledger, carol, Stream.Care, 300);
      await (await ledger.connect(bob).dispute(wasDisputed, "?")).wait();
      await (await ledger.connect(admin).resolveDispute(wasDisputed, true)).wait();
      await closePeriod(disco);

      const snapshot = async () => ({
        period: await ledger.periodTotals(1),
        alice: await ledger.memberPeriodTotals(alice.address, 1),
        erin: await ledger.memberPeriodTotals(erin.address, 1),
        carol: await ledger.memberPeriodTotals(carol.address, 1),
        lifetimeErin: await ledger.lifetimeTotals(erin.address),
        logged: await ledger.loggedInPeriod(alice.address, 1),
        info: await ledger.periodInfo(1),
        entries: [await ledger.entry(pending), await ledger.entry(counted), await ledger.entry(wasDisputed)],
      });
      const before = await snapshot();
      expect(sums(before.period)).to.deep.equal({ historical: [800n, 0n, 300n], payable: [400n, 0n, 300n] });
      expect(before.entries.map((e) => e.status)).to.deep.equal([
        BigInt(Status.Lapsed),
        BigInt(Status.Counted),
        BigInt(Status.Counted),
      ]);

      // In the review window: the lapsed entry can't be approved, withdrawn or disputed, nothing more is logged in
      // the period, the entry the members accepted can't be sent back, and only disputed entries are resolved.
      const notOpen = [
        () => ledger.connect(bob).approve(pending),
        () => ledger.connect(alice).withdraw(pending),
        () => ledger.connect(alice).logWork(Stream.Love, 100, 1, EVIDENCE, URI),
      ];
      for (const attempt of notOpen) {
        await expect(attempt()).to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen").withArgs(1, 2);
      }
      await expect(ledger.connect(bob).dispute(pending, "late"))
        .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
        .withArgs(pending, Status.Lapsed);
      await expect(ledger.connect(alice).dispute(wasDisputed, "again"))
        .to.be.revertedWithCustomError(ledger, "LedgerDisputeSettled")
        .withArgs(wasDisputed);
      for (const target of [counted, wasDisputed]) {
        await expect(ledger.connect(admin).resolveDispute(target, false))
          .to.be.revertedWithCustomError(ledger, "LedgerEntryStatus")
          .withArgs(target, Status.Counted);
      }
      expect(await snapshot()).to.deep.equal(before);

      // After it, nothing at all.
      const finalAt = await waitUntilFinal(ledger, 1);
      for (const attempt of notOpen) {
        await expect(attempt()).to.be.revertedWithCustomError(ledger, "LedgerPeriodNotOpen").withArgs(1, 2);
      }
      for (const target of [pending, counted, wasDisputed]) {
        await expect(ledger.connect(alice).dispute(target, "late"))
          .to.be.revertedWithCustomError(ledger, "LedgerReviewWindowOver")
          .withArgs(target, finalAt);
      }
      expect(await snapshot()).to.deep.equal(before);

      // New work goes to period 2 and moves only period 2's totals (and the lifetime ones).
      const next = await logWork(ledger, erin, Stream.Livelihood, 200);
      await expectEntry(ledger, next, { period: 2 });
      await expect(ledger.connect(bob).approve(next))
        .to.emit(ledger, "EntryCounted")
        .withArgs(next, erin.address, 2, Stream.Livelihood, 200, 100);
      expect(sums(await ledger.periodTotals(1))).to.deep.equal(sums(before.period));
      expect(sums(await ledger.memberPeriodTotals(erin.address, 1))).to.deep.equal(sums(before.erin));
      expect(sums(await ledger.periodTotals(2))).to.deep.equal({ historical: [200n, 0n, 0n], payable: [100n, 0n, 0n] });
      expect(sums(await ledger.lifetimeTotals(erin.address))).to.deep.equal({
        historical: [1_000n, 0n, 0n],
        payable: [500n, 0n, 0n],
      });
    });
  });

  describe("totals", function () {
    interface Counted {
      author: string;
      period: number;
      stream: number;
      amount: bigint;
      weightBps: number;
    }

    /** The totals of the counted entries that `keep` selects, added up here. */
    function model(counted: ReadonlyArray<Counted>, keep: (entry: Counted) => boolean): Sums {
      const totals: Sums = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };
      for (const entry of counted.filter(keep)) {
        totals.historical[entry.stream] += entry.amount;
        totals.payable[entry.stream] += payableOf(entry.amount, entry.weightBps);
      }
      return totals;
    }

    it("adds up exactly per member and period, per period and for life, over members, periods and streams", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, membership, admin, alice, bob, carol, dave, erin, frank } = disco;
      const stageOf: Record<string, number> = {
        [alice.address]: Stage.Committed,
        [bob.address]: Stage.Committed,
        [carol.address]: Stage.Committed,
        [dave.address]: Stage.Committed,
        [erin.address]: Stage.Dating2,
        [frank.address]: Stage.Casual,
      };
      const counted: Counted[] = [];
      /** Logs and has the reviewer approve: the entry counts at the author's stage weight. */
      const work = async (author: Signer, stream: number, amount: number, reviewer: Signer) => {
        const address = await author.getAddress();
        const entryId = await logWork(ledger, author, stream, amount);
        await approve(ledger, reviewer, entryId);
        const period = Number(await ledger.currentPeriod());
        counted.push({
          author: address,
          period,
          stream,
          amount: BigInt(amount),
          weightBps: DEFAULT_WEIGHTS[stageOf[address]][stream],
        });
        return entryId;
      };

      // Period 1.
      await work(alice, Stream.Livelihood, 1_250, bob);
      await work(alice, Stream.Care, 275, carol);
      await work(erin, Stream.Livelihood, 333, alice);
      await work(erin, Stream.Love, 150, bob);
      await work(erin, Stream.Care, 425, dave);
      await work(frank, Stream.Love, 200, carol);
      await work(frank, Stream.Care, 50, carol);
      await work(bob, Stream.Love, 700, dave);
      await logWork(ledger, carol, Stream.Livelihood, 999); // never approved
      const withdrawn = await logWork(ledger, dave, Stream.Love, 400);
      await (await ledger.connect(dave).withdraw(withdrawn)).wait();
      await closePeriod(disco);

      // Period 2: erin has moved on to Dating3.
      await (await membership.connect(admin).changeStage(erin.address, Stage.Dating3, alice.address)).wait();
      stageOf[erin.address] = Stage.Dating3;
      await work(alice, Stream.Love, 500, dave);
      await work(erin, Stream.Livelihood, 101, bob);
      const rejected = await logWork(ledger, bob, Stream.Livelihood, 2_000);
      await approve(ledger, alice, rejected);
      await (await ledger.connect(carol).dispute(rejected, "a client invoice, not work done")).wait();
      await (await ledger.connect(admin).resolveDispute(rejected, false)).wait();
      await work(carol, Stream.Care, 100, alice);
      await work(erin, Stream.Care, 25, carol);

      const members = [alice, bob, carol, dave, erin, frank];
      for (const member of members) {
        const address = member.address;
        for (const period of [1, 2, 3]) {
          expect(sums(await ledger.memberPeriodTotals(address, period)), `${address} period ${period}`).to.deep.equal(
            model(counted, (e) => e.author === address && e.period === period),
          );
        }
        expect(sums(await ledger.lifetimeTotals(address)), `${address} lifetime`).to.deep.equal(
          model(counted, (e) => e.author === address),
        );
      }
      for (const period of [1, 2, 3]) {
        expect(sums(await ledger.periodTotals(period)), `period ${period}`).to.deep.equal(
          model(counted, (e) => e.period === period),
        );
      }

      // The same figures written out by hand, so that a slip in the model cannot hide one in the ledger.
      expect(sums(await ledger.periodTotals(1))).to.deep.equal({
        historical: [1_583n, 1_050n, 750n], // 1,250 + 333; 150 + 200 + 700; 275 + 425 + 50
        payable: [1_416n, 850n, 275n], // 1,250 + 166 (333 x 50%); 150 + 0 (Casual) + 700; 275 (Dating care: 0)
      });
      expect(sums(await ledger.periodTotals(2))).to.deep.equal({
        historical: [101n, 500n, 125n],
        payable: [75n, 500n, 100n], // 101 x 75% = 75.75
      });
      expect(sums(await ledger.lifetimeTotals(erin.address))).to.deep.equal({
        historical: [434n, 150n, 450n],
        payable: [241n, 150n, 0n],
      });
      expect(sums(await ledger.lifetimeTotals(frank.address))).to.deep.equal({
        historical: [0n, 200n, 50n],
        payable: [0n, 0n, 0n],
      });
      expect(sums(await ledger.lifetimeTotals(dave.address))).to.deep.equal(NOTHING);
      expect(sums(await ledger.lifetimeTotals(bob.address))).to.deep.equal({
        historical: [0n, 700n, 0n],
        payable: [0n, 700n, 0n],
      });

      // What was logged: pending entries in, withdrawn and rejected ones out.
      expect(await ledger.loggedInPeriod(carol.address, 1)).to.deep.equal([999n, 0n, 0n]);
      expect(await ledger.loggedInPeriod(dave.address, 1)).to.deep.equal([0n, 0n, 0n]);
      expect(await ledger.loggedInPeriod(erin.address, 1)).to.deep.equal([333n, 150n, 425n]);
      expect(await ledger.loggedInPeriod(bob.address, 2)).to.deep.equal([0n, 0n, 0n]);
      expect(await ledger.loggedInPeriod(erin.address, 2)).to.deep.equal([101n, 0n, 25n]);
      expect(await ledger.entryCount()).to.equal(15n);
    });
  });

  describe("meetsMinimumContribution", function () {
    it("reports livelihood and love credits over the last closed periods of the window", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, alice, bob, erin } = disco;
      const counted = async (author: Signer, stream: number, amount: number) =>
        approve(ledger, author === bob ? alice : bob, await logWork(ledger, author, stream, amount));

      // No period closed yet: nothing counts, not even the open period.
      await counted(alice, Stream.Livelihood, 20_000);
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 0n, 40_000n]);
      await closePeriod(disco); // 1: livelihood 20,000
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 20_000n, 40_000n]);

      await counted(alice, Stream.Love, 15_000);
      await logWork(ledger, alice, Stream.Love, 50_000); // pending: never counts
      await closePeriod(disco); // 2: love 15,000
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 35_000n, 40_000n]);

      await counted(alice, Stream.Care, 90_000); // hours, not credits
      await counted(alice, Stream.Livelihood, 5_000);
      await closePeriod(disco); // 3: livelihood 5,000, care 90,000
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([true, 40_000n, 40_000n]);

      await counted(alice, Stream.Livelihood, 30_000);
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([true, 40_000n, 40_000n]);
      await closePeriod(disco); // 4: livelihood 30,000; the window is now 2-4
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([true, 50_000n, 40_000n]);
      await closePeriod(disco); // 5: nothing; the window is 3-5
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 35_000n, 40_000n]);

      // A Dating member's historical credits count in full, whatever they pay.
      await counted(erin, Stream.Livelihood, 40_000);
      await closePeriod(disco); // 6
      expect(await ledger.meetsMinimumContribution(erin.address)).to.deep.equal([true, 40_000n, 40_000n]);
      expect(sums(await ledger.memberPeriodTotals(erin.address, 6)).payable).to.deep.equal([20_000n, 0n, 0n]);
      expect(await ledger.meetsMinimumContribution(bob.address)).to.deep.equal([false, 0n, 40_000n]);
    });

    it("follows the window and minimum the timelock sets", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, admin, alice, bob } = disco;
      for (const amount of [100, 200, 400]) {
        await approve(ledger, bob, await logWork(ledger, alice, Stream.Love, amount));
        await closePeriod(disco);
      }
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 700n, 40_000n]);
      await (await ledger.connect(admin).setMinimumContribution(400, 1)).wait();
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([true, 400n, 400n]);
      await (await ledger.connect(admin).setMinimumContribution(701, 12)).wait();
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([false, 700n, 701n]);
      await (await ledger.connect(admin).setMinimumContribution(0, 2)).wait();
      expect(await ledger.meetsMinimumContribution(alice.address)).to.deep.equal([true, 600n, 0n]);
      expect(await ledger.meetsMinimumContribution(bob.address)).to.deep.equal([true, 0n, 0n]);
    });
  });

  describe("settings", function () {
    it("lets only the timelock change a setting", async function () {
      const { ledger, alice, bob } = await loadFixture(deployWithAdmin);
      for (const caller of [alice, bob]) {
        const calls = [
          () => ledger.connect(caller).setWeight(Stage.Dating1, Stream.Livelihood, 2_500),
          () => ledger.connect(caller).setCap(Stream.Love, 1_000),
          () => ledger.connect(caller).setApprovalsRequired(2),
          () => ledger.connect(caller).setMinimumContribution(1, 1),
          () => ledger.connect(caller).setReviewWindow(3_600),
        ];
        for (const call of calls) {
          await expect(call())
            .to.be.revertedWithCustomError(ledger, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        }
      }
    });

    it("sets a stage's weight for a stream", async function () {
      const { ledger, admin } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(admin).setWeight(Stage.Dating1, Stream.Livelihood, 2_500))
        .to.emit(ledger, "WeightSet")
        .withArgs(Stage.Dating1, Stream.Livelihood, 2_500);
      expect(await ledger.weightOf(Stage.Dating1, Stream.Livelihood)).to.equal(2_500n);
      await expect(ledger.connect(admin).setWeight(Stage.Casual, Stream.Care, 10_000))
        .to.emit(ledger, "WeightSet")
        .withArgs(Stage.Casual, Stream.Care, 10_000);
      expect(await ledger.weightOf(Stage.Casual, Stream.Care)).to.equal(10_000n);
      // Only the weight asked for moved.
      expect(await ledger.weightOf(Stage.Dating1, Stream.Love)).to.equal(10_000n);
      expect(await ledger.weightOf(Stage.Dating2, Stream.Livelihood)).to.equal(5_000n);
    });

    it("reverts on a weight above 10,000, for stage None, or for an unknown stream", async function () {
      const { ledger, admin } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(admin).setWeight(Stage.Committed, Stream.Love, 10_001))
        .to.be.revertedWithCustomError(ledger, "LedgerInvalidWeight")
        .withArgs(Stage.Committed, 10_001);
      await expect(ledger.connect(admin).setWeight(Stage.None, Stream.Love, 5_000))
        .to.be.revertedWithCustomError(ledger, "LedgerInvalidWeight")
        .withArgs(Stage.None, 5_000);
      await expect(ledger.connect(admin).setWeight(Stage.Committed, 3, 5_000))
        .to.be.revertedWithCustomError(ledger, "LedgerUnknownStream")
        .withArgs(3);
      // A stage number past Committed is not a Stage at all: the ABI decoder refuses it.
      await expect(ledger.connect(admin).setWeight(6, Stream.Love, 5_000)).to.be.revertedWithoutReason(ethers);
    });

    it("sets and lifts a per-member, per-period cap", async function () {
      const { ledger, admin, alice } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(admin).setCap(Stream.Love, 1_000))
        .to.emit(ledger, "CapSet")
        .withArgs(Stream.Love, 1_000);
      expect(await ledger.capOf(Stream.Love)).to.equal(1_000n);
      expect(await ledger.capOf(Stream.Care)).to.equal(0n);
      await expect(ledger.connect(alice).logWork(Stream.Love, 1_001, 1, EVIDENCE, URI))
        .to.be.revertedWithCustomError(ledger, "LedgerOverCap")
        .withArgs(Stream.Love, 1_000, 1_001);
      await expect(ledger.connect(admin).setCap(Stream.Love, 0)).to.emit(ledger, "CapSet").withArgs(Stream.Love, 0);
      await logWork(ledger, alice, Stream.Love, 1_001);
      await expect(ledger.connect(admin).setCap(255, 1))
        .to.be.revertedWithCustomError(ledger, "LedgerUnknownStream")
        .withArgs(255);
    });

    it("sets the approvals required, up to 16", async function () {
      const { ledger, admin } = await loadFixture(deployWithAdmin);
      for (const count of [0, 16, 3]) {
        await expect(ledger.connect(admin).setApprovalsRequired(count))
          .to.emit(ledger, "ApprovalsRequiredSet")
          .withArgs(count);
        expect(await ledger.approvalsRequired()).to.equal(BigInt(count));
      }
      await expect(ledger.connect(admin).setApprovalsRequired(17))
        .to.be.revertedWithCustomError(ledger, "LedgerInvalidApprovals")
        .withArgs(17);
      expect(await ledger.approvalsRequired()).to.equal(3n);
    });

    it("sets the minimum contribution over a window of 1 to 12 periods", async function () {
      const { ledger, admin } = await loadFixture(deployWithAdmin);
      await expect(ledger.connect(admin).setMinimumContribution(60_000, 6))
        .to.emit(ledger, "MinimumContributionSet")
        .withArgs(60_000, 6);
      expect(await ledger.minimumContribution()).to.deep.equal([60_000n, 6n]);
      for (const periods of [1, 12]) {
        await (await ledger.connect(admin).setMinimumContribution(1, periods)).wait();
        expect(await ledger.minimumContribution()).to.deep.equal([1n, BigInt(periods)]);
      }
      for (const periods of [0, 13, 255]) {
        await expect(ledger.connect(admin).setMinimumContribution(1, periods))
          .to.be.revertedWithCustomError(ledger, "LedgerInvalidWindow")
          .withArgs(periods);
      }
      expect(await ledger.minimumContribution()).to.deep.equal([1n, 12n]);
    });

    it("sets the review window from one hour to 30 days, for periods closed afterwards", async function () {
      const disco = await loadFixture(deployWithAdmin);
      const { ledger, admin, bob } = disco;
      expect(await ledger.MIN_REVIEW_WINDOW()).to.equal(3_600n);
      expect(await ledger.MAX_REVIEW_WINDOW()).to.equal(30n * 24n * 3600n);
      for (const window of [3_600n, 30n * 24n * 3600n, 7n * 24n * 3600n]) {
        await expect(ledger.connect(admin).setReviewWindow(window)).to.emit(ledger, "ReviewWindowSet").withArgs(window);
        expect(await ledger.reviewWindow()).to.equal(window);
      }
      for (const window of [0n, 3_599n, 30n * 24n * 3600n + 1n, 2n ** 48n - 1n]) {
        await expect(ledger.connect(admin).setReviewWindow(window))
          .to.be.revertedWithCustomError(ledger, "LedgerInvalidReviewWindow")
          .withArgs(window);
      }
      expect(await ledger.reviewWindow()).to.equal(7n * 24n * 3600n);
      // Period 1 closes under the 7-day window and keeps it when the members shorten the window afterwards.
      const closed = ledger.connect(bob).closePeriod();
      const closedAt = await minedAt(closed);
      await expect(closed)
        .to.emit(ledger, "PeriodClosed")
        .withArgs(1, closedAt, closedAt + 7n * 24n * 3600n, bob.address);
      await (await ledger.connect(admin).setReviewWindow(3_600)).wait();
      expect((await ledger.periodInfo(1)).finalAt).to.equal(closedAt + 7n * 24n * 3600n);
      await time.increase(2 * 3_600);
      expect(await ledger.isFinal(1)).to.equal(false);
      const next = ledger.connect(bob).closePeriod();
      const nextAt = await minedAt(next);
      await expect(next)
        .to.emit(ledger, "PeriodClosed")
        .withArgs(2, nextAt, nextAt + 3_600n, bob.address);
    });

    it("reverts when a ledger is initialised with a review window under one hour or over 30 days", async function () {
      const { ledger, membership, timelockAddress } = await loadFixture(deployWithAdmin);
      const fresh = await uninitialisedClone(ethers, "ValueLedger", await membership.getAddress());
      for (const reviewWindow of [0, 3_599, 30 * 24 * 3600 + 1]) {
        await expect(
          fresh.initialize(timelockAddress, [], ledgerSettings({ ...DEFAULT_LEDGER_SETTINGS, reviewWindow })),
        )
          .to.be.revertedWithCustomError(ledger, "LedgerInvalidReviewWindow")
          .withArgs(reviewWindow);
      }
    });

    it("reverts when weightOf or capOf is asked about an unknown stream", async function () {
      const { ledger } = await loadFixture(deployWithAdmin);
      for (const stream of [3, 255]) {
        await expect(ledger.weightOf(Stage.Committed, stream))
          .to.be.revertedWithCustomError(ledger, "LedgerUnknownStream")
          .withArgs(stream);
        await expect(ledger.capOf(stream))
          .to.be.revertedWithCustomError(ledger, "LedgerUnknownStream")
          .withArgs(stream);
      }
    });
  });

  describe("governance", function () {
    it("registers the ledger's settings and roles as bylaws, and leaves dispute resolution standard", async function () {
      const { governor, ledger } = await loadFixture(deployWithAdmin);
      const target = await ledger.getAddress();
      for (const signature of [
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
        "setWeight(uint8,uint8,uint16)",
        "setCap(uint8,uint64)",
        "setApprovalsRequired(uint8)",
        "setMinimumContribution(uint64,uint8)",
        "setReviewWindow(uint48)",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(true);
      }
      for (const signature of [
        "resolveDispute(uint256,bool)",
        "closePeriod()",
        "logWork(uint8,uint64,uint32,bytes32,string)",
      ]) {
        expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(false);
      }
      const setApprovals = ledger.interface.encodeFunctionData("setApprovalsRequired", [2]);
      const resolve = ledger.interface.encodeFunctionData("resolveDispute", [1, true]);
      expect(await governor.classify([target], [setApprovals], "Two approvals per entry")).to.equal(kind("Bylaw"));
      expect(await governor.classify([target], [resolve], "Accept entry 1")).to.equal(kind("Standard"));
    });

    it("resolves a dispute by a standard vote executed by the timelock", async function () {
      const { governor, ledger, alice, bob, carol, dave, entryId } = await loadFixture(deployWithPendingEntry);
      await (await ledger.connect(carol).dispute(entryId, "which client?")).wait();
      const proposal = calls(
        await ledger.getAddress(),
        ledger.interface.encodeFunctionData("resolveDispute", [entryId, true]),
        "Accept alice's entry 1: the client confirmed the work",
      );
      const proposalId = await enact(governor, time, bob, proposal, [
        [bob, Support.For],
        [dave, Support.For],
        [carol, Support.Against],
      ]);
      expect((await governor.proposalTally(proposalId)).kind).to.equal(kind("Standard"));
      expect(await governor.state(proposalId)).to.equal(state("Executed"));
      const resolved = await ledger.queryFilter(ledger.filters.DisputeResolved(entryId));
      expect(resolved.map((log) => log.args.accepted)).to.deep.equal([true]);
      await expectEntry(ledger, entryId, { status: Status.Counted });
      expect((await ledger.periodInfo(1)).openDisputes).to.equal(0n);
      expect(sums(await ledger.memberPeriodTotals(alice.address, 1))).to.deep.equal({
        historical: [1_000n, 0n, 0n],
        payable: [1_000n, 0n, 0n],
      });
    });

    it("needs the supermajority to change the approvals required, where a dispute needs a majority", async function () {
      const { governor, ledger, membership, admin, alice, bob, carol, dave, grace, entryId } =
        await loadFixture(deployWithPendingEntry);
      // Five binding members, so that 3 For and 2 Against (60%) is possible.
      await (
        await membership.connect(admin).admit(grace.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      await (await ledger.connect(carol).dispute(entryId, "which client?")).wait();
      const target = await ledger.getAddress();
      const bylaw = calls(
        target,
        ledger.interface.encodeFunctionData("setApprovalsRequired", [2]),
        "Two approvals per entry",
      );
      const standard = calls(
        target,
        ledger.interface.encodeFunctionData("resolveDispute", [entryId, false]),
        "Reject alice's entry 1",
      );
      const bylawId = await propose(governor, alice, bylaw);
      const standardId = await propose(governor, alice, standard);
      expect((await governor.proposalTally(bylawId)).kind).to.equal(kind("Bylaw"));
      expect((await governor.proposalTally(standardId)).kind).to.equal(kind("Standard"));
      await openVoting(governor, time, standardId);
      const votes = [
        [alice, Support.For],
        [bob, Support.For],
        [grace, Support.For],
        [carol, Support.Against],
        [dave, Support.Against],
      ] as const;
      for (const id of [bylawId, standardId]) {
        for (const [voter, support] of votes) await (await governor.connect(voter).castVote(id, support)).wait();
      }
      await closeVoting(governor, time, standardId);
      expect(await governor.proposalVotes(bylawId)).to.deep.equal([2n, 3n, 0n]);
      expect(await governor.state(bylawId)).to.equal(state("Defeated"));
      expect(await governor.state(standardId)).to.equal(state("Succeeded"));

      // Four in five is a supermajority.
      const again = { ...bylaw, description: "Two approvals per entry, again" };
      const passedId = await enact(governor, time, alice, again, [
        [alice, Support.For],
        [bob, Support.For],
        [grace, Support.For],
        [carol, Support.For],
        [dave, Support.Against],
      ]);
      expect((await governor.proposalTally(passedId)).kind).to.equal(kind("Bylaw"));
      expect(await governor.state(passedId)).to.equal(state("Executed"));
      expect(await ledger.approvalsRequired()).to.equal(2n);
      const set = await ledger.queryFilter(ledger.filters.ApprovalsRequiredSet());
      expect(set.map((log) => log.args.approvalsRequired)).to.deep.equal([1n, 2n]);
    });
  });

  describe("gas", function () {
    interface Costs {
      logWork: bigint;
      approve: bigint;
      closePeriod: bigint;
    }

    /** Admits Committed members with random addresses through the impersonated timelock. */
    async function admitRandom(disco: DisCO, count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const address = ethers.Wallet.createRandom().address;
        await disco.membership.connect(disco.admin).admit(address, Stage.Committed, Constituency.worker, ZeroAddress);
      }
    }

    /**
     * The newest member, Committed and never seen by the ledger, logs the first entry of period 1 (one credit of
     * livelihood); alice approves it, which counts it; bob closes the period.
     */
    async function measure(disco: DisCO, members: number): Promise<Costs> {
      const { ledger, membership, admin, alice, bob } = disco;
      await admitRandom(disco, members - Number(await membership.memberCount()) - 1);
      const author = ethers.Wallet.createRandom(ethers.provider);
      await networkHelpers.setBalance(author.address, ethers.parseEther("1"));
      await (
        await membership.connect(admin).admit(author.address, Stage.Committed, Constituency.worker, ZeroAddress)
      ).wait();
      expect(await membership.memberCount()).to.equal(BigInt(members));
      expect(await membership.indexOf(author.address)).to.equal(BigInt(members));
      expect(await ledger.entryCount()).to.equal(0n);

      const logged = await (await ledger.connect(author).logWork(Stream.Livelihood, 100, 1, EVIDENCE, URI)).wait();
      const approved = await (await ledger.connect(alice).approve(1)).wait();
      await expectEntry(ledger, 1n, { author: author.address, status: Status.Counted });
      const closed = await (await ledger.connect(bob).closePeriod()).wait();
      return { logWork: logged!.gasUsed, approve: approved!.gasUsed, closePeriod: closed!.gasUsed };
    }

    it("costs the same to log, approve and close with 10 members as with 1,000", async function () {
      this.timeout(600_000);
      const small = await measure(await loadFixture(deployWithAdmin), 10);
      const large = await measure(await loadFixture(deployWithAdmin), 1_000);
      for (const operation of ["logWork", "approve", "closePeriod"] as const) {
        console.log(`${operation}: 10 members ${small[operation]} gas, 1000 members ${large[operation]} gas`);
      }
      expect(large).to.deep.equal(small);
    });
  });
});
