import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { pad, type Hex } from "viem";
import {
  discoverFederations,
  FEDERATION_PROPOSAL_STATES,
  federationProposalState,
  loadFederation,
} from "@disco-ledger/sdk/federation";
import { AUDITOR_ROLE, TRANSFER_TOPIC } from "@disco-ledger/sdk/history";
import { currencyWarning, recomputationText } from "../../scripts/lib/audit/federation.ts";
import { buildFederation, checkInPeriods } from "../../scripts/lib/bench/federation.ts";
import { providerKeeping, run } from "../helpers/audit.ts";
import { connection } from "../helpers/disco.ts";
import { seededFederation } from "../helpers/federation-demo.ts";
import { publicClient } from "../helpers/viem.ts";

const { ethers, networkHelpers } = connection;
const EURO = 1_000_000n;
/** The federation's name, as buildFederation gives it. */
const NAME = "Federation of 3";
/** Auditors of the three DisCOs: accounts #5, #6, #7. */
const AUDITORS = [5, 6, 7];
const Verdict = { None: 0n, Confirmed: 1n, Challenged: 2n };

/**
 * A federation of three factory-made DisCOs, each with two final periods of two work entries checked in from its own logs (1,000 €,
 * 2,000 €, 3,000 € paid in in period 1, the same again in period 2), but the third DisCO's period 1, whose money in
 * says 200 € more; the second DisCO's auditor has confirmed the first DisCO's period 1.
 */
async function smallFederation() {
  const built = await buildFederation(connection, 3, false);
  const signers = await ethers.getSigners();
  for (const [i, disco] of built.discos.entries()) {
    const audit = await ethers.getContractAt("AuditRegistry", disco.audit);
    await (await audit.connect(disco.timelock).grantRole(AUDITOR_ROLE, signers[AUDITORS[i]].address)).wait();
  }
  const onChain = await checkInPeriods(connection, built, {
    periods: 2,
    paid: (i) => BigInt(i + 1) * 1_000n * EURO,
    entries: 2,
    edit: (i, period, honest) =>
      i === 2 && period === 1
        ? { ...honest, figures: { ...honest.figures, moneyIn: honest.figures.moneyIn + 200n * EURO } }
        : honest,
  });
  const [first, second] = built.discos;
  await (await built.federation.connect(signers[AUDITORS[1]]).confirmCheckIn(second.id, first.id, 1)).wait();
  return { ...built, ...onChain };
}

type Fixture = Awaited<ReturnType<typeof smallFederation>>;

/** `npm run audit -- --federation <NAME> ...argv` on the fixture's chain. */
const audit = (fed: Fixture, argv: string[] = [], env = {}) =>
  run({ deployment: fed.found[0] }, ["--federation", NAME, ...argv], { chain: fed.chain, ...env });

/** The lines the audit prints for a DisCO's check-in: its status, then our recomputation. */
function linesOf(text: string, disco: string, period: number): [string, string] {
  const lines = text.split("\n");
  const heading = lines.findIndex((line) => line.startsWith(`${disco} (`));
  const at = lines.findIndex((line, i) => i > heading && line.startsWith(`  period ${period} `));
  return [lines[at], lines[at + 1]];
}

