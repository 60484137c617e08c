/**
 * The federation, on the seeded demo's "Commons Federation" (scripts/seed.ts): Demo DisCO's Federation page lists it
 * among its own, shows its member DisCOs with their latest check-ins (River DisCO's dishonest one challenged for its
 * money in, the others confirmed), Garden DisCO's open application, and the trust picture with its table; Carla
 * drafts a set-trust proposal and proposes it to Demo DisCO's members; the profile page shows Demo DisCO's recorded
 * profile checked against its hash, and its form says what is wrong field by field and gives the document's hash.
 * Jun, an auditor, has the peers' check-ins recomputed in the browser and River DisCO's money in found to differ.
 * In Spanish too; axe-core stays clean; nothing sticks out sideways on a 360 px phone. Screenshots at desktop and phone
 * sizes.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createPublicClient, http } from "viem";
import { discoverDisCOs, findDisCO } from "@disco-ledger/sdk/discovery";
import {
  discoverFederations,
  federationProposalState,
  findFederation,
  loadFederation,
  type ProposalStateName,
} from "@disco-ledger/sdk/federation";
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
const MEMBERS = ["Demo DisCO", "Small DisCO", "River DisCO"];
/** The seed's trust values (from, to, value). */
const TRUST = [
  ["Demo DisCO", "Small DisCO", 80],
  ["Small DisCO", "Demo DisCO", 70],
  ["Demo DisCO", "River DisCO", 40],
  ["River DisCO", "Demo DisCO", 60],
  ["Small DisCO", "River DisCO", 30],
] as const;
/** Where Garden DisCO's application stands now, by the SDK's fold of the federation and the chain's clock. */
async function gardenApplication(ctx: Ctx): Promise<ProposalStateName> {
  const client = createPublicClient({ transport: http(ctx.rpcUrl) });
  const chain = readDeploymentsFile(ctx.deployment.network);
  assert.ok(chain?.factory, "the tests' network has a factory");
  const fed = findFederation(await discoverFederations(client, chain), FEDERATION);
  const state = await loadFederation(client, fed);
  const garden = findDisCO(await discoverDisCOs(client, chain), "Garden DisCO").contracts.membership.address;
  const proposal = state.proposals.find((p) => p.kind === "Admit" && p.subject?.toLowerCase() === garden.toLowerCase());
  assert.ok(proposal, "the seed's application of Garden DisCO");
  const now = Number((await client.getBlock()).timestamp);
  return federationProposalState(proposal, state.votingPeriod, now);
}

/** Opens the Federation page and waits for the federation's member DisCOs. */
async function openFederation(ctx: Ctx, options: Parameters<Ctx["open"]>[1] = {}): Promise<Page> {
  const page = await ctx.open("#/federation", options);
  await found(byTestId(page, "fed-members"), 'the member DisCOs data-testid="fed-members"', 60_000);
  return page;
}

