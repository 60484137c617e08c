/**
 * "My cooperative", the home page: the whole DisCO's figures for anyone; once connected, what needs me, my
 * membership, my work, my payouts and my capital account. In the first download, so it uses no chart library (hand-made SVG).
 */
import { lazy, Suspense } from "react";
import { useConnection } from "wagmi";
import { isLocal } from "../../chain.ts";
import { useBooks, useHistory } from "../../data/history.tsx";
import { defineMessages, useT } from "../../i18n.tsx";
import { Loading } from "../../ui/kit.tsx";
import { DiscoFigures } from "./DiscoFigures.tsx";
import { MyMembership } from "./MyMembership.tsx";
import "./me.css";

// The parts that send transactions bring the wallet actions and every contract's ABI with them; they load once
// someone connects, so the first download (the figures anyone sees) stays small.
const Payouts = lazy(() => import("./Payouts.tsx").then((m) => ({ default: m.Payouts })));
const Capital = lazy(() => import("./Capital.tsx").then((m) => ({ default: m.Capital })));
const ToDo = lazy(() => import("./ToDo.tsx").then((m) => ({ default: m.ToDo })));

const messages = defineMessages(
  {
    connectTitle: "See your own figures",
    connect:
      "Connect your wallet (the button at the top) to see your stage, your work, the payouts you can claim and your capital account.",
    demo: "On this local chain you can also pick a demo person in “Try as a demo person”: Alice, Bob… each has a different role.",
    connecting: "Connecting…",
  },
  {
    connectTitle: "Ver tus propias cifras",
    connect:
      "Conecta tu cartera (el botón de arriba) para ver tu etapa, tu trabajo, los pagos que puedes cobrar y tu cuenta de capital.",
    demo: "En esta cadena local también puedes elegir una persona de la demo en «Probar como persona de la demo»: Alice, Bob… cada una tiene un papel distinto.",
    connecting: "Conectando…",
  },
);

export default function MePage() {
  const t = useT(messages);
  const books = useBooks();
  const { progress } = useHistory();
  const { address, status } = useConnection();
  if (!books) return <Loading progress={progress} />;
  return (
    <div className="me-page">
      {address ? (
        <Suspense fallback={null}>
          <ToDo books={books} address={address} />
        </Suspense>
      ) : null}
      {address ? (
        <div className="grid">
          <MyMembership books={books} address={address} />
          <Suspense fallback={<Loading />}>
            <Payouts books={books} address={address} />
            <Capital books={books} address={address} />
          </Suspense>
        </div>
      ) : (
        <section className="card connect-prompt" aria-labelledby="connect-title">
          <h2 id="connect-title">{t("connectTitle")}</h2>
          <p>{status === "connecting" || status === "reconnecting" ? t("connecting") : t("connect")}</p>
          {isLocal ? <p>{t("demo")}</p> : null}
        </section>
      )}
      <DiscoFigures books={books} />
    </div>
  );
}
