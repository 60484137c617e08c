/**
 * The browser flows in the order they run: each may rely on what the earlier ones did to the demo (the vote
 * before the relayed vote, both before governance moves the clock to settle the dispute, the claim before the
 * audit's totals), so they share one chain. Starting a DisCO touches only the DisCO it starts (the others open the
 * network's first by their addresses from before). The journey comes last: its Skip ahead bar moves the clock past every
 * vote and review window still open.
 */
import { audit } from "./audit.ts";
import { credit } from "./credit.ts";
import { federation } from "./federation.ts";
import { relay, rule, vote } from "./decisions.ts";
import type { Flow } from "./harness.ts";
import { journey } from "./journey.ts";
import { accessibility, language, screenshots } from "./pages.ts";
import { shell } from "./shell.ts";
import { start } from "./start.ts";
import { treasury } from "./treasury.ts";
import { work } from "./work.ts";

export const FLOWS: readonly Flow[] = [
  shell,
  work,
  vote,
  relay,
  rule,
  treasury,
  audit,
  language,
  accessibility,
  screenshots,
  federation,
  credit,
  start,
  journey,
];
