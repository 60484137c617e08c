/** The small pieces every page uses: loading and empty states, sections, figures, a person's name. */
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { shortAddress } from "@disco-ledger/sdk/format";
import { defineMessages, useT } from "../i18n.tsx";
import { useNames } from "../wallet/names.ts";

const messages = defineMessages(
  { loading: "Loading the cooperative's history…", blocks: "{done} of {total} blocks read" },
  { loading: "Cargando la historia de la cooperativa…", blocks: "{done} de {total} bloques leídos" },
);

/** A spinner and what is loading: the cooperative's history unless `message` says what else (and how far, `progress`). */
export function Loading({ message, progress }: { message?: string; progress?: { toBlock: number; target: number } }) {
  const t = useT(messages);
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {message ?? t("loading")}
      {progress ? <small> {t("blocks", { done: progress.toBlock, total: progress.target })}</small> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <header className="card-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** One figure of a <dl class="stats">; its note is a second <dd>, since a <dl>'s groups hold only dt and dd. */
export function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
      {hint ? <dd className="stat-hint">{hint}</dd> : null}
    </div>
  );
}

/** An address with its name where one is known; the full address on hover and for screen readers. */
export function Person({ address }: { address: string }) {
  const name = useNames()(address);
  return (
    <span className="person" title={address}>
      {name ? `${name} ` : ""}
      <code>{shortAddress(address)}</code>
    </span>
  );
}

/**
 * A table's sideways-scrolling frame that a keyboard can reach (it takes focus, so arrow keys scroll it) and a
 * screen reader can name: a wide table on a phone is otherwise out of reach without a mouse.
 */
export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (axe's scrollable-region-focusable)
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

/**
 * A button and, while it can't be pressed, why: in visible text beside it and as its description for screen readers
 * (a reason in a tooltip alone is lost on a phone and to the keyboard). `busy` disables it without a reason (a
 * transaction under way says so itself).
 */
export function ReasonedButton({
  reason,
  reasonId,
  busy = false,
  rowClassName = "row",
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "disabled" | "aria-describedby"> & {
  reason: string | null | undefined;
  reasonId: string;
  busy?: boolean;
  rowClassName?: string;
}) {
  return (
    <div className={rowClassName}>
      <button {...button} disabled={Boolean(reason) || busy} aria-describedby={reason ? reasonId : undefined}>
        {children}
      </button>
      {reason ? (
        <small id={reasonId} className="why">
          {reason}
        </small>
      ) : null}
    </div>
  );
}
