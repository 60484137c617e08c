import { expect } from "chai";
import { Signature, verifyTypedData, type Signer } from "ethers";
import DemoEuroModule from "../../ignition/modules/DemoEuro.ts";
import { connection } from "../helpers/disco.ts";
import { EURO, FAUCET_LIMIT } from "../helpers/treasury.ts";
import type { DemoEuro } from "../../types/ethers-contracts/index.js";

/*
 * The demo currency as the deploy script puts it on the local chain and testnets: through its Ignition module.
 */

const { ethers, ignition, networkHelpers } = connection;
const { ZeroAddress } = ethers;
const { loadFixture } = networkHelpers;

async function deployDemoEuro() {
  const { token } = await ignition.deploy(DemoEuroModule);
  const demoEuro: DemoEuro = await ethers.getContractAt("DemoEuro", await token.getAddress());
  const [, grace, heidi, ivan] = await ethers.getSigners();
  return { demoEuro, grace, heidi, ivan };
}

const PERMIT = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

describe("DemoEuro", function () {
  it("is the Demo Euro, dEUR, with 6 decimals and no supply until the faucet runs", async function () {
    const { demoEuro } = await loadFixture(deployDemoEuro);
    expect(await demoEuro.name()).to.equal("Demo Euro");
    expect(await demoEuro.symbol()).to.equal("dEUR");
    expect(await demoEuro.decimals()).to.equal(6n);
    expect(await demoEuro.totalSupply()).to.equal(0n);
    expect(await demoEuro.FAUCET_LIMIT()).to.equal(FAUCET_LIMIT);
  });

  describe("faucet", function () {
    it("mints the caller from one unit up to FAUCET_LIMIT per call, as often as asked", async function () {
      const { demoEuro, grace, heidi } = await loadFixture(deployDemoEuro);
      await expect(demoEuro.connect(grace).faucet(FAUCET_LIMIT))
        .to.emit(demoEuro, "Transfer")
        .withArgs(ZeroAddress, grace.address, FAUCET_LIMIT);
      await expect(demoEuro.connect(grace).faucet(1n)).to.changeTokenBalance(ethers, demoEuro, grace, 1n);
      await expect(demoEuro.connect(heidi).faucet(12n * EURO + 34n)).to.changeTokenBalances(
        ethers,
        demoEuro,
        [heidi, grace],
        [12n * EURO + 34n, 0n],
      );
      expect(await demoEuro.balanceOf(grace.address)).to.equal(FAUCET_LIMIT + 1n);
      expect(await demoEuro.totalSupply()).to.equal(FAUCET_LIMIT + 1n + 12n * EURO + 34n);
    });

    it("reverts with DemoEuroFaucetLimit(amount, limit) for nothing or more than the limit", async function () {
      const { demoEuro, grace } = await loadFixture(deployDemoEuro);
      for (const amount of [0n, FAUCET_LIMIT + 1n, 2n ** 256n - 1n]) {
        await expect(demoEuro.connect(grace).faucet(amount))
          .to.be.revertedWithCustomError(demoEuro, "DemoEuroFaucetLimit")
          .withArgs(amount, FAUCET_LIMIT);
      }
      expect(await demoEuro.totalSupply()).to.equal(0n);
    });
  });

  describe("permit", function () {
    /** The token's EIP-712 domain, written out rather than read from the token. */
    async function permitDomain(demoEuro: DemoEuro) {
      const { chainId } = await ethers.provider.getNetwork();
      return { name: "Demo Euro", version: "1", chainId, verifyingContract: await demoEuro.getAddress() };
    }

    /** The signer's EIP-2612 permit of the owner's tokens (their own unless `ownerAddress` says otherwise). */
    async function signPermit(
      demoEuro: DemoEuro,
      signer: Signer,
      spender: string,
      value: bigint,
      deadline: bigint,
      ownerAddress?: string,
    ) {
      const owner = ownerAddress ?? (await signer.getAddress());
      const nonce = await demoEuro.nonces(owner);
      const message = { owner, spender, value, nonce, deadline };
      return Signature.from(await signer.signTypedData(await permitDomain(demoEuro), PERMIT, message));
    }

    it("lets a holder approve by signature, relayed by anyone, once", async function () {
      const { demoEuro, grace, heidi, ivan } = await loadFixture(deployDemoEuro);
      const domain = await demoEuro.eip712Domain();
      expect([domain.name, domain.version, domain.verifyingContract]).to.deep.equal([
        "Demo Euro",
        "1",
        await demoEuro.getAddress(),
      ]);
      await (await demoEuro.connect(grace).faucet(100n * EURO)).wait();
      const value = 40n * EURO;
      const deadline = BigInt(await networkHelpers.time.latest()) + 3_600n;
      const { v, r, s } = await signPermit(demoEuro, grace, heidi.address, value, deadline);
      expect(await demoEuro.nonces(grace.address)).to.equal(0n);
      await expect(demoEuro.connect(ivan).permit(grace.address, heidi.address, value, deadline, v, r, s))
        .to.emit(demoEuro, "Approval")
        .withArgs(grace.address, heidi.address, value);
      expect(await demoEuro.allowance(grace.address, heidi.address)).to.equal(value);
      expect(await demoEuro.nonces(grace.address)).to.equal(1n);
      await expect(demoEuro.connect(heidi).transferFrom(grace.address, heidi.address, value)).to.changeTokenBalances(
        ethers,
        demoEuro,
        [grace, heidi],
        [-value, value],
      );

      // The same signature again: the nonce moved on, so it recovers someone else.
      const replayed = { owner: grace.address, spender: heidi.address, value, nonce: 1n, deadline };
      const recovered = verifyTypedData(await permitDomain(demoEuro), PERMIT, replayed, { v, r, s });
      expect(recovered).to.not.equal(grace.address);
      await expect(demoEuro.connect(ivan).permit(grace.address, heidi.address, value, deadline, v, r, s))
        .to.be.revertedWithCustomError(demoEuro, "ERC2612InvalidSigner")
        .withArgs(recovered, grace.address);
    });

    it("reverts when the permit is signed by someone else or has expired", async function () {
      const { demoEuro, grace, heidi, ivan } = await loadFixture(deployDemoEuro);
      const deadline = BigInt(await networkHelpers.time.latest()) + 60n;
      // heidi signs a permit of grace's money.
      const forged = await signPermit(demoEuro, heidi, ivan.address, EURO, deadline, grace.address);
      await expect(demoEuro.permit(grace.address, ivan.address, EURO, deadline, forged.v, forged.r, forged.s))
        .to.be.revertedWithCustomError(demoEuro, "ERC2612InvalidSigner")
        .withArgs(heidi.address, grace.address);
      const late = await signPermit(demoEuro, grace, ivan.address, EURO, deadline);
      await networkHelpers.time.increase(61);
      await expect(demoEuro.permit(grace.address, ivan.address, EURO, deadline, late.v, late.r, late.s))
        .to.be.revertedWithCustomError(demoEuro, "ERC2612ExpiredSignature")
        .withArgs(deadline);
      expect(await demoEuro.allowance(grace.address, ivan.address)).to.equal(0n);
    });
  });
});
