/**
 * The audit: the books rebuilt from the events, reconciled with the contracts by the scripts' own audit module
 * (the same report `npm run audit` prints), its files to download, and the whole event history to search. Loaded
 * only when visited.
 */
import { useHistory } from "../../data/history.tsx";
import type { LoadedHistory } from "../../data/loader.ts";
import { Loading } from "../../ui/kit.tsx";
import "./audit.css";
import { EventLog } from "./EventLog.tsx";
import { Exports } from "./Exports.tsx";
import { Reconciliation } from "./Reconciliation.tsx";
import { useAudit } from "./useAudit.ts";

export default function AuditPage() {
  const { loaded, progress } = useHistory();
  if (!loaded) return <Loading progress={progress} />;
  return <Audit loaded={loaded} />;
}

function Audit({ loaded }: { loaded: LoadedHistory }) {
  const audit = useAudit(loaded);
  return (
    <div className="audit-page">
      <Reconciliation audit={audit} lastBlock={loaded.lastBlock} />
      <Exports run={audit.run} />
      <EventLog events={loaded.events} state={loaded.state} />
    </div>
  );
}
