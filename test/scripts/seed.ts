import { readFileSync } from "node:fs";
import { expect } from "chai";
import { getAddress, keccak256, toHex, type Hex } from "viem";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES, parseAmount, STREAMS } from "@disco-ledger/sdk/ledger";
import {
  CASH_CLAIMS,
  CLOSED_PERIODS,
  CONTRIBUTORS,
  FUNDINGS,
  LEAVER,
  PAYMENTS,
  YEAR_ONE,
} from "../../scripts/lib/seed.ts";
import {
  AFTER_CLEARING,
  CLEARED,
  cents,
  INVOICES,
  LINES,
  SETTLED,
  TREASURER_LIMITS,
} from "../../scripts/lib/seed-credit.ts";
import {
  DISHONEST,
  FEDERATION,
  PROFILES,
  profilePath,
  profileURI,
  SMALL_PARAMETERS,
  SMALL_TREASURER_BOUND,
  TRUST,
  type SeededName,
} from "../../scripts/lib/seed-federation.ts";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import {
  checkInStatus,
  discoverFederations,
  FIGURES,
  findFederation,
  loadFederation,
  verifyCheckIns,
} from "@disco-ledger/sdk/federation";
import { findCycles, loadCredit, netPosition } from "@disco-ledger/sdk/credit";
import { paymentReference } from "@disco-ledger/sdk/format";
import { profileDocument, profileText, readProfile } from "@disco-ledger/sdk/profile";
import { connection } from "../helpers/disco.ts";
import { seededFederation } from "../helpers/federation-demo.ts";
import { publicClient } from "../helpers/viem.ts";
import { DEMO_PARAMETERS, recordedDemo } from "../helpers/demo.ts";

