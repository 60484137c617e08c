import { expect } from "chai";
import { decodeEventLog, type Hex } from "viem";
import { discoAbis } from "@disco-ledger/sdk/abis";
import { CONTRACT_NAMES, decodeLogs } from "@disco-ledger/sdk/history";
import { connection } from "../helpers/disco.ts";
import { recordedDemo } from "../helpers/demo.ts";

describe("decodeLogs on the seeded demo's recorded logs", () => {
  it("gives every log the name and arguments viem's decodeEventLog gives it", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const { events, unknown } = decodeLogs(demo.snapshot.logs, demo.deployment.contracts);
    expect(unknown).to.deep.equal([]);
    const byAddress = new Map(CONTRACT_NAMES.map((c) => [demo.deployment.contracts[c].address.toLowerCase(), c]));
    const names = new Set<string>();
    for (const [i, log] of demo.snapshot.logs.entries()) {
      const contract = byAddress.get(log.address.toLowerCase())!;
      const viem = decodeEventLog({
        abi: discoAbis[contract],
        topics: log.topics as [Hex, ...Hex[]],
        data: log.data as Hex,
      });
      const event = events[i];
      expect([event.block, event.logIndex, event.contract, event.name]).to.deep.equal([
        log.blockNumber,
        log.index,
        contract,
        viem.eventName,
      ]);
      expect(event.args, `${contract}.${event.name}`).to.deep.equal(viem.args);
      names.add(`${contract}.${event.name}`);
    }
    // The demo's history has events of every kind the fold reads from: structs, fixed and dynamic arrays, strings.
    for (const name of ["capital.SettingsSet", "capital.YearClosed", "governor.ProposalCreated", "ledger.EntryLogged"])
      expect(names).to.include(name);
  });

  it("sends a log it cannot read to unknown rather than guessing", async () => {
    const demo = await connection.networkHelpers.loadFixture(recordedDemo);
    const [first] = demo.snapshot.logs;
    const second = demo.snapshot.logs.find((log) => log.data.length > 2 + 64)!;
    const foreign = { ...first, address: "0x000000000000000000000000000000000000dEaD" };
    const unheard = { ...first, topics: [`0x${"00".repeat(32)}`, ...first.topics.slice(1)] };
    const truncated = { ...second, data: second.data.slice(0, 10) };
    expect(decodeLogs([foreign, unheard, truncated], demo.deployment.contracts)).to.deep.equal({
      events: [],
      unknown: [foreign, unheard, truncated],
    });
  });
});