describe("npm run audit -- --federation", function () {
  it("verifies every member's check-ins from its own logs: the honest ones match, the dishonest one differs", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const { status, text, errors } = await audit(fed);
    expect(errors).to.equal("");
    expect(text).to.include(`Federation "${NAME}" at ${await fed.federation.getAddress()}: 3 member DisCOs`);
    const [status1, ours1] = linesOf(text, "Federated 3.0", 1);
    expect(status1).to.match(/^ {2}period 1 {2}books 0x[0-9a-f]{4}…[0-9a-f]{4} {2}confirmed by 1 DisCO$/);
    expect(ours1).to.equal("    our recomputation: matches its logs");
    const [status2, ours2] = linesOf(text, "Federated 3.1", 2);
    expect(status2).to.match(/ {2}unverified$/);
    expect(ours2).to.equal("    our recomputation: matches its logs");
    expect(linesOf(text, "Federated 3.2", 1)[1]).to.equal(
      "    our recomputation: differs: money in 3,200.00 dEUR checked in, 3,000.00 dEUR in its logs",
    );
    expect(text).to.include("6 check-ins: 5 match their DisCOs' logs, 1 differs, 0 could not be recomputed.");
    // A check-in that differs fails the audit, as books that don't reconcile do.
    expect(status).to.equal(1);
  });

  it("prints the same as JSON with --json, and writes it to --out", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const { status, text, errors, out } = await audit(fed, ["--json"]);
    expect(status).to.equal(1);
    const report = JSON.parse(text);
    const written = readFileSync(join(out, `federation-${(await fed.federation.getAddress()).toLowerCase()}.json`));
    expect(JSON.parse(written.toString())).to.deep.equal(report);
    expect(errors).to.include("Report written to");
    const rows = report.checkIns.map((c: { name: string; period: number; differs: string[]; status: object }) => [
      c.name,
      c.period,
      c.differs,
      c.status,
    ]);
    expect(rows).to.deep.equal([
      ["Federated 3.0", 1, [], { status: "confirmed", by: 1 }],
      ["Federated 3.0", 2, [], { status: "unverified" }],
      ["Federated 3.1", 1, [], { status: "unverified" }],
      ["Federated 3.1", 2, [], { status: "unverified" }],
      ["Federated 3.2", 1, ["MoneyIn"], { status: "unverified" }],
      ["Federated 3.2", 2, [], { status: "unverified" }],
    ]);
  });

  it("records our DisCO's confirmations and a challenge naming the figure, skipping our own and those judged", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const [ours, second, third] = fed.discos;
    const recorded = await audit(fed, ["--record", "--disco", "Federated 3.1", "--account", String(AUDITORS[1])]);
    expect(recorded.status).to.equal(1);
    expect(recorded.text).to.include("Confirmed Federated 3.0's period 2 for Federated 3.1: tx 0x");
    expect(recorded.text).to.include("Federated 3.1 already judged Federated 3.0's period 1");
    expect(recorded.text).to.include("Challenged (money in) Federated 3.2's period 1 for Federated 3.1: tx 0x");

    const verdict = (disco: string, period: number) => fed.federation.verdictOf(disco, period, second.id);
    expect(await verdict(ours.id, 1)).to.equal(Verdict.Confirmed);
    expect(await verdict(ours.id, 2)).to.equal(Verdict.Confirmed);
    expect(await verdict(third.id, 1)).to.equal(Verdict.Challenged);
    expect(await verdict(third.id, 2)).to.equal(Verdict.Confirmed);
    expect(await verdict(second.id, 1)).to.equal(Verdict.None);
    const [challenge] = await fed.federation.queryFilter(fed.federation.filters.CheckInChallenged());
    expect([challenge.args.figure, challenge.args.reason]).to.deep.equal([
      6n,
      "money in 3,200.00 dEUR checked in, 3,000.00 dEUR in its logs",
    ]);

    // Read back: the challenge shows, and a second run has nothing left to record.
    const again = await audit(fed, ["--record", "--disco", "Federated 3.1", "--account", String(AUDITORS[1])]);
    expect(linesOf(again.text, "Federated 3.2", 1)[0]).to.match(/challenged \(money in\) by Federated 3\.1$/);
    expect(again.text).not.to.include("tx 0x");
    expect(again.text).to.include("Federated 3.1 already judged Federated 3.2's period 1");
  });

  it("does not record a verdict on a check-in the signer made: it would be a conflict, not counted", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const [first, second] = fed.discos;
    const [made] = await fed.federation.queryFilter(fed.federation.filters.CheckedIn(first.id, 2));
    const author = made.args.by;
    const signers = await ethers.getSigners();
    const audit2 = await ethers.getContractAt("AuditRegistry", second.audit);
    await (await audit2.connect(second.timelock).grantRole(AUDITOR_ROLE, author)).wait();
    const account = String(signers.findIndex((s) => s.address === author));
    const recorded = await audit(fed, ["--record", "--disco", "Federated 3.1", "--account", account]);
    expect(recorded.text).to.include(
      `Not judging Federated 3.0's period 2: ${author} made that check-in, so its verdict would be a conflict and not counted`,
    );
    expect(await fed.federation.verdictOf(first.id, 2, second.id)).to.equal(Verdict.None);
  });

  it("shows each DisCO's money in its own currency, and warns of one that is not ours", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const { text } = await audit(fed, ["--disco", "Federated 3.1"]);
    const token = fed.found[2].contracts.token.address;
    expect(text).to.include(`Federated 3.2 (${fed.discos[2].id})\n  money in dEUR (${token}), 6 decimals\n`);
    expect(text).not.to.include("warning:");
    const json = JSON.parse((await audit(fed, ["--json", "--disco", "Federated 3.1"])).text);
    expect(json.checkIns[4].currency).to.deep.equal({ address: token, symbol: "dEUR", decimals: 6 });
    expect(json.checkIns.some((c: object) => "warning" in c)).to.equal(false);

    // A DisCO counting in another token: its figures in that token's decimals and symbol (its text made printable).
    const state = await loadFederation(
      publicClient(connection),
      (await discoverFederations(publicClient(connection), fed.chain))[0],
    );
    const checkIn = state.checkIns[4];
    const ours = { address: token as Hex, symbol: "dEUR", decimals: 6 };
    // Another address: the token's with its last digit changed (whatever it was).
    const other = {
      address: token.replace(/.$/, (d) => (d === "0" ? "1" : "0")) as Hex,
      symbol: "FAKE\u202e",
      decimals: 18,
    };
    const foreign = {
      checkIn: { ...checkIn, figures: { ...checkIn.figures, moneyIn: 3_200n * 10n ** 18n } },
      recomputed: { digest: checkIn.digest, figures: { ...checkIn.figures, moneyIn: 3_000n * 10n ** 18n } },
      differs: ["MoneyIn" as const],
      currency: other,
    };
    expect(recomputationText(foreign)).to.equal(
      "differs: money in 3,200.00 FAKE\\u{202e} checked in, 3,000.00 FAKE\\u{202e} in its logs",
    );
    expect(currencyWarning(foreign, ours)).to.equal(
      `money figures in FAKE\\u{202e} (${other.address}), not our currency`,
    );
    expect(currencyWarning({ ...foreign, currency: ours }, ours)).to.equal(null);
    expect(currencyWarning({ ...foreign, currency: null }, ours)).to.equal(
      "money figures in a currency that does not answer its decimals",
    );
  });

  it("refuses to record for an account that is no auditor of our DisCO", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const refused = await audit(fed, ["--record", "--disco", "Federated 3.1", "--account", String(AUDITORS[0])]);
    expect(refused.status).to.equal(1);
    const auditor = (await ethers.getSigners())[AUDITORS[0]].address;
    expect(refused.errors).to.include(`Not recording: ${auditor} is no auditor of Federated 3.1`);
  });

  it("flags honest check-ins when the logs it is served lost the payments into a treasury", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const treasuries = new Set(fed.discos.map((d) => pad(d.treasury.toLowerCase() as Hex, { size: 32 })));
    const { provider } = providerKeeping(
      (log) => log.topics[0] !== TRANSFER_TOPIC || !treasuries.has(log.topics[2]?.toLowerCase() as Hex),
    );
    const { status, text } = await audit(fed, [], { provider });
    expect(status).to.equal(1);
    expect(linesOf(text, "Federated 3.0", 1)[1]).to.equal(
      "    our recomputation: differs: money in 1,000.00 dEUR checked in, 0.00 dEUR in its logs",
    );
    expect(text).to.include("6 check-ins: 0 match their DisCOs' logs, 6 differ, 0 could not be recomputed.");
  });

  it("names the federations there are when --federation names none, and refuses --record without --federation or --disco", async () => {
    const fed = await networkHelpers.loadFixture(smallFederation);
    const unknown = await run({ deployment: fed.found[0] }, ["--federation", "Nowhere"], { chain: fed.chain });
    expect(unknown.status).to.equal(2);
    expect(unknown.errors).to.include(`No federation "Nowhere" on this chain. Its factory founded: "${NAME}" (`);
    for (const [argv, message] of [
      [["--record", "--disco", "x"], "--record goes with --federation <name>"],
      [["--federation", NAME, "--record"], "--record needs --disco <our DisCO>"],
      [["--federation", NAME, "--attest", "1"], "--attest and --federation are two audits: run one at a time"],
    ] as const) {
      const usage = await run({ deployment: fed.found[0] }, [...argv]);
      expect(usage.status, argv.join(" ")).to.equal(2);
      expect(usage.errors, argv.join(" ")).to.include(message);
    }
  });
});

