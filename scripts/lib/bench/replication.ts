import { getAddress, keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { Stage } from "../../../ignition/modules/DisCO.ts";
import { factoryParamsForEthers, type DisCOParameters } from "../deploy.ts";
import { gasOf } from "./chain.ts";
import { deployFactory } from "./factory.ts";
import type { BenchSection } from "./sections.ts";

/** The founding group of the `createDisCO` figure (DESIGN.md's target: at most 2.5M gas with 10 founders). */
export const CREATE_FOUNDERS = 10;
/** EIP-7825's cap on one transaction's gas. */
const TRANSACTION_CAP = 2 ** 24;

/**
 * `count` founders at made-up addresses, Committed and Dating 1 in turn, in three constituencies; each Dating founder
 * mentored by the first, as Dating members must be.
 */
function founders(count: number, salt: string): DisCOParameters["founders"] {
  const account = (i: number) => getAddress(`0x${keccak256(toUtf8Bytes(`${salt} founder ${i}`)).slice(26)}`);
  return Array.from({ length: count }, (_, i) => ({
    account: account(i),
    stage: i % 2 === 0 ? Stage.Committed : Stage.Dating1,
    constituency: i % 3,
    mentor: i % 2 === 0 ? ZeroAddress : account(0),
  }));
}

/** DisCOFactory.create's parameters for a DisCO of `count` founders, with the defaults otherwise. */
const paramsFor = (count: number, currency: string, salt: string) =>
  factoryParamsForEthers({ name: `${salt} ${count}`, founders: founders(count, salt), currency });

/** The gas of `create` (receipt) for a DisCO of `count` founders, sent on the factory at `factoryAddress`. */
export async function createGas(
  connection: NetworkConnection,
  factoryAddress: string,
  currency: string,
  count = CREATE_FOUNDERS,
  salt = "bench",
): Promise<number> {
  const factory = await connection.ethers.getContractAt("DisCOFactory", factoryAddress);
  return gasOf(factory.create(paramsFor(count, currency, salt)));
}

/**
 * Starting DisCOs (issue 15): `createDisCO` with 10 founders beside what deploying the same contracts in full costs,
 * the gas per extra founder, the largest founding group that one 2^24-gas transaction holds, and what a call through
 * a clone pays for its delegatecall.
 */
export const REPLICATION: BenchSection = {
  name: "replication",
  async run({ network }) {
    const connection = await network.create();
    const { ethers } = connection;
    // The implementations, deployed as Ignition's DisCOFactory module does, each measured. Federations' implementation,
    // which no DisCO runs, is not counted in a DisCO's code.
    const { factory, currency, implementations, gas } = await deployFactory(connection);
    const implementationsGas = Object.entries(gas)
      .filter(([key]) => key !== "federation")
      .reduce((sum, [, used]) => sum + used, 0);
    const factoryAddress = await factory.getAddress();
    const ten = await createGas(connection, factoryAddress, currency, CREATE_FOUNDERS, "ten");
    const eleven = await createGas(connection, factoryAddress, currency, CREATE_FOUNDERS + 1, "eleven");
    const perFounder = eleven - ten;
    const typed = await ethers.getContractAt("DisCOFactory", factoryAddress);
    // The estimate of a creation is linear in its founders; the largest group is checked against the node's own
    // estimate at that size and one more.
    let largest = CREATE_FOUNDERS + Math.floor((TRANSACTION_CAP - ten) / perFounder);
    // A node that enforces EIP-7825 refuses to estimate past the cap: that too is a group that does not fit.
    const fits = (count: number) =>
      typed.create.estimateGas(paramsFor(count, currency, "cap")).then(
        (gas) => gas <= BigInt(TRANSACTION_CAP),
        () => false,
      );
    while (!(await fits(largest))) largest--;
    while (await fits(largest + 1)) largest++;

    // A clone's every call pays one delegatecall to its implementation: the same view, asked of both.
    const [created] = await typed.queryFilter(typed.filters.DisCOCreated());
    const membershipClone = created.args.membership;
    const probe = (to: string) =>
      ethers.provider.estimateGas({
        to,
        data: "0x01ffc9a701ffc9a700000000000000000000000000000000000000000000000000000000",
      });
    const overhead = Number((await probe(membershipClone)) - (await probe(implementations.membership)));

    const fmt = (n: number) => n.toLocaleString("en-GB");
    const text = [
      "Starting a DisCO (DisCOFactory.create, one transaction)",
      "",
      `createDisCO, ${CREATE_FOUNDERS} founders       ${fmt(ten).padStart(10)} gas  (target 2,500,000: ${ten <= 2_500_000 ? "met" : "MISSED"})`,
      `each further founder            ${fmt(perFounder).padStart(10)} gas`,
      `largest founding group in 2^24  ${fmt(largest).padStart(10)} founders`,
      `the same contracts in full      ${fmt(implementationsGas + ten).padStart(10)} gas  (their code, ${fmt(implementationsGas)}, deployed per DisCO, plus the same set-up)`,
      `a call through a clone          ${fmt(overhead).padStart(10)} gas more than the same call to its implementation (the delegatecall)`,
    ].join("\n");
    return {
      text,
      json: {
        replication: {
          createDisCO: ten,
          perFounder,
          largestFoundingGroup: largest,
          fullDeployment: implementationsGas + ten,
          implementations: implementationsGas,
          cloneCallOverhead: overhead,
        },
      },
    };
  },
};
