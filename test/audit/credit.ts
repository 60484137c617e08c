import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import type { Signer } from "ethers";
import { encodeEventTopics, pad, zeroHash, type Hex } from "viem";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import { buildFederation, checkInPeriods } from "../../scripts/lib/bench/federation.ts";
import type { MutualCredit } from "../../types/ethers-contracts/index.js";
import { providerKeeping, run } from "../helpers/audit.ts";
import { connection } from "../helpers/disco.ts";

const { ethers, networkHelpers } = connection;
/** The federation's name, as buildFederation gives it, and its DisCOs'. */
const NAME = "Federation of 3";
const [DEMO, SMALL, RIVER] = ["Federated 3.0", "Federated 3.1", "Federated 3.2"];
/** A euro of credit, in credit cents. */
const EURO = 100n;

/**
 * The credit network of a federation of three factory-made DisCOs, each acting by its timelock: the first two extend
 * each other lines of 1,000 €, the last two 500 €; the first sets its treasurers' budget (300 €) and line bound
 * (800 €); the first pays the second 120 € for invoice "INV-1", and the third pays the first 30 € through the second
 * for "HOST-7".
 */
async function creditNetwork() {
  const built = await buildFederation(connection, 3, false);
  const onChain = await checkInPeriods(connection, built, { periods: 0, paid: () => 0n });
  const credit = (await ethers.getContractAt("MutualCredit", built.credit)) as unknown as MutualCredit;
  const [demo, small, river] = built.discos;
  const line = async (giver: { id: string; timelock: Signer }, receiver: string, limit: bigint) =>
    (await credit.connect(giver.timelock).setCreditLine(giver.id, receiver, limit)).wait();
  await line(demo, small.id, 1_000n * EURO);
  await line(small, demo.id, 1_000n * EURO);
  await line(small, river.id, 500n * EURO);
  await line(river, small.id, 500n * EURO);
  await (await credit.connect(demo.timelock).setTreasurerLimits(demo.id, 300n * EURO, 800n * EURO)).wait();
  const pay = async (payer: { id: string; timelock: Signer }, path: string[], euros: bigint, ref: string) => {
    const receipt = await (
      await credit.connect(payer.timelock).pay(payer.id, path[path.length - 1], path, euros * EURO, ref)
    ).wait();
    return receipt?.blockNumber as number;
  };
  await pay(demo, [demo.id, small.id], 120n, encodePaymentReference("INV-1"));
  await pay(river, [river.id, small.id, demo.id], 30n, encodePaymentReference("HOST-7"));
  return { ...built, ...onChain, credit, pay };
}

type Fixture = Awaited<ReturnType<typeof creditNetwork>>;

/** `npm run audit -- --credit <NAME> ...argv` on the fixture's chain. */
const audit = (fed: Fixture, argv: string[] = [], env = {}) =>
  run({ deployment: fed.found[0] }, ["--credit", NAME, ...argv], { chain: fed.chain, ...env });

