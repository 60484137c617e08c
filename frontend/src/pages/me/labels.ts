/** Names of streams, stages and entry statuses in both languages, shared by the home and work pages. */
import type { EntryStatusLabel } from "@disco-ledger/sdk/history";
import type { StageLabel } from "@disco-ledger/sdk/members";
import { defineMessages, useT } from "../../i18n.tsx";

const messages = defineMessages(
  {
    stream0: "Livelihood",
    stream1: "Love",
    stream2: "Care",
    None: "Not a member",
    Casual: "Casual",
    Dating1: "Dating 1",
    Dating2: "Dating 2",
    Dating3: "Dating 3",
    Committed: "Committed",
    statusNone: "Unknown",
    statusPending: "Pending",
    statusCounted: "Counted",
    statusDisputed: "Disputed",
    statusRejected: "Rejected",
    statusWithdrawn: "Withdrawn",
    statusLapsed: "Lapsed",
    credits: "{amount} credits",
    hours: "{amount} h",
  },
  {
    stream0: "Sustento",
    stream1: "Amor",
    stream2: "Cuidados",
    None: "No es socia",
    Casual: "Ocasional",
    Dating1: "En prueba 1",
    Dating2: "En prueba 2",
    Dating3: "En prueba 3",
    Committed: "Comprometida",
    statusNone: "Desconocida",
    statusPending: "Pendiente",
    statusCounted: "Contada",
    statusDisputed: "En disputa",
    statusRejected: "Rechazada",
    statusWithdrawn: "Retirada",
    statusLapsed: "Caducada",
    credits: "{amount} créditos",
    hours: "{amount} h",
  },
);

export const STREAM_INDEXES = [0, 1, 2] as const;

export function useLabels() {
  const t = useT(messages);
  return {
    stream: (stream: number) => t(`stream${stream as 0 | 1 | 2}`),
    stage: (stage: StageLabel) => t(stage),
    status: (status: EntryStatusLabel) => t(`status${status}`),
    /** Livelihood and love are counted in credits, care in hours. */
    unit: (stream: number, amount: string) => t(stream === 2 ? "hours" : "credits", { amount }),
  };
}
