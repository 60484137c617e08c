/** Members as the Membership contract's events describe them: a pure fold, so any log source can feed it. */
import type { Lang } from "./format.ts";

export const STAGES = ["None", "Casual", "Dating1", "Dating2", "Dating3", "Committed"] as const;
export type StageLabel = (typeof STAGES)[number];
/** The stages' names in the members' languages, by index (IMembership.Stage). */
export const STAGE_NAMES: Record<Lang, readonly string[]> = {
  en: ["Not a member", "Casual", "Dating 1", "Dating 2", "Dating 3", "Committed"],
  es: ["No es socia", "Ocasional", "En prueba 1", "En prueba 2", "En prueba 3", "Comprometida"],
};

/** Where an event is in the chain; `logIndex`, when known, is named in errors. */
type Place = { block: number; logIndex?: number };

export type MemberEvent = Place &
  (
    | { kind: "MemberAdmitted"; account: string; stage: number; constituency: number; mentor: string }
    | { kind: "MemberStageChanged"; account: string; stage: number; mentor: string }
    | { kind: "MemberConstituencyChanged"; account: string; constituency: number }
    | { kind: "MemberRemoved"; account: string; reason: string }
    | { kind: "MemberLeft"; account: string }
  );

export interface MemberState {
  account: string;
  stage: StageLabel;
  constituency: number;
  mentor: string | null;
  joinedBlock: number;
  history: MemberEvent[];
}

export interface MembersState {
  current: Map<string, MemberState>;
  /** Members who left or were removed, with their last record. */
  former: Map<string, MemberState & { endedBlock: number; reason: string | null }>;
}

const ZERO = "0x0000000000000000000000000000000000000000";
const mentorOf = (mentor: string) => (mentor === ZERO ? null : mentor);
const where = (event: MemberEvent) =>
  event.logIndex === undefined ? `block ${event.block}` : `block ${event.block}, log ${event.logIndex}`;

/** Folds events, in chain order, into the member list. Throws on a sequence the contract could not have emitted. */
export function foldMembers(events: readonly MemberEvent[]): MembersState {
  const state: MembersState = { current: new Map(), former: new Map() };
  for (const event of events) {
    const key = event.account.toLowerCase();
    if (event.kind === "MemberAdmitted") {
      if (state.current.has(key)) throw new Error(`${event.account} admitted twice (${where(event)})`);
      state.former.delete(key);
      state.current.set(key, {
        account: event.account,
        stage: STAGES[event.stage],
        constituency: event.constituency,
        mentor: mentorOf(event.mentor),
        joinedBlock: event.block,
        history: [event],
      });
      continue;
    }
    const member = state.current.get(key);
    if (!member) throw new Error(`${event.kind} for non-member ${event.account} (${where(event)})`);
    member.history.push(event);
    if (event.kind === "MemberStageChanged") {
      member.stage = STAGES[event.stage];
      member.mentor = mentorOf(event.mentor);
    } else if (event.kind === "MemberConstituencyChanged") {
      member.constituency = event.constituency;
    } else {
      state.current.delete(key);
      state.former.set(key, {
        ...member,
        endedBlock: event.block,
        reason: event.kind === "MemberRemoved" ? event.reason : null,
      });
    }
  }
  return state;
}
