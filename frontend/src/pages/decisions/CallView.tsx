/** A proposal's calls as people read them: contract, function and arguments (people named), or the raw bytes. */
import { zeroAddress, type AbiParameter } from "viem";
import { useBooks } from "../../data/history.tsx";
import { money } from "@disco-ledger/sdk/format";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { Person } from "../../ui/kit.tsx";
import { decodeCall, formatAbiValue, type ProposedCall } from "@disco-ledger/sdk/proposals";
import { REGISTRY } from "./registry.ts";

const messages = defineMessages(
  {
    unknownTarget: "A call to an address outside this cooperative's contracts",
    unknownFunction: "A call the {contract} contract's interface doesn't describe",
    data: "Calldata",
    value: "Sends {value} wei",
    noCalls: "No calls: a statement for the record.",
    nobody: "none (zero address)",
  },
  {
    unknownTarget: "Una llamada a una dirección ajena a los contratos de esta cooperativa",
    unknownFunction: "Una llamada que la interfaz del contrato {contract} no describe",
    data: "Datos de la llamada",
    value: "Envía {value} wei",
    noCalls: "Sin llamadas: una declaración para que conste.",
    nobody: "ninguna (dirección cero)",
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
  return <code className="arg-value">{formatAbiValue(param, value)}</code>;
}

export function CallView({ call }: { call: ProposedCall }) {
  const t = useT(messages);
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
  return (
    <div className="call">
      <p className="call-head">
        <code>
          {decoded.contract}.{decoded.functionName}
        </code>
      </p>
      {decoded.args.length > 0 ? (
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
      ) : null}
      {value}
    </div>
  );
}

export function CallList({ calls }: { calls: readonly ProposedCall[] }) {
  const t = useT(messages);
  if (calls.length === 0) return <p className="muted">{t("noCalls")}</p>;
  return (
    <ol className="calls">
      {calls.map((call, i) => (
        <li key={i}>
          <CallView call={call} />
        </li>
      ))}
    </ol>
  );
}
