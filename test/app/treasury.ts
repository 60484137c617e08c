/**
 * Flow d: a client pays in with a reference that the movements show as its words; after governance settles the open
 * period's dispute, a member is warned when the period should close, the treasurer closes it (confirming, entry by
 * entry, which pending entries lapse and which disputes carry on), waits out its review window (the chain's clock
 * moved through the node's RPC), funds it after a confirmation step and prepares the year's accounts as a proposal
 * for the members (not a close of his own), and a member with work in it claims and sees their balance grow by what
 * they claimed.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Interface } from "ethers";
import { paymentReference } from "@disco-ledger/sdk/format";
import { PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES, STREAMS } from "@disco-ledger/sdk/ledger";
import type { DemoEuro } from "../../types/ethers-contracts/index.js";
import {
  axeViolations,
  byTestId,
  describeViolation,
  eventually,
  exactIn,
  found,
  parseMoney,
  PEOPLE,
  type Flow,
} from "./harness.ts";
import { screenshotsDir } from "./pages.ts";

const EURO = 1_000_000n;
/** IValueLedger.EntryStatus.Lapsed: reported by entry(id), never stored. */
const LAPSED = 6;
/** The demo's client (scripts/lib/demo.ts), who pays invoices in. */
const CLIENT = 9;
/** 27 bytes in UTF-8 (the accented letters take two each). */
const REFERENCE = "Factura 14 · Café Ñandú";

