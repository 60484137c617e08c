import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { id, keccak256 } from "ethers";
import { renderReport } from "@disco-ledger/sdk/audit";
import { AUDITOR_ROLE } from "@disco-ledger/sdk/history";
import { audit, providerKeeping, run } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";
import type { ChainProvider } from "../../scripts/cli/network.ts";

const { ethers, networkHelpers } = connection;

/** The demo, and Hana (#8) named auditor by the timelock (impersonated: the vote that would do it is not the point). */
async function demoWithAuditor() {
  const demo = await recordedDemo();
  const timelock = await demo.timelock.getAddress();
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, ethers.parseEther("1"));
  const admin = await ethers.getSigner(timelock);
  const auditor = demo.signers[8];
  await (await demo.audit.connect(admin).grantRole(AUDITOR_ROLE, auditor.address)).wait();
  return { ...demo, auditor };
}

const URI = "ipfs://bafy-report-period-1";

describe("audit --attest", () => {
  it("records a closed period's books hash through the registry, and the next report lists the attestation", async () => {
    const demo = await networkHelpers.loadFixture(demoWithAuditor);
    // Counted, not assumed: the seeded demo may carry attestations of its own.
    const earlier = Number(await demo.audit.attestationCount(1));
    const result = await run(demo, ["--attest", "1", "--uri", URI, "--account", "8"]);
    expect(result.errors).to.equal("");
    expect(result.status).to.equal(0);
    const books = readFileSync(join(result.out, "period-1.json"));
    const hash = keccak256(books);
    const [, txHash] = /Attesting period 1's books 0x[0-9a-f]{64}: tx (0x[0-9a-f]{64})/.exec(result.text)!;
    expect(result.text).to.contain(`Attesting period 1's books ${hash}`);

    const receipt = await ethers.provider.getTransactionReceipt(txHash);
    expect(receipt?.status).to.equal(1);
    const onChain = await demo.audit.attestationOf(1, earlier);
    expect([onChain.auditor, onChain.reportHash, onChain.uri]).to.deep.equal([demo.auditor.address, hash, URI]);

    // The next audit finds it in the logs, reconciles it with the registry, and sees it attests these very books.
    const report = await audit(demo.deployment);
    expect(report.summary.ok).to.equal(true);
    const [period1] = report.periods;
    const lines = period1.attestations.map((a) => [a.auditor, a.reportHash, a.uri, a.matches, a.txHash]);
    expect(lines.slice(earlier)).to.deep.equal([[demo.auditor.address, hash, URI, true, txHash]]);
    // The seeded demo's own attestations of period 1 attest these same books.
    expect(lines.slice(0, earlier).map(([, reportHash, , matches]) => [reportHash, matches])).to.deep.equal(
      Array.from({ length: earlier }, () => [hash, true]),
    );
    const reconciled = report.reconciliation.checks.find((c) => c.what === `attestation ${earlier + 1} of period 1`)!;
    expect(reconciled.matched).to.equal(true);
    expect(renderReport(report)).to.contain(
      `attested by ${demo.auditor.address}: ${hash} (${URI}), matches these books`,
    );
    expect(report.periods[1].attestations).to.deep.equal([]);
  });

  it("says when an attestation does not match the books rebuilt now", async () => {
    const demo = await networkHelpers.loadFixture(demoWithAuditor);
    const other = id("an older report");
    await (await demo.audit.connect(demo.auditor).attest(2, other, "")).wait();
    const report = await audit(demo.deployment);
    const last = report.periods[1].attestations.at(-1)!;
    expect([last.reportHash, last.matches]).to.deep.equal([other, false]);
    expect(renderReport(report)).to.contain(`${other}, DIFFERS from these books`);
  });

  it("gives no verdict, status 2, when the chain goes out of reach while it attests", async () => {
    const demo = await networkHelpers.loadFixture(demoWithAuditor);
    const before = await demo.audit.attestationCount(1);
    const { provider } = connection;
    // The books are read and judged; sending the attestation meets a chain that no longer answers.
    const sending = new Set(["eth_sendTransaction", "eth_sendRawTransaction", "eth_estimateGas"]);
    const request = async (args: { method: string; params?: unknown[] | object }) => {
      if (sending.has(args.method)) throw new Error("fetch failed: connect ECONNREFUSED 127.0.0.1:8545");
      return provider.request(args);
    };
    const result = await run(demo, ["--attest", "1", "--account", "8"], { provider: { request } as ChainProvider });
    expect(result.status).to.equal(2);
    expect(result.errors)
      .to.match(/^audit: /)
      .and.not.match(/Not attesting/);
    expect(await demo.audit.attestationCount(1)).to.equal(before);
  });

  it("refuses an account without AUDITOR_ROLE, an open or not yet final period, and a report with a mismatch, status 1", async () => {
    const demo = await networkHelpers.loadFixture(demoWithAuditor);
    const counts = () => Promise.all([1, 2, 3].map((p) => demo.audit.attestationCount(p)));
    const before = await counts();
    const notAuditor = await run(demo, ["--attest", "1", "--account", "7"]);
    expect(notAuditor.status).to.equal(1);
    expect(notAuditor.errors).to.contain(`${demo.signers[7].address} does not hold AUDITOR_ROLE`);

    const open = await run(demo, ["--attest", "3", "--account", "8"]);
    expect(open.status).to.equal(1);
    expect(open.errors).to.contain("only a closed period's books can be attested");

    // Closed but within its review window: its books may still change, so they are not attested yet.
    await (await demo.ledger.connect(demo.signers[2]).closePeriod()).wait();
    const { finalAt } = await demo.ledger.periodInfo(3);
    const early = await run(demo, ["--attest", "3", "--account", "8"]);
    expect(early.status).to.equal(1);
    expect(early.errors).to.contain(
      `Not attesting period 3: its review window ends at ${new Date(Number(finalAt) * 1000).toISOString()}`,
    );

    const claimed = id("PayoutClaimed(address,uint32,uint256)");
    const { provider } = providerKeeping((log) => log.topics[0] !== claimed);
    const tampered = await run(demo, ["--attest", "1", "--account", "8"], { provider });
    expect(tampered.status).to.equal(1);
    expect(tampered.errors).to.match(/Not attesting period 1: the reconciliation found [1-9]\d* mismatches/);

    expect(await counts()).to.deep.equal(before);

    // Once final, the same period's books are attested.
    await networkHelpers.time.increaseTo(finalAt);
    const final = await run(demo, ["--attest", "3", "--account", "8"]);
    expect(final.errors).to.equal("");
    expect(await demo.audit.attestationCount(3)).to.equal(before[2] + 1n);
  });
});
