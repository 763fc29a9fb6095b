// Generated bad input for property tests (fast-check), and a fingerprint of everything a write
// could change, so a test can say "nothing was written" in one comparison.
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../src/db/schema";
import { isDate } from "../../src/lib/dates";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Dates the issue found accepted, and their neighbours: each one is not a real day in 1900–2199 written YYYY-MM-DD. */
export const KNOWN_BAD_DATES = [
  "2026-02-30",
  "2026-02-29",
  "2026-04-31",
  "2026-13-01",
  "2026-00-10",
  "2026-01-00",
  "0050-01-01",
  "0001-11-23",
  "1899-12-31",
  "2200-01-01",
  "9999-12-31",
  "01-02-2026",
  "31-12-2025",
  "2026-1-1",
  "2026/01/01",
  "20260101",
  " 2026-01-01",
  "2026-01-01 ",
  "2026-01-01T00:00:00Z",
  "2026-01-01\u0000",
  "２０２６-01-01",
  "2026-02-30\ud800",
];

/**
 * A string that is not an acceptable date and not blank (a blank optional field means "not given"):
 * the known cases, any year/month/day combination that is not a real day in range, and noise.
 */
export const badDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_BAD_DATES),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    .filter((s) => !isDate(s)),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1900, max: 2199 }))
    .map(([d, m, y]) => `${d}-${m}-${y}`),
  fc.string({ minLength: 1, maxLength: 14 }).filter((s) => s.trim() !== "" && !isDate(s)),
);

/** What JSON can carry in a date field that is not a date (null is left out: it means "none"). */
export const badJsonDate: fc.Arbitrary<unknown> = fc.oneof(
  badDate,
  badDate,
  fc.integer(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({ date: "2026-01-01" }),
);

/** Text with a lone surrogate somewhere (JSON "\ud800" arrives as one): never well-formed Unicode. */
export const badUnicode: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"), fc.string({ maxLength: 8 }))
  .map(([a, s, b]) => `${a}${s}${b}`);

// Tables whose rows are the product's data; sessions, rate limits, mail and risk bookkeeping are not.
const NOT_DATA = new Set([
  "sessions",
  "login_tokens",
  "rate_limits",
  "outbox",
  "mail_events",
  "activity_risks",
  "risk_events",
  "stale_guard",
  "api_tokens",
]);
const dataTables = (Object.values(schema).filter((v) => is(v, SQLiteTable)) as SQLiteTable[])
  .map((t) => getTableConfig(t))
  .filter((c) => !NOT_DATA.has(c.name));

/** Row counts of every data table and the sum of versions where records carry one: equal before and after = nothing written. */
export async function dataFingerprint(): Promise<string> {
  const parts = dataTables.map((c) =>
    c.columns.some((col) => col.name === "version")
      ? `(SELECT count(*) || '/' || total(version) FROM "${c.name}")`
      : `(SELECT count(*) FROM "${c.name}")`,
  );
  const row = await env.DB.prepare(`SELECT ${parts.map((p, i) => `${p} AS t${i}`).join(", ")}`).first<Record<string, unknown>>();
  return dataTables.map((c, i) => `${c.name}=${String(row?.[`t${i}`])}`).join(" ");
}
