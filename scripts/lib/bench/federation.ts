import { getBytes, id, ZeroAddress, type ContractTransactionResponse, type Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Stage } from "../../../ignition/modules/DisCO.ts";
import { factoryParamsForEthers } from "../deploy.ts";
import type { DisCOFactory, Federation } from "../../../types/ethers-contracts/index.js";
import { deployFactory } from "./factory.ts";
import type { IFederation } from "../../../types/ethers-contracts/contracts/federation/Federation.js";
import type { BenchSection } from "./sections.ts";
import { createPublicClient, custom, getAddress } from "viem";
import { discoverDisCOs, type FactoryChain } from "@disco-ledger/sdk/discovery";
import { figuresTuple, type CheckIn } from "@disco-ledger/sdk/federation";
import { checkInsOf } from "../checkins.ts";

/*
 * The federation's hot paths in receipt gas (issue 16), in the usual case: a DisCO's second check-in (its bitmap word
 * already written), a second peer's confirmation (its verdict word already written), a change of an existing trust
 * value by the DisCO's timelock (its executed vote) and by a treasurer within their bound. DESIGN.md: each the same
 * from 2 to 1,000 member DisCOs. A DisCO acts as its executed vote does: from its timelock (impersonated).
 */

/** Member DisCOs the benchmark measures at. */
export const FEDERATION_SIZES = [2, 10, 100, 1000];
/** DESIGN.md's and issue 16's targets. */
export const FEDERATION_TARGETS = { checkIn: 60_000, confirmCheckIn: 50_000, setTrust: 50_000 } as const;

const DAY = 24 * 3600;
const TREASURER_ROLE = id("TREASURER_ROLE");
const AUDITOR_ROLE = id("AUDITOR_ROLE");
/** The ledger's default review window: a closed period is final after it. */
const REVIEW_WINDOW = 3 * DAY;
const MONTH = 30 * DAY;
const FIGURES: IFederation.FiguresStruct = {
  members: 11,
  bindingMembers: 6,
  payable_: [1_200n, 300n, 40n],
  moneyIn: 5_000n,
  moneyOut: 4_200n,
  creditIn: 150_000n,
  creditOut: 82_050n,
};

/** A call's receipt gas, and the same less its calldata's cost (4 a zero byte, 16 another), which varies with the
 * addresses involved and not with the federation's size. */
export interface Gas {
  gas: number;
  execution: number;
}

/** What measureFederation gives. `confirmCheckIn` needs two peers: a federation of two has one. */
export interface FederationGas {
  checkIn: Gas;
  firstVerdict: Gas;
  confirmCheckIn?: Gas;
  setTrustByTimelock: Gas;
  setTrustByTreasurer: Gas;
}

export async function measure(tx: Promise<ContractTransactionResponse>): Promise<Gas> {
  const sent = await tx;
  const receipt = await sent.wait();
  if (!receipt) throw new Error("no receipt");
  const calldata = getBytes(sent.data).reduce((sum, byte) => sum + (byte === 0 ? 4 : 16), 0);
  return { gas: Number(receipt.gasUsed), execution: Number(receipt.gasUsed) - calldata };
}

async function impersonate({ ethers, networkHelpers }: NetworkConnection, address: string): Promise<Signer> {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, ethers.parseEther("10"));
  return ethers.getSigner(address);
}

/**
 * A DisCO of two Committed founders (accounts #1 and #10, who log and approve each other's work), started by the
 * factory: its id (membership), timelock and the contracts a federation reaches.
 */
async function createDisCO(connection: NetworkConnection, factory: DisCOFactory, currency: string, name: string) {
  const signers = await connection.ethers.getSigners();
  const founders = [signers[1], signers[10]].map((founder) => ({
    account: founder.address,
    stage: Stage.Committed,
    constituency: 0,
    mentor: ZeroAddress,
  }));
  const receipt = await (await factory.create(factoryParamsForEthers({ name, founders, currency }))).wait();
  const created = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "DisCOCreated");
  if (!created) throw new Error("no DisCOCreated");
  const { membership, timelock, ledger, audit, treasury, governor } = created.args;
  return {
    name,
    id: membership as string,
    timelock: await impersonate(connection, timelock),
    ledger,
    audit,
    treasury,
    governor,
  };
}

