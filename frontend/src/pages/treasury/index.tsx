/**
 * The treasury: when the open period should close (everyone, and what of theirs would lapse), where the money is and
 * where it went, the treasurer's desk (closing periods, funding them, closing years) and a client's payment in.
 * Figures come from the folded history; what the events don't carry is read from the contracts at the same block.
 * The DisCO's mutual-credit payments and settlements are listed beside the money's movements, marked, outside its
 * balance and totals.
 */
import { useMemo } from "react";
import { creditFlowsOf } from "@disco-ledger/sdk/credit";
import { useHistory } from "../../data/history.tsx";
import { useT } from "../../i18n.tsx";
import { Loading, Section, Stat } from "../../ui/kit.tsx";
import { useChainClock } from "../../ui/clock.ts";
import { useMoneyViews } from "./chain.ts";
import { creditMovements, flowsByPeriod, flowsOf, fundingTable, periodOpenings, type PeriodOpenings } from "./flows.ts";
import { messages } from "./messages.ts";
import { Euros } from "./Euros.tsx";
import { Owed } from "./Owed.tsx";
import { PayIn } from "./PayIn.tsx";
import { PeriodNotice } from "./PeriodNotice.tsx";
import { FundingTable, Movements, PeriodFlows } from "./Tables.tsx";
import { TreasurerDesk } from "./TreasurerDesk.tsx";
import { useFederations } from "../federation/data.ts";
import { useCredits } from "../credit/data.ts";
import { OURS } from "../credit/ours.ts";
import "./treasury.css";

export default function TreasuryPage() {
  const { loaded, progress } = useHistory();
  if (!loaded) return <Loading progress={progress} />;
  return <Treasury loaded={loaded} />;
}

function Treasury({ loaded }: { loaded: NonNullable<ReturnType<typeof useHistory>["loaded"]> }) {
  const t = useT(messages);
  const { state, events, lastBlock } = loaded;
  const views = useMoneyViews(lastBlock);
  const openings = useMemo(() => periodOpenings(events), [events]);
  const flows = useMemo(() => flowsOf(state, openings), [state, openings]);
  const perPeriod = useMemo(() => flowsByPeriod(flows, state.ledger.currentPeriod), [flows, state]);
  const { now } = useChainClock();
  const funding = useMemo(() => fundingTable(state, now), [state, now]);
  const credit = useCreditMovements(openings);
  const totalIn = flows.reduce((s, f) => (f.direction === "in" ? s + f.amount : s), 0n);
  const totalOut = flows.reduce((s, f) => (f.direction === "out" ? s + f.amount : s), 0n);
  const unallocated = state.treasuryBalance - state.treasury.owed - state.capital.held;
  // The hint goes inside the <dd>: a <dl> may hold only dt/dd groups (axe), and Stat's own hint sits beside them.
  const euros = (amount: bigint, hint?: string) => (
    <>
      <Euros amount={amount} />
      {hint ? <small className="stat-hint">{hint}</small> : null}
    </>
  );
  return (
    <div className="treasury-page">
      <PeriodNotice state={state} now={now} />
      <Section title={t("overview")}>
        <dl className="stats" data-testid="treasury-overview">
          <Stat label={t("balance")} value={euros(state.treasuryBalance, t("balanceHint"))} />
          <Stat label={t("owedMembers")} value={euros(state.treasury.owed, t("owedMembersHint"))} />
          <Stat label={t("heldCapital")} value={euros(state.capital.held, t("heldCapitalHint"))} />
          <Stat label={t("unallocated")} value={euros(unallocated, t("unallocatedHint"))} />
          <Stat label={t("totalIn")} value={euros(totalIn)} />
          <Stat label={t("totalOut")} value={euros(totalOut)} />
        </dl>
      </Section>
      <TreasurerDesk state={state} views={views} now={now} />
      <PayIn />
      <Owed views={views} />
      <PeriodFlows rows={perPeriod} />
      <FundingTable rows={funding} />
      <Movements flows={flows} credit={credit} />
    </div>
  );
}

/** The DisCO's mutual-credit payments and settlements in every federation's network, in the periods they fell in. */
function useCreditMovements(openings: PeriodOpenings) {
  const federations = useFederations().data ?? [];
  const networks = useCredits(federations);
  return creditMovements(
    networks.flatMap((n) => (n.data ? creditFlowsOf(n.data, OURS) : [])),
    openings,
  );
}
