/**
 * The newcomer's whole journey, through the app only, as two people: Alice (Committed, a worker) and Bob (Committed,
 * the treasurer). Alice logs two pieces of work with notes; Bob finds them in his to-do list, approves one and
 * disputes the other; Alice proposes to accept the disputed one from the entry itself; in Decisions both vote, and the
 * Skip ahead bar moves the chain's clock to the vote's opening, past its end and past the timelock's wait, so that the
 * decision is queued and carried out; Bob closes the period after its confirmation step, skips to the end of its
 * review window and funds it after confirming; Alice's to-do list shows her money, she claims it all and her balance
 * grows. The contracts are only read, to check what each page shows.
 *
 * Registered last (index.ts): its skips move the chain's clock past every vote and review window open at the time.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Interface } from "ethers";
import type { Locator, Page } from "playwright-core";
import { duration, moneyToCent } from "@disco-ledger/sdk/format";
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { proposalCard } from "./decisions.ts";
import {
  byTestId,
  eventually,
  exactIn,
  found,
  parseMoney,
  PEOPLE,
  selectMatching,
  type Ctx,
  type Flow,
} from "./harness.ts";
import { screenshotsDir } from "./pages.ts";

const EURO = 1_000_000n;
/** Alice's two pieces of work: the first is approved, the second disputed and then accepted by the members. */
const WORK = {
  approved: { stream: /^(livelihood|0)$/i, typed: "120", raw: 12_000n, note: "Translated the assembly's minutes" },
  disputed: {
    stream: /^(love|1)$/i,
    typed: "40",
    raw: 4_000n,
    note: "Glossary review for the food co-op, see https://wiki.example.org/food-glossary",
  },
} as const;
const REASON = "Was this not paid by the food co-op already? Let's check before it counts.";
/** The Skip ahead bar's buttons (frontend/src/ui/SkipAhead.tsx, data-testid="skip-<stage>"). */
type SkipStage = "delay" | "vote" | "timelock" | "review";

const entryStatus = async (ctx: Ctx, id: bigint) =>
  ENTRY_STATUSES[Number((await ctx.contracts.ledger.entry(id)).status)];
const proposalState = async (ctx: Ctx, id: bigint) => PROPOSAL_STATES[Number(await ctx.contracts.governor.state(id))];
const chainTime = async (ctx: Ctx) => BigInt((await ctx.provider.getBlock("latest"))!.timestamp);
/** Text with every run of spaces (the euro amounts' narrow and non-breaking ones too) as one space. */
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

/** The line of the to-do list that reads `wanted` (or matches it), once it shows. */
async function toDoLine(todo: Locator, wanted: string | RegExp): Promise<string> {
  return eventually(async () => {
    const lines = (await todo.locator("li").allInnerTexts()).map(plain);
    const line = lines.find((l) => (typeof wanted === "string" ? l === wanted : wanted.test(l)));
    assert.ok(line, `the to-do list has the line ${wanted}: ${JSON.stringify(lines)}`);
    return line;
  });
}

/** The open period's pending entries of others that `reviewer` has not approved: what their to-do list counts. */
async function waitingForReview(ctx: Ctx, reviewer: string): Promise<number> {
  const { ledger } = ctx.contracts;
  const period = await ledger.currentPeriod();
  let count = 0;
  for (let id = 1n; id <= (await ledger.entryCount()); id++) {
    const e = await ledger.entry(id);
    if (e.period !== period || ENTRY_STATUSES[Number(e.status)] !== "Pending" || e.author === reviewer) continue;
    if (!(await ledger.hasApproved(id, reviewer))) count++;
  }
  return count;
}

