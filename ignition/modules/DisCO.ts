import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";

/** Stage numbers as IMembership.Stage orders them. */
export const Stage = {
  None: 0,
  Casual: 1,
  Dating1: 2,
  Dating2: 3,
  Dating3: 4,
  Committed: 5,
} as const;
export type StageName = keyof typeof Stage;

// A type alias, not an interface, so that Ignition accepts it as a parameter value.
export type Founder = {
  account: string;
  stage: number;
  constituency: number;
  mentor: string;
};

/**
 * The ledger's settings unless the parameters say otherwise: DESIGN.md's defaults. Weights per stage (Casual,
 * Dating 1-3, Committed) and stream (Livelihood, Love, Care) in basis points: GT's Dating livelihood at 0/50/75%,
 * Dating care historical only, Casual work historical only. 400 credits over 3 periods is GT's minimum.
 */
export const DEFAULT_LEDGER_SETTINGS = {
  weights: [
    [0, 0, 0],
    [0, 10_000, 0],
    [5_000, 10_000, 0],
    [7_500, 10_000, 0],
    [10_000, 10_000, 10_000],
  ],
  caps: [0, 0, 0],
  approvalsRequired: 1,
  minimumCredits: 40_000,
  minimumPeriods: 3,
  // DESIGN.md's review window: every counted entry stays disputable for 3 days before its period is final.
  reviewWindow: 3 * 24 * 3600,
};

/** Patronage measured in livelihood and love payable credits, or in care payable hours (ICapitalAccounts). */
export const PatronageBasis = { Credits: 0, Hours: 1 } as const;

const YEAR = 365 * 24 * 3600;

/**
 * The capital accounts' rules unless the parameters say otherwise: DESIGN.md's sources. No joining contribution
 * (its amount depends on the currency's decimals: the parameters set it, as localhost.json does with Obran's 250),
 * 25% of one to the indivisible reserve (Mondragon); of a year's surplus 30% to the reserve and 10% to the commons
 * fund, the rest as patronage by credits, 20% of it in cash (US Subchapter T's minimum); no interest, capped at 7%
 * (Mondragon); redemption in 3 yearly instalments (CoLab's 3-year revolving period).
 */
export const DEFAULT_CAPITAL_SETTINGS = {
  contribution: 0,
  contributionReserveBps: 2_500,
  reserveBps: 3_000,
  commonsBps: 1_000,
  cashBps: 2_000,
  interestBps: 0,
  interestCapBps: 700,
  basis: PatronageBasis.Credits,
  instalments: 3,
  revolvingPeriod: 3 * YEAR,
};

const DEFAULT_ADMIN_ROLE = `0x${"00".repeat(32)}`;
const role = (name: string) => id(name);
const selector = (signature: string) => id(signature).slice(0, 10);

/**
 * The whole DisCO in one module: timelock, membership with its founders, value ledger and treasury (in the
 * `currency` token, with the capital accounts it creates) with their founding treasurers, audit registry (auditors
 * are named later, by a vote), governor. When it finishes, the timelock
 * alone holds every right (the deployer renounces its temporary timelock admin) and only the governor proposes,
 * cancels and executes through it.
 */
