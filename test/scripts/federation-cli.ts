import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { keccak256, toHex } from "viem";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import { profileHash } from "@disco-ledger/sdk/profile";
import { publicFileOf } from "../../scripts/cli/federation.ts";
import { PROFILES, profilePath } from "../../scripts/lib/seed-federation.ts";
import { readDeploymentsFile, writeDeployment, writeFederation } from "../../scripts/lib/deployments.ts";
import { connection } from "../helpers/disco.ts";
import { seededOnCli } from "../helpers/federation-demo.ts";
import { cliOnChain, forgetDeployments, NETWORK, runCli, startThrough } from "./two-discos.ts";

const { time } = connection.networkHelpers;
const FED = "Commons Federation";

/** The CLI on the seeded chain; a run that must succeed says what it printed on failure. */
async function cli(...argv: string[]) {
  return cliOnChain(...argv);
}
async function ok(...argv: string[]) {
  const result = await cliOnChain(...argv);
  expect([result.status, result.err], result.out).to.deep.equal([0, ""]);
  return result.out;
}
async function refused(argv: string[], message: string | RegExp) {
  const result = await cliOnChain(...argv);
  expect(result.status, result.out).to.equal(1);
  if (typeof message === "string") expect(result.err).to.contain(message);
  else expect(result.err).to.match(message);
}

afterEach(forgetDeployments);

describe("npm run cli -- federation (usage)", () => {
  it("lists the federation commands, and each action with its arguments", async () => {
    const help = await runCli(["--help"]);
    for (const name of ["federations", "federation", "profile"])
      expect(help.out).to.match(new RegExp(`^ +${name} +\\S`, "m"));
    const actions = await runCli(["federation", "--help"]);
    expect(actions.status).to.equal(0);
    for (const line of ["check-in <federation> <period>", "vote <federation> <#id> <for|against>", "--as-treasurer"]) {
      expect(actions.out).to.contain(line);
    }
  });
});

