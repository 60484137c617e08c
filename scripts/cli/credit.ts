/**
 * The CLI's mutual-credit commands, in a federation's credit network: show it (each member DisCO's net position; with
 * --disco, that DisCO's lines, balances, treasurers' allowance and clearing suggestions), its history, and act in it
 * for a DisCO: pay along a path found (or given), set or freeze a line, each sent directly by a treasurer within the
 * allowance the members gave, else opened as the DisCO's proposal; set the treasurers' allowance and settle a debt
 * in money through the DisCO's treasury, by proposal; clear a cycle of debts, by anyone. Amounts are typed and shown
 * in euros ("300", "300.50"); the network counts credit cents. What a path, a cycle or a capacity is comes from the
 * SDK (@disco-ledger/sdk/credit), as the app shows it.
 */
import { getAddress, isAddress, type Address } from "viem";
import { creditAbi } from "@disco-ledger/sdk/abis";
import {
  balanceOf,
  checkPath,
  creditAccounts,
  creditFlowsOf,
  creditGraph,
  findCycles,
  findPath,
  lineOf,
  loadCredit,
  maxPayable,
  netPosition,
  treasurerAllowance,
  type CreditPath,
  type CreditPathProblem,
  type CreditState,
} from "@disco-ledger/sdk/credit";
import type { FederationState } from "@disco-ledger/sdk/federation";
import {
  CREDIT_DECIMALS,
  creditEuros,
  encodePaymentReference,
  isoTime,
  paymentReferenceText,
  printable,
} from "@disco-ledger/sdk/format";
import {
  clearCycleArgs,
  creditPayArgs,
  creditPayCall,
  freezeCreditLineArgs,
  freezeCreditLineCall,
  parseMoney,
  setCreditLineArgs,
  setCreditLineCall,
  setTreasurerLimitsCall,
  settleCall,
  type NamedAddress,
} from "@disco-ledger/sdk/proposals";
import { chainCommand, restOf } from "./command.ts";
import { need, send, UsageError, type Context } from "./context.ts";
import {
  discoNamed,
  federationRun,
  memberOf,
  mustBeMember,
  nameOf,
  openFederation,
  proposeDecisions,
  type FederationRun,
} from "./federation.ts";

// ------------------------------------------------------------------------------------------------ FINDING

/** Credit cents as people read them: "1,250.50 €". */
const euros = (cents: bigint): string => creditEuros(cents, "en");

/** Euros as typed ("300", "300.50") in credit cents; refuses anything else, and nothing. */
function parseEuros(text: string | undefined, what: string): bigint {
  const value = need(text, what);
  const cents = parseMoney(value, CREDIT_DECIMALS);
  if (cents === null || cents === 0n) {
    throw new UsageError(`${what} is an amount of euros with at most two decimals, like 300 or 300.50, not "${value}"`);
  }
  return cents;
}

/** A federation, its credit network and that network's state folded from its logs. */
interface Network {
  state: FederationState;
  /** The network, named after its federation (as the proposals' descriptions name it). */
  network: NamedAddress;
  credit: CreditState;
}

async function openNetwork(run: FederationRun, key: string | undefined): Promise<Network> {
  const { found, state } = await openFederation(run, key);
  const network = { address: getAddress(found.credit), name: found.name };
  const credit = await loadCredit(run.ctx.client, { address: network.address, blockNumber: found.blockNumber });
  return { state, network, credit };
}

/** A node the command line names: a DisCO by its name or address, or a person's account by its address. */
function nodeNamed(run: FederationRun, key: string | undefined, what: string): NamedAddress {
  const text = need(key, what);
  if (isAddress(text, { strict: false }) && !run.discos.some((d) => sameDisCO(d.contracts, text))) {
    return { address: getAddress(text), name: getAddress(text) };
  }
  return discoNamed(run, text, what);
}

const sameDisCO = (contracts: Record<string, { address: string }>, address: string) =>
  Object.values(contracts).some((c) => c.address.toLowerCase() === address.toLowerCase());

/** A list typed "a,b,c" of nodes. */
const nodesNamed = (run: FederationRun, text: string, what: string): NamedAddress[] =>
  text.split(",").map((key) => nodeNamed(run, key.trim(), what));

/** A path or a cycle by its nodes' names. */
const route = (run: FederationRun, nodes: readonly string[]): string => nodes.map((n) => nameOf(run, n)).join(" -> ");

