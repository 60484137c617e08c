import { expect } from "chai";
import { compareFractions, exitStatus, fractionText, renderReport, type Fraction } from "@disco-ledger/sdk/audit";
import { PROPOSAL_STATES } from "@disco-ledger/sdk/governance";
import { Stream } from "@disco-ledger/sdk/ledger";
import { FUNDINGS } from "../../scripts/lib/seed.ts";
import { audited } from "../helpers/audit.ts";
import { recordedDemo } from "../helpers/demo.ts";
import { connection } from "../helpers/disco.ts";

const { loadFixture } = connection.networkHelpers;

const auditedDemo = audited(recordedDemo);

describe("audit of the seeded demo", () => {
  it("matches every figure in every part of the books, passes every check and exits 0", async () => {
    const { report } = await loadFixture(auditedDemo);
    expect(report.reconciliation.checks.filter((c) => !c.matched)).to.deep.equal([]);
    for (const [section, counts] of Object.entries(report.reconciliation.bySection)) {
      expect(counts.matched, section).to.be.greaterThan(0);
    }
    expect(report.summary).to.deep.equal({ mismatches: 0, brokenChecks: 0, ok: true });
    expect(exitStatus(report)).to.equal(0);
    const text = renderReport(report);
    expect(text).to.contain("RECONCILIATION: ");
    expect(text).to.contain(" 0 mismatched");
    expect(text).to.match(/RESULT: OK/);
  });

  it("computes each paid period's wage ratio from the figures the views give", async () => {
    const { report, ledger, treasury, state, audit: registry } = await loadFixture(auditedDemo);
    expect(report.wageRatio.map((w) => w.period)).to.deep.equal(FUNDINGS.map(([period]) => period));
    for (const check of report.wageRatio) {
      // Every member's paid hour from the views: pool x payable / period payable / hours, exact.
      const pool = await treasury.pool(check.period);
      const rates: Fraction[] = [];
      const unpaid: string[] = [];
      for (const member of state.ledger.memberPeriodTotals.keys()) {
        const totals = await ledger.memberPeriodTotals(member, check.period);
        const hours = totals.historical[Stream.Livelihood];
        if (hours === 0n) continue;
        const payable = totals.payable_[Stream.Livelihood];
        if (payable === 0n) unpaid.push(member);
        else rates.push({ num: pool.streamPools[0] * payable * 100n, den: pool.periodPayable[0] * hours });
      }
      rates.sort(compareFractions);
      const [worst, best] = [rates[0], rates.at(-1)!];
      const expected = { num: best.num * worst.den, den: best.den * worst.num };
      expect(compareFractions(check.ratio!, expected), `period ${check.period}`).to.equal(0);
      expect(check.unpaid.sort()).to.deep.equal(unpaid.sort());
      // The demo never changed its founding cap: the one in force at funding is the registry's.
      expect(check.capX100).to.equal(Number(await registry.wageRatioCap()));
      // Eli (Dating 2) is paid half a Committed member's hour: 2:1, within the founding 6:1.
      expect([check.ratioText, check.ok]).to.deep.equal(["2.00", true]);
    }
    // Gus, Dating 1, worked livelihood in period 2 for no pay: outside the ratio, named beside it.
    expect(report.wageRatio[1].unpaid).to.have.length(1);
    expect(fractionText(report.wageRatio[1].ratio!)).to.equal(report.wageRatio[1].ratioText);
  });

  it("re-decides every proposal as the governor did: its state, quorum and threshold by the decision table", async () => {
    const { report, governor, state } = await loadFixture(auditedDemo);
    expect(report.proposals.map((p) => p.proposalId)).to.deep.equal([...state.governance.proposals.keys()]);
    const now = await governor.clock();
    const states = [];
    for (const check of report.proposals) {
      const id = check.proposalId;
      expect(check.state, check.description).to.equal(PROPOSAL_STATES[Number(await governor.state(id))]);
      states.push(check.state);
      if (check.snapshot < now) expect(check.quorum.required).to.equal(await governor.quorum(check.snapshot));
      const t = await governor.proposalTally(id);
      expect(BigInt(check.quorum.participation)).to.equal(t.forVotes + t.againstVotes + t.abstainVotes + t.blockVotes);
      if (check.state === "Executed") expect(check.quorum.reached && check.threshold.passed).to.equal(true);
      expect(check.ok).to.equal(true);
      expect(check.ineligibleVotes).to.deep.equal([]);
    }
    // The auditor's appointment, Gus, Hana's blocked consent, the year's accounts, the open vote.
    expect(states).to.deep.equal(["Executed", "Executed", "Defeated", "Executed", "Active"]);
    const blocked = report.proposals[2];
    expect([blocked.kind, blocked.quorum.reached, blocked.threshold.passed]).to.deep.equal(["Consent", true, false]);
    expect(blocked.threshold.rule).to.equal("consent: For > Against and no binding Block");
  });

  it("traces every token that left the treasury to a claim or a cash claim, and every one that came in", async () => {
    const { report, treasury } = await loadFixture(auditedDemo);
    const { money } = report;
    expect(money.ok).to.equal(true);
    expect(money.untraced).to.deep.equal([]);
    expect(money.unreferenced).to.deep.equal([]);
    expect(money.unpaid).to.deep.equal([]);
    const out = money.movements.filter((m) => m.direction === "out");
    expect(out.length).to.be.greaterThan(0);
    // What the claims paid out is what was funded less what is still owed, by the treasury's own views.
    let funded = 0n;
    for (const [period] of FUNDINGS) funded += (await treasury.pool(period)).funded;
    const claimed = out.filter((m) => m.tracedTo === "claim").reduce((sum, m) => sum + m.amount, 0n);
    expect(claimed).to.equal(funded - (await treasury.owed()));
    expect(new Set(out.map((m) => m.tracedTo))).to.deep.equal(new Set(["claim", "cash"]));
  });
});
