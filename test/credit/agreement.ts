/**
 * The SDK and the credit network agree (review of issue 17, M6): on a federation of five factory-made DisCOs with
 * seeded-random lines, seeded-random steps on the in-process chain: payments along findPath's path up to maxPayable's
 * capacity, amounts beyond it, clearings of findCycles' first suggestion, line changes (by the members' vote or a
 * treasurer within the bound), freezes and unfreezes, and a DisCO leaving. Every payment and clearing the SDK
 * suggests is accepted, and one cent more refused; of every path there is, the contract accepts exactly those the
 * SDK's hop capacities and accounts say carry the amount (so none when findPath finds none); and after every step the
 * state loaded incrementally (loadCredit on the previous one) answers balanceOf and lineOf for every ordered pair as
 * the contract does. The seed is in the title; CREDIT_AGREEMENT_SEED=<n> runs another.
 */
import { expect } from "chai";
import type { Signer } from "ethers";
import { getAddress, type Address } from "viem";
import { creditAbi } from "@disco-ledger/sdk/abis";
import {
  balanceOf,
  creditAccounts,
  creditGraph,
  findCycles,
  findPath,
  hopCapacity,
  lineOf,
  loadCredit,
  maxPayable,
  netPosition,
  type CreditCycle,
  type CreditPath,
  type CreditState,
} from "@disco-ledger/sdk/credit";
import { discoverFederations, loadFederation, type FederationState } from "@disco-ledger/sdk/federation";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import {
  clearCycleArgs,
  creditPayCall,
  decisionOn,
  freezeCreditLineCall,
  setCreditLineArgs,
  setCreditLineCall,
  setTreasurerLimitsCall,
  type DisCODecision,
} from "@disco-ledger/sdk/proposals";
import { buildFederation, checkInPeriods } from "../../scripts/lib/bench/federation.ts";
import type { MutualCredit } from "../../types/ethers-contracts/index.js";
import { connection } from "../helpers/disco.ts";

const { ethers, networkHelpers } = connection;
const SEED = Number(process.env.CREDIT_AGREEMENT_SEED ?? 1) >>> 0;
const STEPS = 40;
/** The step at which the last DisCO leaves the federation: no account from then on. */
const LEAVE_AT = 28;
const EURO = 100n;
/** The first four DisCOs trade around a ring, each paying the next: each extends a line to the one before it. */
const RING = 4;
/** The errors the contract may give for a payment the SDK says is impossible. */
const REFUSALS = ["CreditOverLine", "CreditNotAccount"];

/** Mulberry32: a small seeded generator, so a failing run is repeated by its seed. */
function generator(seed: number) {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[below(items.length)],
    /** A bigint from 1 to `n`. */
    upTo: (n: bigint) => 1n + BigInt(Math.floor(next() * Number(n))),
  };
}

/**
 * A federation of five DisCOs (buildFederation's: each acts by its impersonated timelock, as its executed vote does),
 * its network, and account #2, a treasurer of each.
 */
async function agreementNetwork() {
  const built = await buildFederation(connection, 5, false);
  // Grants account #2 TREASURER_ROLE on every DisCO's ledger; finds the factory's chain.
  const { chain, client } = await checkInPeriods(connection, built, { periods: 0, paid: () => 0n });
  const [found] = await discoverFederations(client, chain);
  const credit = (await ethers.getContractAt("MutualCredit", built.credit)) as unknown as MutualCredit;
  const treasurer = (await ethers.getSigners())[2];
  return { ...built, found, client, credit, treasurer };
}

/** What a call was refused with: the contract's named error, or the message when it is none of its errors. */
function refusal(credit: MutualCredit, error: unknown): string {
  const data = (error as { data?: string }).data;
  const parsed = typeof data === "string" ? credit.interface.parseError(data) : null;
  return parsed ? `${parsed.name}(${parsed.args.join(", ")})` : String(error);
}

