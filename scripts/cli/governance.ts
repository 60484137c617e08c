/** The CLI's governance commands: members, proposals, one proposal, propose, vote, relay, queue, execute. */
import { readFileSync, writeFileSync } from "node:fs";
import { getAddress, parseAbiItem, type AbiFunction, type Address, type Hex } from "viem";
import {
  ballotTypedData,
  executeCall,
  prepareBallot,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  proposalIdOf,
  proposeCall,
  queueCall,
  relayCall,
  Support,
  toSignedBallot,
  type ProposalCalls,
  type SignedBallot,
} from "@disco-ledger/sdk/governance";
import { isoTime } from "@disco-ledger/sdk/format";
import { loadHistory, type HistoryState, type Tally } from "@disco-ledger/sdk/history";
import { STAGES } from "@disco-ledger/sdk/members";
import {
  admitCall,
  changeConstituencyCall,
  changeStageCall,
  decodeCall,
  encodeCall,
  formatAbiValue,
  parseAbiInputs,
  proposalDescription,
  removeCall,
  resolveDisputeCall,
  type ProposedCall,
} from "@disco-ledger/sdk/proposals";
import { command, restOf } from "./command.ts";
import { explain, need, parseAddress, send, UsageError, wallet, who, type Context } from "./context.ts";

const STAGE_NAMES = "casual, dating1, dating2, dating3 or committed";

function parseStage(value: string | undefined): number {
  const wanted = need(value, "stage").toLowerCase();
  const index = STAGES.findIndex((s) => s.toLowerCase() === wanted);
  if (index <= 0) throw new UsageError(`Unknown stage "${value}": ${STAGE_NAMES}`);
  return index;
}

function parseConstituency(state: HistoryState, value: string | undefined): number {
  const wanted = need(value, "constituency");
  const names = state.constituencies;
  const index = /^\d+$/.test(wanted)
    ? Number(wanted)
    : ([...names].find(([, name]) => name === wanted.toLowerCase())?.[0] ?? -1);
  if (!names.get(index)) throw new UsageError(`Unknown constituency "${wanted}": ${[...names.values()].join(", ")}`);
  return index;
}

function parseSupport(value: string | undefined): number {
  const wanted = need(value, "support").toLowerCase();
  const entry = Object.entries(Support).find(([name]) => name.toLowerCase() === wanted);
  if (!entry) throw new UsageError(`Unknown support "${value}": for, against, abstain or block`);
  return entry[1];
}

function parseProposalId(text: string | undefined): bigint {
  const value = need(text, "proposalId");
  if (!/^\d+$/.test(value)) throw new UsageError(`Not a proposal id: ${value}`);
  return BigInt(value);
}

const history = async (ctx: Context) => (await loadHistory(ctx.client, ctx.deployment)).state;

/** A proposal's calls as the history recorded them: what queue and execute take. */
function proposalCalls(state: HistoryState, id: bigint): ProposalCalls {
  const proposal = state.governance.proposals.get(id);
  if (!proposal) throw new UsageError(`No proposal ${id}`);
  return {
    targets: proposal.targets as Address[],
    values: [...proposal.values],
    calldatas: proposal.calldatas as Hex[],
    description: proposal.description,
  };
}

function tallyLine(t: Tally): string {
  const binding = `For ${t.forVotes}  Against ${t.againstVotes}  Abstain ${t.abstainVotes}  Block ${t.blockVotes}`;
  const advisory = `For ${t.advisoryFor}  Against ${t.advisoryAgainst}  Abstain ${t.advisoryAbstain}  Block ${t.advisoryBlock}`;
  return `binding: ${binding} | advisory (Dating): ${advisory}`;
}

/** A call as voters read it: the contract's function and each argument, people named; raw if no ABI knows it. */
function describeCall(ctx: Context, call: { target: string; value: bigint; data: string }): string {
  const decoded = decodeCall(ctx.registry, call.target, call.data);
  const value = call.value > 0n ? ` value ${call.value}` : "";
  if (!decoded.known) return `${who(ctx, call.target)}${value} data ${call.data}`;
  const args = decoded.args.map(({ param, value: v }) =>
    param.type === "address" && typeof v === "string" ? who(ctx, v) : formatAbiValue(param, v),
  );
  return `${decoded.contract}.${decoded.functionName}(${args.join(", ")})${value}`;
}

