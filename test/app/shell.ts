/**
 * The shell: the browser wallet connects through "Connect wallet" (wagmi's injected connector), the app follows
 * the wallet's account and chain changes, the demo picker connects a dev account (kept across a reload until
 * disconnected), and every page opens from the nav, on a phone too (no tab hidden behind a scrollbar).
 */
import assert from "node:assert/strict";
import { PHONE } from "../../scripts/lib/app-e2e/browser.ts";
import { isPageAddress, PAGE_PATHS, tabOf } from "./pages.ts";
import { connectedAddress, eventually, found, PEOPLE, settled, type Flow } from "./harness.ts";

const NAV_LABELS = {
  me: "My cooperative",
  work: "Work",
  decisions: "Decisions",
  treasury: "Treasury",
  audit: "Audit",
  credit: "Credit",
};

export const shell: Flow = {
  name: "shell",
  title: "connect the browser wallet, follow its account and chain, pick a demo person, open every page",
  async run(ctx) {
    const [alice, carla, dara] = [ctx.accounts[PEOPLE.alice], ctx.accounts[PEOPLE.carla], ctx.accounts[PEOPLE.dara]];
    const page = await ctx.open("#/");
    const requests = () => page.evaluate("window.__e2eWallet.requests") as Promise<string[]>;
    assert.equal(await connectedAddress(page), undefined, "a fresh profile starts unconnected");

    const connect = await found(page.locator(".connect > button"), "the Connect wallet button");
    assert.equal((await connect.innerText()).trim(), "Connect wallet");
    assert.ok(await connect.isEnabled(), "Connect wallet is enabled when a browser wallet is present");
    await connect.click();
    await eventually(async () => assert.equal(await connectedAddress(page), alice.toLowerCase()));
    assert.ok((await requests()).includes("eth_requestAccounts"), "connecting asked the wallet for its accounts");
    // The name comes with the demo's names, which may arrive after the address.
    await eventually(async () => assert.match(await page.locator(".connect .connected").innerText(), /Alice/));

    // The wallet's user picks another account: the app follows (accountsChanged).
    await page.evaluate(`window.__e2eWallet.setAccount(${JSON.stringify(carla)})`);
    await eventually(async () => assert.equal(await connectedAddress(page), carla.toLowerCase()));

    // The wallet moves to another chain: the app says so and switches it back on request (chainChanged).
    await page.evaluate(`window.__e2eWallet.setChain("0x1")`);
    const banner = await found(page.locator(".banner[role=alert]", { hasText: "another network" }), "the banner");
    await banner.locator("button").click();
    await eventually(async () => assert.equal(await page.locator(".banner[role=alert]").count(), 0));
    assert.ok((await requests()).includes("wallet_switchEthereumChain"));

    // The demo picker: a dev account replaces the browser wallet's connection.
    await page.selectOption(".demo-picker select", `dev-${PEOPLE.dara}`);
    await eventually(async () => assert.equal(await connectedAddress(page), dara.toLowerCase()));
    assert.match(await page.locator(".connect .connected").innerText(), /Dara/);

    for (const [key, path] of Object.entries(PAGE_PATHS)) {
      const label = NAV_LABELS[key as keyof typeof NAV_LABELS];
      await page.locator(tabOf(path)).click();
      await eventually(async () =>
        assert.ok(isPageAddress(new URL(page.url()).hash, path), `${page.url()} is ${path}`),
      );
      // The h1 names the page once React has rendered the new route; then its books load.
      await eventually(async () => assert.equal((await page.locator("main h1").innerText()).trim(), label));
      await settled(page);
      assert.equal(await page.locator(tabOf(path)).getAttribute("aria-current"), "page");
      assert.ok((await page.locator("main").innerText()).trim().length > label.length, `${path} shows something`);
    }

    // The local chain offers Skip ahead, labelled as the test chain's, for the seeded vote still open. (Not pressed
    // here: the flows after this one share the chain and its clock.)
    const skip = page.locator("section.skip-ahead");
    await eventually(async () => assert.match(await skip.locator("h2").innerText(), /^Test chain only: skip ahead/));
    assert.ok(await skip.getByRole("button", { name: "End the vote now" }).isVisible(), "Skip ahead offers the vote");

    // The demo person stays connected across a reload, as a wallet extension would, until disconnected.
    await page.reload();
    await eventually(async () => assert.equal(await connectedAddress(page), dara.toLowerCase()));
    await page.locator(".connect .connected button").click();
    await eventually(async () => assert.equal(await connectedAddress(page), undefined));
    await page.reload();
    await settled(page);
    assert.equal(await connectedAddress(page), undefined, "a disconnected demo person stays disconnected");

    // On a phone every page's tab is in sight, none behind a scrollbar, and each opens its page.
    const phone = await ctx.open("#/", { viewport: PHONE });
    await settled(phone);
    const nav = phone.locator("nav.tabs");
    const [scrollWidth, clientWidth] = (await nav.evaluate((el) => [el.scrollWidth, el.clientWidth])) as number[];
    assert.ok(scrollWidth <= clientWidth, `the tabs scroll sideways on a phone (${scrollWidth} > ${clientWidth} px)`);
    for (const [key, path] of Object.entries(PAGE_PATHS)) {
      const tab = phone.locator(tabOf(path));
      const box = await tab.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the ${key} tab is within the phone's width`);
      await tab.click();
      await eventually(async () =>
        assert.equal((await phone.locator("main h1").innerText()).trim(), NAV_LABELS[key as keyof typeof NAV_LABELS]),
      );
    }
  },
};
