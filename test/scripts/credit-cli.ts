import { expect } from "chai";
import { decodeFunctionData, keccak256, toHex } from "viem";
import { factoryAbi } from "@disco-ledger/sdk/abis";
import { discoNamed, nameOf, type FederationRun } from "../../scripts/cli/federation.ts";
import { connection } from "../helpers/disco.ts";
import { seededOnCli } from "../helpers/federation-demo.ts";
import { cliOk as ok, cliRefused as refused, forgetDeployments, runCli } from "./two-discos.ts";

const { time } = connection.networkHelpers;
const FED = "Commons Federation";

/** Who acts in the seeded demo: Alice (a demo member), Bob (its treasurer), Gus (Small DisCO's), River's founder. */
const ALICE = ["--account", "1"];
const BOB = ["--account", "2", "--as-treasurer"];
const GUS = ["--account", "7"];
const RIVER = ["--account", "12"];

afterEach(forgetDeployments);

describe("npm run cli -- credit (usage)", () => {
  it("lists the credit command and each action with its arguments", async () => {
    expect((await runCli(["--help"])).out).to.match(/^ +credit +\S/m);
    const actions = await runCli(["credit", "--help"]);
    expect(actions.status).to.equal(0);
    for (const line of [
      "pay <federation> <payer> <payee> <euros>",
      "settle <federation> <debtor> <creditor> <euros>",
    ]) {
      expect(actions.out).to.contain(line);
    }
  });
});

describe("npm run cli -- credit: DisCOs' names", () => {
  it("prints a name from the factory's event with its control characters as codes", () => {
    const address = "0x00000000000000000000000000000000000d15c0";
    const discos = [{ name: "Evil\u001b[2J\u202eDisCO", contracts: { membership: { address } } }];
    const run = { discos } as unknown as FederationRun;
    const shown = "Evil\\u{1b}[2J\\u{202e}DisCO";
    expect(nameOf(run, address)).to.equal(shown);
    expect(discoNamed(run, address, "the DisCO").name).to.equal(shown);
    expect(() => discoNamed(run, "Nobody", "the DisCO")).to.throw(`"${shown}" (${address})`);
  });
});

