/**
 * Peer verification of check-ins against the DisCO's own logs, over the seeded demo's recorded history served by a
 * fake node beside a credit network in which it is paid and pays: honest check-ins match; a check-in whose figure was
 * changed, and logs that were dropped or edited on the way, are flagged.
 */
import {
  createPublicClient,
  custom,
  encodeAbiParameters,
  getAddress,
  numberToHex,
  pad,
  toFunctionSelector,
  type Hex,
  type Log,
} from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../src/deployment.ts";
import type { FoundDisCO } from "../src/discovery.ts";
import { foldCredit } from "../src/credit/index.ts";
import {
  checkInOf,
  figuresTuple,
  foldFederation,
  verifyCheckIns,
  type CheckIn,
  type CheckInSource,
} from "../src/federation/index.ts";
import { createLogDecoder, foldSnapshot, memoryCache, type RawLog } from "../src/history/index.ts";
import { STAGES } from "../src/members.ts";
import history from "./fixtures/audit/demo-history.json";
import { addressOf, CREDIT, creditLog, FEDERATION, federationLog } from "./federation-logs.ts";

const deployment = history.deployment as Deployment;
const disco: FoundDisCO = { ...deployment, name: "Demo DisCO", creator: addressOf("creator") };
const ID = getAddress(deployment.contracts.membership.address);
const LOGS = history.logs as RawLog[];
const TIMES = new Map(history.blockTimes.map(([block, time]) => [Number(block), BigInt(time)]));
// The check-ins are made in the history's last block, periods 1 and 2 final by then.
const AT = history.toBlock;
TIMES.set(AT, BigInt(history.now));

// The federation's credit network, founded in the block that closed period 1: there Small DisCO pays the demo 300 €
// (period 1's credit in); in the block that closed period 2 the demo pays Small DisCO 120.50 € (period 2's credit out).
const closings = createLogDecoder(deployment.contracts)(LOGS).events.filter((e) => e.name === "PeriodClosed");
const [CLOSED_1, CLOSED_2] = [1, 2].map((period) => {
  const closed = closings.find((e) => e.name === "PeriodClosed" && e.args.period === period);
  if (closed?.name !== "PeriodClosed") throw new Error(`period ${period} never closed`);
  TIMES.set(closed.block, BigInt(closed.args.closedAt));
  return closed.block;
});
const SMALL = addressOf("Small DisCO");
const NETWORK = { credit: CREDIT, blockNumber: CLOSED_1 };
const payment = (payer: string, payee: string, amount: bigint, ref: string) => ({
  payer,
  payee,
  amount,
  paymentRef: pad(numberToHex(ref.length), { size: 32 }),
  path: [payer, payee],
  by: addressOf(`${ref} treasurer`),
});
const CREDIT_LOGS: Log[] = [
  creditLog("CreditNetworkFounded", { federation: FEDERATION, maxHops: 4, memberAccounts: false }, CLOSED_1, 0),
  creditLog("CreditPaid", payment(SMALL, ID, 30_000n, "INV-S-1"), CLOSED_1, 1),
  creditLog("CreditPaid", payment(ID, SMALL, 12_050n, "INV-D-22"), CLOSED_2, 0),
];
const CREDIT_STATE = foldCredit(CREDIT_LOGS, CREDIT, { times: TIMES });
const CREDIT_RAW: RawLog[] = CREDIT_LOGS.map((log) => ({
  blockNumber: Number(log.blockNumber),
  index: log.logIndex ?? 0,
  transactionHash: log.transactionHash ?? "0x",
  address: log.address,
  topics: log.topics,
  data: log.data,
}));
const creditOfDemo: CheckInSource["credit"] = { state: CREDIT_STATE, account: ID };

interface Filter {
  address: string | string[];
  topics?: Array<string | null>;
  fromBlock: Hex;
  toBlock: Hex;
}

