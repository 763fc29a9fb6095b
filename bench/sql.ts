// Rows → multi-row INSERT statements with literal values (no bound parameters, so no limit of
// 100 parameters per statement), each statement below D1's 100 KB statement size.
import { createHash } from "node:crypto";
import type { Row, Table, Value } from "./generate";

export const MAX_STATEMENT_BYTES = 90_000;

function literal(v: Value): string {
  if (v === null) return "NULL";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/** INSERT statements for one table, in row order. */
export function insertStatements(table: Table, maxBytes = MAX_STATEMENT_BYTES): string[] {
  if (table.rows.length === 0) return [];
  const columns = Object.keys(table.rows[0]!);
  const head = `INSERT INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES\n`;
  const out: string[] = [];
  let values: string[] = [];
  let bytes = head.length;
  for (const row of table.rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i]))
      throw new Error(`${table.name}: rows with different columns`);
    const tuple = `(${columns.map((c) => literal((row as Row)[c]!)).join(", ")})`;
    const size = Buffer.byteLength(tuple) + 2;
    if (values.length && bytes + size > maxBytes) {
      out.push(`${head}${values.join(",\n")};`);
      values = [];
      bytes = head.length;
    }
    values.push(tuple);
    bytes += size;
  }
  if (values.length) out.push(`${head}${values.join(",\n")};`);
  return out;
}

export function allStatements(tables: Table[]): string[] {
  return tables.flatMap((t) => insertStatements(t));
}

/** A short fingerprint of the generated SQL: equal seeds must give equal hashes. */
export function datasetHash(statements: string[]): string {
  const h = createHash("sha256");
  for (const s of statements) h.update(s).update("\n");
  return h.digest("hex").slice(0, 16);
}
