/**
 * A federation's mutual-credit network folded from its own logs (IMutualCredit's events are rich enough to rebuild
 * it): its settings, persons' accounts, lines, one balance per pair, treasurers' limits, and every payment, clearing
 * and settlement. Plain data (JSON-friendly but for bigints), folded incrementally as the federation's state is:
 * a state folds later logs onto a copy of itself. Browser-safe.
 */
import { getAddress, type Address, type Hex, type Log, type ParseEventLogsReturnType } from "viem";
import { blockTimeOf, decodeInOrder, logsSince, type FederationReader, type FoldOptions } from "../federation/fold.ts";
import { creditAbi } from "../generated/abis.ts";

// ------------------------------------------------------------------------------------------------ STATE

/** The line `giver` extends to `receiver` (how far the receiver may owe it), as last set or frozen. */
export interface CreditLine {
  giver: Address;
  receiver: Address;
  /** Credit cents. */
  limit: bigint;
  frozen: boolean;
  /** Who acted for the giver last (its timelock, a treasurer, the person). */
  by: Address;
  time: number;
}

/** Where an event is on the chain, and when. */
interface Placed {
  blockNumber: number;
  logIndex: number;
  transactionHash: Hex;
  time: number;
}

export interface CreditPayment extends Placed {
  payer: Address;
  payee: Address;
  /** Credit cents, moved along every hop of `path`. */
  amount: bigint;
  paymentRef: Hex;
  /** From the payer to the payee. */
  path: Address[];
  by: Address;
}

export interface CreditClearing extends Placed {
  /** Closed: the first node repeated last; each node owed the next `amount` less after it. */
  cycle: Address[];
  amount: bigint;
  by: Address;
}

export interface CreditSettlement extends Placed {
  debtor: Address;
  creditor: Address;
  /** Credit cents the debt fell by. */
  amount: bigint;
  currency: Address;
  /** The currency's own units paid into the creditor's treasury. */
  tokens: bigint;
  /** The debtor's timelock. */
  by: Address;
}

export interface TreasurerLimits {
  disco: Address;
  /** Credit cents the treasurers may pay per 30-day period. */
  budget: bigint;
  /** The highest line they may set. */
  lineBound: bigint;
  time: number;
}

/** One pair's balance, as the contract's Pair keeps it. */
export interface CreditBalance {
  /** The lower address (lowercase order). */
  low: Address;
  high: Address;
  /** `low`'s balance toward `high`: positive when `high` owes `low`. */
  balance: bigint;
}

export interface CreditState {
  address: Address;
  federation: Address;
  maxHops: number;
  /** Whether Committed members of member DisCOs may open accounts. */
  memberAccounts: boolean;
  /** Persons' accounts (AccountOpened), one per person, with the home DisCO last named. */
  accounts: { account: Address; disco: Address; time: number }[];
  /** Every line ever set or frozen, its current value (one per giver and receiver). */
  lines: CreditLine[];
  /** Every pair a payment, clearing or settlement touched. */
  balances: CreditBalance[];
  treasurers: TreasurerLimits[];
  /** Chain order. */
  payments: CreditPayment[];
  clearings: CreditClearing[];
  settlements: CreditSettlement[];
  /** The last block folded. */
  lastBlock: number;
}

// ------------------------------------------------------------------------------------------------ FOLD

/** A MutualCredit log decoded by its ABI. */
export type CreditEvent = ParseEventLogsReturnType<typeof creditAbi, undefined, true>[number];

const key = (a: string, b: string) => `${a.toLowerCase()} ${b.toLowerCase()}`;

/** The state's records by key, to fold many events onto in linear time; they are the state's own objects. */
interface Index {
  accounts: Map<string, CreditState["accounts"][number]>;
  lines: Map<string, CreditLine>;
  balances: Map<string, CreditBalance>;
  treasurers: Map<string, TreasurerLimits>;
}

/**
 * `from` (a previous state, as a copy: it is left as it was) with `logs` folded on, or, given the network's address,
 * its state from its founding log (CreditNetworkFounded) on. Only the logs of that address are folded: another
 * contract's, even one that calls itself a credit network, are left out. Decoded logs (parseEventLogs over creditAbi)
 * are taken as they are. Folding later logs onto a state gives the state of all the logs folded at once. Throws when
 * the network's logs don't start with its founding, when a log comes at or before the previous state's `lastBlock`,
 * or when its block's time is unknown.
 */
