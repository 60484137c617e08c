import { expect } from "chai";
import { parseUnits } from "ethers";
import { auditTables, csvField, decimalUnits, tableJson, toCsv, type Table } from "@disco-ledger/sdk/audit";
import type { Deployment } from "../../scripts/lib/deployments.ts";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { parseAmount } from "@disco-ledger/sdk/ledger";
import { audit, AWKWARD_REASON, csvObjects, governedDisCO, parseCsv } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";

const { loadFixture } = connection.networkHelpers;

/** Each table of an audit as the objects its CSV reads back into, by table name. */
async function exported(disco: { deployment: Deployment; state: HistoryState }) {
  const blockTimes = new Map<number, bigint>();
  const report = await audit(disco.deployment, disco.state, blockTimes);
  const tables = auditTables(disco.state, report, blockTimes);
  const csv = Object.fromEntries(tables.map((t) => [t.name, csvObjects(toCsv(t))]));
  return { report, tables, csv };
}

async function exportedDemo() {
  const demo = await recordedDemo();
  return { ...demo, ...(await exported(demo)) };
}

const sum = (rows: Array<Record<string, string>>, column: string) =>
  rows.reduce((total, row) => total + BigInt(row[column]), 0n);

describe("audit exports", () => {
  it("writes RFC 4180 CSV that reads back to the same cells: commas, quotes, line breaks, formulas defused", () => {
    const table: Table = {
      name: "t",
      columns: [{ name: "id" }, { name: "reason", text: true }, { name: "amount" }],
      rows: [
        [1, 'a "quoted", and\r\nbroken reason', "-12.50"],
        [2, "=HYPERLINK(1)", null],
        [3, "plain", true],
      ],
    };
    const text = toCsv(table);
    expect(text.startsWith("\uFEFFid,reason,amount\r\n")).to.equal(true);
    expect(parseCsv(text)).to.deep.equal([
      ["id", "reason", "amount"],
      ["1", 'a "quoted", and\r\nbroken reason', "-12.50"],
      // Text that a spreadsheet would run is kept as text; a number column is left as it is.
      ["2", "'=HYPERLINK(1)", ""],
      ["3", "plain", "true"],
    ]);
    expect(csvField("x,y")).to.equal('"x,y"');
    expect(csvField('say "hi"')).to.equal('"say ""hi"""');
    expect(JSON.parse(tableJson(table))[1]).to.deep.equal({ id: 2, reason: "=HYPERLINK(1)", amount: null });
    expect(decimalUnits(1_500_000n, 6)).to.equal("1.500000");
    expect(decimalUnits(12n, 0)).to.equal("12");
    expect(decimalUnits(10n ** 30n + 1n, 18)).to.equal("1000000000000.000000000000000001");
  });

  it("exports every table with its header, and totals that equal the contracts' views", async () => {
    const { csv, tables, report, token, treasury, ledger, membership, capital, state, signers } =
      await loadFixture(exportedDemo);
    expect(tables.map((t) => t.name)).to.deep.equal([
      "members",
      "entries",
      "periods",
      "proposals",
      "votes",
      "movements",
      "capital-accounts",
      "allocations",
      "redemptions",
    ]);
    for (const t of tables) expect(csv[t.name].length, t.name).to.equal(t.rows.length);

    // Money: in less out is the treasury's balance; what claims paid is what was funded less what is owed.
    const moves = csv.movements;
    const [ins, outs] = [moves.filter((m) => m.direction === "in"), moves.filter((m) => m.direction === "out")];
    expect(sum(ins, "amountRaw") - sum(outs, "amountRaw")).to.equal(await token.balanceOf(treasury.getAddress()));
    const funded = sum(csv.periods, "fundedRaw");
    const claims = outs.filter((m) => m.tracedTo === "claim");
    expect(sum(claims, "amountRaw")).to.equal(funded - (await treasury.owed()));
    expect(sum(csv.periods, "claimedRaw")).to.equal(sum(claims, "amountRaw"));
    for (const row of moves) expect(parseUnits(row.amount, report.currency.decimals)).to.equal(BigInt(row.amountRaw));

    // The ledger: every entry, and each closed period's counted historical livelihood as the ledger totals it.
    expect(BigInt(csv.entries.length)).to.equal(await ledger.entryCount());
    for (const period of csv.periods) {
      const totals = await ledger.periodTotals(Number(period.period));
      expect(parseAmount(period.historicalLivelihood)).to.equal(totals.historical[0]);
      expect(BigInt(period.payableCareRaw)).to.equal(totals.payable_[2]);
    }
    const counted = csv.entries.filter((e) => e.period === "1" && e.status === "Counted" && e.stream === "Livelihood");
    expect(sum(counted, "amountRaw")).to.equal((await ledger.periodTotals(1)).historical[0]);

    // Members, current and former; the capital redemption scheduled for the one who left.
    expect(BigInt(csv.members.filter((m) => m.status === "member").length)).to.equal(await membership.memberCount());
    const [leaver] = csv.members.filter((m) => m.status === "left");
    const scheduled = csv.redemptions.filter((r) => r.event === "scheduled" && r.member === leaver.account);
    expect(sum(scheduled, "amountRaw")).to.equal((await capital.redemptionOf(leaver.account, 0)).total);

    // Dates: ISO 8601 where the block's time is known; raw amounts are plain integers, never 1e+21.
    const opened = state.ledger.periods.get(1)!.openedAt;
    expect(csv.periods[0].openedAt).to.equal(new Date(Number(opened) * 1000).toISOString());
    for (const row of csv.entries) expect(row.loggedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    for (const t of Object.values(csv)) {
      for (const row of t) {
        for (const [column, value] of Object.entries(row)) {
          if (column.endsWith("Raw")) expect(value, column).to.match(/^\d+$/);
        }
      }
    }
    expect(
      csv.votes.some((v) => v.voter === signers[3].address && v.reason.startsWith("We have not met Hana")),
    ).to.equal(true);
  });

  it("keeps members' free text intact through CSV: reasons with commas, quotes, line breaks and formulas", async () => {
    const disco = await loadFixture(governedDisCO);
    const { csv } = await exported(disco);
    const reasons = Object.fromEntries(csv.votes.map((v) => [v.voter, v.reason]));
    expect(reasons[disco.alice.address]).to.equal(AWKWARD_REASON);
    expect(reasons[disco.bob.address]).to.equal("Too dear; shop around first");
    // A reason a spreadsheet would read as a formula (-1...) comes back as text.
    expect(reasons[disco.dave.address]).to.equal("'-1 for the host, +1 for the rent");
    const spend = csv.movements.find((m) => m.tracedTo === "spend")!;
    expect([spend.detail, BigInt(spend.proposalId)]).to.deep.equal(["Server rent, March", disco.proposals.spend]);
    expect(spend.proposalId).to.match(/^0x[0-9a-f]{64}$/);
    const periods = Object.fromEntries(
      csv.periods.map((p) => [p.period, [p.wageRatio, p.wageRatioCap, p.wageRatioOk]]),
    );
    expect(periods["4"]).to.deep.equal(["2.00", "1.00", "false"]);
  });
});
