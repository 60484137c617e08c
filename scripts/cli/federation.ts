/**
 * The CLI's federation commands: list the chain's federations, show one (members, open proposals, latest check-ins
 * with their standing, trust), and act in one for a DisCO (--disco): each decision opens the DisCO's proposal, or,
 * where the contract lets a person act alone, is sent directly (a delegate's vote or proposal, a treasurer's trust
 * within the bound, a treasurer's or auditor's check-in, an auditor's confirmation or challenge after recomputing the
 * check-in from the other DisCO's logs). And the DisCO's public profile: show it, or propose a new one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import {
  decodeFunctionData,
  getAddress,
  isAddress,
  isHex,
  keccak256,
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
} from "viem";
import { creditAbi, factoryAbi, federationAbi } from "@disco-ledger/sdk/abis";
import { findDisCO, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import {
  checkInArgs,
  checkInOf,
  checkInStatus,
  checkInVerdict,
  currencyOf,
  discoverFederations,
  federationProposalState,
  FIGURES,
  findFederation,
  isStale,
  loadFederation,
  mayVote,
  verifyCheckIns,
  type FederationProposal,
  type FederationState,
  type FigureName,
  type FoundFederation,
} from "@disco-ledger/sdk/federation";
import { creditEuros, duration, isoTime, money, printable, workAmount } from "@disco-ledger/sdk/format";
import { profileDocument, profileHash, profileProblems, profileText, readProfile } from "@disco-ledger/sdk/profile";
import {
  applyToJoinCall,
  challengeArgs,
  combineDecisions,
  confirmArgs,
  CREDIT_DEFAULTS,
  createFederationCall,
  federationProposeArgs,
  federationProposeCall,
  federationVoteArgs,
  federationVoteCall,
  findContract,
  leaveCall,
  setDelegateCall,
  setProfileCall,
  setTreasurerTrustBoundCall,
  setTrustArgs,
  setTrustCall,
  withdrawApplicationCall,
  type DisCODecision,
  type NamedAddress,
  type VotedOn,
} from "@disco-ledger/sdk/proposals";
import type { ProfileInput } from "@disco-ledger/sdk/profile";
import { checkInSourceOf } from "../lib/checkins.ts";
import { ROOT, type DeploymentsFile } from "../lib/deployments.ts";
import { chainCommand, restOf } from "./command.ts";
import { createContext, explain, need, send, UsageError, who, type Context } from "./context.ts";
import { proposeCalls } from "./governance.ts";
import { chooseDisCO, discoverOn, type ChainConnection } from "./network.ts";

// ------------------------------------------------------------------------------------------------ FINDING

/** What a federation command works with: the acting DisCO's context, the chain's DisCOs and federations. */
export interface FederationRun {
  ctx: Context;
  discos: FoundDisCO[];
  federations: FoundFederation[];
}

export async function federationRun(
  chain: ChainConnection,
  file: DeploymentsFile,
  args: { disco?: string; network: string; account?: string },
): Promise<FederationRun> {
  const deployment = await chooseDisCO(chain, file, args.disco, args.network);
  const ctx = await createContext(deployment, chain.provider, chain.client, args.account);
  const discos = await discoverOn(chain, file, args.network);
  return { ctx, discos, federations: await discoverFederations(chain.client, file) };
}

