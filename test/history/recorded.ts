import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { AbiCoder, id } from "ethers";
import { deployDisCO, type DisCOParameters } from "../../scripts/lib/deploy.ts";
import { ROOT } from "../../scripts/lib/deployments.ts";
import { PROPOSAL_STATES } from "../../scripts/lib/governance.ts";
import { ENTRY_STATUSES } from "../../scripts/lib/ledger.ts";
import { STAGES } from "../../scripts/lib/members.ts";
import { seedAll } from "../../scripts/lib/seed.ts";
import {
  decodeLogs,
  loadHistory,
  foldHistory,
  type HistoryState,
  type RawLog,
  type Totals,
} from "../../scripts/lib/history/index.ts";
import { connection } from "../helpers/disco.ts";

const parameters = (
  JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "localhost.json"), "utf8")) as {
    DisCO: DisCOParameters;
  }
).DisCO;

/** The demo DisCO, deployed and seeded as `npm start` does, and every log it emitted. */
async function recordedDemo() {
  const deployed = await deployDisCO(connection, parameters);
  const { deployment } = deployed;
  await seedAll(deployed, await connection.ethers.getSigners(), connection.networkHelpers.time);
  const { snapshot, state, decoded } = await loadHistory(connection.ethers.provider, deployment);
  const token = await connection.ethers.getContractAt("DemoEuro", deployment.contracts.token.address);
  return { ...deployed, token, snapshot, state, decoded };
}

type Demo = Awaited<ReturnType<typeof recordedDemo>>;

const fold = (demo: Demo, logs: readonly RawLog[]) => {
  const decoded = decodeLogs(logs, demo.deployment.contracts);
  return foldHistory(decoded.events, demo.deployment.contracts.treasury.address);
};

const totals = (t: { historical: bigint[]; payable_: bigint[] }): Totals => ({
  historical: [t.historical[0], t.historical[1], t.historical[2]],
  payable: [t.payable_[0], t.payable_[1], t.payable_[2]],
});
const none: Totals = { historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] };

/**
 * Every way the folded state disagrees with the contracts' views, one line each: members and stages, entries,
 * period, member and lifetime totals, proposals and votes, the treasury and the capital accounts.
 */
