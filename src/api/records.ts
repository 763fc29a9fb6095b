// Response schemas come from the tables themselves (src/db/schema.ts is the one truth about
// columns): every column becomes a field of the same name, with its type, its enum values and
// whether it can be null. Dates (…On) and instants (…At) are marked as such for the reader.
import { getTableColumns } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";

function columnSchema(key: string, col: SQLiteColumn): z.ZodType {
  let s: z.ZodType;
  const enumValues = (col as { enumValues?: readonly string[] }).enumValues;
  switch (col.columnType) {
    case "SQLiteBoolean":
      s = z.boolean();
      break;
    case "SQLiteInteger":
      s = z.number().int();
      break;
    default:
      if (enumValues && enumValues.length > 0) s = z.enum(enumValues as [string, ...string[]]);
      else if (/On$/.test(key)) s = z.string().openapi({ format: "date", example: "2026-06-30" });
      else if (/At$/.test(key)) s = z.string().openapi({ format: "date-time" });
      else s = z.string();
  }
  return col.notNull ? s : s.nullable();
}

/** The record schema of a table, registered under `name` as a reusable component. */
export function recordSchema(name: string, table: SQLiteTable, opts: { omit?: readonly string[]; extra?: Record<string, z.ZodType> } = {}) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    if (opts.omit?.includes(key)) continue;
    shape[key] = columnSchema(key, col as SQLiteColumn);
  }
  Object.assign(shape, opts.extra ?? {});
  return z.object(shape).openapi(name);
}

/** A list page of records. */
export function pageSchema(name: string, item: z.ZodType) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as ?cursor= for the next page; null on the last page." }),
    })
    .openapi(`${name}Page`);
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({
        example: "validation_failed",
        description:
          "What went wrong, for programs: bad_request, malformed_json, invalid_query, unauthorized, forbidden, not_found, method_not_allowed, stale_version, conflict, duplicate, payload_too_large, unsupported_media_type, validation_failed, rate_limited, internal.",
      }),
      message: z.string().openapi({ description: "What went wrong, for people, in the caller's language (Accept-Language: nl or en)." }),
      fields: z
        .array(
          z.object({
            path: z
              .string()
              .openapi({ description: "The field's name in the body or query (dotted for nested values).", example: "endsOn" }),
            message: z.string().openapi({ description: "What is wrong with it, in the caller's language." }),
          }),
        )
        .openapi({ description: "One entry per field that is wrong; always present, empty when nothing is wrong per field." }),
      current: z.unknown().optional().openapi({ description: "On 409 stale_version: the record as it is stored now." }),
      existing: z.unknown().optional().openapi({
        description: "On 409 duplicate: the stored record this one would repeat (send confirmDuplicate: true to add it anyway).",
      }),
    }),
  })
  .openapi("Error");
