/**
 * Runs a proposed call as the timelock would make it, now, so that a proposal bound to fail is caught before the
 * vote (as the CLI's propose does). Calls to the governor itself accept only its own execute, so they are not
 * checked.
 */
import { useEffect, useState } from "react";
import { usePublicClient } from "wagmi";
import { explainError } from "@disco-ledger/sdk/errors";
import type { Lang } from "../../i18n.tsx";
import type { ProposedCall } from "@disco-ledger/sdk/proposals";
import { GOVERNOR, TIMELOCK } from "./registry.ts";

export type TimelockCheck = { status: "idle" | "checking" | "ok" | "governor" } | { status: "fails"; why: string };

export function useTimelockCheck(call: ProposedCall | undefined, lang: Lang): TimelockCheck {
  const client = usePublicClient();
  const [check, setCheck] = useState<TimelockCheck>({ status: "idle" });
  // Primitives, so that a new object with the same bytes needs no new check.
  const target = call?.target;
  const data = call?.data;
  const value = call?.value;
  useEffect(() => {
    if (!target || !data || !client) return setCheck({ status: "idle" });
    if (target.toLowerCase() === GOVERNOR.toLowerCase()) return setCheck({ status: "governor" });
    let current = true;
    setCheck({ status: "checking" });
    // A short pause so that typing doesn't send a request per keystroke.
    const timer = setTimeout(() => {
      client
        .call({ account: TIMELOCK, to: target, data, value })
        .then(() => current && setCheck({ status: "ok" }))
        .catch((error: unknown) => current && setCheck({ status: "fails", why: explainError(error, lang) }));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target, data, value, client, lang]);
  return check;
}
