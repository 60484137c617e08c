import { describe, expect, it } from "vitest";
import type { Deployment } from "@disco-ledger/sdk/deployment";
import { wholeHistoryRequests } from "@disco-ledger/sdk/history";
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

const HEAD_ANSWER = [
  { id: 0, result: "0x7a69" },
  { id: 1, result: "0x2a" },
];
const LOGS_ANSWER = [
  { id: 2, result: [] },
  { id: 3, result: [] },
  { id: 4, result: [] },
];

/** Runs the inline script as index.html would, with a browser's localStorage and fetch stood in for. */
function run(stored: Record<string, string>, answers: unknown[] = [HEAD_ANSWER, LOGS_ANSWER], hash = "#/") {
  const sent: Array<{ url: string; init: RequestInit }> = [];
  const window: Record<string, unknown> = {};
  const localStorage = { getItem: (name: string) => stored[name] ?? null };
  const fetch = async (url: string, init: RequestInit) => {
    const answer = answers[sent.length];
    sent.push({ url, init });
    return { ok: true, json: async () => answer };
  };
  new Function("window", "localStorage", "fetch", "location", firstRequestScript(deployment, URL))(
    window,
    localStorage,
    fetch,
    { hash },
  );
  return { sent, answer: window.discoWholeHistory as Promise<unknown> | undefined };
}

describe("the requests index.html sends first", () => {
  it("asks for the head, then for every log up to it, and keeps both answers where early.ts finds them", async () => {
    const { sent, answer } = run({});
    expect(await answer).toEqual([...HEAD_ANSWER, ...LOGS_ANSWER]);
    const { head, logs } = wholeHistoryRequests(deployment);
    expect(sent.map((s) => [s.url, s.init.method])).toEqual([
      [URL, "POST"],
      [URL, "POST"],
    ]);
    expect(sent[0].init.body).toBe(head);
    // Up to the head answered (0x2a), never "latest".
    expect(sent[1].init.body).toBe(logs.replaceAll('"HEAD"', '"0x2a"'));
    const filters = (JSON.parse(String(sent[1].init.body)) as Array<{ params: [{ toBlock: string }] }>).map(
      (r) => r.params[0].toBlock,
    );
    expect(filters).toEqual(["0x2a", "0x2a", "0x2a"]);
  });

  it("asks for no logs, and gives nothing, when the head's answer failed", async () => {
    const { sent, answer } = run({}, [
      [
        { id: 0, result: "0x7a69" },
        { id: 1, error: { code: -32000 } },
      ],
    ]);
    expect(await answer).toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it("asks nothing when the cache's hint says books are cached", () => {
    const { sent, answer } = run({ [cachedHintName(historyKey(deployment))]: "1" });
    expect(sent).toHaveLength(0);
    expect(answer).toBeUndefined();
  });

  it("asks only when the address opens this DisCO: naming none, or naming it", async () => {
    const membership = deployment.contracts.membership.address;
    for (const hash of [
      "",
      "#/work",
      `#/d/${membership}/work`,
      `#/d/${membership.toUpperCase().replace("0X", "0x")}`,
    ]) {
      expect(await run({}, undefined, hash).answer, hash).toEqual([...HEAD_ANSWER, ...LOGS_ANSWER]);
    }
    const other = run({}, undefined, `#/d/${address(0xbeef)}/work`);
    expect(other.sent).toHaveLength(0);
    expect(other.answer).toBeUndefined();
  });

  it("cannot close its script element, whatever the RPC URL holds", () => {
    expect(firstRequestScript(deployment, URL)).not.toContain("<");
  });

  it("is not there for the app when the page did not send it", () => {
    expect(firstAnswer()).toBeUndefined();
  });
});
