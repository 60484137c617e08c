/**
 * One transaction's life as the user sees it: checking (simulated first, so a refusal is explained before the
 * wallet asks anything), waiting for the wallet, pending on chain, confirmed or failed. The history reloads on
 * confirmation, so every page shows the change at once.
 */
import { useCallback, useState } from "react";
import type { Abi, Address, ContractFunctionName, ContractFunctionParameters, Hash, TransactionReceipt } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { useHistory } from "./data/history.tsx";
import { ALL_ERRORS, explainError } from "@disco-ledger/sdk/errors";
import { defineMessages, useLang, useT } from "./i18n.tsx";

export type TxPhase = "idle" | "checking" | "signing" | "pending" | "confirmed" | "failed";

export interface TxState {
  phase: TxPhase;
  hash?: Hash;
  /** The failure in a plain sentence. */
  error?: string;
}

type Writable = "nonpayable" | "payable";

/** A call of a function that writes, typed by its contract's ABI: the name one of its functions, the arguments theirs. */
export type ContractCall<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, Writable> = ContractFunctionName<abi, Writable>,
> = ContractFunctionParameters<abi, Writable, functionName> & { value?: bigint };

/** Any call, as the wallet sends it (the callers' calls are checked against their ABIs). */
interface AnyCall {
  address: Address;
  abi: Abi;
  functionName: string;
  args?: unknown;
  value?: bigint;
}

export function useTx() {
  const config = useConfig();
  const { address } = useConnection();
  const { refresh } = useHistory();
  const { lang } = useLang();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  /** Sends the call: its receipt once confirmed, undefined when it failed (the state says why). */
  const send = useCallback(
    async <const abi extends Abi, functionName extends ContractFunctionName<abi, Writable>>(
      typed: ContractCall<abi, functionName>,
    ): Promise<TransactionReceipt | undefined> => {
      const call: AnyCall = typed;
      try {
        setState({ phase: "checking" });
        // Sent with every DisCO error beside the contract's own, so that a revert from any contract the call
        // reaches is decoded by name.
        const { request } = await simulateContract(config, {
          address: call.address,
          abi: [...call.abi, ...ALL_ERRORS],
          functionName: call.functionName,
          args: Array.isArray(call.args) ? call.args : undefined,
          value: call.value,
          account: address,
        });
        setState({ phase: "signing" });
        const hash = await writeContract(config, request);
        setState({ phase: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") {
          setState({ phase: "failed", hash, error: explainError(new Error("reverted on chain"), lang) });
          return undefined;
        }
        setState({ phase: "confirmed", hash });
        // The books catch up with the block; failing to read them changes nothing about the transaction, which is
        // confirmed (the next block's refresh tries again), so it is never reported as failed.
        await refresh(receipt.blockNumber).catch(() => undefined);
        return receipt;
      } catch (error) {
        setState({ phase: "failed", error: explainError(error, lang) });
        return undefined;
      }
    },
    [config, address, refresh, lang],
  );
  const reset = useCallback(() => setState({ phase: "idle" }), []);
  return {
    ...state,
    send,
    reset,
    busy: state.phase === "checking" || state.phase === "signing" || state.phase === "pending",
  };
}

const messages = defineMessages(
  {
    checking: "Checking…",
    signing: "Confirm in your wallet…",
    pending: "Sent; waiting for the chain…",
    confirmed: "Done: confirmed on chain.",
    failed: "Failed.",
  },
  {
    checking: "Comprobando…",
    signing: "Confirma en tu cartera…",
    pending: "Enviada; esperando a la cadena…",
    confirmed: "Hecho: confirmada en la cadena.",
    failed: "Ha fallado.",
  },
);

/** The phase of a transaction, read out by screen readers as it changes. */
export function TxStatus({ tx }: { tx: TxState }) {
  const t = useT(messages);
  if (tx.phase === "idle") return null;
  return (
    <p className={`tx tx-${tx.phase}`} role={tx.phase === "failed" ? "alert" : "status"} data-phase={tx.phase}>
      {t(tx.phase)}
      {tx.error ? ` ${tx.error}` : ""}
      {tx.hash ? <span className="tx-hash"> {tx.hash.slice(0, 10)}…</span> : null}
    </p>
  );
}
