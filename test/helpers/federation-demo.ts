import { personIn, seedBooks, seedOpenVote } from "../../scripts/lib/seed.ts";
import { seedCredit } from "../../scripts/lib/seed-credit.ts";
import { seedFederation, seedOpenApplication } from "../../scripts/lib/seed-federation.ts";
import { discoverDisCOs } from "@disco-ledger/sdk/discovery";
import { writeDeployment } from "../../scripts/lib/deployments.ts";
import { NETWORK, twoDisCOs } from "../scripts/two-discos.ts";
import { connection } from "./disco.ts";
import { publicClient } from "./viem.ts";

/*
 * The seeded demo with its federation, as `npm start` seeds it (scripts/seed.ts): the demo's books, the federation,
 * its credit network's trading, Garden DisCO's open application, then the open vote. Shared by the seed's and the CLI's federation tests, with networkHelpers.loadFixture.
 */
export async function seededFederation() {
  const discos = await twoDisCOs();
  const { demo, small } = discos;
  const { time } = connection.networkHelpers;
  const signers = await connection.ethers.getSigners();
  const books = await seedBooks(demo, signers, time);
  const factory = demo.chain.factory;
  const client = publicClient(connection);
  const started = performance.now();
  const input = { demo: demo.deployment, small, factory, client };
  const seeded = await seedFederation(input, signers, time);
  const federationSeconds = (performance.now() - started) / 1000;
  const credit = await seedCredit(input, seeded, time);
  const creditSeconds = (performance.now() - started) / 1000 - federationSeconds;
  const application = await seedOpenApplication(seeded, personIn(signers)("Alice"), time);
  const seconds = (performance.now() - started) / 1000;
  const open = await seedOpenVote(demo.membership, demo.governor, signers, time);
  const federation = { ...seeded, application };
  return { ...discos, books, federation, credit, open, seconds, creditSeconds, signers, client };
}

/**
 * The seeded federation, and deployments/<NETWORK>.json recording its DisCOs (npm start's records two of them): what
 * the CLI's federation and credit tests run on (their afterEach forgets the file).
 */
export async function seededOnCli() {
  const seededChain = await connection.networkHelpers.loadFixture(seededFederation);
  const { demo, client } = seededChain;
  writeDeployment({ ...demo.deployment, network: NETWORK }, demo.chain, true);
  for (const disco of (await discoverDisCOs(client, { ...demo.deployment, factory: demo.chain.factory })).slice(1)) {
    writeDeployment({ ...disco, network: NETWORK });
  }
  return seededChain;
}
