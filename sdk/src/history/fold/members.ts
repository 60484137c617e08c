/**
 * The membership's events: every member's admission, stage, constituency and leaving, the constituencies' names and
 * the DisCO's public profile.
 */
import type { MemberEvent } from "../../members.ts";
import type { DecodedEvent } from "../decode.ts";
import type { FoldContext } from "./context.ts";

const at = (e: DecodedEvent) => ({ block: e.block, logIndex: e.logIndex });

/** Folds one membership event into the member events (which members.ts folds into members) and constituencies. */
export function foldMembership({ state }: FoldContext, e: DecodedEvent<"membership">): void {
  const push = (event: MemberEvent) => state.memberEvents.push(event);
  switch (e.name) {
    case "MemberAdmitted": {
      const { account, stage, constituency, mentor } = e.args;
      push({ kind: "MemberAdmitted", ...at(e), account, stage, constituency, mentor });
      break;
    }
    case "MemberStageChanged":
      push({
        kind: "MemberStageChanged",
        ...at(e),
        account: e.args.account,
        stage: e.args.newStage,
        mentor: e.args.mentor,
      });
      break;
    case "MemberConstituencyChanged":
      push({
        kind: "MemberConstituencyChanged",
        ...at(e),
        account: e.args.account,
        constituency: e.args.newConstituency,
      });
      break;
    case "MemberRemoved":
      push({ kind: "MemberRemoved", ...at(e), account: e.args.account, reason: e.args.reason });
      break;
    case "MemberLeft":
      push({ kind: "MemberLeft", ...at(e), account: e.args.account });
      break;
    case "ConstituencyNamed":
      state.constituencies.set(e.args.constituency, e.args.name);
      break;
    case "ProfileSet":
      state.profile = e.args.uri === "" ? undefined : { uri: e.args.uri, hash: e.args.hash };
      break;
  }
}
