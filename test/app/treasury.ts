/**
 * Flow d: after governance settles the open period's dispute, the treasurer closes the period (confirming which
 * pending entries lapse and which disputes carry on), waits out its review window (the chain's clock moved through
 * the node's RPC), funds it and prepares the year's accounts as a proposal for the members (not a close of his own),
 * and a member with work in it claims and sees their balance grow by what they claimed.
 */
import assert from "node:assert/strict";
import { Interface } from "ethers";
import { PROPOSAL_KINDS } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { byTestId, eventually, found, parseMoney, PEOPLE, type Flow } from "./harness.ts";

const EURO = 1_000_000n;
/** IValueLedger.EntryStatus.Lapsed: reported by entry(id), never stored. */
const LAPSED = 6;

export const treasury: Flow = {
  name: "treasury",
  title:
    "Bob closes the period once its dispute is settled, funds it when its review window is over and proposes the year's accounts; Alice claims and her balance grows",
  async run(ctx) {
    const { ledger, treasury, token } = ctx.contracts;
    const alice = ctx.accounts[PEOPLE.alice];

    await ctx.resolveDisputes();
    const period = await ledger.currentPeriod();
    assert.equal((await ledger.periodInfo(period)).openDisputes, 0n, "governance settled the period's disputes");
    // What closing will do to the period's entries: pending ones lapse, disputed ones carry on.
    const pending: bigint[] = [];
    for (let id = 1n; id <= (await ledger.entryCount()); id++) {
      const e = await ledger.entry(id);
      if (e.period === period && ENTRY_STATUSES[Number(e.status)] === "Pending") pending.push(id);
    }

    const bob = await ctx.open("#/treasury", { as: PEOPLE.bob });
    await (await found(byTestId(bob, "close-period"), 'the button data-testid="close-period"')).click();
    const confirm = await found(byTestId(bob, "close-period-confirm"), 'the button data-testid="close-period-confirm"');
    if (pending.length > 0) {
      const lapsing = await found(byTestId(bob, "close-lapse"), 'the list data-testid="close-lapse"');
      const text = await lapsing.innerText();
      for (const id of pending) assert.match(text, new RegExp(`\\b${id}\\b`), `entry ${id} is listed as lapsing`);
    }
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
