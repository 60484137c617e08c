/**
 * `npm run audit -- --credit <federation> [--disco <name>]`: a federation's mutual-credit network, folded from its
 * logs, reconciled with the contract's views (balances, lines, treasurers' limits) for every pair of the DisCOs the
 * federation ever admitted and persons' accounts; every payment printed with its reference, the payments without
 * one, the references paid twice between the same DisCOs and those mixing scripts flagged; with --disco, that DisCO's
 * credit flows, net position, lines and balances. The logic is the SDK's (audit/credit.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Address, Hex } from "viem";
import {
  creditReferences,
  isoDate,
  reconcileCredit,
  type CreditCheck,
  type CreditReconciliation,
  type CreditReferences,
} from "@disco-ledger/sdk/audit";
import {
  balanceOf,
  creditFlowsOf,
  loadCredit,
  netPosition,
  type CreditPayment,
  type CreditState,
} from "@disco-ledger/sdk/credit";
import { findDisCO, type FoundDisCO } from "@disco-ledger/sdk/discovery";
import {
  currencyOf,
  discoverFederations,
  findFederation,
  loadFederation,
  type FoundFederation,
} from "@disco-ledger/sdk/federation";
import { creditEuros, money, paymentReferenceText, printable } from "@disco-ledger/sdk/format";
import { UsageError } from "../../cli/context.ts";
import type { FederationAuditIo } from "./federation.ts";

export interface CreditAuditOptions {
  /** The federation whose network is audited, by name or address. */
  credit: string;
  /** The DisCO whose flows are shown, by name or address. */
  disco?: string;
  json: boolean;
  /** Where the report goes (credit-<address>.json). */
  out: string;
}

/** Credit cents as euros of credit. */
const euros = (cents: bigint) => creditEuros(cents, "en");
const day = (time: number) => isoDate(BigInt(time)).slice(0, 10);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Audits a federation's credit network; returns the exit status (1 on a difference or a finding). */
export async function auditCredit(options: CreditAuditOptions, io: FederationAuditIo): Promise<number> {
  const { client } = io;
  const discos = await io.discos();
  let found: FoundFederation;
  let ours: FoundDisCO | undefined;
  try {
    found = findFederation(await discoverFederations(client, io.chain), options.credit);
    ours = options.disco === undefined ? undefined : findDisCO(discos, options.disco);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [state, federation] = await Promise.all([
    loadCredit(client, { address: found.credit, blockNumber: found.blockNumber }),
    loadFederation(client, found),
  ]);
  // Every DisCO ever admitted, as the federation's own logs tell: their pairs are read whatever the credit logs say.
  const admitted = federation.members.filter((m) => m.admittedAt !== null).map((m) => m.disco);
  const reconciliation = await reconcileCredit(client, state, admitted);
  const references = creditReferences(state);
  const names = new Map(discos.map((d) => [d.contracts.membership.address.toLowerCase(), printable(d.name)]));
  const nameOf = (account: string): string => {
    const disco = names.get(account.toLowerCase());
    if (disco !== undefined) return disco;
    const home = state.accounts.find((a) => same(a.account, account));
    return home ? `${account} (a person of ${nameOf(home.disco)})` : account;
  };
  const account = ours && (ours.contracts.membership.address as Address);

  const report = {
    network: {
      address: state.address,
      federation: { address: found.address, name: found.name },
      maxHops: state.maxHops,
      lastBlock: state.lastBlock,
    },
    reconciliation,
    references: {
      payments: references.payments.map(({ payment, words, missing, paidBefore }) => ({
        ...paymentJson(payment, nameOf),
        reference: words,
        missing,
        paidBefore,
      })),
      unreferenced: references.unreferenced.map((p) => paymentJson(p, nameOf)),
      repeated: references.repeated.map((r) => ({ ...r, payments: r.payments.map((p) => paymentJson(p, nameOf)) })),
      mixedScripts: references.mixedScripts.map((p) => paymentJson(p, nameOf)),
    },
    ...(account === undefined ? {} : { disco: { account, name: nameOf(account), ...discoJson(state, account) } }),
  };
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, `credit-${state.address.toLowerCase()}.json`);
  writeFileSync(file, toJson(report));
  const lines = [
    ...networkLines(found, state, reconciliation, references, nameOf),
    ...(account === undefined ? [] : await discoLines(io, state, account, nameOf)),
  ];
  const findings = references.unreferenced.length + references.repeated.length + references.mixedScripts.length;
  lines.push("", `${reconciliation.differences} differences, ${findings} findings.`);
  io.print(options.json ? toJson(report) : lines.join("\n"));
  io.note(`\nReport written to ${file}`);
  return reconciliation.differences > 0 || findings > 0 ? 1 : 0;
}

function paymentJson(p: CreditPayment, nameOf: (account: string) => string) {
  return { ...p, payerName: nameOf(p.payer), payeeName: nameOf(p.payee) };
}

function discoJson(state: CreditState, account: Address) {
  return {
    netPosition: netPosition(state, account),
    flows: creditFlowsOf(state, account),
    linesGiven: state.lines.filter((l) => same(l.giver, account)),
    linesReceived: state.lines.filter((l) => same(l.receiver, account)),
  };
}

