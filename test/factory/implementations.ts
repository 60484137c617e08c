import { expect } from "chai";
import type { BaseContract } from "ethers";
import { DEFAULT_CAPITAL_SETTINGS, DEFAULT_LEDGER_SETTINGS } from "../../ignition/modules/DisCO.ts";
import { connection, selector, SETTINGS, Stage, TIMELOCK_DELAY } from "../helpers/disco.ts";
import { deployClone, ledgerSettings, type GovernedContracts } from "../helpers/clones.ts";

/*
 * Every DisCO contract is an implementation that clones run: its constructor locks its initialisers, and a clone's
 * `initialize` runs once. The implementations here are fresh ones, the clones test/helpers/clones.ts's.
 */

const { ethers, networkHelpers } = connection;
const { ZeroAddress } = ethers;

/** One clone of each contract, initialised, with admin as every contract's admin and alice the one founder. */
async function deployClones() {
  const [, admin, alice] = await ethers.getSigners();
  const founders = [{ account: alice.address, stage: Stage.Committed, constituency: 0, mentor: ZeroAddress }];
  const membership = await deployClone(ethers, "Membership", ["M", "M", admin.address, ["worker"], founders]);
  const membershipAddress = await membership.getAddress();
  const ledger = await deployClone(ethers, "ValueLedger", [
    membershipAddress,
    admin.address,
    [],
    DEFAULT_LEDGER_SETTINGS,
  ]);
  const ledgerAddress = await ledger.getAddress();
  const currency = await (await ethers.deployContract("DemoEuro")).getAddress();
  const treasury = await deployClone(ethers, "Treasury", [
    currency,
    ledgerAddress,
    admin.address,
    [],
    [7_500, 2_500, 0],
    DEFAULT_CAPITAL_SETTINGS,
  ]);
  const capital = await ethers.getContractAt("CapitalAccounts", await treasury.capital());
  const audit = await deployClone(ethers, "AuditRegistry", [ledgerAddress, admin.address, 600]);
  const timelock = await deployClone(ethers, "DisCOTimelock", [TIMELOCK_DELAY, [], [], admin.address]);
  const timelockAddress = await timelock.getAddress();
  const governed: GovernedContracts = [
    membershipAddress,
    ledgerAddress,
    await treasury.getAddress(),
    await capital.getAddress(),
    await audit.getAddress(),
  ];
  const governor = await deployClone(ethers, "DisCOGovernor", [governed, timelockAddress, SETTINGS]);
  return {
    admin,
    founders,
    currency,
    membership,
    ledger,
    treasury,
    capital,
    audit,
    timelock,
    governor,
    governed,
    membershipAddress,
    ledgerAddress,
    timelockAddress,
  };
}

/** `initialize`, with arguments it would take on a new clone, reverts InvalidInitialization on both contracts. */
async function expectLocked<C extends BaseContract>(
  implementation: C,
  clone: C,
  initialize: (contract: C) => Promise<unknown>,
) {
  await expect(initialize(implementation)).to.be.revertedWithCustomError(implementation, "InvalidInitialization");
  await expect(initialize(clone)).to.be.revertedWithCustomError(clone, "InvalidInitialization");
}

describe("DisCO implementations", function () {
  it("Membership: the implementation can't be initialised, nor a clone twice", async function () {
    const { membership, admin, founders } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("Membership"), membership, (m) =>
      m.initialize("M", "M", admin.address, ["worker"], founders),
    );
  });

  it("ValueLedger: the implementation can't be initialised, nor a clone twice", async function () {
    const { ledger, admin } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("ValueLedger"), ledger, (l) =>
      l.initialize(admin.address, [], ledgerSettings(DEFAULT_LEDGER_SETTINGS)),
    );
  });

  it("Treasury: the implementation can't be initialised, nor a clone twice", async function () {
    const { treasury, capital, admin } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("Treasury"), treasury, (t) =>
      t.initialize(admin.address, [], [7_500, 2_500, 0], capital),
    );
  });

  it("CapitalAccounts: the implementation can't be initialised, nor a clone twice", async function () {
    const { capital, admin } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("CapitalAccounts"), capital, (c) =>
      c.initialize(admin.address, DEFAULT_CAPITAL_SETTINGS),
    );
  });

  it("AuditRegistry: the implementation can't be initialised, nor a clone twice", async function () {
    const { audit, admin } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("AuditRegistry"), audit, (a) => a.initialize(admin.address, 600));
  });

  it("DisCOGovernor: the implementation can't be initialised, nor a clone twice", async function () {
    const { governor, timelockAddress } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("DisCOGovernor"), governor, (g) =>
      g.initialize(timelockAddress, SETTINGS),
    );
  });

  it("DisCOTimelock: the implementation can't be initialised, nor a clone twice", async function () {
    const { timelock, admin } = await networkHelpers.loadFixture(deployClones);
    await expectLocked(await ethers.deployContract("DisCOTimelock"), timelock, (t) =>
      t.initialize(TIMELOCK_DELAY, [], [], admin.address),
    );
  });

  it("reads each clone's arguments back: the addresses its contract once kept as immutables", async function () {
    const {
      membership,
      ledger,
      treasury,
      capital,
      audit,
      governor,
      governed,
      currency,
      membershipAddress,
      ledgerAddress,
    } = await networkHelpers.loadFixture(deployClones);
    expect(await ledger.membership()).to.equal(membershipAddress);
    expect([await treasury.currency(), await treasury.ledger()]).to.deep.equal([currency, ledgerAddress]);
    expect([await capital.treasury(), await capital.currency(), await capital.ledger()]).to.deep.equal([
      await treasury.getAddress(),
      currency,
      ledgerAddress,
    ]);
    expect(await audit.ledger()).to.equal(ledgerAddress);
    expect(await governor.token()).to.equal(membershipAddress);
    // The governor's other arguments are the contracts of its default bylaw table, each answered by its address.
    const grantRole = selector("grantRole(bytes32,address)");
    for (const target of governed) expect(await governor.isBylawFunction(target, grantRole), target).to.equal(true);
    expect(await membership.name()).to.equal("M");
  });

  it("signs the governor's ballots in a domain named DisCO Governor whose verifying contract is the clone", async function () {
    const { governor } = await networkHelpers.loadFixture(deployClones);
    const domain = await governor.eip712Domain();
    expect([domain.name, domain.verifyingContract]).to.deep.equal(["DisCO Governor", await governor.getAddress()]);
  });
});
