import { describe, expect, it } from "vitest";
import { keccak256, toHex, zeroHash } from "viem";
import {
  credits,
  demoNames,
  duration,
  encodePaymentReference,
  euros,
  isoDay,
  isoTime,
  money,
  moneyToCent,
  named,
  hasPaymentReference,
  mixesScripts,
  paymentReference,
  paymentReferenceKey,
  paymentReferenceText,
  pluralForm,
  printable,
  utf8Bytes,
  workAmount,
} from "@disco-ledger/sdk/format";

describe("money", () => {
  it("groups and separates by the language's conventions, keeping every significant decimal", () => {
    expect(money(1_234_567_890n, "en")).toBe("1,234.56789 €");
    expect(money(1_234_500_000n, "es")).toBe("1234,50 €");
    expect(money(12_345_000_000n, "es")).toBe("12.345,00 €");
    expect(money(0n, "en")).toBe("0.00 €");
  });
});

describe("credits", () => {
  it("shows ledger amounts with their two decimals", () => {
    expect(credits(1225n)).toBe("12.25");
  });
});

describe("duration", () => {
  it("names the two largest units, leaving out a second that is zero", () => {
    expect(duration(3 * 86_400)).toBe("3 d");
    expect(duration(3_600 + 30)).toBe("1 h");
    expect(duration(2 * 86_400 + 3 * 3_600 + 5)).toBe("2 d 3 h");
    expect(duration(3 * 3_600 + 12 * 60)).toBe("3 h 12 min");
    expect(duration(-45)).toBe("45 s");
  });
});

describe("euros", () => {
  it("shows the currency's base units with two decimals, more only where significant, ungrouped", () => {
    expect(euros(250_000_000n)).toBe("250.00");
    expect(euros(1_234_500_000n)).toBe("1234.50");
    expect(euros(1_234_567_890n)).toBe("1234.56789");
    expect(euros(0n)).toBe("0.00");
    expect(euros(125n, 2)).toBe("1.25");
  });
});

describe("names beside addresses", () => {
  const accounts = [
    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  ];
  const names = demoNames(accounts);

  it("names the demo's people by their dev account's index", () => {
    expect(names.get(accounts[1].toLowerCase())).toBe("Alice");
    expect(names.size).toBe(3);
  });

  it("shows the name beside the address, whole or short, and the address alone when nobody is known", () => {
    expect(named(accounts[1].toLowerCase(), names)).toBe(`${accounts[1].toLowerCase()} (Alice)`);
    expect(named(accounts[2], names, true)).toBe("0x3C44…93BC (Bob)");
    expect(named("0x000000000000000000000000000000000000dEaD", names)).toBe(
      "0x000000000000000000000000000000000000dEaD",
    );
  });
});

describe("dates", () => {
  it("reads unix seconds as UTC ISO time and day", () => {
    const moment = Date.UTC(2026, 0, 5, 12, 30, 15) / 1000;
    expect(isoTime(moment)).toBe("2026-01-05T12:30:15Z");
    expect(isoDay(BigInt(moment))).toBe("2026-01-05");
  });
});

describe("money to the cent, work amounts and plurals", () => {
  it("rounds the currency half up to the cent, always with two decimals", () => {
    expect(moneyToCent(1_234_567_890n, "en")).toBe("1,234.57 €");
    expect(moneyToCent(1_234_564_999n, "es")).toBe("1234,56 €");
    expect(moneyToCent(5_000n, "en")).toBe("0.01 €");
    expect(moneyToCent(4_999n, "en")).toBe("0.00 €");
    expect(moneyToCent(-2_505_000n, "en")).toBe("−2.51 €");
  });

  it("shows credits and hours in the reader's number format, decimals only where there are any", () => {
    expect(workAmount(900n, "en")).toBe("9");
    expect(workAmount(25_000n, "es")).toBe("250");
    expect(workAmount(123_456_75n, "en")).toBe("123,456.75");
    expect(workAmount(123_456_75n, "es")).toBe("123.456,75");
  });

  it("chooses the plural form by Intl.PluralRules", () => {
    expect(pluralForm(1, "en")).toBe("one");
    expect(pluralForm(0, "en")).toBe("other");
    expect(pluralForm(2, "es")).toBe("other");
    expect(pluralForm(1, "es")).toBe("one");
  });
});

