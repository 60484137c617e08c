import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { readDeployment, readDeploymentsFile, ROOT } from "../../scripts/lib/deployments.ts";
import { freePort, rpc } from "../../scripts/lib/processes.ts";
import { runCli } from "./two-discos.ts";

const BIN = join(ROOT, "node_modules", ".bin");
// Ports nobody listens on now: a fixed one collides with another checkout's run of this test on the same machine.
const PORT = await freePort();
const APP_PORT = await freePort();
const env = {
  ...process.env,
  DISCO_PORT: String(PORT),
  DISCO_RPC_URL: `http://127.0.0.1:${PORT}`,
  APP_PORT: String(APP_PORT),
};

/**
 * Runs the CLI as a member would (npm run cli -- ...), against the chain that `npm start` serves: in this process,
 * as `npm run cli` runs it (the same entry, its network reached through hardhat.config.ts with the chain's URL),
 * without a second process's start for each command. The test of an unreachable chain runs it as its own process.
 */
const cli = (...args: string[]) => runCli([...args, "--rpc", env.DISCO_RPC_URL]);

/** Moves the local chain's clock, as only a development chain allows. */
async function moveChainTime(seconds: number): Promise<void> {
  await rpc(env.DISCO_RPC_URL, "evm_increaseTime", [seconds]);
  await rpc(env.DISCO_RPC_URL, "evm_mine");
}

