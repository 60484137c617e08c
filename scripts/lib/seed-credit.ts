/**
 * The seeded mutual credit of `npm start`, in Commons Federation's network, after the federation's seeding
 * (seedFederation) and before Garden DisCO's open application: the demo, Small DisCO and River DisCO extend lines to
 * each other and give their treasurers a budget and a line bound, each by its members' vote; their treasurers pay
 * each other's invoices (Small DisCO hosts the demo's website, River DisCO runs Small DisCO's team day by the river,
 * the demo translates River DisCO's volunteer guides); the cycle those debts make is cleared; the demo pays River
 * DisCO through Small DisCO (River DisCO's line to the demo is too short); River DisCO pays the demo again, which
 * leaves a cycle open for the app's and the CLI's clearing suggestion; and the demo's members settle part of its debt
 * to Small DisCO in money, through the demo's treasury.
 */
import type { Signer } from "ethers";
import { getAddress } from "viem";
import { DemoEuro__factory, MutualCredit__factory } from "../../types/ethers-contracts/index.js";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import {
  clearCycleArgs,
  creditPayArgs,
  setCreditLineCall,
  setTreasurerLimitsCall,
  settleCall,
  type NamedAddress,
} from "@disco-ledger/sdk/proposals";
import type { Clock } from "./drive.ts";
import {
  creditGraph,
  findCycles,
  findPath,
  loadCredit,
  type CreditCycle,
  type CreditState,
} from "@disco-ledger/sdk/credit";
import { discoverFederations, findFederation } from "@disco-ledger/sdk/federation";
import {
  decisionOf,
  enactTogether,
  type FederationSeedInput,
  type SeededFederation,
  type SeededName,
} from "./seed-federation.ts";

// ------------------------------------------------------------------------------------------------ THE DEMO'S FACTS

/** The DisCOs that trade: the federation's members. */
type Trader = Exclude<SeededName, "Garden DisCO">;

/** Credit lines, by each giver's vote: [giver, receiver, euros] (how far the receiver may owe the giver). */
export const LINES: ReadonlyArray<readonly [Trader, Trader, number]> = [
  ["Demo DisCO", "Small DisCO", 2000],
  ["Demo DisCO", "River DisCO", 1500],
  ["Small DisCO", "Demo DisCO", 2000],
  ["Small DisCO", "River DisCO", 1000],
  ["River DisCO", "Small DisCO", 1000],
  ["River DisCO", "Demo DisCO", 300],
];

/** Each DisCO's treasurers' allowance, by its members' vote: euros they may pay per 30-day period, the highest line. */
export const TREASURER_LIMITS: Record<Trader, { budget: number; lineBound: number }> = {
  "Demo DisCO": { budget: 1500, lineBound: 1000 },
  "Small DisCO": { budget: 1000, lineBound: 500 },
  "River DisCO": { budget: 1000, lineBound: 500 },
};

/** A payment by the payer's treasurer: its path (payer first, payee last), euros, and the invoice it pays. */
export interface SeededPayment {
  path: readonly Trader[];
  euros: number;
  ref: string;
}

/** The invoices paid before the clearing: each DisCO owes the next, Demo -> Small -> River -> Demo. */
export const INVOICES: readonly SeededPayment[] = [
  { path: ["Demo DisCO", "Small DisCO"], euros: 800, ref: "INV-S-001" },
  { path: ["Small DisCO", "River DisCO"], euros: 600, ref: "INV-R-001" },
  { path: ["River DisCO", "Demo DisCO"], euros: 500, ref: "INV-D-001" },
];

/** The cycle cleared (by Small DisCO's treasurer: anyone may), by the least of its debts. */
export const CLEARED = { cycle: ["Demo DisCO", "Small DisCO", "River DisCO", "Demo DisCO"], euros: 500 } as const;

/** After the clearing: the demo pays River DisCO through Small DisCO; River DisCO pays the demo again. */
export const AFTER_CLEARING: readonly SeededPayment[] = [
  { path: ["Demo DisCO", "Small DisCO", "River DisCO"], euros: 400, ref: "INV-R-002" },
  { path: ["River DisCO", "Demo DisCO"], euros: 200, ref: "INV-D-002" },
];

/** The demo's members settle part of its debt to Small DisCO in money, through the demo's treasury. */
export const SETTLED = { debtor: "Demo DisCO", creditor: "Small DisCO", euros: 250 } as const;

/** Credit cents: what the network counts in (100 is one euro). */
export const cents = (euros: number): bigint => BigInt(Math.round(euros * 100));

// ------------------------------------------------------------------------------------------------ SEEDING

