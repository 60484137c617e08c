import { expect } from "chai";
import { connection, deployDisCO, deployDisCOWith, deployWithAdmin } from "../helpers/disco.ts";
import { currencyOf, EURO, faucet, PAID_IN, payIn, PAYMENT_REF } from "../helpers/treasury.ts";
import { expectConserved } from "../helpers/capital.ts";
import { PROPOSAL_KINDS, Support } from "@disco-ledger/sdk/governance";
import { enact, toProposalCalls } from "../../scripts/lib/drive.ts";
import type { DemoEuro } from "../../types/ethers-contracts/index.js";

/*
 * ITokenRecovery on the DisCO's money contracts (treasury, capital accounts, ledger, audit registry), deployed by
 * the production module: tokens sent to them by mistake go on where the members decide (the timelock), never the
 * treasury's own currency, never to the zero address, and nobody else can move them. One recovery goes through a
 * real Standard vote; the others use the impersonated timelock.
 */

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const STRAY = 123n * EURO + 45n;
const NAMES = ["treasury", "capital", "ledger", "audit"] as const;

/** The fixture with grace's money paid into the treasury, and a second DemoEuro sent by mistake to each contract. */
async function deployWithStrayTokens() {
  const disco = await deployWithAdmin();
  await payIn(disco.treasury, disco.grace, PAID_IN, PAYMENT_REF);
  const stray = (await ethers.deployContract("DemoEuro")) as unknown as DemoEuro;
  await faucet(stray, disco.heidi, 4n * STRAY);
  for (const name of NAMES) await (await stray.connect(disco.heidi).transfer(disco[name].target, STRAY)).wait();
  const token = await currencyOf(disco.treasury);
  return { ...disco, stray, token };
}

