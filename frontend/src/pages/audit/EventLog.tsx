/**
 * The whole event history, newest first, filtered by person, period and kind, fifty to a page: only one page is
 * rendered, so a history of 100,000 events stays as quick as a short one.
 */
import { useMemo, useState } from "react";
import type { DecodedEvent, HistoryState } from "@disco-ledger/sdk/history";
import { shortAddress } from "@disco-ledger/sdk/format";
import { useLang, useT } from "../../i18n.tsx";
import { useNames } from "../../wallet/names.ts";
import { Empty, Person, Section, ScrollArea } from "../../ui/kit.tsx";
import { When } from "../../ui/When.tsx";
import { useLabels } from "../me/labels.ts";
import { periodOpenings } from "../treasury/flows.ts";
import {
  argDisplay,
  eventKinds,
  filterEvents,
  involvedIn,
  pageOf,
  periodOfEvent,
  type EntryAuthors,
  type EventFilter,
} from "./filters.ts";
import { messages } from "./messages.ts";

const PAGE_SIZE = 50;

/** Everyone the books know: members past and present, who paid in or was paid, auditors. */
function peopleOf(state: HistoryState): string[] {
  const people = new Set<string>();
  for (const key of state.members.current.keys()) people.add(key);
  for (const key of state.members.former.keys()) people.add(key);
  for (const m of state.movements) people.add((m.direction === "in" ? m.from : m.to).toLowerCase());
  for (const a of state.audit.auditors) people.add(a);
  return [...people];
}

export function EventLog({ events, state }: { events: readonly DecodedEvent[]; state: HistoryState }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const names = useNames();
  const [filter, setFilter] = useState<EventFilter>({});
  const [page, setPage] = useState(0);
  const openings = useMemo(() => periodOpenings(events), [events]);
  const authors: EntryAuthors = useMemo(
    () => new Map([...state.ledger.entries.values()].map((e) => [e.id, e.author] as const)),
    [state],
  );
  // Each kind counted among the events the other filters leave.
  const kinds = useMemo(
    () => eventKinds(events, filterEvents(events, { ...filter, kind: undefined }, openings, authors)),
    [events, filter, openings, authors],
  );
  const people = useMemo(() => peopleOf(state), [state]);
  const matching = useMemo(
    () => filterEvents(events, filter, openings, authors).reverse(),
    [events, filter, openings, authors],
  );
  const shown = pageOf(matching, page, PAGE_SIZE);
  const periods = Array.from({ length: state.ledger.currentPeriod }, (_, i) => state.ledger.currentPeriod - i);
  const label = (address: string) => {
    const name = names(address);
    return name ? `${name} ${shortAddress(address)}` : address;
  };
  const sortedPeople = [...people].sort((a, b) => label(a).localeCompare(label(b)));
  const update = (next: EventFilter) => {
    setFilter(next);
    setPage(0);
  };

  return (
    <Section title={t("eventsTitle")}>
      <p>{t("eventsIntro")}</p>
      <form className="event-filters" onSubmit={(e) => e.preventDefault()} data-testid="event-filters">
        <label>
          {t("member")}
          <select
            name="member"
            value={filter.member ?? ""}
            onChange={(e) => update({ ...filter, member: e.target.value || undefined })}
          >
            <option value="">{t("anyone")}</option>
            {sortedPeople.map((p) => (
              <option key={p} value={p}>
                {label(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("period")}
          <select
            name="period"
            value={filter.period ?? ""}
            onChange={(e) => update({ ...filter, period: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t("anyPeriod")}</option>
            {periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("kind")}
          <select
            name="kind"
            value={filter.kind ?? ""}
            onChange={(e) => update({ ...filter, kind: e.target.value || undefined })}
          >
            <option value="">{t("anyKind")}</option>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.kind} ({k.count})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => update({})}
          disabled={!filter.member && filter.period === undefined && !filter.kind}
        >
          {t("clear")}
        </button>
      </form>
      <p role="status" className="audit-meta" data-testid="event-count" data-total={shown.total}>
        {t("showing", { from: shown.from, to: shown.to, total: shown.total })}
      </p>
      {shown.total === 0 ? (
        <Empty>{t("noEvents")}</Empty>
      ) : (
        <ScrollArea label={t("tableOf", { name: t("eventsTitle") })}>
          <table data-testid="event-log" className="event-log">
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("event")}</th>
                <th scope="col">{t("involved")}</th>
                <th scope="col">{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.items.map((e) => (
                <tr key={`${e.block}-${e.logIndex}`} data-kind={`${e.contract}.${e.name}`}>
                  <td data-label={t("when")}>
                    <When block={e.block} tx={e.txHash} />
                  </td>
                  <td className="num" data-label={t("period")}>
                    {periodOfEvent(e, openings)}
                  </td>
                  <td>
                    <span className="event-contract">{e.contract}.</span>
                    <strong>{e.name}</strong>
                  </td>
                  <td>
                    {[...involvedIn(e, authors)].map((a) => (
                      <div key={a}>
                        <Person address={a} />
                      </div>
                    ))}
                  </td>
                  <td className="event-args">
                    {Object.entries(e.args)
                      .map(([k, v]) => `${k}: ${argDisplay(e, k, v, lang, labels.stream)}`)
                      .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {shown.pages > 1 ? (
        <nav className="row pager" aria-label={t("pageOf", { page: shown.page + 1, pages: shown.pages })}>
          <button
            type="button"
            className="secondary"
            disabled={shown.page === 0}
            onClick={() => setPage(shown.page - 1)}
          >
            {t("previous")}
          </button>
          <span>{t("pageOf", { page: shown.page + 1, pages: shown.pages })}</span>
          <button
            type="button"
            className="secondary"
            disabled={shown.page >= shown.pages - 1}
            onClick={() => setPage(shown.page + 1)}
          >
            {t("next")}
          </button>
        </nav>
      ) : null}
    </Section>
  );
}
