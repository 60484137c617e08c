/**
 * The dApp's load benchmark (a measurement, not a test): how soon the home page shows the cooperative's figures
 * with a history of at least 10,000 events, on a first visit (every log fetched, decoded and folded in the browser)
 * and on a second (the decoded events from IndexedDB). Targets: 2 s and 0.5 s.
 *
 *   node scripts/app-bench.ts [--events N] [--chain-port N] [--app-port N]
 *
 * Builds the history on a chain of its own (the audit benchmark's buildHistory, through the contracts' real entry
 * points), builds the app for it, serves it as in production and loads it in Chromium with a fresh profile. Time
 * zero is the navigation's start; the app marks `disco-figures` when the books are first ready
 * (frontend/src/data/history.tsx), and the figures count as shown once `[data-figures]` is visible.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { CHROMIUM_MISSING, chromiumInstalled, launchBrowser, type Browser } from "./lib/app-e2e/browser.ts";
import { buildApp, hardhatRun, run, servePreview, startChain, type Chain, type Served } from "./lib/processes.ts";
import { initialJavaScript, INITIAL_JS_BUDGET } from "./lib/app-server.ts";
import { deploymentPath, ROOT } from "./lib/deployments.ts";

const TARGETS = { firstMs: 2_000, cachedMs: 500 };
const NETWORK = "bench";
const RESULTS = join(ROOT, "test-results", "app-bench");
const LOG = join(RESULTS, "setup.log");

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "10000" },
    "chain-port": { type: "string", default: "8550" },
    "app-port": { type: "string", default: "5178" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log("usage: node scripts/app-bench.ts [--events N] [--chain-port N] [--app-port N]");
  process.exit(0);
}
if (!chromiumInstalled()) {
  console.error(CHROMIUM_MISSING);
  process.exit(1);
}

/** One load of the home page, as the page's own clock saw it (ms since the navigation started). */
interface Load {
  markMs: number;
  visibleMs: number;
  fromCache: boolean;
  events: number;
  domContentLoadedMs: number;
  /** The requests to the chain's RPC URL that ended before the mark. */
  rpc: { count: number; firstStartMs: number; lastEndMs: number };
}

/** Waits for the mark and the visible figures (checked every frame), then reads the page's timings. */
async function measure(page: Page, rpcUrl: string): Promise<Load> {
  const handle = await page.waitForFunction(
    `(() => {
      const mark = performance.getEntriesByName("disco-figures")[0];
      const figures = document.querySelector("[data-figures]");
      if (!mark || !figures || !figures.checkVisibility()) return false;
      return { visibleMs: performance.now(), markMs: mark.startTime, detail: mark.detail };
    })()`,
    undefined,
    { polling: "raf", timeout: 300_000 },
  );
  const seen = (await handle.jsonValue()) as {
    visibleMs: number;
    markMs: number;
    detail: { fromCache: boolean; events: number };
  };
  const timings = (await page.evaluate(
    `(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const rpc = performance.getEntriesByType("resource")
        .filter((e) => e.name.startsWith(${JSON.stringify(rpcUrl)}) && e.responseEnd <= ${seen.markMs});
      return {
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : 0,
        rpc: {
          count: rpc.length,
          firstStartMs: rpc.length ? Math.min(...rpc.map((e) => e.startTime)) : 0,
          lastEndMs: rpc.length ? Math.max(...rpc.map((e) => e.responseEnd)) : 0,
        },
      };
    })()`,
  )) as Pick<Load, "domContentLoadedMs" | "rpc">;
  return {
    markMs: seen.markMs,
    visibleMs: seen.visibleMs,
    fromCache: seen.detail.fromCache,
    events: seen.detail.events,
    ...timings,
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString("en");

let chain: Chain | undefined;
let server: Served | undefined;
let browser: Browser | undefined;
const stopAll = async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await chain?.stop().catch(() => undefined);
  rmSync(deploymentPath(NETWORK), { force: true });
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(1)));
}

let exitCode = 0;
try {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const started = performance.now();
  await run("hardhat", ["build", "--quiet"], { log: LOG });
  chain = await startChain(Number(values["chain-port"]), RESULTS);
  console.log(`Building a history of at least ${count(Number(values.events))} events on ${chain.url}...`);
  await hardhatRun("scripts/lib/app-e2e/build-history.ts", NETWORK, chain, LOG, { APP_BENCH_EVENTS: values.events });
  const nodeLine = /^APP_BENCH_NODE (.*)$/m.exec(readFileSync(LOG, "utf8"))?.[1];
  const node = nodeLine
    ? (JSON.parse(nodeLine) as { events: number; fetchMs: number; decodeMs: number; foldMs: number })
    : undefined;
  console.log(`  built in ${s(performance.now() - started)}; building the app for it...`);
  await buildApp(chain, LOG, NETWORK);
  const js = initialJavaScript();
  server = await servePreview(Number(values["app-port"]));
  browser = await launchBrowser();

  const page = await browser.context.newPage();
  // Room for every request in the Resource Timing buffer (250 by default).
  await page.addInitScript("performance.setResourceTimingBufferSize(100000)");
  await page.goto(new URL("#/", server.url).toString());
  const first = await measure(page, chain.url);
  await page.reload();
  const second = await measure(page, chain.url);

  const met = (ms: number, target: number) => (ms <= target ? "met" : "MISSED");
  console.log(`
dashboard figures: first load ${s(first.markMs)} (${count(first.events)} events), second load from cache ${s(second.markMs)}
  targets: first load ${s(TARGETS.firstMs)} (${met(first.markMs, TARGETS.firstMs)}), second load ${s(TARGETS.cachedMs)} (${met(second.markMs, TARGETS.cachedMs)})
  [data-figures] visible: first ${s(first.visibleMs)}, second ${s(second.visibleMs)}
  fromCache: first ${first.fromCache}, second ${second.fromCache}
  initial JavaScript: ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET / 1024} KB)
  first load, where the time went: page and scripts ready (DOMContentLoaded) ${s(first.domContentLoadedMs)}; ${first.rpc.count} RPC requests ${s(first.rpc.firstStartMs)} to ${s(first.rpc.lastEndMs)}; after the last answer until the mark (decode, fold, render) ${s(first.markMs - first.rpc.lastEndMs)}
  second load: DOMContentLoaded ${s(second.domContentLoadedMs)}; ${second.rpc.count} RPC request(s) before the mark; after the last until the mark ${s(second.markMs - second.rpc.lastEndMs)}${
    node
      ? `\n  the same ${count(node.events)} logs in Node (history module): fetch ${s(node.fetchMs)}, decode ${s(node.decodeMs)}, fold ${s(node.foldMs)}`
      : ""
  }
  total run time ${s(performance.now() - started)}`);
  if (!second.fromCache) {
    console.error("The second load did not come from the cache.");
    exitCode = 1;
  }
} catch (error) {
  console.error(`The load benchmark failed: ${(error as Error).message}`);
  exitCode = 1;
} finally {
  await stopAll();
}
process.exit(exitCode);