describe("npm run cli -- credit: showing the seeded network", function () {
  this.timeout(180_000);

  it("shows each member's net position and the clearing suggestion", async () => {
    await seededOnCli();
    const out = await ok("credit", FED);
    expect(out).to.match(/^"Commons Federation"'s credit network 0x[0-9a-fA-F]{40}\n {2}payments of up to 4 hops/);
    expect(out).to.contain("  Demo DisCO: owes 250.00 € in all\n  Small DisCO: owes 50.00 € in all\n");
    expect(out).to.contain("  River DisCO: is owed 300.00 € in all");
    expect(out).to.match(
      /1 clearing suggestion:\n {2}1\. (\w+ DisCO -> ){3}\w+ DisCO: 200\.00 € off each of its 3 debts/,
    );
    expect(await ok("credit", "cycles", FED)).to.match(/^1 clearing suggestion:\n {2}1\. .*\(600\.00 € cleared\)$/);
  });

  it("shows one DisCO's lines with trust beside, its balances and its treasurers' allowance", async () => {
    await seededOnCli();
    // A new budget period: nothing spent in it yet.
    await time.increase(30 * 86_400);
    const out = await ok("credit", FED, "--disco", "Demo DisCO");
    expect(out).to.match(/^Demo DisCO in "Commons Federation"'s credit network: owes 250\.00 € in all\n/);
    expect(out).to.contain("  to Small DisCO: 2,000.00 €, trust 80\n  to River DisCO: 1,500.00 €, trust 40\n");
    expect(out).to.contain("  from River DisCO: 300.00 €, trust 60");
    expect(out).to.contain("  it owes Small DisCO 450.00 €\n");
    expect(out).to.contain("  River DisCO owes it 200.00 €\n");
    expect(out).to.match(
      /Treasurers: may pay 1,500\.00 € per 30-day period \(counted from 1 January 1970; 0\.00 € spent this period, 1,500\.00 € left until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\) and set lines up to 1,000\.00 €/,
    );
    // Bob pays within the budget: what is left falls.
    await ok("credit", "pay", FED, "Demo DisCO", "River DisCO", "100", "--ref", "INV-R-003", ...BOB);
    expect(await ok("credit", FED, "--disco", "Demo DisCO")).to.contain(
      "; 100.00 € spent this period, 1,400.00 € left until ",
    );
  });

  it("tells the history: payments with their references, the clearing and the settlement", async () => {
    await seededOnCli();
    const out = await ok("credit", "history", FED);
    expect(out).to.match(
      /^5 payments:\n {2}\d{4}-\d\d-\d\dT\S+ Demo DisCO paid Small DisCO 800\.00 €, reference "INV-S-001"\n/,
    );
    expect(out).to.contain('Demo DisCO paid River DisCO 400.00 € through Small DisCO, reference "INV-R-002"');
    expect(out).to.match(
      /1 clearing:\n {2}\S+ Demo DisCO -> Small DisCO -> River DisCO -> Demo DisCO: 500\.00 € off each debt/,
    );
    expect(out).to.match(/1 settlement in money:\n {2}\S+ Demo DisCO paid Small DisCO 250\.00 € of its debt$/);
    const river = await ok("credit", "history", FED, "--disco", "River DisCO");
    expect(river).to.match(/^4 payments:/);
    expect(river).not.to.contain("INV-S-001");
    expect(river).to.contain("0 settlements in money");
    expect(river).to.match(/River DisCO was paid 1,000\.00 € and paid 700\.00 € in all$/);
  });
});

describe("npm run cli -- credit: paying", function () {
  this.timeout(180_000);

  it("a treasurer pays along the path found; a payment no path carries is told what one can", async () => {
    await seededOnCli();
    const out = await ok("credit", "pay", FED, "Demo DisCO", "River DisCO", "100", "--ref", "INV-R-003", ...BOB);
    expect(out).to.match(
      /^Path Demo DisCO -> River DisCO \(1 hop\), carries up to 500\.00 €\nDemo DisCO paid River DisCO 100\.00 € \(INV-R-003\) in block \d+$/,
    );
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "River DisCO", "600", "--ref", "INV-R-004", ...BOB],
      "No path of up to 4 hops from Demo DisCO to River DisCO carries 600.00 €: one payment carries at most 500.00 €, through Demo DisCO -> Small DisCO -> River DisCO.",
    );
    await refused(
      [
        "credit",
        "pay",
        FED,
        "Demo DisCO",
        "River DisCO",
        "550",
        "--ref",
        "INV-R-004",
        "--path",
        "Demo DisCO,Small DisCO,River DisCO",
        ...BOB,
      ],
      "The hop Small DisCO -> River DisCO carries at most 500.00 €, not 550.00 €.",
    );
    // Over the treasurers' budget: the network refuses it, by name.
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "Small DisCO", "1450", "--ref", "INV-S-002", ...BOB],
      /CreditOverBudget/,
    );
    await refused(["credit", "pay", FED, "Demo DisCO", "Small DisCO", "10"], "Missing --ref");
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "Small DisCO", "10", "--ref", "x".repeat(33)],
      "A payment reference holds at most 32 bytes",
    );
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "River DisCO", "10", "--ref", "x", "--path", "Small DisCO,River DisCO"],
      "--path goes from Demo DisCO to River DisCO: its first and last nodes are them.",
    );
    await refused(
      [
        "credit",
        "pay",
        FED,
        "Demo DisCO",
        "River DisCO",
        "10",
        "--ref",
        "x",
        "--path",
        "Demo DisCO,Small DisCO,Demo DisCO,River DisCO",
      ],
      "--path goes through Demo DisCO twice: each account may appear once.",
    );
    // A payee that is no account is told so, not that no lines lead there.
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "Garden DisCO", "10", "--ref", "x", ...BOB],
      `Garden DisCO is no account in "${FED}"'s credit network now: only its member DisCOs`,
    );
    await refused(
      ["credit", "pay", FED, "Garden DisCO", "Demo DisCO", "10", "--ref", "x", "--account", "14"],
      `Garden DisCO is not a member of "${FED}": only a member DisCO can pay.`,
    );
    await refused(
      ["credit", "pay", FED, "Demo DisCO", "Small DisCO", "10,5.5", "--ref", "x"],
      "The amount is an amount of euros",
    );
  });

  it("without --as-treasurer, opens the payer's proposal to pay along the path", async () => {
    await seededOnCli();
    const out = await ok("credit", "pay", FED, "Small DisCO", "Demo DisCO", "50", "--ref", "INV-D-010", ...GUS);
    expect(out).to.match(
      /^Path Small DisCO -> Demo DisCO \(1 hop\), carries up to [\d,.]+ €\nProposed #\d+ \(\w+\) in block \d+; id \d+\n/,
    );
    expect(out).to.contain(
      "Pay 50.00 € in mutual credit to Demo DisCO in the federation “Commons Federation”, over 1 line: reference “INV-D-010”",
    );
  });
});

