/** Every entry, filtered by member, period, stream and status, with the counted totals of what is shown. */
import { useState } from "react";
import type { EntryStatusLabel, HistoryState } from "@disco-ledger/sdk/history";
import { ENTRY_STATUSES } from "@disco-ledger/sdk/ledger";
import { pluralForm, shortAddress, workAmount } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { Empty, Person, ScrollArea } from "../../ui/kit.tsx";
import { useNames } from "../../wallet/names.ts";
import { STREAM_INDEXES, useLabels } from "../me/labels.ts";
import { StreamTotals } from "../me/StreamTotals.tsx";
import { Approvals, EntryAmount, LoggedOn, Note, StatusTag } from "./EntryBits.tsx";
import { countedTotals, filterEntries, type EntryFilter } from "./entries.ts";
import { useBlockTimes } from "../../data/blockTimes.ts";

const messages = defineMessages(
  {
    title: "Entries",
    member: "Member",
    period: "Period",
    stream: "Stream",
    status: "Status",
    all: "All",
    allMembers: "Everyone",
    me: "Me",
    id: "#",
    work: "Work",
    payable: "Payable",
    approvals: "Review",
    note: "Note",
    logged: "Logged",
    shownOne: "{count} entry",
    shownOther: "{count} entries",
    none: "No entry matches these filters.",
    totals: "Counted totals of the entries shown",
    counted: "Counted",
    periodOpen: "{period} (open)",
    reset: "Show all",
  },
  {
    title: "Entradas",
    member: "Persona",
    period: "Periodo",
    stream: "Corriente",
    status: "Estado",
    all: "Todas",
    allMembers: "Todo el mundo",
    me: "Yo",
    id: "N.º",
    work: "Trabajo",
    payable: "Pagable",
    approvals: "Revisión",
    note: "Nota",
    logged: "Registrada",
    shownOne: "{count} entrada",
    shownOther: "{count} entradas",
    none: "Ninguna entrada coincide con estos filtros.",
    totals: "Totales contados de las entradas mostradas",
    counted: "Contado",
    periodOpen: "{period} (abierto)",
    reset: "Mostrar todas",
  },
);

// Every status an entry can have ("None" is no entry).
const STATUSES = ENTRY_STATUSES.slice(1);

export function EntriesTable({
  books,
  address,
  initial,
}: {
  books: HistoryState;
  address?: string;
  initial: EntryFilter;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const names = useNames();
  const [filter, setFilter] = useState<EntryFilter>(initial);
  const set = (patch: Partial<EntryFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const authors = new Map<string, string>();
  for (const entry of books.ledger.entries.values()) authors.set(entry.author.toLowerCase(), entry.author);
  for (const member of books.members.current.values()) authors.set(member.account.toLowerCase(), member.account);
  const people = [...authors.values()]
    .map((account) => ({ account, name: names(account) ?? shortAddress(account) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const periods = Array.from({ length: books.ledger.currentPeriod }, (_, i) => books.ledger.currentPeriod - i);

  const rows = filterEntries(books.ledger, filter);
  const totals = countedTotals(rows);
  const times = useBlockTimes(rows.map((e) => e.logged.block));
  const loggedAt = (block: number) => times.get(block);

  return (
    <section className="card" aria-labelledby="entries-title">
      <header className="card-head">
        <h2 id="entries-title">{t("title")}</h2>
        <button type="button" className="link" onClick={() => setFilter({})}>
          {t("reset")}
        </button>
      </header>
      <div className="filters">
        <label>
          {t("member")}
          <select
            name="member"
            value={filter.member?.toLowerCase() ?? ""}
            onChange={(e) => set({ member: e.target.value || undefined })}
          >
            <option value="">{t("allMembers")}</option>
            {people.map((p) => (
              <option key={p.account} value={p.account.toLowerCase()}>
                {p.account.toLowerCase() === address?.toLowerCase() ? `${p.name} (${t("me")})` : p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("period")}
          <select
            name="period"
            value={filter.period ?? ""}
            onChange={(e) => set({ period: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t("all")}</option>
            {periods.map((p) => (
              <option key={p} value={p}>
                {p === books.ledger.currentPeriod ? t("periodOpen", { period: p }) : p}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("stream")}
          <select
            name="streamFilter"
            value={filter.stream ?? ""}
            onChange={(e) => set({ stream: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t("all")}</option>
            {STREAM_INDEXES.map((s) => (
              <option key={s} value={s}>
                {labels.stream(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("status")}
          <select
            name="status"
            value={filter.status ?? ""}
            onChange={(e) => set({ status: (e.target.value || undefined) as EntryStatusLabel | undefined })}
          >
            <option value="">{t("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.status(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint" aria-live="polite">
        {t(pluralForm(rows.length, lang) === "one" ? "shownOne" : "shownOther", { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <Empty>{t("none")}</Empty>
      ) : (
        <ScrollArea label={t("title")}>
          <table className="entries">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("id")}</th>
                <th scope="col">{t("work")}</th>
                <th scope="col">{t("note")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("member")}</th>
                <th scope="col" className="num">
                  {t("period")}
                </th>
                <th scope="col" className="num">
                  {t("payable")}
                </th>
                <th scope="col">{t("approvals")}</th>
                <th scope="col">{t("logged")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <tr key={String(entry.id)} data-testid={`entry-${entry.id}`}>
                  <th scope="row">{String(entry.id)}</th>
                  <td>
                    <EntryAmount entry={entry} />
                  </td>
                  <td className="note-cell">
                    <Note entry={entry} />
                  </td>
                  <td className="status">
                    <StatusTag entry={entry} />
                  </td>
                  <td>
                    <Person address={entry.author} />
                  </td>
                  <td className="num">{entry.period}</td>
                  <td className="num">{workAmount(entry.payable, lang)}</td>
                  <td>
                    <Approvals entry={entry} />
                  </td>
                  <td>
                    <LoggedOn at={loggedAt(entry.logged.block)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      <h3>{t("totals")}</h3>
      <StreamTotals groups={[{ label: t("counted"), totals }]} caption={t("totals")} />
    </section>
  );
}