export function foldCredit(
  logs: readonly (Log | CreditEvent)[],
  from: Address | CreditState,
  options: FoldOptions = {},
): CreditState {
  const previous = typeof from === "string" ? undefined : from;
  const address = getAddress(typeof from === "string" ? from : from.address);
  const decoded = decodeInOrder(creditAbi, logs).filter((e) => e.address.toLowerCase() === address.toLowerCase());
  if (previous === undefined && decoded[0]?.eventName !== "CreditNetworkFounded") {
    throw new Error(`The logs of credit network ${address} start with its CreditNetworkFounded event`);
  }
  const state: CreditState = previous
    ? structuredClone(previous)
    : {
        address,
        federation: address,
        maxHops: 0,
        memberAccounts: false,
        accounts: [],
        lines: [],
        balances: [],
        treasurers: [],
        payments: [],
        clearings: [],
        settlements: [],
        lastBlock: 0,
      };
  const index: Index = {
    accounts: new Map(state.accounts.map((a) => [a.account.toLowerCase(), a])),
    lines: new Map(state.lines.map((l) => [key(l.giver, l.receiver), l])),
    balances: new Map(state.balances.map((b) => [key(b.low, b.high), b])),
    treasurers: new Map(state.treasurers.map((t) => [t.disco.toLowerCase(), t])),
  };
  for (const event of decoded) {
    const block = Number(event.blockNumber);
    if (previous !== undefined && block <= previous.lastBlock) {
      throw new Error(`The log of block ${block} was folded before: fold the logs after block ${previous.lastBlock}`);
    }
    apply(state, index, event, blockTimeOf(event, options.times));
    state.lastBlock = Math.max(state.lastBlock, block);
  }
  return state;
}

/** Moves `a`'s balance toward `b` by `delta` (the pair's record made on its first touch). */
function move(state: CreditState, index: Index, a: Address, b: Address, delta: bigint): void {
  const aLow = a.toLowerCase() < b.toLowerCase();
  const [low, high] = aLow ? [a, b] : [b, a];
  let pair = index.balances.get(key(low, high));
  if (!pair) {
    pair = { low, high, balance: 0n };
    index.balances.set(key(low, high), pair);
    state.balances.push(pair);
  }
  pair.balance += aLow ? delta : -delta;
}

function lineFor(state: CreditState, index: Index, giver: Address, receiver: Address): CreditLine {
  let line = index.lines.get(key(giver, receiver));
  if (!line) {
    line = { giver, receiver, limit: 0n, frozen: false, by: giver, time: 0 };
    index.lines.set(key(giver, receiver), line);
    state.lines.push(line);
  }
  return line;
}

function apply(state: CreditState, index: Index, event: CreditEvent, time: number): void {
  const placed = {
    blockNumber: Number(event.blockNumber),
    logIndex: event.logIndex,
    transactionHash: event.transactionHash,
    time,
  };
  switch (event.eventName) {
    case "CreditNetworkFounded":
      state.federation = event.args.federation;
      state.maxHops = event.args.maxHops;
      state.memberAccounts = event.args.memberAccounts;
      return;
    case "AccountOpened": {
      const { account, disco } = event.args;
      const opened = index.accounts.get(account.toLowerCase());
      if (opened) Object.assign(opened, { disco, time });
      else {
        const record = { account, disco, time };
        index.accounts.set(account.toLowerCase(), record);
        state.accounts.push(record);
      }
      return;
    }
    case "CreditLineSet": {
      const { giver, receiver, limit, by } = event.args;
      Object.assign(lineFor(state, index, giver, receiver), { limit, by, time });
      return;
    }
    case "CreditLineFrozen": {
      const { giver, receiver, frozen, by } = event.args;
      Object.assign(lineFor(state, index, giver, receiver), { frozen, by, time });
      return;
    }
    case "TreasurerLimitsSet": {
      const { disco, budget, lineBound } = event.args;
      const limits = index.treasurers.get(disco.toLowerCase());
      if (limits) Object.assign(limits, { budget, lineBound, time });
      else {
        const record = { disco, budget, lineBound, time };
        index.treasurers.set(disco.toLowerCase(), record);
        state.treasurers.push(record);
      }
      return;
    }
    case "CreditPaid": {
      const { payer, payee, amount, paymentRef, path, by } = event.args;
      for (let i = 1; i < path.length; i++) move(state, index, path[i - 1], path[i], -amount);
      state.payments.push({ payer, payee, amount, paymentRef, path: [...path], by, ...placed });
      return;
    }
    case "CycleCleared": {
      const { cycle, amount, by } = event.args;
      for (let i = 1; i < cycle.length; i++) move(state, index, cycle[i - 1], cycle[i], amount);
      state.clearings.push({ cycle: [...cycle], amount, by, ...placed });
      return;
    }
    case "Settled": {
      const { debtor, creditor, amount, currency, tokens, by } = event.args;
      move(state, index, debtor, creditor, amount);
      state.settlements.push({ debtor, creditor, amount, currency, tokens, by, ...placed });
      return;
    }
  }
}

// ------------------------------------------------------------------------------------------------ LOAD

/**
 * A credit network's state at the chain's head: its logs since it was founded in `network.blockNumber` (the
 * federation's block: FoundFederation's `credit` and `blockNumber`), or since `previous` stopped, folded with their
 * blocks' times.
 */
export async function loadCredit(
  client: FederationReader,
  network: { address: Address; blockNumber: number },
  previous?: CreditState,
): Promise<CreditState> {
  const { logs, times, head } = await logsSince(
    client,
    network.address,
    previous?.lastBlock ?? network.blockNumber - 1,
  );
  return { ...foldCredit(logs, previous ?? network.address, { times }), lastBlock: head };
}