export const journey: Flow = {
  name: "journey",
  title:
    "a newcomer's journey as Alice and Bob: log work, review, dispute, resolve by a vote with Skip ahead, close, fund after the review window, claim",
  async run(ctx) {
    const { ledger, governor, treasury, token } = ctx.contracts;
    const [alice, bob] = [ctx.accounts[PEOPLE.alice], ctx.accounts[PEOPLE.bob]];
    const shots = screenshotsDir(ctx.results);
    mkdirSync(shots, { recursive: true });
    const steps: string[] = [];
    let since = performance.now();
    const done = (step: string) => {
      steps.push(`${step} ${((performance.now() - since) / 1000).toFixed(1)} s`);
      since = performance.now();
    };
    let skipped = 0n;
    /** Presses the Skip ahead bar's button for `stage` and waits until the page says where the clock now stands. */
    const skipAhead = async (page: Page, stage: SkipStage) => {
      const status = byTestId(page, "skip-status");
      const said = (await status.count()) > 0 ? await status.innerText() : "";
      const before = await chainTime(ctx);
      await (await found(byTestId(page, `skip-${stage}`), `the Skip ahead button skip-${stage}`)).click();
      await eventually(async () => {
        const text = await status.innerText();
        assert.notEqual(text, said, "a new skip is reported");
        assert.match(text, /^The chain's clock now reads /);
      });
      skipped += (await chainTime(ctx)) - before;
    };

    // 1. Alice logs two pieces of work, each with a note, in the open period.
    const period = await ledger.currentPeriod();
    const work = await ctx.open("#/work", { as: PEOPLE.alice });
    const form = await found(byTestId(work, "log-work"), 'the form data-testid="log-work"');
    const log = async ({ stream, typed, raw, note }: (typeof WORK)[keyof typeof WORK]) => {
      const before = await ledger.entryCount();
      await selectMatching(form.locator('select[name="stream"]'), stream);
      await form.locator('input[name="amount"]').fill(typed);
      await form.locator('textarea[name="note"]').fill(note);
      await form.locator('[type="submit"]').click();
      const id = await eventually(async () => {
        const count = await ledger.entryCount();
        assert.equal(count, before + 1n, "the form logged one entry");
        return count;
      });
      const [event] = await ledger.queryFilter(ledger.filters.EntryLogged(id));
      assert.equal(event.args.author, alice);
      assert.equal(event.args.amount, raw);
      assert.equal(event.args.note, note, "the note is on chain as typed");
      await found(form.locator("[data-phase='confirmed']"), "the confirmation of the logged work");
      const row = await found(byTestId(work, `entry-${id}`), `Alice's row entry-${id}`);
      await eventually(async () => {
        const text = await row.innerText();
        assert.match(text, /Pending/);
        assert.ok(text.includes(note.slice(0, 30)), `the row shows the note: ${text}`);
      });
      return id;
    };
    const approvedId = await log(WORK.approved);
    const disputedId = await log(WORK.disputed);
    done("log work");

    // 2. Bob's home page says what waits for him: the entries to review, the link to them.
    const reviewing = await ctx.open("#/", { as: PEOPLE.bob });
    const bobToDo = await found(byTestId(reviewing, "todo"), 'Bob\'s to-do list data-testid="todo"');
    const toReview = await waitingForReview(ctx, bob);
    assert.ok(toReview >= 2, "Alice's two entries wait for Bob");
    await toDoLine(bobToDo, `${toReview} ${toReview === 1 ? "entry is" : "entries are"} waiting for your review`);
    await bobToDo.screenshot({ path: join(shots, "journey-todo.png") });
    await bobToDo.getByRole("link", { name: /waiting for your review/ }).click();

    // 3. He approves the first (it counts) and disputes the second with a reason (it waits for the members).
    const approveItem = await found(byTestId(reviewing, `review-${approvedId}`), `Bob's review item ${approvedId}`);
    assert.ok((await approveItem.innerText()).includes(WORK.approved.note), "Bob reads Alice's note");
    await byTestId(approveItem, `approve-${approvedId}`).click();
    await eventually(async () => assert.equal(await entryStatus(ctx, approvedId), "Counted"));
    await eventually(async () => assert.equal(await byTestId(reviewing, `review-${approvedId}`).count(), 0));
    done("review");

    const disputeItem = byTestId(reviewing, `review-${disputedId}`);
    await byTestId(disputeItem, `dispute-${disputedId}`).click();
    await disputeItem.locator('input[name="reason"]').fill(REASON);
    await byTestId(disputeItem, `dispute-${disputedId}`).click();
    await eventually(async () => assert.equal(await entryStatus(ctx, disputedId), "Disputed"));
    const [disputedEvent] = await ledger.queryFilter(ledger.filters.EntryDisputed(disputedId));
    assert.equal(disputedEvent.args.reason, REASON);
    const bobDisputed = await found(byTestId(reviewing, `disputed-${disputedId}`), "the entry under dispute");
    await eventually(async () => assert.ok((await bobDisputed.innerText()).includes(REASON), "the reason shows"));
    done("dispute");

    // 4. Alice is told one of her entries is under dispute, and proposes to accept it from the entry itself.
    const home = await ctx.open("#/", { as: PEOPLE.alice });
    const aliceToDo = await found(byTestId(home, "todo"), 'Alice\'s to-do list data-testid="todo"');
    await toDoLine(aliceToDo, "1 of your entries is under dispute");
    await aliceToDo.getByRole("link", { name: /under dispute/ }).click();
    const entry = await found(byTestId(home, `disputed-${disputedId}`), `Alice's disputed entry ${disputedId}`);
    const proposalsBefore = (await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock))
      .length;
    await byTestId(entry, `propose-accept-${disputedId}`).click();
    const resolve = new Interface(["function resolveDispute(uint256 entryId, bool accept)"]);
    const proposal = await eventually(async () => {
      const created = await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock);
      assert.equal(created.length, proposalsBefore + 1, "one proposal made");
      const { proposalId, proposer, targets, calldatas } = created.at(-1)!.args;
      assert.equal(proposer, alice);
      assert.deepEqual([...targets], [await ledger.getAddress()]);
      assert.deepEqual([...resolve.decodeFunctionData("resolveDispute", calldatas[0])], [disputedId, true]);
      return proposalId as bigint;
    });
    await eventually(async () =>
      assert.match(await byTestId(entry, `resolutions-${disputedId}`).innerText(), /Proposal to accept it: Pending/),
    );

    // 5. In Decisions: skip to the vote's opening, both vote For, skip past its end, queue, skip the timelock, carry out.
    await byTestId(entry, `resolutions-${disputedId}`).getByRole("link", { name: "See it in Decisions" }).click();
    const aliceCard = await found(proposalCard(home, proposal), `Alice's card proposal-${proposal}`);
    await eventually(async () => assert.equal(await aliceCard.getAttribute("data-state"), "Pending"));
    await skipAhead(home, "delay");
    await eventually(async () => assert.equal(await aliceCard.getAttribute("data-state"), "Active"));
    await byTestId(aliceCard, "vote-for").click();
    await eventually(async () => assert.equal(await governor.hasVoted(proposal, alice), true, "Alice voted"));

    const decisions = await ctx.open("#/decisions", { as: PEOPLE.bob });
    const card = await found(proposalCard(decisions, proposal), `Bob's card proposal-${proposal}`);
    await eventually(async () => assert.equal(await card.getAttribute("data-state"), "Active"));
    await byTestId(card, "vote-for").click();
    await eventually(async () => assert.equal(await governor.hasVoted(proposal, bob), true, "Bob voted"));
    const [against, forVotes] = await governor.proposalVotes(proposal);
    assert.deepEqual([forVotes, against], [2n, 0n], "two binding votes For, none Against");

    await skipAhead(decisions, "vote");
    await eventually(async () => assert.equal(await card.getAttribute("data-state"), "Succeeded"));
    assert.equal(await proposalState(ctx, proposal), "Succeeded");
    await (await found(byTestId(card, "queue"), "the card's Queue button")).click();
    await eventually(async () => assert.equal(await proposalState(ctx, proposal), "Queued"));
    await eventually(async () => assert.equal(await card.getAttribute("data-state"), "Queued"));
    await skipAhead(decisions, "timelock");
    const execute = byTestId(card, "execute");
    await eventually(async () => assert.equal(await execute.isEnabled(), true, "the timelock's wait is over"));
    await execute.click();
    await eventually(async () => assert.equal(await proposalState(ctx, proposal), "Executed"));
    await eventually(async () => assert.equal(await card.getAttribute("data-state"), "Executed"));
    assert.equal(await entryStatus(ctx, disputedId), "Counted", "the members accepted the entry: it counts");
    assert.equal((await ledger.entry(disputedId)).settled, true);
    await card.screenshot({ path: join(shots, "journey-decision-executed.png") });
    done("resolve");

    // 6. Bob closes the period: the confirmation says what happens to each entry still pending or disputed.
    const fates = new Map<bigint, string>();
    for (let id = 1n; id <= (await ledger.entryCount()); id++) {
      const e = await ledger.entry(id);
      const status = ENTRY_STATUSES[Number(e.status)];
      if (e.period === period && status === "Pending") fates.set(id, "lapses");
      if (e.period === period && status === "Disputed") fates.set(id, "staysDisputed");
    }
    const desk = await ctx.open("#/treasury", { as: PEOPLE.bob });
    await (await found(byTestId(desk, "close-period"), 'the button data-testid="close-period"')).click();
    const confirmation = await found(byTestId(desk, "close-confirm"), 'the step data-testid="close-confirm"');
    for (const [id, fate] of fates) {
      assert.equal(await confirmation.locator(`tr[data-entry="${id}"]`).getAttribute("data-fate"), fate, `entry ${id}`);
    }
    for (const id of [approvedId, disputedId]) {
      assert.equal(await confirmation.locator(`tr[data-entry="${id}"]`).count(), 0, `entry ${id} counts: no fate`);
    }
    await confirmation.screenshot({ path: join(shots, "journey-close-confirm.png") });
    assert.equal(await ledger.currentPeriod(), period, "nothing closes before the treasurer confirms");
    await byTestId(confirmation, "close-period-confirm").click();
    await eventually(async () => assert.equal(await ledger.currentPeriod(), period + 1n, "the period closed"));
    done("close");

    // 7. Skip to the end of its review window: the period is final, and offered for funding.
    const fund = await found(byTestId(desk, "fund-period"), 'the form data-testid="fund-period"');
    await eventually(async () =>
      assert.match(await byTestId(desk, "fund-in-review").innerText(), new RegExp(`\\b${period}\\b`)),
    );
    await skipAhead(desk, "review");
    assert.equal(await ledger.isFinal(period), true, "the period is final after its review window");
    const offered = () =>
      fund.locator('select[name="period"] option').evaluateAll((os) => os.map((o) => (o as { value: string }).value));
    await eventually(async () => assert.ok((await offered()).includes(period.toString()), "offered once final"));

    // 8. Bob funds it (half of what is free, at most 1,000 €), after its confirmation.
    const free = await treasury.unallocated();
    const euros = [free / 2n / EURO, 1000n].reduce((a, b) => (a < b ? a : b));
    assert.ok(euros > 0n, `the treasury has money to fund with (unallocated ${free})`);
    await fund.locator('select[name="period"]').selectOption(period.toString());
    await fund.locator('input[name="amount"]').fill(euros.toString());
    await fund.locator('[type="submit"]').click();
    await found(byTestId(desk, "fund-confirm"), 'the confirmation data-testid="fund-confirm"');
    assert.equal((await treasury.pool(period)).funded, 0n, "nothing is funded before the treasurer confirms");
    await byTestId(desk, "fund-period-confirm").click();
    await eventually(async () => assert.ok((await treasury.pool(period)).funded > 0n, "funded"));
    done("skip and fund");

    // 9. Alice's to-do list shows her money; she claims it all, and her balance grows by it.
    const totals = await ledger.memberPeriodTotals(alice, period);
    assert.ok(totals.historical[0] >= WORK.approved.raw, "the approved entry counts in her period");
    assert.ok(totals.historical[1] >= WORK.disputed.raw, "the accepted entry counts in her period");
    let owed = 0n;
    for (let p = 1n; p <= period; p++) {
      if ((await treasury.pool(p)).funded > 0n && !(await treasury.hasClaimed(alice, p))) {
        owed += await treasury.claimable(alice, p);
      }
    }
    assert.ok((await treasury.claimable(alice, period)) > 0n, "Alice has a share of the funded period");
    const before = await token.balanceOf(alice);
    const me = await ctx.open("#/", { as: PEOPLE.alice });
    const myToDo = await found(byTestId(me, "todo"), 'Alice\'s to-do list data-testid="todo"');
    await toDoLine(myToDo, `${plain(moneyToCent(owed, "en"))} for you to claim`);
    await myToDo.screenshot({ path: join(shots, "journey-todo-claim.png") });
    const claimable = await found(byTestId(me, "claimable-total"), 'data-testid="claimable-total"');
    const balance = await found(byTestId(me, "wallet-balance"), 'data-testid="wallet-balance"');
    await eventually(async () => assert.equal(await exactIn(claimable), owed, "claimable-total"));
    await eventually(async () => assert.equal(await exactIn(balance), before, "wallet-balance"));
    await byTestId(me, "claim-all").click();
    await eventually(async () => assert.equal(await treasury.hasClaimed(alice, period), true, "claimed"));
    const after = await token.balanceOf(alice);
    assert.equal(after - before, owed, "the balance grew by what was claimable");
    await eventually(async () => assert.equal(await exactIn(balance), after, "wallet-balance after"));
    await eventually(async () => assert.equal(parseMoney(await claimable.innerText()), 0n, "nothing left to claim"));
    await eventually(async () => assert.equal((await myToDo.innerText()).includes("for you to claim"), false));
    done("claim");

    console.log(
      `    journey: ${steps.join(", ")}; the chain's clock skipped ${duration(Number(skipped))} (${skipped} s)`,
    );
  },
};
