import { describe, expect, it } from "vitest";
import { emptyHistoryState, type LedgerEntry, type Proposal } from "@disco-ledger/sdk/history";
import { nothingToDo, toDoOf, type OpenProposal } from "./todo.ts";

const ME = "0xAaAa000000000000000000000000000000000001";
const BOB = "0xBbBb000000000000000000000000000000000002";
const place = { block: 1, logIndex: 0, txHash: "0x" };

/** An entry of the open period (1) with only what the to-do reads; the rest as the fold leaves a new entry. */
const entry = (id: number, author: string, status: LedgerEntry["status"], period = 1) =>
  ({ id: BigInt(id), author, period, status, approvals: [], logged: place }) as unknown as LedgerEntry;
const proposal = (id: number, queuedEta?: bigint) =>
  ({ id: BigInt(id), queued: queuedEta === undefined ? null : { ...place, eta: queuedEta } }) as unknown as Proposal;
const open = (p: Proposal, patch: Partial<OpenProposal>): OpenProposal => ({
  proposal: p,
  state: undefined,
  hasVoted: undefined,
  stageAtSnapshot: undefined,
  ...patch,
});

function books(stage: "Committed" | "Dating1" | "Casual" | null) {
  const state = emptyHistoryState();
  state.ledger.currentPeriod = 1;
  if (stage) {
    state.members.current.set(ME.toLowerCase(), {
      account: ME,
      stage,
      constituency: 0,
      mentor: null,
      joinedBlock: 1,
      history: [],
    });
  }
  for (const e of [
    entry(1, BOB, "Pending"),
    entry(2, BOB, "Pending", 0),
    entry(3, ME, "Pending"),
    entry(4, ME, "Disputed"),
    entry(5, BOB, "Disputed"),
    entry(6, BOB, "Counted"),
  ]) {
    state.ledger.entries.set(e.id, e);
  }
  const approved = entry(7, BOB, "Pending");
  approved.approvals.push({ ...place, approver: ME.toLowerCase(), approvals: 1 });
  state.ledger.entries.set(approved.id, approved);
  return state;
}

describe("what needs the person connected", () => {
  const proposals = [
    open(proposal(1), { state: "Active", hasVoted: false, stageAtSnapshot: "Committed" }),
    open(proposal(2), { state: "Active", hasVoted: true, stageAtSnapshot: "Committed" }),
    open(proposal(3), { state: "Active", hasVoted: false, stageAtSnapshot: "Casual" }),
    open(proposal(4), { state: "Active", hasVoted: false, stageAtSnapshot: "Dating2" }),
    open(proposal(5), { state: "Succeeded" }),
    open(proposal(6, 1_000n), { state: "Queued" }),
    open(proposal(7, 5_000n), { state: "Queued" }),
    open(proposal(8), { state: "Pending", hasVoted: false }),
    open(proposal(9), { state: "Defeated" }),
  ];

  it("lists others' open-period entries I may still approve, my votes not cast, and my disputed entries", () => {
    const todo = toDoOf({ state: books("Committed"), me: ME, proposals, claimable: 0n, now: 2_000n });
    expect(todo.review.map((e) => e.id)).toEqual([1n]);
    // Binding or advisory, a vote not cast while the vote runs; not one cast, nor one without a vote.
    expect(todo.vote.map((p) => p.id)).toEqual([1n, 4n]);
    expect(todo.queue.map((p) => p.id)).toEqual([5n]);
    // Queued, and its timelock delay over by the chain's clock.
    expect(todo.execute.map((p) => p.id)).toEqual([6n]);
    expect(todo.disputed.map((e) => e.id)).toEqual([4n]);
    expect(nothingToDo(todo)).toBe(false);
  });

  it("asks no review of someone who may not approve (not Committed), and nothing to carry out before the clock is known", () => {
    const todo = toDoOf({ state: books("Dating1"), me: ME, proposals, claimable: 0n, now: undefined });
    expect(todo.review).toEqual([]);
    expect(todo.execute).toEqual([]);
  });

  it("says nothing waits when nothing does, and counts money to claim alone", () => {
    const quiet = toDoOf({ state: books(null), me: BOB, proposals: [], claimable: 0n, now: 0n });
    // Bob's own entries under dispute still wait on him.
    expect(quiet.disputed.map((e) => e.id)).toEqual([5n]);
    const empty = emptyHistoryState();
    expect(nothingToDo(toDoOf({ state: empty, me: ME, proposals: [], claimable: 0n, now: 0n }))).toBe(true);
    expect(nothingToDo(toDoOf({ state: empty, me: ME, proposals: [], claimable: 1n, now: 0n }))).toBe(false);
  });
});
