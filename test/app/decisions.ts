/**
 * Flows b and c: a member votes on the open proposal; another signs a vote that someone else relays. And a rule
 * changed by its name, in its units.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { toBeHex } from "ethers";
import type { Locator, Page } from "playwright-core";
import { ballotNonceKey, PROPOSAL_STATES, Support } from "@disco-ledger/sdk/governance";
import { byTestId, eventually, found, numberIn, PEOPLE, type Ctx, type Flow } from "./harness.ts";
import { screenshotsDir } from "./pages.ts";

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

export const rule: Flow = {
  name: "rule",
  title:
    "Alice changes a rule by its name: the review window, now 3 days, typed as 2 days; a [consent] tag that is not her choice is refused; the proposal shows as #N with its sentence",
  async run(ctx) {
    const { governor } = ctx.contracts;
    const created = () => governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock);
    const before = (await created()).length;
    const page = await ctx.open("#/decisions", { as: PEOPLE.alice });
    const form = await found(byTestId(page, "new-proposal"), 'the form data-testid="new-proposal"');
    await form.locator('select[name="action"]').selectOption("parameter");
    await form.locator('select[name="setting"]').selectOption("ledger.setReviewWindow");
    const about = await found(byTestId(form, "setting-about"), "what the setting does");
    assert.match(await about.innerText(), /disputed/);
    const now = await found(byTestId(form, "setting-now"), "the value now");
    await eventually(async () => assert.equal((await now.innerText()).trim(), "Now: 3 days"));
    const value = form.locator('input[name="value-0"]');
    assert.equal(await value.inputValue(), "3", "the box starts from the value now, in days");
    await value.fill("2");
    const sentence = await found(byTestId(form, "call-sentence"), "the call as a sentence");
    await eventually(async () =>
      assert.equal((await sentence.innerText()).trim(), "Set “Review window” to 2 days (now 3 days)"),
    );

    // A decision type typed in the text that is not the one chosen is refused, not silently made Standard.
    const description = form.locator('textarea[name="description"]');
    await description.fill("[consent] A shorter review window");
    await found(byTestId(form, "description-tag"), "the refusal of the [consent] tag");
    const submit = form.locator('button[type="submit"]');
    assert.equal(await submit.isDisabled(), true, "nothing can be proposed with a conflicting tag");
    await description.fill("A shorter review window\nTwo days are enough to read a period's work.");
    await eventually(async () => assert.equal(await submit.isDisabled(), false));
    mkdirSync(screenshotsDir(ctx.results), { recursive: true });
    await page.screenshot({ path: join(screenshotsDir(ctx.results), "rule-change.png"), fullPage: false });
    await submit.click();
    await eventually(async () => assert.equal((await created()).length, before + 1));
    const [log] = (await created()).slice(before);
    assert.equal(log.args.description, "A shorter review window\nTwo days are enough to read a period's work.");

    const card = await found(proposalCard(page, log.args.proposalId), "the new proposal's card");
    await eventually(async () =>
      assert.equal((await byTestId(card, "proposal-number").innerText()).trim(), `#${before + 1}`),
    );
    await eventually(async () =>
      assert.equal(
        (await byTestId(card, "call-sentence").innerText()).trim(),
        "Set “Review window” to 2 days (now 3 days)",
      ),
    );
  },
};
