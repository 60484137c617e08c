/**
 * The seeded federation of `npm start`: the demo DisCO founds "Commons Federation" by its members' vote; Small DisCO
 * and River DisCO (started here) apply and are admitted by the vote of the demo's delegate; Garden DisCO (started
 * here) applies last (seedOpenApplication, after the credit network's trading: seed-credit.ts) and its application
 * stays open. Each member checks in two final periods, the peers confirm them but for one dishonest check-in of
 * River's, which Jun challenges; trust flows between them, and the demo and Small DisCO publish their public profiles
 * (frontend/public/profiles/, served by the app).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Signer } from "ethers";
import { getAddress, keccak256, toHex, type Address, type Hex, type PublicClient } from "viem";
import { DEFAULT_CURRENCY_DECIMALS, Stage } from "../../ignition/modules/DisCO.ts";
import {
  AuditRegistry__factory,
  DemoEuro__factory,
  DisCOFactory__factory,
  DisCOGovernor__factory,
  Federation__factory,
  ValueLedger__factory,
  Treasury__factory,
  type DisCOGovernor,
} from "../../types/ethers-contracts/index.js";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import {
  checkInVerdict,
  compareCheckIn,
  figuresTuple,
  type CheckIn,
  type FigureName,
} from "@disco-ledger/sdk/federation";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import { Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { AUDITOR_ROLE } from "@disco-ledger/sdk/history";
import { evidenceHash, parseAmount, Stream, type StreamName } from "@disco-ledger/sdk/ledger";
import { profileDocument, profileHash, profileText, type ProfileInput } from "@disco-ledger/sdk/profile";
import {
  applyToJoinCall,
  challengeArgs,
  combineDecisions,
  confirmArgs,
  createFederationCall,
  federationVoteArgs,
  setDelegateCall,
  setProfileCall,
  setTreasurerTrustBoundCall,
  setTrustArgs,
  setTrustCall,
  type DisCODecision,
  type NamedAddress,
} from "@disco-ledger/sdk/proposals";
import { factoryParamsForEthers, type DisCOParameters } from "./deploy.ts";
import type { ContractRecord, Deployment } from "./deployments.ts";
import { ROOT } from "./deployments.ts";
import { checkInsOf } from "./checkins.ts";
import { personIn } from "./seed.ts";
import { closeVoting, openVoting, propose, queue, execute, type Clock } from "./drive.ts";

// ------------------------------------------------------------------------------------------------ THE DEMO'S FACTS

/** The federation, its charter (kept here: its hash is what the federation records) and its voting period. */
export const FEDERATION = {
  name: "Commons Federation",
  charterURI: "ipfs://bafy-commons-federation-charter",
  charter:
    "Commons Federation charter. We are DisCOs that keep open books. Each period every member checks in the digest " +
    "of its final books and its headline figures; peers recompute them from the member's own logs and confirm or " +
    "challenge them. Each member DisCO has one vote, cast as its own members decide. Trust between us is data for " +
    "people, set by each member's decision.",
  votingPeriod: 3 * 24 * 3600,
} as const;

export const charterHash = (): Hex => keccak256(toHex(FEDERATION.charter));

/**
 * Hardhat dev accounts the demo people leave spare (DEMO_PEOPLE ends at 11): River DisCO's founders and Garden
 * DisCO's. Small DisCO's founders are ignition/parameters/localhost.json's (Gus and Hana, #7 and #8).
 */
export const RIVER_FOUNDERS = [12, 13] as const;
export const GARDEN_FOUNDER = 14;

/** Small DisCO's parameters as npm start deploys it beside the demo. */
export const SMALL_PARAMETERS = (
  JSON.parse(readFileSync(join(ROOT, "ignition", "parameters", "localhost.json"), "utf8")) as {
    SmallDisCO: DisCOParameters;
  }
).SmallDisCO;

/** Trust values: [from, to, value, set by a treasurer within the members' bound (else by the members' vote)]. */
export const TRUST = [
  ["Demo DisCO", "Small DisCO", 80, false],
  ["Small DisCO", "Demo DisCO", 70, false],
  ["Demo DisCO", "River DisCO", 40, false],
  ["River DisCO", "Demo DisCO", 60, false],
  ["Small DisCO", "River DisCO", 30, true],
] as const;

