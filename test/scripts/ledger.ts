import { expect } from "chai";
import { id } from "ethers";
import { evidenceHash, formatAmount, parseAmount, parseStream } from "@disco-ledger/sdk/ledger";

describe("ledger amounts, streams and evidence", () => {
  it("reads amounts with up to two decimals and writes them back", () => {
    const cases: Array<[string, bigint, string]> = [
      ["0", 0n, "0.00"],
      ["7", 700n, "7.00"],
      ["0.25", 25n, "0.25"],
      ["12.5", 1250n, "12.50"],
      ["2400.05", 240005n, "2400.05"],
    ];
    for (const [text, amount, formatted] of cases) {
      expect(parseAmount(text), text).to.equal(amount);
      expect(formatAmount(amount), text).to.equal(formatted);
    }
  });

  it("refuses amounts the ledger cannot hold exactly", () => {
    for (const text of ["1.234", "-1", "1e3", "", "abc", "1."]) {
      expect(() => parseAmount(text), text).to.throw(/Not an amount/);
    }
  });

  it("reads streams by name or number", () => {
    expect(["livelihood", "Love", "CARE", "0", "2"].map(parseStream)).to.deep.equal([0, 1, 2, 0, 2]);
    expect(() => parseStream("3")).to.throw(/Unknown stream/);
    expect(() => parseStream("pay")).to.throw(/Unknown stream/);
  });

  it("hashes a reference, and keeps a 32-byte hash as it is", () => {
    const hash = id("invoice 2026-031");
    expect(evidenceHash("invoice 2026-031")).to.equal(hash);
    expect(evidenceHash(hash)).to.equal(hash);
  });
});
