import { parseUnits, ZeroAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { DEFAULT_CAPITAL_SETTINGS, DEFAULT_LEDGER_SETTINGS, Stage } from "../../../ignition/modules/DisCO.ts";
import {
  CapitalAccounts__factory,
  Membership__factory,
  Treasury__factory,
} from "../../../types/ethers-contracts/index.js";
import { deployDisCO } from "../deploy.ts";
import { proposalIdOf, Support, type ProposalCalls } from "@disco-ledger/sdk/governance";
import { closeVoting, execute, openVoting, queue, relayBallot, signBallot, toProposalCalls } from "../drive.ts";
import { evidenceHash, Stream } from "@disco-ledger/sdk/ledger";
import { admitAll, crowd, gasOf, sent, WORKER, type Progress } from "./chain.ts";
import { CREATE_FOUNDERS, createGas } from "./replication.ts";
import { measureCredit } from "./credit.ts";
import { measureFederation } from "./federation.ts";

/** The DisCO's calls the benchmark measures, in the order of the `--json` output. */
export const DISCO_OPS = [
  "createDisCO",
  "castVote",
  "castVoteBySig",
  "propose",
  "execute",
  "admit",
  "logEntry",
  "approveEntry",
  "closePeriod",
  "fundPeriod",
  "claim1",
  "claim3",
  "closeYear",
  "redeem",
  "checkIn",
  "confirmCheckIn",
  "setTrust",
  "creditPay1",
  "creditPay3",
  "setCreditLine",
  "clearCycle3",
] as const;
export type DisCOOp = (typeof DISCO_OPS)[number];
export type DisCOGas = Record<DisCOOp, number>;

/**
 * The situation each figure is measured in: the same at every size, and the usual one rather than a first-ever
 * write (which costs a fresh storage slot once per member or per DisCO). The report prints it under its table.
 */
export const SITUATIONS: Record<DisCOOp, string> = {
  castVote: "a binding For vote on the admission proposal, after another member of the same 64-member receipt word",
  castVoteBySig: "the same, signed by a member (their second signed vote) and relayed by someone else",
  propose: "the admission proposal (one call to Membership.admit), not the DisCO's first proposal",
  execute: "executing a passed proposal that pays a supplier from the treasury (Treasury.spend)",
  admit: "executing the passed admission proposal: the timelock admits a new Committed member",
  logEntry: "a member's first entry of a month (month 2), after another member's entry that month",
  approveEntry: "the approval that counts that entry (the month's totals already written by others)",
  closePeriod: "the treasurer closes month 2",
  fundPeriod: "the treasurer funds month 2 once final (month 1 already funded)",
  claim1: "a member claims one month's payout (month 2), already holding the currency from an earlier claim",
  claim3: "the same member claims months 3-5 in one call",
  closeYear: "executing the members' approval of a 5-month year with a surplus (it reads each month's totals)",
  redeem: "a former member's first redemption instalment, a year after it started",
  checkIn: "a federated DisCO's treasurer checks in its second final period (its check-in word already written)",
  confirmCheckIn: "a second peer DisCO's auditor confirms that check-in (the verdict word already written)",
  setTrust: "a DisCO's executed vote changes its trust in a fellow member of the federation",
  creditPay1: "a DisCO's executed vote pays a fellow member in mutual credit, its second payment on that line",
  creditPay3: "the same along a path of three lines (every pair's balance already non-zero)",
  setCreditLine: "a DisCO's executed vote changes the credit line it extends to a fellow member",
  clearCycle3: "anyone clears a cycle of three debts (none cleared to zero)",
  createDisCO: `a DisCO of ${CREATE_FOUNDERS} founders (half Committed, half Dating 1) and the default rules, from the factory`,
};

const DAY = 24 * 3600;
const YEAR = 365 * DAY;
const EURO = parseUnits("1", 6);
/** Months of work, each closed and funded; month 2 is the measured one. */
const MONTHS = 5;
const MEASURED_MONTH = 2;
const MONTHLY_FUNDING = 1_000n * EURO;
const SURPLUS = 1_000n * EURO;
const RENT = 100n * EURO;
const CONTRIBUTION = 250n * EURO;
/** Everything paid into the treasury: the months' funding, the year's surplus and the supplier's bill. */
const PAID_IN = BigInt(MONTHS) * MONTHLY_FUNDING + SURPLUS + RENT;
const EVIDENCE = evidenceHash("bench timesheet");

/** The addresses the two proposals use, so that the baseline governor can be given proposals of the same shape. */
export interface ProposalTargets {
  membership: string;
  treasury: string;
  newcomer: string;
  supplier: string;
}

/**
 * The two proposals of the benchmark: pay a supplier (measured as `execute`) and admit a newcomer (measured as
 * `propose`, `castVote`, `castVoteBySig` and, executed, `admit`).
 */
export function benchProposals(targets: ProposalTargets): { spend: ProposalCalls; admission: ProposalCalls } {
  return {
    spend: toProposalCalls({
      targets: [targets.treasury],
      values: [0n],
      calldatas: [
        Treasury__factory.createInterface().encodeFunctionData("spend", [targets.supplier, RENT, "Server rent"]),
      ],
      description: "Pay the server rent",
    }),
    admission: toProposalCalls({
      targets: [targets.membership],
      values: [0n],
      calldatas: [
        Membership__factory.createInterface().encodeFunctionData("admit", [
          targets.newcomer,
          Stage.Committed,
          WORKER,
          ZeroAddress,
        ]),
      ],
      description: "Admit a new Committed worker",
    }),
  };
}

/**
 * Deploys a fresh DisCO on `connection` (a new in-process chain) with `members` members, takes it through five
 * months of work, payouts, two votes and a year close, and returns the gas of each measured call.
 *
 * People (Hardhat's dev accounts): alice, bob (the treasurer), carol, dave and the claimant are founding Committed
 * workers; the rest of the members are a crowd admitted one vote at a time. The payer pays money in, the relayer
 * relays dave's signed votes; the newcomer is admitted by the vote; the supplier is paid by the other.
 */
export async function measureDisCO(
  connection: NetworkConnection,
  members: number,
  progress: Progress,
): Promise<{ gas: DisCOGas; targets: ProposalTargets }> {
  const { ethers, networkHelpers } = connection;
  const [relayer, alice, bob, carol, dave, claimant, payer, newcomer, supplier] = await ethers.getSigners();
  const founders = [alice, bob, carol, dave, claimant].map((signer) => ({
    account: signer.address,
    stage: Stage.Committed,
    constituency: WORKER,
    mentor: ZeroAddress,
  }));
  if (members < founders.length) throw new Error(`A benchmark DisCO has at least ${founders.length} members`);

  const { membership, ledger, treasury, capital, governor, timelock, chain } = await deployDisCO(connection, {
    name: "Benchmark DisCO",
    founders,
    treasurers: [bob.address],
    capitalSettings: { ...DEFAULT_CAPITAL_SETTINGS, contribution: CONTRIBUTION },
    // One binding vote is quorum at every size, so that three voters pass a proposal among 10,000 members. The
    // quorum's value changes no measured call: each reads the same checkpoints whatever the fraction.
    governorSettings: {
      votingDelay: DAY,
      votingPeriod: 7 * DAY,
      proposalThreshold: 1,
      quorumBps: 1,
      supermajorityNumerator: 2,
      supermajorityDenominator: 3,
    },
  });
  const createDisCO = await createGas(connection, chain.factory.address, await treasury.currency());
  progress(`deployed; admitting ${members - founders.length} members`);
  await admitAll(connection, membership, await timelock.getAddress(), crowd("disco member", members - founders.length));
  if ((await membership.memberCount()) !== BigInt(members)) throw new Error("The crowd was not admitted");
  const token = await ethers.getContractAt("DemoEuro", await treasury.currency());
  const gas: Partial<DisCOGas> = { createDisCO };

  progress("ledger, treasury and capital");
  await sent(token.connect(claimant).faucet(CONTRIBUTION));
  await sent(token.connect(claimant).approve(await capital.getAddress(), CONTRIBUTION));
  await sent(capital.connect(claimant).contribute());
  for (let month = 1; month <= MONTHS; month++) {
    await sent(ledger.connect(alice).logWork(Stream.Livelihood, 300_00, month, EVIDENCE, ""));
    await sent(ledger.connect(bob).approve(await ledger.entryCount()));
    const logEntry = await gasOf(ledger.connect(claimant).logWork(Stream.Livelihood, 100_00, month, EVIDENCE, ""));
    const approveEntry = await gasOf(ledger.connect(alice).approve(await ledger.entryCount()));
    const closePeriod = await gasOf(ledger.connect(bob).closePeriod());
    if (month === MEASURED_MONTH) Object.assign(gas, { logEntry, approveEntry, closePeriod });
  }
  // Every month is funded once its review window is over.
  await networkHelpers.time.increase(DEFAULT_LEDGER_SETTINGS.reviewWindow);
  await sent(token.connect(payer).faucet(PAID_IN));
  await sent(token.connect(payer).approve(await treasury.getAddress(), PAID_IN));
  await sent(treasury.connect(payer).payIn(PAID_IN, evidenceHash("invoice")));
  for (let month = 1; month <= MONTHS; month++) {
    const fundPeriod = await gasOf(treasury.connect(bob).fundPeriod(month, MONTHLY_FUNDING));
    if (month === MEASURED_MONTH) gas.fundPeriod = fundPeriod;
  }
  await sent(treasury.connect(claimant).claim([1]));
  gas.claim1 = await gasOf(treasury.connect(claimant).claim([MEASURED_MONTH]));
  gas.claim3 = await gasOf(treasury.connect(claimant).claim([3, 4, 5]));

  progress("governance");
  const targets: ProposalTargets = {
    membership: await membership.getAddress(),
    treasury: await treasury.getAddress(),
    newcomer: newcomer.address,
    supplier: supplier.address,
  };
  const { spend, admission } = benchProposals(targets);
  // The year's accounts, prepared by the treasurer and approved by the members (a Standard decision).
  const yearClose = toProposalCalls({
    targets: [await capital.getAddress()],
    values: [0n],
    calldatas: [CapitalAccounts__factory.createInterface().encodeFunctionData("closeYear", [MONTHS, SURPLUS])],
    description: `Approve the accounts of months 1-${MONTHS}`,
  });
  // The proposals go through the same steps, the spending one first: the admission's propose is not the DisCO's
  // first, and dave's signature on it is not his first (a first one creates his nonce's slot).
  const proposals = [spend, admission, yearClose];
  const ids = await Promise.all(proposals.map((calls) => proposalIdOf(calls)));
  for (const calls of proposals) {
    const proposed = await gasOf(
      governor.connect(alice).propose(calls.targets, calls.values, calls.calldatas, calls.description),
    );
    if (calls === admission) gas.propose = proposed;
  }
  const last = ids[ids.length - 1];
  await openVoting(governor, networkHelpers.time, last);
  for (const [i, id] of ids.entries()) {
    await sent(governor.connect(alice).castVote(id, Support.For));
    const castVote = await gasOf(governor.connect(carol).castVote(id, Support.For));
    const castVoteBySig = await gasOf(
      relayBallot(governor, relayer, await signBallot(dave, governor, id, Support.For)),
    );
    if (proposals[i] === admission) Object.assign(gas, { castVote, castVoteBySig });
  }
  await closeVoting(governor, networkHelpers.time, last);
  for (const calls of proposals) await sent(queue(governor, alice, calls));
  await networkHelpers.time.increase((await governor.proposalEta(last)) - (await governor.clock()));
  gas.execute = await gasOf(execute(governor, alice, spend));
  gas.admit = await gasOf(execute(governor, alice, admission));
  if (!(await membership.isMember(newcomer.address))) throw new Error("The admission vote did not admit");

  progress("year close and redemption");
  gas.closeYear = await gasOf(execute(governor, bob, yearClose));
  await sent(capital.connect(alice).settle(claimant.address));
  await sent(capital.connect(claimant).claimCash());
  await sent(membership.connect(claimant).leave());
  await sent(capital.connect(alice).startRedemption(claimant.address));
  await networkHelpers.time.increase(YEAR);
  gas.redeem = await gasOf(capital.connect(claimant).redeem());

  progress("a federation of three DisCOs beside it");
  const federation = await measureFederation(connection, 3, false);
  Object.assign(gas, {
    checkIn: federation.checkIn.gas,
    confirmCheckIn: federation.confirmCheckIn?.gas,
    setTrust: federation.setTrustByTimelock.gas,
  });

  progress("a federation's mutual credit beside it");
  const credit = await measureCredit(connection, 10);
  Object.assign(gas, {
    creditPay1: credit.creditPay1.gas,
    creditPay3: credit.creditPay3.gas,
    setCreditLine: credit.setCreditLine.gas,
    clearCycle3: credit.clearCycle3.gas,
  });

  for (const op of DISCO_OPS) if (gas[op] === undefined) throw new Error(`${op} was not measured`);
  return { gas: gas as DisCOGas, targets };
}