describe("seeded demo DisCO", () => {
  it("founds the DisCO with Hardhat's dev accounts, named as the demo names them", async () => {
    const { signers } = await connection.networkHelpers.loadFixture(recordedDemo);
    const byName = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index].address;
    expect(DEMO_PARAMETERS.founders.map((f) => f.account)).to.deep.equal(
      ["Alice", "Bob", "Carla", "Dara", "Eli", "Fran", "Iris"].map(byName),
    );
  });

  it("has at least six members across stages and constituencies", async () => {
    const { membership, signers } = await connection.networkHelpers.loadFixture(recordedDemo);
    expect(await membership.memberCount()).to.equal(7n);
    const records = await Promise.all(signers.slice(1, 8).map((s) => membership.memberOf(s.address)));
    expect(new Set(records.map((r) => Number(r.stage)))).to.deep.equal(
      new Set([Stage.Committed, Stage.Dating2, Stage.Casual, Stage.Dating1]),
    );
    expect(new Set(records.map((r) => Number(r.constituency))).size).to.be.at.least(4);
  });

  it("has one finished vote that admitted Gus, one blocked consent proposal and one open proposal", async () => {
    const { membership, governor, signers, proposals } = await connection.networkHelpers.loadFixture(recordedDemo);
    const state = async (id: bigint) => PROPOSAL_STATES[Number(await governor.state(id))];
    expect(await state(proposals.admitted)).to.equal("Executed");
    expect((await membership.memberOf(signers[7].address)).stage).to.equal(BigInt(Stage.Dating1));
    expect(await state(proposals.blocked)).to.equal("Defeated");
    expect((await governor.proposalTally(proposals.blocked)).blockVotes).to.equal(1n);
    expect(await state(proposals.open)).to.equal("Active");
    const open = await governor.proposalTally(proposals.open);
    expect([open.forVotes, open.advisoryFor]).to.deep.equal([2n, 1n]);
    expect(await governor.hasVoted(proposals.open, signers[2].address)).to.equal(true);
  });

  it("has an auditor, Jun, appointed by a bylaw vote before the others; nobody else audits", async () => {
    const { audit, governor, signers, proposals } = await connection.networkHelpers.loadFixture(recordedDemo);
    const jun = signers[DEMO_PEOPLE.find((p) => p.name === "Jun")!.index].address;
    expect(PROPOSAL_STATES[Number(await governor.state(proposals.auditor))]).to.equal("Executed");
    expect((await governor.proposalTally(proposals.auditor)).kind).to.equal(1n); // Bylaw: a role grant
    const role = await audit.AUDITOR_ROLE();
    const auditors = [];
    for (const s of signers) if (await audit.hasRole(role, s.address)) auditors.push(s.address);
    expect(auditors).to.deep.equal([jun]);
    expect(await audit.wageRatioCap()).to.equal(BigInt(DEMO_PARAMETERS.wageRatioCap!));
  });

  it("has Jun's attestation of period 1, by the hash of its books as the audit rebuilds them", async () => {
    const { audit, signers, attestation } = await connection.networkHelpers.loadFixture(recordedDemo);
    const jun = signers[DEMO_PEOPLE.find((p) => p.name === "Jun")!.index].address;
    expect(await audit.attestationCount(1)).to.equal(1n);
    const recorded = await audit.attestationOf(1, 0);
    expect([recorded.auditor, recorded.reportHash]).to.deep.equal([jun, attestation.hash]);
    expect(attestation.hash).to.match(/^0x[0-9a-f]{64}$/);
    expect(await audit.attestationCount(2)).to.equal(0n);
  });

  it("describes its deployment in the format other tools read", async () => {
    const { deployment, governor, membership } = await connection.networkHelpers.loadFixture(recordedDemo);
    expect(Object.keys(deployment).sort()).to.deep.equal([
      "chainId",
      "contracts",
      "name",
      "network",
      "startBlock",
      "startBlockHash",
    ]);
    expect(deployment.chainId).to.equal(31337);
    // The start block's hash tells this chain from a restarted one at the same addresses (the CLI's chain check).
    const start = await connection.ethers.provider.getBlock(deployment.startBlock);
    expect(deployment.startBlockHash).to.equal(start?.hash);
    expect(deployment.contracts.governor.address).to.equal(await governor.getAddress());
    expect(deployment.contracts.membership.address).to.equal(await membership.getAddress());
    for (const [name, { address, blockNumber }] of Object.entries(deployment.contracts)) {
      expect(await connection.ethers.provider.getCode(address, blockNumber)).to.not.equal("0x");
      expect(await connection.ethers.provider.getCode(address, blockNumber - 1)).to.equal("0x");
      // Every contract of the DisCO was born in its create transaction's block, which starts its history; its
      // currency was there before it, as a live network's stablecoin is.
      if (name === "token") expect(blockNumber).to.be.below(deployment.startBlock);
      else expect(blockNumber).to.equal(deployment.startBlock);
    }
  });

  it("has two closed periods whose totals are exactly the demo's work, weighted by each author's stage", async () => {
    const { ledger, treasury, work } = await connection.networkHelpers.loadFixture(recordedDemo);
    expect(work.closedPeriods).to.deep.equal([1, 2]);
    // Payable weights (basis points) of the demo's stages, per stream: Livelihood, Love, Care.
    const committed = [10_000, 10_000, 10_000];
    const weights: Record<string, number[]> = {
      Alice: committed,
      Bob: committed,
      Carla: committed,
      Dara: committed,
      Eli: [5_000, 10_000, 0],
      Fran: [0, 0, 0],
      Gus: [0, 10_000, 0],
      Iris: [7_500, 10_000, 0],
    };
    for (const [i, entries] of CLOSED_PERIODS.entries()) {
      const historical = [0n, 0n, 0n];
      const payable = [0n, 0n, 0n];
      for (const [author, stream, amount] of entries) {
        const s = STREAMS.indexOf(stream);
        historical[s] += parseAmount(amount);
        payable[s] += (parseAmount(amount) * BigInt(weights[author][s])) / 10_000n;
      }
      const totals = await ledger.periodTotals(i + 1);
      expect(totals.historical, `period ${i + 1} historical`).to.deep.equal(historical);
      expect(totals.payable_, `period ${i + 1} payable`).to.deep.equal(payable);
      const info = await ledger.periodInfo(i + 1);
      expect(info.closedAt).to.be.greaterThan(0n);
      // Closed by Bob, final after the review window: only then funded, closed into the year and attested.
      expect(info.finalAt).to.equal(info.closedAt + (await ledger.reviewWindow()));
      expect(await ledger.isFinal(i + 1)).to.equal(true);
    }
    const funded = await treasury.queryFilter(treasury.filters.PeriodFunded());
    for (const event of funded) {
      const block = await event.getBlock();
      expect(BigInt(block.timestamp)).to.be.at.least((await ledger.periodInfo(event.args.period)).finalAt);
    }
    expect(funded.length).to.equal(FUNDINGS.length);
  });

  it("logs every piece of demo work with its note, the words reviewers read, in the history as on chain", async () => {
    const { ledger, state } = await connection.networkHelpers.loadFixture(recordedDemo);
    const logged = await ledger.queryFilter(ledger.filters.EntryLogged());
    const closed = CLOSED_PERIODS.flat().map(([, , , note]) => note);
    expect(logged.slice(0, closed.length).map((e) => e.args.note)).to.deep.equal(closed);
    expect(logged.every((e) => e.args.note.length > 0)).to.equal(true);
    expect([...state.ledger.entries.values()].map((e) => e.note)).to.deep.equal(logged.map((e) => e.args.note));
  });

  it("has an open period with a counted entry, entries awaiting review and one under dispute", async () => {
    const { ledger, work } = await connection.networkHelpers.loadFixture(recordedDemo);
    expect(await ledger.currentPeriod()).to.equal(BigInt(work.openPeriod));
    const status = async (id: bigint) => ENTRY_STATUSES[Number((await ledger.entry(id)).status)];
    expect(await Promise.all(work.pending.map(status))).to.deep.equal(["Pending", "Pending", "Pending"]);
    expect(await status(work.disputed[0])).to.equal("Disputed");
    expect((await ledger.periodInfo(work.openPeriod)).openDisputes).to.equal(1n);
    expect((await ledger.periodTotals(work.openPeriod)).historical).to.deep.equal([190_000n, 0n, 0n]);
  });

  it("has a funded treasury: both closed periods paid into pools, some claims made", async () => {
    const { treasury, ledger, signers, money } = await connection.networkHelpers.loadFixture(recordedDemo);
    const euros = (text: string) => connection.ethers.parseUnits(text, 6);
    const [livelihoodBps, loveBps] = [7_500n, 2_500n];
    for (const [period, amount] of FUNDINGS) {
      const pool = await treasury.pool(period);
      // Both periods have payable livelihood and love and care, but the care bucket is 0%.
      const expected = [(euros(amount) * livelihoodBps) / 10_000n, (euros(amount) * loveBps) / 10_000n, 0n];
      expect(pool.streamPools).to.deep.equal(expected);
      expect(pool.funded).to.equal(expected[0] + expected[1]);
    }
    const alice = signers[1].address;
    expect([await treasury.hasClaimed(alice, 1), await treasury.hasClaimed(alice, 2)]).to.deep.equal([true, true]);
    expect(await treasury.hasClaimed(signers[3].address, 1)).to.equal(true);
    expect(await treasury.claimable(signers[2].address, 1)).to.be.greaterThan(0n);
    expect(money.claims.map((c) => c.name)).to.deep.equal(["Alice", "Carla"]);

    // Alice's claim of period 1 is her payable share of each stream pool.
    const pool = await treasury.pool(1);
    const [mine, all] = [await ledger.memberPeriodTotals(alice, 1), await ledger.periodTotals(1)];
    const aliceShare = [0, 1, 2].reduce(
      (sum, s) => (all.payable_[s] === 0n ? sum : sum + (pool.streamPools[s] * mine.payable_[s]) / all.payable_[s]),
      0n,
    );
    const claimedEvents = await treasury.queryFilter(treasury.filters.PayoutClaimed(alice, 1));
    expect(claimedEvents.map((e) => e.args.amount)).to.deep.equal([aliceShare]);
  });

  it("has the year's accounts proposed by Bob the treasurer and approved by the members through the timelock", async () => {
    const { capital, governor, timelock, signers, proposals, accounts } =
      await connection.networkHelpers.loadFixture(recordedDemo);
    const bob = signers[DEMO_PEOPLE.find((p) => p.name === "Bob")!.index].address;
    expect(accounts.yearClose).to.equal(proposals.yearClose);
    expect(PROPOSAL_STATES[Number(await governor.state(proposals.yearClose))]).to.equal("Executed");
    expect(await governor.proposalProposer(proposals.yearClose)).to.equal(bob);
    const tally = await governor.proposalTally(proposals.yearClose);
    expect([tally.kind, tally.forVotes, tally.againstVotes]).to.deep.equal([0n, 4n, 0n]); // Standard
    const [closed] = await capital.queryFilter(capital.filters.YearClosed(1));
    expect(closed.args.treasurer).to.equal(await timelock.getAddress());
    // Nobody but the timelock closes a year: Bob holds no role on the capital accounts.
    await expect(capital.connect(signers[2]).closeYear(3, 1n))
      .to.be.revertedWithCustomError(capital, "AccessControlUnauthorizedAccount")
      .withArgs(bob, connection.ethers.ZeroHash);
  });

  it("has capital accounts: contributions, a closed year, cash claimed, a leaver's redemption; every unit accounted", async () => {
    const { treasury, capital, membership, ledger, signers, accounts } =
      await connection.networkHelpers.loadFixture(recordedDemo);
    const currency = await connection.ethers.getContractAt("DemoEuro", await treasury.currency());
    const euros = (text: string) => connection.ethers.parseUnits(text, 6);
    const address = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index].address;
    const RAY = 10n ** 27n;
    const contribution = euros("250");
    expect((await capital.settings()).contribution).to.equal(contribution);
    for (const name of CONTRIBUTORS) expect((await capital.accountOf(address(name))).contributed).to.equal(true);
    expect(accounts.year).to.equal(1);

    // Year 1: periods 1-2; interest 0; 30% reserve, 10% commons, 60% patronage by credits, 20% of it in cash.
    const surplus = euros(YEAR_ONE.surplus);
    const [toReserve, toCommons] = [(surplus * 3_000n) / 10_000n, (surplus * 1_000n) / 10_000n];
    const patronagePool = surplus - toReserve - toCommons;
    const cashPool = (patronagePool * 2_000n) / 10_000n;
    const year = await capital.yearOf(1);
    expect([year.firstPeriod, year.lastPeriod, year.cashPool]).to.deep.equal([1n, 2n, cashPool]);
    const credits = async (who: string | null) => {
      let sum = 0n;
      for (const period of [1, 2]) {
        const p =
          who === null ? (await ledger.periodTotals(period)).payable_ : await ledger.memberPeriodPayable(who, period);
        sum += p[0] + p[1];
      }
      return sum;
    };
    const total = await credits(null);
    expect(year.totalPatronage).to.equal(total);
    const contributionsToReserve = (contribution * 2_500n * BigInt(CONTRIBUTORS.length)) / 10_000n;
    expect(await capital.reserve()).to.equal(toReserve + contributionsToReserve);
    expect(await capital.commons()).to.equal(toCommons);

    // Alice and Carla claimed their cash: floor(cash pool x their credits / all credits).
    for (const name of CASH_CLAIMS) {
      const events = await capital.queryFilter(capital.filters.CashClaimed(address(name)));
      expect(events.map((e) => e.args.amount)).to.deep.equal([(cashPool * (await credits(address(name)))) / total]);
    }

    // Iris left; her redemption is her contribution's account share and her retained patronage, in 3 instalments.
    const iris = address(LEAVER);
    expect(await membership.isMember(iris)).to.equal(false);
    const irisShares = (year.retainedShares * (await credits(iris))) / total;
    expect(await capital.redemptionCount(iris)).to.equal(1n);
    const redemption = await capital.redemptionOf(iris, 0);
    expect(redemption.total).to.equal((contribution * 7_500n) / 10_000n + (irisShares * year.index) / RAY);
    expect([redemption.instalments, redemption.paid]).to.deep.equal([3n, 0n]);
    const [due, nextDueAt] = await capital.redeemable(iris);
    expect(due).to.equal(0n);
    expect(nextDueAt).to.equal(redemption.start + redemption.period / 3n);
    expect((await capital.currentAccountOf(iris)).cash).to.be.greaterThan(0n);

    // One balance answers for payouts, capital books and the unallocated rest, and for every unit in and out.
    const balance = await currency.balanceOf(await treasury.getAddress());
    expect(balance).to.equal((await treasury.owed()) + (await capital.held()) + (await treasury.unallocated()));
    const paidIn = PAYMENTS.reduce((sum, [, amount]) => sum + euros(amount), 0n);
    const sum = async (events: Promise<Array<{ args: { amount: bigint } }>>) =>
      (await events).reduce((s, e) => s + e.args.amount, 0n);
    const claimed = await sum(treasury.queryFilter(treasury.filters.PayoutClaimed()));
    const cashClaimed = await sum(capital.queryFilter(capital.filters.CashClaimed()));
    expect(paidIn + contribution * BigInt(CONTRIBUTORS.length)).to.equal(claimed + cashClaimed + balance);
  });
});

