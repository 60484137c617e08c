import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The history module decodes logs with the typechain factories' ABIs; each factory also carries its contract's
 * bytecode (about 260 KB of hex in all), which the app never deploys. Blank it, or it dominates the first download.
 */
const dropTypechainBytecode: Plugin = {
  name: "drop-typechain-bytecode",
  transform(code, id) {
    if (!id.includes("/types/ethers-contracts/") || !code.includes("_bytecode")) return null;
    return { code: code.replace(/const _bytecode =\s*"0x[0-9a-fA-F]*";/, 'const _bytecode = "0x";'), map: null };
  },
};

export default defineConfig({
  plugins: [react(), dropTypechainBytecode],
  // The app reuses the scripts' history and audit modules (../scripts/lib), so the dev server serves the repository.
  server: { fs: { allow: [ROOT] } },
  build: { target: "es2022", chunkSizeWarningLimit: 1024 },
  test: { include: ["src/**/*.test.ts", "src/**/*.test.tsx"], environment: "node" },
});