/**
 * A federation of `size` DisCOs. The first founds it; the next ones (up to three: the DisCO measured and its two
 * peers) apply and are admitted by a majority of those before them. The rest: the same, or with `seat`, placeholders
 * seated by the benchmark's fixture without votes (a federation of 1,000 would take 250,000 votes to build).
 */
export async function buildFederation(connection: NetworkConnection, size: number, seat: boolean) {
  const { ethers } = connection;
  const deployed = await deployFactory(connection, seat);
  const { factory, currency } = deployed;
  const real = seat ? Math.min(size, 3) : size;
  const discos = [];
  for (let i = 0; i < real; i++)
    discos.push(await createDisCO(connection, factory, currency, `Federated ${size}.${i}`));
  const params = {
    name: `Federation of ${size}`,
    charterURI: "ipfs://charter",
    charterHash: id("charter"),
    votingPeriod: 7 * DAY,
    maxHops: 4,
    memberAccounts: false,
  };
  const receipt = await (await factory.connect(discos[0].timelock).createFederation(params)).wait();
  const founded = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "FederationCreated");
  if (!founded) throw new Error("no FederationCreated");
  const federation = (await ethers.getContractAt("Federation", founded.args.federation)) as unknown as Federation;
  for (let i = 1; i < real; i++) {
    await (await federation.connect(discos[i].timelock).applyToJoin("we share the charter")).wait();
    const proposal = await federation.proposalCount();
    for (let voter = 0; (await federation.state(proposal)) === 0n; voter++) {
      await (await federation.connect(discos[voter].timelock).vote(proposal, discos[voter].id, true)).wait();
    }
    await (await federation.execute(proposal)).wait();
  }
  if (seat) {
    const fixture = await ethers.getContractAt("BenchFederation", await federation.getAddress());
    for (let i = real; i < size; i++) await (await fixture.benchSeat(id(`placeholder ${i}`).slice(0, 42))).wait();
  }
  if ((await federation.memberCount()) !== BigInt(size)) throw new Error(`The federation has not ${size} members`);
  return { federation, discos, factory: deployed, credit: founded.args.credit as string };
}

/** What checkInPeriods gives a DisCO's check-in in place of the honest one (a dishonest check-in, for tests). */
export type CheckInEdit = (disco: number, period: number, honest: CheckIn) => CheckIn;

/** What checkInPeriods gives each DisCO. */
export interface PeriodsToCheckIn {
  periods: number;
  /** The payment into a DisCO's treasury in a period (none when 0). */
  paid: (disco: number, period: number) => bigint;
  /** Work entries each DisCO logs and approves in each period (default none). */
  entries?: number;
  /** What each check-in says instead of the honest one (default: the honest one). */
  edit?: CheckInEdit;
}

/**
 * Gives each DisCO of a federation `periods` final periods, a month apart, each with a payment in (from account #9)
 * and `entries` work entries (logged by founder #1, approved by founder #10), and checks them all in by a treasurer
 * (account #2) with the digest and figures checkInOf computes from the DisCO's own logs, unless `edit` changes them.
 * Returns the factory's chain and its DisCOs as discovery finds them, and a viem client on the chain.
 */