describe("seeded demo federation", function () {
  // The federation's rounds of votes across four DisCOs take a while on the in-process chain.
  this.timeout(180_000);

  it("founds Commons Federation by the demo's vote, with its charter, and admits Small and River DisCO", async () => {
    const { federation, demo, signers } = await connection.networkHelpers.loadFixture(seededFederation);
    const fed = await connection.ethers.getContractAt("Federation", federation.federation.address);
    expect(await fed.name()).to.equal(FEDERATION.name);
    const [uri, hash] = await fed.charter();
    expect([uri, hash]).to.deep.equal([FEDERATION.charterURI, keccak256(toHex(FEDERATION.charter))]);
    expect(await fed.votingPeriod()).to.equal(BigInt(FEDERATION.votingPeriod));
    expect(await fed.memberCount()).to.equal(3n);
    const found = await discoverDisCOs(publicClient(connection), {
      ...demo.deployment,
      factory: demo.chain.factory,
    });
    const membership = (name: string) => found.find((d) => d.name === name)!.contracts.membership.address;
    for (const name of federation.members) expect(await fed.isMember(membership(name)), name).to.equal(true);
    expect(await fed.isMember(membership("Garden DisCO"))).to.equal(false);
    // The demo's members decided by vote: the federation's founder is the demo's timelock's DisCO.
    const factory = await connection.ethers.getContractAt("DisCOFactory", demo.chain.factory.address);
    const [created] = await factory.queryFilter(factory.filters.FederationCreated());
    expect(created.args.founder).to.equal(membership("Demo DisCO"));
    // Alice votes as the demo's delegate, named by its members.
    expect((await fed.memberOf(membership("Demo DisCO"))).delegate).to.equal(signers[1].address);
  });

  it("leaves Garden DisCO's application Active, with the demo's vote for it", async () => {
    const { federation } = await connection.networkHelpers.loadFixture(seededFederation);
    const fed = await connection.ethers.getContractAt("Federation", federation.federation.address);
    expect(Number(await fed.state(federation.application))).to.equal(0); // Active
    const proposal = await fed.proposal(federation.application);
    expect([proposal.kind, proposal.forVotes, proposal.electorate]).to.deep.equal([0n, 1n, 3n]);
    expect(await fed.proposalCount()).to.equal(federation.application);
  });

  it("has two check-ins of each member, all confirmed by a peer but River DisCO's period 2, challenged on MoneyIn", async () => {
    const { federation, signers, demo } = await connection.networkHelpers.loadFixture(seededFederation);
    const fed = await connection.ethers.getContractAt("Federation", federation.federation.address);
    const checkedIn = await fed.queryFilter(fed.filters.CheckedIn());
    expect(checkedIn).to.have.length(6);
    const challenged = await fed.queryFilter(fed.filters.CheckInChallenged());
    expect(challenged).to.have.length(1);
    const [challenge] = challenged;
    expect(FIGURES[Number(challenge.args.figure)].name).to.equal("MoneyIn");
    expect(challenge.args.period).to.equal(2n);
    expect(challenge.args.reason).to.contain("money in");
    // By Jun, the demo's auditor, for the demo.
    const jun = signers[DEMO_PEOPLE.find((p) => p.name === "Jun")!.index].address;
    expect([challenge.args.challenger, challenge.args.by]).to.deep.equal([
      demo.deployment.contracts.membership.address,
      jun,
    ]);
    const confirmed = await fed.queryFilter(fed.filters.CheckInConfirmed());
    expect(confirmed).to.have.length(5);
    const judged = new Set([...confirmed, ...challenged].map((e) => `${e.args.disco}/${e.args.period}`));
    expect(judged.size).to.equal(6);
    expect(federation.checkIns.filter((c) => c.verdict.startsWith("challenged"))).to.deep.equal([
      { disco: "River DisCO", period: 2, verdict: "challenged by Demo DisCO: MoneyIn" },
    ]);
  });

  it("recomputes every honest check-in from its DisCO's own logs, and finds the dishonest one's money in inflated", async () => {
    const { federation, demo, client } = await connection.networkHelpers.loadFixture(seededFederation);
    const chain = { ...demo.deployment, factory: demo.chain.factory };
    const found = await discoverDisCOs(client, chain);
    const fed = await loadFederation(client, findFederation(await discoverFederations(client, chain), FEDERATION.name));
    expect(getAddress(fed.address)).to.equal(federation.federation.address);
    const checks = await verifyCheckIns(client, fed, found);
    const name = (disco: string) => found.find((d) => d.contracts.membership.address === getAddress(disco))?.name;
    expect(checks.map((c) => [name(c.checkIn.disco), c.checkIn.period, c.differs, c.error])).to.deep.equal(
      ["Demo DisCO", "Small DisCO", "River DisCO"].flatMap((disco) =>
        [1, 2].map((period) => [
          disco,
          period,
          disco === DISHONEST.disco && period === DISHONEST.period ? ["MoneyIn"] : [],
          undefined,
        ]),
      ),
    );
    const statuses = fed.checkIns.map((c) => checkInStatus(c).status);
    expect(statuses).to.deep.equal(["confirmed", "confirmed", "confirmed", "confirmed", "confirmed", "challenged"]);
  });

  it("has the demo's trust values, one set by Small DisCO's treasurer within its bound", async () => {
    const { federation, demo, client } = await connection.networkHelpers.loadFixture(seededFederation);
    const fed = await connection.ethers.getContractAt("Federation", federation.federation.address);
    const found = await discoverDisCOs(client, { ...demo.deployment, factory: demo.chain.factory });
    const membership = (name: string) => found.find((d) => d.name === name)!.contracts.membership.address;
    for (const [from, to, value] of TRUST) {
      expect(Number(await fed.trustOf(membership(from), membership(to))), `${from} -> ${to}`).to.equal(value);
    }
    expect(Number(await fed.trustOf(membership("River DisCO"), membership("Small DisCO")))).to.equal(0);
    const small = await fed.memberOf(membership("Small DisCO"));
    expect(Number(small.treasurerTrustBound)).to.equal(SMALL_TREASURER_BOUND);
    const byTreasurer = await fed.queryFilter(
      fed.filters.TrustSet(membership("Small DisCO"), membership("River DisCO")),
    );
    expect(byTreasurer.map((e) => e.args.by)).to.deep.equal([SMALL_PARAMETERS.treasurers?.[0]]);
  });

  it("publishes the profiles of the demo and Small DisCO, whose served documents match their hashes", async () => {
    const { federation, demo, client } = await connection.networkHelpers.loadFixture(seededFederation);
    const found = await discoverDisCOs(client, { ...demo.deployment, factory: demo.chain.factory });
    for (const { disco, slug, input } of PROFILES) {
      const membership = await connection.ethers.getContractAt(
        "Membership",
        found.find((d) => d.name === disco)!.contracts.membership.address,
      );
      const [uri, hash] = await membership.profile();
      expect(uri).to.equal(profileURI(slug));
      const text = readFileSync(profilePath(slug), "utf8");
      expect(readProfile(text, hash as Hex)).to.deep.equal({
        document: JSON.parse(profileText(profileDocument(input))),
      });
      expect(federation.profiles.find((p) => p.disco === disco)?.hash).to.equal(hash);
    }
  });

  it("keeps the demo's open vote open, and seeds the federation in under a minute", async () => {
    const { demo, open, seconds } = await connection.networkHelpers.loadFixture(seededFederation);
    expect(PROPOSAL_STATES[Number(await demo.governor.state(open))]).to.equal("Active");
    expect(seconds).to.be.below(60);
  });
});

