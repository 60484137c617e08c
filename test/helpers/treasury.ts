import { id as keccakId, type Signer } from "ethers";
import { connection, deployWithAdmin } from "./disco.ts";
import type { DemoEuro, Treasury, ValueLedger } from "../../types/ethers-contracts/index.js";

/*
 * Shared by the treasury's TypeScript tests: logging peer-approved work, closing periods, getting DemoEuros from the
 * faucet and paying them in, and the fixture of two closed periods of work with money in the treasury.
 */

const { ethers } = connection;

export const Stream = { Livelihood: 0, Love: 1, Care: 2 } as const;
export const BPS = 10_000n;
export const EVIDENCE = keccakId("timesheet");
export const EURO = 1_000_000n;
/** DemoEuro.FAUCET_LIMIT, written out so that a change of the contract's limit shows in the tests. */
export const FAUCET_LIMIT = 10_000n * EURO;

export type DisCO = Awaited<ReturnType<typeof deployWithAdmin>>;
export type Triple = [bigint, bigint, bigint];

/** The treasury's currency as the DemoEuro the module deployed. */
export async function currencyOf(treasury: Treasury): Promise<DemoEuro> {
  return ethers.getContractAt("DemoEuro", await treasury.currency());
}

/** The author logs work in the open period and the reviewer approves it, which counts it. Returns the entry id. */
export async function logApproved(
  ledger: ValueLedger,
  author: Signer,
  stream: number,
  amount: bigint | number,
  reviewer: Signer,
): Promise<bigint> {
  const period = await ledger.currentPeriod();
  await (await ledger.connect(author).logWork(stream, amount, period, EVIDENCE, "")).wait();
  const entryId = await ledger.entryCount();
  await (await ledger.connect(reviewer).approve(entryId)).wait();
  return entryId;
}

/** The treasurer closes the open period; returns its number. Its review window has only begun: it is not final. */
export async function closePeriod(ledger: ValueLedger, treasurer: Signer): Promise<number> {
  const period = await ledger.currentPeriod();
  await (await ledger.connect(treasurer).closePeriod()).wait();
  return Number(period);
}

/** Moves the clock to the end of a closed period's review window (its finalAt), when its totals become final. */
export async function waitUntilFinal(ledger: ValueLedger, period: number | bigint): Promise<void> {
  const { finalAt } = await ledger.periodInfo(period);
  if (finalAt === 0n) throw new Error(`period ${period} is not closed`);
  const now = BigInt(await connection.networkHelpers.time.latest());
  if (now < finalAt) await connection.networkHelpers.time.increaseTo(finalAt);
}

/** The treasurer closes the open period and the clock moves past its review window; returns its number. */
export async function closeFinal(ledger: ValueLedger, treasurer: Signer): Promise<number> {
  const period = await closePeriod(ledger, treasurer);
  await waitUntilFinal(ledger, period);
  return period;
}

/** The payer takes `amount` from the faucet, in as many calls as its limit needs. */
export async function faucet(token: DemoEuro, payer: Signer, amount: bigint): Promise<void> {
  for (let left = amount; left > 0n; left -= left > FAUCET_LIMIT ? FAUCET_LIMIT : left) {
    await (await token.connect(payer).faucet(left > FAUCET_LIMIT ? FAUCET_LIMIT : left)).wait();
  }
}

/** The payer takes `amount` from the faucet, approves the treasury and pays it in. */
export async function payIn(treasury: Treasury, payer: Signer, amount: bigint, paymentRef: string): Promise<void> {
  const token = await currencyOf(treasury);
  await faucet(token, payer, amount);
  await (await token.connect(payer).approve(await treasury.getAddress(), amount)).wait();
  await (await treasury.connect(payer).payIn(amount, paymentRef)).wait();
}

/** Work logged in period 1: [author, stream, amount, reviewer] by fixture names. */
export const PERIOD_1_WORK = [
  ["alice", Stream.Livelihood, 1_000, "bob"],
  ["bob", Stream.Livelihood, 2_000, "alice"],
  ["erin", Stream.Livelihood, 1_001, "alice"], // Dating2: pays 50%, 500
  ["dave", Stream.Livelihood, 333, "carol"],
  ["carol", Stream.Love, 700, "alice"],
  ["alice", Stream.Love, 300, "carol"],
  ["erin", Stream.Love, 200, "bob"],
  ["bob", Stream.Care, 500, "carol"],
  ["frank", Stream.Love, 100, "alice"], // Casual: historical only
  ["frank", Stream.Care, 400, "alice"],
] as const;

/** Work logged in period 2: no livelihood at all. */
export const PERIOD_2_WORK = [
  ["carol", Stream.Love, 500, "dave"],
  ["alice", Stream.Care, 250, "bob"],
  ["frank", Stream.Care, 100, "alice"],
] as const;

/** What grace paid in, and with which reference. */
export const PAID_IN = 20_000n * EURO;
export const PAYMENT_REF = keccakId("invoice 2025-001");

type Name = (typeof PERIOD_1_WORK)[number][0] | (typeof PERIOD_1_WORK)[number][3];
type Work = ReadonlyArray<readonly [Name, number, number, Name]>;

async function logAll(disco: DisCO, work: Work): Promise<void> {
  for (const [author, stream, amount, reviewer] of work) {
    await logApproved(disco.ledger, disco[author], stream, amount, disco[reviewer]);
  }
}

/**
 * The fixture with periods 1 and 2 closed (PERIOD_1_WORK, PERIOD_2_WORK) and final (their review windows over),
 * period 3 open, and grace's PAID_IN in the treasury, nothing funded yet.
 */
export async function deployWithClosedPeriods() {
  const disco = await deployWithAdmin();
  await logAll(disco, PERIOD_1_WORK);
  await closePeriod(disco.ledger, disco.bob);
  await logAll(disco, PERIOD_2_WORK);
  await closeFinal(disco.ledger, disco.bob);
  await payIn(disco.treasury, disco.grace, PAID_IN, PAYMENT_REF);
  const token = await currencyOf(disco.treasury);
  return { ...disco, token };
}
