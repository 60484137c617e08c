/**
 * "What do I need to do?" at the top of the home page, for the person connected: entries waiting for my review,
 * votes I have not cast, money I can claim, proposals ready to queue or carry out, my entries under dispute. Each
 * line leads to the page where it is done.
 */
import { useReadContracts } from "wagmi";
import { governorAbi, membershipAbi } from "@disco-ledger/sdk/abis";
import { moneyToCent, pluralForm } from "@disco-ledger/sdk/format";
import type { HistoryState } from "@disco-ledger/sdk/history";
import { STAGES } from "@disco-ledger/sdk/members";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { href } from "../../route.ts";
import { stateLabel } from "../decisions/lifecycle.ts";
import { GOVERNOR, MEMBERSHIP } from "../decisions/registry.ts";
import { useChainClock, useRefetchOnBlock } from "../../ui/clock.ts";
import { useClaimable } from "./claims.ts";
import { nothingToDo, toDoOf, type OpenProposal } from "./todo.ts";

const messages = defineMessages(
  {
    title: "What needs you",
    nothing: "Nothing needs you right now.",
    review_one: "{count} entry is waiting for your review",
    review_other: "{count} entries are waiting for your review",
    vote_one: "{count} vote you have not cast",
    vote_other: "{count} votes you have not cast",
    claim: "{amount} for you to claim",
    queue_one: "{count} decision passed, ready to be queued",
    queue_other: "{count} decisions passed, ready to be queued",
    execute_one: "{count} decision ready to be carried out",
    execute_other: "{count} decisions ready to be carried out",
    disputed_one: "{count} of your entries is under dispute",
    disputed_other: "{count} of your entries are under dispute",
  },
  {
    title: "Lo que te toca",
    nothing: "Ahora mismo no tienes nada pendiente.",
    review_one: "{count} entrada espera tu revisión",
    review_other: "{count} entradas esperan tu revisión",
    vote_one: "{count} votación en la que no has votado",
    vote_other: "{count} votaciones en las que no has votado",
    claim: "{amount} para cobrar",
    queue_one: "{count} decisión aprobada, lista para ponerla en cola",
    queue_other: "{count} decisiones aprobadas, listas para ponerlas en cola",
    execute_one: "{count} decisión lista para llevarla a cabo",
    execute_other: "{count} decisiones listas para llevarlas a cabo",
    disputed_one: "{count} de tus entradas está en disputa",
    disputed_other: "{count} de tus entradas están en disputa",
  },
);

/** The payouts' heading on the home page (Payouts.tsx). */
const PAYOUTS = "payouts-title";

export function ToDo({ books, address }: { books: HistoryState; address: `0x${string}` }) {
  const t = useT(messages);
  const { lang } = useLang();
  const { blockNumber, now } = useChainClock();
  const unfinished = [...books.governance.proposals.values()].filter((p) => !p.executed && !p.canceled);
  // Per proposal: its state, whether I voted, and my stage at its snapshot (which fails before the snapshot).
  const { data, refetch } = useReadContracts({
    contracts: unfinished.flatMap((p) => [
      { address: GOVERNOR, abi: governorAbi, functionName: "state", args: [p.id] } as const,
      { address: GOVERNOR, abi: governorAbi, functionName: "hasVoted", args: [p.id, address] } as const,
      { address: MEMBERSHIP, abi: membershipAbi, functionName: "voterStatus", args: [address, p.voteStart] } as const,
    ]),
    query: { enabled: unfinished.length > 0 },
  });
  useRefetchOnBlock(refetch, blockNumber);
  const proposals: OpenProposal[] = unfinished.map((proposal, i) => {
    const [state, voted, status] = [data?.[3 * i], data?.[3 * i + 1], data?.[3 * i + 2]];
    return {
      proposal,
      state: state?.status === "success" ? stateLabel(state.result as number) : undefined,
      hasVoted: voted?.status === "success" ? (voted.result as boolean) : undefined,
      stageAtSnapshot:
        status?.status === "success" ? STAGES[(status.result as readonly [number, number, number])[0]] : undefined,
    };
  });
  const { selection } = useClaimable(books, address);
  const todo = toDoOf({ state: books, me: address, proposals, claimable: selection.total, now });

  const count = (key: "review" | "vote" | "queue" | "execute" | "disputed", n: number) =>
    t(`${key}_${pluralForm(n, lang)}`, { count: n.toLocaleString(lang) });
  const items = [
    { show: todo.review.length > 0, text: count("review", todo.review.length), to: href("work") },
    { show: todo.vote.length > 0, text: count("vote", todo.vote.length), to: href("decisions") },
    { show: todo.claim > 0n, text: t("claim", { amount: moneyToCent(todo.claim, lang) }), to: PAYOUTS },
    { show: todo.queue.length > 0, text: count("queue", todo.queue.length), to: href("decisions") },
    { show: todo.execute.length > 0, text: count("execute", todo.execute.length), to: href("decisions") },
    { show: todo.disputed.length > 0, text: count("disputed", todo.disputed.length), to: href("work") },
  ].filter((item) => item.show);

  return (
    <section className="card todo" aria-labelledby="todo-title" data-testid="todo">
      <h2 id="todo-title">{t("title")}</h2>
      {nothingToDo(todo) ? (
        <p className="empty">{t("nothing")}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.text}>
              {item.to === PAYOUTS ? (
                // On this page: the payouts' card, further down.
                <a
                  href={href("me")}
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(PAYOUTS)?.scrollIntoView({ behavior: "smooth" });
                  }}
                >
                  {item.text}
                </a>
              ) : (
                <a href={item.to}>{item.text}</a>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
