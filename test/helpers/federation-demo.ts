import { seedBooks, seedOpenVote } from "../../scripts/lib/seed.ts";
import { seedFederation } from "../../scripts/lib/seed-federation.ts";
import { twoDisCOs } from "../scripts/two-discos.ts";
import { connection } from "./disco.ts";
import { publicClient } from "./viem.ts";

/*
 * The seeded demo with its federation, as `npm start` seeds it (scripts/seed.ts): the demo's books, the federation,
 * then the open vote. Shared by the seed's and the CLI's federation tests, with networkHelpers.loadFixture.
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
  const federation = await seedFederation({ demo: demo.deployment, small, factory, client }, signers, time);
  const seconds = (performance.now() - started) / 1000;
  const open = await seedOpenVote(demo.membership, demo.governor, signers, time);
  return { ...discos, books, federation, open, seconds, signers, client };
}
