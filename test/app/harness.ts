/**
 * What every browser flow gets (scripts/app-test.ts builds it): the chain and its contracts read from Node, the app's
 * URL, and pages opened with the test wallet holding a demo person's account. Plus the few waiting and reading
 * helpers playwright-core leaves to us (it has no `expect`): assertions are node:assert, retried by `eventually`
 * while the app catches up with the chain.
 *
 * No side effects on import: Hardhat's Mocha run loads every file under test/, and this is not a Mocha test.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, type JsonRpcProvider } from "ethers";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { CONTRACT_ARTIFACTS } from "../../scripts/lib/abis.ts";
import { ROOT, type Deployment } from "../../scripts/lib/deployments.ts";
import { installWallet, type WalletConfig } from "../../scripts/lib/app-e2e/wallet.ts";
import type {
  AuditRegistry,
  DemoEuro,
  DisCOGovernor,
  Membership,
  Treasury,
  ValueLedger,
} from "../../types/ethers-contracts/index.js";

export interface Contracts {
  governor: DisCOGovernor;
  membership: Membership;
  ledger: ValueLedger;
  treasury: Treasury;
  audit: AuditRegistry;
  token: DemoEuro;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface OpenOptions {
  /** The demo person (dev account index) the wallet holds and connects; none: the wallet stays unconnected. */
  as?: number;
  viewport?: Viewport;
}

export interface Ctx {
  rpcUrl: string;
  appUrl: string;
  chainId: number;
  deployment: Deployment;
  /** The node's dev accounts, checksummed; index = demo person (scripts/lib/demo.ts). */
  accounts: string[];
  provider: JsonRpcProvider;
  contracts: Contracts;
  context: BrowserContext;
  /** test-results/app */
  results: string;
  /** The demo's disputes resolved by a governance vote (moves the clock: after the votes). */
  resolveDisputes(): Promise<void>;
  /** Moves the chain's clock on by `seconds` and mines a block (evm_increaseTime + evm_mine through the node's RPC). */
  advanceTime(seconds: number | bigint): Promise<void>;
  /** A new page at `hash`, the wallet injected, connected as `as` when given, the books loaded. */
  open(hash: string, options?: OpenOptions): Promise<Page>;
  /** Values one flow leaves for a later one. */
  shared: Map<string, unknown>;
}

export interface Flow {
  name: string;
  /** What it shows, in a sentence. */
  title: string;
  run(ctx: Ctx): Promise<void>;
}

/** The demo people the flows act as (dev account indexes, scripts/lib/demo.ts). */
export const PEOPLE = { deployer: 0, alice: 1, bob: 2, carla: 3, dara: 4, eli: 5, gus: 7, iris: 10, jun: 11 } as const;

/** The contracts of a deployment, typed by typechain, with the ABIs the app is generated from. */
export function connectContracts(deployment: Deployment, provider: JsonRpcProvider): Contracts {
  const at = <T>(name: keyof typeof CONTRACT_ARTIFACTS): T => {
    const { abi } = JSON.parse(readFileSync(join(ROOT, "artifacts", CONTRACT_ARTIFACTS[name]), "utf8")) as {
      abi: string[];
    };
    return new Contract(deployment.contracts[name].address, abi, provider) as unknown as T;
  };
  return {
    governor: at<DisCOGovernor>("governor"),
    membership: at<Membership>("membership"),
    ledger: at<ValueLedger>("ledger"),
    treasury: at<Treasury>("treasury"),
    audit: at<AuditRegistry>("audit"),
    token: at<DemoEuro>("token"),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `check` until it stops throwing (the app polls the chain every second, so what it shows lags a little);
 * rethrows its last error at the deadline.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(intervalMs);
  }
}

/** The element with this data-testid, inside `scope`. */
export const byTestId = (scope: Page | Locator, id: string): Locator => scope.locator(`[data-testid="${id}"]`);

/** Waits for the element and says which data-testid was missing when it never comes. */
export async function found(locator: Locator, what: string, timeoutMs = 20_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: "visible", timeout: timeoutMs });
  } catch {
    throw new Error(`${what} never appeared (${timeoutMs / 1000} s): ${locator}`);
  }
  return locator.first();
}

/** A number shown as text ("3", "1,234", "12.5"), or NaN. */
export async function numberIn(locator: Locator): Promise<number> {
  const text = (await locator.innerText()).replace(/[,\s\u00a0\u202f]/g, "");
  const match = /-?\d+(\.\d+)?/.exec(text);
  return match ? Number(match[0]) : NaN;
}

/**
 * Money as format.ts shows it in English ("1,234.56 €", every decimal beyond the cents when not zero) in token
 * units of `decimals`.
 */
