import { describe, expect, it } from "vitest";
import { isLocalChain, LOCAL_CHAIN_ID } from "@disco-ledger/sdk/deployment";
import type { PeriodState, Proposal } from "@disco-ledger/sdk/history";
import { proposalTitle, skipTargets, waitingOn } from "./skipAhead.ts";
import { chainTime } from "./clock.ts";

const place = { block: 1, logIndex: 0, txHash: "0x" };

/** A proposal voting from 1,000 to 2,000 (seconds), in whatever stage the overrides put it. */
function proposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 1n,
    description: "Admit Gus",
    voteStart: 1_000n,
    voteEnd: 2_000n,
    queued: null,
    executed: null,
    canceled: null,
    ...overrides,
  } as Proposal;
}

/** A closed period as the bar reads it: when its review window ends (null: still open). */
const period = (n: number, finalAt: bigint | null) => ({ period: n, finalAt }) as PeriodState;

describe("Skip ahead", () => {
  it("is offered on the local chain only (chain 31337), never on a live one", () => {
    expect(isLocalChain(LOCAL_CHAIN_ID)).toBe(true);
    for (const live of [1, 10, 8453, 11155111, 84532, 31338]) expect(isLocalChain(live), String(live)).toBe(false);
  });

  it("skips a pending proposal past its snapshot, an active one past its deadline, a queued one to its eta", () => {
    expect(waitingOn(proposal(), 500n)).toEqual({ stage: "delay", to: 1_001n });
    expect(waitingOn(proposal(), 1_000n)).toEqual({ stage: "delay", to: 1_001n });
    expect(waitingOn(proposal(), 1_001n)).toEqual({ stage: "vote", to: 2_001n });
    expect(waitingOn(proposal(), 2_000n)).toEqual({ stage: "vote", to: 2_001n });
    expect(waitingOn(proposal(), 2_001n)).toBeNull();
    const queued = proposal({ queued: { ...place, eta: 5_600n } });
    expect(waitingOn(queued, 2_100n)).toEqual({ stage: "timelock", to: 5_600n });
    expect(waitingOn(queued, 5_600n)).toBeNull();
  });

  it("offers nothing for a proposal that time no longer matters to", () => {
    expect(waitingOn(proposal({ executed: place }), 500n)).toBeNull();
    expect(waitingOn(proposal({ canceled: place }), 1_500n)).toBeNull();
  });

  it("takes every proposal and closed period waiting on a stage past it, the stages in their order", () => {
    const targets = skipTargets(
      {
        proposals: [
          proposal({ id: 1n, queued: { ...place, eta: 9_000n } }),
          proposal({ id: 2n, voteStart: 1_200n, voteEnd: 3_000n }),
          proposal({ id: 3n }),
          proposal({ id: 4n, voteStart: 900n, voteEnd: 2_500n }),
        ],
        periods: [period(1, 1_000n), period(2, 4_000n), period(3, null)],
      },
      1_100n,
    );
    expect(targets.map((t) => [t.stage, t.to, t.proposals.map((p) => p.id), t.periods])).toEqual([
      ["delay", 1_201n, [2n], []],
      ["vote", 2_501n, [3n, 4n], []],
      ["timelock", 9_000n, [1n], []],
      ["review", 4_000n, [], [2]],
    ]);
    expect(skipTargets({ proposals: [proposal({ executed: place })], periods: [period(1, 0n)] }, 0n)).toEqual([]);
  });

  it("names what else the same jump takes past its stage: a vote it ends, a vote it opens", () => {
    const targets = skipTargets(
      {
        proposals: [
          proposal({ id: 2n, voteStart: 1_200n, voteEnd: 3_000n }),
          proposal({ id: 3n }),
          proposal({ id: 4n, voteStart: 900n, voteEnd: 2_500n }),
        ],
        periods: [period(2, 4_000n)],
      },
      1_100n,
    );
    const also = Object.fromEntries(targets.map((t) => [t.stage, t.alsoPasses.map((p) => p.id)]));
    // Ending the review window (4,000) also ends every vote; ending the votes (2,501) opens #2's; opening #2's (1,201)
    // ends nothing else.
    expect(also).toEqual({ delay: [], vote: [2n], review: [2n, 3n, 4n] });
  });

  it("lists a proposal by its description's first line, cut short", () => {
    expect(proposalTitle({ description: "Admit Gus\n\nHe has worked with us for a year" })).toBe("Admit Gus");
    expect(proposalTitle({ description: "x".repeat(80) }, 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("moves the chain's clock on by the whole seconds since its latest block arrived", () => {
    expect(chainTime(undefined, 5_000)).toBeUndefined();
    expect(chainTime({ timestamp: 100n, seenAt: 1_000 }, 3_999)).toBe(102n);
    expect(chainTime({ timestamp: 100n, seenAt: 1_000 }, 500)).toBe(100n);
  });
});
