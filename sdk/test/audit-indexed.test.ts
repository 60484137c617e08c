/**
 * The audit's checks and books index the history once instead of scanning it again for every transfer, period or
 * proposal. These tests hold the indexed versions to straightforward ones, kept here, on synthetic histories made
 * to collide: many payments to few parties of few amounts in one transaction, many periods with entries moved
 * between them, many proposals over a changing membership.
 */
import { describe, expect, it } from "vitest";
import {
  before,
  periodBooks,
  proposalChecks,
  traceMoney,
  wageRatioChecks,
  type TraceKind,
} from "../src/audit/index.ts";
import type { Deployment } from "../src/deployment.ts";
import {
  foldSnapshot,
  type HistoryState,
  type LedgerEntry,
  type MoneyMovement,
  type Place,
  type Proposal,
  type Totals,
} from "../src/history/index.ts";
import { STAGES, type MemberEvent } from "../src/members.ts";
import history from "./fixtures/audit/demo-history.json";

/** A small deterministic generator (mulberry32), so that every run audits the same history. */
function random(seed: number) {
  return (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n) as number;
  };
}

const emptyState = () => foldSnapshot({ logs: [] }, history.deployment as Deployment).state;
const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, "0")}`;
const TREASURY = "0x00000000000000000000000000000000000000ff";
/** Parties in mixed case: the trace compares addresses case-insensitively. */
const PARTIES = ["0x00000000000000000000000000000000000000aA", "0x00000000000000000000000000000000000000bB", "0xCc"];
const KINDS = ["claim", "cash", "redemption", "spend", "commons", "pay-in", "contribution", "recovery"] as const;

/** Transactions of random explanations and transfers, to and from three parties, of three amounts. */
function moneyHistory(seed: number, transactions: number, logs: number): HistoryState {
  const pick = random(seed);
  const state = emptyState();
  for (let tx = 0; tx < transactions; tx++) {
    const at = (logIndex: number): Place => ({ block: tx + 1, logIndex, txHash: hex(tx + 1, 64) });
    for (let log = 0; log < logs; log++) {
      const party = PARTIES[pick(3)];
      const other = pick(4) === 0 ? party.toUpperCase().replace("0X", "0x") : party;
      const amount = BigInt(1 + pick(3));
      if (pick(2) === 0) {
        const direction = pick(3) === 0 ? "in" : "out";
        const [from, to] = direction === "in" ? [other, TREASURY] : [TREASURY, other];
        // A transfer of the sum of the last two amounts, now and then (a payout of two periods, a redeem()).
        const sum = pick(4) === 0 ? amount + BigInt(1 + pick(3)) : amount;
        state.movements.push({ ...at(log), direction, from, to, amount: sum } as MoneyMovement);
        continue;
      }
      const place = at(log);
      const t = state.treasury;
      const c = state.capital;
      switch (KINDS[pick(KINDS.length)]) {
        case "claim":
          t.claimList.push({ ...place, member: party, period: 1 + pick(5), amount });
          break;
        case "cash":
          c.cashClaims.push({ ...place, member: party, amount });
          break;
        case "redemption":
          c.redemptionsPaid.push({ ...place, member: party, schedule: pick(4), amount, paidTotal: amount * 2n });
          break;
        case "spend":
          t.spends.push({ ...place, to: party, amount, reason: `spend ${log}` });
          break;
        case "commons":
          c.commonsSpending.push({ ...place, to: party, amount, reason: `commons ${log}` });
          break;
        case "pay-in":
          t.payIns.push({ ...place, payer: party, amount, paymentRef: `ref ${log}` });
          break;
        case "contribution":
          c.contributions.push({ ...place, member: party, amount } as never);
          break;
        default:
          state.recoveries.push({ ...place, contract: "ledger", address: party, amount } as never);
      }
    }
    // Every other transaction executes a proposal: its spends count.
    if (tx % 2 === 0) {
      const id = BigInt(tx + 1);
      state.governance.proposals.set(id, { id, executed: at(logs) } as Proposal);
    }
  }
  return state;
}

/** The trace as it was written before it was indexed: every transfer looks at every event of its transaction. */
function referenceTrace(state: HistoryState) {
  type Explanation = Place & { kind: TraceKind; party: string; amount: bigint; detail: string };
  const byTx = new Map<string, Explanation[]>();
  const add = (e: Explanation) => byTx.set(e.txHash, [...(byTx.get(e.txHash) ?? []), e]);
  const at = (p: Place): Place => ({ block: p.block, logIndex: p.logIndex, txHash: p.txHash });
  const [t, c] = [state.treasury, state.capital];
  for (const e of t.claimList) {
    add({ ...at(e), kind: "claim", party: e.member, amount: e.amount, detail: `${e.period}` });
  }
  for (const e of c.cashClaims) {
    add({ ...at(e), kind: "cash", party: e.member, amount: e.amount, detail: "patronage cash" });
  }
  for (const e of c.redemptionsPaid) {
    add({
      ...at(e),
      kind: "redemption",
      party: e.member,
      amount: e.amount,
      detail: `schedule ${e.schedule}: paid ${e.paidTotal} in total`,
    });
  }
  for (const e of t.spends) add({ ...at(e), kind: "spend", party: e.to, amount: e.amount, detail: e.reason });
  for (const e of c.commonsSpending) {
    add({ ...at(e), kind: "commons", party: e.to, amount: e.amount, detail: e.reason });
  }
  for (const e of t.payIns) add({ ...at(e), kind: "pay-in", party: e.payer, amount: e.amount, detail: e.paymentRef });
  for (const e of c.contributions) {
    add({ ...at(e), kind: "contribution", party: e.member, amount: e.amount, detail: "joining contribution" });
  }
  for (const e of state.recoveries) {
    add({ ...at(e), kind: "recovery", party: e.address, amount: e.amount, detail: `recovered from the ${e.contract}` });
  }
  const executions = new Map<string, bigint | null>();
  for (const proposal of state.governance.proposals.values()) {
    if (proposal.executed) executions.set(proposal.executed.txHash, proposal.id);
  }
  const INFLOWS: readonly TraceKind[] = ["pay-in", "contribution", "recovery"];
  const SINGLE: readonly TraceKind[] = ["cash", "redemption", "spend", "commons"];
  const used = new Set<Explanation>();
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const sum = (list: Explanation[]) => list.reduce((total, e) => total + e.amount, 0n);
  const traced = (m: MoneyMovement, kind: TraceKind | null, detail: string, proposalId: bigint | null = null) => ({
    ...m,
    tracedTo: kind,
    detail,
    proposalId,
  });
  const movements = state.movements.map((m) => {
    const candidates = (byTx.get(m.txHash) ?? []).filter((e) => !used.has(e));
    if (m.direction === "in") {
      const found = candidates.find((e) => INFLOWS.includes(e.kind) && same(e.party, m.from) && e.amount === m.amount);
      if (!found) return traced(m, null, "no pay-in, contribution or recovery in its transaction");
      used.add(found);
      return traced(m, found.kind, found.detail);
    }
    const earlier = candidates.filter((e) => before(e, m) && same(e.party, m.to));
    const claims = earlier.filter((e) => e.kind === "claim");
    if (claims.length > 0 && sum(claims) === m.amount) {
      for (const e of claims) used.add(e);
      return traced(m, "claim", `payout of period ${claims.map((e) => e.detail).join(", ")}`);
    }
    const schedules = earlier.filter((e) => e.kind === "redemption");
    if (schedules.length > 1 && sum(schedules) === m.amount) {
      for (const e of schedules) used.add(e);
      return traced(m, "redemption", schedules.map((e) => e.detail).join("; "));
    }
    const single = earlier.find((e) => SINGLE.includes(e.kind) && e.amount === m.amount);
    if (!single) return traced(m, null, "no claim, redemption or spending in its transaction");
    used.add(single);
    if ((single.kind === "spend" || single.kind === "commons") && !executions.has(m.txHash)) {
      return traced(m, null, `${single.kind} outside the execution of a proposal: ${single.detail}`);
    }
    return traced(m, single.kind, single.detail, executions.get(m.txHash) ?? null);
  });
  const unpaid = [...byTx.values()]
    .flat()
    .filter((e) => !used.has(e) && !INFLOWS.includes(e.kind))
    .map((e) => ({
      block: e.block,
      logIndex: e.logIndex,
      txHash: e.txHash,
      kind: e.kind,
      to: e.party,
      amount: e.amount,
    }))
    .sort((a, b) => (before(a, b) ? -1 : 1));
  return { movements, unpaid };
}

/** Periods of entries by a few authors, some moved into the next period, and each period funded. */
function ledgerHistory(seed: number, periods: number, entries: number): HistoryState {
  const pick = random(seed);
  const state = emptyState();
  const l = state.ledger;
  const zero = (): Totals => ({ historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] });
  const authors = Array.from({ length: 7 }, (_, i) => hex(0xa0 + i, 40));
  let id = 0n;
  for (let period = 1; period <= periods; period++) {
    const totals = zero();
    l.periods.set(period, { period, openedAt: 1n, closedAt: 2n, finalAt: 3n, closedBy: null, openDisputes: 0, totals });
    for (let k = 0; k < entries; k++) {
      const author = authors[pick(authors.length)];
      const [stream, amount] = [pick(3), BigInt(100 * (1 + pick(9)))];
      const place: Place = { block: period, logIndex: k, txHash: hex(period * 1000 + k, 64) };
      const moved = period > 1 && pick(5) === 0 ? { ...place, fromPeriod: period - 1, toPeriod: period } : null;
      const entry = {
        id: ++id,
        author,
        period,
        stream,
        amount,
        weightBps: 10_000,
        payable: amount - BigInt(pick(2) * 50),
        evidence: "0x",
        note: "",
        status: "Counted",
        settled: false,
        logged: place,
        approvals: [],
        disputes: [],
        resolutions: [],
        withdrawn: null,
        moved,
      } as unknown as LedgerEntry;
      l.entries.set(entry.id, entry);
      const byPeriod = l.memberPeriodTotals.get(author) ?? new Map<number, Totals>();
      l.memberPeriodTotals.set(author, byPeriod);
      const own = byPeriod.get(period) ?? zero();
      byPeriod.set(period, own);
      for (const t of [own, totals]) {
        t.historical[stream] += amount;
        t.payable[stream] += entry.payable;
      }
    }
    state.treasury.fundings.set(period, {
      block: period,
      logIndex: 999,
      txHash: hex(period, 64),
      period,
      treasurer: authors[0],
      amount: 1000n,
      bucketsBps: [10_000, 0, 0],
      streamPools: [BigInt(pick(2) * 1000), 0n, 0n],
      periodPayable: [...totals.payable],
      claimed: 0n,
    });
  }
  return state;
}

/** Members admitted, changing stage and constituency, leaving and rejoining; proposals between their events. */
function governanceHistory(seed: number, events: number, proposals: number): HistoryState {
  const pick = random(seed);
  const state = emptyState();
  const accounts = Array.from({ length: 6 }, (_, i) => hex(0xb0 + i, 40));
  const member = new Set<string>();
  let block = 0;
  const mentor = hex(0, 40);
  for (let i = 0; i < events; i++) {
    block += pick(3); // some blocks hold several events
    const account = accounts[pick(accounts.length)];
    const place = { block, logIndex: i, txHash: hex(i, 64) };
    let event: MemberEvent;
    if (!member.has(account)) {
      event = { ...place, kind: "MemberAdmitted", account, stage: 2 + pick(4), constituency: pick(3), mentor };
      member.add(account);
    } else if (pick(6) === 0) {
      event = { ...place, kind: "MemberLeft", account };
      member.delete(account);
    } else if (pick(3) === 0) {
      event = { ...place, kind: "MemberConstituencyChanged", account, constituency: pick(3) };
    } else {
      event = { ...place, kind: "MemberStageChanged", account, stage: 2 + pick(4), mentor };
    }
    state.memberEvents.push(event);
    if (i % 10 === 0) state.governance.quorumHistory.push({ ...place, numerator: BigInt(1000 * (1 + pick(9))) });
  }
  for (let i = 0; i < proposals; i++) {
    const id = BigInt(i + 1);
    const voteStart = BigInt(pick(block + 2));
    const voter = accounts[pick(accounts.length)];
    const vote = { block: Number(voteStart) + 1 + pick(12), logIndex: 0, txHash: hex(i, 64) };
    state.governance.proposals.set(id, {
      id,
      description: `proposal ${i}`,
      voteStart,
      voteEnd: voteStart + 5n,
      kind: "Standard",
      supermajority: null,
      constituencyShares: [5000, 3000, 2000, 0, 0, 0, 0, 0],
      weighted: i % 2 === 0,
      created: vote,
      queued: null,
      executed: null,
      canceled: null,
      votes: [{ ...vote, proposalId: id, voter, support: "For", weight: 1n, reason: "", binding: true }],
      tally: { forVotes: 1, againstVotes: 0, abstainVotes: 0, blockVotes: 0 },
    } as Proposal);
  }
  return state;
}

describe("the audit's indexed checks against straightforward ones", () => {
  it("traces many payments in one transaction as scanning every event of it for each transfer did", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const state = moneyHistory(seed, 4, 300);
      const money = traceMoney(state);
      const reference = referenceTrace(state);
      expect(money.movements).toEqual(reference.movements);
      expect(money.unpaid).toEqual(reference.unpaid);
      // The histories do reach every way of tracing a transfer, and of failing to.
      const kinds = new Set(money.movements.map((m) => m.tracedTo));
      expect([...kinds].sort()).toEqual([...KINDS, null].sort());
      expect(money.movements.some((m) => m.tracedTo === "redemption" && m.detail.includes(";"))).toBe(true);
      expect(money.movements.some((m) => m.tracedTo === "claim" && m.detail.includes(","))).toBe(true);
    }
  });

  it("gives each period's members and entries, moved ones included, as filtering the whole ledger did", () => {
    const state = ledgerHistory(7, 12, 30);
    const deployment = { chainId: 31337, ledger: hex(1, 40) };
    const wages = wageRatioChecks(state);
    expect(wages).toHaveLength(12);
    for (const period of state.ledger.periods.keys()) {
      const books = periodBooks(state, period, deployment, undefined);
      const members = [...state.ledger.memberPeriodTotals]
        .filter(([, periods]) => periods.has(period))
        .map(([member, periods]) => ({
          member,
          historical: periods.get(period)!.historical.map(String),
          payable: periods.get(period)!.payable.map(String),
        }))
        .sort((a, b) => (a.member < b.member ? -1 : 1));
      expect(books.members).toEqual(members);
      const entries = [...state.ledger.entries.values()].filter(
        (e) => e.period === period || e.moved?.fromPeriod === period,
      );
      expect(books.entries.map((e) => [e.id, e.movedFrom, e.movedTo])).toEqual(
        entries.map((e) => [
          e.id.toString(),
          e.moved && e.moved.toPeriod === period ? e.moved.fromPeriod : undefined,
          e.moved && e.moved.fromPeriod === period ? e.moved.toPeriod : undefined,
        ]),
      );
      // The wage ratio ranks the same members, in the same order.
      const livelihood = members.filter((m) => m.historical[0] !== "0").map((m) => m.member);
      const wage = wages.find((w) => w.period === period)!;
      expect([...wage.paid.map((p) => p.member), ...wage.unpaid].sort()).toEqual(livelihood);
    }
  });

  it("counts the committed members at each snapshot as replaying the membership for each proposal did", () => {
    const state = governanceHistory(11, 200, 120);
    const timeline = { mode: "blocknumber" as const, times: new Map<number, bigint>() };
    const checks = proposalChecks(state, timeline);
    let weighted = 0;
    for (const [i, proposal] of [...state.governance.proposals.values()].entries()) {
      const records = new Map<string, { stage: string; constituency: number }>();
      for (const e of state.memberEvents) {
        if (BigInt(e.block) > proposal.voteStart) continue;
        const record = records.get(e.account);
        if (e.kind === "MemberAdmitted")
          records.set(e.account, { stage: STAGES[e.stage], constituency: e.constituency });
        else if (e.kind === "MemberStageChanged" && record) record.stage = STAGES[e.stage];
        else if (e.kind === "MemberConstituencyChanged" && record) record.constituency = e.constituency;
        else if (e.kind === "MemberLeft") records.delete(e.account);
      }
      const committed = [...records.values()].filter((r) => r.stage === "Committed");
      const quorum = state.governance.quorumHistory.filter((q) => BigInt(q.block) <= proposal.voteStart).at(-1);
      expect(checks[i].quorum.bindingMembers).toBe(committed.length);
      expect(checks[i].quorum.numeratorBps).toBe(quorum?.numerator ?? null);
      // The voter's stage at the snapshot, unless it has left (or left and rejoined) by the time it voted.
      const vote = proposal.votes[0];
      const own = state.memberEvents.filter((e) => e.account === vote.voter);
      const current = own
        .filter((e) => before(e, vote))
        .reduce<MemberEvent | undefined>((record, e) => {
          if (e.kind === "MemberAdmitted") return e;
          return e.kind === "MemberLeft" ? undefined : record;
        }, undefined);
      const joined = current && BigInt(current.block) <= proposal.voteStart;
      const stage = joined ? (records.get(vote.voter)?.stage ?? "None") : "None";
      expect(checks[i].ineligibleVotes.map((v) => v.stageAtSnapshot)).toEqual(stage === "Committed" ? [] : [stage]);
      // A weighted proposal's single For vote weighs its constituency's share over its committed members.
      const voted = checks[i].ineligibleVotes.length === 0;
      if (proposal.weighted && voted) {
        const c = records.get(proposal.votes[0].voter)!.constituency;
        const members = BigInt(committed.filter((r) => r.constituency === c).length);
        const share = BigInt(proposal.constituencyShares[c]) * 10n ** 14n;
        expect(checks[i].threshold.forVotes).toBe(share === 0n ? 0n : share / members);
        weighted++;
      }
    }
    expect(weighted).toBeGreaterThan(5);
  });
});