describe("seeded demo mutual credit", function () {
  this.timeout(180_000);

  /** The seeded chain, its credit network (ethers) and the traders' ids. */
  async function trading() {
    const seeded = await connection.networkHelpers.loadFixture(seededFederation);
    const credit = await connection.ethers.getContractAt("MutualCredit", seeded.credit.network.address);
    const id = (name: SeededName) => seeded.federation.discos[name].named.address;
    return { ...seeded, credit, id };
  }

  it("has the lines and the treasurers' limits each DisCO's members voted", async () => {
    const { credit, id, federation } = await trading();
    for (const [giver, receiver, euros] of LINES) {
      expect(await credit.lineOf(id(giver), id(receiver)), `${giver} -> ${receiver}`).to.deep.equal([
        cents(euros),
        false,
      ]);
    }
    // By vote: each line set by its giver's timelock.
    const set = await credit.queryFilter(credit.filters.CreditLineSet());
    const timelock = (disco: string) =>
      Object.values(federation.discos).find((d) => d.named.address === disco)?.deployment.contracts.timelock.address;
    expect(set.map((e) => e.args.by)).to.deep.equal(set.map((e) => timelock(e.args.giver)));
    for (const [name, { budget, lineBound }] of Object.entries(TREASURER_LIMITS)) {
      const t = await credit.treasurersOf(id(name as SeededName));
      expect([t.budget, t.lineBound], name).to.deep.equal([cents(budget), cents(lineBound)]);
    }
  });

  it("has the treasurers' payments with their invoices, the cleared cycle, a two-hop payment and a settlement", async () => {
    const { credit, id, federation, demo, small } = await trading();
    const paid = await credit.queryFilter(credit.filters.CreditPaid());
    expect(paid.map((e) => [paymentReference(e.args.paymentRef), e.args.path, e.args.amount])).to.deep.equal(
      [...INVOICES, ...AFTER_CLEARING].map((p) => [p.ref, p.path.map(id), cents(p.euros)]),
    );
    // Each by the payer's treasurer, within the budget its members gave.
    const treasurers = [...INVOICES, ...AFTER_CLEARING].map((p) => federation.discos[p.path[0]].treasurer.getAddress());
    expect(paid.map((e) => e.args.by)).to.deep.equal(await Promise.all(treasurers));
    const [cleared] = await credit.queryFilter(credit.filters.CycleCleared());
    expect([cleared.args.cycle, cleared.args.amount]).to.deep.equal([CLEARED.cycle.map(id), cents(CLEARED.euros)]);
    // The settlement: the demo's timelock spent from its treasury, and the tokens reached Small DisCO's treasury.
    const [settled] = await credit.queryFilter(credit.filters.Settled());
    expect([settled.args.debtor, settled.args.creditor, settled.args.amount]).to.deep.equal([
      id(SETTLED.debtor),
      id(SETTLED.creditor),
      cents(SETTLED.euros),
    ]);
    expect(settled.args.tokens).to.equal(cents(SETTLED.euros) * 10n ** 4n); // the demo's euro has 6 decimals
    const [spent] = await demo.treasury.queryFilter(demo.treasury.filters.Spent(), settled.blockNumber);
    expect([spent.args.to, spent.args.amount]).to.deep.equal([
      demo.deployment.contracts.timelock.address,
      settled.args.tokens,
    ]);
    const token = await connection.ethers.getContractAt("DemoEuro", demo.deployment.contracts.token.address);
    const [arrived] = await token.queryFilter(token.filters.Transfer(undefined, small.contracts.treasury.address));
    expect([arrived.blockNumber, arrived.args.value]).to.deep.equal([settled.blockNumber, settled.args.tokens]);
  });

  it("leaves the demo owing Small DisCO, Small DisCO owing River DisCO, River DisCO owing the demo: a cycle open", async () => {
    const { credit, id, client, federation } = await trading();
    const owes = async (debtor: SeededName, creditor: SeededName) =>
      -(await credit.balanceOf(id(debtor), id(creditor)));
    expect(await owes("Demo DisCO", "Small DisCO")).to.equal(cents(450));
    expect(await owes("Small DisCO", "River DisCO")).to.equal(cents(500));
    expect(await owes("River DisCO", "Demo DisCO")).to.equal(cents(200));
    // The SDK's fold agrees with the chain on every pair, and suggests clearing the open cycle by its least debt.
    const state = await loadCredit(client, {
      address: getAddress(await credit.getAddress()),
      blockNumber: federation.federation.blockNumber,
    });
    expect(state.balances).to.have.length(3);
    for (const { low, high, balance } of state.balances) expect(await credit.balanceOf(low, high)).to.equal(balance);
    expect(
      ["Demo DisCO", "Small DisCO", "River DisCO"].map((n) => netPosition(state, id(n as SeededName))),
    ).to.deep.equal([cents(-250), cents(-50), cents(300)]);
    const [open, ...others] = findCycles(state, state.maxHops);
    expect(others).to.deep.equal([]);
    expect(open.amount).to.equal(cents(200));
    // The cleared cycle again, from its lowest address: Demo -> Small -> River -> Demo, in that direction.
    const ring = CLEARED.cycle.slice(0, -1).map(id);
    const start = ring.indexOf(open.cycle[0]);
    expect(open.cycle).to.deep.equal([...ring.slice(start), ...ring.slice(0, start), ring[start]]);
  });
});