async function differences(demo: Demo, state: HistoryState): Promise<string[]> {
  const { membership, ledger, governor, treasury, capital, token } = demo;
  const found: string[] = [];
  const check = (what: string, folded: unknown, onChain: unknown) => {
    const text = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
    if (text(folded) !== text(onChain)) found.push(`${what}: folded ${text(folded)}, on chain ${text(onChain)}`);
  };

  // Members: everyone the events name, current or former.
  check("memberCount", BigInt(state.members.current.size), await membership.memberCount());
  for (const account of [...state.members.current.keys(), ...state.members.former.keys()]) {
    const member = state.members.current.get(account);
    const record = await membership.memberOf(account);
    check(`stage of ${account}`, member?.stage ?? "None", STAGES[Number(record.stage)]);
    if (member) check(`constituency of ${account}`, BigInt(member.constituency), record.constituency);
  }

  // Ledger: entries, periods, and each member's period and lifetime totals.
  check("entryCount", BigInt(state.ledger.entries.size), await ledger.entryCount());
  for (const entry of state.ledger.entries.values()) {
    const onChain = await ledger.entry(entry.id);
    check(
      `entry ${entry.id}`,
      [entry.status, entry.approvals.length, entry.settled, entry.amount],
      [ENTRY_STATUSES[Number(onChain.status)], Number(onChain.approvals), onChain.settled, onChain.amount],
    );
  }
  check("currentPeriod", BigInt(state.ledger.currentPeriod), await ledger.currentPeriod());
  const authors = new Set([...state.ledger.entries.values()].map((e) => e.author.toLowerCase()));
  for (const period of state.ledger.periods.values()) {
    check(`period ${period.period} totals`, period.totals, totals(await ledger.periodTotals(period.period)));
    const info = await ledger.periodInfo(period.period);
    check(
      `period ${period.period} info`,
      [period.openedAt, period.closedAt ?? 0n, BigInt(period.openDisputes)],
      [info.openedAt, info.closedAt, info.openDisputes],
    );
    for (const author of authors) {
      const folded = state.ledger.memberPeriodTotals.get(author)?.get(period.period) ?? none;
      check(
        `${author} in period ${period.period}`,
        folded,
        totals(await ledger.memberPeriodTotals(author, period.period)),
      );
    }
  }
  for (const author of authors) {
    check(
      `${author} for life`,
      state.ledger.lifetimeTotals.get(author) ?? none,
      totals(await ledger.lifetimeTotals(author)),
    );
  }

  // Governance: each proposal's state, tally and binding votes, and each vote.
  for (const proposal of state.governance.proposals.values()) {
    const onChain = PROPOSAL_STATES[Number(await governor.state(proposal.id))];
    const ended = proposal.executed ? "Executed" : proposal.canceled ? "Canceled" : proposal.queued ? "Queued" : null;
    check(
      `proposal ${proposal.id} ended`,
      ended,
      ["Executed", "Canceled", "Queued"].includes(onChain) ? onChain : null,
    );
    const t = await governor.proposalTally(proposal.id);
    check(`proposal ${proposal.id} tally`, proposal.tally, {
      forVotes: Number(t.forVotes),
      againstVotes: Number(t.againstVotes),
      abstainVotes: Number(t.abstainVotes),
      blockVotes: Number(t.blockVotes),
      advisoryFor: Number(t.advisoryFor),
      advisoryAgainst: Number(t.advisoryAgainst),
      advisoryAbstain: Number(t.advisoryAbstain),
      advisoryBlock: Number(t.advisoryBlock),
    });
    check(`proposal ${proposal.id} kind`, proposal.kind, ["Standard", "Bylaw", "Consent"][Number(t.kind)]);
    const [against, forVotes, abstain] = await governor.proposalVotes(proposal.id);
    const { againstVotes, forVotes: f, abstainVotes } = proposal.tally;
    check(`proposal ${proposal.id} votes`, [againstVotes, f, abstainVotes].map(BigInt), [against, forVotes, abstain]);
    for (const vote of proposal.votes) {
      const [voted, support] = await governor.voteOf(proposal.id, vote.voter);
      check(
        `vote of ${vote.voter} on ${proposal.id}`,
        [true, vote.support],
        [voted, ["Against", "For", "Abstain", "Block"][Number(support)]],
      );
    }
  }

  // Treasury: what is owed, each pool, each claim, and the balance the transfers add up to.
  check("owed", state.treasury.owed, await treasury.owed());
  for (const funding of state.treasury.fundings.values()) {
    const pool = await treasury.pool(funding.period);
    check(
      `pool ${funding.period}`,
      [funding.amount, funding.streamPools, funding.periodPayable],
      [pool.funded, [...pool.streamPools], [...pool.periodPayable]],
    );
  }
  for (const [member, periods] of state.treasury.claims) {
    for (const period of periods.keys())
      check(`${member} claimed ${period}`, true, await treasury.hasClaimed(member, period));
  }
  check("treasury balance", state.treasuryBalance, await token.balanceOf(demo.deployment.contracts.treasury.address));

  // Capital: the books' totals, each account and each redemption.
  const c = state.capital;
  check("held", c.held, await capital.held());
  check("reserve", c.reserve, await capital.reserve());
  check("commons", c.commons, await capital.commons());
  check("cashOwed", c.cashOwed, await capital.cashOwed());
  check("redemptionsOwed", c.redemptionsOwed, await capital.redemptionsOwed());
  check("accountsTotal", c.accountsTotal, await capital.accountsTotal());
  check("totalShares", c.totalShares, await capital.totalShares());
  check("index", c.index, await capital.index());
  check("yearCount", BigInt(c.years.size), await capital.yearCount());
  for (const [member, account] of c.accounts) {
    const a = await capital.accountOf(member);
    check(`account of ${member}`, account, {
      shares: a.shares,
      value: a.value,
      cash: a.cash,
      settledYears: Number(a.settledYears),
      contributed: a.contributed,
    });
  }
  for (const [member, redemption] of c.redemptions) {
    const r = await capital.redemptionOf(member);
    check(`redemption of ${member}`, redemption, {
      total: r.total,
      paid: r.paid,
      start: r.start,
      period: r.period,
      instalments: Number(r.instalments),
    });
  }
  return found;
}

describe("history of the seeded demo, from its recorded logs", () => {
  it("folds into exactly what the contracts' views say", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { state, decoded } = demo;
    expect(await differences(demo, state)).to.deep.equal([]);

    // The demo's story is all there: members, work, votes, money and capital.
    expect(state.members.current.size).to.equal(7);
    expect([...state.members.former.values()].map((m) => m.reason)).to.deep.equal([null]);
    expect(state.ledger.periods.size).to.equal(3);
    expect(state.governance.proposals.size).to.equal(4);
    expect(state.governance.votes.filter((v) => !v.binding).length).to.be.greaterThan(0);
    expect(state.treasury.payIns.length).to.equal(2);
    expect(state.treasury.claimList.length).to.equal(3);
    expect(state.capital.contributions.length).to.equal(7);
    expect(state.capital.cashClaims.length).to.equal(2);
    expect(state.capital.redemptionsScheduled.length).to.equal(1);
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
    const found = await differences(demo, fold(demo, logs));
    expect(found.some((d) => d.startsWith("owed"))).to.equal(true);
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
    const found = await differences(demo, fold(demo, logs));
    expect(found.some((d) => d.startsWith("treasury balance"))).to.equal(true);
  });
});