/** Every path of distinct nodes from `from` to `to` of at most `maxHops` hops among `nodes`. */
function simplePaths(nodes: readonly Address[], from: Address, to: Address, maxHops: number): Address[][] {
  const paths: Address[][] = [];
  const walk = (path: Address[]) => {
    const at = path[path.length - 1];
    if (at === to) return void paths.push(path);
    if (path.length > maxHops) return;
    for (const next of nodes) if (!path.includes(next)) walk([...path, next]);
  };
  walk([from]);
  return paths;
}

describe("Mutual credit: the SDK and the contract agree", function () {
  it(`over ${STEPS} seeded-random steps on five DisCOs (seed ${SEED})`, async function () {
    const net = await networkHelpers.loadFixture(agreementNetwork);
    const { credit, client, found, treasurer } = net;
    const random = generator(SEED);
    const ids = net.discos.map((d) => getAddress(d.id));
    const nameOf = (a: Address) => net.discos[ids.indexOf(getAddress(a))].name;
    const timelockOf = (a: Address) => net.discos[ids.indexOf(getAddress(a))].timelock;
    const fedNamed = { address: found.credit, name: found.name };
    const named = (a: Address) => ({ address: a, name: nameOf(a) });
    const counts = {
      payments: 0,
      fullPayments: 0,
      refused: 0,
      paths: 0,
      cycles: 0,
      clearings: 0,
      lines: 0,
      freezes: 0,
    };
    let step = 0;
    /** Trades made around the ring. */
    let trades = 0;
    const where = () => `seed ${SEED}, step ${step}`;

    /** Sends a decision's calls from `signer` (a DisCO's timelock: its members' vote), each one required to pass. */
    const send = async (signer: Signer, decision: DisCODecision, what: string) => {
      for (const call of decision.calls) {
        try {
          await (await signer.sendTransaction({ to: call.target, data: call.data, value: call.value })).wait();
        } catch (error) {
          expect.fail(`${where()}: the contract refused ${what}: ${refusal(credit, error)}`);
        }
      }
    };
    /** The error the contract gives for a call made without sending it (eth_call); null when it passes. */
    const refusedWith = async (call: () => Promise<unknown>): Promise<string | null> => {
      try {
        await call();
        return null;
      } catch (error) {
        return refusal(credit, error);
      }
    };
    /** A decision's one call, made by `signer` without sending it. */
    const calling =
      (signer: Signer, { calls: [call] }: DisCODecision) =>
      () =>
        signer.call({ to: call.target, data: call.data });

    let fed: FederationState = await loadFederation(client, found);
    let state: CreditState = await loadCredit(client, { address: found.credit, blockNumber: found.blockNumber });
    /** The state after the step, from the last one, and its agreement with the contract on every ordered pair. */
    const agree = async () => {
      state = await loadCredit(client, { address: found.credit, blockNumber: found.blockNumber }, state);
      const pairs = ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => [a, b] as const));
      const chain = await Promise.all(
        pairs.map(async ([a, b]) => {
          const [limit, frozen] = await credit.lineOf(a, b);
          return { balance: await credit.balanceOf(a, b), limit, frozen };
        }),
      );
      const sdk = pairs.map(([a, b]) => ({ balance: balanceOf(state, a, b), ...lineOf(state, a, b) }));
      for (const [i, [a, b]] of pairs.entries()) {
        const what = `${where()}: ${nameOf(a)} toward ${nameOf(b)}: the SDK's balance and line, and the contract's`;
        expect(sdk[i], what).to.deep.equal(chain[i]);
      }
    };
    const accounts = () => creditAccounts(fed, state).map((a) => getAddress(a));
    const nets = () => new Map(ids.map((a) => [a, netPosition(state, a)]));

    // Lines of 100 to 1,000 € on most ordered pairs and around the ring, and treasurers' limits, by each DisCO's vote.
    for (const giver of ids) {
      await send(
        timelockOf(giver),
        setTreasurerLimitsCall(fedNamed, giver, 500n * EURO, 400n * EURO),
        `${nameOf(giver)}'s treasurers' limits`,
      );
      const next = ids[(ids.indexOf(giver) + RING - 1) % RING];
      for (const receiver of ids.filter((r) => r !== giver && (r === next || random.next() < 0.7))) {
        const limit = 100n * EURO + random.upTo(900n * EURO);
        await send(timelockOf(giver), setCreditLineCall(fedNamed, giver, named(receiver), limit), "a line");
      }
    }
    await agree();

    /**
     * Every path of `amount` from `payer` to `payee` there is, tried on the contract: it accepts exactly those whose
     * every node is an account (creditAccounts) and every hop carries the amount (hopCapacity); how many do.
     */
    const everyPath = async (payer: Address, payee: Address, amount: bigint) => {
      const open = accounts();
      const ref = encodePaymentReference(`TRY-${step}`);
      let carrying = 0;
      for (const path of simplePaths(ids, payer, payee, state.maxHops)) {
        const carries = path.every(
          (node, i) => open.includes(node) && (i === 0 || hopCapacity(state, path[i - 1], node) >= amount),
        );
        const attempt = creditPayCall(fedNamed, payer, named(payee), path, amount, ref);
        const error = await refusedWith(calling(timelockOf(payer), attempt));
        const what = `${where()}: ${amount} along ${path.map(nameOf).join(" > ")}, which the SDK says ${carries ? "carries" : "can't carry"} it`;
        if (carries) expect(error, what).to.equal(null);
        else expect(error, what).to.match(new RegExp(`^(${REFUSALS.join("|")})\\(`));
        carrying += carries ? 1 : 0;
        counts.paths++;
      }
      return carrying;
    };

    /** A payment: findPath's path for an amount up to maxPayable's capacity, accepted; one cent more, refused. */
    const payment = async (payer: Address, payee: Address, most: CreditPath) => {
      const full = random.next() < 0.3;
      const amount = full ? most.capacity : random.upTo(most.capacity);
      const suggested = findPath(creditGraph(state, accounts()), payer, payee, amount, state.maxHops);
      expect(suggested, `${where()}: findPath for ${amount} within maxPayable's ${most.capacity}`).to.not.equal(null);
      const { path } = suggested as CreditPath;
      expect(await everyPath(payer, payee, amount), `${where()}: paths carrying ${amount}`).to.be.above(0);
      if (full) {
        expect(await everyPath(payer, payee, amount + 1n), `${where()}: paths carrying one cent more`).to.equal(0);
        counts.fullPayments++;
      }
      const before = nets();
      const what = `${nameOf(payer)} paying ${nameOf(payee)} ${amount} along ${path.map(nameOf).join(" > ")}`;
      const ref = encodePaymentReference(`INV-${step}`);
      await send(timelockOf(payer), creditPayCall(fedNamed, payer, named(payee), path, amount, ref), what);
      await agree();
      const after = nets();
      for (const a of ids) {
        const moved = a === payer ? -amount : a === payee ? amount : 0n;
        expect(after.get(a), `${where()}: ${nameOf(a)}'s net position`).to.equal((before.get(a) ?? 0n) + moved);
      }
      counts.payments++;
    };

    /** An amount no path carries by the SDK (findPath finds none): the contract refuses it along every path. */
    const refused = async (payer: Address, payee: Address, amount: bigint) => {
      const graph = creditGraph(state, accounts());
      expect(findPath(graph, payer, payee, amount, state.maxHops), `${where()}: findPath for ${amount}`).to.equal(null);
      expect(await everyPath(payer, payee, amount), `${where()}: paths carrying ${amount}`).to.equal(0);
      counts.refused++;
    };

    /**
     * findCycles' suggestions, each of which the contract accepts (and refuses for one cent more); the first cleared
     * by anyone (account #5, no DisCO's).
     */
    const clear = async (suggestions: CreditCycle[]) => {
      const anyone = (await ethers.getSigners())[5];
      const clearing = ({ cycle }: CreditCycle, amount: bigint) =>
        decisionOn(creditAbi, found.credit, "clearCycle", clearCycleArgs(cycle, amount), "a clearing");
      for (const suggestion of suggestions) {
        const around = `${suggestion.amount} around ${suggestion.cycle.map(nameOf).join(" > ")}`;
        const [exact, over] = [suggestion.amount, suggestion.amount + 1n].map((amount) =>
          refusedWith(calling(anyone, clearing(suggestion, amount))),
        );
        expect(await exact, `${where()}: clearing ${around}`).to.equal(null);
        expect(await over, `${where()}: clearing one cent over ${around}`).to.match(/^CreditOverDebt\(/);
        counts.cycles++;
      }
      const [first] = suggestions;
      const before = nets();
      await send(anyone, clearing(first, first.amount), `clearing ${first.amount}`);
      await agree();
      expect(nets(), `${where()}: net positions after a clearing`).to.deep.equal(before);
      counts.clearings++;
    };

    /** A new line, by a treasurer when the current and the new limit are within the DisCO's bound. */
    const setLine = async (giver: Address, receiver: Address) => {
      const limit = random.next() < 0.2 ? 0n : random.upTo(1_000n * EURO);
      const bound = state.treasurers.find((t) => getAddress(t.disco) === giver)?.lineBound ?? 0n;
      if (lineOf(state, giver, receiver).limit <= bound && limit <= bound && random.next() < 0.5) {
        const what = `a treasurer's line of ${limit} within the bound ${bound}`;
        const line = setCreditLineArgs(giver, receiver, limit);
        await send(treasurer, decisionOn(creditAbi, found.credit, "setCreditLine", line, what), what);
      } else {
        await send(timelockOf(giver), setCreditLineCall(fedNamed, giver, named(receiver), limit), "a line");
      }
      await agree();
      counts.lines++;
    };

    /** Freezes a line, or unfreezes a frozen one, by the giver's vote. */
    const freeze = async (giver: Address, receiver: Address) => {
      const frozen = !lineOf(state, giver, receiver).frozen;
      await send(timelockOf(giver), freezeCreditLineCall(fedNamed, giver, named(receiver), frozen), "a freeze");
      await agree();
      counts.freezes++;
    };

    for (step = 1; step <= STEPS; step++) {
      if (step === LEAVE_AT) {
        const leaver = net.discos[net.discos.length - 1];
        await (await net.federation.connect(leaver.timelock).leave(leaver.id)).wait();
        fed = await loadFederation(client, found, fed);
        expect(accounts(), `${where()}: the accounts after ${leaver.name} left`).to.not.include(getAddress(leaver.id));
        await agree();
        continue;
      }
      const open = accounts();
      const suggestions = findCycles(state, state.maxHops);
      const roll = random.next();
      if (suggestions.length > 0 && roll < 0.5) await clear(suggestions);
      else if (roll < 0.75) {
        // Mostly the ring's next trade, so that debts run in cycles; else any payer (one that left is no account:
        // the SDK finds no path, the contract refuses) and payee.
        const ring = random.next() < 0.6;
        const payer = ring ? ids[trades % RING] : random.pick(ids);
        const payee = ring ? ids[++trades % RING] : random.pick(ids.filter((a) => a !== payer));
        const most = maxPayable(creditGraph(state, open), payer, payee, state.maxHops);
        if (most !== null && random.next() < 0.8) await payment(payer, payee, most);
        else await refused(payer, payee, (most?.capacity ?? 0n) + random.upTo(300n * EURO));
      } else {
        const giver = random.pick(open);
        const receiver = random.pick(open.filter((a) => a !== giver));
        await (roll < 0.88 ? setLine : freeze)(giver, receiver);
      }
    }
    // The state folded step by step is the state folded at once.
    expect(await loadCredit(client, { address: found.credit, blockNumber: found.blockNumber })).to.deep.equal(state);
    console.log(`      seed ${SEED}: ${JSON.stringify(counts)}`);
    // The seed exercised every kind of step (another seed may not: choose one that does).
    for (const [kind, count] of Object.entries(counts)) expect(count, `seed ${SEED}: ${kind}`).to.be.above(0);
  });
});
