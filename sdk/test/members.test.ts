import { describe, expect, it } from "vitest";
import { foldMembers, type MemberEvent } from "@disco-ledger/sdk/members";

const A = "0x00000000000000000000000000000000000000aA";
const B = "0x00000000000000000000000000000000000000bB";
const ZERO = "0x0000000000000000000000000000000000000000";

describe("foldMembers", () => {
  it("follows admissions, stage and constituency changes, removals and leaving", () => {
    const events: MemberEvent[] = [
      { kind: "MemberAdmitted", block: 1, account: A, stage: 5, constituency: 0, mentor: ZERO },
      { kind: "MemberAdmitted", block: 2, account: B, stage: 2, constituency: 1, mentor: A },
      { kind: "MemberStageChanged", block: 3, account: B, stage: 5, mentor: ZERO },
      { kind: "MemberConstituencyChanged", block: 4, account: B, constituency: 2 },
      { kind: "MemberRemoved", block: 5, account: A, reason: "moved away" },
    ];
    const state = foldMembers(events);
    expect([...state.current.keys()]).toEqual([B.toLowerCase()]);
    const b = state.current.get(B.toLowerCase())!;
    expect([b.stage, b.constituency, b.mentor, b.joinedBlock, b.history.length]).toEqual(["Committed", 2, null, 2, 3]);
    const a = state.former.get(A.toLowerCase())!;
    expect([a.reason, a.endedBlock, a.stage]).toEqual(["moved away", 5, "Committed"]);
  });

  it("lets a former member rejoin, and records leaving without a reason", () => {
    const state = foldMembers([
      { kind: "MemberAdmitted", block: 1, account: A, stage: 1, constituency: 3, mentor: ZERO },
      { kind: "MemberLeft", block: 2, account: A },
    ]);
    expect(state.former.get(A.toLowerCase())?.reason).toBe(null);
    const again = foldMembers([
      { kind: "MemberAdmitted", block: 1, account: A, stage: 1, constituency: 3, mentor: ZERO },
      { kind: "MemberLeft", block: 2, account: A },
      { kind: "MemberAdmitted", block: 3, account: A, stage: 3, constituency: 0, mentor: B },
    ]);
    expect(again.former.size).toBe(0);
    expect(again.current.get(A.toLowerCase())?.mentor).toBe(B);
  });

  it("rejects sequences the contract cannot emit", () => {
    const admitted: MemberEvent = {
      kind: "MemberAdmitted",
      block: 1,
      account: A,
      stage: 5,
      constituency: 0,
      mentor: ZERO,
    };
    expect(() => foldMembers([admitted, { ...admitted, block: 2 }])).toThrow(/admitted twice/);
    expect(() => foldMembers([{ kind: "MemberLeft", block: 1, account: B }])).toThrow(/non-member/);
  });
});
