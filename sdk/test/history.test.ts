/**
 * Decoding and folding the seeded demo's logs, recorded once from the Hardhat chain into fixtures/demo-history.json
 * (what `npm start` seeds: members, work, votes, money, capital and an audit): no chain needed.
 */
import { describe, expect, it } from "vitest";
import {
  createHistoryFolder,
  decodeLogs,
  foldSnapshot,
  type ContractName,
  type RawLog,
} from "@disco-ledger/sdk/history";
import recorded from "./fixtures/demo-history.json";

const { contracts, logs } = recorded as { contracts: Record<ContractName, { address: string }>; logs: RawLog[] };
const deployment = { contracts };

describe("the demo's recorded history", () => {
  it("decodes every log, in chain order, typed by contract and event", () => {
    const { events, unknown } = decodeLogs(logs, contracts);
    expect(unknown).toEqual([]);
    expect(events.map((e) => [e.block, e.logIndex])).toEqual(logs.map((l) => [l.blockNumber, l.index]));
    const logged = events.find((e) => e.contract === "ledger" && e.name === "EntryLogged");
    if (logged?.contract !== "ledger" || logged.name !== "EntryLogged") throw new Error("no work logged");
    // Small integers as numbers, wide ones as bigints, addresses checksummed, as viem decodes them.
    expect([typeof logged.args.period, typeof logged.args.amount, logged.args.author]).toEqual([
      "number",
      "bigint",
      expect.stringMatching(/^0x[0-9a-fA-F]{40}$/),
    ]);
  });

  it("folds into the demo's story", () => {
    const { state } = foldSnapshot({ logs }, deployment);
    expect(state.members.current.size).toBe(7);
    expect(state.ledger.periods.size).toBe(3);
    expect(state.governance.proposals.size).toBe(5);
    expect(state.treasury.payIns.length).toBe(2);
    expect(state.treasury.claimList.length).toBe(3);
    expect(state.capital.contributions.length).toBe(7);
    expect(state.audit.attestations.get(1)?.length).toBe(1);
    expect(state.movements.filter((m) => m.direction === "in").length).toBe(2 + 7);
  });

  it("folds block by block into exactly the state of folding it at once", () => {
    const once = foldSnapshot({ logs }, deployment);
    const folder = createHistoryFolder(deployment);
    for (let start = 0; start < logs.length;) {
      let end = start + 1;
      while (end < logs.length && logs[end].blockNumber === logs[start].blockNumber) end++;
      folder.apply(logs.slice(start, end));
      start = end;
    }
    expect(folder.state).toEqual(once.state);
    expect(folder.decoded).toEqual(once.decoded);
  });
});