const members = command({
  name: "members",
  description:
    "Lists the current and former members. Their stages, constituencies and names come from the history's fold, checked against the Membership contract's count.",
  args: {},
  async run(ctx) {
    const state = await history(ctx);
    const [binding, onChain] = await Promise.all([
      ctx.membership.read.bindingMembers(),
      ctx.membership.read.memberCount(),
    ]);
    const current = [...state.members.current.values()];
    const width = Math.max(0, ...current.map((m) => who(ctx, getAddress(m.account)).length));
    console.log(`${current.length} members (${binding} binding)`);
    for (const m of current) {
      const mentor = m.mentor ? `  mentor ${who(ctx, getAddress(m.mentor))}` : "";
      const constituency = state.constituencies.get(m.constituency) ?? String(m.constituency);
      console.log(
        `  ${who(ctx, getAddress(m.account)).padEnd(width)}  ${m.stage.padEnd(9)}  ${constituency.padEnd(10)}  since block ${m.joinedBlock}${mentor}`,
      );
    }
    if (state.members.former.size > 0) {
      console.log(`${state.members.former.size} former members`);
      for (const m of state.members.former.values()) {
        const why = m.reason === null ? "left" : `removed: ${m.reason}`;
        console.log(`  ${who(ctx, getAddress(m.account))}  ${why} (block ${m.endedBlock})`);
      }
    }
    if (BigInt(current.length) !== onChain) {
      throw new Error(`The events give ${current.length} members but the contract counts ${onChain}`);
    }
  },
});

const proposals = command({
  name: "proposals",
  description: "Lists every proposal with its kind, state and binding tally (For/Against/Abstain/Block).",
  args: {},
  async run(ctx) {
    const state = await history(ctx);
    console.log(`${state.governance.proposals.size} proposals`);
    for (const proposal of state.governance.proposals.values()) {
      const [now, tally] = await Promise.all([
        ctx.governor.read.state([proposal.id]),
        ctx.governor.read.proposalTally([proposal.id]),
      ]);
      console.log(`\n${proposal.id}`);
      console.log(`  ${PROPOSAL_KINDS[tally.kind]}, ${PROPOSAL_STATES[now]}: ${proposal.description.split("\n")[0]}`);
      console.log(`  ${tallyLine(tally)}`);
    }
  },
});

const show = command({
  name: "show",
  description:
    "Shows one proposal. Its calls (decoded, people named), kind and rules, quorum, binding and advisory tallies, and every vote with its reason.",
  args: { proposalId: { type: "positional", description: "the proposal's id", required: true } },
  async run(ctx, args) {
    const id = parseProposalId(args.proposalId);
    const state = await history(ctx);
    const proposal = state.governance.proposals.get(id);
    if (!proposal) throw new UsageError(`No proposal ${id}`);
    const g = ctx.governor.read;
    const [now, tally, snapshot, deadline, clock, eta] = await Promise.all([
      g.state([id]),
      g.proposalTally([id]),
      g.proposalSnapshot([id]),
      g.proposalDeadline([id]),
      g.clock(),
      g.proposalEta([id]),
    ]);
    const quorum = snapshot < BigInt(clock) ? (await g.quorum([snapshot])).toString() : "set at the snapshot";
    console.log(`Proposal ${id}`);
    console.log(`  ${proposal.description}`);
    console.log(`  proposed by ${who(ctx, proposal.proposer)}`);
    console.log(`  kind ${PROPOSAL_KINDS[tally.kind]}, state ${PROPOSAL_STATES[now]}`);
    if (tally.kind === 1) {
      console.log(`  needs a supermajority of ${tally.supermajorityNumerator}/${tally.supermajorityDenominator}`);
    }
    console.log(
      `  voting ${isoTime(snapshot)} to ${isoTime(deadline)} (chain time now ${isoTime(clock)}); quorum ${quorum}`,
    );
    if (eta > 0n) console.log(`  executable from ${isoTime(eta)}`);
    for (const [i, target] of proposal.targets.entries()) {
      console.log(
        `  call ${i + 1}: ${describeCall(ctx, { target, value: proposal.values[i], data: proposal.calldatas[i] })}`,
      );
    }
    console.log(`  ${tallyLine(tally)}`);
    for (const vote of proposal.votes) {
      const reason = vote.reason ? `: ${vote.reason}` : "";
      console.log(`  ${who(ctx, vote.voter)} ${vote.support} (${vote.binding ? "binding" : "advisory"})${reason}`);
    }
  },
});

