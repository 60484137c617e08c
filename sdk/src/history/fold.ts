/**
 * The DisCO's state as its events tell it: a pure fold of decoded events, so the same history gives the same books
 * in a script, a test or the browser. Throws, naming block and log index, on a sequence the contracts could not
 * have emitted.
 */
import { id } from "ethers";
import { PROPOSAL_KINDS } from "../governance.ts";
import { ENTRY_STATUSES } from "../ledger.ts";
import { foldMembers, type MemberEvent, type MembersState } from "../members.ts";
import type { ContractName, DecodedEvent, PlainValue } from "./decode.ts";

/** Where an event is in the chain. */
export interface Place {
  block: number;
  logIndex: number;
  txHash: string;
}

/** Three amounts, one per stream: Livelihood, Love, Care. */
export type PerStream = [bigint, bigint, bigint];

/** Historical and payable amounts per stream, as the ledger's Totals. */
export interface Totals {
  historical: PerStream;
  payable: PerStream;
}

export type EntryStatusLabel = (typeof ENTRY_STATUSES)[number];

/** One logged piece of work and its review. */
export interface LedgerEntry {
  id: bigint;
  author: string;
  period: number;
  stream: number;
  amount: bigint;
  weightBps: number;
  /** The payable amount (amount x weight), as EntryLogged implies and EntryCounted confirms. */
  payable: bigint;
  evidence: string;
  uri: string;
  status: EntryStatusLabel;
  /** Approvals the entry needs: the ledger's setting when it was logged. */
  approvalsRequired: number;
  settled: boolean;
  logged: Place;
  approvals: Array<Place & { approver: string; approvals: number }>;
  disputes: Array<Place & { disputer: string; reason: string }>;
  resolutions: Array<Place & { accepted: boolean }>;
  withdrawn: Place | null;
  /** Accepted after its period became final, the entry counts in the period open then (EntryMoved). */
  moved: (Place & { fromPeriod: number; toPeriod: number }) | null;
}

/** One period of the ledger. */
export interface PeriodState {
  period: number;
  openedAt: bigint;
  closedAt: bigint | null;
  /** When its review window ends and its totals become final (closedAt + the review window); null while open. */
  finalAt: bigint | null;
  closedBy: string | null;
  openDisputes: number;
  totals: Totals;
}

export interface LedgerState {
  entries: Map<bigint, LedgerEntry>;
  periods: Map<number, PeriodState>;
  currentPeriod: number;
  /** Member (lowercase) to period to totals. */
  memberPeriodTotals: Map<string, Map<number, Totals>>;
  /** Member (lowercase) to lifetime totals. */
  lifetimeTotals: Map<string, Totals>;
  /** `${stage}/${stream}` to the payable weight in basis points. */
  weights: Map<string, number>;
  caps: PerStream;
  approvalsRequired: number;
  minimumContribution: { credits: bigint; periods: number };
  /** The review window in force (seconds) for periods closed from now on; null before the ledger set one. */
  reviewWindow: bigint | null;
}

export type SupportLabel = "Against" | "For" | "Abstain" | "Block";
const SUPPORTS: readonly SupportLabel[] = ["Against", "For", "Abstain", "Block"];

/** One vote: binding (weight 1, a Committed member at the snapshot) or advisory (weight 0, a Dating member). */
export interface Vote extends Place {
  proposalId: bigint;
  voter: string;
  support: SupportLabel;
  weight: bigint;
  reason: string;
  binding: boolean;
}

/** Binding and advisory counts, as IDisCOGovernor.ProposalTally. */
export interface Tally {
  forVotes: number;
  againstVotes: number;
  abstainVotes: number;
  blockVotes: number;
  advisoryFor: number;
  advisoryAgainst: number;
  advisoryAbstain: number;
  advisoryBlock: number;
}

export interface Proposal {
  id: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  signatures: string[];
  calldatas: string[];
  description: string;
  /** The snapshot timepoint (ERC-6372 timestamp). */
  voteStart: bigint;
  /** The deadline timepoint. */
  voteEnd: bigint;
  kind: (typeof PROPOSAL_KINDS)[number] | null;
  supermajority: { numerator: number; denominator: number } | null;
  constituencyShares: number[];
  weighted: boolean;
  created: Place;
  queued: (Place & { eta: bigint }) | null;
  executed: Place | null;
  canceled: Place | null;
  votes: Vote[];
  tally: Tally;
}

/** A timelock operation (a queued proposal's batch, or one scheduled directly). */
export interface TimelockOperation {
  id: string;
  calls: Array<{ index: bigint; target: string; value: bigint; data: string }>;
  delay: bigint;
  scheduled: Place;
  executed: Place | null;
  canceled: Place | null;
}

export interface GovernanceState {
  proposals: Map<bigint, Proposal>;
  votes: Vote[];
  operations: Map<string, TimelockOperation>;
  supermajority: { numerator: number; denominator: number } | null;
  constituencyShares: number[];
  /** `${target}:${selector}` (lowercase) of functions registered as bylaws. */
  bylawFunctions: Set<string>;
  /** Every quorum numerator set (basis points), in order; the governor looks the one of a snapshot up in these. */
  quorumHistory: Array<Place & { numerator: bigint }>;
}

export interface Funding extends Place {
  period: number;
  treasurer: string;
  amount: bigint;
  bucketsBps: number[];
  streamPools: PerStream;
  /** The period's payable work per stream, from the ledger's events (what pools are shared by). */
  periodPayable: PerStream;
  claimed: bigint;
}

export interface TreasuryState {
  payIns: Array<Place & { payer: string; amount: bigint; paymentRef: string }>;
  fundings: Map<number, Funding>;
  /** Member (lowercase) to period to the amount claimed. */
  claims: Map<string, Map<number, bigint>>;
  claimList: Array<Place & { member: string; period: number; amount: bigint }>;
  spends: Array<Place & { to: string; amount: bigint; reason: string }>;
  bucketChanges: Array<Place & { bucketsBps: number[] }>;
  buckets: number[] | null;
  /** Funded payouts not claimed yet, rounding dust included: ITreasury.owed(). */
  owed: bigint;
}