describe("npm start and the CLI", function () {
  this.timeout(240_000);
  let output = "";
  const started = spawn(join(BIN, "node"), ["scripts/start.ts"], { cwd: ROOT, env });
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Press Ctrl-C to stop.")) resolve();
    };
    started.stdout.on("data", read);
    started.stderr.on("data", read);
    started.on("exit", (code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });

  after(() => {
    if (started.exitCode === null) started.kill("SIGKILL");
  });

  it("starts a local chain on 127.0.0.1, deploys and seeds the demo, serves the app, and says where things are", async function () {
    // On a busy machine, or one that must compile the contracts first, the start alone can take minutes.
    this.timeout(600_000);
    await ready;
    expect(output).to.match(new RegExp(`chain +http://127\\.0\\.0\\.1:${PORT}`));
    const appUrl = `http://127.0.0.1:${APP_PORT}/`;
    expect(output).to.match(new RegExp(`app +${appUrl.replace(/\./g, "\\.")}`));
    const page = await fetch(appUrl);
    expect(page.status).to.equal(200);
    expect(await page.text()).to.include('<div id="root">');
    const deployment = readDeployment("localhost");
    expect(output).to.include(deployment.contracts.governor.address);
    // Two DisCOs through one factory: the demo, and a small one beside it.
    expect(Object.keys(readDeploymentsFile("localhost")?.discos ?? {})).to.deep.equal(["Demo DisCO", "Small DisCO"]);
    expect(output).to.match(/open +proposal Active/);
    // Each demo person by name beside their address, and how to get past the demo's waits.
    expect(output).to.match(/#1 +Alice +0x70997970C51812dc3A010C7d01b50e0d17dc79C8 +Committed, worker/);
    expect(output).to.match(/a block every 3 s/);
    expect(output).to.contain(`DISCO_PORT=${PORT} npm run cli -- members`);
  });

  it("mines a block every few seconds with no transaction, so that the chain's clock moves with real time", async () => {
    const blockNumber = async () => BigInt(await rpc<string>(env.DISCO_RPC_URL, "eth_blockNumber"));
    const before = await blockNumber();
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await blockNumber()).to.be.greaterThan(before);
  });

  it("names the chain the CLI cannot reach and how to reach npm start's, instead of a bare ECONNREFUSED", async () => {
    const port = await freePort();
    const result = spawnSync(join(BIN, "tsx"), ["scripts/cli.ts", "members"], {
      cwd: ROOT,
      env: { ...env, DISCO_PORT: String(port) },
      encoding: "utf8",
    });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(
      new RegExp(`^No chain answers at http://127\\.0\\.0\\.1:${port} \\(network localhost\\)`),
    );
    expect(result.stderr).to.match(/npm start.*DISCO_PORT/s);
  });

  it("lists the demo's members and proposals", async () => {
    const members = await cli("members");
    expect(members.status, members.err).to.equal(0);
    expect(members.out).to.match(/^7 members \(4 binding\)/);
    const proposals = await cli("proposals");
    expect(proposals.out).to.match(/Standard, Executed: Admit Gus/);
    expect(proposals.out).to.match(/Consent, Defeated: \[consent\] Admit Hana/);
    expect(proposals.out).to.match(/Standard, Executed: Approve the year's accounts to period 2/);
    expect(proposals.out).to.match(/Standard, Active: Advance Eli/);
  });

  it("votes directly and by a relayed signature, and refuses a vote with the contract's reason", async () => {
    const open = /^(#\d+) .*\n {2}Standard, Active/m.exec((await cli("proposals")).out)![1];
    const voted = await cli("vote", open, "against", "--reason", "Not yet", "--account", "4");
    expect(voted.out, voted.err).to.match(/binding: For 2 {2}Against 1/);

    const ballot = join(mkdtempSync(join(tmpdir(), "disco-")), "ballot.json");
    expect((await cli("vote", open, "for", "--sign", "--out", ballot, "--account", "3")).status).to.equal(0);
    const relayed = await cli("relay", ballot, "--account", "9");
    expect(relayed.out, relayed.err).to.match(/binding: For 3 {2}Against 1/);

    const again = await cli("vote", open, "for", "--account", "3");
    expect(again.status).to.equal(1);
    expect(again.err).to.match(/GovernorAlreadyCastVote\(0x90F79bf6EB2c4f870365E785982E1f101E93b906\)/);

    const shown = await cli("show", open);
    expect(shown.out).to.match(/0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65 \(Dara\) Against \(binding\): Not yet/);
  });

  it("queues and executes the open proposal once its vote and the timelock delay are over", async () => {
    const open = /^(#\d+) .*\n {2}Standard, Active/m.exec((await cli("proposals")).out)![1];
    const [votingPeriod, timelockDelay] = [3 * 24 * 3600, 3600];
    await moveChainTime(votingPeriod);
    const queued = await cli("queue", open, "--account", "1");
    expect(queued.out, queued.err).to.match(/^Queued in block \d+; state Queued/);
    const early = await cli("execute", open, "--account", "1");
    expect(early.err).to.match(/TimelockUnexpectedOperationState/);
    await moveChainTime(timelockDelay);
    const executed = await cli("execute", open, "--account", "1");
    expect(executed.out, executed.err).to.match(/^Executed in block \d+; state Executed/);
    expect((await cli("members")).out).to.match(/0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc \(Eli\) +Dating3 /);
  });

  it("proposes, refusing a call that would fail when executed", async () => {
    const doomed = await cli(
      "propose",
      "admit",
      "0x000000000000000000000000000000000000dEaD",
      "dating1",
      "worker",
      "--account",
      "1",
    );
    expect(doomed.status).to.equal(1);
    expect(doomed.err).to.match(/would fail when executed.*MembershipInvalidMentor/);
    const bylaw = await cli(
      "propose",
      "call",
      "governor",
      "setSupermajority(uint16,uint16)",
      "3",
      "4",
      "--account",
      "1",
    );
    expect(bylaw.out, bylaw.err).to.match(/^Proposed #\d+ \(Bylaw\) in block \d+; id \d+/);
    const window = await cli("propose", "set", "ledger.setReviewWindow", "2", "--account", "1");
    expect(window.out, window.err).to.match(/^Proposed #\d+ \(Bylaw\)/);
    const number = /^Proposed (#\d+)/.exec(window.out)![1];
    expect((await cli("show", number)).out).to.match(/call 1: Set “Review window” to 2 days \(now 3 days\)/);
    const tagged = await cli(
      "propose",
      "set",
      "ledger.setCap",
      "love",
      "500",
      "--description",
      "[consent] Cap love",
      "--account",
      "1",
    );
    expect(tagged.status).to.equal(1);
    expect(tagged.err).to.match(/starts with \[consent\], which is not the decision type chosen/);
  });

  it("shows the demo's ledger: entries of the open period, a member's totals and the minimum contribution", async () => {
    const entries = await cli("entries");
    expect(entries.out, entries.err).to.match(/^5 entries in period 3 \(open\)/);
    const closed = await cli("entries", "--period", "1");
    expect(closed.out, closed.err).to.match(/^18 entries in period 1 \(closed \S+, final\)/);
    expect(entries.out).to.match(
      /entry \d+: Disputed, Livelihood 3200\.00 credits by 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc/,
    );
    const totals = await cli("totals", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc");
    expect(totals.out).to.match(/period 1 {3}historical: Livelihood 1000\.00 {2}Love 200\.00 {2}Care 6\.00/);
    expect(totals.out).to.match(/payable: {4}Livelihood 500\.00 {2}Love 200\.00 {2}Care 0\.00/);
    expect(totals.out).to.match(/minimum contribution: 2400\.00 of 400\.00 credits .*: met/);
  });

  it("logs and approves work, closes a period under dispute, lapses its pending work and proposes to resolve it", async () => {
    const logged = await cli("log", "care", "1.25", "--note", "Rhythm notes for the November circle", "--account", "1");
    expect(logged.out, logged.err).to.match(/entry (\d+): Pending, Care 1\.25h/);
    const entryId = /entry (\d+): Pending/.exec(logged.out)![1];
    const self = await cli("approve", entryId, "--account", "1");
    expect(self.err).to.match(new RegExp(`LedgerSelfReview\\(${entryId}\\)`));
    const approved = await cli("approve", entryId, "--account", "3");
    expect(approved.out, approved.err).to.match(/Counted, Care 1\.25h/);
    // No dispute holds up the books: the period closes, its pending work lapses, its counted work stays disputable.
    const closing = await cli("close-period", "--account", "2");
    expect(closing.out, closing.err).to.match(
      /^Closed period 3 in block \d+\n {2}period 3: closed \S+, final at \S+ \(review window\), 1 dispute\(s\) open/,
    );
    const lapsed = await cli("entries", "--period", "3", "--status", "lapsed");
    expect(lapsed.out, lapsed.err).to.match(/^3 entries in period 3 \(closed .*\)\n {2}entry \d+: Lapsed, Care 9\.00h/);
    expect((await cli("approve", /entry (\d+): Lapsed/.exec(lapsed.out)![1], "--account", "1")).err).to.match(
      /LedgerPeriodNotOpen\(3, 4\)/,
    );
    const disputed = /entry (\d+): Disputed/.exec(
      (await cli("entries", "--period", "3", "--status", "disputed")).out,
    )![1];
    const resolve = await cli("propose", "resolve", disputed, "accept", "--account", "1");
    expect(resolve.out, resolve.err).to.match(/^Proposed #\d+ \(Standard\)/);
  });

  it("shows the treasury, pays in, claims payouts and refuses to fund a period before it is final", async () => {
    const owed = await cli("owed");
    expect(owed.out, owed.err).to.match(/^Treasury balance [\d.]+ €/);
    expect(owed.out).to.match(/period 1: funded 8000\.00 €, claimed [\d.]+ €/);
    const bob = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    const before = await cli("account", bob);
    expect(before.out).to.match(/period 1: [\d.]+ € to claim/);
    const claimed = await cli("claim", "1", "2", "--account", "2");
    expect(claimed.out, claimed.err).to.match(/^Claimed [\d.]+ € for period\(s\) 1, 2/);
    expect((await cli("account", bob)).out).to.match(/period 1: claimed\n {2}period 2: claimed/);
    expect((await cli("claim", "1", "--account", "2")).err).to.match(/TreasuryAlreadyClaimed/);
    expect((await cli("faucet", "250", "--account", "9")).status).to.equal(0);
    const paid = await cli("pay-in", "250", "--ref", "INV-2026-11", "--account", "9");
    expect(paid.out, paid.err).to.match(/^Paid in 250\.00 €/);
    expect((await cli("fund", "3", "100", "--account", "2")).err).to.match(/TreasuryPeriodNotFinal\(3, \d+\)/);
    expect((await cli("fund", "4", "100", "--account", "2")).err).to.match(/TreasuryPeriodNotFinal\(4, 0\)/);
  });

  it("shows capital accounts, takes a contribution, pays cash, keeps a redemption to its schedule", async () => {
    const owed = await cli("owed");
    expect(owed.out, owed.err).to.match(/held by the capital books +[\d.]+ €/);
    expect(owed.out).to.match(/indivisible reserve +[\d.]+ €/);
    expect(owed.out).to.match(/year 1 \(periods 1-2\): patronage by credits, 360\.00 € in cash, [\d.]+ € retained/);
    const bob = await cli("capital", "--account", "2");
    expect(bob.out, bob.err).to.match(/capital account [\d.]+ €\n {2}joining contribution paid: yes/);
    expect(bob.out).to.match(/year 1: patronage [\d.]+, [\d.]+ € cash, [\d.]+ € retained/);
    const cash = await cli("claim-cash", "--account", "2");
    expect(cash.out, cash.err).to.match(/^Claimed patronage cash: [1-9][\d.]* €/);
    expect((await cli("claim-cash", "--account", "2")).err).to.match(/CapitalNothingToClaim/);

    const iris = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";
    const leaver = await cli("capital", iris);
    expect(leaver.out, leaver.err).to.match(
      /redemption 1: [\d.]+ € in 3 instalments from \d{4}-\d\d-\d\d, 0\.00 € paid/,
    );
    expect(leaver.out).to.match(/due now 0\.00 €; next instalment \d{4}-\d\d-\d\d/);
    expect((await cli("redeem", "--account", "10")).err).to.match(/CapitalNothingDue/);
    expect((await cli("start-redemption", "--account", "1")).err).to.match(/CapitalStillMember/);

    expect((await cli("faucet", "250", "--account", "7")).status).to.equal(0);
    const joined = await cli("contribute", "--account", "7");
    expect(joined.out, joined.err).to.match(/^Paid a joining contribution of 250\.00 €/);
    expect((await cli("contribute", "--account", "7")).err).to.match(/CapitalAlreadyContributed/);
    // The treasurer proposes the year's accounts; the members decide. Not before every period is final.
    expect((await cli("close-year", "2", "100", "--account", "2")).err).to.match(/CapitalYearAlreadyClosed\(2, 2\)/);
    expect((await cli("close-year", "3", "100", "--account", "2")).err).to.match(/CapitalPeriodNotFinal\(3, \d+\)/);
    await moveChainTime(3 * 24 * 3600);
    expect((await cli("entries", "--period", "3")).out).to.match(
      /^\d+ entries in period 3 \(closed \S+, final, 1 dispute/,
    );
    const surplus = await cli("close-year", "3", "100", "--account", "2");
    expect(surplus.out, surplus.err).to.match(
      /^Proposed the year's accounts as #\d+ \(Standard\) in block \d+; id \d+/,
    );
    const loss = await cli("close-year", "3", "100", "--loss", "--account", "2");
    expect(loss.out, loss.err).to.match(/^Proposed the year's accounts as #\d+ \(Bylaw\) in block \d+; id \d+/);
    expect((await cli("proposals")).out).to.match(
      /Standard, Pending: Approve the year's accounts to period 3: a surplus of 100\.00 €/,
    );
  });

  it("stops everything cleanly on Ctrl-C", async () => {
    const exited = new Promise<number | null>((resolve) => started.on("exit", resolve));
    started.kill("SIGINT");
    expect(await exited).to.equal(0);
    const probe = spawnSync("bash", ["-c", `exec 3<>/dev/tcp/127.0.0.1/${PORT}`]);
    expect(probe.status, "the chain's port should be closed").to.not.equal(0);
    const app = spawnSync("bash", ["-c", `exec 3<>/dev/tcp/127.0.0.1/${APP_PORT}`]);
    expect(app.status, "the app's port should be closed").to.not.equal(0);
  });
});