export async function checkInPeriods(
  connection: NetworkConnection,
  built: Awaited<ReturnType<typeof buildFederation>>,
  { periods, paid, entries = 0, edit = (_, __, honest) => honest }: PeriodsToCheckIn,
) {
  const { ethers, networkHelpers } = connection;
  const { federation, discos, factory } = built;
  const signers = await ethers.getSigners();
  const [author, treasurer, payer, approver] = [signers[1], signers[2], signers[9], signers[10]];
  const token = await ethers.getContractAt("DemoEuro", factory.currency);
  const ledgers = await Promise.all(discos.map((d) => ethers.getContractAt("ValueLedger", d.ledger)));
  for (const [i, disco] of discos.entries()) {
    await (await ledgers[i].connect(disco.timelock).grantRole(TREASURER_ROLE, treasurer.address)).wait();
  }
  for (let period = 1; period <= periods; period++) {
    await networkHelpers.time.increase(MONTH);
    for (const [i, disco] of discos.entries()) {
      const amount = paid(i, period);
      if (amount > 0n) {
        await (await token.connect(payer).faucet(amount)).wait();
        await (await token.connect(payer).approve(disco.treasury, amount)).wait();
        const treasury = await ethers.getContractAt("Treasury", disco.treasury);
        await (await treasury.connect(payer).payIn(amount, id(`invoice ${period}`))).wait();
      }
      for (let k = 0; k < entries; k++) {
        const ledger = ledgers[i];
        await (await ledger.connect(author).logWork(0, 100 * (k + 1), period, id(`timesheet ${k}`), "")).wait();
        await (await ledger.connect(approver).approve(await ledger.entryCount())).wait();
      }
      await (await ledgers[i].connect(treasurer).closePeriod()).wait();
    }
  }
  await networkHelpers.time.increase(REVIEW_WINDOW);

  const client = createPublicClient({ transport: custom(connection.provider) });
  const chain: FactoryChain = {
    chainId: await client.getChainId(),
    network: connection.networkName,
    factory: { address: await factory.factory.getAddress(), blockNumber: factory.blockNumber },
  };
  const found = await discoverDisCOs(client, chain);
  for (const [i, disco] of discos.entries()) {
    const deployment = found.find((d) => d.contracts.membership.address === disco.id);
    if (!deployment) throw new Error(`${disco.name} was not found from the factory`);
    const numbers = Array.from({ length: periods }, (_, k) => k + 1);
    const network = { credit: getAddress(built.credit), blockNumber: factory.blockNumber };
    for (const [k, honest] of (await checkInsOf(client, deployment, network, numbers)).entries()) {
      const checkIn = edit(i, k + 1, honest);
      const figures = figuresTuple(checkIn.figures);
      await (
        await federation
          .connect(treasurer)
          .checkIn(disco.id, k + 1, checkIn.digest, { ...figures, payable_: [...figures.payable_] })
      ).wait();
    }
  }
  return { chain, found, client };
}

/** The measured calls in a federation of `size` DisCOs (see buildFederation for `seat`). */
export async function measureFederation(connection: NetworkConnection, size: number, seat: boolean) {
  const { ethers, networkHelpers } = connection;
  const { federation, discos } = await buildFederation(connection, size, seat);
  const [, , treasurer, auditor1, auditor2] = await ethers.getSigners();
  const [own, first, second] = discos;
  const ledger = await ethers.getContractAt("ValueLedger", own.ledger);
  await (await ledger.connect(own.timelock).grantRole(TREASURER_ROLE, treasurer.address)).wait();
  const peers = [first, second].filter((peer) => peer !== undefined);
  const auditors = [auditor1, auditor2];
  for (const [k, peer] of peers.entries()) {
    const audit = await ethers.getContractAt("AuditRegistry", peer.audit);
    await (await audit.connect(peer.timelock).grantRole(AUDITOR_ROLE, auditors[k].address)).wait();
  }
  await (await ledger.connect(treasurer).closePeriod()).wait();
  await (await ledger.connect(treasurer).closePeriod()).wait();
  await networkHelpers.time.increase(REVIEW_WINDOW);

  const byTreasurer = federation.connect(treasurer);
  await (await byTreasurer.checkIn(own.id, 1, id("books 1"), FIGURES)).wait();
  const checkIn = await measure(byTreasurer.checkIn(own.id, 2, id("books 2"), FIGURES));
  // The usual confirmation is a second peer's, in a word the first wrote.
  const firstVerdict = await measure(federation.connect(auditor1).confirmCheckIn(first.id, own.id, 2));
  const confirmCheckIn = second
    ? await measure(federation.connect(auditor2).confirmCheckIn(second.id, own.id, 2))
    : undefined;
  const byTimelock = federation.connect(own.timelock);
  await (await byTimelock.setTrust(own.id, first.id, 10)).wait();
  const setTrustByTimelock = await measure(byTimelock.setTrust(own.id, first.id, 20));
  await (await byTimelock.setTreasurerTrustBound(own.id, 50)).wait();
  const setTrustByTreasurer = await measure(byTreasurer.setTrust(own.id, first.id, 30));
  if ((await federation.trustOf(own.id, first.id)) !== 30n) throw new Error("The treasurer's trust was not set");
  const gas: FederationGas = { checkIn, firstVerdict, confirmCheckIn, setTrustByTimelock, setTrustByTreasurer };
  return gas;
}

