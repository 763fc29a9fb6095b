// Pieces shared by the resource files: archive bodies and routes, the version check for one-tap
// changes, a contract's answer as a 422, and running a versioned domain update so a stale version
// becomes 409 with the current record.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { StaleVersionError } from "../../db/versioned";
import { textString, type FieldErrors, type Parsed } from "../../lib/validation";
import type { ApiContext } from "../context";
import { invalid, stale } from "../errors";
import { changed, idParams, jsonBody, op, type ApiApp } from "../ops";

export const version = () =>
  z.number().int().min(1).max(2_147_483_647).openapi({ description: "The version you read; a stale one answers 409." });

export const ArchiveBody = z.strictObject({ version: version().optional() }).openapi("ArchiveChange");

/** A one-tap change sent with a version that is no longer the stored one: 409 before anything is written. */
export function checkVersion(sent: number | undefined, current: { version: number }, record: unknown) {
  if (sent !== undefined && sent !== current.version) throw stale(record);
}

/** Runs a domain update; when someone else saved in between, answers 409 with what is stored now. */
export async function versioned(run: () => Promise<unknown>, current: () => Promise<unknown>) {
  try {
    await run();
  } catch (err) {
    if (err instanceof StaleVersionError) throw stale(await current());
    throw err;
  }
}

/** The contract's (or a domain check's) answer: the values, or a 422 naming each field. */
export function accepted<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw invalid(parsed.errors);
  return parsed.data;
}

/** Throws a 422 when a domain check found problems. */
export function assertNoErrors(errors: FieldErrors) {
  if (Object.keys(errors).length > 0) throw invalid(errors);
}

/** An id in a body (well-formed text, like every text field). */
export const str = textString().min(1).max(64);

/**
 * POST /{resource}/{id}/archival and /restoration: `handle` checks access and the version, archives
 * or restores, and answers the record as it is now.
 */
export function archiveRoutes<S extends z.ZodType>(
  app: ApiApp,
  o: {
    path: `/${string}`;
    tag: string;
    /** The operationIds' noun: archive${noun}, restore${noun}. */
    noun: string;
    /** What the summary calls one record, e.g. "a funding stream (admin)". */
    what: string;
    record: S;
    handle: (c: ApiContext, id: string, archive: boolean, version: number | undefined) => Promise<z.output<S>>;
  },
) {
  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const route = createRoute({
      ...op("post", `${o.path}/{id}/${segment}`, {
        id: `${archive ? "archive" : "restore"}${o.noun}`,
        tag: o.tag,
        summary: `${archive ? "Archive" : "Restore"} ${o.what}`,
      }),
      request: { params: idParams, body: jsonBody(ArchiveBody, false) },
      responses: changed(o.record),
    });
    app.openapi(route, async (c) => c.json(await o.handle(c, c.req.valid("param").id, archive, c.req.valid("json").version), 200));
  }
}
