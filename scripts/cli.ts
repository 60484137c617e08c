/**
 * The DisCO from the command line, for members who don't use the dApp. `npm run cli -- --help`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Interface, JsonRpcProvider, ZeroAddress } from "ethers";
import {
  DisCOGovernor__factory,
  Membership__factory,
  type Membership,
  ValueLedger__factory,
  Treasury__factory,
  CapitalAccounts__factory,
} from "../types/ethers-contracts/index.js";
import { explain, need, parseAddress, rpcUrl, signer, UsageError, type Context } from "./cli/context.ts";
import { LEDGER_COMMANDS, LEDGER_HELP } from "./cli/ledger.ts";
import { CAPITAL_COMMANDS, CAPITAL_HELP } from "./cli/capital.ts";
import { TREASURY_COMMANDS, TREASURY_HELP } from "./cli/treasury.ts";
import type { IDisCOGovernor } from "../types/ethers-contracts/contracts/interfaces/IDisCOGovernor.js";
import { readDeployment } from "./lib/deployments.ts";
import {
  proposalIdOf,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  Support,
  type ProposalCalls,
  type SignedBallot,
} from "@disco-ledger/sdk/governance";
import { execute, queue, relayBallot, signBallot, toProposalCalls } from "./lib/drive.ts";
import { queryInChunks } from "./lib/logs.ts";
import { foldMembers, STAGES, type MemberEvent } from "@disco-ledger/sdk/members";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const HELP: Record<string, string> = {
  "": `Usage: npm run cli -- <command> [options]

Commands:
  members                          list the members, their stages and constituencies
  proposals                        list proposals with their state and tallies
  show <proposalId>                one proposal: calls, rules, binding and advisory tallies, every vote
  propose <action> ...             make a proposal (admit, stage, constituency, remove, call)
  vote <proposalId> <support>      vote for, against, abstain or block (consent proposals); --sign to sign only
  relay <ballot.json>              submit a vote someone signed (you pay the gas, they vote)
  queue <proposalId>               queue a succeeded proposal in the timelock
  execute <proposalId>             execute a queued proposal once the timelock allows

  log <stream> <amount>            log your work in the open period (livelihood, love: credits; care: hours)
  approve <entryId>                approve someone else's entry
  dispute <entryId> <reason>       dispute someone else's entry; the members then resolve it by vote
  withdraw <entryId>               withdraw your own pending entry
  entries                          list entries (the open period's, or --period, --member, --status)
  totals [<member>]                counted totals per period and for life, and the minimum contribution
  close-period                     close the open period (treasurers)

  pay-in <amount> [--ref <ref>]    pay into the treasury with a reference (an invoice, a client)
  fund <period> <amount>           fund a final period's payouts (treasurers)
  claim <period> [<period> ...]    claim your payouts
  owed                             the treasury: balance, owed, unallocated, each funded period
  account [<member>]               a member's payouts, claimed and claimable
  faucet <amount>                  demo currency for your account (local chain and testnets)

  contribute                       pay your joining contribution into your capital account
  close-year <lastPeriod> <amount> propose the year's accounts to the members (surplus; --loss: a bylaw vote)
  capital [<member>]               a capital account: value, cash to claim, each year, redemption
  claim-cash                       claim your patronage cash
  start-redemption [<member>]      start a former member's redemption in instalments
  redeem                           take the redemption instalments that are due

Options for every command:
  --network <name>   the deployment to use, deployments/<name>.json (default: localhost)
  --rpc <url>        JSON-RPC URL (default: DISCO_RPC_URL, or http://127.0.0.1:8545 for localhost)
  --account <n>      act as the local chain's dev account n (local chain only)
                     elsewhere the key is read from DISCO_PRIVATE_KEY
  --help             help for a command, e.g. npm run cli -- vote --help`,
  members: `Usage: npm run cli -- members

Lists current and former members, rebuilt from the Membership contract's events and checked against its count.`,
  proposals: `Usage: npm run cli -- proposals

Lists every proposal with its kind, state and binding tally (For/Against/Abstain/Block).`,
  show: `Usage: npm run cli -- show <proposalId>

Shows a proposal's calls, kind and rules, quorum, binding and advisory tallies, and every vote with its reason.`,
  propose: `Usage: npm run cli -- propose <action> <args...> [--description <text>] [--consent] --account <n>

Actions:
  admit <address> <stage> <constituency> [--mentor <address>]
  resolve <entryId> <accept|reject>       settle a disputed ledger entry
  stage <address> <stage> [--mentor <address>]
  constituency <address> <constituency>
  remove <address> <reason>
  call <target> <signature> [args...]    target: governor, timelock, membership or an address;
                                         signature e.g. "setSupermajority(uint16,uint16)"
Stages: casual, dating1, dating2, dating3, committed. Constituencies: by name or number.
--consent makes a consent proposal (passes unless a binding member blocks); bylaw changes can't be consent.
A call (except to the governor itself) is first simulated as the timelock would make it; a call that would
fail is refused unless --force.`,
  vote: `Usage: npm run cli -- vote <proposalId> <for|against|abstain|block> [--reason <text>] [--sign [--out <file>]] --account <n>

--reason is required for block. --sign signs the vote (EIP-712, with its reason if any) without sending it and
prints the ballot (or writes it to --out) for anyone to relay with the relay command: a member without ETH can
still vote, and block.`,
  relay: `Usage: npm run cli -- relay <ballot.json> --account <n>

Submits a signed ballot (from vote --sign). The relayer pays the gas; the vote counts for the signer.`,
  queue: `Usage: npm run cli -- queue <proposalId> --account <n>

Queues a Succeeded proposal in the timelock.`,
  execute: `Usage: npm run cli -- execute <proposalId> --account <n>

Executes a Queued proposal once the timelock delay has passed.`,
  ...LEDGER_HELP,
  ...TREASURY_HELP,
  ...CAPITAL_HELP,
};

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    network: { type: "string", default: "localhost" },
    rpc: { type: "string" },
    account: { type: "string" },
    help: { type: "boolean", default: false },
    description: { type: "string" },
    consent: { type: "boolean", default: false },
    mentor: { type: "string" },
    reason: { type: "string" },
    sign: { type: "boolean", default: false },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    evidence: { type: "string" },
    uri: { type: "string" },
    period: { type: "string" },
    member: { type: "string" },
    status: { type: "string" },
    ref: { type: "string" },
    loss: { type: "boolean", default: false },
  },
});

function parseStage(value: string | undefined): number {
  const wanted = need(value, "stage").toLowerCase();
  const index = STAGES.findIndex((s) => s.toLowerCase() === wanted);
  if (index <= 0) throw new UsageError(`Unknown stage "${value}": casual, dating1, dating2, dating3 or committed`);
  return index;
}

async function constituencyNames(membership: Membership): Promise<string[]> {
  const count = Number(await membership.MAX_CONSTITUENCIES());
  return Promise.all(Array.from({ length: count }, (_, i) => membership.constituencyName(i)));
}

async function parseConstituency(membership: Membership, value: string | undefined): Promise<number> {
  const wanted = need(value, "constituency");
  const names = await constituencyNames(membership);
  const index = /^\d+$/.test(wanted) ? Number(wanted) : names.findIndex((n) => n === wanted.toLowerCase());
  if (index < 0 || index >= names.length || names[index] === "") {
    throw new UsageError(`Unknown constituency "${wanted}": ${names.filter(Boolean).join(", ")}`);
  }
  return index;
}

function parseSupport(value: string | undefined): number {
  const wanted = need(value, "support").toLowerCase();
  const entry = Object.entries(Support).find(([name]) => name.toLowerCase() === wanted);
  if (!entry) throw new UsageError(`Unknown support "${value}": for, against, abstain or block`);
  return entry[1];
}

async function proposalCalls(ctx: Context, proposalId: bigint): Promise<ProposalCalls> {
  const { governor, deployment } = ctx;
  const events = await queryInChunks(ctx.provider, governor, governor.filters.ProposalCreated(), deployment.startBlock);
  const event = events.find((e) => e.args.proposalId === proposalId);
  if (!event) throw new UsageError(`No proposal ${proposalId}`);
  return {
    targets: [...event.args.targets],
    values: [...event.args[3]],
    calldatas: [...event.args.calldatas],
    description: event.args.description,
  };
}

async function members(ctx: Context): Promise<void> {
  const { membership, deployment, provider } = ctx;
  const from = deployment.startBlock;
  const f = membership.filters;
  const [admitted, staged, moved, removed, left, names] = await Promise.all([
    queryInChunks(provider, membership, f.MemberAdmitted(), from),
    queryInChunks(provider, membership, f.MemberStageChanged(), from),
    queryInChunks(provider, membership, f.MemberConstituencyChanged(), from),
    queryInChunks(provider, membership, f.MemberRemoved(), from),
    queryInChunks(provider, membership, f.MemberLeft(), from),
    constituencyNames(membership),
  ]);
  // Each log with its place in the chain, so that the five kinds fold in the order they happened.
  type Placed = { block: number; index: number; event: MemberEvent };
  const place = (log: { blockNumber: number; index: number }, event: DistributiveOmit<MemberEvent, "block">) =>
    ({ block: log.blockNumber, index: log.index, event: { ...event, block: log.blockNumber } }) as Placed;
  const ordered: Placed[] = [
    ...admitted.map((e) =>
      place(e, {
        kind: "MemberAdmitted",
        account: e.args.account,
        stage: Number(e.args.stage),
        constituency: Number(e.args.constituency),
        mentor: e.args.mentor,
      }),
    ),
    ...staged.map((e) =>
      place(e, {
        kind: "MemberStageChanged",
        account: e.args.account,
        stage: Number(e.args.newStage),
        mentor: e.args.mentor,
      }),
    ),
    ...moved.map((e) =>
      place(e, {
        kind: "MemberConstituencyChanged",
        account: e.args.account,
        constituency: Number(e.args.newConstituency),
      }),
    ),
    ...removed.map((e) => place(e, { kind: "MemberRemoved", account: e.args.account, reason: e.args.reason })),
    ...left.map((e) => place(e, { kind: "MemberLeft", account: e.args.account })),
  ];
  ordered.sort((a, b) => a.block - b.block || a.index - b.index);
  const state = foldMembers(ordered.map((o) => o.event));

  console.log(`${state.current.size} members (${await membership.bindingMembers()} binding)`);
  for (const m of state.current.values()) {
    const mentor = m.mentor ? `  mentor ${m.mentor}` : "";
    console.log(
      `  ${m.account}  ${m.stage.padEnd(9)}  ${names[m.constituency].padEnd(10)}  since block ${m.joinedBlock}${mentor}`,
    );
  }
  if (state.former.size > 0) {
    console.log(`${state.former.size} former members`);
    for (const m of state.former.values()) {
      console.log(`  ${m.account}  ${m.reason === null ? "left" : `removed: ${m.reason}`} (block ${m.endedBlock})`);
    }
  }
  const onChain = await membership.memberCount();
  if (BigInt(state.current.size) !== onChain) {
    throw new Error(`The events give ${state.current.size} members but the contract counts ${onChain}`);
  }
}

function tallyLine(t: IDisCOGovernor.ProposalTallyStructOutput): string {
  const binding = `For ${t.forVotes}  Against ${t.againstVotes}  Abstain ${t.abstainVotes}  Block ${t.blockVotes}`;
  const advisory = `For ${t.advisoryFor}  Against ${t.advisoryAgainst}  Abstain ${t.advisoryAbstain}  Block ${t.advisoryBlock}`;
  return `binding: ${binding} | advisory (Dating): ${advisory}`;
}

async function proposals(ctx: Context): Promise<void> {
  const { governor, deployment, provider } = ctx;
  const created = await queryInChunks(provider, governor, governor.filters.ProposalCreated(), deployment.startBlock);
  console.log(`${created.length} proposals`);
  for (const event of created) {
    const id = event.args.proposalId;
    const [state, tally] = await Promise.all([governor.state(id), governor.proposalTally(id)]);
    console.log(`\n${id}`);
    console.log(
      `  ${PROPOSAL_KINDS[Number(tally.kind)]}, ${PROPOSAL_STATES[Number(state)]}: ${event.args.description.split("\n")[0]}`,
    );
    console.log(`  ${tallyLine(tally)}`);
  }
}

async function show(ctx: Context, idText: string | undefined): Promise<void> {
  const { governor, provider, deployment } = ctx;
  const id = BigInt(need(idText, "proposalId"));
  const calls = await proposalCalls(ctx, id);
  const [state, tally, snapshot, deadline, now, eta] = await Promise.all([
    governor.state(id),
    governor.proposalTally(id),
    governor.proposalSnapshot(id),
    governor.proposalDeadline(id),
    governor.clock(),
    governor.proposalEta(id),
  ]);
  const quorum = snapshot < now ? (await governor.quorum(snapshot)).toString() : "set at the snapshot";
  const when = (t: bigint) => new Date(Number(t) * 1000).toISOString();
  console.log(`Proposal ${id}`);
  console.log(`  ${calls.description}`);
  console.log(`  kind ${PROPOSAL_KINDS[Number(tally.kind)]}, state ${PROPOSAL_STATES[Number(state)]}`);
  if (Number(tally.kind) === 1) {
    console.log(`  needs a supermajority of ${tally.supermajorityNumerator}/${tally.supermajorityDenominator}`);
  }
  console.log(`  voting ${when(snapshot)} to ${when(deadline)} (chain time now ${when(now)}); quorum ${quorum}`);
  if (eta > 0n) console.log(`  executable from ${when(eta)}`);
  calls.targets.forEach((target, i) =>
    console.log(`  call ${i + 1}: ${target} value ${calls.values[i]} data ${calls.calldatas[i]}`),
  );
  console.log(`  ${tallyLine(tally)}`);
  const votes = await queryInChunks(provider, governor, governor.filters.VoteCast(undefined), deployment.startBlock);
  const supportNames = Object.keys(Support);
  for (const vote of votes.filter((v) => v.args.proposalId === id)) {
    const kind = vote.args.weight > 0n ? "binding" : "advisory";
    const reason = vote.args.reason ? `: ${vote.args.reason}` : "";
    console.log(`  ${vote.args.voter} ${supportNames[Number(vote.args.support)]} (${kind})${reason}`);
  }
}

async function propose(ctx: Context, action: string | undefined, args: string[]): Promise<void> {
  const { membership, governor, deployment } = ctx;
  const target = await membership.getAddress();
  const mentor = options.mentor === undefined ? ZeroAddress : parseAddress(options.mentor, "--mentor");
  let call: { target: string; data: string; summary: string };
  switch (action) {
    case "admit": {
      const account = parseAddress(args[0], "address");
      const data = membership.interface.encodeFunctionData("admit", [
        account,
        parseStage(args[1]),
        await parseConstituency(membership, args[2]),
        mentor,
      ]);
      call = { target, data, summary: `Admit ${account} as ${args[1]} (${args[2]})` };
      break;
    }
    case "stage": {
      const account = parseAddress(args[0], "address");
      const data = membership.interface.encodeFunctionData("changeStage", [account, parseStage(args[1]), mentor]);
      call = { target, data, summary: `Move ${account} to stage ${args[1]}` };
      break;
    }
    case "constituency": {
      const account = parseAddress(args[0], "address");
      const data = membership.interface.encodeFunctionData("changeConstituency", [
        account,
        await parseConstituency(membership, args[1]),
      ]);
      call = { target, data, summary: `Move ${account} to constituency ${args[1]}` };
      break;
    }
    case "remove": {
      const account = parseAddress(args[0], "address");
      const reason = need(args[1], "reason");
      call = {
        target,
        data: membership.interface.encodeFunctionData("remove", [account, reason]),
        summary: `Remove ${account}: ${reason}`,
      };
      break;
    }
    case "resolve": {
      const entryId = need(args[0], "entryId");
      const verdict = need(args[1], "accept or reject");
      if (verdict !== "accept" && verdict !== "reject") throw new UsageError(`Say accept or reject, not "${verdict}"`);
      const data = ctx.ledger.interface.encodeFunctionData("resolveDispute", [entryId, verdict === "accept"]);
      const summary = `${verdict === "accept" ? "Accept" : "Reject"} disputed ledger entry ${entryId}`;
      call = { target: await ctx.ledger.getAddress(), data, summary };
      break;
    }
    case "call": {
      const named = deployment.contracts[need(args[0], "target")];
      const to = named ? named.address : parseAddress(args[0], "target");
      const signature = need(args[1], "signature");
      const fragment = new Interface([`function ${signature}`]);
      const fn = fragment.fragments[0] as unknown as { name: string };
      const data = fragment.encodeFunctionData(
        fn.name,
        args.slice(2).map((a) => (a.startsWith("[") ? JSON.parse(a) : a)),
      );
      call = { target: to, data, summary: `Call ${signature} on ${args[0]}` };
      break;
    }
    default:
      throw new UsageError(HELP.propose);
  }
  const description = `${options.consent ? "[consent] " : ""}${options.description ?? call.summary}`;
  const calls = toProposalCalls({ targets: [call.target], values: [0n], calldatas: [call.data], description });
  const kind = await governor.classify(calls.targets, calls.calldatas, description);
  // Simulate the call as the timelock will make it, so that a proposal bound to fail is caught before the vote.
  // The governor's own settings accept calls only from inside its execute, so those can't be simulated here.
  const toGovernor = call.target.toLowerCase() === deployment.contracts.governor.address.toLowerCase();
  if (!options.force && !toGovernor) {
    try {
      await ctx.provider.call({ from: deployment.contracts.timelock.address, to: call.target, data: call.data });
    } catch (error) {
      throw new UsageError(`The call would fail when executed (${explain(error)}); --force proposes it anyway`);
    }
  }
  const proposer = await signer(ctx);
  const receipt = await (
    await governor.connect(proposer).propose(calls.targets, calls.values, calls.calldatas, description)
  ).wait();
  const id = proposalIdOf(calls);
  console.log(`Proposed (${PROPOSAL_KINDS[Number(kind)]}) in block ${receipt?.blockNumber}: ${id}`);
}

async function vote(ctx: Context, idText: string | undefined, supportText: string | undefined): Promise<void> {
  const { governor } = ctx;
  const id = BigInt(need(idText, "proposalId"));
  const support = parseSupport(supportText);
  const voter = await signer(ctx);
  if (options.sign) {
    if (support === Support.Block && !options.reason) throw new UsageError("A block needs a --reason");
    const ballot = await signBallot(voter, governor, id, support, options.reason);
    const json = JSON.stringify(ballot, null, 2);
    if (options.out) {
      writeFileSync(options.out, json + "\n");
      console.log(
        `Signed ballot written to ${options.out}; anyone can submit it with: npm run cli -- relay ${options.out}`,
      );
    } else {
      console.log(json);
    }
    return;
  }
  const reason = options.reason ?? "";
  const tx = reason
    ? governor.connect(voter).castVoteWithReason(id, support, reason)
    : governor.connect(voter).castVote(id, support);
  const receipt = await (await tx).wait();
  console.log(`Voted ${supportText} in block ${receipt?.blockNumber}`);
  console.log(`  ${tallyLine(await governor.proposalTally(id))}`);
}

async function relay(ctx: Context, file: string | undefined): Promise<void> {
  const ballot = JSON.parse(readFileSync(need(file, "ballot file"), "utf8")) as SignedBallot;
  if (ballot.governor.toLowerCase() !== ctx.deployment.contracts.governor.address.toLowerCase()) {
    throw new UsageError(`The ballot is for governor ${ballot.governor}, not this deployment's`);
  }
  const receipt = await (await relayBallot(ctx.governor, await signer(ctx), ballot)).wait();
  console.log(`Relayed ${ballot.voter}'s vote in block ${receipt?.blockNumber}`);
  console.log(`  ${tallyLine(await ctx.governor.proposalTally(ballot.proposalId))}`);
}

async function queueOrExecute(ctx: Context, command: "queue" | "execute", idText: string | undefined): Promise<void> {
  const id = BigInt(need(idText, "proposalId"));
  const calls = await proposalCalls(ctx, id);
  const caller = await signer(ctx);
  const tx = command === "queue" ? queue(ctx.governor, caller, calls) : execute(ctx.governor, caller, calls);
  const receipt = await (await tx).wait();
  console.log(
    `${command === "queue" ? "Queued" : "Executed"} in block ${receipt?.blockNumber}; state ${PROPOSAL_STATES[Number(await ctx.governor.state(id))]}`,
  );
}

async function main(): Promise<void> {
  const [command, ...args] = positionals;
  if (options.help || command === undefined || !(command in HELP)) {
    console.log(HELP[options.help && command !== undefined && command in HELP ? command : ""]);
    if (!options.help && command !== undefined) process.exitCode = 2;
    return;
  }
  const deployment = readDeployment(options.network!);
  const provider = new JsonRpcProvider(rpcUrl(deployment, options.rpc), deployment.chainId, { staticNetwork: true });
  const ctx: Context = {
    deployment,
    provider,
    governor: DisCOGovernor__factory.connect(deployment.contracts.governor.address, provider),
    membership: Membership__factory.connect(deployment.contracts.membership.address, provider),
    ledger: ValueLedger__factory.connect(deployment.contracts.ledger.address, provider),
    treasury: Treasury__factory.connect(deployment.contracts.treasury.address, provider),
    capital: CapitalAccounts__factory.connect(deployment.contracts.capital.address, provider),
    account: options.account,
    options,
  };
  if (command in LEDGER_COMMANDS) return LEDGER_COMMANDS[command](ctx, args);
  if (command in TREASURY_COMMANDS) return TREASURY_COMMANDS[command](ctx, args);
  if (command in CAPITAL_COMMANDS) return CAPITAL_COMMANDS[command](ctx, args);
  switch (command) {
    case "members":
      return members(ctx);
    case "proposals":
      return proposals(ctx);
    case "show":
      return show(ctx, args[0]);
    case "propose":
      return propose(ctx, args[0], args.slice(1));
    case "vote":
      return vote(ctx, args[0], args[1]);
    case "relay":
      return relay(ctx, args[0]);
    default:
      return queueOrExecute(ctx, command as "queue" | "execute", args[0]);
  }
}

/** The revert data somewhere in an ethers or JSON-RPC error, however deeply the provider wrapped it. */
try {
  await main();
} catch (error) {
  console.error(explain(error));
  process.exitCode = 1;
}
