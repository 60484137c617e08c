/**
 * A first visit's whole history in one request, sent as index.html is read: before any of the app's code has
 * downloaded, let alone run. The build writes this inline script into index.html (vite.config.ts); it leaves the
 * answer's promise on `window`, where the visit's first module (data/early.ts) adopts it. It is sent only when the
 * cache's hint says nothing is cached (store.ts), and whatever goes wrong with it, the app fetches as without it.
 */
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { wholeHistoryRequest } from "@disco-ledger/sdk/history";
import { cachedHintName, historyKey } from "./store.ts";

const GLOBAL = "discoWholeHistory";

/** The inline script's source: a JSON-RPC batch (wholeHistoryRequest) to `rpcUrl`, its parsed answer kept. */
export function firstRequestScript(deployment: Deployment, rpcUrl: string): string {
  const hint = JSON.stringify(cachedHintName(historyKey(deployment)));
  const init = `{method:"POST",headers:{"Content-Type":"application/json"},body:${JSON.stringify(wholeHistoryRequest(deployment))}}`;
  const script = `try{if(localStorage.getItem(${hint})===null)window.${GLOBAL}=fetch(${JSON.stringify(rpcUrl)},${init}).then(r=>r.ok?r.json():undefined).catch(()=>undefined)}catch{}`;
  // Nothing in it may close the script element.
  return script.replaceAll("<", "\\u003c");
}

/** The answer to the request index.html sent, if it sent one. */
export const firstAnswer = (): Promise<unknown> | undefined =>
  (globalThis as Record<string, unknown>)[GLOBAL] as Promise<unknown> | undefined;
