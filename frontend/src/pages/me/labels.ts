/** Names of streams, stages and entry statuses in both languages, shared by the home and work pages. */
import type { EntryStatusLabel } from "@disco-ledger/sdk/history";
import { STREAM_NAMES } from "@disco-ledger/sdk/ledger";
import { STAGE_NAMES, STAGES, type StageLabel } from "@disco-ledger/sdk/members";
import { defineMessages, useLang, useT } from "../../i18n.tsx";

const messages = defineMessages(
  {
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
  const { lang } = useLang();
  return {
    stream: (stream: number) => STREAM_NAMES[lang][stream] ?? String(stream),
    stage: (stage: StageLabel) => STAGE_NAMES[lang][STAGES.indexOf(stage)],
    status: (status: EntryStatusLabel) => t(`status${status}`),
    /** Livelihood and love are counted in credits, care in hours. */
    unit: (stream: number, amount: string) => t(stream === 2 ? "hours" : "credits", { amount }),
  };
}
