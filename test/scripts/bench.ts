import { expect } from "chai";
import { auditHistory, connectViews } from "@disco-ledger/sdk/audit";
import { buildHistory } from "../../scripts/lib/bench/audit-speed.ts";
import { constancy } from "../../scripts/lib/bench/report.ts";
import { fetchHistory, foldSnapshot, memoryCache } from "@disco-ledger/sdk/history";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";
import { compareSnapshot, formatComparison } from "../../scripts/lib/bench/snapshot.ts";

describe("bench: the gas snapshot check", () => {
  const snapshot = { castVote: 100_000, claim1: 60_000 };

  it("fails when a figure grows more than 2%", () => {
    const comparison = compareSnapshot(snapshot, { castVote: 102_100, claim1: 60_000 });
    expect(comparison.failed).to.equal(true);
    expect(comparison.rows.map((row) => row.verdict)).to.deep.equal(["grew", "same"]);
  });

  it("passes a figure that grew 1.9%, or exactly 2%", () => {
    for (const castVote of [101_900, 102_000]) {
      const comparison = compareSnapshot(snapshot, { castVote, claim1: 60_000 });
      expect(comparison.failed, `${castVote}`).to.equal(false);
      expect(comparison.stale, `${castVote}`).to.equal(false);
      expect(comparison.rows[0].verdict, `${castVote}`).to.equal("within");
    }
  });

  it("passes a figure that fell more than 2%, and says the snapshot is stale", () => {
    const comparison = compareSnapshot(snapshot, { castVote: 97_900, claim1: 60_000 });
    expect(comparison.failed).to.equal(false);
    expect(comparison.stale).to.equal(true);
    expect(comparison.rows[0].verdict).to.equal("shrank");
  });

  it("fails when the measured calls are not the snapshot's: a new one, or a missing one", () => {
    const added = compareSnapshot(snapshot, { ...snapshot, redeem: 59_000 });
    expect(added.failed).to.equal(true);
    expect(added.rows[2]).to.deep.equal({ op: "redeem", measured: 59_000, verdict: "new" });
    const missing = compareSnapshot(snapshot, { castVote: 100_000 });
    expect(missing.failed).to.equal(true);
    expect(missing.rows[1]).to.deep.equal({ op: "claim1", snapshot: 60_000, verdict: "missing" });
  });

  it("prints each op with both figures, the change and the verdict", () => {
    const lines = formatComparison(compareSnapshot(snapshot, { castVote: 102_100, redeem: 59_000 }));
    expect(lines).to.deep.equal([
      "castVote    100,000 ->   102,100 (+2.10%)  grew",
      "claim1       60,000 ->         -  missing",
      "redeem            - ->    59,000  new",
    ]);
  });
});

describe("bench: constant in the number of members", () => {
  it("says yes only when every size measured the same gas", () => {
    const sizes = [10, 100, 1_000, 10_000];
    expect(constancy(sizes, { 10: 5, 100: 5, 1000: 5, 10000: 5 })).to.equal("yes");
    expect(constancy(sizes, { 10: 1_000, 100: 1_000, 1000: 1_010, 10000: 1_079 })).to.equal(
      "no: +79 gas, +7.9%, 10 to 10,000 members",
    );
    expect(constancy([10], { 10: 5 })).to.equal("n/a (one size)");
  });
});

describe("bench: the audit-speed history", () => {
  it("builds at least the events asked for, through the real entry points, and they audit clean", async () => {
    const built = await buildHistory(connection, 1_200);
    const { deployment } = built.deployed;
    const client = publicClient(connection);
    const snapshot = await fetchHistory(client, deployment, { cache: memoryCache() });
    expect(snapshot.logs.length).to.be.at.least(1_200);
    const { state } = foldSnapshot(snapshot, deployment);
    // Two member contracts' work, each entry approved by the other and counted; every period funded and claimed.
    expect(state.ledger.entries.size).to.equal(built.entries);
    expect([...state.ledger.entries.values()].every((e) => e.status === "Counted")).to.equal(true);
    expect(state.treasury.payIns.length).to.equal(built.payments);
    expect(state.treasury.fundings.size).to.equal(built.periods);
    expect(state.treasury.claimList.length).to.equal(built.claims);
    const views = connectViews(deployment, client);
    const report = await auditHistory(state, views, { deployment, toBlock: snapshot.lastBlock });
    expect(report.summary).to.deep.include({ mismatches: 0, brokenChecks: 0, ok: true });
  });
});