const ROWS = [
  ["checkIn", "checkIn", FEDERATION_TARGETS.checkIn],
  ["confirmCheckIn", "confirmCheckIn", FEDERATION_TARGETS.confirmCheckIn],
  ["setTrust (timelock)", "setTrustByTimelock", FEDERATION_TARGETS.setTrust],
  ["setTrust (treasurer)", "setTrustByTreasurer", FEDERATION_TARGETS.setTrust],
] as const;

/** The federation's calls at 2, 10, 100 and 1,000 member DisCOs, each on a chain of its own. */
export const FEDERATION: BenchSection = {
  name: "federation",
  async run({ network, progress }) {
    const bySize = new Map<number, FederationGas>();
    for (const size of FEDERATION_SIZES) {
      progress(`federation of ${size} DisCOs`);
      const connection = await network.create();
      bySize.set(size, await measureFederation(connection, size, true));
      await connection.close();
    }
    const fmt = (n: number | undefined) => (n === undefined ? "n/a" : n.toLocaleString("en-GB"));
    const lines = [
      "Federation calls, receipt gas, usual case (issue 16), by member DisCOs",
      "",
      `call                  ${FEDERATION_SIZES.map((s) => fmt(s).padStart(8)).join("  ")}  target  constant`,
    ];
    const ops: Record<string, Record<number, number>> = {};
    for (const [label, key, target] of ROWS) {
      const figures = FEDERATION_SIZES.map((size) => bySize.get(size)?.[key]);
      const measured = figures.filter((f): f is Gas => f !== undefined);
      const constant = measured.every((f) => f.execution === measured[0].execution);
      const met = measured.every((f) => f.gas <= target);
      ops[key] = Object.fromEntries(FEDERATION_SIZES.map((size, i) => [size, figures[i]?.gas]).filter(([, g]) => g));
      lines.push(
        `${label.padEnd(20)}  ${figures.map((f) => fmt(f?.gas).padStart(8)).join("  ")}  ${fmt(target).padStart(6)}  ` +
          `${constant ? "yes" : "NO"}${met ? "" : "  (target MISSED)"}`,
      );
    }
    lines.push(
      "- confirmCheckIn is a second peer's verdict: a federation of 2 has one peer (its first verdict: " +
        `${fmt(bySize.get(2)?.firstVerdict.gas)} gas, a fresh word).`,
      "- constant: the same gas less calldata at every size (calldata differs with the addresses only).",
      "- The DisCO measured and its two peers founded the federation or were admitted by vote; the other members are",
      "  placeholders seated by the benchmark's fixture (test/bench/BenchFederation.sol) instead of N^2/4 votes.",
    );
    return { text: lines.join("\n"), json: { federation: { sizes: FEDERATION_SIZES, ops } } };
  },
};
