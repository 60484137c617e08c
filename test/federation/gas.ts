import { expect } from "chai";
import { getBytes, id, type ContractTransactionResponse, type Signer } from "ethers";
import { Stage } from "../../ignition/modules/DisCO.ts";
import { factoryParamsForEthers } from "../../scripts/lib/deploy.ts";
import type { DisCOFactory, Federation } from "../../types/ethers-contracts/index.js";
import type { IFederation } from "../../types/ethers-contracts/contracts/federation/Federation.js";
import { connection, DAY } from "../helpers/disco.ts";

/*
 * Receipt gas of the federation's hot paths, in the usual case, with federations of factory-made DisCOs of several
 * sizes: a DisCO's second check-in (its bitmap word already written), a second peer's confirmation (its verdict word
 * already written), and a change of an existing trust value by the timelock and by a treasurer. DESIGN.md's targets:
 * checkIn 60k, confirmCheckIn 50k, setTrust 50k, each the same whatever the number of DisCOs. A DisCO acts here as its
 * executed vote does: from its timelock (impersonated).
 */

const { ethers, networkHelpers } = connection;

const SIZES = [2, 3, 10, 100];
const TARGETS = { checkIn: 60_000, confirmCheckIn: 50_000, setTrust: 50_000 } as const;
const TREASURER_ROLE = id("TREASURER_ROLE");
const AUDITOR_ROLE = id("AUDITOR_ROLE");
const REVIEW_WINDOW = 3 * DAY;
const FIGURES: IFederation.FiguresStruct = {
  members: 11,
  bindingMembers: 6,
  payable_: [1_200n, 300n, 40n],
  moneyIn: 5_000n,
  moneyOut: 4_200n,
};

type Figures = Record<string, number>;

/** Receipt gas, and the same less the calldata's intrinsic cost (4 a zero byte, 16 another), which varies with the
 * addresses involved and not with the federation's size. */
async function measure(tx: Promise<ContractTransactionResponse>): Promise<{ gas: number; execution: number }> {
  const sent = await tx;
  const receipt = await sent.wait();
  if (!receipt) throw new Error("no receipt");
  const calldata = getBytes(sent.data).reduce((sum, byte) => sum + (byte === 0 ? 4 : 16), 0);
  return { gas: Number(receipt.gasUsed), execution: Number(receipt.gasUsed) - calldata };
}

async function impersonate(address: string): Promise<Signer> {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, ethers.parseEther("10"));
  return ethers.getSigner(address);
}

async function deployFactory() {
  const names = ["Membership", "ValueLedger", "Treasury", "CapitalAccounts", "AuditRegistry", "DisCOGovernor"];
  const [membership, ledger, treasury, capital, audit, governor, timelock, federation] = await Promise.all(
    [...names, "DisCOTimelock", "Federation"].map(async (name) => (await ethers.deployContract(name)).getAddress()),
  );
  const factory = (await ethers.deployContract("DisCOFactory", [
    { membership, ledger, treasury, capital, audit, governor, timelock, federation },
  ])) as unknown as DisCOFactory;
  const currency = await (await ethers.deployContract("DemoEuro")).getAddress();
  return { factory, currency };
}

/** A DisCO of one Committed founder, started by the factory: its id (membership), timelock, ledger and audit. */
async function createDisCO(factory: DisCOFactory, currency: string, name: string) {
  const [, founder] = await ethers.getSigners();
  const founders = [{ account: founder.address, stage: Stage.Committed, constituency: 0, mentor: ethers.ZeroAddress }];
  const receipt = await (await factory.create(factoryParamsForEthers({ name, founders, currency }))).wait();
  const created = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "DisCOCreated");
  if (!created) throw new Error("no DisCOCreated");
  const { membership, timelock, ledger, audit } = created.args;
  return { id: membership as string, timelock: await impersonate(timelock), ledger, audit };
}

