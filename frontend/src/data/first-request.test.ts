import { describe, expect, it } from "vitest";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { wholeHistoryRequest } from "@disco-ledger/sdk/history";
import { firstAnswer, firstRequestScript } from "./first-request.ts";
import { cachedHintName, historyKey } from "./store.ts";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
const deployment: Deployment = {
  chainId: 31337,
  network: "test",
  startBlock: 3,
  contracts: Object.fromEntries(
    ["governor", "timelock", "membership", "ledger", "treasury", "capital", "token"].map((name, i) => [
      name,
      { address: address(0xd15c0 + i), blockNumber: 3 },
    ]),
  ) as Deployment["contracts"],
};
const URL = "http://127.0.0.1:8545/</script><script>alert(1)";

/** Runs the inline script as index.html would, with a browser's localStorage and fetch stood in for. */
function run(stored: Record<string, string>, answer: unknown = [{ id: 0, result: "0x7a69" }]) {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const window: Record<string, unknown> = {};
  const localStorage = { getItem: (name: string) => stored[name] ?? null };
  const fetch = async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return { ok: true, json: async () => answer };
  };
  new Function("window", "localStorage", "fetch", firstRequestScript(deployment, URL))(window, localStorage, fetch);
  return { sent, answer: window.discoWholeHistory as Promise<unknown> | undefined };
}

describe("the request index.html sends first", () => {
  it("asks for the whole history when nothing is cached, and keeps the answer where early.ts finds it", async () => {
    const { sent, answer } = run({});
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe(URL);
    expect(sent[0].init.method).toBe("POST");
    expect(sent[0].init.body).toBe(wholeHistoryRequest(deployment));
    expect(await answer).toEqual([{ id: 0, result: "0x7a69" }]);
  });

  it("asks nothing when the cache's hint says books are cached", () => {
    const { sent, answer } = run({ [cachedHintName(historyKey(deployment))]: "1" });
    expect(sent).toHaveLength(0);
    expect(answer).toBeUndefined();
  });

  it("cannot close its script element, whatever the RPC URL holds", () => {
    expect(firstRequestScript(deployment, URL)).not.toContain("<");
  });

  it("is not there for the app when the page did not send it", () => {
    expect(firstAnswer()).toBeUndefined();
  });
});
