/**
 * The member DisCOs side by side, each named with a link to its public profile, with its latest check-ins: the period, its figures (people, work in the
 * ledger's units, money in its own currency, noted when it is not this DisCO's) and its standing among the peers (status.ts), with each peer's verdict.
 */
import {
  checkInStatus,
  type FederationCheckIn,
  type FederationMember,
  type FederationState,
} from "@disco-ledger/sdk/federation";
import type { FoundDisCO } from "@disco-ledger/sdk/discovery";
import { creditEuros, dateTime, workAmount } from "@disco-ledger/sdk/format";
import { deployment } from "../../chain.ts";
import { useLang, useT } from "../../i18n.tsx";
import { routeHref } from "../../place.ts";
import { Empty, Person, Section } from "../../ui/kit.tsx";
import { Euros } from "../treasury/Euros.tsx";
import { OUR_NAME } from "./Actions.tsx";
import { moneyIn, sameCurrency, type Currency } from "./currency.ts";
import { useCurrencies } from "./data.ts";
import { messages } from "./messages.ts";
import { figureName, standingText } from "./status.ts";

/** How many of a DisCO's check-ins are shown, newest first. */
const LATEST = 2;

const OUR_TOKEN = deployment.contracts.token.address;

export function Members({
  fed,
  discos,
  name,
}: {
  fed: FederationState;
  discos: readonly FoundDisCO[] | undefined;
  name: (disco: string) => string;
}) {
  const t = useT(messages);
  const members = fed.members.filter((m) => m.active);
  // Each member's currency, found through its deployment (discovery); this DisCO's own is its deployment's.
  const tokenOf = (disco: string): string | undefined =>
    sameCurrency(disco, deployment.contracts.membership.address)
      ? OUR_TOKEN
      : discos?.find((d) => sameCurrency(d.contracts.membership.address, disco))?.contracts.token.address;
  const currencies = useCurrencies([OUR_TOKEN, ...members.flatMap((m) => tokenOf(m.disco) ?? [])]);
  const ours = currencies.get(OUR_TOKEN.toLowerCase())?.symbol ?? "";
  return (
    <Section title={t("members")}>
      {members.length === 0 ? (
        <Empty>{t("noMembers")}</Empty>
      ) : (
        <ul className="fed-members" data-testid="fed-members">
          {members.map((m) => (
            <MemberCard
              key={m.disco}
              member={m}
              fed={fed}
              name={name}
              currency={currencies.get(tokenOf(m.disco)?.toLowerCase() ?? "")}
              ours={ours}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}

function MemberCard({
  member,
  fed,
  name,
  currency,
  ours,
}: {
  member: FederationMember;
  fed: FederationState;
  name: (disco: string) => string;
  /** Its token's symbol and decimals; undefined while they are read. */
  currency: Currency | undefined;
  /** This DisCO's currency's symbol. */
  ours: string;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const same = (a: string) => a.toLowerCase() === member.disco.toLowerCase();
  const checkIns = fed.checkIns
    .filter((c) => same(c.disco))
    .sort((a, b) => b.period - a.period)
    .slice(0, LATEST);
  return (
    <li className="card fed-member" data-testid={`fed-member-${member.disco.toLowerCase()}`}>
      <h3>
        <a href={routeHref(member.disco, "profile")}>{name(member.disco)}</a>
      </h3>
      {member.admittedAt !== null ? (
        <p className="muted">{t("memberSince", { date: dateTime(member.admittedAt, lang) })}</p>
      ) : null}
      {member.delegate ? (
        <p className="muted">
          {t("delegate")} <Person address={member.delegate} />
        </p>
      ) : null}
      {currency && !sameCurrency(currency.address, OUR_TOKEN) ? (
        <p className="muted" data-testid="other-currency">
          {t("otherCurrency", { symbol: currency.symbol, ours, name: OUR_NAME })}
        </p>
      ) : null}
      <h4>{t("latest")}</h4>
      {checkIns.length === 0 ? (
        <p className="muted">{t("noCheckIns")}</p>
      ) : (
        checkIns.map((c) => <CheckInView key={c.period} checkIn={c} name={name} currency={currency} />)
      )}
    </li>
  );
}

function CheckInView({
  checkIn,
  name,
  currency,
}: {
  checkIn: FederationCheckIn;
  name: (disco: string) => string;
  currency: Currency | undefined;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const standing = checkInStatus(checkIn);
  const f = checkIn.figures;
  return (
    <article className="fed-checkin" data-testid={`checkin-${checkIn.period}`}>
      <header>
        <strong>{t("period", { period: checkIn.period })}</strong>{" "}
        <span className={`tag standing-${standing.status}`} data-testid="checkin-status">
          {standingText(standing, lang)}
        </span>
      </header>
      <dl className="fed-figures">
        <div>
          <dt>{t("figMembers")}</dt>
          <dd>{String(f.members)}</dd>
        </div>
        <div>
          <dt>{t("figBinding")}</dt>
          <dd>{String(f.bindingMembers)}</dd>
        </div>
        <div>
          <dt>{t("figLivelihood")}</dt>
          <dd>{workAmount(f.payable[0], lang)}</dd>
        </div>
        <div>
          <dt>{t("figLove")}</dt>
          <dd>{workAmount(f.payable[1], lang)}</dd>
        </div>
        <div>
          <dt>{t("figCare")}</dt>
          <dd>{workAmount(f.payable[2], lang)}</dd>
        </div>
        <div>
          <dt>{t("figMoneyIn")}</dt>
          <dd>
            <Money amount={f.moneyIn} currency={currency} />
          </dd>
        </div>
        <div>
          <dt>{t("figMoneyOut")}</dt>
          <dd>
            <Money amount={f.moneyOut} currency={currency} />
          </dd>
        </div>
        <div>
          <dt>{t("figCreditIn")}</dt>
          <dd>{creditEuros(f.creditIn, lang)}</dd>
        </div>
        <div>
          <dt>{t("figCreditOut")}</dt>
          <dd>{creditEuros(f.creditOut, lang)}</dd>
        </div>
      </dl>
      <p className="muted">
        {t("checkedInBy", { date: dateTime(checkIn.time, lang) })} <Person address={checkIn.by} />
      </p>
      {checkIn.verdicts.length > 0 ? (
        <ul className="fed-verdicts">
          {checkIn.verdicts.map((v) => (
            <li key={v.peer}>
              {v.verdict === "Confirmed"
                ? t("verdictConfirmed", { peer: name(v.peer) })
                : t("verdictChallenged", {
                    peer: name(v.peer),
                    figure: v.figure ? figureName(v.figure, lang) : "",
                    reason: v.reason ?? "",
                  })}
              {v.conflict ? ` ${t("verdictConflict")}` : null}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

/** This DisCO's euro as the treasury shows it; another currency with its own decimals and symbol. */
function Money({ amount, currency }: { amount: bigint; currency: Currency | undefined }) {
  const t = useT(messages);
  const { lang } = useLang();
  if (!currency) return <span className="muted">{t("currencyLoading")}</span>;
  if (sameCurrency(currency.address, OUR_TOKEN)) return <Euros amount={amount} />;
  return (
    <span className="euros" data-exact={amount.toString()}>
      {moneyIn(amount, currency, lang)}
    </span>
  );
}