export const treasury: Flow = {
  name: "treasury",
  title:
    "a client pays in with a reference shown as words; Alice is warned before the period closes; Bob closes it and funds it, each after a confirmation that lists what happens to each entry, and proposes the year's accounts; Alice claims and her balance grows",
  async run(ctx) {
    const { ledger, treasury, token } = ctx.contracts;
    const alice = ctx.accounts[PEOPLE.alice];

    // A client pays in through the form: the reference is counted in bytes, refused when too long, stored as words.
    const client = ctx.accounts[CLIENT];
    await (
      await (token.connect(await ctx.provider.getSigner(client)) as unknown as DemoEuro).faucet(40n * EURO)
    ).wait();
    const payer = await ctx.open("#/treasury", { as: CLIENT });
    const payIn = await found(byTestId(payer, "pay-in"), 'the form data-testid="pay-in"');
    await payIn.locator('input[name="amount"]').fill("12.50");
    const reference = payIn.locator('input[name="reference"]');
    await reference.fill("ñ".repeat(17));
    const count = byTestId(payer, "pay-in-reference-count");
    await eventually(async () => assert.match(await count.innerText(), /34 bytes; at most 32/));
    const payButton = payIn.locator('[type="submit"]');
    assert.equal(await payButton.isDisabled(), true, "a reference over 32 bytes cannot be sent");
    assert.match(await payIn.locator(".why").innerText(), /34 bytes/, "the disabled button says why");
    await reference.fill(REFERENCE);
    await eventually(async () => assert.match(await count.innerText(), /^27 of 32 bytes/));
    const paidBefore = (await treasury.queryFilter(treasury.filters.PaidIn(), ctx.deployment.startBlock)).length;
    await payButton.click();
    const paid = await eventually(async () => {
      const all = await treasury.queryFilter(treasury.filters.PaidIn(), ctx.deployment.startBlock);
      assert.equal(all.length, paidBefore + 1, "one payment in");
      return all.at(-1)!.args;
    });
    assert.equal(paid.payer, client);
    assert.equal(paid.amount, 12_500_000n);
    assert.equal(paymentReference(paid.paymentRef), REFERENCE, "the reference is stored as its words");
    const movements = byTestId(payer, "movements");
    await eventually(async () =>
      assert.match(await movements.locator('tr[data-kind="pay-in"]').first().innerText(), /Factura 14 · Café Ñandú/),
    );
    await payer.close();

    await ctx.resolveDisputes();
    const period = await ledger.currentPeriod();
    assert.equal((await ledger.periodInfo(period)).openDisputes, 0n, "governance settled the period's disputes");
    // What closing will do to the period's entries: pending ones lapse, disputed ones carry on.
    const pending: bigint[] = [];
    for (let id = 1n; id <= (await ledger.entryCount()); id++) {
      const e = await ledger.entry(id);
      if (e.period === period && ENTRY_STATUSES[Number(e.status)] === "Pending") pending.push(id);
    }

    // A member is told when the open period should close and what of theirs would lapse.
    const member = await ctx.open("#/treasury", { as: PEOPLE.alice });
    const notice = await found(byTestId(member, "period-deadline"), 'the notice data-testid="period-deadline"');
    assert.match(await notice.innerText(), new RegExp(`Period ${period} has been open since`));
    await member.close();

    const bob = await ctx.open("#/treasury", { as: PEOPLE.bob });
    await (await found(byTestId(bob, "close-period"), 'the button data-testid="close-period"')).click();
    const confirm = await found(byTestId(bob, "close-period-confirm"), 'the button data-testid="close-period-confirm"');
    // The confirmation takes focus, so that a keyboard or a screen reader is in it at once.
    await eventually(async () =>
      assert.equal(await bob.evaluate("document.activeElement?.id"), "close-confirm-title", "focus on the step"),
    );
    if (pending.length > 0) {
      const fates = await found(byTestId(bob, "close-fates"), 'the table data-testid="close-fates"');
      for (const id of pending) {
        const row = fates.locator(`tr[data-entry="${id}"]`);
        assert.equal(await row.getAttribute("data-fate"), "lapses", `entry ${id} is listed as lapsing`);
        const e = await ledger.entry(id);
        const text = await row.innerText();
        assert.match(text, new RegExp(STREAMS[Number(e.stream)]), `entry ${id}'s stream is named`);
        assert.match(text, /Will not count/, `entry ${id}'s fate is said in words`);
      }
    }
    const blocking = (await axeViolations(bob)).filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(
      blocking.map((v) => describeViolation("closing confirmation", v)),
      [],
      "axe-core is clean",
    );
    mkdirSync(screenshotsDir(ctx.results), { recursive: true });
    await byTestId(bob, "close-confirm").screenshot({
      path: join(screenshotsDir(ctx.results), "treasury-close-confirm.png"),
    });
    // Escape cancels; the treasurer opens the step again.
    await bob.keyboard.press("Escape");
    await eventually(async () => assert.equal(await byTestId(bob, "close-confirm").count(), 0, "cancelled"));
    await byTestId(bob, "close-period").click();
    assert.equal(await ledger.currentPeriod(), period, "nothing closes before the treasurer confirms");
    await confirm.click();
    await eventually(async () => assert.equal(await ledger.currentPeriod(), period + 1n, "the period closed"));
    const info = await ledger.periodInfo(period);
    assert.ok(info.closedAt > 0n);
    assert.ok(info.finalAt > info.closedAt, "the period has a review window");
    for (const id of pending) {
      assert.equal(Number((await ledger.entry(id)).status), LAPSED, `entry ${id} lapsed when its period closed`);
    }

    // In its review window the period is not offered for funding; the desk says when it becomes final.
    const form = await found(byTestId(bob, "fund-period"), 'the form data-testid="fund-period"');
    const inReview = await found(byTestId(bob, "fund-in-review"), 'the list data-testid="fund-in-review"');
    await eventually(async () => assert.match(await inReview.innerText(), new RegExp(`\\b${period}\\b`)));
    const options = async () =>
      form.locator('select[name="period"] option').evaluateAll((os) => os.map((o) => (o as { value: string }).value));
    assert.ok(!(await options()).includes(period.toString()), "a period in review is not offered for funding");
    assert.equal(await ledger.isFinal(period), false);

    // Past the review window (the chain's clock, moved through the node's RPC), the period is final.
    const latest = await ctx.provider.getBlock("latest");
    await ctx.advanceTime(info.finalAt - BigInt(latest!.timestamp) + 1n);
    assert.equal(await ledger.isFinal(period), true, "the period is final after its review window");
    await eventually(async () => assert.ok((await options()).includes(period.toString()), "offered once final"));

    // Half of what is free, at most 1,000 €, in whole euros.
    const free = await treasury.unallocated();
    const euros = [free / 2n / EURO, 1000n].reduce((a, b) => (a < b ? a : b));
    assert.ok(euros > 0n, `the treasury has money to fund with (unallocated ${free})`);
    await form.locator('select[name="period"]').selectOption(period.toString());
    await form.locator('input[name="amount"]').fill(euros.toString());
    await form.locator('[type="submit"]').click();
    await found(byTestId(bob, "fund-confirm"), 'the confirmation data-testid="fund-confirm"');
    assert.equal((await treasury.pool(period)).funded, 0n, "nothing is funded before the treasurer confirms");
    await byTestId(bob, "fund-period-confirm").click();
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

    // The year close is the members' decision: Bob prepares it as a proposal (Standard) instead of closing it himself.
    const { governor } = ctx.contracts;
    const year = await found(byTestId(bob, "close-year"), 'the form data-testid="close-year"');
    const lastPeriod = Number(await year.locator('select[name="lastPeriod"]').inputValue());
    assert.ok(lastPeriod >= 1 && lastPeriod <= Number(period), `a final period ends the year (${lastPeriod})`);
    await year.locator('input[name="surplus"]').fill("1");
    await found(byTestId(bob, "year-proposal"), 'the proposal preview data-testid="year-proposal"');
    const proposalsBefore = (await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock))
      .length;
    await year.locator('[type="submit"]').click();
    const created = await eventually(async () => {
      const all = await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock);
      assert.equal(all.length, proposalsBefore + 1, "one proposal was made");
      return all.at(-1)!.args;
    });
    assert.equal(created.proposer, ctx.accounts[PEOPLE.bob]);
    assert.deepEqual(
      created.targets.map((t: string) => t.toLowerCase()),
      [ctx.deployment.contracts.capital.address.toLowerCase()],
      "the proposal calls the capital accounts",
    );
    const capital = new Interface(["function closeYear(uint32 lastPeriod, uint256 surplus)"]);
    const call = capital.decodeFunctionData("closeYear", created.calldatas[0]);
    assert.deepEqual([Number(call.lastPeriod), call.surplus], [lastPeriod, EURO], "it proposes closeYear(last, 1 €)");
    assert.match(
      created.description,
      new RegExp(`^Approve the year's accounts to period ${lastPeriod}: a surplus of `),
      "the proposal the CLI and the seed make (scripts/lib/capital.ts's yearCloseProposal)",
    );
    const tally = await governor.proposalTally(created.proposalId);
    assert.equal(PROPOSAL_KINDS[Number(tally.kind)], "Standard", "the members approve a surplus year by majority");

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
    await eventually(async () => assert.equal(await exactIn(claimable), owed, "claimable-total"));
    await eventually(async () => assert.equal(await exactIn(balance), before, "wallet-balance"));
    // Shown to the cent.
    assert.match(await claimable.innerText(), /\d\.\d{2}\s€/);

    await byTestId(page, "claim-all").click();
    await eventually(async () => assert.equal(await treasury.hasClaimed(alice, period), true, "claimed"));
    const after = await token.balanceOf(alice);
    assert.equal(after - before, owed, "the balance grew by what was claimable");
    await eventually(async () => assert.equal(await exactIn(balance), after, "wallet-balance after"));
    await eventually(async () => assert.equal(parseMoney(await claimable.innerText()), 0n, "nothing left to claim"));
  },
};