export default buildModule("DisCO", (m) => {
  const deployer = m.getAccount(0);

  const membershipName = m.getParameter<string>("membershipName", "DisCO Membership");
  const governorName = m.getParameter<string>("governorName", "DisCO Governor");
  const symbol = m.getParameter<string>("symbol", "DISCO");
  const constituencies = m.getParameter<string[]>("constituencies", [
    "worker",
    "community",
    "client",
    "supporter",
    "backer",
  ]);
  const founders = m.getParameter<Founder[]>("founders");
  const timelockDelay = m.getParameter<number>("timelockDelay", 2 * 24 * 3600);
  const settings = m.getParameter("governorSettings", {
    votingDelay: 24 * 3600,
    votingPeriod: 7 * 24 * 3600,
    proposalThreshold: 1,
    quorumBps: 5000,
    supermajorityNumerator: 2,
    supermajorityDenominator: 3,
  });

  const treasurers = m.getParameter<string[]>("treasurers", []);
  const ledgerSettings = m.getParameter("ledgerSettings", DEFAULT_LEDGER_SETTINGS);
  const currency = m.getParameter<string>("currency");
  // Livelihood 75%, love 25%, care 0%: DisCO v3.5's default split of a period's payouts.
  const buckets = m.getParameter<number[]>("buckets", [7_500, 2_500, 0]);
  const capitalSettings = m.getParameter("capitalSettings", DEFAULT_CAPITAL_SETTINGS);
  // The highest ratio between the best and the worst paid hour of a period's livelihood work, times 100:
  // Mondragon's 6:1 unless the members choose otherwise (GT's committed members keep 1:1, that is 100).
  const wageRatioCap = m.getParameter<number>("wageRatioCap", 600);

  const timelock = m.contract("TimelockController", [timelockDelay, [], [], deployer]);
  const membership = m.contract("Membership", [membershipName, symbol, timelock, constituencies, founders]);
  const ledger = m.contract("ValueLedger", [membership, timelock, treasurers, ledgerSettings]);
  const ledgerBylaws = [
    "grantRole(bytes32,address)",
    "revokeRole(bytes32,address)",
    "renounceRole(bytes32,address)",
    "setWeight(uint8,uint8,uint16)",
    "setCap(uint8,uint64)",
    "setApprovalsRequired(uint8)",
    "setMinimumContribution(uint64,uint8)",
    "setReviewWindow(uint48)",
  ];
  const treasury = m.contract("Treasury", [currency, ledger, timelock, treasurers, buckets, capitalSettings]);
  const capital = m.contractAt("CapitalAccounts", m.staticCall(treasury, "capital"), { id: "CapitalAccounts" });
  const treasuryBylaws = [
    "grantRole(bytes32,address)",
    "revokeRole(bytes32,address)",
    "renounceRole(bytes32,address)",
    "setBuckets(uint16[3])",
  ];
  const capitalBylaws = [
    "grantRole(bytes32,address)",
    "revokeRole(bytes32,address)",
    "renounceRole(bytes32,address)",
    "setSettings((uint128,uint16,uint16,uint16,uint16,uint16,uint16,uint8,uint8,uint48))",
    // A loss year releases the indivisible reserve and members' capital: a bylaw (DESIGN.md's decision table).
    "closeYearAtLoss(uint32,uint256)",
  ];
  const audit = m.contract("AuditRegistry", [ledger, timelock, wageRatioCap]);
  const auditBylaws = [
    "grantRole(bytes32,address)",
    "revokeRole(bytes32,address)",
    "renounceRole(bytes32,address)",
    "setWageRatioCap(uint16)",
  ];
  const governor = m.contract("DisCOGovernor", [
    governorName,
    membership,
    timelock,
    settings,
    [
      membership,
      membership,
      membership,
      membership,
      ...ledgerBylaws.map(() => ledger),
      ...treasuryBylaws.map(() => treasury),
      ...capitalBylaws.map(() => capital),
      ...auditBylaws.map(() => audit),
    ],
    [
      selector("grantRole(bytes32,address)"),
      selector("revokeRole(bytes32,address)"),
      selector("renounceRole(bytes32,address)"),
      selector("setConstituencyName(uint8,string)"),
      ...ledgerBylaws.map(selector),
      ...treasuryBylaws.map(selector),
      ...capitalBylaws.map(selector),
      ...auditBylaws.map(selector),
    ],
  ]);

  const proposer = m.call(timelock, "grantRole", [role("PROPOSER_ROLE"), governor], { id: "grantProposer" });
  const canceller = m.call(timelock, "grantRole", [role("CANCELLER_ROLE"), governor], { id: "grantCanceller" });
  const executor = m.call(timelock, "grantRole", [role("EXECUTOR_ROLE"), governor], { id: "grantExecutor" });
  m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
    id: "renounceAdmin",
    after: [proposer, canceller, executor],
  });

  return { timelock, membership, ledger, treasury, capital, audit, governor };
});
