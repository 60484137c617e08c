import { decodeFunctionData, isHex, keccak256, size, toHex, type Hex } from "viem";
import type { Lang } from "./format.ts";
import { ledgerAbi } from "./generated/abis.ts";
import type { Proposal } from "./history/fold/governance.ts";

/** IValueLedger.Stream, by number. */
export const STREAMS = ["Livelihood", "Love", "Care"] as const;
export type StreamName = (typeof STREAMS)[number];
/** The streams' names in the members' languages, by index. */
export const STREAM_NAMES: Record<Lang, readonly string[]> = {
  en: ["Livelihood", "Love", "Care"],
  es: ["Sustento", "Amor", "Cuidados"],
};
export const Stream = { Livelihood: 0, Love: 1, Care: 2 } as const;

/**
 * IValueLedger.EntryStatus, by number. Lapsed is never stored: the ledger's entry() reports it for an entry still
 * Pending when its period closed.
 */
export const ENTRY_STATUSES = ["None", "Pending", "Counted", "Disputed", "Rejected", "Withdrawn", "Lapsed"] as const;

/** The role of those who keep the ledger's and the treasury's books (both contracts' TREASURER_ROLE). */
export const TREASURER_ROLE: Hex = keccak256(toHex("TREASURER_ROLE"));

/** Ledger amounts have two decimals: 100 is one credit or one hour. */
export const AMOUNT_DECIMALS = 2;
const SCALE = 10 ** AMOUNT_DECIMALS;

/** The largest amount of one entry (ValueLedger.MAX_AMOUNT): ten billion credits or hours. */
export const MAX_AMOUNT = 10n ** 12n;

/** "12.25" -> 1225n; refuses more than two decimals, signs and anything that is not a plain number. */
export function parseAmount(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`Not an amount with at most ${AMOUNT_DECIMALS} decimals: "${text}"`);
  return BigInt(match[1]) * BigInt(SCALE) + BigInt((match[2] ?? "").padEnd(AMOUNT_DECIMALS, "0"));
}

/** 1225n -> "12.25". */
export function formatAmount(amount: bigint): string {
  const whole = amount / BigInt(SCALE);
  const cents = (amount % BigInt(SCALE)).toString().padStart(AMOUNT_DECIMALS, "0");
  return `${whole}.${cents}`;
}

/** A stream by name (any case) or number. */
export function parseStream(text: string): number {
  const index = /^\d+$/.test(text) ? Number(text) : STREAMS.findIndex((s) => s.toLowerCase() === text.toLowerCase());
  if (index < 0 || index >= STREAMS.length) throw new Error(`Unknown stream "${text}": livelihood, love or care`);
  return index;
}

/** Evidence as the ledger stores it: a 32-byte hash given as is, or the hash of a reference kept off-chain. */
export function evidenceHash(reference: string): Hex {
  return isHex(reference) && size(reference) === 32 ? reference : keccak256(toHex(reference));
}

/** The longest note the ledger takes (ValueLedger.MAX_NOTE_LENGTH), in UTF-8 bytes (format's utf8Bytes). */
export const MAX_NOTE_BYTES = 256;

/**
 * What logWork stores for an entry: its public note, trimmed, and the evidence hash — of the private evidence when a
 * reference is given, else of the note itself. Null when there is neither (the ledger refuses an entry without
 * evidence).
 */
export function entryRecord(note: string, reference = ""): { note: string; evidence: Hex } | null {
  const [words, kept] = [note.trim(), reference.trim()];
  if (words === "" && kept === "") return null;
  return { note: words, evidence: evidenceHash(kept === "" ? words : kept) };
}

/**
 * The proposals that settle a disputed entry, oldest first: those calling this ledger's resolveDispute(entryId, accept),
 * with the verdict each proposes.
 */
export function disputeProposals(
  proposals: Iterable<Proposal>,
  ledger: string,
  entryId: bigint,
): Array<{ proposal: Proposal; accept: boolean }> {
  const found: Array<{ proposal: Proposal; accept: boolean }> = [];
  for (const proposal of proposals) {
    proposal.targets.forEach((target, i) => {
      if (target.toLowerCase() !== ledger.toLowerCase()) return;
      try {
        const call = decodeFunctionData({ abi: ledgerAbi, data: proposal.calldatas[i] as Hex });
        if (call.functionName === "resolveDispute" && call.args[0] === entryId)
          found.push({ proposal, accept: call.args[1] });
      } catch {
        // another function of the ledger, or calldata its ABI doesn't read: not a resolution
      }
    });
  }
  return found.sort(
    (a, b) =>
      a.proposal.created.block - b.proposal.created.block || a.proposal.created.logIndex - b.proposal.created.logIndex,
  );
}
