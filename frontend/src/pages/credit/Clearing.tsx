/**
 * The cycles of debt worth clearing (the SDK's findCycles: most debt cleared first), each with a Clear button: anyone
 * may send the clearing, and nobody's net position changes.
 */
import { useId, useMemo } from "react";
import { useConnection } from "wagmi";
import { creditAbi } from "@disco-ledger/sdk/abis";
import { findCycles, type CreditCycle } from "@disco-ledger/sdk/credit";
import { creditEuros } from "@disco-ledger/sdk/format";
import { clearCycleArgs } from "@disco-ledger/sdk/proposals";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { Empty, ReasonedButton, Section } from "../../ui/kit.tsx";
import { messages } from "./messages.ts";
import { OURS, type CreditView } from "./ours.ts";
import { cycleFrom } from "./position.ts";

export function Clearing({ view }: { view: CreditView }) {
  const t = useT(messages);
  const { state } = view;
  const cycles = useMemo(() => findCycles(state, state.maxHops), [state]);
  return (
    <Section title={t("clearTitle")}>
      <p>{t("clearIntro")}</p>
      {cycles.length === 0 ? (
        <Empty>{t("noCycles")}</Empty>
      ) : (
        <ul className="credit-cycles" data-testid="credit-cycles">
          {cycles.map((c) => (
            <Suggestion key={c.cycle.join("-")} cycle={c} view={view} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function Suggestion({ cycle, view }: { cycle: CreditCycle; view: CreditView }) {
  const t = useT(messages);
  const { lang } = useLang();
  const ids = useId();
  const tx = useTx();
  const { address } = useConnection();
  return (
    <li data-testid="credit-cycle">
      <p>
        {t("cycle", {
          cycle: cycleFrom(cycle.cycle, OURS).map(view.name).join(" → "),
          amount: creditEuros(cycle.amount, lang),
          cleared: creditEuros(cycle.cleared, lang),
        })}
      </p>
      <ReasonedButton
        type="button"
        reason={address ? null : t("clearConnect")}
        reasonId={`${ids}-why`}
        busy={tx.busy}
        onClick={async () => {
          const ok = await tx.send({
            address: view.state.address,
            abi: creditAbi,
            functionName: "clearCycle",
            args: clearCycleArgs(cycle.cycle, cycle.amount),
          });
          if (ok) view.refetch();
        }}
      >
        {t("clear")}
      </ReasonedButton>
      <TxStatus tx={tx} />
    </li>
  );
}
