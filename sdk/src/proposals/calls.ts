/**
 * A proposal's calls: built for the common decisions (admit, change a stage, spend, any call) the way
 * scripts/cli.ts builds them, and read back for people to see what they vote on (decoded against the deployment's
 * ABIs by target address; a catalogued setting as the setting it changes). Pure: the deployment's contracts come in as a registry.
 */
import {
  decodeFunctionData,
  encodeFunctionData,
  isAddress,
  isHex,
  toFunctionSelector,
  zeroAddress,
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";
import { money, type Lang } from "../format.ts";
import { descriptionHash, roleName } from "../governance.ts";
import { STAGE_NAMES } from "../members.ts";
import { settingOf, type KeyValue, type RawValue, type Setting } from "../settings.ts";
import type { AbiValue } from "./abiInput.ts";
import { signatureOf } from "./abiInput.ts";

export interface KnownContract {
  /** The deployment's name for it: governor, timelock, membership, ledger, treasury, capital, audit, token. */
  name: string;
  address: Address;
  abi: Abi;
}

/** One call of a proposal. */
export interface ProposedCall {
  target: Address;
  value: bigint;
  data: Hex;
}

export interface DecodedArg {
  param: AbiParameter;
  value: unknown;
}

export type DecodedCall =
  | { known: true; contract: string; functionName: string; signature: string; args: DecodedArg[] }
  | { known: false; contract: string | null; selector: Hex | null; data: Hex };

/** The contracts of a deployment with their ABIs; a name with no ABI is left out. */
export function contractRegistry(
  contracts: Record<string, { address: string }>,
  abis: Record<string, Abi>,
): KnownContract[] {
  return Object.entries(contracts).flatMap(([name, { address }]) =>
    abis[name] ? [{ name, address: address as Address, abi: abis[name] }] : [],
  );
}

export const findContract = (registry: readonly KnownContract[], address: string): KnownContract | undefined =>
  registry.find((c) => c.address.toLowerCase() === address.toLowerCase());

export function contractNamed(registry: readonly KnownContract[], name: string): KnownContract {
  const found = registry.find((c) => c.name === name);
  if (!found) throw new Error(`The deployment has no ${name} contract`);
  return found;
}

/** A call as people read it: the contract's name, the function and each argument; raw when the ABI doesn't know it. */
export function decodeCall(registry: readonly KnownContract[], target: string, data: string): DecodedCall {
  const contract = findContract(registry, target);
  const hex = (isHex(data) ? data : "0x") as Hex;
  const selector = hex.length >= 10 ? (hex.slice(0, 10) as Hex) : null;
  if (!contract) return { known: false, contract: null, selector, data: hex };
  try {
    const { functionName, args = [] } = decodeFunctionData({ abi: contract.abi, data: hex });
    const fn = contract.abi.find(
      (item): item is AbiFunction =>
        item.type === "function" && item.name === functionName && selector === toFunctionSelector(item),
    );
    if (!fn) return { known: false, contract: contract.name, selector, data: hex };
    return {
      known: true,
      contract: contract.name,
      functionName,
      signature: signatureOf(fn),
      args: fn.inputs.map((param, i) => ({ param, value: (args as readonly unknown[])[i] })),
    };
  } catch {
    return { known: false, contract: contract.name, selector, data: hex };
  }
}

/** The functions of an ABI that change state: what a proposal can call. */
export const writableFunctions = (abi: Abi): AbiFunction[] =>
  abi.filter(
    (item): item is AbiFunction =>
      item.type === "function" && item.stateMutability !== "view" && item.stateMutability !== "pure",
  );

/** A contract's function by its address and selector, as people read it: "ledger.setCap"; the selector if unknown. */
export function functionNameOf(registry: readonly KnownContract[], target: string, selector: string): string {
  const contract = findContract(registry, target);
  const fn = contract && writableFunctions(contract.abi).find((f) => toFunctionSelector(f) === selector.toLowerCase());
  return contract && fn ? `${contract.name}.${fn.name}` : selector;
}

/** A function of a contract by its full signature (overloads differ only there). */
export const functionBySignature = (abi: Abi, signature: string): AbiFunction | undefined =>
  writableFunctions(abi).find((fn) => signatureOf(fn) === signature);

export function encodeCall(contract: KnownContract, fn: AbiFunction, args: readonly AbiValue[]): ProposedCall {
  return {
    target: contract.address,
    value: 0n,
    data: encodeFunctionData({ abi: [fn], functionName: fn.name, args } as never),
  };
}

function call(contract: KnownContract, functionName: string, args: readonly unknown[]): ProposedCall {
  return {
    target: contract.address,
    value: 0n,
    data: encodeFunctionData({ abi: contract.abi, functionName, args } as never),
  };
}

/** IMembership.Stage numbers: None 0, Casual 1, Dating1-3 2-4, Committed 5. */
export const isDatingStage = (stage: number): boolean => stage >= 2 && stage <= 4;

export interface AdmitInput {
  account: Address;
  stage: number;
  constituency: number;
  /** A Committed member for Dating stages; zero otherwise. */
  mentor: Address | null;
}

export const admitCall = (registry: readonly KnownContract[], input: AdmitInput): ProposedCall =>
  call(contractNamed(registry, "membership"), "admit", [
    input.account,
    input.stage,
    input.constituency,
    input.mentor ?? zeroAddress,
  ]);

export const changeStageCall = (
  registry: readonly KnownContract[],
  input: { account: Address; stage: number; mentor: Address | null },
): ProposedCall =>
  call(contractNamed(registry, "membership"), "changeStage", [input.account, input.stage, input.mentor ?? zeroAddress]);

export const spendCall = (
  registry: readonly KnownContract[],
  input: { to: Address; amount: bigint; reason: string },
): ProposedCall => call(contractNamed(registry, "treasury"), "spend", [input.to, input.amount, input.reason]);

export const changeConstituencyCall = (
  registry: readonly KnownContract[],
  input: { account: Address; constituency: number },
): ProposedCall =>
  call(contractNamed(registry, "membership"), "changeConstituency", [input.account, input.constituency]);

export const removeCall = (
  registry: readonly KnownContract[],
  input: { account: Address; reason: string },
): ProposedCall => call(contractNamed(registry, "membership"), "remove", [input.account, input.reason]);

/** Settles a disputed ledger entry: accepted, it counts (in the open period if its own is final); rejected, not. */
export const resolveDisputeCall = (
  registry: readonly KnownContract[],
  input: { entryId: bigint; accept: boolean },
): ProposedCall => call(contractNamed(registry, "ledger"), "resolveDispute", [input.entryId, input.accept]);

/** A call given as raw calldata to any address. */
export function rawCall(target: string, data: string): ProposedCall | null {
  if (!isAddress(target, { strict: false }) || !isHex(data) || data.length % 2 !== 0) return null;
  return { target: target as Address, value: 0n, data: data as Hex };
}

/** A call to a catalogued setting read back: which setting, for which keys, set to which values. */
export function settingChange(
  registry: readonly KnownContract[],
  call: { target: string; data: string },
): { setting: Setting; keys: KeyValue[]; values: RawValue[] } | null {
  const decoded = decodeCall(registry, call.target, call.data);
  if (!decoded.known) return null;
  const setting = settingOf(decoded.contract, decoded.functionName);
  if (!setting) return null;
  return { setting, ...setting.fromArgs(decoded.args.map((a) => a.value)) };
}

export const CONSENT_PREFIX = "[consent]";

/** The decision types a description's first word may name in brackets: "[consent]", "[Standard]", "[bylaw]". */
const DECISION_TAG = /^\[(consent|standard|bylaw)\]\s*/i;

/**
 * The description as proposed: the consent prefix when consent was chosen, then the text (or the summary if none).
 * The governor makes a consent decision of any description that starts with "[consent]" exactly and a Standard one
 * of any other, so a decision type typed at the start of the text is taken out when it is the one chosen and refused
 * when it is not (a "[Consent]" or "[bylaw]" would otherwise silently make a Standard proposal). Bylaw is never
 * chosen by a tag: the calls decide it.
 */
export function proposalDescription(
  text: string,
  summary: string,
  consent: boolean,
): { ok: true; description: string } | { ok: false; tag: string } {
  const body = text.trim() === "" ? summary : text.trim();
  const tag = DECISION_TAG.exec(body);
  const typed = tag?.[1].toLowerCase();
  if (typed !== undefined && typed !== (consent ? "consent" : "standard"))
    return { ok: false, tag: tag?.[0].trim() ?? "" };
  const bare = tag ? body.slice(tag[0].length) : body;
  return { ok: true, description: consent ? `${CONSENT_PREFIX} ${bare}` : bare };
}

/** The arguments of queue and execute for a proposal as the history recorded it. */
export function lifecycleArgs(proposal: {
  targets: readonly string[];
  values: readonly bigint[];
  calldatas: readonly string[];
  description: string;
}): readonly [Address[], bigint[], Hex[], Hex] {
  return [
    proposal.targets as Address[],
    [...proposal.values],
    proposal.calldatas as Hex[],
    descriptionHash(proposal.description) as Hex,
  ];
}

/** Who and what a sentence names: people by the reader's names for them, constituencies by the chain's. */
export interface SentenceNames {
  person: (address: string) => string;
  constituency: (index: number) => string;
}

const ACTIONS: Record<Lang, Record<string, string>> = {
  en: {
    admit: "Admit {account} as {stage} in {constituency}",
    changeStage: "Move {account} to the stage {stage}",
    mentor: ", mentored by {mentor}",
    changeConstituency: "Move {account} to the constituency {constituency}",
    remove: "Remove {account} from the members: {reason}",
    accept: "Accept the disputed ledger entry {entry}: it counts",
    reject: "Reject the disputed ledger entry {entry}: it does not count",
    spend: "Pay {amount} to {to} from the treasury: {reason}",
    spendCommons: "Pay {amount} to {to} from the commons fund: {reason}",
    grantRole: "Give {account} the role {role} on the {contract} contract",
    revokeRole: "Take the role {role} on the {contract} contract from {account}",
  },
  es: {
    admit: "Admitir a {account} como {stage} en {constituency}",
    changeStage: "Pasar a {account} a la etapa {stage}",
    mentor: ", con {mentor} como mentora",
    changeConstituency: "Pasar a {account} al colectivo {constituency}",
    remove: "Dar de baja a {account}: {reason}",
    accept: "Aceptar el registro disputado {entry}: cuenta",
    reject: "Rechazar el registro disputado {entry}: no cuenta",
    spend: "Pagar {amount} a {to} de la tesorería: {reason}",
    spendCommons: "Pagar {amount} a {to} del fondo común: {reason}",
    grantRole: "Dar a {account} el rol {role} en el contrato {contract}",
    revokeRole: "Quitar a {account} el rol {role} en el contrato {contract}",
  },
};

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`);

/**
 * A decision's call as a sentence, for the common decisions that are not settings: "Admit Gus as Dating 1 in
 * workers, mentored by Bob", "Give Jun the role Auditor on the audit contract". Null for any other call.
 */
export function actionSentence(
  decoded: DecodedCall,
  lang: Lang,
  names: SentenceNames,
  currencyDecimals = 6,
): string | null {
  if (!decoded.known) return null;
  const args = decoded.args.map((a) => a.value);
  const words = ACTIONS[lang];
  const person = (value: unknown) => names.person(String(value));
  const mentor = (value: unknown) => (value === zeroAddress ? "" : fill(words.mentor, { mentor: person(value) }));
  const stage = (value: unknown) => STAGE_NAMES[lang][Number(value)] ?? String(value);
  switch (`${decoded.contract}.${decoded.functionName}`) {
    case "membership.admit":
      return (
        fill(words.admit, {
          account: person(args[0]),
          stage: stage(args[1]),
          constituency: names.constituency(Number(args[2])),
        }) + mentor(args[3])
      );
    case "membership.changeStage":
      return fill(words.changeStage, { account: person(args[0]), stage: stage(args[1]) }) + mentor(args[2]);
    case "membership.changeConstituency":
      return fill(words.changeConstituency, {
        account: person(args[0]),
        constituency: names.constituency(Number(args[1])),
      });
    case "membership.remove":
      return fill(words.remove, { account: person(args[0]), reason: String(args[1]) });
    case "ledger.resolveDispute":
      return fill(args[1] ? words.accept : words.reject, { entry: String(args[0]) });
    case "treasury.spend":
    case "capital.spendCommons":
      return fill(words[decoded.functionName], {
        amount: money(args[1] as bigint, lang, currencyDecimals),
        to: person(args[0]),
        reason: String(args[2]),
      });
  }
  if (decoded.functionName === "grantRole" || decoded.functionName === "revokeRole") {
    return fill(words[decoded.functionName], {
      account: person(args[1]),
      role: roleName(String(args[0]), lang),
      contract: decoded.contract,
    });
  }
  return null;
}
