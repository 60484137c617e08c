/**
 * The seeded demo DisCO's people: Hardhat's public dev accounts (index into the standard mnemonic's accounts) with
 * names to make the demo readable. Names stay off-chain, as personal details should.
 */
export const DEMO_PEOPLE = [
  { index: 0, name: "Deployer", role: "deployer and relayer; holds no power after deployment" },
  { index: 1, name: "Alice", role: "Committed, worker" },
  { index: 2, name: "Bob", role: "Committed, worker; the treasurer" },
  { index: 3, name: "Carla", role: "Committed, community" },
  { index: 4, name: "Dara", role: "Committed, client" },
  { index: 5, name: "Eli", role: "Dating 2, worker, mentored by Alice" },
  { index: 6, name: "Fran", role: "Casual, supporter" },
  { index: 7, name: "Gus", role: "Dating 1, worker, mentored by Bob (admitted by the seeded vote)" },
  { index: 8, name: "Hana", role: "not a member (her consent admission was blocked)" },
  { index: 9, name: "Client", role: "a client who pays invoices into the treasury" },
  { index: 10, name: "Iris", role: "former Dating 3 worker: left after the first year; her capital is being redeemed" },
  { index: 11, name: "Jun", role: "the auditor (not a member), appointed by the seeded bylaw vote" },
] as const;

export type DemoName = (typeof DEMO_PEOPLE)[number]["name"];
