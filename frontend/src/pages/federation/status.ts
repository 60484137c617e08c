/**
 * A check-in's standing as members read it, from the SDK's checkInStatus (verdicts recorded by the check-in's own
 * signer are not counted there): "unverified", "confirmed by 2 DisCOs", "challenged: money in".
 */
import { FIGURES, type FigureName } from "@disco-ledger/sdk/federation";
import { pluralForm, type Lang } from "@disco-ledger/sdk/format";

export type CheckInStanding =
  | { status: "unverified" }
  | { status: "confirmed"; by: number }
  | { status: "challenged"; by: number; figures: readonly FigureName[] };

const WORDS = {
  en: {
    unverified: "unverified",
    confirmed_one: "confirmed by {count} DisCO",
    confirmed_other: "confirmed by {count} DisCOs",
    challenged: "challenged: {figures}",
  },
  es: {
    unverified: "sin verificar",
    confirmed_one: "confirmado por {count} DisCO",
    confirmed_other: "confirmado por {count} DisCOs",
    challenged: "impugnado: {figures}",
  },
} as const;

/** A figure's name for people ("money in", "dinero entrante"). */
export const figureName = (name: FigureName, lang: Lang): string =>
  FIGURES.find((f) => f.name === name)?.[lang] ?? name;

/** The standing in words, in `lang`. */
export function standingText(standing: CheckInStanding, lang: Lang): string {
  const words = WORDS[lang];
  switch (standing.status) {
    case "unverified":
      return words.unverified;
    case "confirmed":
      return words[`confirmed_${pluralForm(standing.by, lang)}`].replace("{count}", String(standing.by));
    case "challenged":
      return words.challenged.replace("{figures}", standing.figures.map((f) => figureName(f, lang)).join(", "));
  }
}
