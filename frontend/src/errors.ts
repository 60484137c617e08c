/**
 * Why a transaction failed, in a plain sentence. Reverts are decoded by every contract's errors (a call can fail
 * deep inside: a proposal's execution reverts with the treasury's error), then told by ERROR_SENTENCES.
 */
import type { Abi, AbiError } from "abitype";
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";
import * as abis from "./generated/abis.ts";
import { interpolate, type Lang } from "./i18n.tsx";

/** Every custom error of every contract, once: appended to a call's ABI so that any of them decodes. */
export const ALL_ERRORS: AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of Object.values(abis) as Abi[]) {
    for (const item of abi) {
      if (item.type === "error") seen.set(`${item.name}(${item.inputs.map((i) => i.type).join(",")})`, item);
    }
  }
  return [...seen.values()];
})();

/** Sentences per error name; `{0}`, `{1}`... are the error's arguments, `{name}` its named ones. */
export const ERROR_SENTENCES: Record<Lang, Record<string, string>> = {
  en: {
    GovernorUnexpectedProposalState: "This proposal is not in a state that allows this now.",
    GovernorAlreadyCastVote: "You have already voted on this proposal.",
    GovernorInsufficientProposerVotes: "Only Committed members can make proposals.",
    ERC20InsufficientBalance: "There is not enough money for this.",
  },
  es: {
    GovernorUnexpectedProposalState: "Esta propuesta no está en un estado que permita esto ahora.",
    GovernorAlreadyCastVote: "Ya has votado en esta propuesta.",
    GovernorInsufficientProposerVotes: "Solo las personas socias comprometidas pueden hacer propuestas.",
    ERC20InsufficientBalance: "No hay dinero suficiente para esto.",
  },
};

const GENERIC = {
  en: {
    rejected: "You declined the request in your wallet; nothing was sent.",
    reverted: "The contract refused: {error}.",
    unknown: "The transaction failed: {message}",
  },
  es: {
    rejected: "Has rechazado la solicitud en tu cartera; no se ha enviado nada.",
    reverted: "El contrato lo ha rechazado: {error}.",
    unknown: "La transacción ha fallado: {message}",
  },
} as const;

const show = (value: unknown): string => (typeof value === "bigint" ? value.toString() : String(value));

/** A failed request as one sentence in the chosen language. */
export function explainError(error: unknown, lang: Lang): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return GENERIC[lang].rejected;
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName) {
      const { errorName, args = [], abiItem } = reverted.data;
      const params: Record<string, string> = {};
      args.forEach((arg, i) => {
        params[String(i)] = show(arg);
        const name = (abiItem as AbiError | undefined)?.inputs[i]?.name;
        if (name) params[name] = show(arg);
      });
      const sentence = ERROR_SENTENCES[lang][errorName];
      return sentence
        ? interpolate(sentence, params)
        : interpolate(GENERIC[lang].reverted, { error: `${errorName}(${args.map(show).join(", ")})` });
    }
    if (reverted instanceof ContractFunctionRevertedError && reverted.reason) {
      return interpolate(GENERIC[lang].reverted, { error: reverted.reason });
    }
    return interpolate(GENERIC[lang].unknown, { message: error.shortMessage });
  }
  return interpolate(GENERIC[lang].unknown, { message: error instanceof Error ? error.message : String(error) });
}
