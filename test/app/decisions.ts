/** Flows b and c: a member votes on the open proposal; another signs a vote that someone else relays. */
import assert from "node:assert/strict";
import { toBeHex } from "ethers";
import type { Locator, Page } from "playwright-core";
import { ballotNonceKey, PROPOSAL_STATES, Support } from "@disco-ledger/sdk/governance";
import { byTestId, eventually, found, numberIn, PEOPLE, type Ctx, type Flow } from "./harness.ts";

/** The demo's one Active proposal (read from the chain, as the page does). */
export async function activeProposal(ctx: Ctx): Promise<bigint> {
  const { governor } = ctx.contracts;
  const created = await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock);
  for (const log of created) {
    const id = log.args.proposalId;
    if (PROPOSAL_STATES[Number(await governor.state(id))] === "Active") return id;
  }
  throw new Error("The demo has no Active proposal");
}

/** A proposal's card: its data-testid carries the id in decimal (or, failing that, as 0x and 64 hex digits). */
export const proposalCard = (page: Page, id: bigint): Locator =>
  page.locator(`[data-testid="proposal-${id}"], [data-testid="proposal-${toBeHex(id, 32)}"]`).first();

/** The card's tallies match the governor's proposalVotes (binding For, Against, Abstain). */
async function talliesMatch(ctx: Ctx, card: Locator, id: bigint): Promise<bigint> {
  const [against, forVotes, abstain] = await ctx.contracts.governor.proposalVotes(id);
  await eventually(async () => {
    assert.equal(await numberIn(byTestId(card, "tally-for")), Number(forVotes), "tally-for");
    assert.equal(await numberIn(byTestId(card, "tally-against")), Number(against), "tally-against");
    assert.equal(await numberIn(byTestId(card, "tally-abstain")), Number(abstain), "tally-abstain");
  });
  return forVotes;
}

export const vote: Flow = {
  name: "vote",
  title: "Carla votes For the open proposal and its tally grows, on the page and on the governor",
  async run(ctx) {
    const { governor } = ctx.contracts;
    const carla = ctx.accounts[PEOPLE.carla];
    const id = await activeProposal(ctx);
    ctx.shared.set("proposal", id);
    assert.equal(await governor.hasVoted(id, carla), false, "Carla has not voted yet");

    const page = await ctx.open("#/decisions", { as: PEOPLE.carla });
    const card = await found(proposalCard(page, id), `the card proposal-${id}`);
    // The card names its state once the governor has answered (empty until then).
    await eventually(async () => assert.equal(await card.getAttribute("data-state"), "Active"));
    const before = await talliesMatch(ctx, card, id);

    await byTestId(card, "vote-for").click();
    await eventually(async () => assert.equal(await governor.hasVoted(id, carla), true));
    const [voted, support] = await governor.voteOf(id, carla);
    assert.ok(voted);
    assert.equal(Number(support), Support.For);
    const after = await talliesMatch(ctx, card, id);
    assert.equal(after, before + 1n, "one more binding For");
  },
};

export const relay: Flow = {
  name: "relay",
  title: "Dara signs a For vote without paying gas; the deployer relays it and the tally grows",
  async run(ctx) {
    const { governor } = ctx.contracts;
    const dara = ctx.accounts[PEOPLE.dara];
    const id = (ctx.shared.get("proposal") as bigint | undefined) ?? (await activeProposal(ctx));
    assert.equal(await governor.hasVoted(id, dara), false, "Dara has not voted yet");
    const gasBefore = await ctx.provider.getBalance(dara);

    const page = await ctx.open("#/decisions", { as: PEOPLE.dara });
    const card = await found(proposalCard(page, id), `the card proposal-${id}`);
    await byTestId(card, "sign-for").click();
    const output = await found(byTestId(page, "signed-vote"), 'the textarea data-testid="signed-vote"');
    const signed = await eventually(async () => {
      const text = await output.inputValue();
      assert.ok(text.trim().startsWith("{"), "the signed vote is JSON");
      return text;
    });
    const ballot = JSON.parse(signed) as {
      proposalId: string;
      voter: string;
      support: number;
      nonce: string;
      signature: string;
    };
    assert.equal(BigInt(ballot.proposalId), id);
    assert.equal(ballot.voter.toLowerCase(), dara.toLowerCase());
    assert.equal(Number(ballot.support), Support.For);
    assert.match(ballot.signature, /^0x[0-9a-fA-F]{130}$/);
    // Signed with the proposal's keyed nonce (GovernorNoncesKeyed): another proposal's signed ballot can't spend it.
    const keyedNonce = () => governor["nonces(address,uint192)"](dara, ballotNonceKey(id));
    const keyed = await keyedNonce();
    assert.equal(BigInt(ballot.nonce), keyed, "the ballot carries nonces(voter, uint192(proposalId))");
    assert.equal(keyed >> 64n, ballotNonceKey(id), "the nonce is keyed by the proposal");
    assert.equal(await governor.hasVoted(id, dara), false, "signing is not voting");
    const [, forBefore] = await governor.proposalVotes(id);

    const relayer = await ctx.open("#/decisions", { as: PEOPLE.deployer });
    const form = await found(byTestId(relayer, "relay"), 'the form data-testid="relay"');
    await form.locator('textarea[name="signedVote"]').fill(signed);
    await byTestId(relayer, "relay-submit").click();
    await eventually(async () => assert.equal(await governor.hasVoted(id, dara), true));
    const [, forAfter] = await governor.proposalVotes(id);
    assert.equal(forAfter, forBefore + 1n);
    assert.equal(await ctx.provider.getBalance(dara), gasBefore, "Dara paid no gas: the relayer did");
    assert.equal(await keyedNonce(), keyed + 1n, "the relayed vote used the proposal's keyed nonce");
    const relayerCard = await found(proposalCard(relayer, id), `the relayer's card proposal-${id}`);
    await eventually(async () => assert.equal(await numberIn(byTestId(relayerCard, "tally-for")), Number(forAfter)));
  },
};