export interface CapitalSettings {
  contribution: bigint;
  contributionReserveBps: number;
  reserveBps: number;
  commonsBps: number;
  cashBps: number;
  interestBps: number;
  interestCapBps: number;
  basis: number;
  instalments: number;
  revolvingPeriod: bigint;
}

export interface SurplusSplit {
  surplus: bigint;
  interest: bigint;
  toReserve: bigint;
  toCommons: bigint;
  cashPool: bigint;
  retainedPool: bigint;
  retainedShares: bigint;
  totalPatronage: bigint;
  index: bigint;
}

export interface CapitalYear extends Place {
  year: number;
  treasurer: string;
  firstPeriod: number;
  lastPeriod: number;
  atLoss: boolean;
  /** A surplus year's split. */
  split: SurplusSplit | null;
  /** A loss year's figures. */
  loss: { loss: bigint; fromReserve: bigint; chargedToAccounts: bigint; totalPatronage: bigint } | null;
}

export interface CapitalAccount {
  shares: bigint;
  /** Shares x the current index (ray). */
  value: bigint;
  cash: bigint;
  /**
   * Closed years that have reached the account, as far as events show: a settle() that brings a member no patronage
   * emits nothing, so it is only seen at the member's next capital event.
   */
  settledYears: number;
  contributed: boolean;
}

/** One redemption schedule of a former member (ICapitalAccounts.Redemption): `total` paid in `instalments`. */
export interface Redemption {
  /** Its index among the member's schedules (from 0), as redemptionOf(member, schedule) reads it. */
  schedule: number;
  total: bigint;
  paid: bigint;
  start: bigint;
  period: bigint;
  instalments: number;
}

export interface CapitalState {
  settings: CapitalSettings | null;
  settingsHistory: Array<Place & { settings: CapitalSettings }>;
  contributions: Array<
    Place & { member: string; amount: bigint; toReserve: bigint; toAccount: bigint; shares: bigint }
  >;
  years: Map<number, CapitalYear>;
  allocations: Array<
    Place & { member: string; year: number; patronage: bigint; cash: bigint; shares: bigint; value: bigint }
  >;
  lossCharges: Array<Place & { member: string; year: number; patronage: bigint; shares: bigint; value: bigint }>;
  cashClaims: Array<Place & { member: string; amount: bigint }>;
  redemptionsScheduled: Array<
    Place & {
      member: string;
      schedule: number;
      shares: bigint;
      amount: bigint;
      start: bigint;
      period: bigint;
      instalments: number;
    }
  >;
  /** One line per schedule paid from (one redeem() pays all due schedules in one transfer). */
  redemptionsPaid: Array<Place & { member: string; schedule: number; amount: bigint; paidTotal: bigint }>;
  commonsSpending: Array<Place & { to: string; amount: bigint; reason: string }>;
  /** Member (lowercase) to account, as settled so far: ICapitalAccounts.accountOf. */
  accounts: Map<string, CapitalAccount>;
  /** Member (lowercase) to their redemption schedules, in order: redemptionCount and redemptionOf(member, i). */
  redemptions: Map<string, Redemption[]>;
  index: bigint;
  totalShares: bigint;
  reserve: bigint;
  commons: bigint;
  accountsTotal: bigint;
  cashOwed: bigint;
  redemptionsOwed: bigint;
  /** accountsTotal + reserve + commons + cashOwed + redemptionsOwed: ICapitalAccounts.held(). */
  held: bigint;
}

/** One token Transfer into or out of the treasury. */
export interface MoneyMovement extends Place {
  direction: "in" | "out";
  from: string;
  to: string;
  amount: bigint;
}

/** One audit of one period's books, as AuditRegistry.PeriodAttested records it. */
export interface Attestation extends Place {
  period: number;
  auditor: string;
  reportHash: string;
  uri: string;
}

/** The audit registry: the wage ratio cap and its history, attestations per period, who may attest. */
export interface AuditState {
  /** The cap in force, times 100 (600 is 6:1); null before the registry set one. */
  wageRatioCap: number | null;
  /** Every cap set, in order: a funded period is checked against the one in force when it was funded. */
  capHistory: Array<Place & { capX100: number }>;
  /** Period to its attestations, in the order they were recorded. */
  attestations: Map<number, Attestation[]>;
  /** Current AUDITOR_ROLE holders (lowercase). */
  auditors: Set<string>;
}

/** AuditRegistry.AUDITOR_ROLE. */
export const AUDITOR_ROLE = id("AUDITOR_ROLE");

/** Tokens the members sent back from a contract (ITokenRecovery.TokensRecovered). */
export interface Recovery extends Place {
  /** The contract the tokens were recovered from. */
  contract: ContractName;
  address: string;
  token: string;
  to: string;
  amount: bigint;
}

/** Everything the events tell. Addresses as map keys are lowercase. */
export interface HistoryState {
  members: MembersState;
  /** Every membership event in chain order, former members' included: what the members were at any timepoint. */
  memberEvents: MemberEvent[];
  constituencies: Map<number, string>;
  ledger: LedgerState;
  governance: GovernanceState;
  treasury: TreasuryState;
  capital: CapitalState;
  movements: MoneyMovement[];
  /** The treasury's token balance the movements add up to. */
  treasuryBalance: bigint;
  audit: AuditState;
  /** Every token recovery, from any of the deployment's contracts, in chain order. */
  recoveries: Recovery[];
}

const BINDING_COUNTERS: Record<SupportLabel, keyof Tally> = {
  For: "forVotes",
  Against: "againstVotes",
  Abstain: "abstainVotes",
  Block: "blockVotes",
};
const ADVISORY_COUNTERS: Record<SupportLabel, keyof Tally> = {
  For: "advisoryFor",
  Against: "advisoryAgainst",
  Abstain: "advisoryAbstain",
  Block: "advisoryBlock",
};

/** The account index's unit (1e27), as in CapitalAccounts. */
export const RAY = 10n ** 27n;
const BPS = 10_000n;

