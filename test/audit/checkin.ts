import { expect } from "chai";
import { blocksToTime, loadBlockTimes } from "@disco-ledger/sdk/audit";
import { checkInOf } from "@disco-ledger/sdk/federation";
import { AUDITOR_ROLE, loadHistory } from "@disco-ledger/sdk/history";
import { run } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";

const { ethers, networkHelpers } = connection;

/** The demo, and Hana (#8) named auditor by the timelock (impersonated: the vote that would do it is not the point). */
async function demoWithAuditor() {
  const demo = await recordedDemo();
  const timelock = await demo.timelock.getAddress();
  await networkHelpers.impersonateAccount(timelock);
  await networkHelpers.setBalance(timelock, ethers.parseEther("1"));
  const admin = await ethers.getSigner(timelock);
  await (await demo.audit.connect(admin).grantRole(AUDITOR_ROLE, demo.signers[8].address)).wait();
  return demo;
}

describe("a federation check-in of the seeded demo", () => {
  it("has the digest audit --attest records, the ledger's payable totals and the membership's binding members", async () => {
    const demo = await networkHelpers.loadFixture(demoWithAuditor);
    const attested = await run(demo, ["--attest", "1", "--account", "8"]);
    expect([attested.status, attested.errors]).to.deep.equal([0, ""]);
    const onChain = await demo.audit.attestationOf(1, (await demo.audit.attestationCount(1)) - 1n);

    // A peer's view: the DisCO's logs alone, the times of their blocks, and the time of the last.
    const client = publicClient(connection);
    const { state, snapshot } = await loadHistory(client, demo.deployment);
    const times = await loadBlockTimes(client, blocksToTime(state, true));
    const { timestamp: now } = await client.getBlock({ blockNumber: BigInt(snapshot.lastBlock) });
    // In no credit network: its credit figures are 0; the digest and the other figures are the books' alone.
    const source = { state, deployment: demo.deployment, times, now, credit: null };

    expect(checkInOf(source, 1).digest).to.equal(onChain.reportHash);
    for (const period of [1, 2]) {
      expect(await demo.ledger.isFinal(period)).to.equal(true);
      const { figures } = checkInOf(source, period);
      expect(figures.payable).to.deep.equal([...(await demo.ledger.periodTotals(period)).payable_]);
      // The demo's governor counts by timestamps: the membership's checkpoints at the close count the same.
      const { closedAt } = await demo.ledger.periodInfo(period);
      expect(figures.bindingMembers).to.equal(await demo.membership.getPastTotalSupply(closedAt));
    }
    expect(() => checkInOf(source, 3)).to.throw("Period 3 is still open: only a final period checks in");
  });
});