/** The call an action proposes, and its summary (the description by default). */
function proposedCall(
  ctx: Context,
  state: HistoryState,
  action: string,
  args: string[],
  mentorText: string | undefined,
): { call: ProposedCall; summary: string } {
  const mentor = mentorText === undefined ? null : parseAddress(mentorText, "--mentor");
  switch (action) {
    case "admit": {
      const account = parseAddress(args[0], "address");
      const [stage, constituency] = [parseStage(args[1]), parseConstituency(state, args[2])];
      const call = admitCall(ctx.registry, { account, stage, constituency, mentor });
      return { call, summary: `Admit ${account} as ${args[1]} (${args[2]})` };
    }
    case "stage": {
      const account = parseAddress(args[0], "address");
      const call = changeStageCall(ctx.registry, { account, stage: parseStage(args[1]), mentor });
      return { call, summary: `Move ${account} to stage ${args[1]}` };
    }
    case "constituency": {
      const account = parseAddress(args[0], "address");
      const call = changeConstituencyCall(ctx.registry, { account, constituency: parseConstituency(state, args[1]) });
      return { call, summary: `Move ${account} to constituency ${args[1]}` };
    }
    case "remove": {
      const account = parseAddress(args[0], "address");
      const reason = need(args[1], "reason");
      return { call: removeCall(ctx.registry, { account, reason }), summary: `Remove ${account}: ${reason}` };
    }
    case "resolve": {
      const entryId = need(args[0], "entryId");
      if (!/^\d+$/.test(entryId)) throw new UsageError(`Not an entry id: ${entryId}`);
      const verdict = need(args[1], "accept or reject");
      if (verdict !== "accept" && verdict !== "reject") throw new UsageError(`Say accept or reject, not "${verdict}"`);
      const call = resolveDisputeCall(ctx.registry, { entryId: BigInt(entryId), accept: verdict === "accept" });
      return { call, summary: `${verdict === "accept" ? "Accept" : "Reject"} disputed ledger entry ${entryId}` };
    }
    case "call": {
      const name = need(args[0], "target");
      const known = ctx.registry.find((c) => c.name === name);
      const address = known ? known.address : parseAddress(name, "target");
      const signature = need(args[1], "signature");
      let fn: AbiFunction;
      try {
        fn = parseAbiItem(`function ${signature}`) as AbiFunction;
      } catch {
        throw new UsageError(`Not a function signature: ${signature}`);
      }
      const parsed = parseAbiInputs(fn.inputs, args.slice(2));
      if (!parsed.ok) {
        const { index, problem } = parsed;
        throw new UsageError(`Argument ${index + 1} (${fn.inputs[index].type}) of ${signature}: ${problem.code}`);
      }
      const call = encodeCall({ name, address, abi: [fn] }, fn, parsed.values);
      return { call, summary: `Call ${signature} on ${name}` };
    }
    default:
      throw new UsageError(`Unknown action "${action}": admit, stage, constituency, remove, resolve or call`);
  }
}

/**
 * Proposes `calls`: the call simulated first as the timelock will make it (unless --force; the governor's own
 * settings accept calls only from inside its execute, so those can't be), then classified and proposed.
 */
export async function proposeCalls(
  ctx: Context,
  calls: ProposalCalls,
  force: boolean,
  refusal: (why: string) => string,
): Promise<{ id: bigint; kind: string; block: bigint }> {
  const timelock = ctx.deployment.contracts.timelock.address as Address;
  const governor = ctx.deployment.contracts.governor.address.toLowerCase();
  if (!force) {
    for (const [i, target] of calls.targets.entries()) {
      if (target.toLowerCase() === governor) continue;
      try {
        await ctx.client.call({ account: timelock, to: target, data: calls.calldatas[i], value: calls.values[i] });
      } catch (error) {
        throw new UsageError(refusal(explain(error)));
      }
    }
  }
  const kind = await ctx.governor.read.classify([calls.targets, calls.calldatas, calls.description]);
  const receipt = await send(ctx, { address: ctx.governor.address, ...proposeCall(calls) });
  return { id: proposalIdOf(calls), kind: PROPOSAL_KINDS[kind], block: receipt.blockNumber };
}

const propose = command({
  name: "propose",
  description: `Makes a proposal. Actions:
  admit <address> <stage> <constituency> [--mentor <address>]
  resolve <entryId> <accept|reject>       settle a disputed ledger entry
  stage <address> <stage> [--mentor <address>]
  constituency <address> <constituency>
  remove <address> <reason>
  call <target> <signature> [args...]    target: a deployment contract's name (governor, timelock, membership...)
                                         or an address; signature e.g. "setSupermajority(uint16,uint16)"
Stages: ${STAGE_NAMES}. Constituencies: by name or number.
--consent makes a consent proposal (passes unless a binding member blocks); bylaw changes can't be consent.
A call (except to the governor itself) is first simulated as the timelock would make it; a call that would
fail is refused unless --force.`,
  args: {
    action: { type: "positional", description: "admit, stage, constituency, remove, resolve or call", required: true },
    description: { type: "string", description: "the proposal's text (default: a summary of the call)" },
    consent: { type: "boolean", description: "a consent proposal: passes unless a binding member blocks" },
    mentor: { type: "string", description: "a Committed member mentoring a Dating one", valueHint: "address" },
    force: { type: "boolean", description: "propose even a call that would fail now" },
  },
  rest: true,
  async run(ctx, args) {
    const state = await history(ctx);
    const { call, summary } = proposedCall(ctx, state, args.action, restOf(args, 1), args.mentor);
    const description = proposalDescription(args.description ?? "", summary, args.consent === true);
    const calls: ProposalCalls = { targets: [call.target], values: [call.value], calldatas: [call.data], description };
    const proposed = await proposeCalls(
      ctx,
      calls,
      args.force === true,
      (why) => `The call would fail when executed (${why}); --force proposes it anyway`,
    );
    console.log(`Proposed (${proposed.kind}) in block ${proposed.block}: ${proposed.id}`);
  },
});

