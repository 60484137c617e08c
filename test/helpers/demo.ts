import { connectViews } from "@disco-ledger/sdk/audit";
import { DEMO_PARAMETERS, deployDisCO } from "../../scripts/lib/deploy.ts";
import { foldSnapshot, loadHistory, type RawLog } from "@disco-ledger/sdk/history";
import { seedAll } from "../../scripts/lib/seed.ts";
import { connection } from "./disco.ts";
import { publicClient } from "./viem.ts";

/*
 * The seeded demo DisCO, as `npm start` makes it, and every log it emitted: shared by the history and the audit
 * tests, which load it with networkHelpers.loadFixture(recordedDemo).
 */

export { DEMO_PARAMETERS };

/** The demo DisCO, deployed and seeded as `npm start` does, every log it emitted, and its views for the audit. */
export async function recordedDemo() {
  const deployed = await deployDisCO(connection, DEMO_PARAMETERS);
  const { deployment } = deployed;
  const signers = await connection.ethers.getSigners();
  const seeded = await seedAll(deployed, signers, connection.networkHelpers.time);
  const { snapshot, state, decoded } = await loadHistory(publicClient(connection), deployment);
  const token = await connection.ethers.getContractAt("DemoEuro", deployment.contracts.token.address);
  const views = connectViews(deployment, publicClient(connection));
  return { ...deployed, ...seeded, signers, token, snapshot, state, decoded, views };
}

export type Demo = Awaited<ReturnType<typeof recordedDemo>>;

/** The demo's history folded from other logs: recorded ones with some dropped, altered or added. */
export function refold(demo: Pick<Demo, "deployment">, logs: readonly RawLog[]) {
  return foldSnapshot({ logs }, demo.deployment).state;
}
