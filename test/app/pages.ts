/**
 * Every page: the language switch, axe-core's accessibility check connected and not, and screenshots at desktop
 * and phone sizes.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DESKTOP, PHONE } from "../../scripts/lib/app-e2e/browser.ts";
import {
  axeViolations,
  byTestId,
  BLOCKING_IMPACTS,
  describeViolation,
  eventually,
  found,
  PEOPLE,
  settled,
  type Flow,
} from "./harness.ts";

/**
 * The app's pages by their hash route from before there were several DisCOs (frontend/src/place.ts): each opens the
 * network's first DisCO, whose pages' own addresses (and tabs' links) end the same way: #/d/<membership>/work.
 */
export const PAGE_PATHS = {
  me: "#/",
  work: "#/work",
  decisions: "#/decisions",
  treasury: "#/treasury",
  audit: "#/audit",
  credit: "#/credit",
} as const;
export type PageName = keyof typeof PAGE_PATHS;

/** The tab of the page at `path` (one of PAGE_PATHS), in the DisCO shown. */
export const tabOf = (path: string) => `nav.tabs a[href^="#/d/"][href$="${path.slice(1)}"]`;

/** Whether a page's address is the page at `path` (one of PAGE_PATHS) of the DisCO shown. */
export const isPageAddress = (hash: string, path: string) =>
  /^#\/d\/0x[0-9a-fA-F]{40}\//.test(hash) && hash.endsWith(path.slice(1));

export const language: Flow = {
  name: "language",
  title: "switch the app to Spanish and back",
  async run(ctx) {
    const page = await ctx.open("#/work");
    const tab = page.locator(tabOf(PAGE_PATHS.work));
    const choose = (lang: string) => page.locator("header .lang select").selectOption(lang);
    assert.equal((await tab.innerText()).trim(), "Work");
    await choose("es");
    await eventually(async () => assert.equal((await tab.innerText()).trim(), "Trabajo"));
    assert.equal((await page.locator("main h1").innerText()).trim(), "Trabajo");
    assert.equal((await page.locator("nav.tabs").getAttribute("aria-label")) ?? "", "Páginas");
    // The choice is remembered: a new page opens in Spanish.
    const again = await ctx.open("#/");
    assert.equal((await again.locator(tabOf(PAGE_PATHS.treasury)).innerText()).trim(), "Tesorería");
    await choose("en");
    await eventually(async () => assert.equal((await tab.innerText()).trim(), "Work"));
  },
};

export const accessibility: Flow = {
  name: "accessibility",
  title: "axe-core finds no serious or critical violation on any page, connected or not, in English and Spanish",
  async run(ctx) {
    const violations: string[] = [];
    let minor = 0;
    for (const lang of ["en", "es"] as const) {
      // The language chosen in the header is remembered for the pages opened after it.
      const chooser = await ctx.open("#/");
      await chooser.locator("header .lang select").selectOption(lang);
      await eventually(async () => assert.equal(await chooser.locator("html").getAttribute("lang"), lang));
      await chooser.close();
      for (const as of [undefined, PEOPLE.alice]) {
        for (const [name, path] of Object.entries(PAGE_PATHS)) {
          const page = await ctx.open(path, { as });
          assert.equal(await page.locator("html").getAttribute("lang"), lang, `${name} opens in the chosen language`);
          const where = `${name} (${as === undefined ? "not connected" : "connected as Alice"}, ${lang})`;
          for (const v of await axeViolations(page)) {
            if (v.impact && BLOCKING_IMPACTS.has(v.impact)) violations.push(describeViolation(where, v));
            else minor++;
          }
          await page.close();
        }
      }
    }
    const back = await ctx.open("#/");
    await back.locator("header .lang select").selectOption("en");
    await back.close();
    if (minor > 0) console.log(`    (axe: ${minor} moderate or minor findings, not blocking)`);
    assert.equal(violations.length, 0, `axe-core found serious or critical violations:\n${violations.join("\n")}`);
  },
};

