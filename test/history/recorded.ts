import { expect } from "chai";
import { AbiCoder, id } from "ethers";
import { reconcile } from "@disco-ledger/sdk/audit";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { connection } from "../helpers/disco.ts";
import { recordedDemo, refold, type Demo } from "../helpers/demo.ts";

/** The figures on which the folded state and the contracts' views disagree, by name. */
async function mismatches(demo: Demo, state: HistoryState): Promise<string[]> {
  return (await reconcile(state, demo.views)).filter((c) => !c.matched).map((c) => c.what);
}

describe("history of the seeded demo, from its recorded logs", () => {
  it("folds into exactly what the contracts' views say", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { state, decoded } = demo;
    const checks = await reconcile(state, demo.views);
    expect(checks.filter((c) => !c.matched)).to.deep.equal([]);
    // Every part of the books was compared, not just some.
    for (const section of ["members", "ledger", "governance", "treasury", "capital", "audit"]) {
      expect(checks.filter((c) => c.section === section).length, section).to.be.greaterThan(0);
    }

    // The demo's story is all there: members, work, votes, money and capital.
    expect(state.members.current.size).to.equal(7);
    expect([...state.members.former.values()].map((m) => m.reason)).to.deep.equal([null]);
    expect(state.ledger.periods.size).to.equal(3);
    expect(state.governance.proposals.size).to.equal(5);
    expect(state.governance.votes.filter((v) => !v.binding).length).to.be.greaterThan(0);
    expect(state.treasury.payIns.length).to.equal(2);
    expect(state.treasury.claimList.length).to.equal(3);
    expect(state.capital.contributions.length).to.equal(7);
    expect(state.capital.cashClaims.length).to.equal(2);
    expect(state.capital.redemptionsScheduled.length).to.equal(1);
    expect([...state.capital.redemptions.values()].map((schedules) => schedules.length)).to.deep.equal([1]);
    expect(state.capital.years.get(1)?.treasurer).to.equal(demo.deployment.contracts.timelock.address);
    // Every closed period final (the demo waits out the review window), none with lapsed work.
    expect([...state.ledger.periods.values()].map((p) => p.finalAt !== null)).to.deep.equal([true, true, false]);
    expect([...state.ledger.entries.values()].filter((e) => e.status === "Lapsed")).to.deep.equal([]);
    expect(state.movements.filter((m) => m.direction === "in").length).to.equal(2 + 7);
    // Every log is decoded except the ones this module has no use for, which are kept aside, not lost.
    expect(decoded.events.length + decoded.unknown.length).to.equal(demo.snapshot.logs.length);
    expect(decoded.unknown).to.deep.equal([]);
  });

  it("differs from the views when one recorded event is dropped", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const claimed = id("PayoutClaimed(address,uint32,uint256)");
    const at = demo.snapshot.logs.findIndex((log) => log.topics[0] === claimed);
    expect(at).to.be.at.least(0);
    const logs = demo.snapshot.logs.filter((_, i) => i !== at);
    expect(await mismatches(demo, refold(demo, logs))).to.include("owed");
  });

  it("differs from the views when one recorded amount is altered", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const transfer = id("Transfer(address,address,uint256)");
    const coder = AbiCoder.defaultAbiCoder();
    // The first money in (a client's payment) made one unit larger.
    const token = demo.deployment.contracts.token.address.toLowerCase();
    const at = demo.snapshot.logs.findIndex((log) => log.topics[0] === transfer && log.address.toLowerCase() === token);
    const logs = demo.snapshot.logs.map((log, i) =>
      i === at
        ? { ...log, data: coder.encode(["uint256"], [(coder.decode(["uint256"], log.data)[0] as bigint) + 1n]) }
        : log,
    );
    expect(await mismatches(demo, refold(demo, logs))).to.include("balance");
  });
});
