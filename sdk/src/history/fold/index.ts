/**
 * The DisCO's state as its events tell it: a pure fold of decoded events, so the same history gives the same books
 * in a script, a test or the browser. Each contract's events fold in their domain's module; this dispatches them.
 * Throws, naming block and log index, on a sequence the contracts could not have emitted.
 */
import { foldMembers } from "../../members.ts";
import type { DecodedEvent } from "../decode.ts";
import { lower, type FoldContext } from "./context.ts";
import { foldAudit } from "./audit.ts";
import { foldCapital, settleCapital } from "./capital.ts";
import { foldGovernor, foldTimelock } from "./governance.ts";
import { foldLedger } from "./ledger.ts";
import { foldMembership } from "./members.ts";
import { emptyHistoryState, type HistoryState } from "./state.ts";
import { foldToken } from "./token.ts";
import { foldRecovery, foldTreasury } from "./treasury.ts";

export type { Place } from "./context.ts";
export { AUDITOR_ROLE, type Attestation, type AuditState } from "./audit.ts";
export {
  RAY,
  type CapitalAccount,
  type CapitalSettings,
  type CapitalState,
  type CapitalYear,
  type Redemption,
  type SurplusSplit,
} from "./capital.ts";
export type { GovernanceState, Proposal, SupportLabel, Tally, TimelockOperation, Vote } from "./governance.ts";
export type { EntryStatusLabel, LedgerEntry, LedgerState, PerStream, PeriodState, Totals } from "./ledger.ts";
export { emptyHistoryState, type HistoryState } from "./state.ts";
export type { MoneyMovement } from "./token.ts";
export type { Funding, Recovery, TreasuryState } from "./treasury.ts";

/**
 * Everything a fold goes on from: the state, and the one figure the folds keep beside it (the folds' other inputs,
 * the treasury's address and the events, are the deployment's and the chain's). What a saved folder keeps.
 */
export interface FoldProgress {
  state: HistoryState;
  /** The first entry id logged in the open period (FoldContext.firstOpenEntry). */
  firstOpenEntry: bigint;
}

/** A state folded so far, and how to fold the events that come after it. */
export interface EventFolder {
  readonly state: HistoryState;
  /** Folds events that come, in chain order, after every event folded so far. */
  fold(events: readonly DecodedEvent[]): void;
  /** Where the fold stands, to go on from later (`createEventFolder(treasury, progress)`); throws after a failure. */
  progress(): FoldProgress;
}

/**
 * A fold that goes on from where it stopped: each call folds only the events given, so a new block costs its own
 * events, not the history's. `treasury` is the treasury's address, which tells the token's transfers in from those
 * out; `from`, a fold's progress to go on from (its state is folded onto in place), by default the empty history.
 * After a call throws, the state is half folded and the folder refuses more.
 */
export function createEventFolder(treasury: string, from?: FoldProgress): EventFolder {
  const context: FoldContext = {
    state: from?.state ?? emptyHistoryState(),
    treasury: lower(treasury),
    firstOpenEntry: from?.firstOpenEntry ?? 1n,
  };
  const { state } = context;
  let broken: Error | undefined;
  const refuseIfBroken = () => {
    if (broken) throw new Error("A fold failed before; fold the history again from the start", { cause: broken });
  };
  return {
    state,
    progress() {
      refuseIfBroken();
      return { state, firstOpenEntry: context.firstOpenEntry };
    },
    fold(events) {
      refuseIfBroken();
      const memberEvents = state.memberEvents.length;
      try {
        for (const e of events) {
          if (e.name === "TokensRecovered") {
            foldRecovery(context, e);
            continue;
          }
          switch (e.contract) {
            case "membership":
              foldMembership(context, e);
              break;
            case "ledger":
              foldLedger(context, e);
              break;
            case "governor":
              foldGovernor(context, e);
              break;
            case "timelock":
              foldTimelock(context, e);
              break;
            case "treasury":
              foldTreasury(context, e);
              break;
            case "capital":
              foldCapital(context, e);
              break;
            case "audit":
              foldAudit(context, e);
              break;
            case "token":
              foldToken(context, e);
              break;
          }
        }
        // Membership events are few: the members are folded again from all of them when any is new.
        if (state.memberEvents.length !== memberEvents) state.members = foldMembers(state.memberEvents);
        settleCapital(state.capital);
      } catch (error) {
        broken = error as Error;
        throw error;
      }
    },
  };
}

/** Folds a deployment's decoded events, in chain order, into its state. Pure: no provider, no clock. */
export function foldHistory(events: readonly DecodedEvent[], treasury: string): HistoryState {
  const folder = createEventFolder(treasury);
  folder.fold(events);
  return folder.state;
}
