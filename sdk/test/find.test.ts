import { describe, expect, it } from "vitest";
import { zeroHash, type Address } from "viem";
import { findDisCO, type FoundDisCO } from "../src/discovery.ts";
import { findFederation, type FoundFederation } from "../src/federation/discovery.ts";

const at = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
// A name its founders typed with a terminal escape (clear the screen) and a right-to-left override.
const HOSTILE = "Evil\u001b[2J\u202eOCSiD";
const SHOWN = "Evil\\u{1b}[2J\\u{202e}OCSiD";

const disco = (name: string, n: number) =>
  ({
    name,
    creator: at(n),
    contracts: { membership: { address: at(n) }, token: { address: at(999) } },
  }) as unknown as FoundDisCO;
const federation = (name: string, n: number): FoundFederation => ({
  address: at(n),
  name,
  founder: at(1),
  credit: at(n + 1),
  blockNumber: 1,
  blockHash: zeroHash,
});

describe("finding a DisCO or a federation by name (findDisCO, findFederation)", () => {
  it("finds by name, case and spaces aside, and by address", () => {
    const found = [disco("Demo DisCO", 1), disco(HOSTILE, 2)];
    expect(findDisCO(found, " demo disco ")).toBe(found[0]);
    expect(findDisCO(found, at(2))).toBe(found[1]);
    const federations = [federation("Commons", 10), federation(HOSTILE, 20)];
    expect(findFederation(federations, "COMMONS")).toBe(federations[0]);
    expect(findFederation(federations, at(20))).toBe(federations[1]);
  });

  it("refuses in printable words: no name nor key can move the cursor or reorder what is printed", () => {
    const refusal = (find: () => unknown) => {
      try {
        find();
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error("found");
    };
    for (const message of [
      refusal(() => findDisCO([disco(HOSTILE, 2)], "none")),
      refusal(() => findDisCO([disco("Demo", 1)], HOSTILE)),
      refusal(() => findFederation([federation(HOSTILE, 20)], "none")),
      refusal(() => findFederation([federation("Commons", 10)], HOSTILE)),
      refusal(() => findDisCO([disco(HOSTILE, 1), disco(HOSTILE, 2)], HOSTILE)),
      refusal(() => findFederation([federation(HOSTILE, 10), federation(HOSTILE, 20)], HOSTILE)),
    ]) {
      expect(message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      expect(message).toContain(SHOWN);
    }
  });
});
