/**
 * Flow a: a member logs work with a note on the Work page and another approves it from the review queue, reading
 * the note; the disputed entry offers its way forward, a proposal to accept it, whose state it then shows.
 */
import assert from "node:assert/strict";
import { Interface } from "ethers";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { byTestId, connectAs, eventually, found, PEOPLE, selectMatching, type Flow } from "./harness.ts";

/** 12.50 credits, as typed and as the ledger keeps it (two decimals). */
const AMOUNT = { typed: "12.5", raw: 1250n };
const NOTE = "Proofread the browser tests' plan, see https://docs.example.org/plan.";
const LINK = "https://docs.example.org/plan";

export const work: Flow = {
  name: "work",
  title: "Alice logs work with a note, Bob reads and approves it, and proposes to accept the disputed entry",
  async run(ctx) {
    const { ledger, governor } = ctx.contracts;
    const [alice, bob] = [ctx.accounts[PEOPLE.alice], ctx.accounts[PEOPLE.bob]];
    const period = await ledger.currentPeriod();
    const before = await ledger.entryCount();
    const totalsBefore = await ledger.memberPeriodTotals(alice, period);

    const page = await ctx.open("#/work", { as: PEOPLE.alice });
    const form = await found(byTestId(page, "log-work"), 'the form data-testid="log-work"');
    await form.locator('input[name="amount"]').fill(AMOUNT.typed);
    await form.locator('textarea[name="note"]').fill(NOTE);
    // No stream is chosen for her: sending asks for one and logs nothing.
    assert.equal(await form.locator('select[name="stream"]').inputValue(), "", "no stream chosen by default");
    await form.locator('[type="submit"]').click();
    await found(form.locator("#stream-error"), "the message asking for a stream");
    assert.equal(await ledger.entryCount(), before, "nothing logged without a stream");
    await selectMatching(form.locator('select[name="stream"]'), /^(livelihood|0)$/i);
    await form.locator('[type="submit"]').click();

    const id = await eventually(async () => {
      const count = await ledger.entryCount();
      assert.equal(count, before + 1n, "the form logged one entry");
      return count;
    });
    const logged = await ledger.entry(id);
    assert.equal(logged.author, alice);
    assert.equal(logged.period, period);
    assert.equal(logged.stream, 0n);
    assert.equal(logged.amount, AMOUNT.raw);
    assert.equal(ENTRY_STATUSES[Number(logged.status)], "Pending");
    const [event] = await ledger.queryFilter(ledger.filters.EntryLogged(id));
    assert.equal(event.args.note, NOTE.trim(), "the note is on chain as typed");
    const row = await found(byTestId(page, `entry-${id}`), `Alice's row entry-${id}`);
    await eventually(async () => {
      const text = await row.innerText();
      assert.match(text, /Pending/);
      assert.match(text, /Proofread the browser tests' plan/, "the row shows the note");
      assert.equal(await row.locator("time").count(), 1, "the row shows when it was logged, as a date");
    });

    // Switching person starts afresh: Alice's confirmation does not stay on Bob's screen.
    await found(form.locator("[data-phase='confirmed']"), "Alice's confirmation");
    await connectAs(page, bob);
    await eventually(async () => assert.equal(await page.locator("[data-phase='confirmed']").count(), 0));

    const reviewer = await ctx.open("#/work", { as: PEOPLE.bob });
    const item = await found(byTestId(reviewer, `review-${id}`), `Bob's review item review-${id}`);
    // Bob judges what Alice wrote, its address a real link that opens apart from the app.
    const link = item.locator(`a[href="${LINK}"]`);
    await found(link, "the note's link");
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
    assert.match(await item.innerText(), /Proofread the browser tests' plan/);
    await byTestId(reviewer, `approve-${id}`).click();
    await eventually(async () => {
      assert.equal(ENTRY_STATUSES[Number((await ledger.entry(id)).status)], "Counted");
    });
    assert.equal(await ledger.hasApproved(id, bob), true);
    const totalsAfter = await ledger.memberPeriodTotals(alice, period);
    assert.equal(totalsAfter.historical[0] - totalsBefore.historical[0], AMOUNT.raw, "Alice's period total grew");

    // Both see it: Bob's queue lets it go, Alice's row says it counts.
    await eventually(async () => assert.equal(await byTestId(reviewer, `review-${id}`).count(), 0));
    await eventually(async () => assert.match(await byTestId(page, `entry-${id}`).innerText(), /Counted/));
    ctx.shared.set("loggedEntry", id);

    // The demo's disputed entry has its way forward on it: Bob proposes to accept it.
    const disputed = await eventually(async () => {
      for (let entry = 1n; entry <= (await ledger.entryCount()); entry++) {
        if (ENTRY_STATUSES[Number((await ledger.entry(entry)).status)] === "Disputed") return entry;
      }
      throw new Error("The demo has no disputed entry");
    });
    const card = await found(byTestId(reviewer, `disputed-${disputed}`), `the disputed entry disputed-${disputed}`);
    const proposalsBefore = (await governor.queryFilter(governor.filters.ProposalCreated())).length;
    await byTestId(card, `propose-accept-${disputed}`).click();
    const resolve = new Interface(["function resolveDispute(uint256 entryId, bool accept)"]);
    await eventually(async () => {
      const created = await governor.queryFilter(governor.filters.ProposalCreated());
      assert.equal(created.length, proposalsBefore + 1, "one proposal made");
      const { targets, calldatas, description } = created.at(-1)!.args;
      assert.deepEqual([...targets], [await ledger.getAddress()]);
      assert.deepEqual([...resolve.decodeFunctionData("resolveDispute", calldatas[0])], [disputed, true]);
      assert.match(description, new RegExp(`^Accept disputed entry ${disputed}: `));
    });
    // The entry now shows the proposal's state, and says in words why no second one can be made.
    await eventually(async () => {
      const text = await byTestId(card, `resolutions-${disputed}`).innerText();
      assert.match(text, /Proposal to accept it: (Pending|Voting)/);
      assert.equal(await byTestId(card, `propose-reject-${disputed}`).isDisabled(), true);
      assert.match(await card.locator(".why").innerText(), /A proposal about it is open/);
    });
    // Its link opens Decisions at that proposal's own card.
    const toCard = byTestId(card, `resolutions-${disputed}`).locator("a").first();
    const target = (await toCard.getAttribute("href")) ?? "";
    const linked = /^#\/d\/0x[0-9a-fA-F]{40}\/decisions\?proposal=(\d+)$/.exec(target);
    assert.ok(linked, `the link to the proposal (${target})`);
    await toCard.click();
    await found(reviewer.locator(`#proposal-${linked[1]}`), `the card of proposal #${linked[1]}`);
  },
};
