import { expect } from "chai";
import { id } from "ethers";
import { exitStatus, renderReport } from "@disco-ledger/sdk/audit";
import { audit, audited, governedDisCO, SPEND } from "../helpers/audit.ts";
import { refold } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";

const { loadFixture } = connection.networkHelpers;

const auditedGoverned = audited(governedDisCO);

describe("audit's bylaw checks on a DisCO governed by votes", () => {
  it("reconciles every figure: the broken bylaw is in the checks, not in the books", async () => {
    const { report } = await loadFixture(auditedGoverned);
    expect(report.reconciliation.checks.filter((c) => !c.matched)).to.deep.equal([]);
    expect(report.summary.mismatches).to.equal(0);
  });

  it("checks each paid period against the cap in force when it was funded, and flags the one that breaks it", async () => {
    const { report, audit: registry } = await loadFixture(auditedGoverned);
    expect(await registry.wageRatioCap()).to.equal(100n);
    const byPeriod = Object.fromEntries(report.wageRatio.map((w) => [w.period, [w.ratioText, w.capX100, w.ok]]));
    expect(byPeriod).to.deep.equal({
      // Funded under 6:1. erin logged 10.01 hours paid at half (5.00 payable): 10.01/5 = 2.002, shown rounded up.
      1: ["2.01", 600, true],
      // Nobody earned livelihood in period 2: nothing to compare.
      2: ["-", 600, true],
      // Under 1:1: Committed workers only, every hour weighs the same.
      3: ["1.00", 100, true],
      // Under 1:1: erin (Dating 2) at half alice's paid hour.
      4: ["2.00", 100, false],
    });
    const broken = report.wageRatio.find((w) => w.period === 4)!;
    expect(broken.worst).to.equal((await connection.ethers.getSigners())[5].address.toLowerCase());
    expect(report.summary.brokenChecks).to.equal(1);
    expect(exitStatus(report)).to.equal(1);
    expect(renderReport(report)).to.contain("period 4: 2.00 (cap 1.00) BROKEN");
  });

  it("re-derives a weighted vote from each voter's constituency at the snapshot, as the governor scaled it", async () => {
    const { report, governor, proposals } = await loadFixture(auditedGoverned);
    expect(report.proposals.map((p) => [p.kind, p.ok])).to.deep.equal([
      ["Bylaw", true],
      ["Bylaw", true],
      ["Standard", true],
    ]);
    const spend = report.proposals.find((p) => p.proposalId === proposals.spend)!;
    const [against, forVotes, abstain] = await governor.weightedVotes(proposals.spend);
    expect(spend.threshold.weighted).to.equal(true);
    expect([spend.threshold.againstVotes, spend.threshold.forVotes, spend.threshold.abstainVotes]).to.deep.equal([
      against,
      forVotes,
      abstain,
    ]);
    // Workers 60% over alice and bob, community 20% (carol), clients 20% (dave), in 1e18ths of the DisCO.
    expect([forVotes, against, abstain]).to.deep.equal([5n * 10n ** 17n, 3n * 10n ** 17n, 2n * 10n ** 17n]);
    const cap = report.proposals.find((p) => p.proposalId === proposals.cap)!;
    expect(cap.threshold.rule).to.contain("2/3");
  });

  it("traces a spend to the execution of the proposal that voted it", async () => {
    const { report, proposals, ivan } = await loadFixture(auditedGoverned);
    const spent = report.money.movements.find((m) => m.tracedTo === "spend")!;
    expect([spent.to, spent.amount, spent.proposalId, spent.detail]).to.deep.equal([
      ivan.address,
      SPEND,
      proposals.spend,
      "Server rent, March",
    ]);
    expect(report.money.ok).to.equal(true);
  });

  it("flags a spend whose transaction shows no proposal execution, and a transfer out with its Spent removed", async () => {
    const disco = await loadFixture(auditedGoverned);
    const spendTx = disco.state.treasury.spends[0].txHash;
    const executions = new Set([
      id("ProposalExecuted(uint256)"),
      id("CallExecuted(bytes32,uint256,address,uint256,bytes)"),
    ]);
    const unexecuted = disco.snapshot.logs.filter(
      (log) => !(log.transactionHash === spendTx && executions.has(log.topics[0])),
    );
    const outside = await audit(disco.deployment, refold(disco, unexecuted));
    expect(outside.money.untraced.map((m) => [m.txHash, m.detail])).to.deep.equal([
      [spendTx, "spend outside the execution of a proposal: Server rent, March"],
    ]);

    const spentTopic = id("Spent(address,uint256,string)");
    const unexplained = disco.snapshot.logs.filter((log) => log.topics[0] !== spentTopic);
    const report = await audit(disco.deployment, refold(disco, unexplained));
    expect(report.money.untraced.map((m) => [m.txHash, m.tracedTo])).to.deep.equal([[spendTx, null]]);
    expect(exitStatus(report)).to.equal(1);
  });
});
