import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { getAddress } from "viem";
import { discoverDisCOs, findDisCO } from "@disco-ledger/sdk/discovery";
import { DEMO_PARAMETERS } from "../../scripts/lib/deploy.ts";
import { deploymentPath, readDeploymentsFile } from "../../scripts/lib/deployments.ts";
import { connection } from "../helpers/disco.ts";
import { publicClient } from "../helpers/viem.ts";
import {
  cliOnChain as cli,
  forgetDeployments,
  NETWORK,
  recordDemo,
  SMALL_PARAMETERS,
  startThrough,
  twoDisCOs,
} from "./two-discos.ts";

const { loadFixture } = connection.networkHelpers;

/** The two DisCOs, and deployments/<NETWORK>.json recording the first. */
async function started() {
  const discos = await loadFixture(twoDisCOs);
  return { ...discos, file: recordDemo(discos) };
}

afterEach(forgetDeployments);

describe("discoverDisCOs and findDisCO", () => {
  it("find every DisCO the factory started, as recorded, by name (case and spaces aside) or by any contract", async () => {
    const { demo, small, file } = await started();
    const found = await discoverDisCOs(publicClient(connection), file);
    expect(found.map((d) => d.name)).to.deep.equal(["Demo DisCO", "Small DisCO"]);
    const [first, second] = found;
    // The same contracts and start as the deploy script records (its block is where the DisCO was created).
    for (const [key, record] of Object.entries(demo.deployment.contracts)) {
      expect(first.contracts[key].address, key).to.equal(getAddress(record.address));
    }
    expect(first.startBlockHash).to.equal(
      (await publicClient(connection).getBlock({ blockNumber: BigInt(first.startBlock) })).hash,
    );
    expect(findDisCO(found, "  small disco ")).to.equal(second);
    expect(findDisCO(found, small.contracts.ledger.address.toLowerCase())).to.equal(second);
    expect(findDisCO(found, small.contracts.governor.address)).to.equal(second);
    // The currency is shared, so it names no DisCO.
    expect(() => findDisCO(found, small.contracts.token.address)).to.throw(/No DisCO .*"Demo DisCO"/);
    expect(await discoverDisCOs(publicClient(connection), { ...file, factory: undefined })).to.deep.equal([]);
  });
});

describe("npm run cli -- discos", () => {
  it("lists every DisCO the factory started: name, date, membership, members, whether the file records it", async () => {
    const { demo, small } = await started();
    const listed = await cli("discos");
    expect(listed.err).to.equal("");
    expect(listed.status).to.equal(0);
    const lines = listed.out.split("\n");
    expect(lines[0]).to.match(/^2 DisCOs started by the factory 0x[0-9a-fA-F]{40}:$/);
    expect(lines[1]).to.match(/^ {2}"Demo DisCO", started \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(lines[2]).to.equal(
      `    membership ${getAddress(demo.deployment.contracts.membership.address)}, ${DEMO_PARAMETERS.founders.length} members; recorded in ` +
        `deployments/${NETWORK}.json as "Demo DisCO"`,
    );
    expect(lines[3]).to.match(/^ {2}"Small DisCO", started \d{4}-/);
    expect(lines[4]).to.equal(
      `    membership ${getAddress(small.contracts.membership.address)}, 2 members; not recorded in ` +
        `deployments/${NETWORK}.json`,
    );
    expect(lines).to.have.length(5);
  });
});

describe("npm run cli -- <command> --disco", () => {
  it("works on the file's first DisCO without --disco, and on the one named, recorded or found by the factory", async () => {
    const { small } = await started();
    const demoMembers = new RegExp(`^${DEMO_PARAMETERS.founders.length} members \\(4 binding\\)`);
    expect((await cli("members")).out).to.match(demoMembers);
    expect((await cli("members", "--disco", "Demo DisCO")).out).to.match(demoMembers);
    // Not recorded: found from the factory's events, by name or by any of its contracts' addresses.
    expect((await cli("members", "--disco", "Small DisCO")).out).to.match(/^2 members \(2 binding\)/);
    const byAddress = await cli("members", "--disco", small.contracts.ledger.address);
    expect(byAddress.err).to.equal("");
    expect(byAddress.out).to.match(/^2 members \(2 binding\)/);
  });

  it("refuses a name no DisCO has, naming those there are", async () => {
    await started();
    const result = await cli("members", "--disco", "Nowhere");
    expect(result.status).to.equal(1);
    expect(result.out).to.equal("");
    expect(result.err).to.match(/^No DisCO "Nowhere" on this chain\. Its factory started: "Demo DisCO" \(0x/);
    expect(result.err).to.contain(`"Small DisCO" (0x`);
    expect(result.err).to.contain(`deployments/${NETWORK}.json records "Demo DisCO".`);
  });

  it("refuses a name two DisCOs share, naming them by their membership addresses", async () => {
    const { file, currency, factory } = await started();
    await startThrough(factory, { ...SMALL_PARAMETERS, name: "Twin", currency }, 2);
    const twins = (await discoverDisCOs(publicClient(connection), file)).filter((d) => d.name === "Twin");
    const result = await cli("members", "--disco", "Twin");
    expect(result.status).to.equal(1);
    expect(result.err).to.match(/^2 DisCOs are called "Twin": name one by its membership address: /);
    for (const twin of twins) expect(result.err).to.contain(twin.contracts.membership.address);
    const one = await cli("members", "--disco", twins[1].contracts.membership.address);
    expect(one.out).to.match(/^2 members/);
  });
});

/** A parameters file in a folder of its own. */
function parametersFile(parameters: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "disco-create-")), "parameters.json");
  writeFileSync(path, JSON.stringify(parameters, null, 2));
  return path;
}

