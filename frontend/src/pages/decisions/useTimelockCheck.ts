/**
 * Runs a proposed call as the timelock would make it, now, so that a proposal bound to fail is caught before the
 * vote (as the CLI's propose does). Calls to the governor itself accept only its own execute, so they are not
 * checked.
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { BaseError, decodeErrorResult, isHex, type Hex } from "viem";
import { usePublicClient } from "wagmi";
import { chain, deployment } from "../../chain.ts";
import { ALL_ERRORS, ERROR_SENTENCES } from "../../errors.ts";
import { interpolate, type Lang } from "../../i18n.tsx";
import type { ProposedCall } from "./calls.ts";
import { GOVERNOR, TIMELOCK } from "./registry.ts";

export type TimelockCheck = { status: "idle" | "checking" | "ok" | "governor" } | { status: "fails"; why: string };

/** A revert's data as a sentence where the app has one, else the error's name and arguments. */
function revertText(error: unknown, lang: Lang): string {
  // The revert data sits on whichever layer the node's answer reached (RawContractError, RpcRequestError...).
  const carrier =
    error instanceof BaseError
      ? error.walk((e) => isHex((e as { data?: unknown }).data) && (e as { data: Hex }).data.length >= 10)
      : undefined;
  const data = carrier ? (carrier as unknown as { data: Hex }).data : undefined;
  if (data && data !== "0x") {
    try {
      const decoded = decodeErrorResult({ abi: ALL_ERRORS, data });
      const args = (decoded.args ?? []).map((a) => (typeof a === "bigint" ? a.toString() : String(a)));
      const sentence = ERROR_SENTENCES[lang][decoded.errorName];
      return sentence
        ? interpolate(sentence, Object.fromEntries(args.map((a, i) => [String(i), a])))
        : `${decoded.errorName}(${args.join(", ")})`;
    } catch {
      return data.slice(0, 10);
    }
  }
  return error instanceof BaseError ? error.shortMessage : String(error);
}

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
        return { status: "fails", why: revertText(error, lang) };
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
