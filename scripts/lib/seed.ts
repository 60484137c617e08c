import type { Signer } from "ethers";
import { ZeroAddress } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { parseUnits, type JsonRpcApiProvider } from "ethers";
import { createPublicClient, custom, type Address, type PublicClient } from "viem";
import {
  DemoEuro__factory,
  type AuditRegistry,
  type CapitalAccounts,
  type DisCOGovernor,
  type Membership,
  type Treasury,
  type ValueLedger,
} from "../../types/ethers-contracts/index.js";
import { auditHistory, connectViews, renderReport } from "@disco-ledger/sdk/audit";
import { yearCloseProposal } from "@disco-ledger/sdk/capital";
import { DEMO_PEOPLE, type DemoName } from "@disco-ledger/sdk/demo";
import { encodePaymentReference } from "@disco-ledger/sdk/format";
import type { Deployment } from "./deployments.ts";
import { loadHistory } from "@disco-ledger/sdk/history";
import { evidenceHash, parseAmount, Stream, type StreamName } from "@disco-ledger/sdk/ledger";
import { Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import {
  closeVoting,
  enact,
  openVoting,
  propose,
  relayBallot,
  signBallot,
  toProposalCalls,
  type Clock,
} from "./drive.ts";

/**
 * The members appoint Jun, an outside auditor, by a bylaw vote (a role grant takes the supermajority): the first
 * thing the demo does, so that its other votes keep their places on the clock.
 */
export async function seedAuditor(
  audit: AuditRegistry,
  governor: DisCOGovernor,
  signers: Signer[],
  clock: Clock,
): Promise<bigint> {
  const person = personIn(signers);
  const appoint = toProposalCalls({
    targets: [await audit.getAddress()],
    values: [0n],
    calldatas: [
      audit.interface.encodeFunctionData("grantRole", [await audit.AUDITOR_ROLE(), await person("Jun").getAddress()]),
    ],
    description: "Appoint Jun as our auditor: they may attest each closed period's books",
  });
  return enact(
    governor,
    clock,
    person("Carla"),
    appoint,
    (["Alice", "Bob", "Carla", "Dara"] as const).map((name) => [person(name), Support.For] as const),
  );
}

export interface DemoProposals {
  admitted: bigint;
  blocked: bigint;
}

/** The members' call to `membership` described as a proposal. */
const membershipCall = async (membership: Membership, description: string, data: string): Promise<ProposalCalls> =>
  toProposalCalls({
    targets: [await membership.getAddress()],
    values: [0n],
    calldatas: [data],
    description,
  });

/**
 * Brings a freshly deployed demo DisCO (ignition/parameters/localhost.json) to life: one finished vote that admits
 * Gus as a Dating member and one consent proposal blocked with a reason (seedOpenVote adds the open one last).
 */
export async function seedDemo(
  membership: Membership,
  governor: DisCOGovernor,
  signers: Signer[],
  clock: Clock,
): Promise<DemoProposals> {
  const person = personIn(signers);
  const address = (name: DemoName) => person(name).getAddress();
  const call = (description: string, data: string) => membershipCall(membership, description, data);

  const admitGus = await call(
    "Admit Gus as a Dating member (stage 1), mentored by Bob",
    membership.interface.encodeFunctionData("admit", [await address("Gus"), Stage.Dating1, 0, await address("Bob")]),
  );
  const admitted = await enact(governor, clock, person("Alice"), admitGus, [
    [person("Alice"), Support.For],
    [person("Bob"), Support.For],
    [person("Carla"), Support.For],
    [person("Dara"), Support.Against],
    [person("Eli"), Support.For],
  ]);

  const admitHana = await call(
    "[consent] Admit Hana as a Casual supporter",
    membership.interface.encodeFunctionData("admit", [await address("Hana"), Stage.Casual, 3, ZeroAddress]),
  );
  const blocked = await propose(governor, person("Bob"), admitHana);
  await openVoting(governor, clock, blocked);
  await (await governor.connect(person("Alice")).castVote(blocked, Support.For)).wait();
  await (await governor.connect(person("Bob")).castVote(blocked, Support.For)).wait();
  await (
    await governor
      .connect(person("Carla"))
      .castVoteWithReason(blocked, Support.Block, "We have not met Hana yet: invite her to a rhythm meeting first.")
  ).wait();
  await closeVoting(governor, clock, blocked);
  return { admitted, blocked };
}

/**
 * One open proposal with binding, advisory and signed votes already cast: the demo's last step, so that nothing
 * after it moves the clock past its deadline.
 */
export async function seedOpenVote(
  membership: Membership,
  governor: DisCOGovernor,
  signers: Signer[],
  clock: Clock,
): Promise<bigint> {
  const person = personIn(signers);
  const advanceEli = await membershipCall(
    membership,
    "Advance Eli to Dating stage 3",
    membership.interface.encodeFunctionData("changeStage", [
      await person("Eli").getAddress(),
      Stage.Dating3,
      await person("Alice").getAddress(),
    ]),
  );
  const open = await propose(governor, person("Alice"), advanceEli);
  await openVoting(governor, clock, open);
  await (await governor.connect(person("Alice")).castVote(open, Support.For)).wait();
  await (await governor.connect(person("Eli")).castVote(open, Support.For)).wait();
  const ballot = await signBallot(person("Bob"), governor, open, Support.For);
  await (await relayBallot(governor, person("Deployer"), ballot)).wait();
  return open;
}

/**
 * Moves the local chain's clock (evm_increaseTime, then evm_mine) past the review window of every closed period,
 * so that their totals are final: only then are they funded, closed into a year or attested.
 */
export async function passReviewWindow(ledger: ValueLedger, clock: Clock): Promise<void> {
  const closed = (await ledger.currentPeriod()) - 1n;
  if (closed < 1n) return;
  const provider = ledger.runner?.provider;
  if (!provider) throw new Error("the ledger is not connected to a node");
  const [{ finalAt }, latest] = await Promise.all([ledger.periodInfo(closed), provider.getBlock("latest")]);
  if (!latest) throw new Error("the node has no latest block");
  const now = BigInt(latest.timestamp);
  if (finalAt > now) await clock.increase(finalAt - now);
}

/** A demo person's signer, by name. */
export const personIn =
  (signers: Signer[]) =>
  (name: DemoName): Signer => {
    const person = DEMO_PEOPLE.find((p) => p.name === name);
    if (!person) throw new Error(`${name} is not one of the demo people`);
    return signers[person.index];
  };

/**
 * One piece of demo work: who, which stream, how much (credits or hours), its public note (what reviewers read), and
 * who approves it.
 */
type Work = readonly [DemoName, StreamName, string, string, DemoName];

/** Two months of a small translation and media co-op's work, then the month in progress. */
export const CLOSED_PERIODS: ReadonlyArray<ReadonlyArray<Work>> = [
  [
    ["Alice", "Livelihood", "2400", "Translation for the Commons Network report", "Bob"],
    ["Alice", "Love", "300", "Glossary of commons terms, English–Catalan", "Carla"],
    ["Alice", "Care", "12", "Onboarding a new member", "Carla"],
    ["Bob", "Livelihood", "1800", "Subtitles for the cooperative film", "Alice"],
    ["Bob", "Love", "500", "Maintaining the translation memory", "Dara"],
    ["Bob", "Care", "8.5", "Bookkeeping and the monthly rhythm", "Alice"],
    ["Carla", "Livelihood", "900", "Editing the housing guide", "Dara"],
    ["Carla", "Love", "1200", "Free translations for a feminist archive", "Alice"],
    ["Carla", "Care", "20", "Facilitating the monthly rhythm", "Bob"],
    ["Dara", "Livelihood", "1500", "Client account: the food co-op", "Carla"],
    ["Dara", "Care", "4", "Conflict mediation", "Bob"],
    ["Eli", "Livelihood", "1000", "Proofreading the housing guide", "Alice"],
    ["Eli", "Love", "200", "Translated the March newsletter into Catalan", "Bob"],
    ["Eli", "Care", "6", "Mentoring sessions", "Alice"],
    ["Fran", "Love", "150", "Event volunteering", "Carla"],
    ["Fran", "Care", "3", "Cooking for the assembly", "Dara"],
    ["Iris", "Livelihood", "800", "Layout of the housing guide", "Carla"],
    ["Iris", "Love", "120", "Translating the co-op's bylaws", "Bob"],
  ],
  [
    ["Alice", "Livelihood", "2100", "Translation for the Commons Network, part 2", "Dara"],
    ["Alice", "Care", "10.25", "Mentoring our two newest members", "Bob"],
    ["Bob", "Livelihood", "2000", "Subtitles, second batch", "Carla"],
    ["Bob", "Love", "350", "Open-source style guide", "Alice"],
    ["Carla", "Livelihood", "1100", "Editing the housing guide, final", "Alice"],
    ["Carla", "Care", "16", "Facilitating the monthly rhythm", "Dara"],
    ["Dara", "Livelihood", "1700", "Client account: the food co-op", "Bob"],
    ["Dara", "Love", "400", "Pro-bono interpreting at the assembly", "Carla"],
    ["Eli", "Livelihood", "1200", "Proofreading the film subtitles", "Bob"],
    ["Eli", "Care", "5.5", "Care circle", "Carla"],
    ["Gus", "Livelihood", "600", "Research for the housing guide", "Alice"],
    ["Gus", "Love", "100", "Wiki translations", "Dara"],
  ],
];

export interface DemoLedger {
  closedPeriods: number[];
  openPeriod: number;
  pending: bigint[];
  disputed: bigint[];
}

/**
 * Two closed periods of work across the three streams, each entry approved by a Committed member other than its
 * author; then, in the open period, one counted entry, pending ones awaiting review and one under dispute.
 */
export async function seedLedger(ledger: ValueLedger, signers: Signer[]): Promise<DemoLedger> {
  const person = personIn(signers);
  const log = async (name: DemoName, stream: StreamName, amount: string, note: string) => {
    const period = await ledger.currentPeriod();
    // The evidence kept off-chain (here a made-up reference to it); the note is what everyone reads.
    const evidence = evidenceHash(`${period}/${name}/${note}`);
    const tx = await ledger.connect(person(name)).logWork(Stream[stream], parseAmount(amount), period, evidence, note);
    await tx.wait();
    return ledger.entryCount();
  };

  const closedPeriods: number[] = [];
  for (const work of CLOSED_PERIODS) {
    for (const [author, stream, amount, note, approver] of work) {
      const entryId = await log(author, stream, amount, note);
      await (await ledger.connect(person(approver)).approve(entryId)).wait();
    }
    closedPeriods.push(Number(await ledger.currentPeriod()));
    await (await ledger.connect(person("Bob")).closePeriod()).wait();
  }

  const counted = await log("Alice", "Livelihood", "1900", "Translation for the Commons Network, part 3");
  await (await ledger.connect(person("Carla")).approve(counted)).wait();
  const pending = [
    await log("Bob", "Care", "9", "Bookkeeping and the monthly rhythm"),
    await log("Gus", "Love", "250", "Glossary update, see https://wiki.example.org/glossary"),
    await log("Fran", "Care", "2.75", "Cooking for the assembly"),
  ];
  const disputed = await log("Eli", "Livelihood", "3200", "Proofreading the publisher's whole catalogue");
  await (
    await ledger.connect(person("Dara")).dispute(disputed, "No client invoice for this yet; let's look at it together.")
  ).wait();
  return { closedPeriods, openPeriod: Number(await ledger.currentPeriod()), pending, disputed: [disputed] };
}

/** Client payments into the treasury: who pays (a demo person), how much (euros) and the invoice. */
export const PAYMENTS = [
  ["Client", "10000", "INV-2026-09"],
  ["Client", "9500", "INV-2026-10"],
] as const;

/** Each closed period's funding (euros), as the treasurer sets it from the month's Net Available Liquidity. */
export const FUNDINGS = [
  [1, "8000"],
  [2, "7500"],
] as const;

export interface DemoTreasury {
  funded: number[];
  claims: Array<{ name: DemoName; periods: number[] }>;
}

/**
 * A client pays two invoices in, the treasurer funds both closed periods, and two members claim: Alice both
 * periods in one call, Carla the first. The rest stays claimable.
 */
export async function seedTreasury(treasury: Treasury, signers: Signer[]): Promise<DemoTreasury> {
  const person = personIn(signers);
  const currency = DemoEuro__factory.connect(await treasury.currency(), signers[0]);
  const decimals = await currency.decimals();
  for (const [payer, euros, invoice] of PAYMENTS) {
    const amount = parseUnits(euros, decimals);
    await (await currency.connect(person(payer)).faucet(amount)).wait();
    await (await currency.connect(person(payer)).approve(await treasury.getAddress(), amount)).wait();
    await (await treasury.connect(person(payer)).payIn(amount, encodePaymentReference(invoice))).wait();
  }
  for (const [period, euros] of FUNDINGS) {
    await (await treasury.connect(person("Bob")).fundPeriod(period, parseUnits(euros, decimals))).wait();
  }
  const claims: DemoTreasury["claims"] = [
    { name: "Alice", periods: [1, 2] },
    { name: "Carla", periods: [1] },
  ];
  for (const { name, periods } of claims) await (await treasury.connect(person(name)).claim(periods)).wait();
  return { funded: FUNDINGS.map(([period]) => period), claims };
}

/** Members who pay the joining contribution in the demo. */
export const CONTRIBUTORS: readonly DemoName[] = ["Alice", "Bob", "Carla", "Dara", "Eli", "Fran", "Iris"];

/** The demo's first year: the two closed periods, and the surplus the members approve (euros). */
export const YEAR_ONE = { lastPeriod: 2, surplus: "3000" } as const;

/** Who claims their patronage cash, and who leaves and starts their redemption. */
export const CASH_CLAIMS: readonly DemoName[] = ["Alice", "Carla"];
export const LEAVER: DemoName = "Iris";

export interface DemoCapital {
  contributors: readonly DemoName[];
  year: number;
  /** The members' proposal that approved the year's accounts. */
  yearClose: bigint;
  cashClaims: readonly DemoName[];
  leaver: DemoName;
}

/**
 * Capital accounts: seven members pay the joining contribution; Bob, the treasurer, proposes the first year's
 * accounts (the two final periods, with a surplus) and the Committed members approve them, executed through the
 * timelock; Alice and Carla claim their patronage cash; Iris leaves the DisCO and starts the redemption of her
 * account (contribution and retained patronage): one schedule, paid in instalments over the revolving period. Her
 * patronage cash stays hers to claim.
 */
export async function seedCapital(
  capital: CapitalAccounts,
  membership: Membership,
  governor: DisCOGovernor,
  signers: Signer[],
  clock: Clock,
): Promise<DemoCapital> {
  const person = personIn(signers);
  const currency = DemoEuro__factory.connect(await capital.currency(), signers[0]);
  const { contribution } = await capital.settings();
  for (const name of CONTRIBUTORS) {
    await (await currency.connect(person(name)).faucet(contribution)).wait();
    await (await currency.connect(person(name)).approve(await capital.getAddress(), contribution)).wait();
    await (await capital.connect(person(name)).contribute()).wait();
  }
  const surplus = parseUnits(YEAR_ONE.surplus, await currency.decimals());
  const accounts = yearCloseProposal(
    (await capital.getAddress()) as Address,
    YEAR_ONE.lastPeriod,
    surplus,
    `${YEAR_ONE.surplus} ${await currency.symbol()}`,
  );
  const yearClose = await enact(
    governor,
    clock,
    person("Bob"),
    accounts,
    (["Alice", "Bob", "Carla", "Dara"] as const).map((name) => [person(name), Support.For] as const),
  );
  for (const name of CASH_CLAIMS) await (await capital.connect(person(name)).claimCash()).wait();
  await (await membership.connect(person(LEAVER)).leave()).wait();
  await (await capital.connect(person(LEAVER)).startRedemption(await person(LEAVER).getAddress())).wait();
  return {
    contributors: CONTRIBUTORS,
    year: Number(await capital.yearCount()),
    yearClose,
    cashClaims: CASH_CLAIMS,
    leaver: LEAVER,
  };
}

/** The demo DisCO's contracts and deployment, as deployDisCO returns them. */
export interface DemoContracts {
  deployment: Deployment;
  membership: Membership;
  governor: DisCOGovernor;
  ledger: ValueLedger;
  treasury: Treasury;
  capital: CapitalAccounts;
  audit: AuditRegistry;
}

/** The period whose books Jun audits in the demo: the first, closed and funded. */
export const AUDITED_PERIOD = 1;

/** The SDK reads through viem: a client on the signer's node, by its provider's JSON-RPC. */
export function viemClientOf(signer: Signer): PublicClient {
  const provider = signer.provider;
  if (!provider) throw new Error("the signers are not connected to a node");
  const rpc = provider as JsonRpcApiProvider;
  return createPublicClient({
    transport: custom({ request: ({ method, params }) => rpc.send(method, params ?? []) }),
  });
}

/**
 * Jun audits the demo as `npm run audit` does (the history rebuilt from the logs, reconciled with the views) and
 * attests the first period's books by their hash; refuses if the audit found anything wrong.
 */
export async function seedAttestation(
  deployment: Deployment,
  audit: AuditRegistry,
  signers: Signer[],
): Promise<{ period: number; hash: string }> {
  const client = viemClientOf(signers[0]);
  const { state, snapshot } = await loadHistory(client, deployment);
  const report = await auditHistory(state, connectViews(deployment, client), {
    deployment,
    toBlock: snapshot.lastBlock,
    dates: false,
  });
  const books = report.periods.find((p) => p.period === AUDITED_PERIOD);
  if (!report.summary.ok || !books?.hash) throw new Error(`The demo's audit failed:\n${renderReport(report)}`);
  await (await audit.connect(personIn(signers)("Jun")).attest(AUDITED_PERIOD, books.hash, "")).wait();
  return { period: AUDITED_PERIOD, hash: books.hash };
}

/**
 * The demo's books, in order: the auditor's appointment, the votes, two months of work and an open one; the review
 * window passes; their funding and claims, the members' approval of the first year's accounts and a leaver, the
 * audit of the first period. Everything but the open vote (seedOpenVote), which comes last.
 */
export async function seedBooks(contracts: DemoContracts, signers: Signer[], clock: Clock) {
  const { deployment, membership, governor, ledger, treasury, capital, audit } = contracts;
  const auditor = await seedAuditor(audit, governor, signers, clock);
  const decided = await seedDemo(membership, governor, signers, clock);
  const work = await seedLedger(ledger, signers);
  await passReviewWindow(ledger, clock);
  const money = await seedTreasury(treasury, signers);
  const accounts = await seedCapital(capital, membership, governor, signers, clock);
  const attestation = await seedAttestation(deployment, audit, signers);
  return { proposals: { auditor, ...decided, yearClose: accounts.yearClose }, work, money, accounts, attestation };
}

/**
 * The whole demo DisCO: its books, then the open vote. `npm start` seeds its federation between the two
 * (scripts/seed.ts), since the federation's rounds of votes move the clock.
 */
export async function seedAll(contracts: DemoContracts, signers: Signer[], clock: Clock) {
  const seeded = await seedBooks(contracts, signers, clock);
  const open = await seedOpenVote(contracts.membership, contracts.governor, signers, clock);
  return { ...seeded, proposals: { ...seeded.proposals, open } };
}
