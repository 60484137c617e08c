import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { firstRequestScript } from "./src/data/first-request.ts";
import { followed } from "./src/network.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The visit's first requests (src/data/early.ts) are an entry of their own, loaded by index.html as an async module
 * ahead of the app: they leave as soon as this small module has run, not after the app's larger download has been
 * compiled and run. The app imports the same module, so it adopts them. (The dev server loads it with the app.)
 */
const EARLY = "early";
/** Before them, on a first visit, index.html asks for the whole history inline (src/data/first-request.ts). */
let firstRequest = "";
const earlyRequests: Plugin = {
  name: "early-requests",
  apply: "build",
  config: () => ({ build: { rollupOptions: { input: { index: "index.html", [EARLY]: "src/data/early.ts" } } } }),
  configResolved(config) {
    const { first, rpcUrl } = followed(config.env);
    firstRequest = firstRequestScript(first, rpcUrl);
  },
  transformIndexHtml: {
    order: "post",
    handler(_html, context) {
      const chunks = new Map(
        Object.values(context.bundle ?? {}).flatMap((output) =>
          output.type === "chunk" ? [[output.fileName, output] as const] : [],
        ),
      );
      const entry = [...chunks.values()].find((chunk) => chunk.isEntry && chunk.name === EARLY);
      if (!entry) throw new Error(`No "${EARLY}" entry in the build`);
      // Its imports (and theirs) are asked for at once too, not each after the module importing it has arrived.
      const imports = new Set<string>();
      const gather = (fileName: string) => {
        for (const name of chunks.get(fileName)?.imports ?? []) {
          if (imports.has(name)) continue;
          imports.add(name);
          gather(name);
        }
      };
      gather(entry.fileName);
      return [
        { tag: "script", children: firstRequest, injectTo: "head-prepend" as const },
        {
          tag: "script",
          attrs: { type: "module", async: true, crossorigin: true, src: `/${entry.fileName}` },
          injectTo: "head-prepend" as const,
        },
        ...[...imports].map((fileName) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: true, href: `/${fileName}` },
          injectTo: "head-prepend" as const,
        })),
      ];
    },
  },
};

export default defineConfig({
  plugins: [react(), earlyRequests],
  // The app imports the SDK, a workspace beside it (../sdk), so the dev server serves the repository.
  server: { fs: { allow: [ROOT] } },
  build: { target: "es2022", chunkSizeWarningLimit: 1024 },
  test: { include: ["src/**/*.test.ts", "src/**/*.test.tsx"], environment: "node" },
});
