import type { Contract } from "ethers";
import { parseEther, parseUnits } from "ethers";
import type { NetworkConnection, NetworkConnectionParams } from "hardhat/types/network";
import { descriptionHash, Support } from "@disco-ledger/sdk/governance";
import { batches, crowd, gasOf, sent, type Progress } from "./chain.ts";
import { benchProposals, type ProposalTargets } from "./disco.ts";

/** The peers measured beside the DisCO, in the order of the `--json` output. */
export const BASELINES = ["ozCastVote", "ozPropose", "pushPayout"] as const;
export type Baseline = (typeof BASELINES)[number];

/** Accounts per set-up transaction: well under EIP-7825's 16.8M gas cap on a transaction. */
const BATCH = 100;

/**
 * A stock OpenZeppelin Governor (Settings, CountingSimple, Votes, QuorumFraction) over an ERC20Votes token with
 * `members` holders, each holding one token and delegating to themself. It gets the same two proposals as the
 * DisCO (same targets, calldata and descriptions, so the same calldata cost), in the same order, and is measured
 * in the same situations: `ozPropose` is its second proposal, `ozCastVote` the second For vote on it (its For
 * tally already written; OpenZeppelin's per-voter receipt is always a fresh slot).
 */
export async function measureOzGovernor(
  connection: NetworkConnection,
  members: number,
  targets: ProposalTargets,
  progress: Progress,
): Promise<{ ozCastVote: number; ozPropose: number }> {
  const { ethers, networkHelpers } = connection;
  const [, alice, , carol] = await ethers.getSigners();
  const token = await ethers.deployContract("BenchVotesToken");
  const governor = await ethers.deployContract("BenchGovernor", [await token.getAddress()]);
  progress(`baseline governor: ${members} token holders`);
  const holders = [alice.address, carol.address, ...crowd("oz holder", members - 2)];
  for (const batch of batches(holders, BATCH)) await sent(token.mintDelegated(batch, parseEther("1")));

  const { spend, admission } = benchProposals(targets);
  let ozPropose = 0;
  for (const calls of [spend, admission]) {
    const proposed = await gasOf(
      (governor.connect(alice) as Contract).propose(calls.targets, calls.values, calls.calldatas, calls.description),
    );
    if (calls === admission) ozPropose = proposed;
  }
  const { targets: to, values, calldatas, description } = admission;
  const id: bigint = await governor.hashProposal(to, values, calldatas, descriptionHash(description));
  await networkHelpers.mine(Number(await governor.votingDelay()) + 1);
  await sent((governor.connect(alice) as Contract).castVote(id, Support.For));
  const ozCastVote = await gasOf((governor.connect(carol) as Contract).castVote(id, Support.For));
  return { ozCastVote, ozPropose };
}

/**
 * The in-process chain for the push payout: a 10,000-member payout takes about 100M gas, more than a block holds
 * (60M on Hardhat's chain) and far more than one transaction may use since Osaka (EIP-7825: 16,777,216). Rather
 * than extrapolate, the benchmark measures it in one call on a chain with both limits lifted, and the report
 * marks the figures that would not fit in one transaction on Ethereum.
 */
export const PUSH_CHAIN: NetworkConnectionParams = {
  override: { blockGasLimit: 2_000_000_000n, transactionGasCap: false },
};
export const TRANSACTION_GAS_CAP = 16_777_216;

/**
 * A push payout (BenchPushPayout) to `members` payees in the DisCO's currency (DemoEuro), 1,000 euros split
 * evenly: the treasurer's one call pays everybody in a loop. Measured: the second payout, when every payee already
 * holds the currency, as the DisCO's `claim1` is.
 */
export async function measurePushPayout(connection: NetworkConnection, members: number, progress: Progress) {
  const { ethers } = connection;
  const [, , bob] = await ethers.getSigners();
  const amount = parseUnits("1000", 6);
  const token = await ethers.deployContract("DemoEuro");
  const payout = (await ethers.deployContract("BenchPushPayout", [await token.getAddress(), bob.address])).connect(
    bob,
  ) as Contract;
  progress(`push payout: ${members} payees`);
  for (const batch of batches(crowd("payee", members), BATCH)) {
    await sent(
      payout.addRecipients(
        batch,
        batch.map(() => 1),
      ),
    );
  }
  await sent(token.connect(bob).faucet(2n * amount));
  await sent(token.connect(bob).transfer(await payout.getAddress(), 2n * amount));
  await sent(payout.distribute(amount));
  return gasOf(payout.distribute(amount));
}