describe("payment references", () => {
  it("stores a typed reference as UTF-8 right-padded with zeros and reads the words back", () => {
    const ref = encodePaymentReference("Factura 14 · Café Ñandú");
    expect(ref).toMatch(/^0x[0-9a-f]{64}$/);
    expect(ref.endsWith("00")).toBe(true);
    expect(paymentReference(ref)).toBe("Factura 14 · Café Ñandú");
    expect(paymentReferenceText(ref)).toBe('reference "Factura 14 · Café Ñandú"');
  });

  it("counts bytes, not characters, and refuses a reference over 32 bytes, naming its length", () => {
    expect(utf8Bytes("ñ")).toBe(2);
    expect(paymentReference(encodePaymentReference("x".repeat(32)))).toBe("x".repeat(32));
    expect(() => encodePaymentReference("ñ".repeat(17))).toThrow(/at most 32 bytes; .* takes 34/);
  });

  it("shows a hash as a hash and no reference as none", () => {
    const hash = keccak256(toHex("invoice 2026-001"));
    expect(paymentReference(hash)).toBeUndefined();
    expect(paymentReferenceText(hash)).toBe(`reference hash ${hash.slice(0, 6)}…${hash.slice(-4)}`);
    expect(paymentReference(zeroHash)).toBeUndefined();
    expect(paymentReferenceText(zeroHash)).toBe("no reference");
    expect(hasPaymentReference(zeroHash)).toBe(false);
    expect(hasPaymentReference(hash)).toBe(true);
    expect(encodePaymentReference("")).toBe(zeroHash);
  });

  it("refuses text followed by anything but zeros, control characters and broken UTF-8", () => {
    const text = toHex("INV-7", { size: 32 });
    expect(paymentReference(`${text.slice(0, -2)}01`)).toBeUndefined();
    expect(paymentReference(toHex("a\nb", { size: 32 }))).toBeUndefined();
    expect(paymentReference(`0xc3${"00".repeat(31)}`)).toBeUndefined();
    expect(paymentReference("0x1234")).toBeUndefined();
  });
});

describe("payment references in sentences and compared", () => {
  it("says a reference in English and Spanish: its words, its hash, or none", () => {
    const hash = keccak256(toHex("invoice 2026-001"));
    expect(paymentReferenceText(encodePaymentReference("INV-1"), "es")).toBe("referencia «INV-1»");
    expect(paymentReferenceText(hash, "es")).toBe(`referencia hash ${hash.slice(0, 6)}…${hash.slice(-4)}`);
    expect(paymentReferenceText(zeroHash, "es")).toBe("sin referencia");
  });

  it("shows a reference holding a format character (a zero-width space) as a hash, not as the words it mimics", () => {
    const hidden = encodePaymentReference("INV-7\u200B");
    expect(paymentReference(hidden)).toBeUndefined();
    expect(paymentReferenceText(hidden)).toBe(`reference hash ${hidden.slice(0, 6)}…${hidden.slice(-4)}`);
  });

  it("compares references NFKC-normalised, without format characters, trimmed and case-folded", () => {
    const key = (text: string) => paymentReferenceKey(encodePaymentReference(text));
    for (const same of ["INV-7\u200B", " inv-7", "\uFF29\uFF2E\uFF36-7", "I\u00ADNV-7"]) {
      expect(key(same), JSON.stringify(same)).toBe(key("INV-7"));
    }
    expect(key("INV-8")).not.toBe(key("INV-7"));
    // Cyrillic І is another letter: the mixed-scripts check finds it instead.
    expect(key("\u0406NV-7")).not.toBe(key("INV-7"));
    const hash = keccak256(toHex("invoice 2026-001"));
    expect(paymentReferenceKey(hash)).toBe(hash.toLowerCase());
  });

  it("finds Latin mixed with Cyrillic or Greek letters", () => {
    const mixed = (text: string) => mixesScripts(encodePaymentReference(text));
    expect([mixed("\u0406NV-7"), mixed("INV-\u03A77"), mixed("INV-7"), mixed("Счёт 7"), mixed("")]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("printable", () => {
  it("shows control characters and bidirectional overrides as their codes, and keeps everything else", () => {
    expect(printable("Translated the newsletter into Català, ñ, 日本")).toBe(
      "Translated the newsletter into Català, ñ, 日本",
    );
    expect(printable("ok\u001b[2Jgone")).toBe("ok\\u{1b}[2Jgone");
    expect(printable("invoice \u202Efdp.exe")).toBe("invoice \\u{202e}fdp.exe");
    expect(printable("two\nlines")).toBe("two\\u{a}lines");
    // Format characters too: invisible ones that make two texts differ that read the same.
    expect(printable("INV-7\u200B")).toBe("INV-7\\u{200b}");
    expect(printable("a\u2060b\uFEFF")).toBe("a\\u{2060}b\\u{feff}");
  });

  it("refuses a payment reference holding a bidirectional override as words", () => {
    expect(paymentReference(encodePaymentReference("INV-7"))).toBe("INV-7");
    expect(paymentReference(encodePaymentReference("INV\u202E7-VNI"))).toBeUndefined();
  });
});
