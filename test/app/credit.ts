/**
 * Mutual credit, on the seeded demo's trading in the Commons Federation's network (scripts/lib/seed-credit.ts): Bob,
 * Demo DisCO's treasurer, sees its balances and lines with Small DisCO and River DisCO with the trust beside them, its
 * net position and the budget left his treasurers; the seeded payments (the two-hop one with its path), the cleared
 * cycle and the settlement in the history; the network's picture with its table. He clears the open cycle (nobody's
 * net position moves), sees the path and capacity of a payment to River DisCO before signing (through Small DisCO for
 * more than River's own line carries), and pays within his budget at once. The treasury lists the credit beside the
 * money. In Spanish too; axe-core stays clean; nothing sticks out sideways on a 360 px phone. Screenshots at desktop
 * and phone sizes.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createPublicClient, http, type Address } from "viem";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { discoverFederations, findFederation } from "@disco-ledger/sdk/federation";
import { DESKTOP } from "../../scripts/lib/app-e2e/browser.ts";
import { readDeploymentsFile } from "../../scripts/lib/deployments.ts";
import {
  blockingViolations,
  byTestId,
  eventually,
  found,
  NARROW_PHONE,
  PEOPLE,
  selectMatching,
  sidewaysOverflow,
  type Ctx,
  type Flow,
} from "./harness.ts";
import { screenshotsDir } from "./pages.ts";

const FEDERATION = "Commons Federation";
/** What Demo DisCO's treasurers may still pay now, as the contract counts it (treasurersOf, PERIOD, the block's time). */
async function demoBudgetLeft(ctx: Ctx): Promise<bigint> {
  const client = createPublicClient({ transport: http(ctx.rpcUrl) });
  const chain = readDeploymentsFile(ctx.deployment.network);
  assert.ok(chain?.factory, "the tests' network has a factory");
  const { credit } = findFederation(await discoverFederations(client, chain), FEDERATION);
  const demo = ctx.deployment.contracts.membership.address as Address;
  const [t, period, block] = await Promise.all([
    client.readContract({ address: credit, abi: creditAbi, functionName: "treasurersOf", args: [demo] }),
    client.readContract({ address: credit, abi: creditAbi, functionName: "PERIOD" }),
    client.getBlock(),
  ]);
  // The contract counts each PERIOD afresh: what was spent in an earlier one is spent no more.
  const spent = BigInt(t.period) === block.timestamp / BigInt(period) ? t.spent : 0n;
  return t.budget - spent;
}

/** Euros as the page shows credit in English: 1234.5 -> "1,234.50 €". */
const shown = (euros: number) =>
  `${new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(euros)} €`;

/** The text of a table's body rows, cells joined by tabs. */
const rowsOf = (page: Page, testId: string) => byTestId(page, testId).locator("tbody tr").allInnerTexts();

