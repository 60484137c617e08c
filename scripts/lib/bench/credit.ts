import { getAddress, id, type ContractTransactionResponse, type Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { MutualCredit } from "../../../types/ethers-contracts/index.js";
import { buildFederation, measure, type Gas } from "./federation.ts";
import type { BenchSection } from "./sections.ts";

/*
 * The mutual-credit network's hot paths in receipt gas (issue 17), in the usual case: the second payment on existing
 * lines (every pair's word already non-zero), a change of an existing line, a clearing of a cycle of three debts. A
 * DisCO acts as its executed vote does, from its timelock (impersonated); a treasurer's payment is shown beside.
 * Issue 17: each the same at 10 and 1,000 accounts (member DisCOs).
 */

/** Accounts (member DisCOs) the benchmark measures at. */
export const CREDIT_SIZES = [10, 1000];
/** A hop's allowance over a direct payment (creditPay3 has two more hops than creditPay1). */
export const CREDIT_HOP = 25_000;
/** Issue 17's and DESIGN.md's targets; creditPay3's is creditPay1's figure plus two hops. */
export const CREDIT_TARGETS = { creditPay1: 54_000, setCreditLine: 60_000, clearCycle3: 90_000 } as const;

/** A euro in credit units (cents). */
const EURO = 100n;
const TREASURER_ROLE = id("TREASURER_ROLE");

export interface CreditGas {
  creditPay1: Gas;
  creditPay3: Gas;
  setCreditLine: Gas;
  clearCycle3: Gas;
  creditPay1Treasurer: Gas;
}

async function sent(tx: Promise<ContractTransactionResponse>) {
  await (await tx).wait();
}

/** The measured calls on the credit network of a federation of `size` DisCOs: three founded or admitted by vote,
 * the rest placeholders seated by the benchmark's fixtures; the 3-line path ends at one of them. */
export async function measureCredit(connection: NetworkConnection, size: number): Promise<CreditGas> {
  const { ethers } = connection;
  const { discos, credit: address } = await buildFederation(connection, size, true);
  const credit = (await ethers.getContractAt("MutualCredit", address)) as unknown as MutualCredit;
  const fixture = await ethers.getContractAt("BenchCredit", address);
  const [own, first, second] = discos;
  const placeholder = getAddress(id("placeholder 3").slice(0, 42));
  const line = (giver: { id: string; timelock: Signer }, receiver: string, limit: bigint) =>
    credit.connect(giver.timelock).setCreditLine(giver.id, receiver, limit);
  const pay = (payer: { id: string }, by: Signer, path: string[], reference: string) =>
    credit.connect(by).pay(payer.id, path[path.length - 1], path, 10n * EURO, id(reference));

  await sent(line(first, own.id, 1_000n * EURO));
  const setCreditLine = await measure(line(first, own.id, 2_000n * EURO));
  await sent(line(second, first.id, 1_000n * EURO));
  await sent(line(own, second.id, 1_000n * EURO));
  await sent(fixture.benchLine(placeholder, second.id, 1_000n * EURO));

  const direct = [own.id, first.id];
  const three = [own.id, first.id, second.id, placeholder];
  await sent(pay(own, own.timelock, direct, "invoice 1"));
  const creditPay1 = await measure(pay(own, own.timelock, direct, "invoice 2"));
  await sent(pay(own, own.timelock, three, "invoice 3"));
  const creditPay3 = await measure(pay(own, own.timelock, three, "invoice 4"));

  // Own owes first, first owes second, and now second owes own: a cycle of debts, cleared twice.
  await sent(pay(second, second.timelock, [second.id, own.id], "invoice 5"));
  const cycle = [own.id, first.id, second.id, own.id];
  await sent(credit.clearCycle(cycle, EURO));
  const clearCycle3 = await measure(credit.clearCycle(cycle, EURO));

  const [, , treasurer] = await ethers.getSigners();
  const ledger = await ethers.getContractAt("ValueLedger", own.ledger);
  await sent(ledger.connect(own.timelock).grantRole(TREASURER_ROLE, treasurer.address));
  await sent(credit.connect(own.timelock).setTreasurerLimits(own.id, 1_000n * EURO, 0));
  await sent(pay(own, treasurer, direct, "invoice 6"));
  const creditPay1Treasurer = await measure(pay(own, treasurer, direct, "invoice 7"));
  if ((await credit.balanceOf(own.id, first.id)) >= 0n) throw new Error("The payments did not move the balance");
  return { creditPay1, creditPay3, setCreditLine, clearCycle3, creditPay1Treasurer };
}

const ROWS = [
  ["creditPay1", "creditPay1"],
  ["creditPay3", "creditPay3"],
  ["setCreditLine", "setCreditLine"],
  ["clearCycle3", "clearCycle3"],
  ["creditPay1 (treasurer)", "creditPay1Treasurer"],
] as const;

/** The target of a row at a size: creditPay3's follows creditPay1's figure there; the treasurer's row has none. */
function targetOf(key: keyof CreditGas, gas: CreditGas): number | undefined {
  if (key === "creditPay3") return gas.creditPay1.gas + 2 * CREDIT_HOP;
  if (key === "creditPay1Treasurer") return undefined;
  return CREDIT_TARGETS[key];
}

/** The credit network's calls at 10 and 1,000 accounts, each on a chain of its own. */
export const CREDIT: BenchSection = {
  name: "credit",
  async run({ network, progress }) {
    const bySize = new Map<number, CreditGas>();
    for (const size of CREDIT_SIZES) {
      progress(`credit network of ${size} DisCOs`);
      const connection = await network.create();
      bySize.set(size, await measureCredit(connection, size));
      await connection.close();
    }
    const fmt = (n: number | undefined) => (n === undefined ? "n/a" : n.toLocaleString("en-GB"));
    const lines = [
      "Mutual credit, receipt gas, usual case (issue 17), by accounts (member DisCOs)",
      "",
      `call                    ${CREDIT_SIZES.map((s) => fmt(s).padStart(8)).join("  ")}   target  constant`,
    ];
    const ops: Record<string, Record<number, number>> = {};
    for (const [label, key] of ROWS) {
      const figures = CREDIT_SIZES.map((size) => bySize.get(size)?.[key]);
      const measured = figures.filter((f): f is Gas => f !== undefined);
      const constant = measured.every((f) => f.execution === measured[0].execution);
      const targets = CREDIT_SIZES.map((size) => {
        const gas = bySize.get(size);
        return gas ? targetOf(key, gas) : undefined;
      });
      const met = measured.every((f, i) => targets[i] === undefined || f.gas <= (targets[i] ?? 0));
      ops[key] = Object.fromEntries(CREDIT_SIZES.map((size, i) => [size, figures[i]?.gas]).filter(([, g]) => g));
      lines.push(
        `${label.padEnd(22)}  ${figures.map((f) => fmt(f?.gas).padStart(8)).join("  ")}  ${fmt(targets[0]).padStart(7)}  ` +
          `${constant ? "yes" : "NO"}${met ? "" : "  (target MISSED)"}`,
      );
    }
    lines.push(
      "- Each the second call on existing lines: every pair's word already non-zero. A payment by the payer DisCO's",
      "  timelock (its executed vote); a treasurer's adds the ledger's hasRole and the budget word.",
      "- creditPay3's target: creditPay1 + 2 x 25,000 (Trustlines: 60,256 direct, about 31k a hop).",
      "- Three DisCOs founded or were admitted by vote; the others are placeholders seated by the fixtures",
      "  (test/bench/BenchFederation.sol, BenchCredit.sol); the 3-line path ends at one.",
    );
    return { text: lines.join("\n"), json: { credit: { sizes: CREDIT_SIZES, ops } } };
  },
};