describe("npm run cli -- federations and federation <name>", function () {
  this.timeout(180_000);

  it("lists the factory's federations, with their founder and members", async () => {
    const { federation } = await seededOnCli();
    const out = await ok("federations");
    expect(out).to.match(/^1 federation founded through the factory:/);
    expect(out).to.contain(`"${FED}" ${federation.federation.address}, founded `);
    expect(out).to.match(/by Demo DisCO; 3 member DisCOs; not recorded in deployments\/cli-test-\d+\.json$/);
    writeFederation(NETWORK, FED, { address: federation.federation.address, blockNumber: 1 });
    expect(await ok("federations")).to.match(
      /3 member DisCOs; recorded in deployments\/cli-test-\d+\.json as "Commons Federation"$/,
    );
  });

  it("shows a federation: charter, members, the open application, latest check-ins with their standing, trust", async () => {
    await seededOnCli();
    const out = await ok("federation", FED);
    expect(out).to.contain("charter ipfs://bafy-commons-federation-charter");
    expect(out).to.contain("each proposal is open for 3 d");
    expect(out).to.contain("3 member DisCOs:");
    expect(out).to.match(
      / {2}Demo DisCO: member since .*, delegate 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 \(Alice\)/,
    );
    expect(out).to.contain("Small DisCO: member");
    expect(out).to.contain("treasurers may set trust up to 50");
    expect(out).to.match(
      /#3 admit Garden DisCO: We grow food .* — Active until .*; for 1, against 0 of 3 \(Demo DisCO for\)/,
    );
    expect(out).to.match(/River DisCO: period 2, challenged: money in — .*money in 12,000\.00 dEUR/);
    expect(out).to.contain("1 open proposal:");
    expect(out).to.match(/Demo DisCO: period 2, confirmed by 1 DisCO — 8 members \(4 binding\)/);
    expect(out).to.contain("Demo DisCO -> Small DisCO: 80");
    expect(out).to.contain("Small DisCO -> River DisCO: 30");
    // The same as `federation show <name>`, and by address.
    expect(await ok("federation", "show", FED.toLowerCase())).to.equal(out);
  });

  it("records the federation in deployments/<network>.json, kept when a DisCO is recorded after it", async () => {
    const { federation, demo } = await seededOnCli();
    const record = { address: federation.federation.address, blockNumber: federation.federation.blockNumber };
    writeFederation(NETWORK, FED, record);
    writeDeployment({ ...demo.deployment, name: "Demo again", network: NETWORK });
    expect(readDeploymentsFile(NETWORK)?.federations).to.deep.equal({ [FED]: record });
  });

  it("names the federations there are when asked for an unknown one", async () => {
    await seededOnCli();
    await refused(
      ["federation", "Nowhere"],
      /No federation "Nowhere" on this chain\. Its factory founded: "Commons Federation" \(0x/,
    );
    await refused(["federation", "apply"], "Missing federation (its name or address)");
  });
});

describe("npm run cli -- federation <action>: the DisCO's proposals", function () {
  this.timeout(180_000);

  it("apply: opens the applying DisCO's proposal; refused while its application is open", async () => {
    const { demo, factory, client } = await seededOnCli();
    const currency = demo.deployment.contracts.token.address;
    const founder = (await connection.ethers.getSigners())[17].address;
    await startThrough(factory, {
      name: "Pond DisCO",
      founders: [{ account: founder, stage: 5, constituency: 0, mentor: "0x0000000000000000000000000000000000000000" }],
      currency,
    });
    // A founder's vote counts from the next moment on.
    await time.increase(60);
    const [, , , , pond] = await discoverDisCOs(client, { ...demo.deployment, factory: demo.chain.factory });
    const out = await ok(
      "federation",
      "apply",
      FED,
      "We keep a pond",
      "--disco",
      pond.contracts.membership.address,
      "--account",
      "17",
    );
    expect(out).to.match(
      /^Proposed #1 \(Standard\) in block \d+; id \d+\n {2}Apply to join the federation “Commons Federation”: We keep a pond$/,
    );
    await refused(
      ["federation", "apply", FED, "again", "--disco", "Garden DisCO", "--account", "14"],
      /The call would fail when executed \(.*FederationApplicationOpen/,
    );
  });

  it("found: opens the DisCO's proposal to found a federation through the factory; a name taken is refused", async () => {
    await seededOnCli();
    const river = ["--disco", "River DisCO", "--account", "12"];
    const hash = keccak256(toHex("River Commons charter"));
    const out = await ok(
      "federation",
      "found",
      "River Commons",
      "ipfs://river-commons",
      hash,
      "--voting-days",
      "5",
      ...river,
    );
    expect(out).to.contain(
      `Found the federation “River Commons” with the charter ipfs://river-commons (hash ${hash}), voting 5 days on each proposal`,
    );
    await refused(
      ["federation", "found", "commons federation", "ipfs://x", hash, ...river],
      'The factory already founded a federation "commons federation"',
    );
    await refused(
      ["federation", "found", "Tiny", "ipfs://x", hash, "--voting-days", "0", ...river],
      "The call would fail when executed",
    );
  });

  it("withdraw and leave: open the proposals; refused without an open application or membership", async () => {
    await seededOnCli();
    expect(await ok("federation", "withdraw", FED, "--disco", "Garden DisCO", "--account", "14")).to.contain(
      "Withdraw our application to the federation",
    );
    await refused(["federation", "withdraw", FED], `Demo DisCO has no open application to "${FED}" to withdraw.`);
    expect(await ok("federation", "leave", FED, "--disco", "River DisCO", "--account", "12")).to.contain(
      "Leave the federation “Commons Federation”",
    );
    await refused(
      ["federation", "leave", FED, "--disco", "Garden DisCO", "--account", "14"],
      `Garden DisCO is not a member of "${FED}": only a member DisCO can leave it.`,
    );
  });

  it("delegate, trust, trust-bound, vote and propose-charter: open the DisCO's proposal with what it does", async () => {
    await seededOnCli();
    const small = ["--disco", "Small DisCO", "--account", "7"];
    expect(await ok("federation", "delegate", FED, "0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199", ...small)).to.contain(
      "Name 0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199 our delegate",
    );
    expect(await ok("federation", "delegate", FED, "none", ...small)).to.contain("Revoke our delegate");
    await refused(
      ["federation", "delegate", FED, "Bob", ...small],
      'A delegate is an address, or none to revoke one, not "Bob"',
    );
    expect(await ok("federation", "trust", FED, "River DisCO", "55", "--account", "1")).to.contain(
      "Set our trust in River DisCO to 55 out of 100",
    );
    await refused(
      ["federation", "trust", FED, "River DisCO", "101", "--account", "1"],
      "A trust value is a whole number from 0 to 100",
    );
    expect(await ok("federation", "trust-bound", FED, "20", "--account", "1")).to.contain(
      "Let our treasurers set trust up to 20 out of 100",
    );
    expect(await ok("federation", "vote", FED, "#3", "for", ...small)).to.contain(
      "Vote for proposal 3 of the federation “Commons Federation”: admit Garden DisCO",
    );
    await refused(["federation", "vote", FED, "9", "for", ...small], `No proposal 9 in "${FED}": it has 3`);
    await refused(
      ["federation", "vote", FED, "3", "for", "--disco", "Garden DisCO", "--account", "14"],
      `Garden DisCO is not a member of "${FED}": only a member DisCO can vote.`,
    );
    const hash = keccak256(toHex("a new charter"));
    expect(await ok("federation", "propose-charter", FED, "ipfs://new-charter", hash, ...small)).to.contain(
      `the charter ipfs://new-charter (hash ${hash})`,
    );
  });
});

describe("npm run cli -- federation <action>: what people do directly", function () {
  this.timeout(180_000);

  it("a delegate proposes and votes for the DisCO; anyone else is refused by the federation", async () => {
    await seededOnCli();
    expect(await ok("federation", "propose-remove", FED, "River DisCO", "--as-delegate", "--account", "1")).to.match(
      /^Demo DisCO proposed #4 to "Commons Federation" in block \d+$/,
    );
    expect(await ok("federation", "vote", FED, "4", "for", "--as-delegate", "--account", "1")).to.match(
      /^Demo DisCO voted for #4 in block \d+$/,
    );
    await refused(
      ["federation", "vote", FED, "4", "for", "--as-delegate", "--account", "1"],
      "Demo DisCO has voted on #4 already.",
    );
    await refused(
      ["federation", "vote", FED, "4", "against", "--as-delegate", "--disco", "Small DisCO", "--account", "7"],
      "FederationUnauthorized",
    );
    await refused(["federation", "execute", FED, "4", "--account", "2"], "FederationProposalNotPassed");
  });

  it("execute refuses a stale proposal before sending it: a Remove of a DisCO that left since", async () => {
    const { federation, client, demo } = await seededOnCli();
    await ok("federation", "propose-remove", FED, "River DisCO", "--as-delegate", "--account", "1");
    const discos = await discoverDisCOs(client, { ...demo.deployment, factory: demo.chain.factory });
    const river = discos.find((d) => d.name === "River DisCO");
    if (!river) throw new Error("no River DisCO");
    // River DisCO's members pass its leaving: its timelock calls leave.
    const timelock = river.contracts.timelock.address;
    await connection.networkHelpers.impersonateAccount(timelock);
    await connection.networkHelpers.setBalance(timelock, 10n ** 18n);
    const fed = await connection.ethers.getContractAt("Federation", federation.federation.address);
    await (
      await fed.connect(await connection.ethers.getSigner(timelock)).leave(river.contracts.membership.address)
    ).wait();
    await refused(
      ["federation", "execute", FED, "4", "--account", "2"],
      `#4 of "${FED}" is stale: River DisCO left, or left and was admitted again, since it was proposed.`,
    );
    expect(await ok("federation", FED)).to.match(
      /#4 remove River DisCO, .*\(stale: River DisCO left, .*; it can't be executed\)/,
    );
  });

  it("a treasurer sets trust within the members' bound, and is told when a value needs their vote", async () => {
    await seededOnCli();
    const gus = ["--disco", "Small DisCO", "--account", "7", "--as-treasurer"];
    expect(await ok("federation", "trust", FED, "River DisCO", "45", ...gus)).to.match(
      /^Small DisCO's trust in River DisCO set to 45 in block \d+$/,
    );
    await refused(
      ["federation", "trust", FED, "River DisCO", "60", ...gus],
      "Small DisCO's members let its treasurers set trust up to 50; 60 needs their vote: drop --as-treasurer to propose it.",
    );
    await refused(
      ["federation", "trust", FED, "Demo DisCO", "40", ...gus],
      "Small DisCO's members let its treasurers set trust up to 50; changing today's 70 needs their vote",
    );
  });

  it("a treasurer checks in a final period computed from the DisCO's logs; an open or checked-in one is refused", async () => {
    const { small } = await seededOnCli();
    await refused(
      ["federation", "check-in", FED, "3", "--account", "2"],
      "Period 3 is still open: only a final period checks in",
    );
    await refused(["federation", "check-in", FED, "2", "--account", "2"], "FederationAlreadyCheckedIn");
    // Small DisCO's treasurer closes its third period; once its review window is over, it checks in.
    const ledger = await connection.ethers.getContractAt("ValueLedger", small.contracts.ledger.address);
    const gus = (await connection.ethers.getSigners())[7];
    await (await ledger.connect(gus).closePeriod()).wait();
    await refused(
      ["federation", "check-in", FED, "3", "--disco", "Small DisCO", "--account", "7"],
      "Period 3 is not final",
    );
    await time.increase(3 * 24 * 3600);
    const out = await ok("federation", "check-in", FED, "3", "--disco", "Small DisCO", "--account", "7");
    expect(out).to.match(
      /^Small DisCO checked in period 3 to "Commons Federation" in block \d+\n {2}digest 0x[0-9a-f]{64}\n/,
    );
    expect(out).to.contain("2 members (2 binding)");
    expect(await ok("federation", FED)).to.match(/\n {2}Small DisCO: period 3, unverified — 2 members \(2 binding\)/);
  });

  it("an auditor confirms a check-in that matches the DisCO's logs, and challenges one that does not", async () => {
    await seededOnCli();
    const hana = ["--disco", "Small DisCO", "--account", "8"];
    expect(await ok("federation", "confirm", FED, "River DisCO", "1", ...hana)).to.match(
      /^Small DisCO confirmed River DisCO's period 1 in block \d+: it matches$/,
    );
    await refused(
      ["federation", "confirm", FED, "River DisCO", "2", ...hana],
      "River DisCO's check-in of period 2 differs in: money in (recomputed from its own logs): challenge it instead.",
    );
    expect(await ok("federation", "challenge", FED, "River DisCO", "2", ...hana)).to.match(
      /^Small DisCO challenged River DisCO's period 2 \(MoneyIn\) in block \d+$/,
    );
    expect(await ok("federation", FED)).to.match(/River DisCO: period 2, challenged: money in — /);
    await refused(
      ["federation", "challenge", FED, "Demo DisCO", "1", "--figure", "members", "--account", "11"],
      "FederationOwnDisCO",
    );
    await refused(
      ["federation", "challenge", FED, "Small DisCO", "1", "--account", "11"],
      "Small DisCO's check-in of period 1 matches its own logs: nothing to challenge (or name --figure).",
    );
    await refused(
      ["federation", "challenge", FED, "Small DisCO", "1", "--figure", "Wages", "--account", "11"],
      'Unknown figure "Wages"',
    );
    await refused(
      ["federation", "confirm", FED, "Demo DisCO", "3", ...hana],
      `Demo DisCO has not checked in period 3 to "${FED}".`,
    );
    await refused(["federation", "confirm", FED, "Nowhere", "1", ...hana], 'No DisCO "Nowhere" on this chain');
  });
});

describe("npm run cli -- profile", function () {
  this.timeout(180_000);

  it("reads a profile relative to the app only from the app's public folder", () => {
    expect(publicFileOf("/profiles/demo.json")).to.equal(
      join(process.cwd(), "frontend", "public", "profiles", "demo.json"),
    );
    for (const uri of ["/../../etc/passwd", "/profiles/../../package.json", "/.."]) {
      expect(() => publicFileOf(uri)).to.throw(`${uri} leads out of the app's public folder`);
    }
  });

  it("shows a DisCO's profile, checked against its hash; says when there is none", async () => {
    await seededOnCli();
    const out = await ok("profile", "show");
    const demo = PROFILES[0];
    expect(out).to.contain(
      `Demo DisCO's profile: /profiles/${demo.slug}.json (hash ${profileHash(readFileSync(profilePath(demo.slug), "utf8"))})`,
    );
    expect(out).to.contain("Demo DisCO: A translation and media co-op");
    expect(out).to.contain("languages en, es, ca; Barcelona, Catalonia, ES");
    expect(out).to.contain("the document matches its hash");
    expect(await ok("profile", "show", "--disco", "Small DisCO")).to.contain(
      "offers web hosting, accessibility reviews",
    );
    expect(await ok("profile", "show", "--disco", "River DisCO")).to.equal("River DisCO has published no profile.");
  });

  it("set: writes the Murmurations document and proposes its hash; refuses a profile with problems", async () => {
    await seededOnCli();
    const dir = mkdtempSync(join(tmpdir(), "profile-"));
    const input = join(dir, "river.json");
    const out = join(dir, "river-document.json");
    const profile = {
      name: "River DisCO",
      description: "We care for the river.",
      languages: ["en"],
      place: { country: "GB" },
      website: "https://river.example.org",
      offers: ["river clean-ups"],
    };
    writeFileSync(input, JSON.stringify(profile));
    const printed = await ok(
      "profile",
      "set",
      input,
      "https://river.example.org/profile.json",
      "--out",
      out,
      "--disco",
      "River DisCO",
      "--account",
      "12",
    );
    const hash = profileHash(readFileSync(out, "utf8"));
    expect(printed).to.contain(`Publish our public profile: https://river.example.org/profile.json (hash ${hash})`);
    writeFileSync(input, JSON.stringify({ ...profile, website: "river" }));
    await refused(
      ["profile", "set", input, "x", "--account", "1"],
      "website: The website is an address starting with https://",
    );
    const usage = await cli("profile", "edit");
    expect(usage.err).to.contain('Unknown action "edit": show or set');
  });
});
