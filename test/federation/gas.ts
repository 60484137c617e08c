import { expect } from "chai";
import { measureFederation, type FederationGas } from "../../scripts/lib/bench/federation.ts";
import { network } from "hardhat";

/*
 * The federation's hot paths cost the same whatever the number of member DisCOs, in federations built only by the
 * contracts' own entry points (every member founded or admitted by a majority's votes). Their figures against
 * DESIGN.md's targets are `npm run bench`'s (scripts/lib/bench/federation.ts, up to 1,000 DisCOs, printed with the
 * targets) and the gas snapshot's (`checkIn`, `confirmCheckIn`, `setTrust`, checked by `npm test` on an uninstrumented
 * chain): under coverage, which instruments every call, absolute figures mean nothing, but equal ones stay equal.
 */

const SIZES = [2, 3, 10];

describe("Federation gas", function () {
  const figures = new Map<number, FederationGas>();

  for (const size of SIZES) {
    it(`measures the calls with ${size} member DisCOs`, async function () {
      const gas = await measureFederation(await network.create(), size, false);
      figures.set(size, gas);
      // A federation of two has one peer: no second verdict to measure.
      expect(gas.confirmCheckIn === undefined, "a second peer's verdict").to.equal(size === 2);
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
