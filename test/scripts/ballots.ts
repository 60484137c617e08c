import { expect } from "chai";
import { id, ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { DEMO_PEOPLE } from "@disco-ledger/sdk/demo";
import {
  ballotNonceKey,
  ballotTypedData,
  prepareBallot,
  proposalIdOf,
  relayCall,
  Support,
  toSignedBallot,
} from "@disco-ledger/sdk/governance";
import { encodeFunctionData, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { openVoting, propose, relayBallot, signBallot, toProposalCalls } from "../../scripts/lib/drive.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";

const { loadFixture, time } = connection.networkHelpers;

describe("signed ballots (@disco-ledger/sdk/governance, scripts/lib/drive.ts)", () => {
  it("sign with the keyed nonce of their proposal, so two outstanding ballots of one member both count", async () => {
    const { governor, membership, signers, proposals } = await loadFixture(recordedDemo);
    const person = (name: string) => signers[DEMO_PEOPLE.find((p) => p.name === name)!.index];
    const [carla, relayer] = [person("Carla"), person("Deployer")];
    const second = await propose(
      governor,
      person("Alice"),
      toProposalCalls({
        targets: [await membership.getAddress()],
        values: [0n],
        calldatas: [
          membership.interface.encodeFunctionData("admit", [signers[12].address, Stage.Casual, 3, ZeroAddress]),
        ],
        description: "Admit a supporter",
      }),
    );
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

  it("are the same ballot, signature and all, whether viem or ethers signs them, and relay as the SDK's call", async () => {
    const { governor, signers, proposals, deployment } = await loadFixture(recordedDemo);
    const index = DEMO_PEOPLE.find((p) => p.name === "Dara")!.index;
    const dara = signers[index];
    // Hardhat's development accounts, which the ethers signers hold: the same key, held by viem.
    const account = mnemonicToAccount("test test test test test test test test test test test junk", {
      addressIndex: index,
    });
    expect(account.address).to.equal(dara.address);
    const client = publicClient(connection);
    const governorAddress = deployment.contracts.governor.address as Address;

    for (const reason of [undefined, "Only once the rota is agreed"]) {
      const vote = { proposalId: proposals.open, support: Support.Against, voter: account.address, reason };
      const { domain, ballot } = await prepareBallot(client, governorAddress, vote);
      const byViem = toSignedBallot(domain, ballot, await account.signTypedData(ballotTypedData(domain, ballot)));
      const byEthers = await signBallot(dara, governor, proposals.open, Support.Against, reason);
      expect(byViem, reason ?? "no reason").to.deep.equal(byEthers);
    }

    const { domain, ballot } = await prepareBallot(client, governorAddress, {
      proposalId: proposals.open,
      support: Support.For,
      voter: account.address,
    });
    const signed = toSignedBallot(domain, ballot, await account.signTypedData(ballotTypedData(domain, ballot)));
    const relayer = signers[DEMO_PEOPLE.find((p) => p.name === "Deployer")!.index];
    await (await relayer.sendTransaction({ to: governorAddress, data: encodeFunctionData(relayCall(signed)) })).wait();
    expect(await governor.voteOf(proposals.open, dara.address)).to.deep.equal([true, BigInt(Support.For)]);
  });

  it("name a proposal by the id the governor gives it, computed without asking it", async () => {
    const { governor, membership, signers } = await loadFixture(recordedDemo);
    const calls = toProposalCalls({
      targets: [await membership.getAddress(), await governor.getAddress()],
      values: [0n, 1n],
      calldatas: [
        membership.interface.encodeFunctionData("admit", [signers[12].address, Stage.Casual, 3, ZeroAddress]),
        "0x",
      ],
      description: "Admit a supporter — and say so in more than ASCII: ünïcödé",
    });
    const { targets, values, calldatas, description } = calls;
    expect(proposalIdOf(calls)).to.equal(await governor.hashProposal(targets, values, calldatas, id(description)));
  });
});
