import { getAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  foundingParams,
  foundingProblems,
  Stage,
  withDefaults,
  type Founding,
} from "@disco-ledger/sdk/founding";

const [ana, ben, cai] = [
  "0x00000000000000000000000000000000000000a1",
  "0x00000000000000000000000000000000000000b2",
  "0x00000000000000000000000000000000000000c3",
];
const currency = "0x00000000000000000000000000000000000000e0";

const founding = (overrides: Partial<Founding> = {}): Founding =>
  withDefaults({
    name: "Obran",
    founders: [
      { account: ana, stage: Stage.Committed, constituency: 0, mentor: zeroAddress },
      { account: ben, stage: Stage.Dating2, constituency: 1, mentor: ana },
    ],
    currency,
    ...overrides,
  });

const fields = (f: Founding) => foundingProblems(f).map((p) => `${p.field}:${p.code}`);

describe("foundingProblems", () => {
  it("finds nothing in a founding with the model's defaults", () => {
    expect(foundingProblems(founding())).toEqual([]);
  });

  it("names each field a person must fix", () => {
    expect(fields(founding({ name: " ", symbol: "" }))).toEqual(["name:empty", "symbol:empty"]);
    expect(fields(founding({ constituencies: ["worker", " "] }))).toEqual(["constituencies.1:empty"]);
    expect(foundingProblems(founding({ constituencies: Array.from({ length: 9 }, (_, i) => `c${i}`) }))).toEqual([
      { field: "constituencies", code: "tooMany", most: 8 },
    ]);
    expect(fields(founding({ treasurers: [cai, "0x12", cai.toUpperCase().replace("0X", "0x")] }))).toEqual([
      "treasurers.1:address",
      "treasurers.2:duplicate",
    ]);
    expect(foundingProblems(founding({ buckets: [5_000, 2_500, 0] }))).toEqual([
      { field: "buckets", code: "bucketsSum", sum: 7_500 },
    ]);
    expect(fields(founding({ currency: zeroAddress }))).toEqual(["currency:address"]);
    expect(
      fields(
        founding({
          governorSettings: { ...DEFAULTS.governorSettings, quorumBps: 0, supermajorityNumerator: 4 },
        }),
      ),
    ).toEqual(["governorSettings.quorumBps:range", "governorSettings.supermajorityNumerator:range"]);
  });

  it("checks the founders as the membership would: one Committed, mentors Committed and listed before", () => {
    const committed = { account: ana, stage: Stage.Committed, constituency: 0, mentor: zeroAddress };
    expect(fields(founding({ founders: [] }))).toEqual(["founders:empty"]);
    expect(fields(founding({ founders: [{ ...committed, stage: Stage.Casual }] }))).toEqual(["founders:noCommitted"]);
    // A mentor listed after the member, or one who is not Committed, is refused; so is a mentor of a non-Dating stage.
    expect(
      fields(
        founding({
          founders: [
            { account: ben, stage: Stage.Dating1, constituency: 0, mentor: ana },
            committed,
            { account: cai, stage: Stage.Committed, constituency: 0, mentor: ana },
          ],
        }),
      ),
    ).toEqual(["founders.0.mentor", "founders.2.mentor"].map((f) => `${f}:mentor`));
    expect(
      fields(
        founding({
          founders: [committed, { ...committed, stage: 0, constituency: 5 }],
        }),
      ),
    ).toEqual(["founders.1.account:duplicate", "founders.1.stage:stage", "founders.1.constituency:constituency"]);
  });
});

describe("foundingParams", () => {
  it("is the factory call's argument, in the chain's types, with the model's defaults", () => {
    const params = foundingParams(
      founding({ name: " Obran ", capitalSettings: { ...DEFAULTS.capitalSettings, contribution: 250_000_000 } }),
    );
    expect(params.name).toBe("Obran");
    expect(params.founders[1]).toEqual({
      account: getAddress(ben),
      stage: Stage.Dating2,
      constituency: 1,
      mentor: getAddress(ana),
    });
    expect(params.currency).toBe(getAddress(currency));
    expect(params.currencyDecimals).toBe(6);
    expect(params.timelockDelay).toBe(2n * 24n * 3600n);
    expect(params.buckets).toEqual([7_500, 2_500, 0]);
    expect(params.wageRatioCapX100).toBe(600);
    expect(params.governor.quorumBps).toBe(5_000n);
    expect(params.ledger.weights).toEqual(DEFAULTS.ledgerSettings.weights);
    expect(params.ledger.minimumCredits).toBe(40_000n);
    expect(params.capital.contribution).toBe(250_000_000n);
  });

  it("refuses a founding with a problem, naming its field", () => {
    expect(() => foundingParams(founding({ name: "" }))).toThrow("name (empty)");
  });
});
