/**
 * A proposal's calls as people read them: a setting as a sentence with its value now ("Set “Review window” to 3 days
 * (now 7 days)"); other calls by contract, function and arguments (people, roles and stages named); or the raw bytes.
 */
import { zeroAddress, type AbiParameter } from "viem";
import { useBooks } from "../../data/history.tsx";
import { money } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { Person } from "../../ui/kit.tsx";
import { roleName } from "@disco-ledger/sdk/governance";
import {
  actionSentence,
  decodeCall,
  formatAbiValue,
  settingChange,
  type ProposedCall,
} from "@disco-ledger/sdk/proposals";
import { shortAddress } from "@disco-ledger/sdk/format";
import { useNames } from "../../wallet/names.ts";
import { settingSentence } from "@disco-ledger/sdk/settings";
import { REGISTRY } from "./registry.ts";
import { useKeyNames, useSettingNow } from "./settingReads.ts";

const messages = defineMessages(
  {
    unknownTarget: "A call to an address outside this cooperative's contracts",
    unknownFunction: "A call the {contract} contract's interface doesn't describe",
    data: "Calldata",
    value: "Sends {value} wei",
    noCalls: "No calls: a statement for the record.",
    nobody: "none (zero address)",
    unnamed: "constituency {n}",
    details: "The call in detail",
  },
  {
    unknownTarget: "Una llamada a una dirección ajena a los contratos de esta cooperativa",
    unknownFunction: "Una llamada que la interfaz del contrato {contract} no describe",
    data: "Datos de la llamada",
    value: "Envía {value} wei",
    noCalls: "Sin llamadas: una declaración para que conste.",
    nobody: "ninguna (dirección cero)",
    unnamed: "colectivo {n}",
    details: "La llamada en detalle",
  },
);

/** Amounts of the treasury's currency, by the functions that move it. */
const MONEY_ARGS = new Set([
  "treasury.spend.amount",
  "capital.spendCommons.amount",
  "treasury.capitalPay.amount",
  "capital.closeYear.surplus",
  "capital.closeYearAtLoss.loss",
]);

function ArgValue({
  contract,
  fn,
  param,
  value,
}: {
  contract: string;
  fn: string;
  param: AbiParameter;
  value: unknown;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const books = useBooks();
  if (param.type === "address" && value === zeroAddress) return <span className="muted">{t("nobody")}</span>;
  if (param.type === "address" && typeof value === "string") return <Person address={value} />;
  if (contract === "membership" && param.name === "constituency" && typeof value === "number") {
    const name = books?.constituencies.get(value);
    return <code className="arg-value">{name ? `${name} (${value})` : value}</code>;
  }
  if (MONEY_ARGS.has(`${contract}.${fn}.${param.name}`) && typeof value === "bigint") return <>{money(value, lang)}</>;
  if (param.type === "bytes32" && param.name === "role" && typeof value === "string")
    return <>{roleName(value, lang)}</>;
  return <code className="arg-value">{formatAbiValue(param, value, lang)}</code>;
}

/** A call to a setting of the catalogue, as a sentence; with its value now unless the decision is over. */
function SettingCall({ change, showNow }: { change: NonNullable<ReturnType<typeof settingChange>>; showNow: boolean }) {
  const t = useT(messages);
  const { lang } = useLang();
  const names = useKeyNames((n) => t("unnamed", { n }));
  const now = useSettingNow(change.setting, change.keys);
  return (
    <div className="call">
      <p className="call-sentence" data-testid="call-sentence">
        {settingSentence(change.setting, change, lang, names, showNow ? now : undefined)}
      </p>
      <p className="muted small">{change.setting.text[lang].sentence}</p>
    </div>
  );
}

export function CallView({ call, showNow = true }: { call: ProposedCall; showNow?: boolean }) {
  const t = useT(messages);
  const { lang } = useLang();
  const names = useNames();
  const books = useBooks();
  const change = call.value === 0n ? settingChange(REGISTRY, call) : null;
  if (change) return <SettingCall change={change} showNow={showNow} />;
  const decoded = decodeCall(REGISTRY, call.target, call.data);
  const value = call.value > 0n ? <p className="muted">{t("value", { value: call.value.toString() })}</p> : null;
  if (!decoded.known) {
    return (
      <div className="call">
        <p>
          {decoded.contract === null ? (
            <>
              {t("unknownTarget")}: <Person address={call.target} />
            </>
          ) : (
            t("unknownFunction", { contract: decoded.contract })
          )}
        </p>
        <p className="raw">
          <span className="muted">{t("data")}: </span>
          <code>{decoded.data}</code>
        </p>
        {value}
      </div>
    );
  }
  const args =
    decoded.args.length > 0 ? (
      <dl className="call-args">
        {decoded.args.map(({ param, value: arg }, i) => (
          <div key={i}>
            <dt>{param.name || `#${i + 1}`}</dt>
            <dd>
              <ArgValue contract={decoded.contract} fn={decoded.functionName} param={param} value={arg} />
            </dd>
          </div>
        ))}
      </dl>
    ) : null;
  const head = (
    <p className="call-head">
      <code>
        {decoded.contract}.{decoded.functionName}
      </code>
    </p>
  );
  const sentence = actionSentence(decoded, lang, {
    person: (address) => {
      const name = names(address);
      return name ? `${name} (${shortAddress(address)})` : shortAddress(address);
    },
    constituency: (index) => books?.constituencies.get(index) || t("unnamed", { n: index }),
  });
  if (sentence) {
    return (
      <div className="call">
        <p className="call-sentence" data-testid="call-sentence">
          {sentence}
        </p>
        <details className="muted small">
          <summary>{t("details")}</summary>
          {head}
          {args}
        </details>
        {value}
      </div>
    );
  }
  return (
    <div className="call">
      {head}
      {args}
      {value}
    </div>
  );
}

export function CallList({ calls, showNow = true }: { calls: readonly ProposedCall[]; showNow?: boolean }) {
  const t = useT(messages);
  if (calls.length === 0) return <p className="muted">{t("noCalls")}</p>;
  return (
    <ol className="calls">
      {calls.map((call, i) => (
        <li key={i}>
          <CallView call={call} showNow={showNow} />
        </li>
      ))}
    </ol>
  );
}
