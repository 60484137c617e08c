import { expect } from "chai";
import { runCli } from "./two-discos.ts";

/** Runs the CLI in-process: usage and refusals need no chain. */
const cli = (...argv: string[]) => runCli(argv);

describe("npm run cli (usage)", () => {
  it("lists every command by its first sentence, with the options each takes", async () => {
    const help = await cli("--help");
    expect(help.status).to.equal(0);
    for (const name of [
      "discos",
      "create",
      "members",
      "propose",
      "vote",
      "log",
      "entries",
      "pay-in",
      "owed",
      "close-year",
      "redeem",
    ]) {
      expect(help.out).to.match(new RegExp(`^ +${name} +\\S`, "m"));
    }
    expect((await cli()).out).to.equal(help.out);
  });

  it("shows one command's arguments, options and whole description", async () => {
    const vote = await cli("vote", "--help");
    expect(vote.status).to.equal(0);
    expect(vote.out).to.match(/USAGE npm run cli -- vote \[OPTIONS\] <PROPOSALID> <SUPPORT>/);
    expect(vote.out).to.match(/--network=<name>.*Default: localhost/);
    expect(vote.out).to.match(/--account=<n>/);
    expect(vote.out).to.match(/--disco=<name\|address>/);
    expect(vote.out).to.contain("a member without ETH can still vote, and block.");
  });

  it("refuses a command line written wrong with the reason and the usage, status 2", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["bogus"], /Unknown command "bogus"/],
      [["vote", "1", "for", "--bogus"], /^Unknown option '--bogus'\n\n.*vote/s],
      [["approve", "1", "2"], /^Unexpected argument '2'/],
      [["vote", "1"], /Missing required positional argument: SUPPORT/],
      [["log", "care", "1"], /Missing required argument: --note/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(...argv);
      expect(result.status, argv.join(" ")).to.equal(2);
      expect(result.err, argv.join(" ")).to.match(message);
    }
  });

  it("names a network it has no deployment for, status 1", async () => {
    const result = await cli("members", "--network", "nowhere");
    expect(result.status).to.equal(1);
    expect(result.err).to.match(/No deployment for network "nowhere"/);
  });
});
