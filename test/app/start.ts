/**
 * Start a DisCO from the app, on a phone: the guided form refuses what the factory would (no Committed founder,
 * shares not adding up to 100 %) and says so under the field, the review lists everything in words with the estimated
 * gas, one transaction starts the DisCO with two founders, and the app lands on it; then a founder logs work in it.
 * The list of DisCOs shows both, each at its own address; an address from before names none and opens the first.
 * axe-core stays clean on the form and the list, in English and Spanish.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createPublicClient, http } from "viem";
import { discoverDisCOs, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import { PHONE } from "../../scripts/lib/app-e2e/browser.ts";
import { readDeploymentsFile } from "../../scripts/lib/deployments.ts";
import {
  axeViolations,
  byTestId,
  connectContracts,
  describeViolation,
  eventually,
  found,
  PEOPLE,
  selectMatching,
  settled,
  type Ctx,
  type Flow,
} from "./harness.ts";
import { screenshotsDir } from "./pages.ts";

const NAME = "Comunes Coop";
const BLOCKING = new Set(["serious", "critical"]);

/** axe-core's serious and critical violations on the page, described. */
async function blocking(page: Page, where: string): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact !== null && BLOCKING.has(v.impact))
    .map((v) => describeViolation(where, v));
}

/** The address's hash, lower-cased (the app writes addresses checksummed). */
const hashOf = (page: Page) => new URL(page.url()).hash.toLowerCase();

/** Nothing sticks out sideways. */
async function fitsWidth(page: Page, where: string): Promise<void> {
  const overflow = (await page.evaluate(
    "document.documentElement.scrollWidth - document.documentElement.clientWidth",
  )) as number;
  assert.ok(overflow <= 1, `${where} is ${overflow}px wider than the phone`);
}

/** The DisCO the factory started under `name`, as the SDK discovers it. */
async function startedDisCO(ctx: Ctx, name: string): Promise<FoundDisCO> {
  const file = readDeploymentsFile(ctx.deployment.network);
  assert.ok(file?.factory, "the tests' network has a factory");
  const client = createPublicClient({ transport: http(ctx.rpcUrl) });
  const matching = (await discoverDisCOs(client, file)).filter((d) => d.name === name);
  assert.equal(matching.length, 1, `one DisCO called ${name}`);
  return matching[0];
}

