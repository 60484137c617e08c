import { expect } from "chai";
import { id as keccakId } from "ethers";
import { AUDITOR_ROLE } from "@disco-ledger/sdk/history";
import { PROPOSAL_KINDS, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { enact, toProposalCalls } from "../../scripts/lib/drive.ts";
import { connection, deployDisCO } from "../helpers/disco.ts";
import { uninitialisedClone } from "../helpers/clones.ts";
import { closePeriod, deployWithClosedPeriods, waitUntilFinal } from "../helpers/treasury.ts";

/*
 * The audit registry on the production deployment (through the fixture), its timelock impersonated to name
 * auditors and set the cap; the audit command's own tests go through a real vote.
 */

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const selector = (signature: string): string => keccakId(signature).slice(0, 10);
const BYLAW = BigInt(PROPOSAL_KINDS.indexOf("Bylaw"));
const REPORT = keccakId("the report of period 1");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;

/** The fixture with periods 1 and 2 closed and final, and heidi named auditor by the timelock. */
async function registryWithAuditor() {
  const disco = await deployWithClosedPeriods();
  await (await disco.audit.connect(disco.admin).grantRole(AUDITOR_ROLE, disco.heidi.address)).wait();
  return disco;
}

describe("AuditRegistry", () => {
  it("is deployed with the founding cap, the ledger it audits, and the timelock alone as its admin", async () => {
    const { audit, ledger, timelockAddress, deployer } = await loadFixture(registryWithAuditor);
    expect(await audit.wageRatioCap()).to.equal(600n);
    expect(await audit.ledger()).to.equal(await ledger.getAddress());
    expect(await audit.AUDITOR_ROLE()).to.equal(AUDITOR_ROLE);
    expect(await audit.hasRole(DEFAULT_ADMIN_ROLE, timelockAddress)).to.equal(true);
    expect(await audit.hasRole(DEFAULT_ADMIN_ROLE, deployer.address)).to.equal(false);
  });

  it("records an auditor's attestations of a closed period, in order, and emits PeriodAttested", async () => {
    const { audit, heidi } = await loadFixture(registryWithAuditor);
    await expect(audit.connect(heidi).attest(1, REPORT, "ipfs://one"))
      .to.emit(audit, "PeriodAttested")
      .withArgs(1, heidi.address, REPORT, "ipfs://one");
    const corrected = keccakId("a corrected report");
    await (await audit.connect(heidi).attest(1, corrected, "")).wait();
    const block = await ethers.provider.getBlock("latest");
    expect(await audit.attestationCount(1)).to.equal(2n);
    expect(await audit.attestationCount(2)).to.equal(0n);
    const second = await audit.attestationOf(1, 1);
    expect([second.auditor, second.recordedAt, second.reportHash, second.uri]).to.deep.equal([
      heidi.address,
      BigInt(block!.timestamp),
      corrected,
      "",
    ]);
    expect((await audit.attestationOf(1, 0)).reportHash).to.equal(REPORT);
  });

  it("reverts when someone without AUDITOR_ROLE attests", async () => {
    const { audit, grace } = await loadFixture(registryWithAuditor);
    await expect(audit.connect(grace).attest(1, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AccessControlUnauthorizedAccount")
      .withArgs(grace.address, AUDITOR_ROLE);
  });

  it("reverts when the report hash is empty", async () => {
    const { audit, heidi } = await loadFixture(registryWithAuditor);
    await expect(audit.connect(heidi).attest(1, ethers.ZeroHash, "")).to.be.revertedWithCustomError(
      audit,
      "AuditEmptyReport",
    );
  });

  it("reverts when the period is open, was never opened, or is closed but still in its review window", async () => {
    const { audit, heidi, ledger, bob } = await loadFixture(registryWithAuditor);
    await expect(audit.connect(heidi).attest(3, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotFinal")
      .withArgs(3, 0);
    await expect(audit.connect(heidi).attest(9, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotFinal")
      .withArgs(9, 0);
    await closePeriod(ledger, bob);
    const { finalAt } = await ledger.periodInfo(3);
    await expect(audit.connect(heidi).attest(3, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotFinal")
      .withArgs(3, finalAt);
    await time.setNextBlockTimestamp(finalAt - 1n);
    await expect(audit.connect(heidi).attest(3, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotFinal")
      .withArgs(3, finalAt);
    await waitUntilFinal(ledger, 3);
    await expect(audit.connect(heidi).attest(3, REPORT, "")).to.emit(audit, "PeriodAttested");
  });

  it("reverts when an attestation past the period's count is asked for", async () => {
    const { audit } = await loadFixture(registryWithAuditor);
    await expect(audit.attestationOf(1, 0))
      .to.be.revertedWithCustomError(audit, "AuditUnknownAttestation")
      .withArgs(1, 0);
  });

  it("lets the timelock alone set the wage ratio cap, never below 1:1", async () => {
    const { audit, admin, heidi } = await loadFixture(registryWithAuditor);
    await expect(audit.connect(admin).setWageRatioCap(100)).to.emit(audit, "WageRatioCapSet").withArgs(100);
    expect(await audit.wageRatioCap()).to.equal(100n);
    await expect(audit.connect(admin).setWageRatioCap(99))
      .to.be.revertedWithCustomError(audit, "AuditInvalidWageRatioCap")
      .withArgs(99);
    await expect(audit.connect(heidi).setWageRatioCap(300))
      .to.be.revertedWithCustomError(audit, "AccessControlUnauthorizedAccount")
      .withArgs(heidi.address, DEFAULT_ADMIN_ROLE);
  });

  it("can't be initialised with a cap below 1:1", async () => {
    const { ledger, timelockAddress } = await loadFixture(registryWithAuditor);
    const fresh = await uninitialisedClone(ethers, "AuditRegistry", await ledger.getAddress());
    await expect(fresh.initialize(timelockAddress, 50))
      .to.be.revertedWithCustomError(fresh, "AuditInvalidWageRatioCap")
      .withArgs(50);
  });

  it("makes the roles and the wage ratio cap bylaws, so that a supermajority names auditors and sets the cap", async function () {
    const { audit, governor } = await loadFixture(deployDisCO);
    const target = await audit.getAddress();
    for (const signature of [
      "grantRole(bytes32,address)",
      "revokeRole(bytes32,address)",
      "renounceRole(bytes32,address)",
      "setWageRatioCap(uint16)",
    ]) {
      expect(await governor.isBylawFunction(target, selector(signature)), signature).to.equal(true);
    }
    expect(await governor.isBylawFunction(target, selector("attest(uint32,bytes32,string)"))).to.equal(false);
  });

  it("lets an auditor named by a bylaw vote attest a closed period, and the members change the cap by vote", async function () {
    const { audit, governor, ledger, alice, bob, carol, dave, heidi } = await loadFixture(deployDisCO);
    const target = await audit.getAddress();
    const vote = (calls: ProposalCalls) =>
      enact(governor, time, alice, calls, [
        [alice, Support.For],
        [bob, Support.For],
        [carol, Support.For],
        [dave, Support.For],
      ]);

    await closePeriod(ledger, bob);
    await expect(audit.connect(heidi).attest(1, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AccessControlUnauthorizedAccount")
      .withArgs(heidi.address, AUDITOR_ROLE);

    const appoint = await vote(
      toProposalCalls({
        targets: [target],
        values: [0n],
        calldatas: [audit.interface.encodeFunctionData("grantRole", [AUDITOR_ROLE, heidi.address])],
        description: "Appoint heidi as our auditor",
      }),
    );
    expect((await governor.proposalTally(appoint)).kind).to.equal(BYLAW);
    expect(await audit.hasRole(AUDITOR_ROLE, heidi.address)).to.equal(true);

    const tx = audit.connect(heidi).attest(1, REPORT, "ipfs://report-1");
    await expect(tx).to.emit(audit, "PeriodAttested").withArgs(1, heidi.address, REPORT, "ipfs://report-1");
    const recorded = await audit.attestationOf(1, 0);
    expect([recorded.auditor, recorded.reportHash, recorded.uri]).to.deep.equal([
      heidi.address,
      REPORT,
      "ipfs://report-1",
    ]);
    expect(recorded.recordedAt).to.equal(BigInt(await time.latest()));
    // The vote took longer than period 1's review window, so it is final; period 2 is still open.
    expect(await ledger.isFinal(1)).to.equal(true);
    await expect(audit.connect(heidi).attest(2, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotFinal")
      .withArgs(2, 0);
    expect(await audit.attestationCount(2)).to.equal(0n);

    const oneToOne = await vote(
      toProposalCalls({
        targets: [target],
        values: [0n],
        calldatas: [audit.interface.encodeFunctionData("setWageRatioCap", [100])],
        description: "Equal pay for every hour, as GT's committed members have it",
      }),
    );
    expect((await governor.proposalTally(oneToOne)).kind).to.equal(BYLAW);
    expect(await audit.wageRatioCap()).to.equal(100n);
  });
});