describe("Token recovery (ITokenRecovery)", function () {
  for (const name of NAMES) {
    describe(name, function () {
      it("sends a token sent here by mistake where the timelock says, with TokensRecovered", async function () {
        const disco = await loadFixture(deployWithStrayTokens);
        const { admin, stray, heidi, treasury, capital, token } = disco;
        const contract = disco[name];
        const tx = contract.connect(admin).recoverTokens(stray.target, heidi.address, STRAY - 45n);
        await expect(tx)
          .to.emit(contract, "TokensRecovered")
          .withArgs(stray.target, heidi.address, STRAY - 45n);
        await expect(tx).to.changeTokenBalances(ethers, stray, [contract, heidi], [-(STRAY - 45n), STRAY - 45n]);
        await expect(contract.connect(admin).recoverTokens(stray.target, heidi.address, 45n)).to.changeTokenBalances(
          ethers,
          stray,
          [contract, heidi],
          [-45n, 45n],
        );
        expect(await stray.balanceOf(contract.target)).to.equal(0n);
        // The DisCO's own books never moved.
        await expectConserved(treasury, capital, token, name);
        expect(await treasury.unallocated()).to.equal(PAID_IN);
      });

      it("refuses anyone but the timelock: members, the treasurer, the governor", async function () {
        const disco = await loadFixture(deployWithStrayTokens);
        const { stray, alice, bob, heidi, governor } = disco;
        const contract = disco[name];
        const governorSigner = await ethers.getImpersonatedSigner(governor.target as string);
        await networkHelpers.setBalance(governor.target as string, ethers.parseEther("1"));
        for (const caller of [alice, bob, heidi, governorSigner]) {
          await expect(contract.connect(caller).recoverTokens(stray.target, caller.address, 1n))
            .to.be.revertedWithCustomError(contract, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, DEFAULT_ADMIN_ROLE);
        }
        expect(await stray.balanceOf(contract.target)).to.equal(STRAY);
      });

      it("reverts with RecoveryInvalidRecipient for the zero address", async function () {
        const disco = await loadFixture(deployWithStrayTokens);
        const { admin, stray } = disco;
        const contract = disco[name];
        await expect(contract.connect(admin).recoverTokens(stray.target, ethers.ZeroAddress, 1n))
          .to.be.revertedWithCustomError(contract, "RecoveryInvalidRecipient")
          .withArgs(ethers.ZeroAddress);
        expect(await stray.balanceOf(contract.target)).to.equal(STRAY);
      });
    });
  }

  it("never lets the treasury's currency out by recovery, even sent without payIn: it is spent by vote", async function () {
    const { treasury, capital, token, admin, grace, ivan } = await loadFixture(deployWithStrayTokens);
    await faucet(token, grace, 100n * EURO);
    await (await token.connect(grace).transfer(treasury.target, 100n * EURO)).wait();
    expect(await treasury.unallocated()).to.equal(PAID_IN + 100n * EURO);
    for (const amount of [1n, 100n * EURO]) {
      await expect(treasury.connect(admin).recoverTokens(token.target, ivan.address, amount))
        .to.be.revertedWithCustomError(treasury, "RecoveryProtectedToken")
        .withArgs(token.target);
    }
    // Money owed to members or held for capital is no more recoverable than the free part.
    await expectConserved(treasury, capital, token, "after refusals");
    await expect(treasury.connect(admin).spend(ivan.address, 100n * EURO, "returned to the sender")).to.emit(
      treasury,
      "Spent",
    );
  });

  it("lets the capital accounts send on the currency sent to them by mistake: the treasury keeps the money", async function () {
    const { treasury, capital, token, admin, grace } = await loadFixture(deployWithStrayTokens);
    await faucet(token, grace, 10n * EURO);
    await (await token.connect(grace).transfer(capital.target, 10n * EURO)).wait();
    await expect(capital.connect(admin).recoverTokens(token.target, grace.address, 10n * EURO)).to.changeTokenBalances(
      ethers,
      token,
      [capital, grace, treasury],
      [-10n * EURO, 10n * EURO, 0n],
    );
    await expectConserved(treasury, capital, token);
  });

  it("recovers by a Standard vote of the members, executed by the timelock", async function () {
    const { capital, governor, alice, bob, carol, dave, heidi } = await loadFixture(deployDisCO);
    const stray = (await ethers.deployContract("DemoEuro")) as unknown as DemoEuro;
    await faucet(stray, heidi, STRAY);
    await (await stray.connect(heidi).transfer(capital.target, STRAY)).wait();
    const calls = toProposalCalls({
      targets: [capital.target as string],
      values: [0n],
      calldatas: [capital.interface.encodeFunctionData("recoverTokens", [stray.target, heidi.address, STRAY])],
      description: "Send heidi back the dEUR she sent the capital accounts by mistake",
    });
    expect(await governor.classify(calls.targets, calls.calldatas, calls.description)).to.equal(
      BigInt(PROPOSAL_KINDS.indexOf("Standard")),
    );
    await enact(governor, time, alice, calls, [
      [alice, Support.For],
      [bob, Support.For],
      [carol, Support.Against],
      [dave, Support.Abstain],
    ]);
    expect(await stray.balanceOf(heidi.address)).to.equal(STRAY);
    expect(await stray.balanceOf(capital.target)).to.equal(0n);
  });

  it("refuses to recover its currency through a second token address (a two-address token): judged by balance", async function () {
    const token = await ethers.deployContract("MochaTwoAddressToken");
    const legacy = await token.legacy();
    const disco = await deployDisCOWith({ currency: await token.getAddress() });
    const { treasury, capital, timelock, grace, ivan } = disco;
    await (await token.mint(grace.address, 500n * EURO)).wait();
    await (await (token.connect(grace) as typeof token).approve(treasury.target, 500n * EURO)).wait();
    await (await treasury.connect(grace).payIn(500n * EURO, PAYMENT_REF)).wait();
    const timelockAddress = await timelock.getAddress();
    await networkHelpers.impersonateAccount(timelockAddress);
    await networkHelpers.setBalance(timelockAddress, ethers.parseEther("1"));
    const admin = await ethers.getSigner(timelockAddress);
    await expect(treasury.connect(admin).recoverTokens(legacy, ivan.address, 500n * EURO))
      .to.be.revertedWithCustomError(treasury, "RecoveryProtectedToken")
      .withArgs(legacy);
    expect(await token.balanceOf(treasury.target)).to.equal(500n * EURO);
    expect(await token.balanceOf(ivan.address)).to.equal(0n);
    expect(await treasury.unallocated()).to.equal(500n * EURO - (await capital.held()));
  });
});
