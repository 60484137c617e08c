/** The audit registry's events: the wage ratio cap, who may attest, and each period's attestations. */
import { keccak256, toHex } from "viem";
import type { DecodedEvent } from "../decode.ts";
import { getOrMake, impossible, lower, place, type FoldContext, type Place } from "./context.ts";
import { periodOf } from "./ledger.ts";

/** One audit of one period's books, as AuditRegistry.PeriodAttested records it. */
export interface Attestation extends Place {
  period: number;
  auditor: string;
  reportHash: string;
  uri: string;
}

/** The audit registry: the wage ratio cap and its history, attestations per period, who may attest. */
export interface AuditState {
  /** The cap in force, times 100 (600 is 6:1); null before the registry set one. */
  wageRatioCap: number | null;
  /** Every cap set, in order: a funded period is checked against the one in force when it was funded. */
  capHistory: Array<Place & { capX100: number }>;
  /** Period to its attestations, in the order they were recorded. */
  attestations: Map<number, Attestation[]>;
  /** Current AUDITOR_ROLE holders (lowercase). */
  auditors: Set<string>;
}

/** AuditRegistry.AUDITOR_ROLE. */
export const AUDITOR_ROLE = keccak256(toHex("AUDITOR_ROLE"));

export const emptyAudit = (): AuditState => ({
  wageRatioCap: null,
  capHistory: [],
  attestations: new Map(),
  auditors: new Set(),
});

/** Folds one audit registry event. */
export function foldAudit(context: FoldContext, e: DecodedEvent<"audit">): void {
  const { audit } = context.state;
  switch (e.name) {
    case "WageRatioCapSet":
      audit.wageRatioCap = e.args.capX100;
      audit.capHistory.push({ ...place(e), capX100: audit.wageRatioCap });
      break;
    case "RoleGranted":
      if (e.args.role === AUDITOR_ROLE) audit.auditors.add(lower(e.args.account));
      break;
    case "RoleRevoked":
      if (e.args.role === AUDITOR_ROLE) audit.auditors.delete(lower(e.args.account));
      break;
    case "PeriodAttested": {
      const { period, auditor, reportHash, uri } = e.args;
      if (!audit.auditors.has(lower(auditor))) throw impossible(e, `${auditor} attested without AUDITOR_ROLE`);
      if (periodOf(context, e, period).closedAt === null)
        throw impossible(e, `period ${period} attested before it closed`);
      getOrMake(audit.attestations, period, () => []).push({ ...place(e), period, auditor, reportHash, uri });
      break;
    }
  }
}