export const start: Flow = {
  name: "start",
  title: "start a DisCO with two founders from the app's guided form on a phone, land on it and log work in it",
  async run(ctx) {
    const [alice, bob] = [ctx.accounts[PEOPLE.alice], ctx.accounts[PEOPLE.bob]];
    const shots = screenshotsDir(ctx.results);
    mkdirSync(shots, { recursive: true });
    const violations: string[] = [];

    // An address from before there were several DisCOs opens the network's first, and is rewritten to name it.
    const page = await ctx.open("#/", { as: PEOPLE.alice, viewport: PHONE });
    const first = ctx.deployment.contracts.membership.address;
    await eventually(async () => assert.equal(hashOf(page), `#/d/${first.toLowerCase()}/`));
    assert.equal((await byTestId(page, "disco-name").innerText()).trim(), ctx.deployment.name);

    // The list of DisCOs, then the form.
    await page.getByRole("link", { name: "Other DisCOs" }).click();
    const list = await found(byTestId(page, "disco-list"), "the list of DisCOs");
    await found(byTestId(list, `disco-${first.toLowerCase()}`), "the first DisCO in the list");
    await eventually(async () => assert.match(await list.innerText(), /started on .*· \d+ members?/));
    await page.getByRole("link", { name: "Start a DisCO" }).click();
    const form = await found(byTestId(page, "start-form"), "the Start a DisCO form");
    const next = () => form.getByRole("button", { name: "Next" }).click();
    const atStep = (step: string) =>
      eventually(async () => assert.equal(await form.getAttribute("data-step"), step, `the form at ${step}`));

    // Name: nothing typed is refused, under the field.
    await next();
    await found(form.locator("#field-name-error"), "the message that the name is empty");
    await atStep("name");
    await form.locator('input[name="name"]').fill(NAME);
    await form.locator('input[name="symbol"]').fill("COMUN");
    await next();
    await atStep("constituencies");
    await next();

    // Founders: Alice (connected) is the first, Committed; without a Committed founder the form says so at once.
    await atStep("founders");
    assert.equal(await form.locator('input[name="founders.0.account"]').inputValue(), alice);
    await selectMatching(form.locator('select[name="founders.0.stage"]'), /^Casual$/);
    await eventually(async () =>
      assert.match(await byTestId(form, "committed-check").innerText(), /At least one founder must be Committed/),
    );
    await next();
    await atStep("founders");
    await selectMatching(form.locator('select[name="founders.0.stage"]'), /^Committed$/);
    await eventually(async () =>
      assert.match(await byTestId(form, "committed-check").innerText(), /1 Committed founder/),
    );
    await form.getByRole("button", { name: "Add a founder" }).click();
    await form.locator('input[name="founders.1.account"]').fill(bob);
    await selectMatching(form.locator('select[name="founders.1.stage"]'), /^Dating 2$/);
    await selectMatching(form.locator('select[name="founders.1.constituency"]'), /^community$/);
    // A Dating founder needs a mentor: refused until one is chosen.
    await next();
    await found(form.locator("#field-founders-1-mentor-error"), "the message asking for a mentor");
    await form.locator('select[name="founders.1.mentor"]').selectOption(alice);
    await next();

    // Treasurers: Alice.
    await atStep("treasurers");
    await form.getByRole("button", { name: "Add a treasurer" }).click();
    await form.locator('input[name="treasurers.0"]').fill(alice);
    await next();

    // Rules: each with the model's default in a plain sentence; shares not adding up to 100 % are refused.
    await atStep("rules");
    assert.match(await form.innerText(), /Review window[\s\S]*The DisCO model starts with 3 days\./);
    await form.locator('input[name="rule-reviewWindow"]').fill("2");
    await form.locator('input[name="rule-quorum"]').fill("60");
    await form.locator('input[name="rule-bucket0"]').fill("70");
    await next();
    await eventually(async () =>
      assert.match(await form.locator("#field-rule-bucket0-error").innerText(), /add up to 95 %, not 100 %/),
    );
    await atStep("rules");
    await form.locator('input[name="rule-bucket1"]').fill("30");
    await next();

    // Currency: the local chain's DemoEuro, offered and checked.
    await atStep("currency");
    assert.equal(
      (await form.locator('input[name="currency"]').inputValue()).toLowerCase(),
      ctx.deployment.contracts.token.address.toLowerCase(),
    );
    await eventually(async () => assert.match(await byTestId(form, "currency-check").innerText(), /6 decimals/));
    await next();

    // The review, in words, with the gas; axe-clean in both languages, and within the phone's width.
    await atStep("review");
    const review = byTestId(page, "start-review");
    await eventually(async () =>
      assert.match(await byTestId(review, "start-gas").innerText(), /[\d,]+ gas, about .* ETH/),
    );
    const expectations = [
      `“${NAME}”`,
      /Alice[\s\S]*Committed, worker/,
      /Bob[\s\S]*Dating 2, community[\s\S]*mentored by[\s\S]*Alice/,
      "Review window: 2 days",
      "Quorum: 60 %",
      /Livelihood: 70 %[\s\S]*Love: 30 %/,
    ];
    // The demo's names come with the dev accounts, which may arrive after the review.
    await eventually(async () => {
      const words = await review.innerText();
      for (const expected of expectations) {
        if (typeof expected === "string") assert.ok(words.includes(expected), `the review says ${expected}`);
        else assert.match(words, expected);
      }
    });
    violations.push(...(await blocking(page, "start review (phone, en)")));
    await fitsWidth(page, "the review");
    await page.screenshot({ path: join(shots, "start-review-phone.png"), fullPage: true });
    await page.locator("header .lang select").selectOption("es");
    await eventually(async () => assert.match(await form.innerText(), /Repasar y empezar/));
    await eventually(async () => assert.match(await byTestId(review, "start-gas").innerText(), /gas/));
    violations.push(...(await blocking(page, "start review (phone, es)")));
    await fitsWidth(page, "the review in Spanish");
    await page.locator("header .lang select").selectOption("en");
    await eventually(async () => assert.match(await form.innerText(), /Review and start/));

    // One transaction, and the app lands on the new DisCO's home page.
    await page.getByTestId("start-submit").click();
    const disco = await eventually(() => startedDisCO(ctx, NAME), 30_000);
    const membership = disco.contracts.membership.address;
    await eventually(async () => assert.equal(hashOf(page), `#/d/${membership.toLowerCase()}/`), 30_000);
    await eventually(async () => assert.equal((await byTestId(page, "disco-name").innerText()).trim(), NAME), 30_000);
    await settled(page);

    // What was started is what the review said.
    const started = connectContracts(disco, ctx.provider);
    assert.equal(await started.membership.memberCount(), 2n);
    assert.equal(await started.membership.stageOf(bob), 3n, "Bob is Dating 2");
    assert.equal((await started.membership.memberOf(bob)).mentor, alice);
    assert.equal(await started.membership.constituencyName(1), "community");
    assert.equal(await started.ledger.reviewWindow(), 2n * 24n * 3600n);
    assert.equal(await started.governor["quorumNumerator()"](), 6_000n);
    assert.deepEqual([...(await started.treasury.buckets())], [7_000n, 3_000n, 0n]);

    // Alice logs work in it, from its own Work page.
    await page.locator('nav.tabs a[href$="/work"]').click();
    await eventually(async () => assert.equal(hashOf(page), `#/d/${membership.toLowerCase()}/work`));
    const logForm = await found(byTestId(page, "log-work"), 'the form data-testid="log-work"');
    await logForm.locator('input[name="amount"]').fill("4");
    await logForm.locator('textarea[name="note"]').fill("Set up the new DisCO's first period.");
    await selectMatching(logForm.locator('select[name="stream"]'), /^(livelihood|0)$/i);
    await logForm.locator('[type="submit"]').click();
    await eventually(async () => assert.equal(await started.ledger.entryCount(), 1n, "one entry in the new DisCO"));
    assert.equal((await started.ledger.entry(1n)).author, alice);
    await eventually(async () => assert.match(await byTestId(page, "entry-1").innerText(), /Pending/));

    // The list shows both DisCOs, the new one with its two members; each opens at its own address.
    const desktop = await ctx.open(`#/d/${membership}/discos`, { as: PEOPLE.alice });
    const both = await found(byTestId(desktop, "disco-list"), "the list of DisCOs");
    await eventually(async () =>
      assert.match(await byTestId(both, `disco-${membership.toLowerCase()}`).innerText(), /2 members/),
    );
    await found(byTestId(both, `disco-${first.toLowerCase()}`), "the first DisCO in the list");
    violations.push(...(await blocking(desktop, "DisCO list (desktop, en)")));
    await desktop.screenshot({ path: join(shots, "discos-desktop.png"), fullPage: true });
    await byTestId(both, `disco-${first.toLowerCase()}`).getByRole("link").click();
    await eventually(async () =>
      assert.equal((await byTestId(desktop, "disco-name").innerText()).trim(), ctx.deployment.name),
    );

    // An old address still opens the first DisCO.
    const old = await ctx.open("#/work");
    assert.equal((await byTestId(old, "disco-name").innerText()).trim(), ctx.deployment.name);
    await eventually(async () => assert.equal(hashOf(old), `#/d/${first.toLowerCase()}/work`));

    assert.deepEqual(violations, [], `axe-core found serious or critical violations:\n${violations.join("\n")}`);
  },
};