/** Who each page is photographed as: the person it is mostly for. */
const PHOTOGRAPHED_AS: Record<PageName, number> = {
  me: PEOPLE.alice,
  work: PEOPLE.alice,
  decisions: PEOPLE.carla,
  treasury: PEOPLE.bob,
  audit: PEOPLE.jun,
  credit: PEOPLE.bob,
};

/** Each page as the person it is mostly for, then the pages a few others see differently. */
const SHOTS: Array<{ file: string; path: string; as: number }> = [
  ...Object.entries(PAGE_PATHS).map(([name, path]) => ({ file: name, path, as: PHOTOGRAPHED_AS[name as PageName] })),
  // A former member: her capital paid back in instalments, schedule by schedule.
  { file: "me-former", path: PAGE_PATHS.me, as: PEOPLE.iris },
];

export const screenshotsDir = (results: string) => join(results, "screenshots");

/**
 * The columns of a page's tables that a person cannot reach: a column is reachable when one of its first row's
 * cells (head or body) shows, and either lies within the screen's width or inside a scrolling region that takes
 * focus (ScrollArea, frontend/src/ui/kit.tsx), which a finger or the keyboard can scroll.
 */
const UNREACHABLE_COLUMNS = `(() => {
  const lost = [];
  for (const [t, table] of [...document.querySelectorAll("table")].entries()) {
    if (!table.checkVisibility()) continue;
    const wrap = table.closest(".table-wrap");
    const scrolls = wrap !== null && wrap.tabIndex === 0 && getComputedStyle(wrap).overflowX !== "hidden";
    const rows = [table.querySelector("thead tr"), table.querySelector("tbody tr")].filter(Boolean);
    const columns = Math.max(0, ...rows.map((row) => row.cells.length));
    for (let i = 0; i < columns; i++) {
      const reachable = rows.some((row) => {
        const cell = row.cells[i];
        if (!cell) return false;
        const box = cell.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        return scrolls || (box.left >= -1 && box.right <= window.innerWidth + 1);
      });
      if (!reachable) {
        const head = rows[0]?.cells[i]?.innerText?.trim() || "column " + (i + 1);
        lost.push((table.querySelector("caption")?.innerText?.trim() || "table " + (t + 1)) + ": " + head);
      }
    }
  }
  return lost;
})()`;

export const screenshots: Flow = {
  name: "screenshots",
  title: "photograph every page at desktop (1280x900) and phone (390x844) sizes",
  async run(ctx) {
    const dir = screenshotsDir(ctx.results);
    mkdirSync(dir, { recursive: true });
    const paths: string[] = [];
    const wide: string[] = [];
    for (const [viewportName, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
      for (const { file: name, path, as } of SHOTS) {
        const page: Page = await ctx.open(path, { as, viewport });
        await settled(page);
        // The home page starts with what needs the person connected.
        if (path === PAGE_PATHS.me) await found(byTestId(page, "todo"), "the home page's to-do list");
        // Let the fonts and the first poll settle, so the picture is the page at rest.
        await page.waitForTimeout(500);
        const file = join(dir, `${name}-${viewportName}.png`);
        await page.screenshot({ path: file, fullPage: true });
        paths.push(file);
        // Nothing may stick out sideways on a phone.
        const overflow = (await page.evaluate(
          "document.documentElement.scrollWidth - document.documentElement.clientWidth",
        )) as number;
        if (overflow > 1) wide.push(`${name} is ${overflow}px wider than the ${viewportName} screen`);
        for (const column of (await page.evaluate(UNREACHABLE_COLUMNS)) as string[]) {
          wide.push(`${name} at ${viewportName} size hides a column: ${column}`);
        }
        await page.close();
      }
    }
    ctx.shared.set("screenshots", paths);
    assert.deepEqual(wide, [], "every page fits its screen's width, and every table column can be reached");
  },
};
