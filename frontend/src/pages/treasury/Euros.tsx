/** An amount of the currency as people read it: to the cent, the exact amount on hover (title) for whoever needs it. */
import { money, moneyToCent } from "@disco-ledger/sdk/format";
import { useLang } from "../../i18n.tsx";

/** `sign`: "+" or "−" before a movement in or out; `decimals`: the amount's (the currency's 6, mutual credit's 2). */
export function Euros({ amount, sign, decimals = 6 }: { amount: bigint; sign?: "+" | "−"; decimals?: number }) {
  const { lang } = useLang();
  return (
    <span className="euros" title={`${sign ?? ""}${money(amount, lang, decimals)}`} data-exact={amount.toString()}>
      {sign ?? ""}
      {moneyToCent(amount, lang, decimals)}
    </span>
  );
}
