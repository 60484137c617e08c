import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { id, keccak256 } from "ethers";
import { hashOf } from "@disco-ledger/sdk/audit";
import { fetchHistory, SAVED_FOLDER_VERSION } from "@disco-ledger/sdk/history";
import { main, usage } from "../../scripts/audit.ts";
import { freePort } from "../../scripts/lib/processes.ts";
import { providerKeeping, run } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";
import { logApproved, Stream } from "../helpers/treasury.ts";
import { forgetDeployments, inProcess, NETWORK, recordDemo, twoDisCOs } from "../scripts/two-discos.ts";
import { publicClient } from "../helpers/viem.ts";

const { loadFixture } = connection.networkHelpers;

describe("npm run audit", () => {
  it("refuses what it does not understand with the reason, status 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--bogus"], /Unknown option '--bogus'/],
      [["extra"], /Unexpected argument 'extra'/],
      [["--attest", "first"], /--attest takes a period number, not "first"/],
      [["--attest", "0"], /--attest takes a period number, not "0"/],
      [["--uri", "ipfs://x"], /--uri and --account go with --attest <period>/],
      [["--account", "1"], /--uri and --account go with --attest <period>/],
    ];
    for (const [argv, message] of cases) {
      const errors: string[] = [];
      const status = await main(argv, { print: () => {}, printError: (text) => errors.push(text) });
      expect(status, argv.join(" ")).to.equal(2);
      expect(errors.join("\n"), argv.join(" ")).to.match(message);
    }
  });

  it("prints its usage for --help, status 0", async () => {
    const printed: string[] = [];
    expect(await main(["--help"], { print: (text) => printed.push(text) })).to.equal(0);
    expect(printed).to.deep.equal([await usage()]);
    expect(printed[0]).to.match(/--attest=<period>/);
  });

  it("documents its exit statuses in --help", async () => {
    const help = await usage();
    expect(help).to.match(/^ {2}1 {2}the books do not reconcile/m);
    expect(help).to.match(/^ {2}2 {2}the audit could not be run: .*no deployment .*does not answer/ms);
  });

  it("names a network it has no deployment for, status 2", async () => {
    const errors: string[] = [];
    const status = await main(["--network", "nowhere"], { print: () => {}, printError: (t) => errors.push(t) });
    expect(status).to.equal(2);
    expect(errors.join("\n")).to.match(/No deployment for network "nowhere"/);
  });

  it("audits any DisCO of the network's factory that --disco names, exit 0; an unknown one is no verdict, exit 2", async () => {
    const discos = await loadFixture(twoDisCOs);
    recordDemo(discos);
    try {
      // No deployment given: the command reads deployments/<NETWORK>.json, which records the demo alone.
      const options = { deployment: undefined, provider: (await inProcess(NETWORK)).provider };
      const small = await run(discos.demo, ["--network", NETWORK, "--disco", "Small DisCO"], options);
      expect(small.errors).to.equal("");
      expect(small.status).to.equal(0);
      expect(small.text).to.match(/RESULT: OK/);
      const report = JSON.parse(readFileSync(join(small.out, "report.json"), "utf8"));
      expect(report.governor.toLowerCase()).to.equal(discos.small.contracts.governor.address.toLowerCase());

      const unknown = await run(discos.demo, ["--network", NETWORK, "--disco", "Nowhere"], options);
      expect(unknown.status).to.equal(2);
      expect(unknown.errors).to.match(
        /No DisCO "Nowhere" on this chain\. Its factory started: "Demo DisCO".*"Small DisCO"/,
      );
    } finally {
      forgetDeployments();
    }
  });

  it("says which chain does not answer and how to start it, status 2 (not a verdict on the books)", async () => {
    const demo = await loadFixture(recordedDemo);
    const url = `http://127.0.0.1:${await freePort()}`;
    const errors: string[] = [];
    const status = await main(["--rpc", url], {
      deployment: demo.deployment,
      print: () => {},
      printError: (t) => errors.push(t),
    });
    expect(status).to.equal(2);
    expect(errors.join("\n")).to.match(
      new RegExp(`No chain answers at ${url} \\(network localhost\\).*npm start`, "s"),
    );
  });

  it("audits the demo: prints the report, writes it and every export, exits 0; a rerun fetches no logs again", async () => {
    const demo = await loadFixture(recordedDemo);
    const counted = providerKeeping(() => true);
    const first = await run(demo, [], { provider: counted.provider });
    expect(first.errors).to.equal("");
    expect(first.status).to.equal(0);
    expect(first.text).to.match(/RESULT: OK/);
    expect(counted.calls.getLogs).to.be.greaterThan(0);

    // The files: the report's hash names report.json; each period's hash is keccak256 of its period-<n>.json.
    const report = JSON.parse(readFileSync(join(first.out, "report.json"), "utf8"));
    const text = readFileSync(join(first.out, "report.txt"), "utf8");
    expect(text).to.contain(`Report hash ${hashOf(report)}`);
    for (const period of report.periods.filter((p: { closed: boolean }) => p.closed)) {
      const bytes = readFileSync(join(first.out, `period-${period.period}.json`));
      expect(keccak256(bytes)).to.equal(period.hash);
      expect(text).to.contain(`period ${period.period}: books ${period.hash}`);
    }
    for (const name of ["members", "entries", "periods", "proposals", "votes", "movements", "capital-accounts"]) {
      expect(readFileSync(join(first.out, `${name}.csv`), "utf8").split("\r\n")[0], name).to.match(/^\uFEFF\w/);
      expect(JSON.parse(readFileSync(join(first.out, `${name}.json`), "utf8")), name).to.be.an("array");
    }

    // Again, from the same cache, as JSON: no block is fetched twice.
    const before = counted.calls.getLogs;
    const printed: string[] = [];
    const again = await main(["--json", "--out", first.out], {
      provider: counted.provider,
      deployment: demo.deployment,
      cacheDir: first.cache,
      print: (t) => printed.push(t),
      printError: () => {},
    });
    expect(again).to.equal(0);
    expect(counted.calls.getLogs).to.equal(before);
    expect(JSON.parse(printed[0]).summary).to.deep.equal({ mismatches: 0, brokenChecks: 0, ok: true });
  });

  it("a rerun folds only the new blocks' logs onto the books it cached, and reports as a run without the cache", async () => {
    const demo = await loadFixture(recordedDemo);
    const logs = demo.snapshot.logs.length;
    const first = await run(demo, []);
    expect(first.status).to.equal(0);
    expect(first.text).to.contain(`Logs folded this run: ${logs}; restored folded from ${first.cache}: 0`);

    // New blocks: work logged and approved in the open period by two Committed members.
    const committed = (s: { address: string }) => demo.state.members.current.get(s.address.toLowerCase())?.stage;
    const [alice, bob] = demo.signers.filter((s) => committed(s) === "Committed");
    await logApproved(demo.ledger, alice, Stream.Care, 2, bob);
    const added = (await fetchHistory(publicClient(connection), demo.deployment)).logs.length - logs;
    expect(added).to.be.greaterThan(0);

    /** The command again on the first run's cache, into a folder of its own. */
    const rerun = async () => {
      const result = await run(demo, [], { cacheDir: first.cache });
      expect(result.status).to.equal(0);
      return result;
    };
    /** Every file the run wrote into `out`, by name. */
    const files = (out: string) =>
      Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]));

    const again = await rerun();
    expect(again.text).to.contain(`Logs folded this run: ${added}; restored folded from ${first.cache}: ${logs}`);
    const fresh = await run(demo, []);
    expect(fresh.text).to.contain(`Logs folded this run: ${logs + added}; restored folded from ${fresh.cache}: 0`);
    expect(files(again.out)).to.deep.equal(files(fresh.out));

    // Books cached unreadable, of another format version, or of another history are folded again from the logs.
    const [name] = readdirSync(first.cache).filter((f) => f.endsWith("-folder.json"));
    const saved = readFileSync(join(first.cache, name), "utf8");
    const otherHistory = JSON.parse(saved);
    otherHistory.decoded.events[0].txHash = `0x${"ab".repeat(32)}`;
    for (const cached of [
      saved.slice(0, 100),
      JSON.stringify({ ...JSON.parse(saved), version: SAVED_FOLDER_VERSION + 1 }),
      JSON.stringify(otherHistory),
    ]) {
      writeFileSync(join(first.cache, name), cached);
      const refolded = await rerun();
      expect(refolded.text).to.contain(`Logs folded this run: ${logs + added}; restored folded from ${first.cache}: 0`);
      expect(files(refolded.out)).to.deep.equal(files(fresh.out));
    }
  });

  it("exits 1 and names the mismatch when a log is missing", async () => {
    const demo = await loadFixture(recordedDemo);
    const claimed = id("PayoutClaimed(address,uint32,uint256)");
    let dropped = false;
    const { provider } = providerKeeping((log) => {
      if (dropped || log.topics[0] !== claimed) return true;
      dropped = true;
      return false;
    });
    const result = await run(demo, [], { provider });
    expect(result.status).to.equal(1);
    expect(result.text).to.match(/x treasury: owed: folded "\d+", on chain "\d+"/);
    expect(result.text).to.match(/RESULT: FAILED: [1-9]\d* mismatches/);
  });

  it("exits 1 when the logs tell a history the contracts could not have made", async () => {
    const demo = await loadFixture(recordedDemo);
    const admitted = id("MemberAdmitted(address,uint8,uint8,address)");
    const { provider } = providerKeeping((log) => log.topics[0] !== admitted);
    const result = await run(demo, [], { provider });
    expect(result.status).to.equal(1);
    expect(result.errors).to.match(
      /^AUDIT FAILED: the logs tell a history the contracts could not have made\.\n.*non-member/,
    );
  });
});
