/** The CLI's governance commands: members, proposals, one proposal, propose, vote, relay, queue, execute. */
import { readFileSync, writeFileSync } from "node:fs";
import { getAddress, parseAbiItem, toFunctionSelector, type AbiFunction, type Address, type Hex } from "viem";
import {
  ballotTypedData,
  executeCall,
  findProposal,
  prepareBallot,
  PROPOSAL_KINDS,
  PROPOSAL_STATES,
  proposalIdOf,
  proposalLabel,
  proposeCall,
  queueCall,
  quorumWords,
  relayCall,
  roleName,
  Support,
  toSignedBallot,
  type ProposalCalls,
  type SignedBallot,
} from "@disco-ledger/sdk/governance";
import { isoTime, printable } from "@disco-ledger/sdk/format";
import { loadHistory, type HistoryState, type Tally } from "@disco-ledger/sdk/history";
import { parseStream } from "@disco-ledger/sdk/ledger";
import { STAGES } from "@disco-ledger/sdk/members";
import {
  actionSentence,
  admitCall,
  changeConstituencyCall,
  changeStageCall,
  contractNamed,
  decodeCall,
  encodeCall,
  formatAbiValue,
  functionNameOf,
  parseAbiInputs,
  proposalDescription,
  removeCall,
  resolveDisputeCall,
  settingChange,
  settingDraft,
  writableFunctions,
  type DraftProblem,
  type ProposedCall,
} from "@disco-ledger/sdk/proposals";
import {
  inputLabel,
  inputsOf,
  settingByKey,
  settingSentence,
  SETTINGS,
  type KeyNames,
  type Setting,
  type SettingKey,
} from "@disco-ledger/sdk/settings";
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

/** A proposal as people name it, "#3" or "3" (its number in the order proposals were made), or its full id. */
function parseProposalId(state: HistoryState, text: string | undefined): bigint {
  const value = need(text, "proposal");
  const id = findProposal(state.governance.proposals, value);
  if (id === null) {
    const count = state.governance.proposals.size;
    throw new UsageError(
      `No proposal ${value}: give its number, #1 to #${count} (see the proposals command), or its full id`,
    );
  }
  return id;
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

/** Constituency names from the history, functions by the deployment's contract names: what a setting is for. */
function keyNames(ctx: Context, state: HistoryState): KeyNames {
  return {
    constituency: (index) => state.constituencies.get(index) || `constituency ${index}`,
    function: (target, selector) => functionNameOf(ctx.registry, target, selector),
  };
}

/**
 * A call as voters read it: a setting as a sentence with its value now ("Set “Review window” to 3 days (now 7
 * days)"), a common decision as a sentence, else the contract's function and each argument, people and roles named;
 * raw if no ABI knows it.
 */
async function describeCall(
  ctx: Context,
  state: HistoryState,
  call: { target: string; value: bigint; data: string },
): Promise<string> {
  const change = settingChange(ctx.registry, call);
  if (change) {
    const { setting, keys } = change;
    const results = await Promise.all(
      setting.read(keys).map((read) =>
        ctx.client.readContract({
          address: call.target as Address,
          abi: contractNamed(ctx.registry, setting.contract).abi,
          functionName: read.functionName,
          args: read.args,
        }),
      ),
    );
    return settingSentence(setting, change, "en", keyNames(ctx, state), setting.fromRead(results));
  }
  const decoded = decodeCall(ctx.registry, call.target, call.data);
  const value = call.value > 0n ? ` value ${call.value}` : "";
  if (!decoded.known) return `${who(ctx, call.target)}${value} data ${call.data}`;
  const sentence = actionSentence(decoded, "en", {
    person: (address) => who(ctx, address),
    constituency: (index) => state.constituencies.get(index) || `constituency ${index}`,
  });
  if (sentence && !value) return sentence;
  const args = decoded.args.map(({ param, value: v }) => {
    if (param.type === "address" && typeof v === "string") return who(ctx, v);
    if (param.type === "bytes32" && param.name === "role" && typeof v === "string") return roleName(v, "en");
    return formatAbiValue(param, v);
  });
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
        const why = m.reason === null ? "left" : `removed: ${printable(m.reason)}`;
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
  description:
    "Lists every proposal by its number (#1, #2… in the order they were made) with its kind, state and binding tally (For/Against/Abstain/Block).",
  args: {},
  async run(ctx) {
    const state = await history(ctx);
    const { proposals } = state.governance;
    console.log(`${proposals.size} proposals`);
    for (const proposal of proposals.values()) {
      const [now, tally] = await Promise.all([
        ctx.governor.read.state([proposal.id]),
        ctx.governor.read.proposalTally([proposal.id]),
      ]);
      console.log(`\n${proposalLabel(proposals, proposal.id)}  (id ${proposal.id})`);
      console.log(
        `  ${PROPOSAL_KINDS[tally.kind]}, ${PROPOSAL_STATES[now]}: ${printable(proposal.description.split("\n")[0])}`,
      );
      console.log(`  ${tallyLine(tally)}`);
    }
  },
});

