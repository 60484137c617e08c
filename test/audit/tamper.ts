import { expect } from "chai";
import { AbiCoder, id, zeroPadValue } from "ethers";
import { exitStatus, renderReport } from "@disco-ledger/sdk/audit";
import { TRANSFER_TOPIC, type RawLog } from "@disco-ledger/sdk/history";
import { audit } from "../helpers/audit.ts";
import { recordedDemo, refold, type Demo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";

const { loadFixture } = connection.networkHelpers;
const coder = AbiCoder.defaultAbiCoder();

const PAYOUT_CLAIMED = id("PayoutClaimed(address,uint32,uint256)");
const VOTE_CAST = id("VoteCast(address,uint256,uint8,uint256,string)");

/** The demo audited from other logs than it emitted. */
const auditLogs = (demo: Demo, logs: readonly RawLog[]) => audit(demo.deployment, refold(demo, logs));

describe("audit of tampered logs", () => {
  it("reports a dropped payout claim: owed mismatches, its transfer is no longer traced, status 1", async () => {
    const demo = await loadFixture(recordedDemo);
    // Alice claimed both periods in one call: one transfer for two PayoutClaimed events. Drop one.
    const claims = demo.snapshot.logs.filter((log) => log.topics[0] === PAYOUT_CLAIMED);
    const shared = claims.find((a) => claims.some((b) => b !== a && b.transactionHash === a.transactionHash))!;
    const report = await auditLogs(
      demo,
      demo.snapshot.logs.filter((log) => log !== shared),
    );
    const owed = report.reconciliation.checks.find((c) => c.what === "owed")!;
    expect(owed.matched).to.equal(false);
    expect(BigInt(owed.folded as string) - BigInt(owed.onChain as string)).to.equal(
      coder.decode(["uint256"], shared.data)[0],
    );
    expect(report.money.untraced.map((m) => m.txHash)).to.deep.equal([shared.transactionHash]);
    expect(exitStatus(report)).to.equal(1);
    expect(renderReport(report)).to.match(/x treasury: owed: folded "\d+", on chain "\d+"/);
  });

  it("reports an altered amount with both values", async () => {
    const demo = await loadFixture(recordedDemo);
    const token = demo.deployment.contracts.token.address.toLowerCase();
    const at = demo.snapshot.logs.findIndex((l) => l.topics[0] === TRANSFER_TOPIC && l.address.toLowerCase() === token);
    const logs = demo.snapshot.logs.map((log, i) =>
      i === at ? { ...log, data: coder.encode(["uint256"], [BigInt(log.data) + 1n]) } : log,
    );
    const report = await auditLogs(demo, logs);
    const balance = report.reconciliation.checks.find((c) => c.what === "balance")!;
    expect(BigInt(balance.folded as string)).to.equal(BigInt(balance.onChain as string) + 1n);
    expect(report.summary.mismatches).to.be.greaterThan(0);
    expect(exitStatus(report)).to.equal(1);
  });

  it("flags a transfer out of the treasury that nothing in its transaction explains, by its tx hash", async () => {
    const demo = await loadFixture(recordedDemo);
    const { token, treasury } = demo.deployment.contracts;
    const last = demo.snapshot.logs.at(-1)!;
    const injected: RawLog = {
      blockNumber: last.blockNumber,
      index: last.index + 1,
      transactionHash: `0x${"7e".repeat(32)}`,
      address: token.address,
      topics: [TRANSFER_TOPIC, zeroPadValue(treasury.address, 32), zeroPadValue(demo.signers[9].address, 32)],
      data: coder.encode(["uint256"], [1_000_000n]),
    };
    const report = await auditLogs(demo, [...demo.snapshot.logs, injected]);
    expect(report.money.untraced).to.have.length(1);
    expect(report.money.untraced[0].txHash).to.equal(injected.transactionHash);
    expect(report.money.ok).to.equal(false);
    expect(renderReport(report)).to.contain(
      `UNTRACED 1.0 dEUR to ${demo.signers[9].address} in tx ${injected.transactionHash}`,
    );
    expect(exitStatus(report)).to.equal(1);
  });

  it("flags an executed proposal whose folded tally misses its quorum", async () => {
    const demo = await loadFixture(recordedDemo);
    const executed = [...demo.state.governance.proposals.values()].find((p) => p.executed)!;
    // Keep one binding vote of the executed proposal: 1 of the 4 binding members falls short of 50%.
    const votes = demo.snapshot.logs.filter(
      (log) => log.topics[0] === VOTE_CAST && coder.decode(["uint256"], log.data.slice(0, 66))[0] === executed.id,
    );
    const kept = votes[0];
    const report = await auditLogs(
      demo,
      demo.snapshot.logs.filter((log) => !votes.includes(log) || log === kept),
    );
    const check = report.proposals.find((p) => p.proposalId === executed.id)!;
    expect(check.quorum.participation).to.equal(1);
    expect(check.quorum.required).to.equal(await demo.governor.quorum(executed.voteStart));
    expect([check.quorum.reached, check.ok]).to.deep.equal([false, false]);
    expect(renderReport(report)).to.contain("NOT REACHED");
    expect(exitStatus(report)).to.equal(1);
  });

  it("flags a vote counted binding from someone who was not Committed at the snapshot", async () => {
    const demo = await loadFixture(recordedDemo);
    // Eli (Dating 2) votes advisory on the executed proposal: make the log say weight 1.
    const eli = demo.signers[5].address;
    const at = demo.snapshot.logs.findIndex(
      (log) => log.topics[0] === VOTE_CAST && BigInt(log.topics[1]) === BigInt(eli),
    );
    const [proposalId, support, weight, reason] = coder.decode(
      ["uint256", "uint8", "uint256", "string"],
      demo.snapshot.logs[at].data,
    );
    expect(weight).to.equal(0n);
    const logs = demo.snapshot.logs.map((log, i) =>
      i === at
        ? { ...log, data: coder.encode(["uint256", "uint8", "uint256", "string"], [proposalId, support, 1n, reason]) }
        : log,
    );
    const report = await auditLogs(demo, logs);
    const check = report.proposals.find((p) => p.proposalId === proposalId)!;
    expect(check.ineligibleVotes).to.deep.equal([{ voter: eli, countedAs: "binding", stageAtSnapshot: "Dating2" }]);
    expect(check.ok).to.equal(false);
    expect(report.summary.mismatches).to.be.greaterThan(0);
  });
});