/** The federation `key` names (its name or address), its state folded from its logs. */
export async function openFederation(run: FederationRun, key: string | undefined) {
  let found: FoundFederation;
  try {
    found = findFederation(run.federations, need(key, "federation (its name or address)"));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const state = await loadFederation(run.ctx.client, found);
  return {
    found,
    state,
    named: { address: getAddress(found.address), name: printable(found.name) } satisfies NamedAddress,
  };
}

/** A DisCO's name (its founders typed it into the factory's event: printable), from the factory's DisCOs. */
const printedName = (disco: { name: string }): string => printable(disco.name);

/** A DisCO's name as a terminal may print it, from the factory's DisCOs, else its address. */
export const nameOf = (run: Pick<FederationRun, "discos">, address: string): string => {
  const found = run.discos.find((d) => d.contracts.membership.address.toLowerCase() === address.toLowerCase());
  return found ? printedName(found) : address;
};

/** The DisCO `key` names (its name or one of its addresses), among the factory's, its name printable. */
export function discoNamed(run: FederationRun, key: string | undefined, what: string): NamedAddress {
  try {
    const found = findDisCO(run.discos, need(key, what));
    return { address: getAddress(found.contracts.membership.address), name: printedName(found) };
  } catch (error) {
    // The refusal lists the factory's DisCOs by name, printable.
    throw new UsageError((error as Error).message);
  }
}

/** The acting DisCO (--disco), as the federation knows it. */
const acting = (run: FederationRun): NamedAddress => ({
  address: getAddress(run.ctx.deployment.contracts.membership.address),
  name: run.ctx.deployment.name
    ? printable(run.ctx.deployment.name)
    : nameOf(run, run.ctx.deployment.contracts.membership.address),
});

export const memberOf = (state: FederationState, disco: Address) =>
  state.members.find((m) => m.disco.toLowerCase() === disco.toLowerCase());

/** A federation's name in a sentence: quoted and printable (its founders typed it). */
const quotedName = (state: Pick<FederationState, "name">): string => `"${printable(state.name)}"`;

/** Refuses, in words, an action of a DisCO that is not a member now. */
export function mustBeMember(state: FederationState, disco: NamedAddress, doing: string): void {
  if (!memberOf(state, disco.address)?.active) {
    throw new UsageError(`${disco.name} is not a member of ${quotedName(state)}: only a member DisCO can ${doing}.`);
  }
}

export function parseNumber(text: string | undefined, what: string, max?: number): number {
  const value = need(text, what);
  if (!/^\d+$/.test(value) || (max !== undefined && Number(value) > max)) {
    throw new UsageError(`${what} is a whole number${max === undefined ? "" : ` from 0 to ${max}`}, not "${value}"`);
  }
  return Number(value);
}

function parseProposal(state: FederationState, text: string | undefined): FederationProposal {
  const value = need(text, "proposal").replace(/^#/, "");
  const proposal = /^\d+$/.test(value) ? state.proposals.find((p) => p.id === BigInt(value)) : undefined;
  if (!proposal) {
    throw new UsageError(
      `No proposal ${text} in ${quotedName(state)}: it has ${state.proposals.length} (see npm run cli -- federation ${quotedName(state)})`,
    );
  }
  return proposal;
}

/** What a proposal decides, for a vote's description: the DisCO it admits or removes by name, or its charter. */
const votedOn = (proposal: FederationProposal, name: (address: string) => string): VotedOn => ({
  kind: proposal.kind,
  subject: proposal.kind === "Charter" ? printable(proposal.uri) : name(proposal.subject ?? ""),
});

/** Why a stale proposal can't be executed any more, in words. */
function staleText(proposal: FederationProposal, name: (address: string) => string): string {
  if (proposal.kind === "Charter") return "a newer charter was executed since";
  const subject = name(proposal.subject ?? "");
  return proposal.kind === "Admit"
    ? `${subject} is a member already`
    : `${subject} left, or left and was admitted again, since it was proposed`;
}

function parseSupport(text: string | undefined): boolean {
  const value = need(text, "for or against").toLowerCase();
  if (value !== "for" && value !== "against") throw new UsageError(`Say for or against, not "${text}"`);
  return value === "for";
}

// ------------------------------------------------------------------------------------------------ ACTING

/**
 * Opens the acting DisCO's proposal of `decisions`: each call first simulated as its timelock will make it (the
 * contract's refusal named, unless --force), then proposed as governance's propose command does. A call goes to one
 * of the DisCO's own contracts (its membership's profile, its treasury, its currency), the factory (founding a
 * federation), a federation's credit network (`credit`) or a federation. Only the first `simulated` calls are
 * simulated when the later ones need the earlier ones done (a settlement's approve and settle need the spend).
 */
export async function proposeDecisions(
  ctx: Context,
  decisions: readonly DisCODecision[],
  options: { description?: string; force?: boolean; factory?: Address; credit?: Address; simulated?: number },
): Promise<void> {
  const calls = combineDecisions(decisions, options.description);
  const timelock = getAddress(ctx.deployment.contracts.timelock.address);
  const abiOf = (target: Address): Abi =>
    findContract(ctx.registry, target)?.abi ??
    (target === options.factory ? factoryAbi : target === options.credit ? creditAbi : federationAbi);
  if (!options.force) {
    for (const [i, target] of calls.targets.slice(0, options.simulated).entries()) {
      const abi = abiOf(target);
      const { functionName, args } = decodeFunctionData({ abi, data: calls.calldatas[i] });
      try {
        await ctx.client.simulateContract({ address: target, abi, functionName, args, account: timelock });
      } catch (error) {
        throw new UsageError(`The call would fail when executed (${explain(error)}); --force proposes it anyway`);
      }
    }
  }
  const proposed = await proposeCalls(ctx, calls, true, (why) => why);
  console.log(`Proposed ${proposed.label} (${proposed.kind}) in block ${proposed.block}; id ${proposed.id}`);
  console.log(`  ${printable(calls.description)}`);
}

/** Sends a call to the federation as the acting account; returns its block. */
async function sendToFederation<const name extends ContractFunctionName<typeof federationAbi, "nonpayable">>(
  ctx: Context,
  fed: NamedAddress,
  functionName: name,
  args: ContractFunctionArgs<typeof federationAbi, "nonpayable", name>,
): Promise<bigint> {
  const call = { address: fed.address, abi: federationAbi, functionName, args };
  return (await send(ctx, call as Parameters<typeof send>[1])).blockNumber;
}

// ------------------------------------------------------------------------------------------------ SHOWING

async function showFederation(
  run: FederationRun,
  found: FoundFederation,
  state: FederationState,
  now: number,
): Promise<void> {
  const { ctx } = run;
  const name = (address: string) => nameOf(run, address);
  const members = state.members.filter((m) => m.active);
  console.log(`${quotedName(state)} ${getAddress(state.address)}, founded by ${name(found.founder)}`);
  console.log(`  charter ${printable(state.charter.uri)} (hash ${state.charter.hash})`);
  console.log(`  each proposal is open for ${duration(state.votingPeriod)}`);
  console.log(`${members.length} member DisCOs:`);
  for (const m of members) {
    const delegate = m.delegate ? `, delegate ${who(ctx, m.delegate)}` : "";
    const since = m.admittedAt === null ? "" : ` since ${isoTime(m.admittedAt)}`;
    console.log(
      `  ${name(m.disco)}: member${since}${delegate}, treasurers may set trust up to ${m.treasurerTrustBound}`,
    );
  }
  const open = state.proposals.filter((p) => {
    const s = federationProposalState(p, state.votingPeriod, now);
    return s === "Active" || s === "Passed";
  });
  console.log(`${open.length} open proposal${open.length === 1 ? "" : "s"}:`);
  for (const p of open) {
    const what =
      p.kind === "Admit"
        ? `admit ${name(p.proposer)}${p.reason ? `: ${printable(p.reason)}` : ""}`
        : p.kind === "Remove"
          ? `remove ${name(p.subject ?? "")}, proposed by ${name(p.proposer)}`
          : `charter ${printable(p.uri)}, proposed by ${name(p.proposer)}`;
    const votes = p.votes.map((v) => `${name(v.disco)} ${v.support ? "for" : "against"}`).join(", ") || "no votes";
    const stale = isStale(state, p) ? ` (stale: ${staleText(p, name)}; it can't be executed)` : "";
    console.log(
      `  #${p.id} ${what} — ${federationProposalState(p, state.votingPeriod, now)} until ${isoTime(p.deadline)}; ` +
        `for ${p.forVotes}, against ${p.againstVotes} of ${p.electorate} (${votes})${stale}`,
    );
  }
  console.log("Latest check-ins:");
  for (const m of members) {
    const latest = state.checkIns.filter((c) => c.disco.toLowerCase() === m.disco.toLowerCase()).at(-1);
    if (!latest) {
      console.log(`  ${name(m.disco)}: none yet`);
      continue;
    }
    const status = checkInStatus(latest);
    const standing =
      status.status === "unverified"
        ? "unverified"
        : status.status === "confirmed"
          ? `confirmed by ${status.by} DisCO${status.by === 1 ? "" : "s"}`
          : `challenged: ${status.figures.map((f) => FIGURES.find((x) => x.name === f)?.en).join(", ")}`;
    const f = latest.figures;
    // Each DisCO's money in its own currency, which the factory does not vouch for: its decimals and symbol.
    const deployment = run.discos.find((d) => d.contracts.membership.address.toLowerCase() === m.disco.toLowerCase());
    const currency = deployment && (await currencyOf(ctx.client, deployment.contracts.token.address));
    const amount = (value: bigint) =>
      currency
        ? money(value, "en", currency.decimals, printable(currency.symbol ?? currency.address))
        : `${value} (in a currency that does not answer its decimals)`;
    console.log(
      `  ${name(m.disco)}: period ${latest.period}, ${standing} — ${f.members} members (${f.bindingMembers} binding), ` +
        `payable ${f.payable.map((p) => workAmount(p, "en")).join(" / ")}, money in ${amount(f.moneyIn)}, out ${amount(f.moneyOut)}, ` +
        `mutual credit in ${creditEuros(f.creditIn, "en")}, out ${creditEuros(f.creditOut, "en")}`,
    );
  }
  console.log("Trust:");
  if (state.trust.length === 0) console.log("  none yet");
  for (const t of state.trust) console.log(`  ${name(t.from)} -> ${name(t.to)}: ${t.value}`);
}

// ------------------------------------------------------------------------------------------------ COMMANDS

const federations = chainCommand({
  name: "federations",
  description: `Lists every federation the network's factory founded. Oldest first: its name, address, when it was
founded and by which DisCO, how many member DisCOs it has, and whether deployments/<network>.json records it.`,
  args: {},
  async run({ chain, file }, args) {
    const discos = await discoverOn(chain, file, args.network);
    const found = await discoverFederations(chain.client, file);
    console.log(`${found.length} federation${found.length === 1 ? "" : "s"} founded through the factory:`);
    for (const fed of found) {
      const [state, block] = await Promise.all([
        loadFederation(chain.client, fed),
        chain.client.getBlock({ blockNumber: BigInt(fed.blockNumber) }),
      ]);
      const members = state.members.filter((m) => m.active).length;
      const recorded = Object.entries(file.federations ?? {}).find(
        ([, record]) => record.address.toLowerCase() === fed.address.toLowerCase(),
      );
      console.log(
        `  "${printable(fed.name)}" ${getAddress(fed.address)}, founded ${isoTime(block.timestamp)} by ` +
          `${nameOf({ discos }, fed.founder)}; ${members} member DisCO${members === 1 ? "" : "s"}; ` +
          (recorded
            ? `recorded in deployments/${file.network}.json as "${recorded[0]}"`
            : `not recorded in deployments/${file.network}.json`),
      );
    }
  },
});

const ACTIONS = [
  "show",
  "found",
  "apply",
  "leave",
  "withdraw",
  "delegate",
  "vote",
  "propose-remove",
  "propose-charter",
  "trust",
  "trust-bound",
  "execute",
  "check-in",
  "confirm",
  "challenge",
] as const;

const federation = chainCommand({
  name: "federation",
  description: `Shows a federation, or acts in it for the DisCO of --disco. Actions:
  <federation>                              its charter, members, open proposals, latest check-ins, trust
  found <name> <charter-uri> <file|hash>    propose that the DisCO founds a federation through the factory, its
                                            charter's hash of the file (or given); --voting-days (3 unless given);
                                            its credit network's --max-hops (4 unless given) and --member-accounts
  apply <federation> <reason>               propose that the DisCO applies to join
  leave <federation>                        propose that the DisCO leaves
  withdraw <federation>                     propose to withdraw its open application
  delegate <federation> <address|none>      propose a delegate who may vote and propose for the DisCO (none revokes)
  vote <federation> <#id> <for|against>     propose the DisCO's vote; --as-delegate votes directly
  propose-remove <federation> <disco>       propose that the federation removes a member; --as-delegate directly
  propose-charter <federation> <uri> <file|hash>
                                            propose a new charter (its hash: of the file, or given); --as-delegate
  trust <federation> <disco> <0-100>        propose the DisCO's trust in another member; --as-treasurer sets it
                                            directly, within the bound its members gave the treasurers
  trust-bound <federation> <0-100>          propose the highest trust the DisCO's treasurers may set alone
  execute <federation> <#id>                execute a passed proposal (anyone may)
  check-in <federation> <period>            a treasurer or auditor checks in a final period, its digest and figures
                                            computed from the DisCO's own logs
  confirm <federation> <disco> <period>     an auditor confirms another member's check-in, once recomputed from that
                                            DisCO's logs and found equal
  challenge <federation> <disco> <period>   an auditor challenges it, naming the first figure that differs (or
                                            --figure), with --reason
Federations and DisCOs are named by name or address (federations and discos list them). A proposal's calls are
simulated first as the DisCO's timelock will make them; one that would fail is refused unless --force.`,
  args: {
    action: { type: "positional", description: "a federation to show, or an action", required: true },
    disco: {
      type: "string",
      description: "the DisCO that acts: its name or address (`discos` lists them); else the file's first",
      valueHint: "name|address",
    },
    "as-delegate": { type: "boolean", description: "vote or propose directly, as the DisCO's delegate" },
    "as-treasurer": { type: "boolean", description: "set trust directly, as a treasurer within the bound" },
    figure: { type: "string", description: `the figure a challenge names: ${FIGURES.map((f) => f.name).join(", ")}` },
    reason: { type: "string", description: "why a check-in is challenged" },
    description: { type: "string", description: "the DisCO proposal's text (default: what it does)" },
    force: { type: "boolean", description: "propose even a call that would fail now" },
    "voting-days": { type: "string", description: "with found, how many days each proposal is open", default: "3" },
    "max-hops": {
      type: "string",
      description: "with found, the most lines one payment in its credit network may cross",
      default: String(CREDIT_DEFAULTS.maxHops),
    },
    "member-accounts": {
      type: "boolean",
      description: "with found, let members Committed in a member DisCO open their own credit accounts",
    },
  },
  rest: true,
  async run({ chain, file }, args) {
    const run = await federationRun(chain, file, args);
    const isAction = (ACTIONS as readonly string[]).includes(args.action);
    const rest = restOf(args, 1);
    const action = isAction ? args.action : "show";
    const given = isAction ? rest : [args.action, ...rest];
    if (action === "found") {
      const name = need(given[0], "the federation's name");
      if (run.federations.some((f) => f.name.trim().toLowerCase() === name.trim().toLowerCase())) {
        throw new UsageError(`The factory already founded a federation "${name}": choose another name.`);
      }
      const factory = getAddress(need(file.factory?.address, `deployments/${file.network}.json's factory`));
      const params = {
        name,
        charterURI: need(given[1], "charter URI"),
        charterHash: charterHashOf(given[2]),
        votingPeriod: parseNumber(args["voting-days"], "--voting-days", 365) * 86_400,
        // The credit network refuses more hops than it allows (CreditInvalidMaxHops): the simulation names it.
        maxHops: parseNumber(args["max-hops"], "--max-hops", 255),
        memberAccounts: args["member-accounts"] === true,
      };
      return proposeDecisions(run.ctx, [createFederationCall(factory, params)], {
        description: args.description,
        force: args.force === true,
        factory,
      });
    }
    const { found, state, named: fed } = await openFederation(run, given[0]);
    const { ctx } = run;
    const me = acting(run);
    const now = Number((await ctx.client.getBlock()).timestamp);
    const options = { description: args.description, force: args.force === true };
    switch (action) {
      case "show":
        return showFederation(run, found, state, now);
      case "apply": {
        const reason = need(given[1], "reason");
        return proposeDecisions(ctx, [applyToJoinCall(fed, reason)], options);
      }
      case "leave":
        mustBeMember(state, me, "leave it");
        return proposeDecisions(ctx, [leaveCall(fed, me.address)], options);
      case "withdraw": {
        const application = memberOf(state, me.address)?.application;
        const open = state.proposals.find((p) => p.id === application);
        const standing = open && federationProposalState(open, state.votingPeriod, now);
        if (standing !== "Active" && standing !== "Passed") {
          throw new UsageError(`${me.name} has no open application to ${quotedName(state)} to withdraw.`);
        }
        return proposeDecisions(ctx, [withdrawApplicationCall(fed, me.address)], options);
      }
      case "delegate": {
        const text = need(given[1], "delegate (an address, or none)");
        if (text !== "none" && !isAddress(text, { strict: false })) {
          throw new UsageError(`A delegate is an address, or none to revoke one, not "${text}"`);
        }
        const delegate = text === "none" ? null : { address: getAddress(text), name: who(ctx, text) };
        return proposeDecisions(ctx, [setDelegateCall(fed, me.address, delegate)], options);
      }
      case "vote": {
        const proposal = parseProposal(state, given[1]);
        const id = proposal.id;
        const support = parseSupport(given[2]);
        mustBeMember(state, me, "vote");
        const member = memberOf(state, me.address);
        if (member && !mayVote(member, proposal)) {
          throw new UsageError(
            proposal.votes.some((v) => v.disco.toLowerCase() === me.address.toLowerCase())
              ? `${me.name} has voted on #${id} already.`
              : `${me.name} was admitted after #${id} was proposed: only the members of then vote on it.`,
          );
        }
        if (!args["as-delegate"])
          return proposeDecisions(
            ctx,
            [
              federationVoteCall(
                fed,
                id,
                me.address,
                support,
                "en",
                votedOn(proposal, (a) => nameOf(run, a)),
              ),
            ],
            options,
          );
        const block = await sendToFederation(ctx, fed, "vote", federationVoteArgs(id, me.address, support));
        return console.log(`${me.name} voted ${support ? "for" : "against"} #${id} in block ${block}`);
      }
      case "propose-remove":
      case "propose-charter": {
        mustBeMember(state, me, "propose");
        const proposal =
          action === "propose-remove"
            ? { kind: "Remove" as const, subject: discoNamed(run, given[1], "the DisCO to remove") }
            : { kind: "Charter" as const, uri: need(given[1], "charter URI"), hash: charterHashOf(given[2]) };
        if (!args["as-delegate"])
          return proposeDecisions(ctx, [federationProposeCall(fed, me.address, proposal)], options);
        const block = await sendToFederation(ctx, fed, "propose", federationProposeArgs(me.address, proposal));
        const id = (await loadFederation(ctx.client, found)).proposals.at(-1)?.id;
        return console.log(`${me.name} proposed #${id} to ${quotedName(state)} in block ${block}`);
      }
      case "trust": {
        const to = discoNamed(run, given[1], "the trusted DisCO");
        const value = parseNumber(given[2], "A trust value", 100);
        mustBeMember(state, me, "give trust");
        mustBeMember(state, to, "be trusted");
        if (!args["as-treasurer"]) return proposeDecisions(ctx, [setTrustCall(fed, me.address, to, value)], options);
        const bound = memberOf(state, me.address)?.treasurerTrustBound ?? 0;
        const current =
          state.trust.find(
            (t) => t.from.toLowerCase() === me.address.toLowerCase() && t.to.toLowerCase() === to.address.toLowerCase(),
          )?.value ?? 0;
        if (value > bound || current > bound) {
          throw new UsageError(
            `${me.name}'s members let its treasurers set trust up to ${bound}; ` +
              `${value > bound ? `${value}` : `changing today's ${current}`} needs their vote: drop --as-treasurer to propose it.`,
          );
        }
        const block = await sendToFederation(ctx, fed, "setTrust", setTrustArgs(me.address, to.address, value));
        return console.log(`${me.name}'s trust in ${to.name} set to ${value} in block ${block}`);
      }
      case "trust-bound": {
        const bound = parseNumber(given[1], "A bound", 100);
        return proposeDecisions(ctx, [setTreasurerTrustBoundCall(fed, me.address, bound)], options);
      }
      case "execute": {
        const proposal = parseProposal(state, given[1]);
        const id = proposal.id;
        if (isStale(state, proposal)) {
          throw new UsageError(
            `#${id} of ${quotedName(state)} is stale: ${staleText(proposal, (a) => nameOf(run, a))}.`,
          );
        }
        const block = await sendToFederation(ctx, fed, "execute", [id]);
        return console.log(`Executed #${id} of ${quotedName(state)} in block ${block}`);
      }
      case "check-in": {
        const period = parseNumber(given[1], "A period");
        mustBeMember(state, me, "check in");
        let checkIn: ReturnType<typeof checkInOf>;
        try {
          checkIn = checkInOf(await checkInSourceOf(ctx.client, ctx.deployment, found), period);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const block = await sendToFederation(ctx, fed, "checkIn", checkInArgs(me.address, period, checkIn));
        const f = checkIn.figures;
        console.log(`${me.name} checked in period ${period} to ${quotedName(state)} in block ${block}`);
        console.log(`  digest ${checkIn.digest}`);
        console.log(
          `  ${f.members} members (${f.bindingMembers} binding), payable ${f.payable.map((p) => workAmount(p, "en")).join(" / ")}, ` +
            `money in ${money(f.moneyIn, "en")}, out ${money(f.moneyOut, "en")}, ` +
            `mutual credit in ${creditEuros(f.creditIn, "en")}, out ${creditEuros(f.creditOut, "en")}`,
        );
        return;
      }
      case "confirm":
      case "challenge": {
        const disco = discoNamed(run, given[1], "the DisCO that checked in");
        const period = parseNumber(given[2], "A period");
        mustBeMember(state, me, "judge a check-in");
        const checkIn = state.checkIns.find(
          (c) => c.disco.toLowerCase() === disco.address.toLowerCase() && c.period === period,
        );
        if (!checkIn)
          throw new UsageError(`${disco.name} has not checked in period ${period} to ${quotedName(state)}.`);
        const [check] = await verifyCheckIns(ctx.client, found, { ...state, checkIns: [checkIn] }, run.discos);
        if (check.error !== undefined && (action === "confirm" || args.figure === undefined)) {
          throw new UsageError(
            `Could not recompute the check-in: ${check.error}` +
              (action === "confirm" ? "" : ". Name the figure you challenge with --figure (and why with --reason)."),
          );
        }
        if (check.error !== undefined) {
          console.log(`Could not recompute the check-in (${check.error}): challenging it on the figure you named.`);
        }
        const verdict = checkInVerdict(check.differs);
        if (action === "confirm") {
          if (check.differs.length > 0) {
            throw new UsageError(
              `${disco.name}'s check-in of period ${period} ${verdict} (recomputed from its own logs): challenge it instead.`,
            );
          }
          const block = await sendToFederation(
            ctx,
            fed,
            "confirmCheckIn",
            confirmArgs(me.address, disco.address, period),
          );
          return console.log(`${me.name} confirmed ${disco.name}'s period ${period} in block ${block}: it ${verdict}`);
        }
        const figure = args.figure === undefined ? check.differs[0] : parseFigure(args.figure);
        if (figure === undefined) {
          throw new UsageError(
            `${disco.name}'s check-in of period ${period} matches its own logs: nothing to challenge (or name --figure).`,
          );
        }
        const reason =
          args.reason ??
          (check.error === undefined
            ? `Recomputed from ${disco.name}'s own logs, its check-in ${verdict}`
            : `${disco.name}'s own logs could not be recomputed: ${check.error}`);
        const block = await sendToFederation(
          ctx,
          fed,
          "challengeCheckIn",
          challengeArgs(me.address, disco.address, period, figure, reason),
        );
        return console.log(`${me.name} challenged ${disco.name}'s period ${period} (${figure}) in block ${block}`);
      }
    }
  },
});

function parseFigure(text: string): FigureName {
  const figure = FIGURES.find((f) => f.name.toLowerCase() === text.toLowerCase());
  if (!figure) throw new UsageError(`Unknown figure "${text}": ${FIGURES.map((f) => f.name).join(", ")}`);
  return figure.name;
}

/** A charter's hash: keccak256 of a file's bytes, or a hash given as 0x and 64 hex digits. */
function charterHashOf(text: string | undefined): Hex {
  const value = need(text, "the charter's file or hash");
  if (isHex(value) && value.length === 66) return value;
  if (!existsSync(value)) throw new UsageError(`No charter file ${value}, nor a 32-byte hash`);
  return keccak256(readFileSync(value));
}

// ------------------------------------------------------------------------------------------------ PROFILE

/** Where a profile URI relative to the app is served from: the app's public folder. */
const APP_PUBLIC = join(ROOT, "frontend", "public");

/**
 * The file in the app's public folder that a profile URI relative to the app names; refuses one that leads out of it
 * (the URI is on chain: anyone's members could set "/../../etc/passwd").
 */
export function publicFileOf(uri: string): string {
  const path = resolve(APP_PUBLIC, `.${uri}`);
  if (!path.startsWith(APP_PUBLIC + sep)) {
    throw new Error(`${uri} leads out of the app's public folder: a profile there is read only from inside it`);
  }
  return path;
}

async function fetchProfile(uri: string): Promise<string> {
  if (uri.startsWith("/")) return readFileSync(publicFileOf(uri), "utf8");
  const response = await fetch(uri);
  if (!response.ok) throw new Error(`${uri} answered ${response.status}`);
  return response.text();
}

const profile = chainCommand({
  name: "profile",
  description: `Shows the DisCO's public profile, or proposes a new one. Actions:
  show                          the profile's URI and hash, and its document (fetched, or from the app's public
                                folder for a URI like /profiles/<name>.json) checked against the hash
  set <profile.json> <uri>      propose the profile of a JSON file { "name", "description", "languages", "place":
                                { "locality", "region", "country" }, "website", "offers" }: its Murmurations document
                                is written to --out (publish it at <uri>), and its hash proposed with <uri>`,
  args: {
    action: { type: "positional", description: "show or set", required: true },
    disco: {
      type: "string",
      description: "the DisCO: its name or address (`discos` lists them); else the file's first",
      valueHint: "name|address",
    },
    out: { type: "string", description: "with set, where to write the document to publish", valueHint: "file" },
    description: { type: "string", description: "the proposal's text (default: what it does)" },
  },
  rest: true,
  async run({ chain, file }, args) {
    const deployment = await chooseDisCO(chain, file, args.disco, args.network);
    const ctx = await createContext(deployment, chain.provider, chain.client, args.account);
    const name = deployment.name ? printable(deployment.name) : deployment.contracts.membership.address;
    const rest = restOf(args, 1);
    if (args.action === "show") {
      const [uri, hash] = await ctx.membership.read.profile();
      if (uri === "") return console.log(`${name} has published no profile.`);
      console.log(`${name}'s profile: ${printable(uri)} (hash ${hash})`);
      let text: string;
      try {
        text = await fetchProfile(uri);
      } catch (error) {
        throw new Error(`Could not read ${uri}: ${(error as Error).message}`);
      }
      const read = readProfile(text, hash);
      if ("problem" in read) {
        throw new Error(
          read.problem === "hash"
            ? `The document at ${uri} does not match the hash the members recorded: it was changed after.`
            : `The document at ${uri} is not a Murmurations organisation profile` +
                (read.problems.length === 0
                  ? " with every field of ours."
                  : `: ${read.problems.map((p) => `${p.field}: ${p.message.en}`).join(" ")}`),
        );
      }
      const d = read.document;
      const place = [d.locality, d.region, d.country_iso_3166].filter(Boolean).join(", ");
      console.log(`  ${printable(d.name)}: ${printable(d.description)}`);
      console.log(`  languages ${d.languages.join(", ")}${place ? `; ${printable(place)}` : ""}`);
      console.log(`  offers ${d.tags.map(printable).join(", ")}; ${printable(d.primary_url)}`);
      console.log("  the document matches its hash");
      return;
    }
    if (args.action !== "set") throw new UsageError(`Unknown action "${args.action}": show or set`);
    const path = need(rest[0], "the profile's JSON file");
    const uri = need(rest[1], "the URI it will be published at");
    let input: ProfileInput;
    try {
      input = JSON.parse(readFileSync(path, "utf8")) as ProfileInput;
    } catch (error) {
      throw new UsageError(`Cannot read the profile in ${path}: ${(error as Error).message}`);
    }
    const problems = profileProblems({ ...input, place: input.place ?? {} });
    if (problems.length > 0) {
      throw new UsageError(`${path}: ${problems.map((p) => `${p.field}: ${p.message.en}`).join(" ")}`);
    }
    const text = profileText(profileDocument({ ...input, place: input.place ?? {} }));
    const hash = profileHash(text);
    if (args.out) {
      writeFileSync(args.out, text);
      console.log(`Wrote the document to ${args.out}: publish it at ${uri}`);
    }
    await proposeDecisions(ctx, [setProfileCall(getAddress(deployment.contracts.membership.address), uri, hash)], {
      description: args.description,
    });
  },
});

export const FEDERATION_COMMANDS = { federations, federation, profile };
