import { describe, expect, it } from "vitest";
import type { FederationMember, FederationProposal, FederationState } from "@disco-ledger/sdk/federation";
import { standing } from "./standing.ts";

const US = "0x00000000000000000000000000000000000000aa";
const DAY = 86_400;

const member = (over: Partial<FederationMember>): FederationMember => ({
  disco: US,
  index: 0,
  active: false,
  timelock: US,
  ledger: US,
  audit: US,
  delegate: null,
  treasurerTrustBound: 0,
  admittedAt: null,
  leftAt: null,
  application: null,
  admission: 0,
  ...over,
});

const application = (over: Partial<FederationProposal>): FederationProposal => ({
  id: 1n,
  kind: "Admit",
  subject: US,
  uri: "",
  hash: "0x00",
  proposer: US,
  by: US,
  snapshot: 0,
  electorate: 3,
  deadline: 10 * DAY,
  forVotes: 0,
  againstVotes: 0,
  votes: [],
  executed: false,
  withdrawn: false,
  reason: "to share our books",
  createdAt: 3 * DAY,
  ...over,
});

const fed = (m: FederationMember, proposals: FederationProposal[] = []): FederationState => ({
  address: US,
  name: "Commons",
  votingPeriod: 7 * DAY,
  charter: { uri: "", hash: "0x00" },
  members: [m],
  proposals,
  checkIns: [],
  trust: [],
  trustHistory: [],
  lastBlock: 1,
  lastCharterId: 0n,
});

describe("standing", () => {
  it("is none for a DisCO the federation never heard of, and member while admitted", () => {
    expect(standing(fed(member({ disco: "0x00000000000000000000000000000000000000bb" })), US, 0)).toBeUndefined();
    expect(standing(fed(member({ index: 1, active: true })), US, 0)).toBe("member");
  });

  it("is applied while the application is Active or Passed, not once it is Defeated or Expired", () => {
    const open = fed(member({ application: 1n }), [application({})]);
    expect(standing(open, US, 5 * DAY)).toBe("applied");
    const passed = fed(member({ application: 1n }), [application({ forVotes: 2 })]);
    expect(standing(passed, US, 11 * DAY)).toBe("applied");
    expect(standing(passed, US, 18 * DAY)).toBeUndefined(); // Expired after its execution window
    const defeated = fed(member({ application: 1n }), [application({ againstVotes: 2 })]);
    expect(standing(defeated, US, 5 * DAY)).toBeUndefined();
  });

  it("is left only for a DisCO admitted once; a withdrawal before admission leaves none", () => {
    expect(standing(fed(member({})), US, 0)).toBeUndefined();
    expect(standing(fed(member({ index: 2, leftAt: DAY })), US, 0)).toBe("left");
    // A former member applying again is shown as applying; defeated, as the former member it is.
    const again = fed(member({ index: 2, application: 1n }), [application({ againstVotes: 2 })]);
    expect(standing(again, US, 5 * DAY)).toBe("left");
  });
});