/** Sends a call to the credit network as the acting account; returns its block. */
async function sendToNetwork(
  ctx: Context,
  network: NamedAddress,
  call:
    | { functionName: "pay"; args: ReturnType<typeof creditPayArgs> }
    | { functionName: "setCreditLine"; args: ReturnType<typeof setCreditLineArgs> }
    | { functionName: "freezeCreditLine"; args: ReturnType<typeof freezeCreditLineArgs> }
    | { functionName: "clearCycle"; args: ReturnType<typeof clearCycleArgs> },
): Promise<bigint> {
  const sent = { address: network.address, abi: creditAbi, ...call };
  return (await send(ctx, sent as Parameters<typeof send>[1])).blockNumber;
}

// ------------------------------------------------------------------------------------------------ SHOWING

/** A balance in words, from `a`'s side: "Small DisCO owes it 450.00 €", "it owes River DisCO 200.00 €". */
function balanceText(run: FederationRun, balance: bigint, other: string): string {
  if (balance > 0n) return `${nameOf(run, other)} owes it ${euros(balance)}`;
  if (balance < 0n) return `it owes ${nameOf(run, other)} ${euros(-balance)}`;
  return `${nameOf(run, other)}: even`;
}

/** A net position in words: "is owed 300.00 € in all", "owes 250.00 € in all", "even". */
const netText = (net: bigint): string =>
  net > 0n ? `is owed ${euros(net)} in all` : net < 0n ? `owes ${euros(-net)} in all` : "even";

/** The clearing suggestions, numbered, by their nodes' names. */
function showCycles(run: FederationRun, net: Network, through?: Address): void {
  const cycles = findCycles(net.credit, net.credit.maxHops).filter(
    (c) => through === undefined || c.cycle.some((n) => n.toLowerCase() === through.toLowerCase()),
  );
  console.log(`${cycles.length} clearing suggestion${cycles.length === 1 ? "" : "s"}:`);
  for (const [i, c] of cycles.entries()) {
    const hops = c.cycle.length - 1;
    console.log(
      `  ${i + 1}. ${route(run, c.cycle)}: ${euros(c.amount)} off each of its ${hops} debts (${euros(c.cleared)} cleared)`,
    );
  }
}

function showNetwork(run: FederationRun, net: Network): void {
  const { credit, state } = net;
  const persons = credit.memberAccounts ? "member DisCOs and their Committed members' own accounts" : "member DisCOs";
  console.log(`"${printable(state.name)}"'s credit network ${getAddress(credit.address)}`);
  console.log(`  payments of up to ${credit.maxHops} hops, between ${persons}`);
  console.log("Net positions:");
  for (const m of state.members.filter((m) => m.active)) {
    console.log(`  ${nameOf(run, m.disco)}: ${netText(netPosition(credit, m.disco))}`);
  }
  for (const a of credit.accounts)
    console.log(`  ${a.account} (at ${nameOf(run, a.disco)}): ${netText(netPosition(credit, a.account))}`);
  showCycles(run, net);
}

async function showDisCO(run: FederationRun, net: Network, disco: NamedAddress, now: number): Promise<void> {
  const { credit, state } = net;
  const me = disco.address.toLowerCase();
  const trustOf = (from: string, to: string) =>
    state.trust.find((t) => t.from.toLowerCase() === from.toLowerCase() && t.to.toLowerCase() === to.toLowerCase())
      ?.value ?? 0;
  const lineText = (limit: bigint, frozen: boolean, trust: number) =>
    `${euros(limit)}${frozen ? " (frozen: it carries nothing)" : ""}, trust ${trust}`;
  console.log(
    `${disco.name} in "${printable(state.name)}"'s credit network: ${netText(netPosition(credit, disco.address))}`,
  );
  const given = credit.lines.filter((l) => l.giver.toLowerCase() === me);
  const received = credit.lines.filter((l) => l.receiver.toLowerCase() === me);
  console.log("Lines it extends (how far each may owe it):");
  if (given.length === 0) console.log("  none");
  for (const l of given)
    console.log(`  to ${nameOf(run, l.receiver)}: ${lineText(l.limit, l.frozen, trustOf(me, l.receiver))}`);
  console.log("Lines it receives (how far it may owe each):");
  if (received.length === 0) console.log("  none");
  for (const l of received)
    console.log(`  from ${nameOf(run, l.giver)}: ${lineText(l.limit, l.frozen, trustOf(l.giver, me))}`);
  console.log("Balances:");
  const pairs = credit.balances.filter((p) => p.low.toLowerCase() === me || p.high.toLowerCase() === me);
  if (pairs.length === 0) console.log("  none");
  for (const p of pairs) {
    const other = p.low.toLowerCase() === me ? p.high : p.low;
    console.log(`  ${balanceText(run, balanceOf(credit, disco.address, other), other)}`);
  }
  if (memberOf(state, disco.address)?.active) {
    const limits = credit.treasurers.find((t) => t.disco.toLowerCase() === me);
    const { allowance, days } = await readAllowance(run.ctx, net.network, disco.address, now);
    console.log(
      limits
        ? `Treasurers: may pay ${euros(limits.budget)} per ${days}-day period (counted from 1 January 1970; ` +
            `${euros(allowance.spent)} spent this period, ${euros(allowance.left)} left until ${isoTime(allowance.renews)}) ` +
            `and set lines up to ${euros(limits.lineBound)}`
        : "Treasurers: no allowance yet; every payment and line is the members' vote",
    );
  }
  showCycles(run, net, disco.address);
}