describe("npm run cli: the chain of the deployments file", () => {
  it("is checked before the factory's events are read or a DisCO is created on it", async () => {
    const { file, currency } = await started();
    // The file of another chain whose factory has the same address, as a restarted local chain's.
    const other = structuredClone(file);
    other.discos["Demo DisCO"].startBlockHash = `0x${"ab".repeat(32)}`;
    writeFileSync(deploymentPath(NETWORK), JSON.stringify(other));
    const client = publicClient(connection);
    const before = await client.getBlockNumber();
    const path = parametersFile({ name: "Coop", founders: SMALL_PARAMETERS.founders, currency });
    for (const argv of [["discos"], ["members", "--disco", "Small DisCO"], ["create", path, "--account", "0"]]) {
      const result = await cli(...argv);
      expect(result.status, argv[0]).to.equal(1);
      expect(result.err, argv[0]).to.match(/^The chain at the in-process chain is not the one deployments\/cli-test/);
    }
    expect(await client.getBlockNumber()).to.equal(before);
  });
});

describe("npm run cli -- create", () => {
  it("says in --help what the parameters file holds", async () => {
    const help = await cli("create", "--help");
    expect(help.status).to.equal(0);
    expect(help.out).to.match(/USAGE npm run cli -- create \[OPTIONS\] <PARAMETERS>/);
    for (const field of ['"name"', '"founders"', '"currency"', '"buckets"', "Committed"]) {
      expect(help.out).to.contain(field);
    }
  });

  it("starts a DisCO through the factory from a parameters file, prints its addresses and records it", async () => {
    const { currency } = await started();
    const [, , , , , , , , , , , founder, other] = await connection.ethers.getSigners();
    const founders = [
      { account: founder.address, stage: 5, constituency: 0, mentor: "0x0000000000000000000000000000000000000000" },
      { account: other.address, stage: 1, constituency: 0, mentor: "0x0000000000000000000000000000000000000000" },
    ];
    // As ignition/parameters/<network>.json holds it, under a module id.
    const path = parametersFile({ Coop: { name: "Coop", founders, currency } });
    const created = await cli("create", path, "--account", "3");
    expect(created.err).to.equal("");
    expect(created.status).to.equal(0);
    expect(created.out).to.match(/^Started the DisCO "Coop" in block \d+ \(tx 0x[0-9a-f]{64}\):/);
    expect(created.out).to.contain(`Recorded in `);

    const record = readDeploymentsFile(NETWORK)?.discos.Coop;
    expect(record, "recorded").to.not.equal(undefined);
    for (const name of ["governor", "timelock", "membership", "ledger", "treasury", "capital", "audit", "token"]) {
      expect(created.out).to.match(new RegExp(`^ {2}${name} +${record?.contracts[name].address}$`, "m"));
    }
    expect(record?.contracts.token.address).to.equal(getAddress(currency));
    const membership = await connection.ethers.getContractAt("Membership", record?.contracts.membership.address ?? "");
    expect(await membership.memberCount()).to.equal(2n);
    expect(await membership.isMember(founder.address)).to.equal(true);
    expect(await membership.isMember(other.address)).to.equal(true);
    expect(await membership.name()).to.equal("Coop");
    expect((await cli("members", "--disco", "Coop")).out).to.match(/^2 members \(1 binding\)/);
  });

  it("refuses a bad parameters file before sending anything, naming the field", async () => {
    const { currency } = await started();
    const { founders } = SMALL_PARAMETERS;
    const [deployer] = await connection.ethers.getSigners();
    const cases: Array<[unknown, RegExp]> = [
      [
        { name: "Coop", founders: founders.map((f) => ({ ...f, stage: 3 })), currency },
        /No Committed founder among the 2 founders: at least one must have "stage": 5/,
      ],
      [{ name: "Coop", founders, currency, buckets: [5000, 3000, 1000] }, /"buckets" sum to 9000/],
      [{ name: "Coop", founders, currency: deployer.address }, /"currency" 0x[0-9a-fA-F]{40} has no contract/],
      [{ name: "Coop", founders }, /"currency" is missing/],
      [{ name: "Demo DisCO", founders, currency }, /"name": deployments\/.*already records a DisCO "Demo DisCO"/],
      [{ One: { name: "A", founders, currency }, Two: { name: "B", founders, currency } }, /holds 2 entries/],
      [{ name: "Coop", founders: founders[0], currency }, /"founders" is not a list/],
    ];
    const client = publicClient(connection);
    for (const [parameters, message] of cases) {
      const before = await client.getBlockNumber();
      const path = parametersFile(parameters);
      const result = await cli("create", path, "--account", "0");
      expect(result.status, message.source).to.equal(1);
      expect(result.err, message.source).to.match(message);
      expect(result.err, message.source).to.contain(path);
      expect(await client.getBlockNumber(), message.source).to.equal(before);
    }
    expect(Object.keys(readDeploymentsFile(NETWORK)?.discos ?? {})).to.deep.equal(["Demo DisCO"]);
  });
});
