/**
 * `npm run audit -- --federation <name|address>`: a federation found from the factory, folded from its logs, every
 * member's check-ins recomputed from that DisCO's own logs and printed beside what its peers said; with `--record`,
 * our DisCO's auditor confirms each matching check-in and challenges each differing one on chain. Each DisCO's money
 * figures are in its own currency, which the factory does not vouch for: a DisCO whose currency is not ours is
 * flagged, and its check-ins are not judged with --record.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, PublicClient } from "viem";
import { findDisCO, type FactoryChain, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import {
  checkInStatus,
  currencyOf,
  describeDifference,
  discoverFederations,
  FIGURES,
  findFederation,
  loadFederation,
  verifyCheckIns,
  type CheckInCheck,
  type CheckInCurrency,
  type FederationState,
} from "@disco-ledger/sdk/federation";
import { auditAbi, federationAbi } from "@disco-ledger/sdk/abis";
import { printable, shortAddress } from "@disco-ledger/sdk/format";
import { challengeArgs, confirmArgs } from "@disco-ledger/sdk/proposals";
import { AUDITOR_ROLE } from "@disco-ledger/sdk/history";
import { UsageError, walletOn } from "../../cli/context.ts";
import type { ChainProvider } from "../../cli/network.ts";
import { fileCache } from "../history/file-cache.ts";
import { historyCacheKey } from "./cache.ts";

export interface FederationAuditOptions {
  /** The federation, by name or address. */
  federation: string;
  /** Record our DisCO's verdicts on chain. */
  record: boolean;
  /** Our DisCO (with `record`), by name or address. */
  disco?: string;
  account?: string;
  json: boolean;
  /** Where the report goes (federation-<address>.json). */
  out: string;
}

export interface FederationAuditIo {
  provider: ChainProvider;
  client: PublicClient;
  /** The factory's chain; and its DisCOs, read on a chain checked to be the file's. */
  chain: FactoryChain;
  discos: () => Promise<FoundDisCO[]>;
  cacheDir: string;
  print: (text: string) => void;
  /** Notes beside the report (standard error with --json). */
  note: (text: string) => void;
}