/**
 * What a DisCO's treasurers may still pay in the network's current period (the SDK's treasurerAllowance of the
 * contract's record), and the period's length in days.
 */
async function readAllowance(ctx: Context, network: NamedAddress, disco: Address, now: number) {
  const read = { address: network.address, abi: creditAbi } as const;
  const [record, period] = await Promise.all([
    ctx.client.readContract({ ...read, functionName: "treasurersOf", args: [disco] }),
    ctx.client.readContract({ ...read, functionName: "PERIOD" }),
  ]);
  return { allowance: treasurerAllowance(record, now, period), days: period / 86_400 };
}

function showHistory(run: FederationRun, net: Network, disco?: NamedAddress): void {
  const { credit } = net;
  const mine = (nodes: readonly string[]) =>
    disco === undefined || nodes.some((n) => n.toLowerCase() === disco.address.toLowerCase());
  const payments = credit.payments.filter((p) => mine(p.path));
  console.log(`${payments.length} payment${payments.length === 1 ? "" : "s"}:`);
  for (const p of payments) {
    const through = p.path.length > 2 ? ` through ${route(run, p.path.slice(1, -1))}` : "";
    console.log(
      `  ${isoTime(p.time)} ${nameOf(run, p.payer)} paid ${nameOf(run, p.payee)} ${euros(p.amount)}${through}, ${paymentReferenceText(p.paymentRef)}`,
    );
  }
  const clearings = credit.clearings.filter((c) => mine(c.cycle));
  console.log(`${clearings.length} clearing${clearings.length === 1 ? "" : "s"}:`);
  for (const c of clearings) {
    console.log(`  ${isoTime(c.time)} ${route(run, c.cycle)}: ${euros(c.amount)} off each debt`);
  }
  const settlements = credit.settlements.filter((s) => mine([s.debtor, s.creditor]));
  console.log(`${settlements.length} settlement${settlements.length === 1 ? "" : "s"} in money:`);
  for (const s of settlements) {
    console.log(
      `  ${isoTime(s.time)} ${nameOf(run, s.debtor)} paid ${nameOf(run, s.creditor)} ${euros(s.amount)} of its debt`,
    );
  }
  if (disco !== undefined) {
    const flows = creditFlowsOf(credit, disco.address);
    const total = (direction: "in" | "out") =>
      flows.filter((f) => f.direction === direction).reduce((sum, f) => sum + f.amount, 0n);
    console.log(`${disco.name} was paid ${euros(total("in"))} and paid ${euros(total("out"))} in all`);
  }
}

// ------------------------------------------------------------------------------------------------ PAYING

/** An account the network does not know now, in words: why no payment reaches it. */
function noAccountText(net: Network, node: NamedAddress): string {
  const who = net.credit.memberAccounts
    ? "its member DisCOs and their Committed members' own accounts"
    : "its member DisCOs";
  return `${node.name} is no account in "${printable(net.state.name)}"'s credit network now: only ${who} are.`;
}

