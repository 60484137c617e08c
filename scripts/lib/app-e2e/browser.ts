/**
 * Chromium for the browser tests and the load benchmark: the system's (Debian's /usr/bin/chromium, or
 * CHROMIUM_PATH), driven by playwright-core, with a fresh profile every run so no cache or wallet state carries over.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_MISSING =
  `Chromium is missing (looked for ${CHROMIUM_PATH}): the browser tests cannot run.\n` +
  "Install it with: sudo apt-get install -y chromium (Debian/Ubuntu), sudo dnf install chromium (Fedora), " +
  "brew install --cask chromium (macOS); or set CHROMIUM_PATH to a Chromium or Chrome executable.";

export const chromiumInstalled = () => existsSync(CHROMIUM_PATH);

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a new, empty profile directory, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "disco-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      locale: "en-GB",
      viewport: DESKTOP,
      acceptDownloads: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