/** The demo's currency as its token answers: a token may answer no symbol, or not even its decimals. */
interface Token {
  decimals?: number;
  symbol?: string;
}

/**
 * A node serving `logs` (the DisCO's, as recorded or tampered with), the recorded blocks' times, and what the DisCO's
 * token answers.
 */
function fakeNode(logs: readonly RawLog[], token: Token = { decimals: 6, symbol: "EURC" }) {
  const requests = { getLogs: 0, getBlock: 0, creditLogs: 0 };
  const matches = (filter: Filter) => (log: RawLog) => {
    const addresses = [filter.address].flat().map((a) => a.toLowerCase());
    const [from, to] = [Number(filter.fromBlock), Number(filter.toBlock)];
    return (
      addresses.includes(log.address.toLowerCase()) &&
      log.blockNumber >= from &&
      log.blockNumber <= to &&
      (filter.topics ?? []).every((topic, i) => topic === null || log.topics[i]?.toLowerCase() === topic)
    );
  };
  const client = createPublicClient({
    transport: custom(
      {
        request: async ({ method, params }: { method: string; params: unknown[] }) => {
          if (method === "eth_chainId") return numberToHex(deployment.chainId);
          if (method === "eth_blockNumber") return numberToHex(AT);
          if (method === "eth_getLogs") {
            requests.getLogs++;
            const filter = params[0] as Filter;
            if ([filter.address].flat().some((a) => a.toLowerCase() === CREDIT.toLowerCase())) requests.creditLogs++;
            return [...logs, ...CREDIT_RAW].filter(matches(filter)).map((log) => ({
              ...log,
              blockNumber: numberToHex(log.blockNumber),
              logIndex: numberToHex(log.index),
            }));
          }
          if (method === "eth_call") {
            const { to, data } = params[0] as { to: string; data: Hex };
            if (to.toLowerCase() !== deployment.contracts.token.address.toLowerCase()) throw new Error(`call to ${to}`);
            if (data === toFunctionSelector("decimals()") && token.decimals !== undefined) {
              return encodeAbiParameters([{ type: "uint8" }], [token.decimals]);
            }
            if (data === toFunctionSelector("symbol()") && token.symbol !== undefined) {
              return encodeAbiParameters([{ type: "string" }], [token.symbol]);
            }
            throw new Error("execution reverted");
          }
          if (method === "eth_getBlockByNumber") {
            requests.getBlock++;
            const block = Number(params[0]);
            const time = TIMES.get(block);
            if (time === undefined) throw new Error(`no time recorded for block ${block}`);
            return {
              number: numberToHex(block),
              hash: pad(numberToHex(block), { size: 32 }),
              timestamp: numberToHex(time),
            };
          }
          throw new Error(`unexpected ${method}`);
        },
        // A token's revert is its answer: not tried again.
      },
      { retryCount: 0 },
    ),
  });
  return { client, requests };
}

/** The demo's periods recomputed from its recorded logs, as it checks them in. */
const recorded = foldSnapshot({ logs: LOGS }, deployment).state;
const honest = (period: number): CheckIn =>
  checkInOf({ state: recorded, deployment, times: TIMES, now: BigInt(history.now), credit: creditOfDemo }, period);

/**
 * A federation in which the demo DisCO checked in periods 1 and 2 with `checkIns`, in `block` (founded in it too) from
 * log `index` on.
 */
function federationWith(checkIns: CheckIn[], block = AT, index = 3, periods = [1, 2]) {
  const logs = [
    federationLog("FederationFounded", { name: "Commons Federation", votingPeriod: 259_200 }, block, 0),
    federationLog("CharterSet", { uri: "ipfs://charter", hash: pad("0xc4a27e7", { size: 32 }) }, block, 1),
    federationLog(
      "MemberAdmitted",
      {
        disco: ID,
        proposalId: 0n,
        index: 1,
        admission: 1,
        timelock: deployment.contracts.timelock.address,
        ledger: deployment.contracts.ledger.address,
        audit: deployment.contracts.audit.address,
      },
      block,
      2,
    ),
    ...checkIns.map((c, i) =>
      federationLog(
        "CheckedIn",
        {
          disco: ID,
          period: periods[i],
          digest: c.digest,
          figures: figuresTuple(c.figures),
          by: addressOf("treasurer"),
        },
        block,
        index + i,
      ),
    ),
  ];
  return foldFederation(logs, FEDERATION, { times: TIMES });
}