const vote = command({
  name: "vote",
  description: `Votes for, against, abstain or block (consent proposals). --reason is required for block.
--sign signs the vote (EIP-712, with its reason if any) without sending it and prints the ballot (or writes it
to --out) for anyone to relay with the relay command: a member without ETH can still vote, and block.`,
  args: {
    proposalId: { type: "positional", description: "the proposal's id", required: true },
    support: { type: "positional", description: "for, against, abstain or block", required: true },
    reason: { type: "string", description: "why (required for block)" },
    sign: { type: "boolean", description: "sign the ballot for someone else to relay instead of sending it" },
    out: { type: "string", description: "with --sign, the file to write the ballot to", valueHint: "file" },
  },
  async run(ctx, args) {
    const id = parseProposalId(args.proposalId);
    const support = parseSupport(args.support);
    if (args.sign) {
      if (support === Support.Block && !args.reason) throw new UsageError("A block needs a --reason");
      const voter = await wallet(ctx);
      const { domain, ballot } = await prepareBallot(ctx.client, ctx.governor.address, {
        proposalId: id,
        support,
        voter: voter.account.address,
        ...(args.reason === undefined ? {} : { reason: args.reason }),
      });
      const signature = await voter.signTypedData({ account: voter.account, ...ballotTypedData(domain, ballot) });
      const json = JSON.stringify(toSignedBallot(domain, ballot, signature), null, 2);
      if (args.out) {
        writeFileSync(args.out, `${json}\n`);
        console.log(
          `Signed ballot written to ${args.out}; anyone can submit it with: npm run cli -- relay ${args.out}`,
        );
      } else {
        console.log(json);
      }
      return;
    }
    const governor = ctx.governor.address;
    const receipt = args.reason
      ? await send(ctx, {
          address: governor,
          abi: ctx.governor.abi,
          functionName: "castVoteWithReason",
          args: [id, support, args.reason],
        })
      : await send(ctx, { address: governor, abi: ctx.governor.abi, functionName: "castVote", args: [id, support] });
    console.log(`Voted ${args.support} in block ${receipt.blockNumber}`);
    console.log(`  ${tallyLine(await ctx.governor.read.proposalTally([id]))}`);
  },
});

const relay = command({
  name: "relay",
  description: "Submits a signed ballot (from vote --sign). The relayer pays the gas; the vote counts for the signer.",
  args: { ballot: { type: "positional", description: "the ballot's JSON file", required: true } },
  async run(ctx, args) {
    const ballot = JSON.parse(readFileSync(args.ballot, "utf8")) as SignedBallot;
    if (ballot.governor.toLowerCase() !== ctx.governor.address.toLowerCase()) {
      throw new UsageError(`The ballot is for governor ${ballot.governor}, not this deployment's`);
    }
    const call = relayCall(ballot);
    const address = ctx.governor.address;
    // Narrowed by name, so that each form's arguments are typed by its own function.
    const receipt =
      call.functionName === "castVoteBySig"
        ? await send(ctx, { address, ...call })
        : await send(ctx, { address, ...call });
    console.log(`Relayed ${who(ctx, ballot.voter)}'s vote in block ${receipt.blockNumber}`);
    console.log(`  ${tallyLine(await ctx.governor.read.proposalTally([BigInt(ballot.proposalId)]))}`);
  },
});

function lifecycle(step: "queue" | "execute") {
  return command({
    name: step,
    description:
      step === "queue"
        ? "Queues a Succeeded proposal in the timelock."
        : "Executes a Queued proposal once the timelock delay has passed.",
    args: { proposalId: { type: "positional", description: "the proposal's id", required: true } },
    async run(ctx, args) {
      const id = parseProposalId(args.proposalId);
      const calls = proposalCalls(await history(ctx), id);
      const call = step === "queue" ? queueCall(calls) : executeCall(calls);
      const receipt = await send(ctx, { address: ctx.governor.address, ...call });
      const now = PROPOSAL_STATES[await ctx.governor.read.state([id])];
      console.log(`${step === "queue" ? "Queued" : "Executed"} in block ${receipt.blockNumber}; state ${now}`);
    },
  });
}

export const GOVERNANCE_COMMANDS = {
  members,
  proposals,
  show,
  propose,
  vote,
  relay,
  queue: lifecycle("queue"),
  execute: lifecycle("execute"),
};