const zeroTotals = (): Totals => ({ historical: [0n, 0n, 0n], payable: [0n, 0n, 0n] });
const emptyTally = (): Tally => ({
  forVotes: 0,
  againstVotes: 0,
  abstainVotes: 0,
  blockVotes: 0,
  advisoryFor: 0,
  advisoryAgainst: 0,
  advisoryAbstain: 0,
  advisoryBlock: 0,
});

/** An error naming the event that the contracts could not have emitted. */
const impossible = (e: DecodedEvent, why: string) =>
  new Error(`Impossible history at block ${e.block}, log ${e.logIndex} (${e.contract}.${e.name}): ${why}`);

// Typed reads of decoded arguments: a missing or mistyped one is a decoding bug, named with its event.
function arg(e: DecodedEvent, key: string): PlainValue {
  const value = e.args[key];
  if (value === undefined) throw impossible(e, `no argument "${key}"`);
  return value;
}
function big(e: DecodedEvent, key: string, value: PlainValue = arg(e, key)): bigint {
  if (typeof value !== "bigint") throw impossible(e, `"${key}" is not an integer`);
  return value;
}
const num = (e: DecodedEvent, key: string, value?: PlainValue) => Number(big(e, key, value));
function str(e: DecodedEvent, key: string): string {
  const value = arg(e, key);
  if (typeof value !== "string") throw impossible(e, `"${key}" is not a string`);
  return value;
}
function bool(e: DecodedEvent, key: string): boolean {
  const value = arg(e, key);
  if (typeof value !== "boolean") throw impossible(e, `"${key}" is not a boolean`);
  return value;
}
function list(e: DecodedEvent, key: string): PlainValue[] {
  const value = arg(e, key);
  if (!Array.isArray(value)) throw impossible(e, `"${key}" is not a list`);
  return value;
}
const bigs = (e: DecodedEvent, key: string) => list(e, key).map((v) => big(e, key, v));
const nums = (e: DecodedEvent, key: string) => bigs(e, key).map(Number);
const strs = (e: DecodedEvent, key: string) =>
  list(e, key).map((v) => {
    if (typeof v !== "string") throw impossible(e, `"${key}" holds a non-string`);
    return v;
  });
const perStream = (e: DecodedEvent, key: string): PerStream => {
  const [a, b, c] = bigs(e, key);
  return [a, b, c];
};
function struct(e: DecodedEvent, key: string): Record<string, PlainValue> {
  const value = arg(e, key);
  if (typeof value !== "object" || Array.isArray(value)) throw impossible(e, `"${key}" is not a struct`);
  return value;
}
const field = (e: DecodedEvent, key: string, name: string) => big(e, `${key}.${name}`, struct(e, key)[name]);

const place = (e: DecodedEvent): Place => ({ block: e.block, logIndex: e.logIndex, txHash: e.txHash });
const lower = (address: string) => address.toLowerCase();

function nested<V>(outer: Map<string, Map<number, V>>, key: string, inner: number, make: () => V): V {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  let value = map.get(inner);
  if (value === undefined) map.set(inner, (value = make()));
  return value;
}

function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

function addTotals(totals: Totals, stream: number, amount: bigint, payable: bigint, sign: 1n | -1n) {
  totals.historical[stream] += sign * amount;
  totals.payable[stream] += sign * payable;
}

/**
 * Folds a deployment's decoded events, in chain order, into its state. `treasury` is the treasury's address, which
 * tells the token's transfers in from those out. Pure: no provider, no clock.
 */