describe("npm run cli -- credit: lines, limits, settling and clearing", function () {
  this.timeout(180_000);

  it("a treasurer sets and freezes a line within the bound; over it, the members' vote is needed", async () => {
    await seededOnCli();
    expect(await ok("credit", "line", FED, "River DisCO", "Demo DisCO", "450", ...RIVER, "--as-treasurer")).to.match(
      /^River DisCO's line to Demo DisCO set to 450\.00 € in block \d+$/,
    );
    await refused(
      ["credit", "line", FED, "River DisCO", "Demo DisCO", "600", ...RIVER, "--as-treasurer"],
      "River DisCO's members let its treasurers set lines up to 500.00 €; 600.00 € needs their vote: drop --as-treasurer to propose it.",
    );
    await refused(
      ["credit", "line", FED, "Demo DisCO", "River DisCO", "800", ...BOB],
      "Demo DisCO's members let its treasurers set lines up to 1,000.00 €; changing today's 1,500.00 € needs their vote",
    );
    expect(await ok("credit", "freeze", FED, "River DisCO", "Demo DisCO", ...RIVER, "--as-treasurer")).to.match(
      /^River DisCO's line to Demo DisCO frozen in block \d+$/,
    );
    expect(await ok("credit", FED, "--disco", "Demo DisCO")).to.contain(
      "from River DisCO: 450.00 € (frozen: it carries nothing), trust 60",
    );
    await refused(
      ["credit", "unfreeze", FED, "River DisCO", "Demo DisCO", ...RIVER, "--as-treasurer"],
      "Treasurers may freeze a line but not unfreeze it: unfreezing is the members' vote",
    );
    expect(await ok("credit", "line", FED, "Demo DisCO", "River DisCO", "1200", ...ALICE)).to.contain(
      "Extend to River DisCO a mutual-credit line of 1,200.00 € in the federation “Commons Federation”",
    );
  });

  it("limits and settle open the DisCO's proposal; a settlement over the debt is refused", async () => {
    await seededOnCli();
    expect(
      await ok("credit", "limits", FED, "Small DisCO", "--budget", "800", "--line-bound", "400", ...GUS),
    ).to.contain(
      "Let our treasurers pay up to 800.00 € in mutual credit per 30-day period (counted from 1 January 1970) and set lines up to 400.00 €",
    );
    await refused(
      ["credit", "limits", FED, "Small DisCO", "--budget", "a lot", "--line-bound", "400", ...GUS],
      "--budget and --line-bound are euros with at most two decimals",
    );
    await refused(
      ["credit", "settle", FED, "Demo DisCO", "Small DisCO", "500", ...ALICE],
      "Demo DisCO owes Small DisCO 450.00 €: it settles at most that.",
    );
    expect(await ok("credit", "settle", FED, "Demo DisCO", "Small DisCO", "100", ...ALICE)).to.contain(
      "Settle 100.00 € of our mutual-credit debt to Small DisCO in the federation “Commons Federation”",
    );
  });

  it("anyone clears the first suggestion; then none is left", async () => {
    await seededOnCli();
    await refused(
      [
        "credit",
        "clear",
        FED,
        "--cycle",
        "Demo DisCO,Small DisCO,River DisCO,Demo DisCO",
        "--amount",
        "300",
        "--account",
        "5",
      ],
      /CreditOverDebt/,
    );
    await refused(["credit", "clear", FED, "--amount", "10", "--account", "5"], "--amount goes with --cycle");
    expect(await ok("credit", "clear", FED, "--account", "5")).to.match(
      /^Cleared 200\.00 € off each debt of (\w+ DisCO -> ){3}\w+ DisCO in block \d+$/,
    );
    expect(await ok("credit", "cycles", FED)).to.equal("0 clearing suggestions:");
    await refused(["credit", "clear", FED, "--account", "5"], `No cycle of debts to clear in "${FED}".`);
  });
});

describe("npm run cli -- federation found: the credit network's settings", function () {
  this.timeout(180_000);

  it("passes --max-hops and --member-accounts to the factory; a max-hops the network refuses is told", async () => {
    const { federation } = await seededOnCli();
    const hash = keccak256(toHex("River Commons charter"));
    const found = [
      "federation",
      "found",
      "River Commons",
      "ipfs://river-commons",
      hash,
      ...RIVER,
      "--disco",
      "River DisCO",
    ];
    await ok(...found, "--max-hops", "6", "--member-accounts");
    const river = federation.discos["River DisCO"].deployment;
    const governor = await connection.ethers.getContractAt("DisCOGovernor", river.contracts.governor.address);
    const [created] = (await governor.queryFilter(governor.filters.ProposalCreated())).slice(-1);
    const { args } = decodeFunctionData({ abi: factoryAbi, data: created.args.calldatas[0] as `0x${string}` });
    expect(args?.[0]).to.include({ maxHops: 6, memberAccounts: true });
    await refused([...found, "--max-hops", "9"], /The call would fail when executed \(.*CreditInvalidMaxHops/);
  });
});