export interface SeededCredit {
  /** The federation's credit network. */
  network: NamedAddress;
  lines: typeof LINES;
  payments: readonly SeededPayment[];
  cleared: typeof CLEARED;
  settled: typeof SETTLED;
  /** The cycle left open: the SDK's clearing suggestion once the seed is done. */
  open: CreditCycle;
}

/**
 * Seeds the trading on a chain where the federation is seeded: two rounds of the DisCOs' votes (about six days of
 * chain time), the treasurers' payments and a clearing between them.
 */
export async function seedCredit(
  input: FederationSeedInput,
  seeded: SeededFederation,
  clock: Clock,
): Promise<SeededCredit> {
  const { demo, factory, client } = input;
  const { discos } = seeded;
  const chain = { chainId: demo.chainId, network: demo.network, factory };
  const found = findFederation(await discoverFederations(client, chain), seeded.federation.address);
  const network: NamedAddress = { address: getAddress(found.credit), name: found.name };
  const named = (name: Trader) => discos[name].named;
  const credit = (signer: Signer) => MutualCredit__factory.connect(network.address, signer);

  // Round 1: each DisCO's lines and its treasurers' limits, by its members' vote.
  const traders = Object.keys(TREASURER_LIMITS) as Trader[];
  await enactTogether(
    clock,
    traders.map((name) =>
      decisionOf(discos[name], [
        ...LINES.filter(([giver]) => giver === name).map(([, receiver, euros]) =>
          setCreditLineCall(network, named(name).address, named(receiver), cents(euros)),
        ),
        setTreasurerLimitsCall(
          network,
          named(name).address,
          cents(TREASURER_LIMITS[name].budget),
          cents(TREASURER_LIMITS[name].lineBound),
        ),
      ]),
    ),
  );

  // The treasurers pay the invoices, within their budgets; the cycle is cleared; two more payments. Each along the
  // path the SDK finds for it (as the app and the CLI would offer it): the demo's story and the SDK agree.
  let state: CreditState | undefined;
  const pay = async ({ path, euros, ref }: SeededPayment) => {
    const nodes = path.map((name) => named(name).address);
    state = await loadCredit(client, { address: network.address, blockNumber: found.blockNumber }, state);
    const graph = creditGraph(
      state,
      traders.map((name) => named(name).address),
    );
    const offered = findPath(graph, nodes[0], nodes[nodes.length - 1], cents(euros), state.maxHops);
    if (offered?.path.join() !== nodes.join()) {
      throw new Error(
        `The SDK would pay ${ref} along ${offered?.path.join(" -> ") ?? "no path"}, not ${path.join(" -> ")}`,
      );
    }
    const [payer, payee, through, amount, paymentRef] = creditPayArgs(
      nodes[0],
      nodes[nodes.length - 1],
      nodes,
      cents(euros),
      encodePaymentReference(ref),
    );
    // ethers wants a mutable array; the nodes are the same.
    await (await credit(discos[path[0]].treasurer).pay(payer, payee, [...through], amount, paymentRef)).wait();
  };
  for (const payment of INVOICES) await pay(payment);
  const cycle = CLEARED.cycle.map((name) => named(name).address);
  const [nodes, amount] = clearCycleArgs(cycle, cents(CLEARED.euros));
  await (await credit(discos["Small DisCO"].treasurer).clearCycle([...nodes], amount)).wait();
  for (const payment of AFTER_CLEARING) await pay(payment);

  // Round 2: the demo's members settle part of its debt to Small DisCO through its treasury.
  const debtor = discos[SETTLED.debtor].deployment;
  const currency = DemoEuro__factory.connect(debtor.contracts.token.address, discos[SETTLED.debtor].proposer);
  await enactTogether(clock, [
    decisionOf(discos[SETTLED.debtor], [
      settleCall(network, {
        debtor: named(SETTLED.debtor).address,
        creditor: named(SETTLED.creditor),
        amount: cents(SETTLED.euros),
        timelock: getAddress(debtor.contracts.timelock.address),
        treasury: getAddress(debtor.contracts.treasury.address),
        currency: getAddress(debtor.contracts.token.address),
        decimals: Number(await currency.decimals()),
      }),
    ]),
  ]);

  state = await loadCredit(client, { address: network.address, blockNumber: found.blockNumber }, state);
  const [open] = findCycles(state, state.maxHops);
  if (!open) throw new Error("The seed leaves no cycle of debts open: the app and the CLI would suggest no clearing");
  const payments = [...INVOICES, ...AFTER_CLEARING];
  return { network, lines: LINES, payments, cleared: CLEARED, settled: SETTLED, open };
}
