/**
 * The shell: the browser wallet connects through "Connect wallet" (wagmi's injected connector), the app follows
 * the wallet's account and chain changes, the demo picker connects a dev account (kept across a reload until
 * disconnected), and every page opens from the nav.
 */
import assert from "node:assert/strict";
import { PAGE_PATHS } from "./pages.ts";
import { connectedAddress, eventually, found, PEOPLE, settled, type Flow } from "./harness.ts";

const NAV_LABELS = { me: "My cooperative", work: "Work", decisions: "Decisions", treasury: "Treasury", audit: "Audit" };

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
      await page.locator(`nav.tabs a[href="${path}"]`).click();
      await eventually(async () => assert.equal(new URL(page.url()).hash || "#/", path));
      // The h1 names the page once React has rendered the new route; then its books load.
      await eventually(async () => assert.equal((await page.locator("main h1").innerText()).trim(), label));
      await settled(page);
      assert.equal(await page.locator(`nav.tabs a[href="${path}"]`).getAttribute("aria-current"), "page");
      assert.ok((await page.locator("main").innerText()).trim().length > label.length, `${path} shows something`);
    }

    // The demo person stays connected across a reload, as a wallet extension would, until disconnected.
    await page.reload();
    await eventually(async () => assert.equal(await connectedAddress(page), dara.toLowerCase()));
    await page.locator(".connect .connected button").click();
    await eventually(async () => assert.equal(await connectedAddress(page), undefined));
    await page.reload();
    await settled(page);
    assert.equal(await connectedAddress(page), undefined, "a disconnected demo person stays disconnected");
  },
};
