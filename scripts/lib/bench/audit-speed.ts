/**
 * The audit's speed: a DisCO with a history of at least 100,000 events, built through the contracts' real entry
 * points (BenchActor contracts make many calls per transaction so that it takes minutes, not hours), then the time
 * to rebuild and reconcile it against the time to merely fetch its logs.
 */
import { type Contract, id } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { createPublicClient, custom } from "viem";
import { DEFAULT_LEDGER_SETTINGS } from "../../../ignition/modules/DisCO.ts";
import { DEMO_PARAMETERS, deployDisCO } from "../deploy.ts";
import { Stream } from "@disco-ledger/sdk/ledger";
import { auditHistory, connectViews, renderReport } from "@disco-ledger/sdk/audit";
import { fetchHistory, foldSnapshot, memoryCache } from "@disco-ledger/sdk/history";
import { admitAll, median } from "./chain.ts";
import type { BenchSection } from "./sections.ts";

const EVIDENCE = id("bench timesheet");
const EURO = 1_000_000n;
const FAUCET_LIMIT = 10_000n * EURO;
/** Calls per transaction: well inside a 30M-gas block for the dearest of them (a new entry). */
const LOGS_PER_TX = 150;
const APPROVALS_PER_TX = 300;
const PAYMENTS_PER_TX = 400;

export interface BuiltHistory {
  deployed: Awaited<ReturnType<typeof deployDisCO>>;
  entries: number;
  payments: number;
  periods: number;
  claims: number;
}

/**
 * Deploys the demo DisCO and gives it `target` or more events: two member contracts log work in turns and approve
 * each other's (3 events an entry), a payer contract pays in (2 events a payment: PaidIn and the Transfer),
 * periods close and are funded, and both members claim every period.
 */
export async function buildHistory(
  connection: NetworkConnection,
  target: number,
  log: (line: string) => void = () => {},
): Promise<BuiltHistory> {
  const { ethers } = connection;
  // The demo's founders are the chain's dev accounts: Bob (#2) is the treasurer.
  const deployed = await deployDisCO(connection, DEMO_PARAMETERS);
  const { membership, ledger, treasury, timelock } = deployed;
  const signers = await ethers.getSigners();
  const bob = signers[2];
  const token = await ethers.getContractAt("DemoEuro", deployed.deployment.contracts.token.address);

  const actor = async () => (await ethers.deployContract("BenchActor")) as unknown as Contract;
  const [first, second, payer] = [await actor(), await actor(), await actor()];
  const members = await Promise.all([first.getAddress(), second.getAddress()]);
  await admitAll(connection, membership, await timelock.getAddress(), members);

  const send = async (who: Contract, method: "repeat" | "batch", args: unknown[]) => {
    const receipt = await (await who.getFunction(method).send(...args)).wait();
    if (!receipt) throw new Error(`${method} has no receipt`);
    return receipt;
  };
  const ledgerAddress = await ledger.getAddress();
  const treasuryAddress = await treasury.getAddress();

  // Payments: half the events, in 1-euro payments, which fund the periods.
  const payments = Math.ceil(target / 4);
  const paid = BigInt(payments) * EURO;
  for (let left = paid; left > 0n; left -= left > FAUCET_LIMIT ? FAUCET_LIMIT : left) {
    const amount = left > FAUCET_LIMIT ? FAUCET_LIMIT : left;
    await send(payer, "repeat", [await token.getAddress(), token.interface.encodeFunctionData("faucet", [amount]), 1]);
  }
  await send(payer, "repeat", [
    await token.getAddress(),
    token.interface.encodeFunctionData("approve", [treasuryAddress, paid]),
    1,
  ]);
  const payIn = treasury.interface.encodeFunctionData("payIn", [EURO, id("bench invoice")]);
  for (let done = 0; done < payments; done += PAYMENTS_PER_TX) {
    await send(payer, "repeat", [treasuryAddress, payIn, Math.min(PAYMENTS_PER_TX, payments - done)]);
  }
  log(`  ${payments} payments in`);

  // Work: the other half, over ten periods, each member's entries approved by the other.
  const periods = 10;
  const entries = Math.ceil((target - 2 * payments) / 3);
  const perPeriod = Math.ceil(entries / periods / 2);
  for (let p = 0; p < periods; p++) {
    const period = Number(await ledger.currentPeriod());
    for (const [author, approver] of [
      [first, second],
      [second, first],
    ] as const) {
      const firstId = Number(await ledger.entryCount()) + 1;
      const logWork = ledger.interface.encodeFunctionData("logWork", [Stream.Livelihood, 100, period, EVIDENCE, ""]);
      for (let done = 0; done < perPeriod; done += LOGS_PER_TX) {
        await send(author, "repeat", [ledgerAddress, logWork, Math.min(LOGS_PER_TX, perPeriod - done)]);
      }
      const ids = Array.from({ length: perPeriod }, (_, i) => firstId + i);
      for (let done = 0; done < ids.length; done += APPROVALS_PER_TX) {
        const calls = ids
          .slice(done, done + APPROVALS_PER_TX)
          .map((entryId) => ledger.interface.encodeFunctionData("approve", [entryId]));
        await send(approver, "batch", [ledgerAddress, calls]);
      }
    }
    await (await ledger.connect(bob).closePeriod()).wait();
    await connection.networkHelpers.time.increase(DEFAULT_LEDGER_SETTINGS.reviewWindow);
    await (await treasury.connect(bob).fundPeriod(period, paid / BigInt(periods + 1))).wait();
    log(`  period ${period}: ${2 * perPeriod} entries, closed and funded`);
  }

  // Claims: each member claims every period, one period a claim.
  const claimAll = Array.from({ length: periods }, (_, i) => treasury.interface.encodeFunctionData("claim", [[i + 1]]));
  for (const member of [first, second]) await send(member, "batch", [treasuryAddress, claimAll]);
  return { deployed, entries: 2 * perPeriod * periods, payments, periods, claims: 2 * periods };
}

