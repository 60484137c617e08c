import { expect } from "chai";
import { id as keccakId } from "ethers";
import { connection, deployDisCO, deployWithAdmin } from "../helpers/disco.ts";
import { closePeriod } from "../helpers/treasury.ts";
import { enact, PROPOSAL_KINDS, Support, type ProposalCalls } from "../../scripts/lib/governance.ts";

/*
 * The audit registry as production deploys it (the Ignition module, through the fixture): who may attest and who
 * sets the wage ratio cap, and the bylaw votes that change both. The registry's rules for every input are fuzzed in
 * AuditRegistry.t.sol.
 */

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const AUDITOR_ROLE = keccakId("AUDITOR_ROLE");
const REPORT = keccakId("the audit report of period 1");
const selector = (signature: string): string => keccakId(signature).slice(0, 10);
const BYLAW = BigInt(PROPOSAL_KINDS.indexOf("Bylaw"));

describe("AuditRegistry", function () {
  it("is deployed with Mondragon's 6:1 cap, the ledger, the timelock as its only admin and no auditors", async function () {
    const { audit, ledger, timelock, deployer, alice, bob } = await loadFixture(deployDisCO);
    expect(await audit.wageRatioCap()).to.equal(600n);
    expect(await audit.ledger()).to.equal(await ledger.getAddress());
    expect(await audit.AUDITOR_ROLE()).to.equal(AUDITOR_ROLE);
    expect(await audit.hasRole(ethers.ZeroHash, await timelock.getAddress())).to.equal(true);
    for (const account of [deployer, alice, bob]) {
      expect(await audit.hasRole(ethers.ZeroHash, account.address)).to.equal(false);
      expect(await audit.hasRole(AUDITOR_ROLE, account.address)).to.equal(false);
    }
    const capEvents = await audit.queryFilter(audit.filters.WageRatioCapSet());
    expect(capEvents.map((e) => e.args.capX100)).to.deep.equal([600n]);
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

    const appoint = await vote({
      targets: [target],
      values: [0n],
      calldatas: [audit.interface.encodeFunctionData("grantRole", [AUDITOR_ROLE, heidi.address])],
      description: "Appoint heidi as our auditor",
    });
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
    await expect(audit.connect(heidi).attest(2, REPORT, ""))
      .to.be.revertedWithCustomError(audit, "AuditPeriodNotClosed")
      .withArgs(2);
    expect(await audit.attestationCount(2)).to.equal(0n);

    const oneToOne = await vote({
      targets: [target],
      values: [0n],
      calldatas: [audit.interface.encodeFunctionData("setWageRatioCap", [100])],
      description: "Equal pay for every hour, as GT's committed members have it",
    });
    expect((await governor.proposalTally(oneToOne)).kind).to.equal(BYLAW);
    expect(await audit.wageRatioCap()).to.equal(100n);
  });

  it("refuses a cap below 1:1 from the timelock, and any cap from anyone else, keeping the cap", async function () {
    const { audit, admin, alice } = await loadFixture(deployWithAdmin);
    await expect(audit.connect(admin).setWageRatioCap(99))
      .to.be.revertedWithCustomError(audit, "AuditInvalidWageRatioCap")
      .withArgs(99);
    await expect(audit.connect(alice).setWageRatioCap(700))
      .to.be.revertedWithCustomError(audit, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, ethers.ZeroHash);
    expect(await audit.wageRatioCap()).to.equal(600n);
  });

  it("refuses an empty report and an unknown attestation by name", async function () {
    const { audit, admin, ledger, bob, heidi } = await loadFixture(deployWithAdmin);
    await (await audit.connect(admin).grantRole(AUDITOR_ROLE, heidi.address)).wait();
    await closePeriod(ledger, bob);
    await expect(audit.connect(heidi).attest(1, ethers.ZeroHash, "")).to.be.revertedWithCustomError(
      audit,
      "AuditEmptyReport",
    );
    await expect(audit.attestationOf(1, 0))
      .to.be.revertedWithCustomError(audit, "AuditUnknownAttestation")
      .withArgs(1, 0);
  });
});
