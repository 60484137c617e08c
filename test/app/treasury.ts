/**
 * Flow d: after governance settles the open period's dispute, the treasurer closes and funds it, and a member with
 * work in it claims and sees their balance grow by what they claimed.
 */
import assert from "node:assert/strict";
import { byTestId, eventually, found, parseMoney, PEOPLE, type Flow } from "./harness.ts";

const EURO = 1_000_000n;

export const treasury: Flow = {
  name: "treasury",
  title: "Bob closes and funds the period once its dispute is settled; Alice claims and her balance grows",
  async run(ctx) {
    const { ledger, treasury, token } = ctx.contracts;
    const alice = ctx.accounts[PEOPLE.alice];

    await ctx.resolveDisputes();
    const period = await ledger.currentPeriod();
    assert.equal((await ledger.periodInfo(period)).openDisputes, 0n, "governance settled the period's disputes");

    const bob = await ctx.open("#/treasury", { as: PEOPLE.bob });
    await (await found(byTestId(bob, "close-period"), 'the button data-testid="close-period"')).click();
    await eventually(async () => assert.equal(await ledger.currentPeriod(), period + 1n, "the period closed"));
    assert.ok((await ledger.periodInfo(period)).closedAt > 0n);

    // Half of what is free, at most 1,000 €, in whole euros.
    const free = await treasury.unallocated();
    const euros = [free / 2n / EURO, 1000n].reduce((a, b) => (a < b ? a : b));
    assert.ok(euros > 0n, `the treasury has money to fund with (unallocated ${free})`);
    const form = await found(byTestId(bob, "fund-period"), 'the form data-testid="fund-period"');
    await form.locator('select[name="period"]').selectOption(period.toString());
    await form.locator('input[name="amount"]').fill(euros.toString());
    await form.locator('[type="submit"]').click();
    // A stream bucket with no payable work in the period stays unallocated, so the pool is at most what was typed.
    await eventually(async () => assert.ok((await treasury.pool(period)).funded > 0n, "funded"));
    const pool = await treasury.pool(period);
    assert.ok(pool.funded <= euros * EURO, `funded ${pool.funded} of the ${euros * EURO} asked`);
    assert.equal(
      pool.streamPools.reduce((a, b) => a + b, 0n),
      pool.funded,
      "the stream pools share the funding",
    );
    assert.equal(await treasury.unallocated(), free - pool.funded, "the funding came out of the unallocated money");

    // What Alice may claim now: every funded period she has not claimed.
    let owed = 0n;
    for (let p = 1n; p <= period; p++) {
      if ((await treasury.pool(p)).funded > 0n && !(await treasury.hasClaimed(alice, p))) {
        owed += await treasury.claimable(alice, p);
      }
    }
    assert.ok(owed > 0n, "Alice has work in the funded period");
    const before = await token.balanceOf(alice);

    const page = await ctx.open("#/", { as: PEOPLE.alice });
    const claimable = await found(byTestId(page, "claimable-total"), 'data-testid="claimable-total"');
    const balance = await found(byTestId(page, "wallet-balance"), 'data-testid="wallet-balance"');
    await eventually(async () => assert.equal(parseMoney(await claimable.innerText()), owed, "claimable-total"));
    await eventually(async () => assert.equal(parseMoney(await balance.innerText()), before, "wallet-balance"));

    await byTestId(page, "claim-all").click();
    await eventually(async () => assert.equal(await treasury.hasClaimed(alice, period), true, "claimed"));
    const after = await token.balanceOf(alice);
    assert.equal(after - before, owed, "the balance grew by what was claimable");
    await eventually(async () => assert.equal(parseMoney(await balance.innerText()), after, "wallet-balance after"));
    await eventually(async () => assert.equal(parseMoney(await claimable.innerText()), 0n, "nothing left to claim"));
  },
};