/** The bound Small DisCO's members give their treasurers for trust values. */
export const SMALL_TREASURER_BOUND = 50;

/** The periods each member checks in. */
export const CHECKED_IN_PERIODS = [1, 2] as const;

/** River DisCO's dishonest check-in: its money in inflated by this many euros. */
export const DISHONEST = { disco: "River DisCO", period: 2, inflatedBy: "8000" } as const;

/** The public profiles: each DisCO's document is served by the app from frontend/public/profiles/<slug>.json. */
export const PROFILES: ReadonlyArray<{ disco: string; slug: string; input: ProfileInput }> = [
  {
    disco: "Demo DisCO",
    slug: "demo-disco",
    input: {
      name: "Demo DisCO",
      description:
        "A translation and media co-op: translation, subtitles and interpreting for the social and solidarity economy, with a share of our work given as love to feminist and commons projects.",
      languages: ["en", "es", "ca"],
      place: { locality: "Barcelona", region: "Catalonia", country: "ES" },
      website: "https://demo-disco.example.org",
      offers: ["translation", "subtitles", "interpreting"],
    },
  },
  {
    disco: "Small DisCO",
    slug: "small-disco",
    input: {
      name: "Small DisCO",
      description: "Two people who host websites for co-ops and review them for accessibility.",
      languages: ["en"],
      place: { locality: "Bristol", country: "GB" },
      website: "https://small-disco.example.org",
      offers: ["web hosting", "accessibility reviews"],
    },
  },
];

/** Where a profile's document is served by the app, and the file it is served from. */
export const profileURI = (slug: string): string => `/profiles/${slug}.json`;
export const profilePath = (slug: string): string => join(ROOT, "frontend", "public", "profiles", `${slug}.json`);

/** The same short governance the demo's second DisCO has: minutes to open a vote, three days to vote. */
const GOVERNANCE = {
  timelockDelay: 3600,
  governorSettings: {
    votingDelay: 300,
    votingPeriod: 259_200,
    proposalThreshold: 1,
    quorumBps: 5000,
    supermajorityNumerator: 2,
    supermajorityDenominator: 3,
  },
};

const committed = (account: string) => ({
  account,
  stage: Stage.Committed,
  constituency: 0,
  mentor: "0x0000000000000000000000000000000000000000",
});

/** A month of work in each of Small DisCO's and River DisCO's two periods: [founder index, stream, amount, note]. */
const WORK: Record<
  "Small DisCO" | "River DisCO",
  ReadonlyArray<ReadonlyArray<readonly [0 | 1, StreamName, string, string]>>
> = {
  "Small DisCO": [
    [
      [0, "Livelihood", "1600", "Hosting for the housing co-op"],
      [1, "Care", "6", "Monthly check-in call"],
    ],
    [
      [0, "Livelihood", "1400", "Accessibility review of the food co-op's shop"],
      [1, "Love", "300", "Free hosting for the neighbourhood archive"],
    ],
  ],
  "River DisCO": [
    [
      [0, "Livelihood", "2000", "River clean-up coordination"],
      [1, "Livelihood", "1200", "Volunteer training"],
    ],
    [
      [0, "Livelihood", "1800", "Riverside garden design"],
      [1, "Care", "10", "Welcoming new volunteers"],
    ],
  ],
};

/** River DisCO's client payments, one per period (euros). */
const RIVER_PAYMENTS = ["3000", "4000"] as const;

// ------------------------------------------------------------------------------------------------ DRIVING

/** One DisCO's decision to take through its governor in a round with others'. */
export interface Decision {
  governor: DisCOGovernor;
  proposer: Signer;
  calls: ProposalCalls;
  voters: readonly Signer[];
}

/**
 * Takes several DisCOs' proposals through their lifecycles side by side (they share the chain's clock, so the round
 * costs one voting period, not one each): proposed, voted For by each DisCO's voters, queued, and executed in the
 * order given. Returns their ids.
 */
