import { describe, expect, it } from "vitest";
import {
  countdown,
  executeBlocker,
  isOpen,
  queueBlocker,
  quorumProgress,
  stateLabel,
  type StateLabel,
  supportBlocker,
  voteStanding,
} from "./lifecycle.ts";

const times = { voteStart: 1_000n, voteEnd: 2_000n, eta: null };

describe("proposal lifecycle", () => {
  it("labels the governor's states and knows the open ones", () => {
    expect(stateLabel(1)).toBe("Active");
    expect(stateLabel(7)).toBe("Executed");
    expect(stateLabel(undefined)).toBeUndefined();
    const open: StateLabel[] = ["Pending", "Active", "Succeeded", "Queued"];
    expect(open.every((s) => isOpen(s))).toBe(true);
    expect(isOpen("Defeated")).toBe(false);
    expect(isOpen(undefined)).toBe(false);
  });

  it("counts down to the vote's opening, its close and the timelock's eta", () => {
    expect(countdown("Pending", times, 900n)).toEqual({ kind: "opens", at: 1_001n, seconds: 101 });
    expect(countdown("Active", times, 1_500n)).toEqual({ kind: "closes", at: 2_000n, seconds: 500 });
    expect(countdown("Queued", { ...times, eta: 5_000n }, 4_000n)).toEqual({
      kind: "executable",
      at: 5_000n,
      seconds: 1_000,
    });
    expect(countdown("Queued", { ...times, eta: 5_000n }, 5_000n)?.kind).toBe("ready");
    expect(countdown("Executed", { ...times, eta: 5_000n }, 6_000n)).toBeNull();
    expect(countdown("Defeated", times, 6_000n)).toBeNull();
  });

  it("allows queue when Succeeded and execute once the eta has passed on the chain's clock", () => {
    expect(queueBlocker("Succeeded", true)).toBeNull();
    expect(queueBlocker("Succeeded", false)).toBe("notConnected");
    expect(queueBlocker("Active", true)).toBe("notSucceeded");
    expect(executeBlocker("Queued", 5_000n, 4_999n, true)).toBe("tooEarly");
    expect(executeBlocker("Queued", 5_000n, 5_000n, true)).toBeNull();
    expect(executeBlocker("Succeeded", 5_000n, 9_000n, true)).toBe("notQueued");
    expect(executeBlocker("Queued", 5_000n, 9_000n, false)).toBe("notConnected");
  });

  it("counts every binding vote toward quorum, Block and Abstain included", () => {
    const tally = { forVotes: 1, againstVotes: 0, abstainVotes: 0, blockVotes: 0 };
    expect(quorumProgress(tally, 2n)).toEqual({ counted: 1, quorum: 2, reached: false, fraction: 0.5 });
    expect(quorumProgress({ ...tally, abstainVotes: 1, blockVotes: 1 }, 2n)).toEqual({
      counted: 3,
      quorum: 2,
      reached: true,
      fraction: 1,
    });
  });

  it("tells binding from advisory voters and says why someone can't vote", () => {
    const base = { connected: true, state: "Active" as const, hasVoted: false };
    expect(voteStanding({ ...base, stageAtSnapshot: "Committed" })).toEqual({ ok: true, binding: true });
    expect(voteStanding({ ...base, stageAtSnapshot: "Dating2" })).toEqual({ ok: true, binding: false });
    expect(voteStanding({ ...base, stageAtSnapshot: "Casual" })).toEqual({ ok: false, why: "noVote" });
    expect(voteStanding({ ...base, stageAtSnapshot: "None" })).toEqual({ ok: false, why: "noVote" });
    expect(voteStanding({ ...base, stageAtSnapshot: "Committed", hasVoted: true })).toEqual({
      ok: false,
      why: "alreadyVoted",
    });
    expect(voteStanding({ ...base, state: "Pending", stageAtSnapshot: "Committed" })).toEqual({
      ok: false,
      why: "notActive",
    });
    expect(voteStanding({ ...base, connected: false, stageAtSnapshot: undefined })).toEqual({
      ok: false,
      why: "notConnected",
    });
  });

  it("asks a Block for a reason, on consent proposals only", () => {
    expect(supportBlocker(3, "Consent", "")).toBe("blockNeedsReason");
    expect(supportBlocker(3, "Consent", "  ")).toBe("blockNeedsReason");
    expect(supportBlocker(3, "Consent", "Not yet")).toBeNull();
    expect(supportBlocker(3, "Standard", "Not yet")).toBe("blockNotConsent");
    expect(supportBlocker(1, "Standard", "")).toBeNull();
  });
});
