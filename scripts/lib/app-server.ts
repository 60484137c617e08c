/** The dApp's dev server and what its production build loads first; used by npm start, the app's build and tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { appEnv } from "./app-contracts.ts";
import { ROOT } from "./deployments.ts";

export const APP_ROOT = join(ROOT, "frontend");
export const APP_DIST = join(APP_ROOT, "dist");
export const APP_HOST = "127.0.0.1";
/** The budget for the initial JavaScript, gzipped (issue 13). */
export const INITIAL_JS_BUDGET = 180 * 1024;

/**
 * Starts Vite's dev server on 127.0.0.1 (APP_PORT, default 5173) following the deployment of `network`; resolves
 * with its URL. The app's contracts must have been generated (scripts/deploy.ts does it).
 */
export async function startAppServer(network = "localhost", port = Number(process.env.APP_PORT ?? 5173)) {
  // Vite hands VITE_ variables of the environment to the app.
  Object.assign(process.env, appEnv(network));
  const { createServer } = await import("vite");
  const server = await createServer({
    root: APP_ROOT,
    logLevel: "warn",
    server: { host: APP_HOST, port, strictPort: true },
  });
  await server.listen();
  return { server, url: `http://${APP_HOST}:${port}/` };
}

/**
 * The scripts the built index.html loads before anything else runs: its module entry and the chunks it preloads.
 * Pages loaded later (React.lazy) are not initial.
 */
export function initialJavaScript(dist = APP_DIST): {
  files: Array<{ name: string; gzipBytes: number }>;
  gzipBytes: number;
} {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const names = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const files = [...new Set(names)].map((name) => ({
    name,
    gzipBytes: gzipSync(readFileSync(join(dist, name)), { level: 9 }).length,
  }));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