/** A federation of `size` DisCOs: the first founds it, each other applies and is admitted by a majority. */
async function buildFederation(factory: DisCOFactory, currency: string, size: number) {
  const discos = [];
  for (let i = 0; i < size; i++) discos.push(await createDisCO(factory, currency, `Federated ${size}.${i}`));
  const params = {
    name: `Federation of ${size}`,
    charterURI: "ipfs://charter",
    charterHash: id("charter"),
    votingPeriod: 7 * DAY,
  };
  const receipt = await (await factory.connect(discos[0].timelock).createFederation(params)).wait();
  const founded = receipt?.logs
    .map((log) => factory.interface.parseLog(log))
    .find((parsed) => parsed?.name === "FederationCreated");
  if (!founded) throw new Error("no FederationCreated");
  const federation = (await ethers.getContractAt("Federation", founded.args.federation)) as unknown as Federation;
  for (let i = 1; i < size; i++) {
    await (await federation.connect(discos[i].timelock).applyToJoin("we share the charter")).wait();
    const proposal = await federation.proposalCount();
    for (let voter = 0; (await federation.state(proposal)) === 0n; voter++) {
      await (await federation.connect(discos[voter].timelock).vote(proposal, discos[voter].id, true)).wait();
    }
    await (await federation.execute(proposal)).wait();
  }
  expect(await federation.memberCount()).to.equal(BigInt(size));
  return { federation, discos };
}

describe("Federation gas", function () {
  const figures: Record<string, Figures> = {};

  for (const size of SIZES) {
    it(`meets the targets with ${size} member DisCOs`, async function () {
      const { factory, currency } = await deployFactory();
      const { federation, discos } = await buildFederation(factory, currency, size);
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

      // The usual confirmation is a second peer's, in a word the first wrote; a federation of two has one peer.
      const firstVerdict = await measure(federation.connect(auditor1).confirmCheckIn(first.id, own.id, 2));
      const confirm = second
        ? await measure(federation.connect(auditor2).confirmCheckIn(second.id, own.id, 2))
        : undefined;

      const byTimelock = federation.connect(own.timelock);
      await (await byTimelock.setTrust(own.id, first.id, 10)).wait();
      const trustByTimelock = await measure(byTimelock.setTrust(own.id, first.id, 20));
      await (await byTimelock.setTreasurerTrustBound(own.id, 50)).wait();
      const trustByTreasurer = await measure(byTreasurer.setTrust(own.id, first.id, 30));
      expect(await federation.trustOf(own.id, first.id)).to.equal(30n);

      figures[size] = {
        checkIn: checkIn.gas,
        checkInExecution: checkIn.execution,
        firstVerdict: firstVerdict.gas,
        ...(confirm && { confirmCheckIn: confirm.gas, confirmCheckInExecution: confirm.execution }),
        setTrustByTimelock: trustByTimelock.gas,
        setTrustByTimelockExecution: trustByTimelock.execution,
        setTrustByTreasurer: trustByTreasurer.gas,
        setTrustByTreasurerExecution: trustByTreasurer.execution,
      };
      expect(checkIn.gas).to.be.at.most(TARGETS.checkIn);
      if (confirm) expect(confirm.gas).to.be.at.most(TARGETS.confirmCheckIn);
      expect(trustByTimelock.gas).to.be.at.most(TARGETS.setTrust);
      expect(trustByTreasurer.gas).to.be.at.most(TARGETS.setTrust);
    });
  }

  it("costs the same whatever the number of DisCOs", function () {
    for (const size of SIZES) expect(figures[size], `the figures at ${size}`).to.not.equal(undefined);
    const smallest = figures[SIZES[0]];
    const constant = ["checkInExecution", "setTrustByTimelockExecution", "setTrustByTreasurerExecution"] as const;
    const withPeers = SIZES.filter((size) => figures[size].confirmCheckInExecution !== undefined);
    for (const size of SIZES) {
      for (const key of constant) expect(figures[size][key], `${key} at ${size}`).to.equal(smallest[key]);
    }
    for (const size of withPeers) {
      expect(figures[size].confirmCheckInExecution, `confirmCheckIn at ${size}`).to.equal(
        figures[withPeers[0]].confirmCheckInExecution,
      );
    }
    console.log("      receipt gas (less calldata) by member DisCOs:");
    for (const size of SIZES) {
      const f = figures[size];
      const confirm = f.confirmCheckIn
        ? `${f.confirmCheckIn} (${f.confirmCheckInExecution})`
        : `n/a (one peer; its first verdict ${f.firstVerdict})`;
      console.log(
        `      N=${String(size).padEnd(3)} checkIn ${f.checkIn} (${f.checkInExecution})  confirmCheckIn ${confirm}  ` +
          `setTrust timelock ${f.setTrustByTimelock} (${f.setTrustByTimelockExecution}), ` +
          `treasurer ${f.setTrustByTreasurer} (${f.setTrustByTreasurerExecution})`,
      );
    }
  });
});
