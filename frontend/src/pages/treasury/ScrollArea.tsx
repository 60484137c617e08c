/**
 * A table's sideways-scrolling frame that a keyboard can reach (it takes focus, so arrow keys scroll it) and a
 * screen reader can name: a wide table on a phone is otherwise out of reach without a mouse.
 */
import type { ReactNode } from "react";

export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