export function parseMoney(text: string, decimals = 6): bigint {
  const match = /-?[\d,]+(\.\d+)?/.exec(text.replace(/[\s\u00a0\u202f]/g, ""));
  if (!match) throw new Error(`No amount in "${text}"`);
  const [whole, fraction = ""] = match[0].replace(/,/g, "").split(".");
  if (fraction.length > decimals) throw new Error(`"${text}" has more than ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0"));
}

/** The exact amount behind a figure shown to the cent (data-exact, also in its title). */
export async function exactIn(locator: Locator): Promise<bigint> {
  const exact = await locator.locator("[data-exact]").first().getAttribute("data-exact");
  if (exact === null) throw new Error(`No exact amount in "${await locator.innerText()}"`);
  return BigInt(exact);
}

/** Chooses the option whose value or label matches (the pages' option values are theirs to pick). */
export async function selectMatching(select: Locator, pattern: RegExp): Promise<void> {
  const options = await Promise.all(
    (await select.locator("option").all()).map(async (o) => ({
      value: (await o.getAttribute("value")) ?? "",
      label: (await o.innerText()).trim(),
    })),
  );
  const chosen = options.find((o) => pattern.test(o.value) || pattern.test(o.label));
  if (!chosen) throw new Error(`No option matches ${pattern} in ${JSON.stringify(options)}`);
  await select.selectOption(chosen.value);
}

/** The address the header shows as connected, lower-cased, or undefined. */
export async function connectedAddress(page: Page): Promise<string | undefined> {
  const person = page.locator(".connect .connected .person");
  if ((await person.count()) === 0) return undefined;
  return (await person.first().getAttribute("title"))?.toLowerCase();
}

/**
 * Connects the app to the test wallet holding `address`: the wallet switches account (announcing it), and the
 * header's "Connect wallet" button is pressed unless the app reconnected by itself.
 */
export async function connectAs(page: Page, address: string): Promise<void> {
  await page.evaluate(`window.__e2eWallet.setAccount(${JSON.stringify(address)})`);
  let clicked = 0;
  await eventually(async () => {
    if ((await connectedAddress(page)) === address.toLowerCase()) return;
    const button = page.locator(".connect > button");
    // The button may go between two looks (the app reconnecting by itself): a short wait, then look again.
    if (Date.now() - clicked > 3_000 && (await button.isVisible()) && (await button.isEnabled({ timeout: 1_000 }))) {
      clicked = Date.now();
      await button.click();
    }
    throw new Error(`The header never showed ${address} connected`);
  }, 20_000);
}

/** Waits until the page shows the books: no loading state left in <main>. */
export async function settled(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    `document.querySelector("main h1") !== null && document.querySelector("main .loading") === null`,
    undefined,
    { timeout: timeoutMs },
  );
}

/** The wallet's configuration for one page. */
export function walletConfig(ctx: Pick<Ctx, "rpcUrl" | "chainId" | "accounts">, as?: number): WalletConfig {
  return {
    rpcUrl: ctx.rpcUrl,
    chainId: `0x${ctx.chainId.toString(16)}`,
    account: ctx.accounts[as ?? PEOPLE.alice],
    authorized: as !== undefined,
  };
}

/** Opens a page with the test wallet injected before any of the app's scripts run. */
export async function openPage(
  ctx: Pick<Ctx, "rpcUrl" | "chainId" | "accounts" | "appUrl" | "context">,
  hash: string,
  { as, viewport }: OpenOptions = {},
  errors: string[] = [],
): Promise<Page> {
  const page = await ctx.context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.on("pageerror", (error) => errors.push(`${hash}: ${error.message}`));
  await page.addInitScript(installWallet, walletConfig(ctx, as));
  await page.goto(new URL(hash, ctx.appUrl).toString());
  if (as !== undefined) await connectAs(page, ctx.accounts[as]);
  await settled(page);
  if (as === undefined) assert.equal(await connectedAddress(page), undefined, `${hash} opened connected`);
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's violations on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return (await page.evaluate(
    `axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    })))`,
  )) as AxeViolation[];
}

/** The axe impacts a page must not have. */
export const BLOCKING_IMPACTS: ReadonlySet<string> = new Set(["serious", "critical"]);

/** The page's serious and critical axe violations, each in full for the log. */
export async function blockingViolations(page: Page, where: string): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact !== null && BLOCKING_IMPACTS.has(v.impact))
    .map((v) => describeViolation(where, v));
}

/** The narrowest phone a page must fit (narrower than the screenshots' 390 px phone). */
export const NARROW_PHONE = { width: 360, height: 780 };

/** How far the page sticks out sideways, in pixels. */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as Promise<number>;

/** A violation in full, for the log. */
export function describeViolation(where: string, v: AxeViolation): string {
  const nodes = v.nodes
    .map(
      (n) =>
        `    at ${JSON.stringify(n.target)}: ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
    )
    .join("\n");
  return `  ${where}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
}
