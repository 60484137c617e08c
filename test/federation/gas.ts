import { expect } from "chai";
import { FEDERATION_TARGETS, measureFederation, type FederationGas } from "../../scripts/lib/bench/federation.ts";
import { network } from "hardhat";

/*
 * The federation's hot paths within DESIGN.md's targets and the same whatever the number of member DisCOs, in
 * federations built only by the contracts' own entry points (every member founded or admitted by a majority's
 * votes). `npm run bench` measures the same calls up to 1,000 DisCOs (scripts/lib/bench/federation.ts).
 */

const SIZES = [2, 3, 10];

describe("Federation gas", function () {
  const figures = new Map<number, FederationGas>();

  for (const size of SIZES) {
    it(`meets the targets with ${size} member DisCOs`, async function () {
      const gas = await measureFederation(await network.create(), size, false);
      figures.set(size, gas);
      expect(gas.checkIn.gas).to.be.at.most(FEDERATION_TARGETS.checkIn);
      if (size > 2) expect(gas.confirmCheckIn?.gas).to.be.at.most(FEDERATION_TARGETS.confirmCheckIn);
      else expect(gas.confirmCheckIn, "one peer: no second verdict").to.equal(undefined);
      expect(gas.setTrustByTimelock.gas).to.be.at.most(FEDERATION_TARGETS.setTrust);
      expect(gas.setTrustByTreasurer.gas).to.be.at.most(FEDERATION_TARGETS.setTrust);
    });
  }

  it("costs the same whatever the number of DisCOs", function () {
    const execution = (size: number) => {
      const gas = figures.get(size);
      if (!gas) throw new Error(`no figures at ${size}`);
      return {
        checkIn: gas.checkIn.execution,
        setTrustByTimelock: gas.setTrustByTimelock.execution,
        setTrustByTreasurer: gas.setTrustByTreasurer.execution,
        confirmCheckIn: gas.confirmCheckIn?.execution,
      };
    };
    for (const size of SIZES.slice(1)) {
      const { confirmCheckIn, ...rest } = execution(size);
      const { confirmCheckIn: confirmAtThree, ...smallest } = execution(SIZES[0]);
      expect(rest, `at ${size}`).to.deep.equal(smallest);
      expect(confirmCheckIn, `confirmCheckIn at ${size}`).to.equal(execution(3).confirmCheckIn);
      expect(confirmAtThree).to.equal(undefined);
    }
  });
});