/** A verdict the audit will not record: our DisCO or the signer may not give it. */
export class RecordRefused extends Error {}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Audits a federation's check-ins; returns the exit status (1 when one differs or could not be recomputed). */
export async function auditFederation(options: FederationAuditOptions, io: FederationAuditIo): Promise<number> {
  const { client } = io;
  const discos = await io.discos();
  let found: ReturnType<typeof findFederation>;
  try {
    found = findFederation(await discoverFederations(client, io.chain), options.federation);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const state = await loadFederation(client, found);
  const checks = await verifyCheckIns(client, found, state, discos, {
    cache: fileCache(io.cacheDir),
    cacheKey: (d) => historyCacheKey(d, d.startBlockHash ?? ""),
  });
  // Names as their founders typed them, printable: the report is printed and written.
  const names = new Map(discos.map((d) => [d.contracts.membership.address.toLowerCase(), printable(d.name)]));
  const nameOf = (disco: string) => names.get(disco.toLowerCase()) ?? disco;
  if (options.record && options.disco === undefined) throw new UsageError("--record needs --disco <our DisCO>");
  let ours: FoundDisCO | undefined;
  try {
    ours = options.disco === undefined ? undefined : findDisCO(discos, options.disco);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const ourCurrency = ours && (await currencyOf(client, ours.contracts.token.address));
  const warningOf = (check: CheckInCheck) => (ourCurrency ? currencyWarning(check, ourCurrency) : null);

  const report = federationReport(state, checks, nameOf, warningOf);
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `federation-${state.address.toLowerCase()}.json`);
  writeFileSync(file, toJson(report));
  io.print(options.json ? toJson(report) : renderFederation(state, checks, nameOf, warningOf));
  io.note(`\nReport written to ${file}`);

  if (options.record && ours) await record(io, state, checks, ours, options.account, nameOf, warningOf);
  return checks.some((c) => c.error !== undefined || c.differs.length > 0) ? 1 : 0;
}

/** A currency for people: its symbol (printable, as anyone's text) and address, or its address alone. */
export const currencyText = (currency: CheckInCurrency): string =>
  currency.symbol === null ? currency.address : `${printable(currency.symbol)} (${currency.address})`;

/**
 * A warning when a check-in's money figures are not in our currency (a DisCO's own token could log any transfer), or
 * when its DisCO's token does not even answer its decimals; null when they are in ours.
 */
export function currencyWarning(check: CheckInCheck, ours: CheckInCurrency): string | null {
  if (check.currency === null) return "money figures in a currency that does not answer its decimals";
  if (same(check.currency.address, ours.address)) return null;
  return `money figures in ${currencyText(check.currency)}, not our currency`;
}

/** A check-in's standing among peers, in words: "confirmed by 2 DisCOs", "challenged (money in) by Small DisCO". */
export function statusText(check: CheckInCheck, nameOf: (disco: string) => string): string {
  const status = checkInStatus(check.checkIn);
  if (status.status === "unverified") return "unverified";
  if (status.status === "confirmed") return `confirmed by ${status.by} DisCO${status.by === 1 ? "" : "s"}`;
  const figures = status.figures.map((name) => FIGURES.find((f) => f.name === name)?.en).join(", ");
  const by = check.checkIn.verdicts.filter((v) => v.verdict === "Challenged" && !v.conflict).map((v) => nameOf(v.peer));
  return `challenged (${figures}) by ${by.join(", ")}`;
}

/** A check-in's differing figure in words, money in its DisCO's currency (its decimals and symbol). */
function differenceText(check: CheckInCheck & { recomputed: object }, name: CheckInCheck["differs"][number]): string {
  const { checkIn, recomputed, currency } = check;
  const symbol = currency === null ? "?" : currency.symbol === null ? currency.address : printable(currency.symbol);
  return describeDifference(name, checkIn, recomputed, "en", currency?.decimals ?? 0, symbol);
}

/** Our recomputation in words: "matches its logs", "differs: money in ...", or why it could not be made. */
export function recomputationText(check: CheckInCheck): string {
  if (check.recomputed === null) return `not recomputed: ${check.error}`;
  if (check.differs.length === 0) return "matches its logs";
  const recomputed = { ...check, recomputed: check.recomputed };
  return `differs: ${check.differs.map((name) => differenceText(recomputed, name)).join("; ")}`;
}

function renderFederation(
  state: FederationState,
  checks: readonly CheckInCheck[],
  nameOf: (disco: string) => string,
  warningOf: (check: CheckInCheck) => string | null,
): string {
  const members = state.members.filter((m) => m.active).map((m) => nameOf(m.disco));
  const lines = [
    `Federation "${printable(state.name)}" at ${state.address}: ${members.length} member DisCOs (${members.join(", ")})`,
    `Charter ${state.charter.uri} (${state.charter.hash}); logs folded to block ${state.lastBlock}`,
  ];
  for (const member of state.members.filter((m) => m.index > 0)) {
    const own = checks.filter((c) => same(c.checkIn.disco, member.disco));
    lines.push("", `${nameOf(member.disco)} (${member.disco})${member.active ? "" : ", no longer a member"}`);
    const currency = own.find((c) => c.currency !== null)?.currency;
    if (currency) lines.push(`  money in ${currencyText(currency)}, ${currency.decimals} decimals`);
    if (own.length === 0) lines.push("  no check-ins");
    for (const check of own) {
      const warning = warningOf(check);
      lines.push(
        `  period ${check.checkIn.period}  books ${shortAddress(check.checkIn.digest)}  ${statusText(check, nameOf)}`,
        `    our recomputation: ${recomputationText(check)}`,
        ...(warning === null ? [] : [`    warning: ${warning}`]),
      );
    }
  }
  const differ = checks.filter((c) => c.differs.length > 0).length;
  const failed = checks.filter((c) => c.error !== undefined).length;
  lines.push(
    "",
    `${checks.length} check-ins: ${checks.length - differ - failed} match their DisCOs' logs, ${differ} differ${differ === 1 ? "s" : ""}, ` +
      `${failed} could not be recomputed.`,
  );
  return lines.join("\n");
}

function federationReport(
  state: FederationState,
  checks: readonly CheckInCheck[],
  nameOf: (disco: string) => string,
  warningOf: (check: CheckInCheck) => string | null,
) {
  return {
    federation: { address: state.address, name: state.name, charter: state.charter, lastBlock: state.lastBlock },
    checkIns: checks.map((check) => ({
      disco: check.checkIn.disco,
      name: nameOf(check.checkIn.disco),
      period: check.checkIn.period,
      digest: check.checkIn.digest,
      figures: check.checkIn.figures,
      status: checkInStatus(check.checkIn),
      recomputed: check.recomputed,
      differs: check.differs,
      currency: check.currency,
      recomputation: recomputationText(check),
      ...(check.error === undefined ? {} : { error: check.error }),
      ...(warningOf(check) === null ? {} : { warning: warningOf(check) }),
    })),
  };
}

const toJson = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);