/** Why the contract would refuse a path given with --path, in words. */
function pathProblemText(
  run: FederationRun,
  net: Network,
  problem: CreditPathProblem,
  { payer, payee, amount }: { payer: NamedAddress; payee: NamedAddress; amount: bigint },
): string {
  switch (problem.error) {
    case "CreditZeroAmount":
      return "A payment is of more than nothing.";
    case "CreditInvalidPathLength":
      return `--path has ${problem.length} nodes: a payment takes 1 to ${net.credit.maxHops} hops here.`;
    case "CreditPathEnds":
      return `--path goes from ${payer.name} to ${payee.name}: its first and last nodes are them.`;
    case "CreditRepeatedNode":
      return `--path goes through ${nameOf(run, problem.node)} twice: each account may appear once.`;
    case "CreditNotAccount":
      return noAccountText(net, { address: problem.account, name: nameOf(run, problem.account) });
    case "CreditOverLine":
      return `The hop ${route(run, [problem.from, problem.to])} carries at most ${euros(problem.capacity)}, not ${euros(amount)}.`;
  }
}

/**
 * The path a payment takes: the one given, checked by the contract's rules (the SDK's checkPath), else the one the
 * SDK finds. Refuses a payer or payee that is no account now.
 */
function paymentPath(
  run: FederationRun,
  net: Network,
  payer: NamedAddress,
  payee: NamedAddress,
  amount: bigint,
  given: string | undefined,
): CreditPath {
  const { credit } = net;
  const accounts = creditAccounts(net.state, credit);
  const graph = creditGraph(credit, accounts);
  for (const node of [payer, payee]) {
    if (!accounts.some((a) => a.toLowerCase() === node.address.toLowerCase())) {
      throw new UsageError(noAccountText(net, node));
    }
  }
  if (given === undefined) {
    const found = findPath(graph, payer.address, payee.address, amount, credit.maxHops);
    if (found) return found;
    const widest = maxPayable(graph, payer.address, payee.address, credit.maxHops);
    throw new UsageError(
      `No path of up to ${credit.maxHops} hops from ${payer.name} to ${payee.name} carries ${euros(amount)}` +
        (widest
          ? `: one payment carries at most ${euros(widest.capacity)}, through ${route(run, widest.path)}.`
          : ": no lines lead there."),
    );
  }
  const path = nodesNamed(run, given, "a node of --path").map((n) => n.address);
  const ends = { payer: payer.address, payee: payee.address };
  const checked = checkPath(credit, accounts, path, amount, credit.maxHops, ends);
  if ("error" in checked) {
    throw new UsageError(pathProblemText(run, net, checked, { payer, payee, amount }));
  }
  return checked;
}

// ------------------------------------------------------------------------------------------------ COMMAND

const ACTIONS = [
  "show",
  "pay",
  "line",
  "freeze",
  "unfreeze",
  "limits",
  "settle",
  "cycles",
  "clear",
  "history",
] as const;

