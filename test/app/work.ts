/** Flow a: a member logs work on the Work page and another approves it from the review queue. */
import assert from "node:assert/strict";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { byTestId, eventually, found, PEOPLE, selectMatching, type Flow } from "./harness.ts";

/** 12.50 credits, as typed and as the ledger keeps it (two decimals). */
const AMOUNT = { typed: "12.5", raw: 1250n };

export const work: Flow = {
  name: "work",
  title: "Alice logs work, Bob approves it, the entry counts on the page and in the ledger",
  async run(ctx) {
    const { ledger } = ctx.contracts;
    const [alice, bob] = [ctx.accounts[PEOPLE.alice], ctx.accounts[PEOPLE.bob]];
    const period = await ledger.currentPeriod();
    const before = await ledger.entryCount();
    const totalsBefore = await ledger.memberPeriodTotals(alice, period);

    const page = await ctx.open("#/work", { as: PEOPLE.alice });
    const form = await found(byTestId(page, "log-work"), 'the form data-testid="log-work"');
    await selectMatching(form.locator('select[name="stream"]'), /^(livelihood|0)$/i);
    await form.locator('input[name="amount"]').fill(AMOUNT.typed);
    await form.locator('input[name="evidence"]').fill("Proofreading the browser tests' plan");
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
    const row = await found(byTestId(page, `entry-${id}`), `Alice's row entry-${id}`);
    await eventually(async () => assert.match(await row.innerText(), /Pending/));

    const reviewer = await ctx.open("#/work", { as: PEOPLE.bob });
    await found(byTestId(reviewer, `review-${id}`), `Bob's review item review-${id}`);
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
  },
};
