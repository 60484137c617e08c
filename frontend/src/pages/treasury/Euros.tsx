/** An amount of the currency as people read it: to the cent, the exact amount on hover (title) for whoever needs it. */
import { money, moneyToCent } from "@disco-ledger/sdk/format";
import { useLang } from "../../i18n.tsx";

/** `sign`: "+" or "−" before a movement in or out. */
export function Euros({ amount, sign }: { amount: bigint; sign?: "+" | "−" }) {
  const { lang } = useLang();
  return (
    <span className="euros" title={`${sign ?? ""}${money(amount, lang)}`} data-exact={amount.toString()}>
      {sign ?? ""}
      {moneyToCent(amount, lang)}
    </span>
  );
}
