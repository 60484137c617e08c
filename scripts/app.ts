/**
 * The dApp's build and dev server, with its contracts generated first (scripts/lib/app-contracts.ts).
 *
 *   npm run build           (in frontend/)  production build for deployments/localhost.json
 *   VITE_RPC_URL=<url> npm run build -- --network sepolia    for another deployment in deployments/
 *   npm run dev             (in frontend/)  dev server on 127.0.0.1 for the local chain
 *
 * The build ends by printing the initial JavaScript's gzipped size against its budget (INITIAL_JS_BUDGET).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { appEnv, generateAppContracts } from "./lib/app-contracts.ts";
import { initialJavaScript, INITIAL_JS_BUDGET, startAppServer } from "./lib/app-server.ts";
import { ROOT } from "./lib/deployments.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { network: { type: "string", default: "localhost" }, help: { type: "boolean", short: "h" } },
});
const [command] = positionals;
if (values.help || (command !== "build" && command !== "dev")) {
  console.log("usage: node scripts/app.ts <build|dev> [--network <name>]");
  process.exit(values.help ? 0 : 2);
}

// The ABIs come from the artifacts: compile first (a no-op when nothing changed).
const compiled = spawnSync(join(ROOT, "node_modules", ".bin", "hardhat"), ["build", "--quiet"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

try {
  // The app holds the one network it serves: a build for a live network carries no local chain's addresses.
  generateAppContracts(values.network);
  // Vite hands VITE_ variables of the environment to the app.
  if (command === "build") Object.assign(process.env, appEnv(values.network));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

if (command === "build") {
  console.log(`Building the app for ${values.network}, reading through ${process.env.VITE_RPC_URL}...`);
  const { build } = await import("vite");
  await build({ root: join(ROOT, "frontend"), logLevel: "warn" });
  const { files, gzipBytes } = initialJavaScript();
  for (const file of files) console.log(`  ${file.name}  ${(file.gzipBytes / 1024).toFixed(1)} KB gzipped`);
  console.log(
    `Initial JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${INITIAL_JS_BUDGET / 1024} KB)`,
  );
  if (gzipBytes > INITIAL_JS_BUDGET) process.exit(1);
} else {
  const { url } = await startAppServer(values.network);
  console.log(`The app: ${url}`);
}
