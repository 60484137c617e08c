import { describe, expect, it } from "vitest";
import { encodeFunctionData, keccak256, stringToBytes, type Hex } from "viem";
import type { Proposal } from "@disco-ledger/sdk/history";
import {
  disputeProposals,
  ENTRY_STATUSES,
  entryRecord,
  evidenceHash,
  formatAmount,
  parseAmount,
  parseStream,
  Stream,
  STREAMS,
  TREASURER_ROLE,
} from "@disco-ledger/sdk/ledger";
import { ledgerAbi, treasuryAbi } from "@disco-ledger/sdk/abis";

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
      expect(parseAmount(text), text).toBe(amount);
      expect(formatAmount(amount), text).toBe(formatted);
    }
  });

  it("refuses amounts the ledger cannot hold exactly", () => {
    for (const text of ["1.234", "-1", "1e3", "", "abc", "1."]) {
      expect(() => parseAmount(text), text).toThrow(/Not an amount/);
    }
  });

  it("reads streams by name or number", () => {
    expect(["livelihood", "Love", "CARE", "0", "2"].map(parseStream)).toEqual([0, 1, 2, 0, 2]);
    expect(() => parseStream("3")).toThrow(/Unknown stream/);
    expect(() => parseStream("pay")).toThrow(/Unknown stream/);
    expect(STREAMS.map((name) => Stream[name])).toEqual([0, 1, 2]);
  });

  it("hashes a reference, and keeps a 32-byte hash as it is", () => {
    const hash = keccak256(stringToBytes("invoice 2026-031"));
    expect(evidenceHash("invoice 2026-031")).toBe(hash);
    expect(evidenceHash(hash)).toBe(hash);
    // Hex that is not 32 bytes is a reference like any other.
    expect(evidenceHash("0x1234")).toBe(keccak256(stringToBytes("0x1234")));
  });

  it("stores the note's words and the hash of the private evidence, else of the note; nothing when both are empty", () => {
    const note = "Translated the March newsletter into Catalan";
    expect(entryRecord(`  ${note} `)).toEqual({ note, evidence: evidenceHash(note) });
    expect(entryRecord(note, " invoice 2026-031 ")).toEqual({ note, evidence: evidenceHash("invoice 2026-031") });
    expect(entryRecord("", "invoice 2026-031")).toEqual({ note: "", evidence: evidenceHash("invoice 2026-031") });
    expect(entryRecord(" ", " ")).toBeNull();
  });

  it("finds the proposals that settle a disputed entry, with their verdicts, oldest first", () => {
    const LEDGER = "0x00000000000000000000000000000000000000aa";
    const resolve = (entryId: bigint, accept: boolean) =>
      encodeFunctionData({ abi: ledgerAbi, functionName: "resolveDispute", args: [entryId, accept] });
    const proposal = (id: bigint, block: number, calls: Array<[string, Hex]>) =>
      ({
        id,
        targets: calls.map(([target]) => target),
        calldatas: calls.map(([, data]) => data),
        created: { block, logIndex: 0, txHash: "0x" },
      }) as unknown as Proposal;
    const found = disputeProposals(
      [
        proposal(3n, 30, [[LEDGER, resolve(7n, true)]]),
        proposal(1n, 10, [[LEDGER.toUpperCase().replace("0X", "0x"), resolve(7n, false)]]),
        proposal(2n, 20, [[LEDGER, resolve(8n, true)]]),
        // The same call to another contract, and another ledger function: neither settles entry 7.
        proposal(4n, 40, [["0x00000000000000000000000000000000000000bb", resolve(7n, true)]]),
        proposal(5n, 50, [[LEDGER, encodeFunctionData({ abi: ledgerAbi, functionName: "setCap", args: [0, 7n] })]]),
      ],
      LEDGER,
      7n,
    );
    expect(found.map(({ proposal: p, accept }) => [p.id, accept])).toEqual([
      [1n, false],
      [3n, true],
    ]);
  });

  it("names the statuses in the contract's order, Lapsed last (reported, never stored)", () => {
    expect(ENTRY_STATUSES).toEqual(["None", "Pending", "Counted", "Disputed", "Rejected", "Withdrawn", "Lapsed"]);
  });

  it("knows the treasurer's role by the id both contracts give it", () => {
    expect(TREASURER_ROLE).toBe("0x3496e2e73c4d42b75d702e60d9e48102720b8691234415963a5a857b86425d07");
    for (const abi of [ledgerAbi, treasuryAbi]) {
      expect(abi.some((item) => item.type === "function" && item.name === "TREASURER_ROLE")).toBe(true);
    }
  });
});
