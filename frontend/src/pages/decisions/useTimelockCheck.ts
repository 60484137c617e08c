/**
 * Runs a proposed call as the timelock would make it, now, so that a proposal bound to fail is caught before the
 * vote (as the CLI's propose does). Calls to the governor itself accept only its own execute, so they are not
 * checked.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { usePublicClient } from "wagmi";
import { explainError } from "@disco-ledger/sdk/errors";
import type { ProposedCall } from "@disco-ledger/sdk/proposals";
import { chain, deployment } from "../../chain.ts";
import type { Lang } from "../../i18n.tsx";
import { GOVERNOR, TIMELOCK } from "./registry.ts";

export type TimelockCheck = { status: "idle" | "checking" | "ok" | "governor" } | { status: "fails"; why: string };

/** `value` once it has stayed the same for `ms`: so that typing doesn't send a request per keystroke. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function useTimelockCheck(call: ProposedCall | undefined, lang: Lang): TimelockCheck {
  const client = usePublicClient({ chainId: chain.id });
  // Primitives, so that a new object with the same bytes needs no new check.
  const typed = call && { target: call.target, data: call.data, value: String(call.value) };
  const key = typed ? JSON.stringify(typed) : undefined;
  const settledKey = useSettled(key, 300);
  const governor = typed?.target.toLowerCase() === GOVERNOR.toLowerCase();
  const { data, isFetching } = useQuery({
    queryKey: ["timelock-check", deployment.chainId, TIMELOCK, key, lang],
    queryFn: async (): Promise<TimelockCheck> => {
      if (!call) return { status: "idle" };
      try {
        await client.call({ account: TIMELOCK, to: call.target, data: call.data, value: call.value });
        return { status: "ok" };
      } catch (error) {
        return { status: "fails", why: explainError(error, lang) };
      }
    },
    enabled: Boolean(call) && !governor && settledKey === key,
    staleTime: Infinity,
    retry: false,
  });
  if (!call) return { status: "idle" };
  if (governor) return { status: "governor" };
  return isFetching || !data ? { status: "checking" } : data;
}
