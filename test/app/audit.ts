/** Flow e: the auditor's CSV exports add up to what the contracts say. */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ENTRY_STATUSES, STREAMS } from "@disco-ledger/sdk/ledger";
import { csvObjects, rawAmount } from "./csv.ts";
import { byTestId, found, PEOPLE, type Contracts, type Flow } from "./harness.ts";

/** Clicks an export button and returns the file it downloads (kept in test-results/app/downloads/). */
async function download(page: Page, testId: string, dir: string): Promise<string> {
  const button = await found(byTestId(page, testId), `the button data-testid="${testId}"`);
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 20_000 }), button.click()]);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${testId}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return readFileSync(path, "utf8");
}

/** entries.csv: a row per entry, each as the ledger has it, and the Counted ones add up to the period totals. */
export async function assertEntriesCsv({ ledger }: Pick<Contracts, "ledger">, text: string): Promise<void> {
  const entries = csvObjects(text);
  const count = await ledger.entryCount();
  assert.equal(entries.rows.length, Number(count), "one row per entry");
  const current = Number(await ledger.currentPeriod());
  const counted = new Map<string, bigint>();
  for (const row of entries.rows) {
    const onChain = await ledger.entry(BigInt(row.id));
    assert.equal(row.status, ENTRY_STATUSES[Number(onChain.status)], `entry ${row.id}'s status`);
    assert.equal(rawAmount(row, "amount", 2), onChain.amount, `entry ${row.id}'s amount`);
    assert.equal(Number(row.period), Number(onChain.period), `entry ${row.id}'s period`);
    if (row.status === "Counted") {
      const key = `${row.period}/${row.stream}`;
      counted.set(key, (counted.get(key) ?? 0n) + rawAmount(row, "amount", 2));
    }
  }
  for (let period = 1; period <= current; period++) {
    const totals = await ledger.periodTotals(period);
    STREAMS.forEach((stream, s) => {
      assert.equal(
        counted.get(`${period}/${stream}`) ?? 0n,
        totals.historical[s],
        `counted ${stream} in period ${period} = ledger.periodTotals`,
      );
    });
  }
}

/** periods.csv: each period's totals and funding as the ledger and treasury have them; unclaimed = owed(). */
export async function assertPeriodsCsv(
  { ledger, treasury }: Pick<Contracts, "ledger" | "treasury">,
  text: string,
): Promise<void> {
  const periods = csvObjects(text);
  assert.equal(periods.rows.length, Number(await ledger.currentPeriod()), "one row per period");
  let funded = 0n;
  let claimed = 0n;
  for (const row of periods.rows) {
    const period = Number(row.period);
    const totals = await ledger.periodTotals(period);
    STREAMS.forEach((stream, s) => {
      assert.equal(rawAmount(row, `historical${stream}`, 2), totals.historical[s], `period ${period} ${stream}`);
      assert.equal(rawAmount(row, `payable${stream}`, 2), totals.payable_[s], `period ${period} payable ${stream}`);
    });
    assert.equal(rawAmount(row, "funded", 6), (await treasury.pool(period)).funded, `period ${period} funded`);
    funded += rawAmount(row, "funded", 6);
    claimed += rawAmount(row, "claimed", 6);
  }
  // What was funded and not claimed is what the treasury owes (ITreasury's conservation).
  assert.equal(funded - claimed, await treasury.owed(), "funded - claimed = treasury.owed()");
}

export const audit: Flow = {
  name: "audit",
  title: "Jun sees the books reconcile and exports entries and periods whose totals equal the contracts' views",
  async run(ctx) {
    const downloads = join(ctx.results, "downloads");
    const page = await ctx.open("#/audit", { as: PEOPLE.jun });
    await found(
      page.locator('[data-testid="reconciliation"][data-status="ok"]'),
      'data-testid="reconciliation" with data-status="ok"',
      60_000,
    );

    await assertEntriesCsv(ctx.contracts, await download(page, "csv-entries", downloads));
    await assertPeriodsCsv(ctx.contracts, await download(page, "csv-periods", downloads));
  },
};
