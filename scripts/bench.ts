/**
 * `npm run bench`: gas of the DisCO's calls at 10 to 10,000 members beside a stock OpenZeppelin governor and a push
 * payout, on Hardhat's in-process chain. See `npm run bench -- --help`.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import hre from "hardhat";
import { ROOT } from "./lib/deployments.ts";
import { DEFAULT_SIZES, measureDisCOAt, measureGas } from "./lib/bench/gas.ts";
import { formatGasReport, gasJson } from "./lib/bench/report.ts";
import { SECTIONS, type SectionOutput } from "./lib/bench/sections.ts";
import {
  compareSnapshot,
  formatComparison,
  readSnapshot,
  SNAPSHOT_PATH,
  snapshotOf,
  TOLERANCE,
  writeSnapshot,
} from "./lib/bench/snapshot.ts";

const HELP = `usage: npm run bench -- [--sizes 10,100] [--json] [--update-snapshot]
       npm run bench -- --check [--update-snapshot]

Deploys fresh DisCOs on Hardhat's in-process chain with each number of members and prints the gas of each call,
whether it stays constant, a stock OpenZeppelin Governor + ERC20Votes and a push payout at the same sizes, and
the ratios.

  --sizes a,b,...      member counts (default ${DEFAULT_SIZES.join(",")}; at least 5, the benchmark's founders)
  --json               print only one JSON object on stdout: { sizes, ops, baselines } (progress goes to stderr;
                       run npm with -s, as in \`npm run -s bench -- --json\`, to keep npm's own banner off stdout)
  --update-snapshot    rewrite gas-snapshot.json from the figures at the smallest size measured
  --check              measure the DisCO's calls at the snapshot's size only, compare them with gas-snapshot.json,
                       and fail when one grew more than ${100 * TOLERANCE}% (or one is new or missing); \`npm test\` runs it`;

const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    json: { type: "boolean", default: false },
    "update-snapshot": { type: "boolean", default: false },
    check: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const sizes = values.sizes === undefined ? DEFAULT_SIZES : values.sizes.split(",").map((text) => Number(text.trim()));
if (sizes.some((size) => !Number.isInteger(size) || size < 5))
  fail(`--sizes takes whole numbers of at least 5: ${values.sizes}`);
sizes.sort((a, b) => a - b);

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const progress = (message: string) => console.error(`[${seconds()} s] ${message}`);

// Figures of stale artifacts would be wrong: build first (nothing to do when they are up to date). Whatever the
// compiler says goes to stderr, so that --json keeps stdout to its object.
const stdoutWrite = process.stdout.write;
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
try {
  await hre.tasks.getTask("build").run({ quiet: true });
} finally {
  process.stdout.write = stdoutWrite;
}

if (values.check) {
  const snapshot = readSnapshot();
  const measured = await measureDisCOAt(hre.network, snapshot.members, progress);
  const comparison = compareSnapshot(snapshot.gas, measured);
  console.log(
    `Gas at ${snapshot.members} members: ${relative(ROOT, SNAPSHOT_PATH)} -> measured now (in ${seconds()} s)`,
  );
  for (const line of formatComparison(comparison)) console.log(`  ${line}`);
  if (values["update-snapshot"]) {
    writeSnapshot(snapshotOf(snapshot.members, measured));
    console.log(`Updated ${relative(ROOT, SNAPSHOT_PATH)}.`);
  } else if (comparison.failed) {
    console.error(
      `Gas grew more than ${100 * TOLERANCE}%, or the measured calls changed. If that is intended, run ` +
        "`npm run bench -- --check --update-snapshot` and commit gas-snapshot.json.",
    );
    process.exit(1);
  } else if (comparison.stale) {
    console.log(
      `Reminder: gas fell more than ${100 * TOLERANCE}%; record it with ` +
        "`npm run bench -- --check --update-snapshot` and commit gas-snapshot.json.",
    );
  }
  process.exit(0);
}

const gas = await measureGas(hre.network, sizes, progress);
const outputs: SectionOutput[] = [{ text: formatGasReport(gas), json: gasJson(gas) }];
for (const section of SECTIONS) {
  progress(section.name);
  outputs.push(await section.run({ network: hre.network, sizes, progress }));
}
if (values["update-snapshot"]) {
  const members = sizes[0];
  writeSnapshot(
    snapshotOf(members, Object.fromEntries(Object.entries(gas.ops).map(([op, bySize]) => [op, bySize[members]]))),
  );
  progress(`wrote ${relative(ROOT, SNAPSHOT_PATH)} (${members} members)`);
}
if (values.json) {
  console.log(JSON.stringify(Object.assign({}, ...outputs.map((output) => output.json)), null, 2));
} else {
  console.log(outputs.map((output) => output.text).join("\n\n"));
  console.log(`\nMeasured in ${seconds()} s.`);
}
