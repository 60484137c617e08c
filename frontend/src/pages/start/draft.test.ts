import { describe, expect, it } from "vitest";
import { DEFAULTS, foundingProblems, Stage } from "@disco-ledger/sdk/founding";
import { defaultText, draftFounding, newDraft, RULES, withStage } from "./draft.ts";

const ME = "0x00000000000000000000000000000000000000a1";
const EURO = "0x00000000000000000000000000000000000000e0";

describe("the Start a DisCO form's draft", () => {
  it("starts with the DisCO model's defaults, typed in each rule's unit", () => {
    const texts = Object.fromEntries(RULES.map((r) => [r.id, defaultText(r, 6)]));
    expect(texts).toEqual({
      reviewWindow: "3",
      votingDelay: "24",
      votingPeriod: "7",
      quorum: "50",
      supermajorityFor: "2",
      supermajorityOutOf: "3",
      timelockDelay: "48",
      bucket0: "75",
      bucket1: "25",
      bucket2: "0",
      wageRatioCap: "6",
      contribution: "0",
    });
    const draft = newDraft(ME, EURO, 6);
    expect(draft.founders).toEqual([
      { account: ME, stage: Stage.Committed, constituency: 0, mentor: expect.any(String) },
    ]);
    // A draft of defaults stands for the model's founding itself.
    const { founding, ruleProblems } = draftFounding({ ...draft, name: "Obran" }, 6);
    expect(ruleProblems).toEqual({});
    expect(founding.governorSettings).toEqual(DEFAULTS.governorSettings);
    expect(founding.ledgerSettings).toEqual(DEFAULTS.ledgerSettings);
    expect(founding.capitalSettings).toEqual({ ...DEFAULTS.capitalSettings, contribution: 0n });
    expect(founding.buckets).toEqual(DEFAULTS.buckets);
    expect(founding.timelockDelay).toBe(DEFAULTS.timelockDelay);
    expect(foundingProblems(founding)).toEqual([]);
  });

  it("reads each rule in its unit, the contribution in the currency's decimals", () => {
    const draft = newDraft(ME, EURO, 6);
    const rules = {
      ...draft.rules,
      reviewWindow: "1,5",
      quorum: "60",
      bucket0: "50",
      bucket1: "50",
      contribution: "250",
    };
    const { founding } = draftFounding({ ...draft, name: "Obran", rules }, 18);
    expect(founding.ledgerSettings.reviewWindow).toBe(1.5 * 24 * 3600);
    expect(founding.governorSettings.quorumBps).toBe(6_000);
    expect(founding.buckets).toEqual([5_000, 5_000, 0]);
    expect(founding.capitalSettings.contribution).toBe(250n * 10n ** 18n);
    expect(founding.currencyDecimals).toBe(18);
  });

  it("names the rules whose text is not a value, and keeps their defaults", () => {
    const draft = newDraft(ME, EURO, 6);
    const { founding, ruleProblems } = draftFounding(
      { ...draft, name: "Obran", rules: { ...draft.rules, quorum: "150", votingPeriod: "a week", wageRatioCap: "" } },
      6,
    );
    expect(ruleProblems).toEqual({
      quorum: { code: "percent" },
      votingPeriod: { code: "number", decimals: 2 },
      wageRatioCap: { code: "empty" },
    });
    expect(founding.governorSettings.quorumBps).toBe(DEFAULTS.governorSettings.quorumBps);
  });

  it("keeps a mentor only for a Dating stage", () => {
    const dating = withStage({ account: ME, stage: Stage.Committed, constituency: 0, mentor: EURO }, Stage.Dating2);
    expect(dating.mentor).toBe(EURO);
    expect(withStage(dating, Stage.Casual).mentor).toBe("0x0000000000000000000000000000000000000000");
  });
});