export function foldHistory(events: readonly DecodedEvent[], treasury: string): HistoryState {
  const treasuryKey = lower(treasury);
  const memberEvents: MemberEvent[] = [];
  const constituencies = new Map<number, string>();
  const ledger: LedgerState = {
    entries: new Map(),
    periods: new Map(),
    currentPeriod: 0,
    memberPeriodTotals: new Map(),
    lifetimeTotals: new Map(),
    weights: new Map(),
    caps: [0n, 0n, 0n],
    approvalsRequired: 0,
    minimumContribution: { credits: 0n, periods: 0 },
    reviewWindow: null,
  };
  const governance: GovernanceState = {
    proposals: new Map(),
    votes: [],
    operations: new Map(),
    supermajority: null,
    constituencyShares: [],
    bylawFunctions: new Set(),
    quorumHistory: [],
  };
  const treasuryState: TreasuryState = {
    payIns: [],
    fundings: new Map(),
    claims: new Map(),
    claimList: [],
    spends: [],
    bucketChanges: [],
    buckets: null,
    owed: 0n,
  };
  const capital: CapitalState = {
    settings: null,
    settingsHistory: [],
    contributions: [],
    years: new Map(),
    allocations: [],
    lossCharges: [],
    cashClaims: [],
    redemptionsScheduled: [],
    redemptionsPaid: [],
    commonsSpending: [],
    accounts: new Map(),
    redemptions: new Map(),
    index: RAY,
    totalShares: 0n,
    reserve: 0n,
    commons: 0n,
    accountsTotal: 0n,
    cashOwed: 0n,
    redemptionsOwed: 0n,
    held: 0n,
  };
  const movements: MoneyMovement[] = [];
  let treasuryBalance = 0n;
  const audit: AuditState = { wageRatioCap: null, capHistory: [], attestations: new Map(), auditors: new Set() };
  const recoveries: Recovery[] = [];
  /** The first entry id logged in the open period: entries are logged only there, so its entries follow it. */
  let firstOpenEntry = 1n;

  /** An entry of any period: disputes of counted work and their resolutions outlive the period's closing. */
  const anyEntryOf = (e: DecodedEvent): LedgerEntry => {
    const entry = ledger.entries.get(big(e, "entryId"));
    if (!entry) throw impossible(e, `entry ${big(e, "entryId")} was never logged`);
    return entry;
  };
  /** An entry of the open period: only there is work approved or withdrawn. */
  const entryOf = (e: DecodedEvent): LedgerEntry => {
    const entry = anyEntryOf(e);
    if (entry.period !== ledger.currentPeriod) {
      throw impossible(
        e,
        `entry ${entry.id} of period ${entry.period} changed while period ${ledger.currentPeriod} is open`,
      );
    }
    return entry;
  };
  const requireStatus = (e: DecodedEvent, entry: LedgerEntry, ...statuses: EntryStatusLabel[]) => {
    if (!statuses.includes(entry.status)) throw impossible(e, `entry ${entry.id} is ${entry.status}`);
  };
  const periodOf = (e: DecodedEvent, period: number) => {
    const state = ledger.periods.get(period);
    if (!state) throw impossible(e, `period ${period} was never opened`);
    return state;
  };
  /** EntryCounted and EntryUncounted move the same amounts in the member's, the period's and the lifetime totals. */
  const count = (e: DecodedEvent, sign: 1n | -1n) => {
    const entry = anyEntryOf(e);
    const [stream, amount, payable] = [num(e, "stream"), big(e, "amount"), big(e, "payableAmount")];
    if (lower(str(e, "author")) !== lower(entry.author) || num(e, "period") !== entry.period) {
      throw impossible(e, `entry ${entry.id}'s author or period differs from when it was logged`);
    }
    if (stream !== entry.stream || amount !== entry.amount || payable !== entry.payable) {
      throw impossible(e, `entry ${entry.id}'s stream or amounts differ from when it was logged`);
    }
    const author = lower(entry.author);
    addTotals(nested(ledger.memberPeriodTotals, author, entry.period, zeroTotals), stream, amount, payable, sign);
    addTotals(periodOf(e, entry.period).totals, stream, amount, payable, sign);
    addTotals(getOrMake(ledger.lifetimeTotals, author, zeroTotals), stream, amount, payable, sign);
    return entry;
  };

  const proposalOf = (e: DecodedEvent) => {
    const proposal = governance.proposals.get(big(e, "proposalId"));
    if (!proposal) throw impossible(e, `proposal ${big(e, "proposalId")} was never created`);
    return proposal;
  };

  const scheduleOf = (e: DecodedEvent, member: string): Redemption => {
    const schedule = num(e, "schedule");
    const redemption = capital.redemptions.get(lower(member))?.[schedule];
    if (!redemption) throw impossible(e, `${member} has no redemption schedule ${schedule}`);
    return redemption;
  };

  const accountOf = (member: string): CapitalAccount =>
    getOrMake(capital.accounts, lower(member), () => ({
      shares: 0n,
      value: 0n,
      cash: 0n,
      settledYears: 0,
      contributed: false,
    }));
  /** Every capital action on an account settles it first: every closed year has reached it. */
  const settled = (member: string) => {
    const account = accountOf(member);
    account.settledYears = capital.years.size;
    return account;
  };
  const yearOf = (e: DecodedEvent) => {
    const year = capital.years.get(num(e, "year"));
    if (!year) throw impossible(e, `year ${num(e, "year")} was never closed`);
    return year;
  };
  const openYear = (e: DecodedEvent) => {
    const year = num(e, "year");
    if (year !== capital.years.size + 1) throw impossible(e, `year ${year} closed after year ${capital.years.size}`);
    const firstPeriod = num(e, "firstPeriod");
    const lastPeriod = num(e, "lastPeriod");
    const previous = capital.years.get(year - 1);
    if (firstPeriod !== (previous ? previous.lastPeriod + 1 : 1) || lastPeriod < firstPeriod) {
      throw impossible(e, `year ${year} spans periods ${firstPeriod}-${lastPeriod}`);
    }
    if (periodOf(e, lastPeriod).closedAt === null) throw impossible(e, `period ${lastPeriod} is not closed`);
    return { ...place(e), year, treasurer: str(e, "treasurer"), firstPeriod, lastPeriod };
  };

  for (const e of events) {
    const key = `${e.contract}.${e.name}`;
    switch (key) {
      // ---------------------------------------------------------------------------------------------- membership
      case "membership.MemberAdmitted":
        memberEvents.push({
          kind: "MemberAdmitted",
          block: e.block,
          logIndex: e.logIndex,
          account: str(e, "account"),
          stage: num(e, "stage"),
          constituency: num(e, "constituency"),
          mentor: str(e, "mentor"),
        });
        break;
      case "membership.MemberStageChanged":
        memberEvents.push({
          kind: "MemberStageChanged",
          block: e.block,
          logIndex: e.logIndex,
          account: str(e, "account"),
          stage: num(e, "newStage"),
          mentor: str(e, "mentor"),
        });
        break;
      case "membership.MemberConstituencyChanged":
        memberEvents.push({
          kind: "MemberConstituencyChanged",
          block: e.block,
          logIndex: e.logIndex,
          account: str(e, "account"),
          constituency: num(e, "newConstituency"),
        });
        break;
      case "membership.MemberRemoved":
        memberEvents.push({
          kind: "MemberRemoved",
          block: e.block,
          logIndex: e.logIndex,
          account: str(e, "account"),
          reason: str(e, "reason"),
        });
        break;
      case "membership.MemberLeft":
        memberEvents.push({ kind: "MemberLeft", block: e.block, logIndex: e.logIndex, account: str(e, "account") });
        break;
      case "membership.ConstituencyNamed":
        constituencies.set(num(e, "constituency"), str(e, "name"));
        break;

      // ---------------------------------------------------------------------------------------------- ledger
      case "ledger.PeriodOpened": {
        const period = num(e, "period");
        if (period !== ledger.currentPeriod + 1) throw impossible(e, `period ${period} after ${ledger.currentPeriod}`);
        const previous = ledger.periods.get(ledger.currentPeriod);
        if (previous && previous.closedAt === null) throw impossible(e, `period ${previous.period} is still open`);
        ledger.periods.set(period, {
          period,
          openedAt: big(e, "openedAt"),
          closedAt: null,
          finalAt: null,
          closedBy: null,
          openDisputes: 0,
          totals: zeroTotals(),
        });
        ledger.currentPeriod = period;
        firstOpenEntry = BigInt(ledger.entries.size + 1);
        break;
      }
      case "ledger.PeriodClosed": {
        const period = num(e, "period");
        if (period !== ledger.currentPeriod)
          throw impossible(e, `period ${period} closed while ${ledger.currentPeriod} is open`);
        const state = periodOf(e, period);
        if (state.closedAt !== null) throw impossible(e, `period ${period} closed twice`);
        const [closedAt, finalAt] = [big(e, "closedAt"), big(e, "finalAt")];
        if (finalAt < closedAt) throw impossible(e, `period ${period} final at ${finalAt}, before it closed`);
        state.closedAt = closedAt;
        state.finalAt = finalAt;
        state.closedBy = str(e, "treasurer");
        // Its entries still pending lapse: IValueLedger.entry reports them Lapsed (never stored, never counted).
        for (let id = firstOpenEntry; id <= BigInt(ledger.entries.size); id++) {
          const entry = ledger.entries.get(id)!;
          if (entry.status === "Pending") entry.status = "Lapsed";
        }
        break;
      }
      case "ledger.EntryLogged": {
        const id = big(e, "entryId");
        if (id !== BigInt(ledger.entries.size + 1)) throw impossible(e, `entry ${id} after ${ledger.entries.size}`);
        const period = num(e, "period");
        if (period !== ledger.currentPeriod) throw impossible(e, `work logged in period ${period}, not the open one`);
        const [amount, weightBps] = [big(e, "amount"), num(e, "weightBps")];
        ledger.entries.set(id, {
          id,
          author: str(e, "author"),
          period,
          stream: num(e, "stream"),
          amount,
          weightBps,
          payable: (amount * BigInt(weightBps)) / BPS,
          evidence: str(e, "evidence"),
          uri: str(e, "uri"),
          status: "Pending",
          approvalsRequired: ledger.approvalsRequired,
          settled: false,
          logged: place(e),
          approvals: [],
          disputes: [],
          resolutions: [],
          withdrawn: null,
          moved: null,
        });
        break;
      }
      case "ledger.EntryApproved": {
        const entry = entryOf(e);
        requireStatus(e, entry, "Pending");
        const approver = str(e, "approver");
        if (entry.approvals.some((a) => lower(a.approver) === lower(approver))) {
          throw impossible(e, `${approver} approved entry ${entry.id} twice`);
        }
        const approvals = num(e, "approvals");
        if (approvals !== entry.approvals.length + 1) throw impossible(e, `approval ${approvals} of entry ${entry.id}`);
        entry.approvals.push({ ...place(e), approver, approvals });
        break;
      }
      case "ledger.EntryCounted": {
        const entry = count(e, 1n);
        const accepted = entry.status === "Disputed" && entry.resolutions.at(-1)?.accepted === true;
        if (!accepted) {
          requireStatus(e, entry, "Pending");
          if (entry.period !== ledger.currentPeriod)
            throw impossible(e, `entry ${entry.id} of closed period ${entry.period} counted by approval`);
          if (entry.approvals.length < entry.approvalsRequired) {
            throw impossible(e, `entry ${entry.id} counted with ${entry.approvals.length} approvals`);
          }
        }
        entry.status = "Counted";
        break;
      }
      case "ledger.EntryUncounted": {
        const entry = count(e, -1n);
        requireStatus(e, entry, "Counted");
        // EntryDisputed follows in the same transaction.
        entry.status = "Disputed";
        break;
      }
      case "ledger.EntryDisputed": {
        const entry = anyEntryOf(e);
        if (entry.settled) throw impossible(e, `entry ${entry.id} was settled`);
        // A counted entry is uncounted first, which leaves it Disputed here; in a closed period only counted work
        // can be disputed (its pending work lapsed).
        const uncounted = entry.status === "Disputed" && entry.disputes.length === entry.resolutions.length;
        if (!uncounted) requireStatus(e, entry, "Pending");
        if (!uncounted && entry.period !== ledger.currentPeriod)
          throw impossible(e, `entry ${entry.id} of closed period ${entry.period} disputed while not counted`);
        entry.status = "Disputed";
        entry.disputes.push({ ...place(e), disputer: str(e, "disputer"), reason: str(e, "reason") });
        periodOf(e, entry.period).openDisputes++;
        break;
      }
      case "ledger.DisputeResolved": {
        const entry = anyEntryOf(e);
        requireStatus(e, entry, "Disputed");
        if (entry.disputes.length !== entry.resolutions.length + 1)
          throw impossible(e, `entry ${entry.id} has no open dispute`);
        const accepted = bool(e, "accepted");
        entry.resolutions.push({ ...place(e), accepted });
        periodOf(e, entry.period).openDisputes--;
        if (accepted) entry.settled = true;
        else entry.status = "Rejected";
        break;
      }
      case "ledger.EntryMoved": {
        const entry = anyEntryOf(e);
        const [fromPeriod, toPeriod] = [num(e, "fromPeriod"), num(e, "toPeriod")];
        const accepted = entry.status === "Disputed" && entry.resolutions.at(-1)?.accepted === true;
        if (!accepted || entry.moved) throw impossible(e, `entry ${entry.id} moved without an accepted dispute`);
        if (fromPeriod !== entry.period || toPeriod !== ledger.currentPeriod || fromPeriod === toPeriod) {
          throw impossible(e, `entry ${entry.id} of period ${entry.period} moved from ${fromPeriod} to ${toPeriod}`);
        }
        if (periodOf(e, fromPeriod).finalAt === null) throw impossible(e, `period ${fromPeriod} is not closed`);
        entry.period = toPeriod;
        entry.moved = { ...place(e), fromPeriod, toPeriod };
        break;
      }
      case "ledger.EntryWithdrawn": {
        const entry = entryOf(e);
        requireStatus(e, entry, "Pending");
        entry.status = "Withdrawn";
        entry.withdrawn = place(e);
        break;
      }
      case "ledger.WeightSet":
        ledger.weights.set(`${num(e, "stage")}/${num(e, "stream")}`, num(e, "weightBps"));
        break;
      case "ledger.CapSet":
        ledger.caps[num(e, "stream")] = big(e, "cap");
        break;
      case "ledger.ApprovalsRequiredSet":
        ledger.approvalsRequired = num(e, "approvalsRequired");
        break;
      case "ledger.MinimumContributionSet":
        ledger.minimumContribution = { credits: big(e, "credits"), periods: num(e, "periods") };
        break;
      case "ledger.ReviewWindowSet":
        ledger.reviewWindow = big(e, "window");
        break;

      // ---------------------------------------------------------------------------------------------- any contract
      case "membership.TokensRecovered":
      case "ledger.TokensRecovered":
      case "treasury.TokensRecovered":
      case "capital.TokensRecovered":
      case "audit.TokensRecovered":
        recoveries.push({
          ...place(e),
          contract: e.contract,
          address: e.address,
          token: str(e, "token"),
          to: str(e, "to"),
          amount: big(e, "amount"),
        });
        break;

      // ---------------------------------------------------------------------------------------------- governor
      case "governor.ProposalCreated": {
        const id = big(e, "proposalId");
        if (governance.proposals.has(id)) throw impossible(e, `proposal ${id} created twice`);
        governance.proposals.set(id, {
          id,
          proposer: str(e, "proposer"),
          targets: strs(e, "targets"),
          values: bigs(e, "values"),
          signatures: strs(e, "signatures"),
          calldatas: strs(e, "calldatas"),
          description: str(e, "description"),
          voteStart: big(e, "voteStart"),
          voteEnd: big(e, "voteEnd"),
          kind: null,
          supermajority: null,
          constituencyShares: [],
          weighted: false,
          created: place(e),
          queued: null,
          executed: null,
          canceled: null,
          votes: [],
          tally: emptyTally(),
        });
        break;
      }
      case "governor.ProposalClassified": {
        const proposal = proposalOf(e);
        if (proposal.kind !== null) throw impossible(e, `proposal ${proposal.id} classified twice`);
        proposal.kind = PROPOSAL_KINDS[num(e, "kind")];
        proposal.supermajority = {
          numerator: num(e, "supermajorityNumerator"),
          denominator: num(e, "supermajorityDenominator"),
        };
        proposal.constituencyShares = nums(e, "constituencyShares");
        proposal.weighted = proposal.constituencyShares.some((s) => s !== 0);
        break;
      }
      case "governor.VoteCast":
      case "governor.VoteCastWithParams": {
        const proposal = proposalOf(e);
        if (proposal.canceled || proposal.queued || proposal.executed) {
          throw impossible(
            e,
            `vote on proposal ${proposal.id} after it was ${proposal.canceled ? "canceled" : "queued"}`,
          );
        }
        const voter = str(e, "voter");
        if (proposal.votes.some((v) => lower(v.voter) === lower(voter))) {
          throw impossible(e, `${voter} voted twice on proposal ${proposal.id}`);
        }
        const support = SUPPORTS[num(e, "support")];
        if (support === undefined) throw impossible(e, `support ${num(e, "support")}`);
        if (support === "Block" && proposal.kind !== "Consent")
          throw impossible(e, `Block on a ${proposal.kind} proposal`);
        const weight = big(e, "weight");
        const vote: Vote = {
          ...place(e),
          proposalId: proposal.id,
          voter,
          support,
          weight,
          reason: str(e, "reason"),
          binding: weight > 0n,
        };
        proposal.votes.push(vote);
        governance.votes.push(vote);
        const counter = vote.binding ? BINDING_COUNTERS[support] : ADVISORY_COUNTERS[support];
        proposal.tally[counter]++;
        break;
      }
      case "governor.ProposalQueued": {
        const proposal = proposalOf(e);
        if (proposal.queued || proposal.executed || proposal.canceled)
          throw impossible(e, `proposal ${proposal.id} queued again`);
        proposal.queued = { ...place(e), eta: big(e, "etaSeconds") };
        break;
      }
      case "governor.ProposalExecuted": {
        const proposal = proposalOf(e);
        if (proposal.executed || proposal.canceled) throw impossible(e, `proposal ${proposal.id} executed again`);
        proposal.executed = place(e);
        break;
      }
      case "governor.ProposalCanceled": {
        const proposal = proposalOf(e);
        if (proposal.executed || proposal.canceled)
          throw impossible(e, `proposal ${proposal.id} canceled after it ended`);
        proposal.canceled = place(e);
        break;
      }
      case "governor.SupermajoritySet":
        governance.supermajority = { numerator: num(e, "numerator"), denominator: num(e, "denominator") };
        break;
      case "governor.ConstituencySharesSet":
        governance.constituencyShares = nums(e, "sharesBps");
        break;
      case "governor.QuorumNumeratorUpdated":
        governance.quorumHistory.push({ ...place(e), numerator: big(e, "newQuorumNumerator") });
        break;
      case "governor.BylawFunctionSet": {
        const bylaw = `${lower(str(e, "target"))}:${lower(str(e, "selector"))}`;
        if (bool(e, "isBylaw")) governance.bylawFunctions.add(bylaw);
        else governance.bylawFunctions.delete(bylaw);
        break;
      }

      // ---------------------------------------------------------------------------------------------- timelock
      case "timelock.CallScheduled": {
        const id = str(e, "id");
        const operation = getOrMake(governance.operations, id, () => ({
          id,
          calls: [],
          delay: big(e, "delay"),
          scheduled: place(e),
          executed: null,
          canceled: null,
        }));
        operation.calls.push({
          index: big(e, "index"),
          target: str(e, "target"),
          value: big(e, "value"),
          data: str(e, "data"),
        });
        break;
      }
      case "timelock.CallExecuted": {
        const operation = governance.operations.get(str(e, "id"));
        if (!operation) throw impossible(e, `operation ${str(e, "id")} was never scheduled`);
        operation.executed = place(e);
        break;
      }
      case "timelock.Cancelled": {
        const operation = governance.operations.get(str(e, "id"));
        if (!operation) throw impossible(e, `operation ${str(e, "id")} was never scheduled`);
        operation.canceled = place(e);
        break;
      }

      // ---------------------------------------------------------------------------------------------- treasury
      case "treasury.PaidIn":
        treasuryState.payIns.push({
          ...place(e),
          payer: str(e, "payer"),
          amount: big(e, "amount"),
          paymentRef: str(e, "paymentRef"),
        });
        break;
      case "treasury.PeriodFunded": {
        const period = num(e, "period");
        if (treasuryState.fundings.has(period)) throw impossible(e, `period ${period} funded twice`);
        const state = periodOf(e, period);
        if (state.closedAt === null) throw impossible(e, `period ${period} funded before it closed`);
        const amount = big(e, "amount");
        const streamPools = perStream(e, "streamPools");
        if (streamPools.reduce((a, b) => a + b, 0n) !== amount) throw impossible(e, `pools don't add up to ${amount}`);
        treasuryState.fundings.set(period, {
          ...place(e),
          period,
          treasurer: str(e, "treasurer"),
          amount,
          bucketsBps: nums(e, "bucketsBps"),
          streamPools,
          periodPayable: [...state.totals.payable],
          claimed: 0n,
        });
        treasuryState.owed += amount;
        break;
      }
      case "treasury.PayoutClaimed": {
        const [member, period, amount] = [str(e, "member"), num(e, "period"), big(e, "amount")];
        const funding = treasuryState.fundings.get(period);
        if (!funding) throw impossible(e, `period ${period} claimed before it was funded`);
        const claims = getOrMake(treasuryState.claims, lower(member), () => new Map<number, bigint>());
        if (claims.has(period)) throw impossible(e, `${member} claimed period ${period} twice`);
        if (funding.claimed + amount > funding.amount)
          throw impossible(e, `period ${period} paid out beyond its funding`);
        claims.set(period, amount);
        funding.claimed += amount;
        treasuryState.claimList.push({ ...place(e), member, period, amount });
        treasuryState.owed -= amount;
        break;
      }
      case "treasury.Spent":
        treasuryState.spends.push({
          ...place(e),
          to: str(e, "to"),
          amount: big(e, "amount"),
          reason: str(e, "reason"),
        });
        break;
      case "treasury.BucketsSet":
        treasuryState.buckets = nums(e, "bucketsBps");
        treasuryState.bucketChanges.push({ ...place(e), bucketsBps: treasuryState.buckets });
        break;

      // ---------------------------------------------------------------------------------------------- capital
      case "capital.SettingsSet": {
        const s = (name: string) => field(e, "settings", name);
        const settings: CapitalSettings = {
          contribution: s("contribution"),
          contributionReserveBps: Number(s("contributionReserveBps")),
          reserveBps: Number(s("reserveBps")),
          commonsBps: Number(s("commonsBps")),
          cashBps: Number(s("cashBps")),
          interestBps: Number(s("interestBps")),
          interestCapBps: Number(s("interestCapBps")),
          basis: Number(s("basis")),
          instalments: Number(s("instalments")),
          revolvingPeriod: s("revolvingPeriod"),
        };
        capital.settings = settings;
        capital.settingsHistory.push({ ...place(e), settings });
        break;
      }
      case "capital.ContributionPaid": {
        const [member, amount, toReserve, toAccount, shares] = [
          str(e, "member"),
          big(e, "amount"),
          big(e, "toReserve"),
          big(e, "toAccount"),
          big(e, "shares"),
        ];
        if (toReserve + toAccount !== amount) throw impossible(e, `contribution split doesn't add up to ${amount}`);
        const account = settled(member);
        if (account.contributed) throw impossible(e, `${member} contributed twice`);
        account.contributed = true;
        account.shares += shares;
        capital.totalShares += shares;
        capital.accountsTotal += toAccount;
        capital.reserve += toReserve;
        capital.contributions.push({ ...place(e), member, amount, toReserve, toAccount, shares });
        break;
      }
      case "capital.YearClosed": {
        const opened = openYear(e);
        const f = (name: keyof SurplusSplit) => field(e, "split", name);
        const split: SurplusSplit = {
          surplus: f("surplus"),
          interest: f("interest"),
          toReserve: f("toReserve"),
          toCommons: f("toCommons"),
          cashPool: f("cashPool"),
          retainedPool: f("retainedPool"),
          retainedShares: f("retainedShares"),
          totalPatronage: f("totalPatronage"),
          index: f("index"),
        };
        const parts = split.interest + split.toReserve + split.toCommons + split.cashPool + split.retainedPool;
        if (parts !== split.surplus) throw impossible(e, `the split doesn't add up to the surplus ${split.surplus}`);
        capital.index = split.index;
        capital.totalShares += split.retainedShares;
        capital.accountsTotal += split.interest + split.retainedPool;
        capital.reserve += split.toReserve;
        capital.commons += split.toCommons;
        capital.cashOwed += split.cashPool;
        capital.years.set(opened.year, { ...opened, atLoss: false, split, loss: null });
        break;
      }
      case "capital.YearClosedAtLoss": {
        const opened = openYear(e);
        const loss = {
          loss: big(e, "loss"),
          fromReserve: big(e, "fromReserve"),
          chargedToAccounts: big(e, "chargedToAccounts"),
          totalPatronage: big(e, "totalPatronage"),
        };
        if (loss.fromReserve > capital.reserve) throw impossible(e, `the reserve holds only ${capital.reserve}`);
        capital.reserve -= loss.fromReserve;
        capital.years.set(opened.year, { ...opened, atLoss: true, split: null, loss });
        break;
      }
      case "capital.AllocationSettled": {
        const year = yearOf(e);
        if (year.atLoss) throw impossible(e, `an allocation of loss year ${year.year}`);
        const member = str(e, "member");
        const account = accountOf(member);
        if (account.settledYears >= year.year) throw impossible(e, `year ${year.year} reached ${member} twice`);
        const [patronage, cash, shares, value] = [
          big(e, "patronage"),
          big(e, "cash"),
          big(e, "shares"),
          big(e, "value"),
        ];
        account.shares += shares;
        account.cash += cash;
        account.settledYears = year.year;
        capital.allocations.push({ ...place(e), member, year: year.year, patronage, cash, shares, value });
        break;
      }
      case "capital.LossCharged": {
        const year = yearOf(e);
        if (!year.atLoss) throw impossible(e, `a loss charged of surplus year ${year.year}`);
        const member = str(e, "member");
        const account = accountOf(member);
        if (account.settledYears >= year.year) throw impossible(e, `year ${year.year} reached ${member} twice`);
        const [patronage, shares, value] = [big(e, "patronage"), big(e, "shares"), big(e, "value")];
        if (shares > account.shares) throw impossible(e, `${member} holds only ${account.shares} shares`);
        account.shares -= shares;
        account.settledYears = year.year;
        capital.totalShares -= shares;
        capital.accountsTotal -= value;
        capital.lossCharges.push({ ...place(e), member, year: year.year, patronage, shares, value });
        break;
      }
      case "capital.AccountSettled": {
        const account = accountOf(str(e, "member"));
        const years = num(e, "settledYears");
        if (years < account.settledYears || years > capital.years.size) {
          throw impossible(e, `settled through year ${years} after ${account.settledYears} of ${capital.years.size}`);
        }
        account.settledYears = years;
        break;
      }
      case "capital.CashClaimed": {
        const [member, amount] = [str(e, "member"), big(e, "amount")];
        const account = settled(member);
        if (amount !== account.cash) throw impossible(e, `${member} claimed ${amount} of ${account.cash} cash`);
        account.cash = 0n;
        capital.cashOwed -= amount;
        capital.cashClaims.push({ ...place(e), member, amount });
        break;
      }
      case "capital.RedemptionScheduled": {
        const member = str(e, "member");
        const account = settled(member);
        const [schedule, shares, amount] = [num(e, "schedule"), big(e, "shares"), big(e, "amount")];
        if (shares !== account.shares) throw impossible(e, `${member} holds ${account.shares} shares, not ${shares}`);
        const schedules = getOrMake(capital.redemptions, lower(member), (): Redemption[] => []);
        if (schedule !== schedules.length) throw impossible(e, `schedule ${schedule} after ${schedules.length}`);
        const redemption: Redemption = {
          schedule,
          total: amount,
          paid: 0n,
          start: big(e, "start"),
          period: big(e, "period"),
          instalments: num(e, "instalments"),
        };
        schedules.push(redemption);
        account.shares = 0n;
        capital.totalShares -= shares;
        capital.accountsTotal -= amount;
        capital.redemptionsOwed += amount;
        const { start, period, instalments } = redemption;
        capital.redemptionsScheduled.push({
          ...place(e),
          member,
          schedule,
          shares,
          amount,
          start,
          period,
          instalments,
        });
        break;
      }
      case "capital.Redeemed": {
        const [member, amount, paidTotal] = [str(e, "member"), big(e, "amount"), big(e, "paidTotal")];
        const redemption = scheduleOf(e, member);
        if (redemption.paid + amount !== paidTotal || paidTotal > redemption.total) {
          throw impossible(e, `redemption paid ${paidTotal} after ${redemption.paid} of ${redemption.total}`);
        }
        redemption.paid = paidTotal;
        capital.redemptionsOwed -= amount;
        capital.redemptionsPaid.push({ ...place(e), member, schedule: redemption.schedule, amount, paidTotal });
        break;
      }
      case "capital.CommonsSpent": {
        const [to, amount] = [str(e, "to"), big(e, "amount")];
        if (amount > capital.commons) throw impossible(e, `the commons fund holds only ${capital.commons}`);
        capital.commons -= amount;
        capital.commonsSpending.push({ ...place(e), to, amount, reason: str(e, "reason") });
        break;
      }

      // ---------------------------------------------------------------------------------------------- audit
      case "audit.WageRatioCapSet":
        audit.wageRatioCap = num(e, "capX100");
        audit.capHistory.push({ ...place(e), capX100: audit.wageRatioCap });
        break;
      case "audit.RoleGranted":
        if (str(e, "role") === AUDITOR_ROLE) audit.auditors.add(lower(str(e, "account")));
        break;
      case "audit.RoleRevoked":
        if (str(e, "role") === AUDITOR_ROLE) audit.auditors.delete(lower(str(e, "account")));
        break;
      case "audit.PeriodAttested": {
        const [period, auditor] = [num(e, "period"), str(e, "auditor")];
        if (!audit.auditors.has(lower(auditor))) throw impossible(e, `${auditor} attested without AUDITOR_ROLE`);
        if (periodOf(e, period).closedAt === null) throw impossible(e, `period ${period} attested before it closed`);
        getOrMake(audit.attestations, period, () => []).push({
          ...place(e),
          period,
          auditor,
          reportHash: str(e, "reportHash"),
          uri: str(e, "uri"),
        });
        break;
      }

      // ---------------------------------------------------------------------------------------------- token
      case "token.Transfer": {
        const [from, to, amount] = [str(e, "from"), str(e, "to"), big(e, "value")];
        const direction = lower(to) === treasuryKey ? "in" : lower(from) === treasuryKey ? "out" : null;
        if (direction === null) throw impossible(e, `a transfer neither to nor from the treasury`);
        if (lower(from) === lower(to)) break;
        treasuryBalance += direction === "in" ? amount : -amount;
        if (treasuryBalance < 0n) throw impossible(e, `the treasury pays out more than it holds`);
        movements.push({ ...place(e), direction, from, to, amount });
        break;
      }
    }
  }

  for (const account of capital.accounts.values()) account.value = (account.shares * capital.index) / RAY;
  capital.held = capital.accountsTotal + capital.reserve + capital.commons + capital.cashOwed + capital.redemptionsOwed;
  return {
    members: foldMembers(memberEvents),
    memberEvents,
    constituencies,
    ledger,
    governance,
    treasury: treasuryState,
    capital,
    movements,
    treasuryBalance,
    audit,
    recoveries,
  };
}
