/**
 * The dApp's browser tests: a chain of their own with the seeded demo, the app built for it and served as in
 * production (Vite's preview of frontend/dist), then the flows of test/app/ in Chromium with a wallet backed by the
 * node's dev accounts. Prints `browser tests: N passed, M failed`, saves a screenshot of every page at desktop and
 * phone sizes, and stops the chain, the server and the browser however it ends.
 *
 *   node scripts/app-test.ts [--only shell,work,...] [--chain-port N] [--app-port N]
 *
 * Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Without it the tests fail, saying how to install it; outside
 * CI, DISCO_SKIP_BROWSER_TESTS=1 turns that into a skip that says so.
 * Deploys as network e2e (deployments/e2e.json), so a running `npm start` is left alone; leaves frontend/dist built
 * for the tests' chain. Output: test-results/app/ (logs, screenshots, downloads).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getAddress, JsonRpcProvider } from "ethers";
import type { Page } from "playwright-core";
import { CHROMIUM_MISSING, chromiumInstalled, launchBrowser, type Browser } from "./lib/app-e2e/browser.ts";
import {
  buildApp,
  freePort,
  hardhatRun,
  rpc,
  run,
  servePreview,
  startChain,
  type Chain,
  type Served,
} from "./lib/processes.ts";
import { readDeployment, ROOT } from "./lib/deployments.ts";
import { connectContracts, openPage, type Ctx, type OpenOptions } from "../test/app/harness.ts";
import { FLOWS } from "../test/app/index.ts";

/** The tests deploy as a network of their own (hardhat.config.ts). */
const NETWORK = "e2e";
const RESULTS = join(ROOT, "test-results", "app");
const LOG = join(RESULTS, "setup.log");

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    "chain-port": { type: "string" },
    "app-port": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    "usage: node scripts/app-test.ts [--only <flow,...>] [--chain-port N] [--app-port N]\n" +
      `flows: ${FLOWS.map((f) => f.name).join(", ")}`,
  );
  process.exit(0);
}
const only = values.only?.split(",").map((s) => s.trim());
const unknown = only?.filter((name) => !FLOWS.some((f) => f.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`No flow named ${unknown.join(", ")}; the flows: ${FLOWS.map((f) => f.name).join(", ")}`);
  process.exit(2);
}
const flows = only ? FLOWS.filter((f) => only.includes(f.name)) : FLOWS;

if (!chromiumInstalled()) {
  console.error(CHROMIUM_MISSING);
  if (process.env.DISCO_SKIP_BROWSER_TESTS === "1" && process.env.CI !== "true") {
    console.error("browser tests: SKIPPED (DISCO_SKIP_BROWSER_TESTS=1): the dApp was not tested in a browser.");
    process.exit(0);
  }
  if (process.env.CI === "true") console.error("Under CI the browser tests never skip.");
  process.exit(1);
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

let chain: Chain | undefined;
let server: Served | undefined;
let browser: Browser | undefined;
let stopping: Promise<void> | undefined;
const stopAll = () =>
  (stopping ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await chain?.stop().catch(() => undefined);
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the browser tests' chain, server and browser...`);
    void stopAll().then(() => process.exit(1));
  });
}

const passed: string[] = [];
const failed: string[] = [];
const pageErrors: string[] = [];
const started = performance.now();
try {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(LOG, "");

  let step = performance.now();
  await run("hardhat", ["build", "--quiet"], { log: LOG });
  const chainPort = values["chain-port"] ? Number(values["chain-port"]) : await freePort();
  chain = await startChain(chainPort, RESULTS);
  console.log(`Chain on ${chain.url} (log: ${chain.log}); deploying and seeding the demo...`);
  await hardhatRun("scripts/deploy.ts", NETWORK, chain, LOG);
  await hardhatRun("scripts/seed.ts", NETWORK, chain, LOG);
  console.log(`  demo seeded in ${seconds(step)}; building the app for it...`);
  step = performance.now();
  await buildApp(chain, LOG, NETWORK);
  server = await servePreview(values["app-port"] ? Number(values["app-port"]) : await freePort());
  console.log(`  app built in ${seconds(step)}, served at ${server.url} (setup log: ${LOG})`);
  browser = await launchBrowser();

  const deployment = readDeployment(NETWORK);
  const provider = new JsonRpcProvider(chain.url, deployment.chainId, { staticNetwork: true });
  const accounts = (await rpc<string[]>(chain.url, "eth_accounts")).map((a) => getAddress(a));
  const openPages: Page[] = [];
  const base = {
    rpcUrl: chain.url,
    chainId: deployment.chainId,
    accounts,
    appUrl: server.url,
    context: browser.context,
  };
  const activeChain = chain;
  const ctx: Ctx = {
    ...base,
    deployment,
    provider,
    contracts: connectContracts(deployment, provider),
    results: RESULTS,
    shared: new Map(),
    resolveDisputes: () => hardhatRun("scripts/lib/app-e2e/resolve-dispute.ts", NETWORK, activeChain, LOG),
    async advanceTime(seconds: number | bigint) {
      await rpc(activeChain.url, "evm_increaseTime", [Number(seconds)]);
      await rpc(activeChain.url, "evm_mine");
    },
    async open(hash: string, options?: OpenOptions) {
      const page = await openPage(base, hash, options, pageErrors);
      openPages.push(page);
      return page;
    },
  };

  console.log(`\nBrowser flows (Chromium, ${flows.length} of ${FLOWS.length}):`);
  for (const flow of flows) {
    step = performance.now();
    try {
      await flow.run(ctx);
      passed.push(flow.name);
      console.log(`  ✔ ${flow.name}: ${flow.title} (${seconds(step)})`);
    } catch (error) {
      failed.push(flow.name);
      console.log(`  ✘ ${flow.name}: ${flow.title} (${seconds(step)})`);
      console.log(`    ${String((error as Error).stack ?? error).replace(/\n/g, "\n    ")}`);
      const dir = join(RESULTS, "failures");
      mkdirSync(dir, { recursive: true });
      for (const [i, page] of openPages.entries()) {
        if (page.isClosed()) continue;
        const file = join(dir, `${flow.name}-${i + 1}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        console.log(`    page ${page.url()}: ${file}`);
      }
    }
    for (const page of openPages.splice(0)) await page.close().catch(() => undefined);
  }
  provider.destroy();

  const shots = ctx.shared.get("screenshots") as string[] | undefined;
  if (shots) console.log(`\nScreenshots:\n${shots.map((s) => `  ${s}`).join("\n")}`);
} catch (error) {
  failed.push("setup");
  console.error(`\nThe browser tests could not start: ${(error as Error).message}`);
} finally {
  await stopAll();
}

if (pageErrors.length > 0) {
  console.log(`\nErrors the pages threw (${pageErrors.length}):\n${pageErrors.map((e) => `  ${e}`).join("\n")}`);
}
console.log(`\nbrowser tests: ${passed.length} passed, ${failed.length} failed (${seconds(started)})`);
if (failed.length > 0) console.log(`failed: ${failed.join(", ")}`);
process.exit(failed.length > 0 ? 1 : 0);