describe("verifyCheckIns", () => {
  it("recomputes honest check-ins from the DisCO's logs, fetched once", async () => {
    const { client, requests } = fakeNode(LOGS);
    const checks = await verifyCheckIns(client, NETWORK, federationWith([honest(1), honest(2)]), [disco]);
    expect(checks.map((c) => [c.checkIn.period, c.differs, c.error])).toEqual([
      [1, [], undefined],
      [2, [], undefined],
    ]);
    expect(checks[1].recomputed).toEqual(honest(2));
    // One range, three filters: the contracts' logs, transfers out of and into the treasury; and the credit
    // network's logs, once.
    expect(requests.getLogs).toBe(4);
    expect(requests.creditLogs).toBe(1);
  });

  it("recomputes a check-in from the logs before its CheckedIn log, not a later one of its block", async () => {
    // Period 2 is funded in block 116 by its first log: a check-in of period 2 made just before, in the same block.
    const events = createLogDecoder(deployment.contracts)(LOGS).events;
    const funded = events.find((e) => e.name === "PeriodFunded" && e.args.period === 2);
    const at = LOGS.findIndex((log) => log.blockNumber === funded?.block && log.index === funded.logIndex);
    const block = LOGS[at].blockNumber;
    TIMES.set(block, TIMES.get(block - 2) ?? 0n);
    const before = foldSnapshot({ logs: LOGS.slice(0, at) }, deployment).state;
    const now = TIMES.get(block) ?? 0n;
    const checkIn = checkInOf({ state: before, deployment, times: TIMES, now, credit: creditOfDemo }, 2);
    // The CheckedIn log takes the funding's place in the block; the DisCO's logs after it move one on.
    const moved = LOGS.map((log) =>
      log.blockNumber === block && log.index >= LOGS[at].index ? { ...log, index: log.index + 1 } : log,
    );
    const fed = federationWith([checkIn], block, LOGS[at].index, [2]);
    const [check] = await verifyCheckIns(fakeNode(moved).client, NETWORK, fed, [disco]);
    expect([check.error, check.differs]).toEqual([undefined, []]);
    // The funding counted, the books differ.
    expect(honest(2).digest).not.toBe(checkIn.digest);
  });

  it("names each DisCO's currency as its token answers: its symbol if any, its decimals", async () => {
    const fed = federationWith([honest(1)]);
    const address = getAddress(deployment.contracts.token.address);
    const currencyWith = async (token: Token) =>
      (await verifyCheckIns(fakeNode(LOGS, token).client, NETWORK, fed, [disco]))[0];
    expect((await currencyWith({ decimals: 6, symbol: "EURC" })).currency).toEqual({
      address,
      symbol: "EURC",
      decimals: 6,
    });
    expect((await currencyWith({ decimals: 18 })).currency).toEqual({ address, symbol: null, decimals: 18 });
    const mute = await currencyWith({});
    expect([mute.currency, mute.differs]).toEqual([null, []]);
    expect((await verifyCheckIns(fakeNode(LOGS).client, NETWORK, fed, []))[0].currency).toBe(null);
  });

  it("flags a check-in whose figure differs from the logs, naming it", async () => {
    const inflated = { ...honest(2), figures: { ...honest(2).figures, moneyIn: 1_200n * 1_000_000n } };
    const checks = await verifyCheckIns(fakeNode(LOGS).client, NETWORK, federationWith([honest(1), inflated]), [disco]);
    expect(checks.map((c) => c.differs)).toEqual([[], ["MoneyIn"]]);
    expect(checks[1].recomputed?.figures.moneyIn).toBe(0n);
  });

  it("counts the credit payments the DisCO received and made, and flags a credit figure that differs", async () => {
    expect([1, 2].map((period) => [honest(period).figures.creditIn, honest(period).figures.creditOut])).toEqual([
      [30_000n, 0n],
      [0n, 12_050n],
    ]);
    const hidden = { ...honest(2), figures: { ...honest(2).figures, creditOut: 0n } };
    const node = fakeNode(LOGS);
    const checks = await verifyCheckIns(node.client, NETWORK, federationWith([honest(1), hidden]), [disco]);
    expect(checks.map((c) => c.differs)).toEqual([[], ["CreditOut"]]);
    expect(node.requests.creditLogs).toBe(1);
    // A network already loaded is not loaded again.
    const loaded = fakeNode(LOGS);
    const again = await verifyCheckIns(loaded.client, NETWORK, federationWith([hidden], AT, 3, [2]), [disco], {
      credit: CREDIT_STATE,
    });
    expect([again[0].differs, loaded.requests.creditLogs]).toEqual([["CreditOut"], 0]);
  });

  it("flags check-ins when the DisCO's logs were dropped or edited on the way", async () => {
    const fed = federationWith([honest(1), honest(2)]);
    const verify = async (logs: RawLog[]) =>
      (await verifyCheckIns(fakeNode(logs).client, NETWORK, fed, [disco])).map((c) => c.error ?? c.differs);
    const events = createLogDecoder(deployment.contracts)(LOGS).events;
    const at = (found: (typeof events)[number] | undefined) =>
      LOGS.findIndex((log) => log.blockNumber === found?.block && log.index === found.logIndex);

    // A work entry of period 2 counted, dropped: period 2's books and its livelihood total differ.
    const counted = at(events.find((e) => e.name === "EntryCounted" && e.args.period === 2 && e.args.stream === 0));
    expect(await verify(LOGS.filter((_, i) => i !== counted))).toEqual([[], ["Digest", "LivelihoodPayable"]]);

    // A Committed member's admission edited to say Dating 3: fewer binding members in both periods.
    const admitted = at(
      events.find((e) => e.name === "MemberAdmitted" && e.args.stage === STAGES.indexOf("Committed")),
    );
    const edited = LOGS.map((log, i) =>
      i === admitted ? { ...log, data: pad(numberToHex(STAGES.indexOf("Dating3")), { size: 32 }) } : log,
    );
    expect(await verify(edited)).toEqual([["BindingMembers"], ["BindingMembers"]]);

    // A work entry logged, dropped: its approval follows nothing, a history no ledger makes.
    const logged = at(events.find((e) => e.name === "EntryLogged"));
    const [error] = await verify(LOGS.filter((_, i) => i !== logged));
    expect(error).toMatch(/^Demo DisCO's logs tell a history its contracts could not have made: /);
  });

  it("reports a check-in of a DisCO the factory did not start, and reads a cached history without fetching it again", async () => {
    const fed = federationWith([honest(1)]);
    const [unknown] = await verifyCheckIns(fakeNode(LOGS).client, NETWORK, fed, []);
    expect(unknown).toMatchObject({
      recomputed: null,
      differs: [],
      error: `No DisCO ${ID} among the factory's: its logs can't be found`,
    });
    const cache = memoryCache();
    await verifyCheckIns(fakeNode(LOGS).client, NETWORK, fed, [disco], { cache });
    const again = fakeNode(LOGS);
    expect((await verifyCheckIns(again.client, NETWORK, fed, [disco], { cache }))[0].differs).toEqual([]);
    // Only the credit network's logs are read.
    expect([again.requests.getLogs, again.requests.creditLogs]).toEqual([1, 1]);
  });
});
