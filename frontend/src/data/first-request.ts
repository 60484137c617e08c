/**
 * A first visit's whole history, asked for as index.html is read: before any of the app's code has downloaded, let
 * alone run. The build writes this inline script into index.html (vite.config.ts): it asks for the chain's head, then
 * for every log up to that head (wholeHistoryRequests), and leaves the joined answers' promise on `window`, where the
 * visit's first module (data/early.ts) adopts it. It is sent only when the cache's hint says nothing is cached
 * (store.ts) and when the address opens this DisCO (the network's first: an address naming no DisCO, or naming it;
 * place.ts), and whatever goes wrong with it, the app fetches as without it.
 */
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { HEAD_PLACEHOLDER, wholeHistoryRequests } from "@disco-ledger/sdk/history";
import { cachedHintName, historyKey } from "./store.ts";

const GLOBAL = "discoWholeHistory";

/** The inline script's source: the two batches of wholeHistoryRequests to `rpcUrl`, their answers joined. */
export function firstRequestScript(deployment: Deployment, rpcUrl: string): string {
  const { head, logs } = wholeHistoryRequests(deployment);
  const json = JSON.stringify;
  const membership = deployment.contracts.membership.address.toLowerCase();
  const script =
    `try{const d=/^#\\/?d\\/(0x[0-9a-fA-F]{40})/.exec(location.hash);` +
    `if((!d||d[1].toLowerCase()===${json(membership)})&&` +
    `localStorage.getItem(${json(cachedHintName(historyKey(deployment)))})===null){` +
    `const post=b=>fetch(${json(rpcUrl)},{method:"POST",headers:{"Content-Type":"application/json"},body:b})` +
    ".then(r=>r.ok?r.json():undefined);" +
    `window.${GLOBAL}=post(${json(head)}).then(a=>{const h=Array.isArray(a)?a.find(r=>r&&r.id===1):undefined;` +
    `return h&&typeof h.result==="string"?post(${json(logs)}.split(${json(json(HEAD_PLACEHOLDER))}).join(JSON.stringify(h.result)))` +
    ".then(l=>Array.isArray(l)?a.concat(l):undefined):undefined}).catch(()=>undefined)}}catch{}";
  // Nothing in it may close the script element.
  return script.replaceAll("<", "\\u003c");
}

/** The answers to the requests index.html sent, if it sent them. */
export const firstAnswer = (): Promise<unknown> | undefined =>
  (globalThis as Record<string, unknown>)[GLOBAL] as Promise<unknown> | undefined;
