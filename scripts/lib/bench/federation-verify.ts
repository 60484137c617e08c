/**
 * Issue 16: "Verifying one DisCO's year of check-ins from its logs: print the time beside the time to fetch them." A
 * DisCO of a federation of two with 12 monthly periods, each worked, paid into and checked in from its own logs; then the
 * time to fetch its logs and the federation's, beside the time verifyCheckIns takes to recompute the 12 from them.
 */
import { fetchHistory, memoryCache } from "@disco-ledger/sdk/history";
import {
  loadFederation,
  verifyCheckIns,
  type FederationState,
  type FoundFederation,
} from "@disco-ledger/sdk/federation";
import { median } from "./chain.ts";
import { buildFederation, checkInPeriods } from "./federation.ts";
import type { BenchSection } from "./sections.ts";

/** A year of monthly periods. */
export const YEAR_OF_PERIODS = 12;
/** Each timing is the median of this many runs. */
const RUNS = 3;
const EURO = 1_000_000n;
/** Work entries a month: a small cooperative's timesheets. */
const ENTRIES = 20;

export const FEDERATION_VERIFY: BenchSection = {
  name: "federation verification",
  async run({ network, progress }) {
    const connection = await network.create();
    progress(`federation verification: a DisCO checking in ${YEAR_OF_PERIODS} monthly periods`);
    const built = await buildFederation(connection, 2, false);
    const { client, found } = await checkInPeriods(connection, built, {
      periods: YEAR_OF_PERIODS,
      paid: (_, period) => BigInt(period) * 100n * EURO,
      entries: ENTRIES,
    });
    const federation: FoundFederation = {
      address: (await built.federation.getAddress()) as `0x${string}`,
      name: await built.federation.name(),
      founder: built.discos[0].id as `0x${string}`,
      credit: built.credit as `0x${string}`,
      blockNumber: built.factory.blockNumber,
      blockHash: "0x",
    };
    const [disco] = found;
    const onlyOurs = (state: FederationState) => ({
      ...state,
      checkIns: state.checkIns.filter((c) => c.disco === disco.contracts.membership.address),
    });

    const runs = { fetch: [] as number[], verify: [] as number[], both: [] as number[] };
    let logs = 0;
    for (let run = 1; run <= RUNS; run++) {
      // (a) The logs: the federation's, folded (the check-ins), and the DisCO's up to its last check-in.
      let start = performance.now();
      const state = await loadFederation(client, federation);
      const one = onlyOurs(state);
      const toBlock = Math.max(...one.checkIns.map((c) => c.blockNumber));
      const cache = memoryCache();
      const snapshot = await fetchHistory(client, disco, { toBlock, cache });
      runs.fetch.push(performance.now() - start);
      logs = snapshot.logs.length;

      // (b) The 12 recomputed from the fetched logs: folded up to each check-in, block times read, compared.
      start = performance.now();
      const checks = await verifyCheckIns(client, one, [disco], { cache });
      runs.verify.push(performance.now() - start);
      if (checks.length !== YEAR_OF_PERIODS || checks.some((c) => c.error !== undefined || c.differs.length > 0)) {
        throw new Error(`The benchmark's check-ins did not verify: ${JSON.stringify(checks.map((c) => c.differs))}`);
      }

      // Both, as an auditor runs them: verifyCheckIns fetching the logs itself.
      start = performance.now();
      await verifyCheckIns(client, onlyOurs(await loadFederation(client, federation)), [disco]);
      runs.both.push(performance.now() - start);
      progress(`federation verification: run ${run} of ${RUNS}`);
    }
    await connection.close();

    const fetchMs = Math.round(median(runs.fetch));
    const verifyMs = Math.round(median(runs.verify));
    const totalMs = Math.round(median(runs.both));
    const row = (label: string, n: number, note = "") =>
      `  ${label.padEnd(42)}${`${n.toLocaleString("en-GB")} ms`.padStart(9)}${note}`;
    const text = [
      `Verifying one DisCO's year of check-ins (${YEAR_OF_PERIODS} monthly periods of ${ENTRIES} work entries and a ` +
        `payment, ${logs} logs of its own), ` +
        `median of ${RUNS} runs on the in-process chain`,
      row("fetch its logs and the federation's", fetchMs),
      row(
        `verify the ${YEAR_OF_PERIODS} check-ins from them`,
        verifyMs,
        "  (fold to each check-in, block times, recompute, compare)",
      ),
      row("both, as audit --federation runs them", totalMs),
    ].join("\n");
    return {
      text,
      json: { federationVerify: { periods: YEAR_OF_PERIODS, entries: ENTRIES, logs, fetchMs, verifyMs, totalMs } },
    };
  },
};