export const credit: Flow = {
  name: "credit",
  title:
    "Demo DisCO's mutual credit: balances, lines and trust, net position and budget; the seeded history and the network's picture; Bob clears the open cycle and pays River DisCO along the path shown; the treasury lists the credit",
  async run(ctx) {
    const shots = screenshotsDir(ctx.results);
    mkdirSync(shots, { recursive: true });
    const problems: string[] = [];

    // 1. Bob, Demo DisCO's treasurer: its position in the network. After the seed, Demo owes Small 450 € and River
    // owes Demo 200 €: its net position is 250 € owed by it.
    const page = await ctx.open("#/credit", { as: PEOPLE.bob, viewport: DESKTOP });
    const position = await found(
      byTestId(page, "credit-position"),
      'the position data-testid="credit-position"',
      60_000,
    );
    assert.match(await byTestId(position, "credit-net").innerText(), /^250\.00 €/);
    assert.match(await position.innerText(), /owed by Demo DisCO/);
    const left = await demoBudgetLeft(ctx);
    assert.equal(
      (await byTestId(position, "credit-budget").innerText()).trim(),
      shown(Number(left) / 100),
      "the budget left as the contract counts it",
    );
    const counterparties = await rowsOf(page, "credit-counterparties");
    // Counterparty, balance, line given, line received, our trust, theirs.
    assert.deepEqual(counterparties, [
      "Small DisCO\twe owe 450.00 €\t2,000.00 €\t2,000.00 €\t80\t70",
      "River DisCO\towes us 200.00 €\t1,500.00 €\t300.00 €\t40\t60",
    ]);

    // 2. The history: the seeded invoices with their references, the two-hop payment's path, the cleared cycle and
    // the settlement in money.
    const payments = await rowsOf(page, "credit-payments");
    assert.equal(payments.length, 5, `the seed's five payments: ${JSON.stringify(payments)}`);
    assert.ok(payments.some((r) => /Demo DisCO\tSmall DisCO\t800\.00 €\tINV-S-001\tDemo DisCO → Small DisCO$/.test(r)));
    assert.ok(
      payments.some((r) => /\t400\.00 €\tINV-R-002\tDemo DisCO → Small DisCO → River DisCO$/.test(r)),
      `the two-hop payment with its path: ${JSON.stringify(payments)}`,
    );
    const clearings = await rowsOf(page, "credit-clearings");
    assert.equal(clearings.length, 1);
    assert.match(clearings[0], /Demo DisCO → Small DisCO → River DisCO → Demo DisCO\t500\.00 €$/);
    // The money paid, in the currency's own units and symbol (the demo's euro).
    assert.match((await rowsOf(page, "credit-settlements"))[0], /Demo DisCO\tSmall DisCO\t250\.00 €\t250\.00 dEUR$/);

    // 3. The picture: a node per DisCO, an arrow per debt (wider as it grows) and a lighter one per line; the table
    // says the same.
    const picture = await found(byTestId(page, "credit-picture"), 'the network picture data-testid="credit-picture"');
    assert.equal(await picture.locator('[data-testid="credit-node"]').count(), 3);
    const debts = picture.locator('[data-testid="credit-arrow"]:not([data-light])');
    assert.equal(await debts.count(), 3, "an arrow per debt");
    assert.equal(
      await picture.locator('[data-testid="credit-arrow"][data-light]').count(),
      6,
      "a light arrow per line",
    );
    const width = async (cents: number) =>
      Number(
        await picture
          .locator(`[data-testid="credit-arrow"]:not([data-light])[data-value="${cents}"] path`)
          .getAttribute("stroke-width"),
      );
    assert.ok((await width(50_000)) > (await width(20_000)), "Small's 500 € debt drawn wider than River's 200 €");
    assert.deepEqual(await rowsOf(page, "credit-pairs"), [
      "Demo DisCO\tSmall DisCO\t450.00 €\t2,000.00 €\t2,000.00 €",
      "River DisCO\tDemo DisCO\t200.00 €\t1,500.00 €\t300.00 €",
      "Small DisCO\tRiver DisCO\t500.00 €\t1,000.00 €\t1,000.00 €",
    ]);
    problems.push(...(await blockingViolations(page, "credit (Bob, en)")));

    // 4. The open cycle, offered for clearing (read from Demo DisCO): each debt falls by the least of them, 200 €.
    // Bob clears it; the history has a second clearing and Demo's net position has not moved.
    const cycle = await found(byTestId(page, "credit-cycle"), 'the clearing suggestion data-testid="credit-cycle"');
    assert.match(
      await cycle.innerText(),
      /Demo DisCO → Small DisCO → River DisCO → Demo DisCO: each debt falls by 200\.00 € \(600\.00 € cleared in all\)/,
    );
    await cycle.getByRole("button", { name: "Clear" }).click();
    await eventually(async () => assert.equal((await rowsOf(page, "credit-clearings")).length, 2), 60_000);
    assert.equal(await byTestId(page, "credit-cycle").count(), 0, "nothing left to clear");
    assert.match(await byTestId(page, "credit-net").innerText(), /^250\.00 €/, "nobody's net position moves");
    assert.match((await rowsOf(page, "credit-counterparties"))[0], /we owe 250\.00 €/);

    // 5. A payment to River DisCO: River's own line lets Demo owe it 300 €, so 500 € goes through Small DisCO (Demo
    // may owe Small 1,750 € more, Small may owe River 700 € more); the path and capacity show before anything is
    // signed, with the members' proposal drafted.
    const pay = byTestId(page, "credit-pay");
    await selectMatching(pay.locator('select[name="pay-to"]'), /River DisCO/);
    await pay.locator('input[name="pay-amount"]').fill("500");
    await pay.locator('input[name="pay-ref"]').fill("INV-R-003");
    await eventually(async () =>
      assert.match(
        await byTestId(page, "pay-path").innerText(),
        /Path: Demo DisCO → Small DisCO → River DisCO \(2 lines\) This path can carry 700\.00 € now\./,
      ),
    );
    assert.match(
      await byTestId(page, "pay-capacity").innerText(),
      /The most one payment to River DisCO can carry now: 700\.00 €\./,
    );
    const section = page.locator("section", { has: pay });
    assert.match(
      await byTestId(section, "proposal-draft").innerText(),
      /Pay 500\.00 € in mutual credit to River DisCO in the federation “Commons Federation”, over 2 lines: reference “INV-R-003”/,
    );
    // 250 € fits River's own line: the direct path, paid at once within Bob's budget.
    await pay.locator('input[name="pay-amount"]').fill("250");
    await eventually(async () =>
      assert.match(await byTestId(page, "pay-path").innerText(), /Path: Demo DisCO → River DisCO \(1 line\)/),
    );
    assert.ok(left >= 25_000n, `Demo's treasurers have 250 € left (${left} cents)`);
    await section.getByRole("button", { name: "Pay now as treasurer" }).click();
    await found(section.locator('[data-phase="confirmed"]'), "the payment confirmed on chain", 60_000);
    await eventually(async () => {
      const rows = await rowsOf(page, "credit-payments");
      assert.match(rows[0], /Demo DisCO\tRiver DisCO\t250\.00 €\tINV-R-003\tDemo DisCO → River DisCO$/);
    });
    assert.match(await byTestId(page, "credit-net").innerText(), /^500\.00 €/, "Demo owes 250 € more");
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, "credit-desktop.png"), fullPage: true });

    // 6. In Spanish: the balances in the members' other language (River's debt cleared, Demo now owes it 250 €).
    await page.locator("header .lang select").selectOption("es");
    await eventually(async () =>
      assert.match((await rowsOf(page, "credit-counterparties"))[1], /^River DisCO\tle debemos 250,00 €\t/),
    );
    problems.push(...(await blockingViolations(page, "credit (Bob, es)")));
    await page.locator("header .lang select").selectOption("en");
    await page.close();

    // 7. The treasury lists Demo DisCO's credit beside its money, marked, in euros.
    const treasury = await ctx.open("#/treasury", { as: PEOPLE.bob, viewport: DESKTOP });
    const movements = await found(byTestId(treasury, "movements"), "the treasury's movements");
    await eventually(async () => {
      const credit = movements.locator('tr[data-kind="credit-payment"]');
      assert.ok((await credit.count()) >= 1, "credit payments among the movements");
      assert.match(
        await credit.first().innerText(),
        /Mutual-credit payment\s+mutual credit\tRiver DisCO\t−250\.00 €\treference “INV-R-003”/,
      );
    });
    await treasury.close();

    // 8. On a phone, nothing sticks out sideways, and the tables carry every figure.
    const phone = await ctx.open("#/credit", { viewport: NARROW_PHONE });
    await found(byTestId(phone, "credit-pairs"), "the network's table on a phone", 60_000);
    assert.ok((await sidewaysOverflow(phone)) <= 1, `the Credit page fits ${NARROW_PHONE.width} px`);
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: join(shots, "credit-phone.png"), fullPage: true });
    problems.push(...(await blockingViolations(phone, "credit (not connected, phone)")));
    await phone.close();

    assert.deepEqual(problems, [], `axe-core found serious or critical violations:\n${problems.join("\n")}`);
  },
};