export async function enactTogether(clock: Clock, decisions: readonly Decision[]): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const d of decisions) ids.push(await propose(d.governor, d.proposer, d.calls));
  for (const [i, d] of decisions.entries()) await openVoting(d.governor, clock, ids[i]);
  for (const [i, d] of decisions.entries()) {
    for (const voter of d.voters) await (await d.governor.connect(voter).castVote(ids[i], Support.For)).wait();
  }
  for (const [i, d] of decisions.entries()) await closeVoting(d.governor, clock, ids[i]);
  for (const d of decisions) await (await queue(d.governor, d.proposer, d.calls)).wait();
  for (const [i, d] of decisions.entries()) {
    const [eta, now] = await Promise.all([d.governor.proposalEta(ids[i]), d.governor.clock()]);
    if (eta > now) await clock.increase(eta - now);
  }
  for (const d of decisions) await (await execute(d.governor, d.proposer, d.calls)).wait();
  return ids;
}

/** Everything the seed of the federation needs of the demo. */
export interface FederationSeedInput {
  /** The demo DisCO and Small DisCO, as deployed. */
  demo: Deployment;
  small: Deployment;
  /** The chain's factory, which started them. */
  factory: ContractRecord;
  /** A viem client on the same node, for the SDK's reads. */
  client: PublicClient;
}

/** The DisCOs the seed starts or uses, by name. */
export type SeededName = "Demo DisCO" | "Small DisCO" | "River DisCO" | "Garden DisCO";

/** A seeded DisCO and who decides for it: who proposes, who votes For, who acts as its treasurer. */
export interface SeededDisCO {
  deployment: Deployment;
  /** Its membership address (its id in the federation), and its name. */
  named: NamedAddress;
  proposer: Signer;
  voters: readonly Signer[];
  treasurer: Signer;
}

/** The DisCO's decisions as one proposal of its members, voted For by them, for enactTogether. */
export const decisionOf = (disco: SeededDisCO, decisions: readonly DisCODecision[]): Decision => ({
  governor: DisCOGovernor__factory.connect(disco.deployment.contracts.governor.address, disco.proposer),
  proposer: disco.proposer,
  calls: combineDecisions(decisions),
  voters: disco.voters,
});

export interface SeededFederation {
  federation: NamedAddress & { blockNumber: number };
  members: string[];
  discos: Record<SeededName, SeededDisCO>;
  checkIns: Array<{ disco: string; period: number; verdict: string }>;
  trust: typeof TRUST;
  profiles: Array<{ disco: string; uri: string; hash: Hex }>;
}

/**
 * Seeds the federation on a chain where the demo's books are seeded (seedBooks): River DisCO and Garden DisCO
 * started, three rounds of the DisCOs' votes (about nine days of chain time), the check-ins and their verdicts.
 * Garden DisCO applies later (seedOpenApplication), once no other round is left to move the clock.
 */
