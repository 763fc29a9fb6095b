// Pieces shared by the resource files: archive bodies, the version check for one-tap changes,
// and running a versioned domain update so a stale version becomes 409 with the current record.
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { StaleVersionError } from "../../db/versioned";
import { stale } from "../errors";
import { version } from "../input";
import { textString } from "../../lib/validation";

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

/** An id in a body (well-formed text, like every text field). */
export const str = textString().min(1).max(64);
