/**
 * A member's warning before the open period closes: closing is a treasurer's action (no date is fixed on chain), so the
 * notice says when it is expected from the periods so far, which of the member's entries still wait for approval (they
 * lapse at closing), and until when the counted work of closed periods can still be disputed.
 */
import { useConnection } from "wagmi";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { dateTime, pluralForm, workAmount } from "@disco-ledger/sdk/format";
import { periodDeadline } from "@disco-ledger/sdk/ledger-status";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { useLabels } from "../me/labels.ts";

const messages = defineMessages(
  {
    title: "When the period closes",
    workOf: "{amount} of {stream}",
    openSince: "Period {period} has been open since {opened}.",
    expected: "A treasurer closes it by hand; judging by the periods so far, around {date}.",
    overdue:
      "A treasurer closes it by hand, and it may close at any moment (periods so far lasted until about {date}).",
    noEstimate: "A treasurer closes it by hand; the periods so far do not tell when yet.",
    pendingOne: "Your entry still waiting for approval ({work}) lapses if the period closes first: it would not count.",
    pendingOther:
      "Your {count} entries still waiting for approval ({work}) lapse if the period closes first: they would not count.",
    nonePending: "Log your work and have it approved before then: work still pending at closing never counts.",
    inReview: "Counted work of period {period} can still be disputed until {date}.",
  },
  {
    title: "Cuándo se cierra el periodo",
    workOf: "{amount} de {stream}",
    openSince: "El periodo {period} está abierto desde el {opened}.",
    expected: "Lo cierra una tesorera a mano; a juzgar por los periodos anteriores, hacia el {date}.",
    overdue:
      "Lo cierra una tesorera a mano, y puede cerrarse en cualquier momento (los periodos anteriores duraron hasta cerca del {date}).",
    noEstimate: "Lo cierra una tesorera a mano; los periodos anteriores aún no permiten calcular cuándo.",
    pendingOne: "Tu anotación que espera aprobación ({work}) caduca si el periodo se cierra antes: no contaría.",
    pendingOther:
      "Tus {count} anotaciones que esperan aprobación ({work}) caducan si el periodo se cierra antes: no contarían.",
    nonePending: "Anota tu trabajo y consigue que se apruebe antes: el trabajo pendiente al cerrar nunca cuenta.",
    inReview: "El trabajo contado del periodo {period} aún se puede disputar hasta el {date}.",
  },
);

/** The notice for the connected member (everyone else sees when the period is expected to close). */
export function PeriodNotice({ state, now }: { state: HistoryState; now: bigint | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  const labels = useLabels();
  const { address } = useConnection();
  const deadline = periodDeadline(state, now, address);
  if (!deadline) return null;
  const { period, openedAt, expectedCloseAt, overdue, pending, inReview } = deadline;
  const work = pending.map((e) =>
    t("workOf", { amount: labels.unit(e.stream, workAmount(e.amount, lang)), stream: labels.stream(e.stream) }),
  );
  return (
    <aside className="banner period-notice" data-testid="period-deadline" aria-label={t("title")}>
      <p>
        {t("openSince", { period, opened: dateTime(openedAt, lang) })}{" "}
        {expectedCloseAt === null
          ? t("noEstimate")
          : t(overdue ? "overdue" : "expected", { date: dateTime(expectedCloseAt, lang) })}
      </p>
      {address !== undefined ? (
        <p>
          <strong>
            {pending.length === 0
              ? t("nonePending")
              : t(pluralForm(pending.length, lang) === "one" ? "pendingOne" : "pendingOther", {
                  count: pending.length,
                  work: work.join(", "),
                })}
          </strong>
        </p>
      ) : null}
      {inReview.map((r) => (
        <p key={r.period}>{t("inReview", { period: r.period, date: dateTime(r.finalAt, lang) })}</p>
      ))}
    </aside>
  );
}