export async function seedFederation(
  input: FederationSeedInput,
  signers: Signer[],
  clock: Clock,
): Promise<SeededFederation> {
  const { demo, small, factory, client } = input;
  const deployer = signers[0];
  const person = personIn(signers);
  const signer = (index: number) => signers[index];
  const address = async (index: number) => (await signer(index).getAddress()) as Address;
  const chain = { chainId: demo.chainId, network: demo.network, factory };

  // River DisCO and Garden DisCO are started through the factory, with the demo's currency.
  const factoryContract = DisCOFactory__factory.connect(factory.address, deployer);
  const start = async (name: string, symbol: string, founders: readonly number[]) => {
    const parameters: DisCOParameters & { currency: string } = {
      name,
      symbol,
      constituencies: ["worker"],
      founders: await Promise.all(founders.map(async (i) => committed(await address(i)))),
      treasurers: [await address(founders[0])],
      currency: demo.contracts.token.address,
      currencyDecimals: DEFAULT_CURRENCY_DECIMALS,
      ...GOVERNANCE,
    };
    await (await factoryContract.create(factoryParamsForEthers(parameters))).wait();
  };
  await start("River DisCO", "RIVER", RIVER_FOUNDERS);
  await start("Garden DisCO", "GARDEN", [GARDEN_FOUNDER]);
  const found = await discoverDisCOs(client, chain);
  const discoNamed = (name: string): Deployment => {
    const d = found.find((f) => f.name === name);
    if (!d) throw new Error(`The factory started no DisCO "${name}"`);
    return d;
  };
  const river = discoNamed("River DisCO");
  const garden = discoNamed("Garden DisCO");
  const byName: Record<string, Deployment> = {
    "Demo DisCO": demo,
    "Small DisCO": small,
    "River DisCO": river,
    "Garden DisCO": garden,
  };
  const membershipOf = (name: string) => getAddress(byName[name].contracts.membership.address);
  const named = (name: string): NamedAddress => ({ address: membershipOf(name), name });
  const governorOf = (name: string) =>
    DisCOGovernor__factory.connect(byName[name].contracts.governor.address, deployer);

  // Small DisCO's founders by their accounts' places among the signers: its treasurer first, its auditor-to-be second.
  const addresses = await Promise.all(signers.map((s) => s.getAddress()));
  const indexOf = (account: string) => addresses.findIndex((a) => a.toLowerCase() === account.toLowerCase());
  const smallTreasurer = indexOf(SMALL_PARAMETERS.treasurers?.[0] ?? "");
  const smallAuditor = SMALL_PARAMETERS.founders.map((f) => indexOf(f.account)).find((i) => i !== smallTreasurer);
  if (smallTreasurer < 0 || smallAuditor === undefined || smallAuditor < 0) {
    throw new Error("Small DisCO's treasurer and a second founder must be among the node's accounts");
  }
  const founders = { "Small DisCO": [smallTreasurer, smallAuditor], "River DisCO": RIVER_FOUNDERS } as const;
  const demoVoters = (["Alice", "Bob", "Carla", "Dara"] as const).map(person);
  const seeded = (name: SeededName, proposer: Signer, voters: readonly Signer[], treasurer: Signer): SeededDisCO => ({
    deployment: byName[name],
    named: named(name),
    proposer,
    voters,
    treasurer,
  });
  const discos: Record<SeededName, SeededDisCO> = {
    "Demo DisCO": seeded("Demo DisCO", person("Alice"), demoVoters, person("Bob")),
    "Small DisCO": seeded(
      "Small DisCO",
      signer(smallTreasurer),
      founders["Small DisCO"].map(signer),
      signer(smallTreasurer),
    ),
    "River DisCO": seeded(
      "River DisCO",
      signer(RIVER_FOUNDERS[0]),
      RIVER_FOUNDERS.map(signer),
      signer(RIVER_FOUNDERS[0]),
    ),
    "Garden DisCO": seeded("Garden DisCO", signer(GARDEN_FOUNDER), [signer(GARDEN_FOUNDER)], signer(GARDEN_FOUNDER)),
  };
  const currency = DemoEuro__factory.connect(demo.contracts.token.address, deployer);
  const decimals = await currency.decimals();
  /** One period of work in Small DisCO or River DisCO, each entry approved by the other founder; then closed. */
  const workPeriod = async (name: "Small DisCO" | "River DisCO", period: number) => {
    const ledger = ValueLedger__factory.connect(byName[name].contracts.ledger.address, deployer);
    const [first, second] = founders[name].map(signer);
    const open = await ledger.currentPeriod();
    for (const [who, stream, amount, note] of WORK[name][period - 1]) {
      const [author, approver] = who === 0 ? [first, second] : [second, first];
      const evidence = evidenceHash(`${name}/${open}/${note}`);
      await (await ledger.connect(author).logWork(Stream[stream], parseAmount(amount), open, evidence, note)).wait();
      await (await ledger.connect(approver).approve(await ledger.entryCount())).wait();
    }
    if (name === "River DisCO") {
      const treasury = Treasury__factory.connect(river.contracts.treasury.address, deployer);
      const client = signer(9); // the demo's client pays River DisCO's invoices too
      const amount = BigInt(RIVER_PAYMENTS[period - 1]) * 10n ** decimals;
      await (await currency.connect(client).faucet(amount)).wait();
      await (await currency.connect(client).approve(await treasury.getAddress(), amount)).wait();
      await (await treasury.connect(client).payIn(amount, encodePaymentReference(`RIVER-${period}`))).wait();
    }
    await (await ledger.connect(first).closePeriod()).wait();
  };
  await workPeriod("Small DisCO", 1);
  await workPeriod("River DisCO", 1);

  // Round 1: the demo's members found the federation and publish their profile.
  const profiles: SeededFederation["profiles"] = [];
  const profileDecision = (name: string) => {
    const entry = PROFILES.find((p) => p.disco === name);
    if (!entry) throw new Error(`No profile for ${name}`);
    const text = readFileSync(profilePath(entry.slug), "utf8");
    if (text !== profileText(profileDocument(entry.input))) {
      throw new Error(`${profilePath(entry.slug)} is not ${name}'s profile document: write profileText of its input`);
    }
    const uri = profileURI(entry.slug);
    profiles.push({ disco: name, uri, hash: profileHash(text) });
    return setProfileCall(membershipOf(name), uri, profileHash(text));
  };
  const charter = { name: FEDERATION.name, charterURI: FEDERATION.charterURI, charterHash: charterHash() };
  await enactTogether(clock, [
    {
      governor: governorOf("Demo DisCO"),
      proposer: person("Alice"),
      calls: combineDecisions([
        createFederationCall(factory.address as Address, { ...charter, votingPeriod: FEDERATION.votingPeriod }),
        profileDecision("Demo DisCO"),
      ]),
      voters: demoVoters,
    },
  ]);
  const [created] = await factoryContract.queryFilter(factoryContract.filters.FederationCreated());
  const fed: NamedAddress = { address: getAddress(created.args.federation), name: created.args.name };
  const federation = Federation__factory.connect(fed.address, deployer);

  await workPeriod("Small DisCO", 2);
  await workPeriod("River DisCO", 2);

  // Round 2: the demo names Alice its delegate; Small DisCO applies (naming its auditor, publishing its profile and
  // bounding its treasurers' trust), River DisCO applies.
  const smallAudit = AuditRegistry__factory.connect(small.contracts.audit.address, deployer);
  const auditor: DisCODecision = {
    calls: [
      {
        target: getAddress(small.contracts.audit.address),
        value: 0n,
        data: smallAudit.interface.encodeFunctionData("grantRole", [AUDITOR_ROLE, await address(smallAuditor)]) as Hex,
      },
    ],
    description: "Name our founder our auditor: they confirm or challenge our peers' check-ins",
  };
  await enactTogether(clock, [
    {
      governor: governorOf("Demo DisCO"),
      proposer: person("Alice"),
      calls: combineDecisions([
        setDelegateCall(fed, membershipOf("Demo DisCO"), { address: await address(1), name: "Alice" }),
      ]),
      voters: demoVoters,
    },
    {
      governor: governorOf("Small DisCO"),
      proposer: signer(smallTreasurer),
      calls: combineDecisions([
        applyToJoinCall(fed, "We host co-ops' websites and keep open books"),
        profileDecision("Small DisCO"),
        setTreasurerTrustBoundCall(fed, membershipOf("Small DisCO"), SMALL_TREASURER_BOUND),
        auditor,
      ]),
      voters: founders["Small DisCO"].map(signer),
    },
    {
      governor: governorOf("River DisCO"),
      proposer: signer(RIVER_FOUNDERS[0]),
      calls: combineDecisions([applyToJoinCall(fed, "We care for the river and keep open books")]),
      voters: RIVER_FOUNDERS.map(signer),
    },
  ]);

  // Alice votes for both applications as the demo's delegate; anyone executes them.
  for (const applied of await federation.queryFilter(federation.filters.Applied())) {
    const id = applied.args.proposalId;
    const [voteId, disco, support] = federationVoteArgs(id, membershipOf("Demo DisCO"), true);
    await (await federation.connect(person("Alice")).vote(voteId, disco, support)).wait();
    await (await federation.connect(deployer).execute(id)).wait();
  }

  // Round 3: trust by the members' votes.
  const trustBy = (from: SeededName) =>
    TRUST.filter(([f, , , treasurer]) => f === from && !treasurer).map(([, to, value]) =>
      setTrustCall(fed, membershipOf(from), named(to), value),
    );
  const MEMBERS = ["Demo DisCO", "Small DisCO", "River DisCO"] as const;
  await enactTogether(
    clock,
    MEMBERS.map((name) => decisionOf(discos[name], trustBy(name))),
  );

  // Small DisCO's treasurer sets its trust in River DisCO, within the members' bound.
  for (const [from, to, value] of TRUST.filter(([, , , treasurer]) => treasurer)) {
    const [f, t, v] = setTrustArgs(membershipOf(from), membershipOf(to), value);
    await (await federation.connect(signer(smallTreasurer)).setTrust(f, t, v)).wait();
  }

  // Check-ins: each member's treasurer checks in its two final periods, computed from its own logs; River DisCO's
  // treasurer inflates the second one's money in.
  const treasurers = Object.fromEntries(MEMBERS.map((name) => [name, discos[name].treasurer]));
  const computed = new Map<string, CheckIn[]>();
  for (const name of Object.keys(treasurers)) {
    computed.set(name, await checkInsOf(client, byName[name], CHECKED_IN_PERIODS));
  }
  const claimed = (name: string, period: number): CheckIn => {
    const honest = (computed.get(name) ?? [])[period - 1];
    if (name !== DISHONEST.disco || period !== DISHONEST.period) return honest;
    const inflated = BigInt(DISHONEST.inflatedBy) * 10n ** decimals;
    return { ...honest, figures: { ...honest.figures, moneyIn: honest.figures.moneyIn + inflated } };
  };
  for (const [name, treasurer] of Object.entries(treasurers)) {
    for (const period of CHECKED_IN_PERIODS) {
      const c = claimed(name, period);
      const figures = figuresTuple(c.figures);
      // ethers' struct types want a mutable array; the values are the same.
      const tuple = { ...figures, payable_: [...figures.payable_] as [bigint, bigint, bigint] };
      await (await federation.connect(treasurer).checkIn(membershipOf(name), period, c.digest, tuple)).wait();
    }
  }

  // Verdicts: Jun (the demo's auditor) and Small DisCO's auditor recompute each check-in from the DisCO's logs, and
  // confirm it or challenge the first figure that differs.
  const auditors: ReadonlyArray<readonly [string, Signer, readonly string[]]> = [
    ["Demo DisCO", person("Jun"), ["Small DisCO", "River DisCO"]],
    ["Small DisCO", signer(smallAuditor), ["Demo DisCO"]],
  ];
  const checkIns: SeededFederation["checkIns"] = [];
  for (const [peer, auditor, judged] of auditors) {
    for (const name of judged) {
      for (const period of CHECKED_IN_PERIODS) {
        const differs: FigureName[] = compareCheckIn(claimed(name, period), (computed.get(name) ?? [])[period - 1]);
        if (differs.length === 0) {
          const [confirmer, d, p] = confirmArgs(membershipOf(peer), membershipOf(name), period);
          await (await federation.connect(auditor).confirmCheckIn(confirmer, d, p)).wait();
          checkIns.push({ disco: name, period, verdict: `confirmed by ${peer}` });
        } else {
          const reason = `Recomputed from ${name}'s own logs, its check-in ${checkInVerdict(differs)}`;
          const [challenger, d, p, figure, why] = challengeArgs(
            membershipOf(peer),
            membershipOf(name),
            period,
            differs[0],
            reason,
          );
          await (await federation.connect(auditor).challengeCheckIn(challenger, d, p, figure, why)).wait();
          checkIns.push({ disco: name, period, verdict: `challenged by ${peer}: ${differs[0]}` });
        }
      }
    }
  }

  return {
    federation: { ...fed, blockNumber: created.blockNumber },
    members: [...MEMBERS],
    discos,
    checkIns,
    trust: TRUST,
    profiles,
  };
}

/**
 * Garden DisCO applies by its founder's vote, and Alice votes for its application as the demo's delegate. It is left
 * open: the seed makes it after every other round of votes (the federation's and its credit network's), and nothing
 * after it moves the clock by a voting period. Returns the application's id.
 */
export async function seedOpenApplication(seeded: SeededFederation, delegate: Signer, clock: Clock): Promise<bigint> {
  const fed = seeded.federation;
  await enactTogether(clock, [
    decisionOf(seeded.discos["Garden DisCO"], [
      applyToJoinCall(fed, "We grow food on common land and keep open books"),
    ]),
  ]);
  const federation = Federation__factory.connect(fed.address, delegate);
  const application = await federation.proposalCount();
  const demo = seeded.discos["Demo DisCO"].named.address;
  await (await federation.vote(...federationVoteArgs(application, demo, true))).wait();
  return application;
}