describe("npm run audit -- --credit", function () {
  it("reconciles the network with the contract for every pair of its DisCOs and shows each payment's reference", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const { status, text, errors } = await audit(fed);
    expect(errors).to.equal("");
    expect(text).to.include(
      `Credit network of "${NAME}" at ${await fed.credit.getAddress()}: payments of up to 4 hops`,
    );
    // Three DisCOs: three pairs' balances, each pair's lines both ways, three DisCOs' treasurers' limits.
    expect(text).to.match(
      /Reconciled with the contract at block \d+: 12 figures \(balances, lines, treasurers' limits\), 12 match/,
    );
    expect(text).not.to.include("sum");
    expect(text).to.match(new RegExp(`${DEMO} paid ${SMALL} 120.00 € \\(1 hop, block \\d+\\), reference "INV-1"`));
    expect(text).to.match(new RegExp(`${RIVER} paid ${DEMO} 30.00 € \\(2 hops, block \\d+\\), reference "HOST-7"`));
    expect(text).to.include("Findings: none");
    expect(text).to.include("0 differences, 0 findings.");
    expect(status).to.equal(0);
  });

  it("flags a payment with no reference and an invoice paid twice between the same DisCOs", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const [demo, small, river] = fed.discos;
    const again = await fed.pay(demo, [demo.id, small.id], 120n, encodePaymentReference("INV-1"));
    const bare = await fed.pay(small, [small.id, river.id], 45n, zeroHash);
    // The same words between other DisCOs are another invoice: not a repeat.
    await fed.pay(small, [small.id, demo.id], 10n, encodePaymentReference("INV-1"));
    const { status, text, out } = await audit(fed, ["--json"]);
    expect(status).to.equal(1);
    const report = JSON.parse(text);
    expect(
      JSON.parse(readFileSync(join(out, `credit-${report.network.address.toLowerCase()}.json`), "utf8")),
    ).to.deep.equal(report);
    expect(report.reconciliation.differences).to.equal(0);
    expect(
      report.references.unreferenced.map((p: { payerName: string; payeeName: string; blockNumber: number }) => [
        p.payerName,
        p.payeeName,
        p.blockNumber,
      ]),
    ).to.deep.equal([[SMALL, RIVER, bare]]);
    expect(report.references.repeated).to.have.length(1);
    const [twice] = report.references.repeated;
    expect([twice.payer, twice.payee, twice.payments.map((p: { amount: string }) => p.amount)]).to.deep.equal([
      demo.id,
      small.id,
      ["12000", "12000"],
    ]);
    const text2 = (await audit(fed)).text;
    expect(text2).to.include(`payment of 45.00 € by ${SMALL} to ${RIVER} in block ${bare} names no reference`);
    expect(text2).to.match(
      new RegExp(
        `reference "INV-1" paid 2 times by ${DEMO} to ${SMALL}: 120.00 € in block \\d+, 120.00 € in block ${again}`,
      ),
    );
    expect(text2).to.include("0 differences, 2 findings.");
  });

  it("finds a repeat hidden by a zero-width space and a reference in mixed scripts", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const [demo, small] = fed.discos;
    // "INV-1" again with a zero-width space; "ІNV-2" with a Cyrillic І.
    const hidden = await fed.pay(demo, [demo.id, small.id], 5n, encodePaymentReference("INV-1\u200B"));
    const mixed = await fed.pay(demo, [demo.id, small.id], 6n, encodePaymentReference("\u0406NV-2"));
    const { status, text } = await audit(fed);
    expect(status).to.equal(1);
    expect(text).to.match(
      new RegExp(
        `reference "INV-1" paid 2 times by ${DEMO} to ${SMALL}: 120.00 € in block \\d+, 5.00 € in block ${hidden}`,
      ),
    );
    expect(text).to.include(
      `payment of 6.00 € by ${DEMO} to ${SMALL} in block ${mixed} names a reference mixing Latin with Cyrillic or Greek letters`,
    );
    expect(text).to.include("0 differences, 2 findings.");
  });

  it("shows with --disco that DisCO's flows, net position, lines and balances", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const { text } = await audit(fed, ["--disco", DEMO]);
    const lines = text.split("\n");
    const at = lines.findIndex((line) => line.startsWith(`${DEMO}: net position`));
    // It paid 120 and was paid 30: it owes Small DisCO 90.
    expect(
      lines.slice(at, at + 7).map((line) => line.replace(/\d{4}-\d\d-\d\d/, "DATE").replace(/block \d+/, "block N")),
    ).to.deep.equal([
      `${DEMO}: net position -90.00 € (it owes more than it is owed)`,
      `  lines it extends: ${SMALL} 1,000.00 €`,
      `  lines extended to it: ${SMALL} 1,000.00 €`,
      `  balances: it owes ${SMALL} 90.00 €`,
      "  credit flows (2):",
      `    DATE  out  payment to ${SMALL} 120.00 €, reference "INV-1"  (block N)`,
      `    DATE  in   payment from ${RIVER} 30.00 €, reference "HOST-7"  (block N)`,
    ]);
    // Small DisCO pays the 90 back: the two are even.
    const [demo, small] = fed.discos;
    await fed.pay(small, [small.id, demo.id], 90n, encodePaymentReference("INV-D-1"));
    expect((await audit(fed, ["--disco", DEMO])).text).to.include(`  balances: ${SMALL}: even\n`);
  });

  it("finds the balances that differ from the contract's when the logs it is served lost a payment", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const hosting = encodePaymentReference("HOST-7");
    const { provider } = providerKeeping((log) => log.topics[3]?.toLowerCase() !== hosting);
    const { status, text } = await audit(fed, [], { provider });
    expect(status).to.equal(1);
    expect(text).to.match(/12 figures \(balances, lines, treasurers' limits\), 10 match/);
    // Without River's payment, River owes Small DisCO nothing (not 30), and Demo DisCO owes Small 120 (not 90).
    expect(text).to.match(
      new RegExp(
        `DIFFERS balance of (${SMALL} toward ${RIVER}: 0.00 € in the logs, 30.00 €|${RIVER} toward ${SMALL}: 0.00 € in the logs, -30.00 €) on chain`,
      ),
    );
    expect(text).to.match(
      new RegExp(
        `DIFFERS balance of (${DEMO} toward ${SMALL}: -120.00 € in the logs, -90.00 €|${SMALL} toward ${DEMO}: 120.00 € in the logs, 90.00 €) on chain`,
      ),
    );
    expect(text).to.include("2 differences, 0 findings.");
  });

  it("finds a line and a payment the logs it is served lost between DisCOs the credit logs never pair", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const [demo, , river] = fed.discos;
    // River extends Demo a line and Demo pays River along it: the first business between the two.
    await (await fed.credit.connect(river.timelock).setCreditLine(river.id, demo.id, 200n * EURO)).wait();
    await fed.pay(demo, [demo.id, river.id], 50n, encodePaymentReference("INV-R-9"));
    const topic = (address: string) => pad(address.toLowerCase() as Hex, { size: 32 });
    const [lineSet] = encodeEventTopics({ abi: creditAbi, eventName: "CreditLineSet" });
    const [paid] = encodeEventTopics({ abi: creditAbi, eventName: "CreditPaid" });
    const dropped = (log: { topics: readonly string[] }) =>
      (log.topics[0] === lineSet && log.topics[1] === topic(river.id) && log.topics[2] === topic(demo.id)) ||
      (log.topics[0] === paid && log.topics[1] === topic(demo.id) && log.topics[2] === topic(river.id));
    const { provider } = providerKeeping((log) => !dropped(log));
    const { status, text } = await audit(fed, [], { provider });
    expect(status).to.equal(1);
    expect(text).to.match(/12 figures \(balances, lines, treasurers' limits\), 10 match/);
    expect(text).to.include(`DIFFERS line ${RIVER} extends to ${DEMO}: 0.00 € in the logs, 200.00 € on chain`);
    expect(text).to.match(
      new RegExp(
        `DIFFERS balance of (${DEMO} toward ${RIVER}: 0.00 € in the logs, -50.00 €|${RIVER} toward ${DEMO}: 0.00 € in the logs, 50.00 €) on chain`,
      ),
    );
    expect(text).to.include("2 differences, 0 findings.");
  });

  it("refuses --credit beside another audit, and names the federations there are", async () => {
    const fed = await networkHelpers.loadFixture(creditNetwork);
    const both = await run({ deployment: fed.found[0] }, ["--credit", NAME, "--federation", NAME]);
    expect(both.status).to.equal(2);
    expect(both.errors).to.include("--credit and --federation are two audits: run one at a time");
    const unknown = await run({ deployment: fed.found[0] }, ["--credit", "Nowhere"], { chain: fed.chain });
    expect(unknown.status).to.equal(2);
    expect(unknown.errors).to.include(`No federation "Nowhere" on this chain. Its factory founded: "${NAME}" (`);
  });
});