describe("npm run audit -- --federation on the seeded demo", function () {
  it("finds River DisCO's inflated period 2, which Demo DisCO challenged, and confirms the rest", async () => {
    const seeded = await networkHelpers.loadFixture(seededFederation);
    const chain = { ...seeded.demo.deployment, factory: seeded.demo.chain.factory };
    const { status, text, errors } = await run(
      { deployment: seeded.demo.deployment },
      ["--federation", "Commons Federation"],
      { chain },
    );
    expect(errors).to.equal("");
    expect(status).to.equal(1);
    expect(text).to.include("3 member DisCOs (Demo DisCO, Small DisCO, River DisCO)");
    const [river2, ours] = linesOf(text, "River DisCO", 2);
    expect(river2).to.match(/challenged \(money in\) by Demo DisCO$/);
    expect(ours).to.match(
      /^ {4}our recomputation: differs: money in [\d,.]+ dEUR checked in, [\d,.]+ dEUR in its logs$/,
    );
    expect(text).to.include("6 check-ins: 5 match their DisCOs' logs, 1 differs, 0 could not be recomputed.");
  });
});

describe("loadFederation on the seeded demo", function () {
  it("folds from the logs what the contract's views say: members, proposal states, trust, verdicts", async () => {
    const seeded = await networkHelpers.loadFixture(seededFederation);
    const client = publicClient(connection);
    const [found] = await discoverFederations(client, {
      ...seeded.demo.deployment,
      factory: seeded.demo.chain.factory,
    });
    const federation = await ethers.getContractAt("Federation", found.address);
    const check = async () => {
      const state = await loadFederation(client, found);
      const { timestamp } = await client.getBlock({ blockTag: "latest" });
      for (const p of state.proposals) {
        const onChain = FEDERATION_PROPOSAL_STATES[Number(await federation.state(p.id))];
        expect(federationProposalState(p, state.votingPeriod, Number(timestamp)), `proposal ${p.id}`).to.equal(onChain);
      }
      for (const m of state.members) {
        const record = await federation.memberOf(m.disco);
        expect([m.index, m.active, m.delegate ?? ZeroAddress]).to.deep.equal([
          Number(record.index),
          record.active,
          record.delegate,
        ]);
        for (const to of state.members) {
          const edge = state.trust.find((e) => e.from === m.disco && e.to === to.disco);
          expect(edge?.value ?? 0, `trust ${m.disco} -> ${to.disco}`).to.equal(
            Number(await federation.trustOf(m.disco, to.disco)),
          );
        }
      }
      for (const c of state.checkIns) {
        for (const m of state.members.filter((m) => m.index > 0)) {
          const verdict = c.verdicts.find((v) => v.peer === m.disco)?.verdict ?? "None";
          const onChain = ["None", "Confirmed", "Challenged"][
            Number(await federation.verdictOf(c.disco, c.period, m.disco))
          ];
          expect(verdict, `${m.disco} on ${c.disco}'s period ${c.period}`).to.equal(onChain);
        }
      }
      return state;
    };
    const state = await check();
    expect(state.trust).to.have.length(5);
    expect(state.members.map((m) => m.active)).to.deep.equal([true, true, true, false]);
    // Past the deadlines and the execution windows: the open application Defeated, as the contract says.
    await networkHelpers.time.increase(2 * state.votingPeriod + 1);
    await networkHelpers.mine();
    const later = await check();
    const { timestamp: now } = await client.getBlock({ blockTag: "latest" });
    const states = later.proposals.map((p) => federationProposalState(p, later.votingPeriod, Number(now)));
    expect(states).to.include("Defeated");
  });
});