export const federation: Flow = {
  name: "federation",
  title:
    "the Commons Federation's members, check-ins (one challenged, and found so again by Jun's recomputation), application and trust picture; Carla proposes a trust value; Demo DisCO's checked profile",
  async run(ctx) {
    const shots = screenshotsDir(ctx.results);
    mkdirSync(shots, { recursive: true });
    const problems: string[] = [];

    // 1. Demo DisCO's federations: the Commons Federation among its own, shown.
    const page = await openFederation(ctx, { as: PEOPLE.carla, viewport: DESKTOP });
    const ours = await found(
      byTestId(page, "our-federations"),
      'the DisCO\'s federations data-testid="our-federations"',
    );
    assert.match(await ours.innerText(), new RegExp(`${FEDERATION}\\s*member`));
    assert.match(await page.locator("main").innerText(), /ipfs:\/\/bafy-commons-federation-charter/);

    // 2. The member DisCOs side by side, each with its latest check-ins and their standing.
    const members = byTestId(page, "fed-members");
    await eventually(async () => {
      const names = await members.locator("> li h3").allInnerTexts();
      assert.deepEqual([...names].sort(), [...MEMBERS].sort(), "the three member DisCOs");
    });
    const statuses = await members.locator('[data-testid="checkin-status"]').allInnerTexts();
    assert.ok(statuses.includes("challenged: money in"), `a check-in challenged for its money in: ${statuses}`);
    assert.ok(
      statuses.some((s) => /^confirmed by \d DisCOs?$/.test(s)),
      `the honest check-ins confirmed: ${statuses}`,
    );
    const river = members.locator("> li", { hasText: "River DisCO" });
    assert.match(await river.innerText(), /challenged: money in/, "River DisCO's is the challenged one");
    assert.match(await river.innerText(), /challenged money in: /, "with the auditor's reason");
    // Every seeded DisCO keeps its books in the demo's euro: read with its token's decimals, no note of another one.
    await eventually(async () => assert.match(await river.innerText(), /Money in\s+[\d,]+\.\d\d €/));
    assert.equal(await byTestId(members, "other-currency").count(), 0, "no DisCO in another currency");

    // 3. Garden DisCO's application, with its votes while it is open (the flows before this one may have moved the
    // chain's clock past its deadline: then it is no longer listed as open).
    const application = await gardenApplication(ctx);
    if (application === "Active") {
      const proposals = await found(byTestId(page, "fed-proposals"), 'the open proposals data-testid="fed-proposals"');
      assert.match(await proposals.innerText(), /Admit Garden DisCO\s+Voting/);
      assert.match(await proposals.innerText(), /Demo DisCO voted for/);
      // Demo DisCO voted on it already: it is not offered to vote on again (the contract would refuse).
      const offered = await byTestId(page, "fed-vote").locator("option").allInnerTexts();
      assert.ok(!offered.some((o) => /Admit Garden DisCO/.test(o)), `not offered again: ${offered}`);
    } else {
      assert.doesNotMatch(await page.locator("main").innerText(), /Admit Garden DisCO/, `${application}: not open`);
    }

    // 4. The trust picture: a node per member, an arrow per value, wider as it grows; the table says the same.
    const picture = await found(byTestId(page, "trust-picture"), 'the trust picture data-testid="trust-picture"');
    assert.equal(await picture.locator('[data-testid="trust-node"]').count(), MEMBERS.length);
    const arrows = picture.locator('[data-testid="trust-arrow"]');
    assert.equal(await arrows.count(), TRUST.length, "an arrow per trust value");
    const widths = new Map<number, number>();
    for (const arrow of await arrows.all()) {
      widths.set(
        Number(await arrow.getAttribute("data-value")),
        Number(await arrow.locator("path").getAttribute("stroke-width")),
      );
    }
    assert.ok((widths.get(80) ?? 0) > (widths.get(30) ?? 0), `80 drawn wider than 30: ${[...widths]}`);
    const rows = await byTestId(page, "trust-table").locator("tbody tr").allInnerTexts();
    for (const [from, to, value] of TRUST) {
      assert.ok(
        rows.some((r) => r.startsWith(`${from}\t${to}\t${value}\t`)),
        `the table has ${from} -> ${to}: ${value} (${JSON.stringify(rows)})`,
      );
    }
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, "federation-desktop.png"), fullPage: true });
    problems.push(...(await blockingViolations(page, "federation (Carla, en)")));

    // 5. Carla drafts Demo DisCO's trust toward Small DisCO at 90 and proposes it to the members.
    const trust = await found(byTestId(page, "fed-trust"), 'the trust form data-testid="fed-trust"');
    await selectMatching(trust.locator('select[name="trust-to"]'), /Small DisCO/);
    await trust.locator('input[name="trust-value"]').fill("90");
    const draft = await found(byTestId(trust, "proposal-draft"), "the drafted proposal");
    assert.match(
      await draft.innerText(),
      /Set our trust in Small DisCO to 90 out of 100 in the federation “Commons Federation”/,
    );
    const { governor } = ctx.contracts;
    const before = (await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock)).length;
    const propose = trust.getByRole("button", { name: "Propose to the members" });
    await eventually(async () => assert.equal(await propose.isEnabled(), true, "the proposal can be made"));
    await propose.click();
    await found(trust.locator('[data-phase="confirmed"]'), "the proposal confirmed on chain", 60_000);
    await eventually(async () => {
      const created = await governor.queryFilter(governor.filters.ProposalCreated(), ctx.deployment.startBlock);
      assert.equal(created.length, before + 1, "one proposal made");
      assert.match(String(created.at(-1)?.args.description), /Set our trust in Small DisCO to 90/);
    });

    // 6. In Spanish: the standing and the picture's table in the members' other language.
    await page.locator("header .lang select").selectOption("es");
    await eventually(async () =>
      assert.match(await byTestId(page, "fed-members").innerText(), /impugnado: dinero entrante/),
    );
    problems.push(...(await blockingViolations(page, "federation (Carla, es)")));
    await page.locator("header .lang select").selectOption("en");
    await page.close();

    // 7. Jun, Demo DisCO's auditor, has the peers' check-ins recomputed from their own logs in the browser: River
    // DisCO's inflated money in is found, Small DisCO's match; Demo DisCO has judged them all already.
    const auditor = await openFederation(ctx, { as: PEOPLE.jun, viewport: DESKTOP });
    const verify = await found(byTestId(auditor, "fed-verify"), 'the verification desk data-testid="fed-verify"');
    await verify.getByRole("button", { name: "Recompute the check-ins" }).click();
    const riverTwo = verify.locator("li", { hasText: "River DisCO · Period 2" });
    await found(riverTwo, "River DisCO's period 2 recomputed", 60_000);
    assert.match(await riverTwo.innerText(), /differs in: money in/);
    assert.match(await riverTwo.innerText(), /Demo DisCO has judged it/);
    const small = await verify.locator("li", { hasText: "Small DisCO" }).allInnerTexts();
    assert.ok(small.length > 0 && small.every((text) => /matches/.test(text)), `${small}`);
    await auditor.close();

    // 8. On a phone, nothing sticks out sideways, and the table carries every value.
    const phone = await openFederation(ctx, { viewport: NARROW_PHONE });
    await found(byTestId(phone, "trust-table"), "the trust table on a phone");
    assert.ok((await sidewaysOverflow(phone)) <= 1, `the Federation page fits ${NARROW_PHONE.width} px`);
    await phone.waitForTimeout(500);
    await phone.screenshot({ path: join(shots, "federation-phone.png"), fullPage: true });
    problems.push(...(await blockingViolations(phone, "federation (not connected, phone)")));
    await phone.close();

    // 9. Demo DisCO's public profile: fetched, checked against the recorded hash; the form builds a new document.
    const profile = await ctx.open("#/profile", { as: PEOPLE.carla, viewport: DESKTOP });
    const shown = await found(byTestId(profile, "profile-document"), "the checked profile document", 30_000);
    assert.match(await shown.innerText(), /Checked: the document matches the hash the members recorded/);
    assert.match(await shown.innerText(), /Demo DisCO/);
    const form = await found(byTestId(profile, "profile-form"), "the profile form");
    const website = form.locator('input[name="website"]');
    await website.fill("demo.disco.coop");
    assert.match(
      await (await found(byTestId(form, "problem-website"), "the website's problem")).innerText(),
      /starting with https:\/\//,
    );
    await website.fill("https://demo.disco.coop/new");
    const hash = await found(byTestId(form, "profile-hash"), "the new document's hash");
    assert.match(await hash.innerText(), /0x[0-9a-f]{64}/);
    await form.getByRole("button", { name: /Keep it in the record/ }).click();
    assert.match(
      await (await found(byTestId(form, "proposal-draft"), "the drafted setProfile proposal")).innerText(),
      /Publish our public profile: data:application\/json;base64,/,
    );
    assert.ok((await sidewaysOverflow(profile)) <= 1, "the drafted profile's long address wraps inside the page");
    problems.push(...(await blockingViolations(profile, "profile (Carla, en)")));
    await profile.screenshot({ path: join(shots, "federation-profile-desktop.png"), fullPage: true });
    await profile.close();
    const profilePhone = await ctx.open("#/profile", { viewport: NARROW_PHONE });
    await found(byTestId(profilePhone, "profile-document"), "the profile on a phone", 30_000);
    assert.ok((await sidewaysOverflow(profilePhone)) <= 1, `the profile page fits ${NARROW_PHONE.width} px`);
    await profilePhone.screenshot({ path: join(shots, "federation-profile-phone.png"), fullPage: true });
    await profilePhone.close();

    assert.deepEqual(problems, [], `axe-core found serious or critical violations:\n${problems.join("\n")}`);
  },
};