const show = command({
  name: "show",
  description:
    "Shows one proposal. Its calls (decoded, people named), kind and rules, quorum, binding and advisory tallies, and every vote with its reason.",
  args: { proposalId: { type: "positional", description: "the proposal: #3, 3 or its full id", required: true } },
  async run(ctx, args) {
    const state = await history(ctx);
    const id = parseProposalId(state, args.proposalId);
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
    const voted = tally.forVotes + tally.againstVotes + tally.abstainVotes + tally.blockVotes;
    const quorum =
      snapshot < BigInt(clock) ? quorumWords(voted, Number(await g.quorum([snapshot])), "en") : "set when voting opens";
    console.log(`Proposal ${proposalLabel(state.governance.proposals, id)} (id ${id})`);
    console.log(`  ${printable(proposal.description)}`);
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
      const call = { target, value: proposal.values[i], data: proposal.calldatas[i] };
      console.log(`  call ${i + 1}: ${await describeCall(ctx, state, call)}`);
    }
    console.log(`  ${tallyLine(tally)}`);
    for (const vote of proposal.votes) {
      const reason = vote.reason ? `: ${printable(vote.reason)}` : "";
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
    case "set":
      return settingCall(ctx, state, args);
    default:
      throw new UsageError(`Unknown action "${action}": admit, stage, constituency, remove, resolve, set or call`);
  }
}

/** How each key of a setting is typed on the command line. */
const KEY_HINTS: Record<SettingKey, string> = {
  stream: "<stream: livelihood, love or care>",
  stage: "<stage: casual, dating1, dating2, dating3 or committed>",
  constituency: "<constituency: name or number>",
  target: "<contract: ledger, treasury…>",
  selector: "<function name>",
};

/** `set <setting> [keys…] <values…>`: a setting of the catalogue, keys by name, values in its units. */
function settingCall(ctx: Context, state: HistoryState, args: string[]): { call: ProposedCall; summary: string } {
  const key = need(args[0], "setting");
  const setting = settingByKey(key);
  if (!setting) throw new UsageError(`Unknown setting "${key}": ${SETTINGS.map((s) => s.key).join(", ")}`);
  const usage = settingUsage(setting, keyNames(ctx, state));
  const given = args.slice(1);
  const keyText = (kind: SettingKey, i: number): string => {
    const text = need(given[i], kind);
    switch (kind) {
      case "stream":
        try {
          return String(parseStream(text));
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      case "stage":
        return String(parseStage(text));
      case "constituency":
        return String(parseConstituency(state, text));
      case "target": {
        const contract = ctx.registry.find((c) => c.name === text);
        if (!contract)
          throw new UsageError(`Unknown contract "${text}": ${ctx.registry.map((c) => c.name).join(", ")}`);
        return contract.address;
      }
      case "selector": {
        // The contract before it was checked as the target.
        const contract = contractNamed(ctx.registry, given[i - 1]);
        const fn = writableFunctions(contract.abi).find((f) => f.name === text);
        if (!fn) throw new UsageError(`${contract.name} has no function ${text}`);
        return toFunctionSelector(fn);
      }
    }
  };
  const keyTexts = setting.keys.map(keyText);
  const inputs = given.slice(setting.keys.length);
  if (inputs.length !== inputsOf(setting).length) throw new UsageError(`Usage: propose set ${usage}`);
  const draft = settingDraft(ctx.registry, { key, keys: keyTexts, inputs }, "en", keyNames(ctx, state), 6);
  if (!draft.ok) throw new UsageError(`${draftProblem(draft.problem)}. Usage: propose set ${usage}`);
  return { call: draft.call, summary: draft.summary.params.sentence };
}

/** A setting's command line: its key, its keys' hints and one <value> per input, with units. */
function settingUsage(setting: Setting, names: KeyNames): string {
  const keys = setting.keys.map((k) => KEY_HINTS[k]);
  const values = inputsOf(setting).map((input) => `<${inputLabel(setting, input, "en", names)}: ${input.field.unit}>`);
  return [setting.key, ...keys, ...values].join(" ");
}

function draftProblem(problem: DraftProblem | null): string {
  if (problem === null) return "Something is missing";
  switch (problem.code) {
    case "value":
      return problem.problem.code === "number"
        ? `${problem.name}: write a number with at most ${problem.problem.decimals} decimals`
        : problem.problem.code === "percent"
          ? `${problem.name}: at most 100 %`
          : `${problem.name}: ${problem.problem.code === "empty" ? "missing" : `not a valid ${problem.problem.code}`}`;
    case "tooLarge":
      return "A value is too large for the setting";
    default:
      return `Invalid: ${problem.code}`;
  }
}

/**
 * Proposes `calls`: the call simulated first as the timelock will make it (unless --force; the governor's own
 * settings accept calls only from inside its execute, so those can't be), then classified and proposed. Returns its
 * id and its short number as people name it ("#4").
 */
export async function proposeCalls(
  ctx: Context,
  calls: ProposalCalls,
  force: boolean,
  refusal: (why: string) => string,
): Promise<{ id: bigint; label: string; kind: string; block: bigint }> {
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
  const id = proposalIdOf(calls);
  const label = proposalLabel((await history(ctx)).governance.proposals, id);
  return { id, label, kind: PROPOSAL_KINDS[kind], block: receipt.blockNumber };
}

const propose = command({
  name: "propose",
  description: `Makes a proposal. Actions:
  admit <address> <stage> <constituency> [--mentor <address>]
  resolve <entryId> <accept|reject>       settle a disputed ledger entry
  stage <address> <stage> [--mentor <address>]
  constituency <address> <constituency>
  remove <address> <reason>
  set <setting> [keys...] <values...>    a rule or parameter, values in its units: "set ledger.setReviewWindow 3"
                                         (days); "set ledger.setCap love 500" (credits); --help lists them below
  call <target> <signature> [args...]    target: a deployment contract's name (governor, timelock, membership...)
                                         or an address; signature e.g. "setSupermajority(uint16,uint16)"
Stages: ${STAGE_NAMES}. Constituencies: by name or number.
--consent makes a consent proposal (passes unless a binding member blocks); bylaw changes can't be consent.
A call (except to the governor itself) is first simulated as the timelock would make it; a call that would
fail is refused unless --force.
Settings (set):
${SETTINGS.map((setting) => `  ${settingUsage(setting, { constituency: (i) => String(i), function: () => "" })}\n    ${setting.text.en.sentence}`).join("\n")}`,
  args: {
    action: {
      type: "positional",
      description: "admit, stage, constituency, remove, resolve, set or call",
      required: true,
    },
    description: { type: "string", description: "the proposal's text (default: a summary of the call)" },
    consent: { type: "boolean", description: "a consent proposal: passes unless a binding member blocks" },
    mentor: { type: "string", description: "a Committed member mentoring a Dating one", valueHint: "address" },
    force: { type: "boolean", description: "propose even a call that would fail now" },
  },
  rest: true,
  async run(ctx, args) {
    const state = await history(ctx);
    const { call, summary } = proposedCall(ctx, state, args.action, restOf(args, 1), args.mentor);
    const described = proposalDescription(args.description ?? "", summary, args.consent === true);
    if (!described.ok) {
      throw new UsageError(
        `The description starts with ${described.tag}, which is not the decision type chosen: the type is --consent or not (a bylaw is decided by the calls). Remove ${described.tag} from the text`,
      );
    }
    const { description } = described;
    const calls: ProposalCalls = { targets: [call.target], values: [call.value], calldatas: [call.data], description };
    const proposed = await proposeCalls(
      ctx,
      calls,
      args.force === true,
      (why) => `The call would fail when executed (${why}); --force proposes it anyway`,
    );
    console.log(`Proposed ${proposed.label} (${proposed.kind}) in block ${proposed.block}; id ${proposed.id}`);
  },
});

const vote = command({
  name: "vote",
  description: `Votes for, against, abstain or block (consent proposals). --reason is required for block.
--sign signs the vote (EIP-712, with its reason if any) without sending it and prints the ballot (or writes it
to --out) for anyone to relay with the relay command: a member without ETH can still vote, and block.`,
  args: {
    proposalId: { type: "positional", description: "the proposal: #3, 3 or its full id", required: true },
    support: { type: "positional", description: "for, against, abstain or block", required: true },
    reason: { type: "string", description: "why (required for block)" },
    sign: { type: "boolean", description: "sign the ballot for someone else to relay instead of sending it" },
    out: { type: "string", description: "with --sign, the file to write the ballot to", valueHint: "file" },
  },
  async run(ctx, args) {
    const id = parseProposalId(await history(ctx), args.proposalId);
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
    args: { proposalId: { type: "positional", description: "the proposal: #3, 3 or its full id", required: true } },
    async run(ctx, args) {
      const state = await history(ctx);
      const id = parseProposalId(state, args.proposalId);
      const calls = proposalCalls(state, id);
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
