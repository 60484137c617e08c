/** RFC 4180 CSV, as the audit page exports it (scripts/lib/audit/export.ts's toCsv), into rows keyed by header. */

/** Parses CSV text (a leading byte order mark, CRLF or LF, quoted fields with doubled quotes) into records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The records after the header, each keyed by its column's name; throws if a record's width differs. */
export function csvObjects(text: string): { columns: string[]; rows: Array<Record<string, string>> } {
  const [columns = [], ...records] = parseCsv(text);
  const rows = records.map((record, i) => {
    if (record.length !== columns.length) {
      throw new Error(`CSV record ${i + 1} has ${record.length} fields, the header ${columns.length}`);
    }
    return Object.fromEntries(columns.map((name, c) => [name, record[c]]));
  });
  return { columns, rows };
}

/**
 * An amount column as a raw integer: `<name>Raw` where the export has it, else `<name>` with its decimals
 * ("12.50" with 2 -> 1250n).
 */
export function rawAmount(row: Record<string, string>, name: string, decimals: number): bigint {
  if (row[`${name}Raw`] !== undefined) return BigInt(row[`${name}Raw`]);
  const text = row[name];
  if (text === undefined) throw new Error(`No column ${name} or ${name}Raw in ${Object.keys(row).join(", ")}`);
  const [whole, fraction = ""] = text.split(".");
  const sign = whole.startsWith("-") ? -1n : 1n;
  return sign * (BigInt(whole.replace("-", "")) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0")));
}
