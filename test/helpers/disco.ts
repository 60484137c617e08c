import { network } from "hardhat";
import { Stage, type Founder } from "../../ignition/modules/DisCO.ts";
import { deployDisCO as deploy } from "../../scripts/lib/deploy.ts";

export { Stage };

export const DAY = 24 * 3600;
export const SETTINGS = {
  votingDelay: DAY,
  votingPeriod: 7 * DAY,
  proposalThreshold: 1,
  quorumBps: 5000,
  supermajorityNumerator: 2,
  supermajorityDenominator: 3,
};
export const TIMELOCK_DELAY = 2 * DAY;
export const CONSTITUENCIES = ["worker", "community", "client", "supporter", "backer"];
export const Constituency = { worker: 0, community: 1, client: 2, supporter: 3, backer: 4 } as const;

export const connection = await network.getOrCreate();

/**
 * The DisCO the tests start from, deployed by the same Ignition module as production: four Committed members
 * (alice, bob: workers; carol: community; dave: client), erin Dating2 mentored by alice, frank Casual supporter;
 * grace, heidi and ivan are outsiders. Bob is the ledger's founding treasurer.
 */
export async function deployDisCO() {
  const { ethers } = connection;
  const [deployer, alice, bob, carol, dave, erin, frank, grace, heidi, ivan] = await ethers.getSigners();
  const founders: Founder[] = [
    { account: alice.address, stage: Stage.Committed, constituency: Constituency.worker, mentor: ethers.ZeroAddress },
    { account: bob.address, stage: Stage.Committed, constituency: Constituency.worker, mentor: ethers.ZeroAddress },
    {
      account: carol.address,
      stage: Stage.Committed,
      constituency: Constituency.community,
      mentor: ethers.ZeroAddress,
    },
    { account: dave.address, stage: Stage.Committed, constituency: Constituency.client, mentor: ethers.ZeroAddress },
    { account: erin.address, stage: Stage.Dating2, constituency: Constituency.worker, mentor: alice.address },
    { account: frank.address, stage: Stage.Casual, constituency: Constituency.supporter, mentor: ethers.ZeroAddress },
  ];
  const { deployment, membership, ledger, treasury, capital, audit, governor, timelock } = await deploy(connection, {
    founders,
    treasurers: [bob.address],
    constituencies: CONSTITUENCIES,
    timelockDelay: TIMELOCK_DELAY,
    governorSettings: SETTINGS,
  });
  return {
    deployment,
    membership,
    ledger,
    treasury,
    capital,
    audit,
    governor,
    timelock,
    deployer,
    alice,
    bob,
    carol,
    dave,
    erin,
    frank,
    grace,
    heidi,
    ivan,
    founders,
  };
}

/** The deployed DisCO plus a signer for its timelock, so governance-only functions can be called directly. */
export async function deployWithAdmin() {
  const { ethers, networkHelpers } = connection;
  const disco = await deployDisCO();
  const timelockAddress = await disco.timelock.getAddress();
  await networkHelpers.impersonateAccount(timelockAddress);
  await networkHelpers.setBalance(timelockAddress, ethers.parseEther("10"));
  const admin = await ethers.getSigner(timelockAddress);
  return { ...disco, admin, timelockAddress };
}
