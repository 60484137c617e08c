/**
 * Work: log an entry, review others' (approve, dispute with a reason, withdraw my own), and browse every entry by
 * member, period, stream and status. Every action shows its transaction's status; results come from the history.
 */
import { useConnection } from "wagmi";
import type { EntryStatusLabel } from "@disco-ledger/sdk/history";
import { useBooks, useHistory } from "../../data/history.tsx";
import { useRoute } from "../../route.ts";
import { Loading } from "../../ui/kit.tsx";
import "../me/me.css";
import { EntriesTable } from "./EntriesTable.tsx";
import type { EntryFilter } from "./entries.ts";
import { LogWork } from "./LogWork.tsx";
import { ReviewQueue } from "./ReviewQueue.tsx";
import "./work.css";

/** The table's first filters from the address (#/work?member=0x…&period=2), else the open period's entries. */
function initialFilter(params: URLSearchParams, currentPeriod: number): EntryFilter {
  const period = Number(params.get("period"));
  const stream = params.get("stream");
  return {
    member: params.get("member") ?? undefined,
    period: Number.isInteger(period) && period > 0 ? period : params.has("member") ? undefined : currentPeriod,
    stream: stream !== null && /^[012]$/.test(stream) ? Number(stream) : undefined,
    status: (params.get("status") as EntryStatusLabel | null) ?? undefined,
  };
}

export default function WorkPage() {
  const books = useBooks();
  const { progress } = useHistory();
  const { address } = useConnection();
  const { params } = useRoute();
  if (!books) return <Loading progress={progress} />;
  return (
    <div className="work-page">
      {/* Keyed by the person: switching accounts starts afresh, no message of the previous person's lingers. */}
      <div className="grid" key={address ?? "nobody"}>
        <LogWork books={books} address={address} />
        <ReviewQueue books={books} address={address} />
      </div>
      <EntriesTable books={books} address={address} initial={initialFilter(params, books.ledger.currentPeriod)} />
    </div>
  );
}
