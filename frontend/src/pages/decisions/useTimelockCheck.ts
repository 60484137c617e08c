/**
 * Runs a proposed call as the timelock would make it, now, so that a proposal bound to fail is caught before the
 * vote (as the CLI's propose does). Calls to the governor itself accept only its own execute, so they are not
 * checked.
 */
import { useEffect, useState } from "react";
import { BaseError, decodeErrorResult, isHex, type Hex } from "viem";
import { usePublicClient } from "wagmi";
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
        .catch((error: unknown) => current && setCheck({ status: "fails", why: revertText(error, lang) }));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target, data, value, client, lang]);
  return check;
}
