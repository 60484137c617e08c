import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import { ballotNonceKey, openVoting, propose, relayBallot, signBallot, Support } from "@disco-ledger/sdk/governance";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";

const { loadFixture, time } = connection.networkHelpers;

describe("signed ballots (scripts/lib/governance.ts)", () => {
  it("sign with the keyed nonce of their proposal, so two outstanding ballots of one member both count", async () => {
    const { governor, membership, signers, proposals } = await loadFixture(recordedDemo);
    const person = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index];
    const [carla, relayer] = [person("Carla"), person("Deployer")];
    const second = await propose(governor, person("Alice"), {
      targets: [await membership.getAddress()],
      values: [0n],
      calldatas: [
        membership.interface.encodeFunctionData("admit", [signers[12].address, Stage.Casual, 3, ZeroAddress]),
      ],
      description: "Admit a supporter",
    });
    await openVoting(governor, time, second);

    // Both signed before either is relayed: with one shared nonce, the first relayed would void the other.
    const ballots = [
      await signBallot(carla, governor, proposals.open, Support.For),
      await signBallot(carla, governor, second, Support.Against, "Not before we meet them"),
    ];
    for (const [ballot, id] of [
      [ballots[0], proposals.open],
      [ballots[1], second],
    ] as const) {
      expect(BigInt(ballot.nonce)).to.equal(ballotNonceKey(id) << 64n);
      expect(ballotNonceKey(id)).to.equal(id & ((1n << 192n) - 1n));
    }
    for (const ballot of [...ballots].reverse()) await (await relayBallot(governor, relayer, ballot)).wait();
    expect(await governor.voteOf(proposals.open, carla.address)).to.deep.equal([true, BigInt(Support.For)]);
    expect(await governor.voteOf(second, carla.address)).to.deep.equal([true, BigInt(Support.Against)]);
    // Each key's sequence moved on once; the plain nonce was never used.
    expect(await governor["nonces(address,uint192)"](carla.address, ballotNonceKey(second))).to.equal(
      (ballotNonceKey(second) << 64n) + 1n,
    );
    expect(await governor["nonces(address)"](carla.address)).to.equal(0n);
    // A ballot relayed twice is refused: its keyed nonce is spent.
    await expect(relayBallot(governor, relayer, ballots[1]))
      .to.be.revertedWithCustomError(governor, "GovernorInvalidSignature")
      .withArgs(carla.address);
  });
});