/** A check in words: what it is, then its value in the logs and on chain. */
function checkText(check: CreditCheck, nameOf: (account: string) => string): string {
  switch (check.kind) {
    case "balance":
      return (
        `balance of ${nameOf(check.a)} toward ${nameOf(check.b)}: ${euros(check.folded)} in the logs, ` +
        `${euros(check.onChain)} on chain`
      );
    case "line": {
      const line = (l: { limit: bigint; frozen: boolean }) => `${euros(l.limit)}${l.frozen ? " frozen" : ""}`;
      return (
        `line ${nameOf(check.giver)} extends to ${nameOf(check.receiver)}: ${line(check.folded)} in the logs, ` +
        `${line(check.onChain)} on chain`
      );
    }
    case "treasurers": {
      const limits = (l: { budget: bigint; lineBound: bigint }) =>
        `budget ${euros(l.budget)}, line bound ${euros(l.lineBound)}`;
      return `treasurers of ${nameOf(check.disco)}: ${limits(check.folded)} in the logs, ${limits(check.onChain)} on chain`;
    }
  }
}

function networkLines(
  found: FoundFederation,
  state: CreditState,
  reconciliation: CreditReconciliation,
  references: CreditReferences,
  nameOf: (account: string) => string,
): string[] {
  const { checks } = reconciliation;
  const matched = checks.filter((c) => c.matched).length;
  const lines = [
    `Credit network of "${printable(found.name)}" at ${state.address}: payments of up to ${state.maxHops} hops; ` +
      `logs folded to block ${state.lastBlock}`,
    `Reconciled with the contract at block ${reconciliation.block}: ${checks.length} figures ` +
      `(balances, lines, treasurers' limits), ${matched} match`,
    ...checks.filter((c) => !c.matched).map((c) => `  DIFFERS ${checkText(c, nameOf)}`),
    "",
    `${references.payments.length} payments, each to its reference:`,
  ];
  for (const { payment: p } of references.payments) {
    const hops = p.path.length - 1;
    lines.push(
      `  ${day(p.time)}  ${nameOf(p.payer)} paid ${nameOf(p.payee)} ${euros(p.amount)} ` +
        `(${hops} hop${hops === 1 ? "" : "s"}, block ${p.blockNumber}), ${paymentReferenceText(p.paymentRef)}`,
    );
  }
  const findings = [
    ...references.unreferenced.map(
      (p) =>
        `  payment of ${euros(p.amount)} by ${nameOf(p.payer)} to ${nameOf(p.payee)} in block ${p.blockNumber} ` +
        "names no reference",
    ),
    ...references.repeated.map(
      (r) =>
        `  ${paymentReferenceText(r.paymentRef)} paid ${r.payments.length} times by ${nameOf(r.payer)} to ` +
        `${nameOf(r.payee)}: ${r.payments.map((p) => `${euros(p.amount)} in block ${p.blockNumber}`).join(", ")}`,
    ),
    ...references.mixedScripts.map(
      (p) =>
        `  payment of ${euros(p.amount)} by ${nameOf(p.payer)} to ${nameOf(p.payee)} in block ${p.blockNumber} ` +
        `names a reference mixing Latin with Cyrillic or Greek letters (${paymentReferenceText(p.paymentRef)})`,
    ),
  ];
  lines.push("", findings.length === 0 ? "Findings: none" : `Findings (${findings.length}):`, ...findings);
  return lines;
}

async function discoLines(
  io: FederationAuditIo,
  state: CreditState,
  account: Address,
  nameOf: (account: string) => string,
): Promise<string[]> {
  const net = netPosition(state, account);
  const lines = [
    "",
    `${nameOf(account)}: net position ${euros(net)}` +
      (net < 0n ? " (it owes more than it is owed)" : net > 0n ? " (it is owed more than it owes)" : ""),
  ];
  const line = (l: CreditState["lines"][number], other: string) =>
    `${nameOf(other)} ${euros(l.limit)}${l.frozen ? " (frozen)" : ""}`;
  const given = state.lines.filter((l) => same(l.giver, account)).map((l) => line(l, l.receiver));
  const received = state.lines.filter((l) => same(l.receiver, account)).map((l) => line(l, l.giver));
  lines.push(`  lines it extends: ${given.join("; ") || "none"}`);
  lines.push(`  lines extended to it: ${received.join("; ") || "none"}`);
  const counterparts = state.balances
    .flatMap((p) => (same(p.low, account) ? [p.high] : same(p.high, account) ? [p.low] : []))
    .map((other) => {
      const balance = balanceOf(state, account, other);
      if (balance > 0n) return `${nameOf(other)} owes it ${euros(balance)}`;
      return balance < 0n ? `it owes ${nameOf(other)} ${euros(-balance)}` : `${nameOf(other)}: even`;
    });
  lines.push(`  balances: ${counterparts.join("; ") || "none"}`);
  const flows = creditFlowsOf(state, account);
  lines.push(`  credit flows (${flows.length}):`);
  const currencies = new Map<string, Awaited<ReturnType<typeof currencyOf>>>();
  for (const f of flows) {
    const to = f.direction === "out" ? "to" : "from";
    let what: string;
    if (f.kind === "payment") {
      what = `payment ${to} ${nameOf(f.counterparty)} ${euros(f.amount)}, ${paymentReferenceText(f.paymentRef as Hex)}`;
    } else {
      const settlement = state.settlements.find((s) => s.blockNumber === f.blockNumber && s.logIndex === f.logIndex);
      const address = settlement?.currency ?? "";
      if (!currencies.has(address)) currencies.set(address, await currencyOf(io.client, address));
      const currency = currencies.get(address);
      const paid = currency
        ? money(f.tokens ?? 0n, "en", currency.decimals, printable(currency.symbol ?? currency.address))
        : `${f.tokens} units of ${address}`;
      what = `settlement ${to} ${nameOf(f.counterparty)} ${euros(f.amount)}, ${paid} paid into the creditor's treasury`;
    }
    lines.push(`    ${day(f.time)}  ${f.direction.padEnd(3)}  ${what}  (block ${f.blockNumber})`);
  }
  return lines;
}

const toJson = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);
