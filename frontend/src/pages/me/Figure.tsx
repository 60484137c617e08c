/**
 * One figure of a <dl class="stats">: label, value and an optional note. The note is a second <dd>, since a <dl>'s
 * groups may hold only dt and dd (axe's definition-list rule); the shared Stat puts a <small> there.
 */
import type { ReactNode } from "react";

export function Figure({
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
      {hint ? <dd className="figure-hint">{hint}</dd> : null}
    </div>
  );
}
