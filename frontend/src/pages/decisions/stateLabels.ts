/** The governor's proposal states as members read them, in English and Spanish: the decisions and audit pages. */
import { useLang } from "../../i18n.tsx";
import type { StateLabel } from "./lifecycle.ts";

const STATE_LABELS = {
  en: {
    Pending: "Pending",
    Active: "Voting",
    Canceled: "Canceled",
    Defeated: "Defeated",
    Succeeded: "Passed",
    Queued: "Queued",
    Expired: "Expired",
    Executed: "Executed",
  },
  es: {
    Pending: "Pendiente",
    Active: "En votación",
    Canceled: "Cancelada",
    Defeated: "Rechazada",
    Succeeded: "Aprobada",
    Queued: "En cola",
    Expired: "Caducada",
    Executed: "Ejecutada",
  },
} as const;

/** A proposal state in the reader's language ("Succeeded" reads as Passed). */
export const useStateLabel = () => {
  const { lang } = useLang();
  return (state: StateLabel) => STATE_LABELS[lang][state];
};
