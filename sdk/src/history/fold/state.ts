/** The whole state the events tell, made of each domain's own. */
import type { Hex } from "viem";
import type { MemberEvent, MembersState } from "../../members.ts";
import { emptyAudit, type AuditState } from "./audit.ts";
import { emptyCapital, type CapitalState } from "./capital.ts";
import { emptyGovernance, type GovernanceState } from "./governance.ts";
import { emptyLedger, type LedgerState } from "./ledger.ts";
import type { MoneyMovement } from "./token.ts";
import { emptyTreasury, type Recovery, type TreasuryState } from "./treasury.ts";

/** Everything the events tell. Addresses as map keys are lowercase. */
export interface HistoryState {
  members: MembersState;
  /** Every membership event in chain order, former members' included: what the members were at any timepoint. */
  memberEvents: MemberEvent[];
  constituencies: Map<number, string>;
  /** The DisCO's public profile as its members last published it (Membership.setProfile); none before. */
  profile?: { uri: string; hash: Hex };
  ledger: LedgerState;
  governance: GovernanceState;
  treasury: TreasuryState;
  capital: CapitalState;
  movements: MoneyMovement[];
  /** The treasury's token balance the movements add up to. */
  treasuryBalance: bigint;
  audit: AuditState;
  /** Every token recovery, from any of the deployment's contracts, in chain order. */
  recoveries: Recovery[];
}

/** The state before any event. */
export const emptyHistoryState = (): HistoryState => ({
  members: { current: new Map(), former: new Map() },
  memberEvents: [],
  constituencies: new Map(),
  ledger: emptyLedger(),
  governance: emptyGovernance(),
  treasury: emptyTreasury(),
  capital: emptyCapital(),
  movements: [],
  treasuryBalance: 0n,
  audit: emptyAudit(),
  recoveries: [],
});