const credit = chainCommand({
  name: "credit",
  description: `Shows a federation's mutual-credit network, or acts in it. Actions:
  <federation>                              each member DisCO's net position and the clearing suggestions; with
                                            --disco, its lines (trust beside), balances and treasurers' allowance
  pay <federation> <payer> <payee> <euros>  pay along the path found (or --path a,b,c), with --ref (the invoice):
                                            --as-treasurer sends it within the treasurers' budget, else the payer's
                                            proposal
  line <federation> <giver> <receiver> <euros>
                                            the line the giver extends (how far the receiver may owe it): the
                                            giver's proposal, or --as-treasurer within the treasurers' line bound
  freeze|unfreeze <federation> <giver> <receiver>
                                            freeze a line (it carries nothing, its limit kept) or thaw it; as line
  limits <federation> <disco> --budget <euros> --line-bound <euros>
                                            propose the treasurers' budget per period and the highest line they set
  settle <federation> <debtor> <creditor> <euros>
                                            propose that the debtor pays down its debt in money: its treasury
                                            spends, the creditor's treasury receives
  cycles <federation>                       the clearing suggestions: cycles of debts, most debt cleared first
  clear <federation>                        clear the first suggestion (anyone may), or --cycle a,b,c,a --amount
  history <federation>                      payments with their references, clearings and settlements, dated;
                                            --disco keeps those of one DisCO
DisCOs are named by name or address. Amounts are euros ("300", "300.50"). A proposal's calls are simulated first as
the DisCO's timelock will make them; one that would fail is refused unless --force.`,
  args: {
    action: { type: "positional", description: "a federation to show, or an action", required: true },
    disco: {
      type: "string",
      description: "with show and history, one DisCO: its name or address",
      valueHint: "name|address",
    },
    ref: { type: "string", description: "with pay, the payment's reference: the invoice it pays", valueHint: "text" },
    path: { type: "string", description: "with pay, the path: payer,...,payee", valueHint: "a,b,c" },
    "as-treasurer": { type: "boolean", description: "pay or set a line directly, as a treasurer within the allowance" },
    budget: { type: "string", description: "with limits, what the treasurers may pay per period", valueHint: "euros" },
    "line-bound": { type: "string", description: "with limits, the highest line they may set", valueHint: "euros" },
    cycle: { type: "string", description: "with clear, the cycle: a,b,c,a", valueHint: "a,b,c,a" },
    amount: { type: "string", description: "with clear and --cycle, what comes off each debt", valueHint: "euros" },
    description: { type: "string", description: "the DisCO proposal's text (default: what it does)" },
    force: { type: "boolean", description: "propose even a call that would fail now" },
  },
  rest: true,
  async run({ chain, file }, args) {
    const isAction = (ACTIONS as readonly string[]).includes(args.action);
    const rest = restOf(args, 1);
    const action = isAction ? args.action : "show";
    const given = isAction ? rest : [args.action, ...rest];
    const actsFor = { pay: 1, line: 1, freeze: 1, unfreeze: 1, limits: 1, settle: 1 } as Record<string, number>;
    // The DisCO whose proposal (or whose treasurer) acts: the payer, the giver, the debtor; else --disco's.
    const run = await federationRun(chain, file, {
      ...args,
      disco: actsFor[action] === undefined ? undefined : given[actsFor[action]],
    });
    const net = await openNetwork(run, given[0]);
    const { ctx } = run;
    const now = Number((await ctx.client.getBlock()).timestamp);
    const options = { description: args.description, force: args.force === true, credit: net.network.address };
    const { network, credit: state } = net;
    switch (action) {
      case "show":
        return args.disco === undefined
          ? showNetwork(run, net)
          : showDisCO(run, net, discoNamed(run, args.disco, "--disco"), now);
      case "history":
        return showHistory(run, net, args.disco === undefined ? undefined : discoNamed(run, args.disco, "--disco"));
      case "cycles":
        return showCycles(run, net);
      case "pay": {
        const payer = discoNamed(run, given[1], "the payer");
        const payee = nodeNamed(run, given[2], "the payee");
        const amount = parseEuros(given[3], "The amount");
        const text = need(args.ref, "--ref (the invoice the payment pays)");
        let ref: `0x${string}`;
        try {
          ref = encodePaymentReference(text);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        mustBeMember(net.state, payer, "pay");
        const found = paymentPath(run, net, payer, payee, amount, args.path);
        console.log(
          `Path ${route(run, found.path)} (${found.hops} hop${found.hops === 1 ? "" : "s"}), carries up to ${euros(found.capacity)}`,
        );
        if (!args["as-treasurer"]) {
          return proposeDecisions(
            ctx,
            [creditPayCall(network, payer.address, payee, found.path, amount, ref, "en")],
            options,
          );
        }
        const block = await sendToNetwork(ctx, network, {
          functionName: "pay",
          args: creditPayArgs(payer.address, payee.address, found.path, amount, ref),
        });
        return console.log(`${payer.name} paid ${payee.name} ${euros(amount)} (${printable(text)}) in block ${block}`);
      }
      case "line":
      case "freeze":
      case "unfreeze": {
        const giver = discoNamed(run, given[1], "the giver");
        const receiver = nodeNamed(run, given[2], "the receiver");
        const limit = action === "line" ? parseEuros(given[3], "The line") : undefined;
        mustBeMember(net.state, giver, "extend a line");
        const current = lineOf(state, giver.address, receiver.address);
        if (!args["as-treasurer"]) {
          const decision =
            limit === undefined
              ? freezeCreditLineCall(network, giver.address, receiver, action === "freeze", "en")
              : setCreditLineCall(network, giver.address, receiver, limit, "en");
          return proposeDecisions(ctx, [decision], options);
        }
        // The contract's rules for a treasurer (CreditThawByVote, CreditPersonLineByVote), said before sending.
        if (action === "unfreeze") {
          throw new UsageError(
            "Treasurers may freeze a line but not unfreeze it: unfreezing is the members' vote: drop --as-treasurer to propose it.",
          );
        }
        if (
          action === "line" &&
          state.accounts.some((a) => a.account.toLowerCase() === receiver.address.toLowerCase())
        ) {
          throw new UsageError(
            `A line to ${receiver.name}, a person's account, is the members' vote: drop --as-treasurer to propose it.`,
          );
        }
        const bound =
          state.treasurers.find((t) => t.disco.toLowerCase() === giver.address.toLowerCase())?.lineBound ?? 0n;
        const over = limit !== undefined && limit > bound ? limit : current.limit > bound ? current.limit : undefined;
        if (over !== undefined) {
          throw new UsageError(
            `${giver.name}'s members let its treasurers set lines up to ${euros(bound)}; ` +
              `${over === limit ? euros(over) : `changing today's ${euros(over)}`} needs their vote: drop --as-treasurer to propose it.`,
          );
        }
        const block =
          limit === undefined
            ? await sendToNetwork(ctx, network, {
                functionName: "freezeCreditLine",
                args: freezeCreditLineArgs(giver.address, receiver.address, action === "freeze"),
              })
            : await sendToNetwork(ctx, network, {
                functionName: "setCreditLine",
                args: setCreditLineArgs(giver.address, receiver.address, limit),
              });
        return console.log(
          limit === undefined
            ? `${giver.name}'s line to ${receiver.name} ${action === "freeze" ? "frozen" : "unfrozen"} in block ${block}`
            : `${giver.name}'s line to ${receiver.name} set to ${euros(limit)} in block ${block}`,
        );
      }
      case "limits": {
        const disco = discoNamed(run, given[1], "the DisCO");
        const budget = parseMoney(need(args.budget, "--budget (euros per period)"), CREDIT_DECIMALS);
        const bound = parseMoney(need(args["line-bound"], "--line-bound (euros)"), CREDIT_DECIMALS);
        if (budget === null || bound === null) {
          throw new UsageError("--budget and --line-bound are euros with at most two decimals, like 300 or 300.50");
        }
        mustBeMember(net.state, disco, "give its treasurers an allowance");
        return proposeDecisions(ctx, [setTreasurerLimitsCall(network, disco.address, budget, bound, "en")], options);
      }
      case "settle": {
        const debtor = discoNamed(run, given[1], "the debtor");
        const creditor = discoNamed(run, given[2], "the creditor");
        const amount = parseEuros(given[3], "The amount");
        const owed = -balanceOf(state, debtor.address, creditor.address);
        if (owed < amount) {
          throw new UsageError(
            `${debtor.name} owes ${creditor.name} ${euros(owed > 0n ? owed : 0n)}: it settles at most that.`,
          );
        }
        const c = ctx.deployment.contracts;
        const decision = settleCall(
          network,
          {
            debtor: debtor.address,
            creditor,
            amount,
            timelock: getAddress(c.timelock.address),
            treasury: getAddress(c.treasury.address),
            currency: getAddress(c.token.address),
            decimals: Number(await ctx.token.read.decimals()),
          },
          "en",
        );
        // The approve and the settle need the spend's tokens in the timelock: only the spend is simulated alone.
        return proposeDecisions(ctx, [decision], { ...options, simulated: 1 });
      }
      case "clear": {
        if (args.amount !== undefined && args.cycle === undefined) {
          throw new UsageError("--amount goes with --cycle: the first suggestion is cleared by its least debt.");
        }
        const cycle = args.cycle === undefined ? undefined : nodesNamed(run, args.cycle, "a node of --cycle");
        const suggestion =
          cycle === undefined
            ? findCycles(state, state.maxHops, 1)[0]
            : { cycle: cycle.map((n) => n.address), amount: parseEuros(args.amount, "--amount") };
        if (suggestion === undefined)
          throw new UsageError(`No cycle of debts to clear in "${printable(net.state.name)}".`);
        const block = await sendToNetwork(ctx, network, {
          functionName: "clearCycle",
          args: clearCycleArgs(suggestion.cycle, suggestion.amount),
        });
        return console.log(
          `Cleared ${euros(suggestion.amount)} off each debt of ${route(run, suggestion.cycle)} in block ${block}`,
        );
      }
    }
  },
});

export const CREDIT_COMMANDS = { credit };
