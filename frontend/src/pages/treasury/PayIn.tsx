/**
 * A client's payment into the treasury with its reference (an invoice number): the wallet first allows the treasury
 * to take the amount (ERC-20 approve, skipped when already allowed), then Treasury.payIn takes it. The reference is
 * stored on chain as its own words (UTF-8, at most 32 bytes) for everyone to read, so the form says it is public and
 * counts its bytes.
 */
import { useState, type FormEvent } from "react";
import { useConnection, useReadContract } from "wagmi";
import { tokenAbi, treasuryAbi } from "@disco-ledger/sdk/abis";
import {
  encodePaymentReference,
  money,
  moneyToCent,
  PAYMENT_REFERENCE_BYTES,
  utf8Bytes,
} from "@disco-ledger/sdk/format";
import { useHistory } from "../../data/history.tsx";
import { useLang, useT } from "../../i18n.tsx";
import { TxStatus, useTx } from "../../tx.tsx";
import { ReasonedButton, Section } from "../../ui/kit.tsx";
import { parseEuros } from "./amount.ts";
import { ADDRESSES } from "./chain.ts";
import { messages, type TreasuryMessage } from "./messages.ts";

export function PayIn() {
  const t = useT(messages);
  const { lang } = useLang();
  const { address } = useConnection();
  const lastBlock = useHistory().loaded?.lastBlock;
  const approveTx = useTx();
  const payTx = useTx();
  const [amountText, setAmountText] = useState("");
  const [reference, setReference] = useState("");
  const reads = { scopeKey: `block-${lastBlock}`, query: { enabled: address !== undefined } } as const;
  const { data: wallet } = useReadContract({
    address: ADDRESSES.token,
    abi: tokenAbi,
    functionName: "balanceOf",
    args: address ? [address] : undefined,
    ...reads,
  });
  const { data: allowance, refetch: refetchAllowance } = useReadContract({
    address: ADDRESSES.token,
    abi: tokenAbi,
    functionName: "allowance",
    args: address ? [address, ADDRESSES.treasury] : undefined,
    ...reads,
  });
  const parsed = parseEuros(amountText, lang);
  // What is stored: the reference as typed, without the spaces around it.
  const typed = reference.trim();
  const bytes = utf8Bytes(typed);
  const tooLong = bytes > PAYMENT_REFERENCE_BYTES;
  const amountKeys: Record<string, TreasuryMessage> = {
    empty: "amountEmpty",
    invalid: "amountInvalid",
    zero: "amountZero",
    decimals: "amountDecimals",
  };
  const amountProblem = !parsed.ok
    ? amountText === ""
      ? null
      : t(amountKeys[parsed.reason])
    : wallet !== undefined && parsed.units > wallet
      ? // The exact balance: rounded to the cent it could read as more than the wallet holds.
        t("payInTooMuch", { wallet: money(wallet, lang) })
      : null;
  const busy = approveTx.busy || payTx.busy;
  const reason = !address
    ? t("connectFirst")
    : busy
      ? t("payInBusy")
      : !parsed.ok
        ? (amountProblem ?? t("amountEmpty"))
        : (amountProblem ?? (tooLong ? t("refTooLong", { bytes, max: PAYMENT_REFERENCE_BYTES }) : null));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason !== null || !parsed.ok) return;
    const amount = parsed.units;
    const paymentRef = encodePaymentReference(typed);
    if ((allowance ?? 0n) < amount) {
      const approved = await approveTx.send({
        address: ADDRESSES.token,
        abi: tokenAbi,
        functionName: "approve",
        args: [ADDRESSES.treasury, amount],
      });
      if (!approved) return;
      await refetchAllowance();
    }
    const ok = await payTx.send({
      address: ADDRESSES.treasury,
      abi: treasuryAbi,
      functionName: "payIn",
      args: [amount, paymentRef],
    });
    if (ok) {
      setAmountText("");
      setReference("");
      approveTx.reset();
    }
  };

  return (
    <Section title={t("payInTitle")}>
      <p>{t("payInExplain")}</p>
      <form className="stack pay-in" data-testid="pay-in" onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t("amount")}
          <input
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            aria-invalid={amountProblem !== null}
            aria-describedby="pay-in-amount-help"
          />
        </label>
        <p id="pay-in-amount-help" className="hint" aria-live="polite">
          {amountProblem ??
            (parsed.ok ? t("payInReads", { amount: moneyToCent(parsed.units, lang) }) : null) ??
            (wallet !== undefined ? t("payInWallet", { wallet: moneyToCent(wallet, lang) }) : null)}
        </p>
        <label>
          {t("reference")}
          <input
            name="reference"
            autoComplete="off"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            aria-invalid={tooLong}
            aria-describedby="pay-in-reference-help pay-in-reference-count"
          />
        </label>
        <p id="pay-in-reference-help" className="hint">
          {t("referencePublic", { max: PAYMENT_REFERENCE_BYTES })}
        </p>
        <p
          id="pay-in-reference-count"
          className={tooLong ? "hint field-error" : "hint"}
          aria-live="polite"
          data-testid="pay-in-reference-count"
        >
          {tooLong
            ? t("refTooLong", { bytes, max: PAYMENT_REFERENCE_BYTES })
            : t("refBytes", { bytes, max: PAYMENT_REFERENCE_BYTES })}
        </p>
        <ReasonedButton type="submit" reason={reason} reasonId="pay-in-reason">
          {t("payInButton")}
        </ReasonedButton>
      </form>
      <TxStatus tx={approveTx} />
      <TxStatus tx={payTx} />
    </Section>
  );
}