/** The history the audit is timed on: at least this many events. */
export const AUDIT_EVENTS = 100_000;
/** Each timing is the median of this many runs, fetch-only and full alternating. */
const RUNS = 3;

/**
 * Times the audit against a fetch of the same logs. Fetch-only: every log from the deployment's start, into an
 * empty cache. Full audit: the same fetch, then decoding and folding the logs, reconciling every figure with the
 * views and running the bylaw checks (what `npm run audit` does before writing files). Each part of the audit is
 * printed on its own.
 */
export const AUDIT_SPEED: BenchSection = {
  name: "audit speed",
  async run({ network, progress }) {
    const connection = await network.create();
    progress(`audit speed: building a history of at least ${AUDIT_EVENTS.toLocaleString("en")} events`);
    const built = await buildHistory(connection, AUDIT_EVENTS, progress);
    const { deployment } = built.deployed;
    const client = createPublicClient({ transport: custom(connection.provider) });
    const views = connectViews(deployment, client);

    const runs = { fetch: [] as number[], audit: [] as number[], auditFetch: [] as number[], fold: [] as number[] };
    const checks: number[] = [];
    let events = 0;
    for (let run = 1; run <= RUNS; run++) {
      let start = performance.now();
      const fetched = await fetchHistory(client, deployment, { cache: memoryCache() });
      runs.fetch.push(performance.now() - start);

      start = performance.now();
      const snapshot = await fetchHistory(client, deployment, { cache: memoryCache() });
      const got = performance.now();
      const { state } = foldSnapshot(snapshot, deployment);
      const folded = performance.now();
      const report = await auditHistory(state, views, { deployment, toBlock: snapshot.lastBlock });
      const done = performance.now();
      runs.auditFetch.push(got - start);
      runs.fold.push(folded - got);
      checks.push(done - folded);
      runs.audit.push(done - start);
      if (!report.summary.ok) throw new Error(`The benchmark's history failed its audit:\n${renderReport(report)}`);
      events = fetched.logs.length;
      progress(`audit speed: run ${run} of ${RUNS}`);
    }
    if (events < AUDIT_EVENTS) throw new Error(`The history has ${events} events, fewer than ${AUDIT_EVENTS}`);

    const fetchMs = Math.round(median(runs.fetch));
    const foldMs = Math.round(median(runs.fold));
    const checkMs = Math.round(median(checks));
    const auditMs = Math.round(median(runs.audit));
    const ratio = Number((auditMs / fetchMs).toFixed(2));
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const text = [
      `Audit speed: ${events.toLocaleString("en")} events (${built.entries.toLocaleString("en")} entries, ` +
        `${built.payments.toLocaleString("en")} payments, ${built.periods} periods funded and claimed), ` +
        `median of ${RUNS} runs on the in-process chain`,
      `  fetch the logs only                          ${s(fetchMs)}`,
      `  the audit:`,
      `    fetch                                      ${s(Math.round(median(runs.auditFetch)))}`,
      `    decode and fold                            ${s(foldMs)}`,
      `    reconcile and check                        ${s(checkMs)}`,
      `    in all                                     ${s(auditMs)}`,
      `  audit / fetch                                ${ratio.toFixed(2)}x`,
    ].join("\n");
    return { text, json: { audit: { events, fetchMs, foldMs, checkMs, auditMs, ratio } } };
  },
};
