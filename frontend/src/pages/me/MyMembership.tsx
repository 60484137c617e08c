/** Who I am in the cooperative (stage, constituency, mentor) and my counted work. */
import type { HistoryState } from "@disco-ledger/sdk/history";
import { defineMessages, useT } from "../../i18n.tsx";
import { Person, Stat } from "../../ui/kit.tsx";
import { When } from "../../ui/When.tsx";
import { memberSeries, memberWork } from "./figures.ts";
import { useLabels } from "./labels.ts";
import { StreamChart } from "./StreamChart.tsx";
import { StreamTotals } from "./StreamTotals.tsx";

const messages = defineMessages(
  {
    title: "Me",
    stage: "Stage",
    constituency: "Constituency",
    mentor: "Mentor",
    noMentor: "none",
    joined: "Joined on",
    notMember:
      "You are not a member of this cooperative. Members are admitted by a vote of the Committed members; ask one of them to propose you.",
    formerStage: "Former member",
    former: "You were a {stage} member until",
    removed: "The members removed you: “{reason}”.",
    left: "You left.",
    votes: "Binding vote",
    advisory: "Advisory vote",
    noVote: "No vote",
    thisPeriod: "This period",
    lifetime: "Lifetime",
    work: "My counted work",
    chart: "My payable work per period",
  },
  {
    title: "Yo",
    stage: "Etapa",
    constituency: "Grupo",
    mentor: "Mentora",
    noMentor: "ninguna",
    joined: "Entró el",
    notMember:
      "No eres socia de esta cooperativa. Se entra por votación de las personas socias comprometidas; pide a una de ellas que te proponga.",
    formerStage: "Antigua socia",
    former: "Fuiste socia ({stage}) hasta el",
    removed: "Las personas socias te dieron de baja: «{reason}».",
    left: "Te diste de baja.",
    votes: "Voto vinculante",
    advisory: "Voto consultivo",
    noVote: "Sin voto",
    thisPeriod: "Este periodo",
    lifetime: "Desde siempre",
    work: "Mi trabajo contado",
    chart: "Mi trabajo pagable por periodo",
  },
);

export function MyMembership({ books, address }: { books: HistoryState; address: string }) {
  const t = useT(messages);
  const labels = useLabels();
  const key = address.toLowerCase();
  const member = books.members.current.get(key);
  const former = books.members.former.get(key);
  const work = memberWork(books.ledger, address);
  const hasWork = books.ledger.lifetimeTotals.has(key);
  const constituency = (n: number) => books.constituencies.get(n) ?? `#${n}`;

  return (
    <section className="card" aria-labelledby="me-title">
      <h2 id="me-title">{t("title")}</h2>
      {member ? (
        <dl className="stats">
          <Stat
            label={t("stage")}
            testId="my-stage"
            value={labels.stage(member.stage)}
            hint={member.stage === "Committed" ? t("votes") : member.stage === "Casual" ? t("noVote") : t("advisory")}
          />
          <Stat label={t("constituency")} value={constituency(member.constituency)} />
          <Stat
            label={t("mentor")}
            value={member.mentor ? <Person address={member.mentor} /> : t("noMentor")}
            hint={
              <>
                {t("joined")} <When block={member.joinedBlock} />
              </>
            }
          />
        </dl>
      ) : former ? (
        <>
          <p>
            <span className="tag" data-testid="my-stage">
              {t("formerStage")}
            </span>
          </p>
          <p>
            {t("former", { stage: labels.stage(former.stage) })} <When block={former.endedBlock} />.{" "}
            {former.reason === null ? t("left") : t("removed", { reason: former.reason })}
          </p>
        </>
      ) : (
        <>
          <p>
            <span className="tag" data-testid="my-stage">
              {labels.stage("None")}
            </span>
          </p>
          <p>{t("notMember")}</p>
        </>
      )}
      {member || hasWork ? (
        <>
          <h3>{t("work")}</h3>
          <StreamTotals
            groups={[
              { label: t("thisPeriod"), totals: work.current },
              { label: t("lifetime"), totals: work.lifetime },
            ]}
            caption={t("work")}
          />
          <StreamChart series={memberSeries(books.ledger, address)} title={t("chart")} />
        </>
      ) : null}
    </section>
  );
}