/**
 * Records our DisCO's verdict on each check-in it has not judged, but its own, those not recomputed and those the
 * signer made (a verdict by the check-in's author is a conflict, not counted) and those whose money is not in our
 * currency (its figures mean nothing to ours): a
 * confirmation of one that matches, a challenge naming the first differing figure of one that differs.
 */
async function record(
  io: FederationAuditIo,
  state: FederationState,
  checks: readonly CheckInCheck[],
  ours: FoundDisCO,
  account: string | undefined,
  nameOf: (disco: string) => string,
  warningOf: (check: CheckInCheck) => string | null,
): Promise<void> {
  const { client } = io;
  const id = ours.contracts.membership.address as Address;
  const ourName = nameOf(id);
  if (!state.members.some((m) => same(m.disco, id) && m.active)) {
    throw new RecordRefused(`Not recording: ${ourName} is not a member of "${printable(state.name)}"`);
  }
  const auditor = await walletOn(io.provider, account);
  const signer = auditor.account.address;
  const audit = ours.contracts.audit.address as Address;
  const isAuditor = await client.readContract({
    address: audit,
    abi: auditAbi,
    functionName: "hasRole",
    args: [AUDITOR_ROLE, signer],
  });
  if (!isAuditor) {
    throw new RecordRefused(`Not recording: ${signer} is no auditor of ${ourName} (AUDITOR_ROLE of ${audit})`);
  }
  for (const check of checks) {
    const { checkIn, recomputed } = check;
    const label = `${nameOf(checkIn.disco)}'s period ${checkIn.period}`;
    if (same(checkIn.disco, id) || recomputed === null) continue;
    if (checkIn.verdicts.some((v) => same(v.peer, id))) {
      io.note(`${ourName} already judged ${label}`);
      continue;
    }
    const warning = warningOf(check);
    if (warning !== null) {
      io.note(`Not judging ${label}: its ${warning}; compare them with its books yourself`);
      continue;
    }
    if (same(checkIn.by, signer)) {
      io.note(`Not judging ${label}: ${signer} made that check-in, so its verdict would be a conflict and not counted`);
      continue;
    }
    const [first] = check.differs;
    const account = auditor.account;
    const hash = first
      ? await auditor.writeContract({
          ...(
            await client.simulateContract({
              address: state.address,
              abi: federationAbi,
              functionName: "challengeCheckIn",
              args: challengeArgs(
                id,
                checkIn.disco,
                checkIn.period,
                first,
                differenceText({ ...check, recomputed }, first),
              ),
              account,
            })
          ).request,
          chain: null,
        })
      : await auditor.writeContract({
          ...(
            await client.simulateContract({
              address: state.address,
              abi: federationAbi,
              functionName: "confirmCheckIn",
              args: confirmArgs(id, checkIn.disco, checkIn.period),
              account,
            })
          ).request,
          chain: null,
        });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`The verdict ${hash} reverted`);
    const verdict = first ? `Challenged (${FIGURES.find((f) => f.name === first)?.en})` : "Confirmed";
    io.note(`${verdict} ${label} for ${ourName}: tx ${hash}`);
  }
}
