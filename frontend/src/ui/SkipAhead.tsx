/**
 * "Skip ahead", on the local chain only: votes last days and the timelock waits an hour, so a newcomer trying the
 * demo moves the chain's clock past the voting delay, the vote or the timelock's delay of the proposals waiting on
 * them, or past a closed period's review window (evm_increaseTime, then hardhat_mine: the governor's clock is the block's timestamp), and the books follow.
 * Never shown on another chain, whose clock nobody can move: the app loads it only where isLocal (chain.ts).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { testActions } from "viem";
import { getBlock } from "viem/actions";
import { useClient } from "wagmi";
import { dateTime } from "@disco-ledger/sdk/format";
import type { PeriodState, Proposal } from "@disco-ledger/sdk/history";
import { chain } from "../chain.ts";
import { useBooks, useHistory } from "../data/history.tsx";
import { defineMessages, useLang, useT } from "../i18n.tsx";
import { useRoute } from "../route.ts";
import { proposalTitle, skipTargets } from "./skipAhead.ts";
import { useChainClock } from "./clock.ts";

const messages = defineMessages(
  {
    title: "Test chain only: skip ahead in time",
    intro:
      "Votes, the timelock and a closed period's review take hours or days. On this local test chain you can move the clock past them; a real cooperative's chain cannot be moved.",
    delay: "Open the vote now",
    vote: "End the vote now",
    timelock: "End the timelock's wait now",
    review: "End the review window now",
    period: "period {period}",
    to: "moves the clock to {date}, for: {waiting}",
    also: "It also takes past their stage: {others}.",
    skipping: "Moving the chain's clock…",
    done: "The chain's clock now reads {date}.",
    failed: "Could not move the chain's clock: {error}",
  },
  {
    title: "Solo en la cadena de prueba: adelantar el tiempo",
    intro:
      "Las votaciones, el timelock y la revisión de un periodo cerrado tardan horas o días. En esta cadena local de prueba puedes adelantar el reloj; la cadena de una cooperativa real no se puede adelantar.",
    delay: "Abrir ya la votación",
    vote: "Cerrar ya la votación",
    timelock: "Terminar ya la espera del timelock",
    review: "Terminar ya el plazo de revisión",
    period: "periodo {period}",
    to: "adelanta el reloj al {date}, para: {waiting}",
    also: "También pasa de etapa: {others}.",
    skipping: "Adelantando el reloj de la cadena…",
    done: "El reloj de la cadena marca ahora el {date}.",
    failed: "No se ha podido adelantar el reloj de la cadena: {error}",
  },
);

/** The bar, once the books are read (App.tsx loads it on the local chain only). */
export default function SkipAhead() {
  const books = useBooks();
  if (!books) return null;
  return <SkipAheadBar proposals={books.governance.proposals} periods={books.ledger.periods} />;
}

function SkipAheadBar({
  proposals,
  periods,
}: {
  proposals: ReadonlyMap<bigint, Proposal>;
  periods: ReadonlyMap<number, PeriodState>;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const { now } = useChainClock();
  const client = useClient({ chainId: chain.id });
  const { refresh } = useHistory();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<{ text: string; failed?: boolean }>();
  const [busy, setBusy] = useState(false);
  // What the last skip did is said on the page it was done from, not on the next one.
  const { page } = useRoute();
  useEffect(() => setStatus(undefined), [page]);
  const targets =
    now === undefined ? [] : skipTargets({ proposals: proposals.values(), periods: periods.values() }, now);
  if (targets.length === 0 && status === undefined) return null;

  const skip = async (to: bigint) => {
    setBusy(true);
    setStatus({ text: t("skipping") });
    try {
      const test = client.extend(testActions({ mode: "hardhat" }));
      const latest = await getBlock(client, { blockTag: "latest" });
      // The next block at exactly `to`: moving the clock by the seconds since the latest block would overshoot by the
      // time since it was mined (up to an interval block's 3 s).
      if (to > latest.timestamp) await test.setNextBlockTimestamp({ timestamp: to });
      await test.mine({ blocks: 1 });
      const mined = await getBlock(client, { blockTag: "latest" });
      await refresh(mined.number);
      // The countdowns' clocks (the latest block, watched) read the moved clock now, not at their next poll.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] === "block" });
      setStatus({ text: t("done", { date: dateTime(mined.timestamp, lang) }) });
    } catch (error) {
      setStatus({ text: t("failed", { error: (error as Error).message.split("\n")[0] }), failed: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="skip-ahead" aria-labelledby="skip-ahead-title">
      <h2 id="skip-ahead-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      <ul>
        {targets.map((target) => (
          <li key={target.stage}>
            <button
              type="button"
              className="secondary"
              data-testid={`skip-${target.stage}`}
              disabled={busy}
              onClick={() => void skip(target.to)}
            >
              {t(target.stage)}
            </button>{" "}
            <small>
              {t("to", {
                date: dateTime(target.to, lang),
                waiting: [
                  ...target.proposals.map((p) => `“${proposalTitle(p)}”`),
                  ...target.periods.map((period) => t("period", { period })),
                ].join(", "),
              })}
              {target.alsoPasses.length > 0
                ? ` ${t("also", { others: target.alsoPasses.map((p) => `“${proposalTitle(p)}”`).join(", ") })}`
                : null}
            </small>
          </li>
        ))}
      </ul>
      <p role="status" className={status?.failed ? "skip-failed" : undefined} data-testid="skip-status">
        {status?.text}
      </p>
    </section>
  );
}
