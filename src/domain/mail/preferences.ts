// A person's email preferences: which categories they want (reminders, alerts, digests,
// check-in invitations) and how often (immediate, or a weekly / monthly digest; nothing chosen =
// the role's default). Sign-in and invitation mails are not a category: they always go out.
// Changing them also updates what is still waiting in the outbox for that person.
import { and, eq, inArray, sql } from "drizzle-orm";
import * as z from "zod";
import type { Db } from "../../db/client";
import { DIGEST_MODES, MAIL_CATEGORIES, outbox, people } from "../../db/schema";
import { StaleVersionError } from "../../db/versioned";
import { updateVersioned } from "../versioned-update";
import { stringList } from "../../lib/validation";
import { BUNDLE_KINDS, CATEGORY_OF } from "./outbox";
import { digestMode, parseOptOuts, releaseAt, type DigestMode } from "./recipients";
import type { MailCategory } from "./tokens";

export type MailPreferences = {
  id: string;
  name: string;
  email: string | null;
  emailStatus: "ok" | "bounced" | "complained";
  digest: DigestMode | null;
  /** What "default" means for this person. */
  defaultMode: DigestMode;
  optOuts: MailCategory[];
  version: number;
};

export async function loadPreferences(db: Db, personId: string): Promise<MailPreferences | null> {
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      emailStatus: people.emailStatus,
      digest: people.digest,
      optOuts: people.mailOptOuts,
      version: people.version,
      erasedAt: people.erasedAt,
      isPartner: sql<number>`EXISTS (SELECT 1 FROM partner_members pm JOIN partner_orgs po ON po.id = pm.partner_id AND po.archived_at IS NULL WHERE pm.person_id = ${people.id})`,
      isCoordinator: sql<number>`EXISTS (SELECT 1 FROM initiative_coordinators ic WHERE ic.person_id = ${people.id})`,
    })
    .from(people)
    .where(eq(people.id, personId));
  if (!row || row.erasedAt) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    emailStatus: row.emailStatus,
    digest: row.digest,
    defaultMode: digestMode({ digest: null, isPartner: row.isPartner, isCoordinator: row.isCoordinator }),
    optOuts: parseOptOuts(row.optOuts),
    version: row.version,
  };
}

export const preferencesSchema = z.object({
  digest: z.enum(["default", ...DIGEST_MODES], "form.unknownOption"),
  // The form lists what the person WANTS; everything else is an opt-out.
  wanted: stringList().refine((xs) => xs.every((x) => (MAIL_CATEGORIES as readonly string[]).includes(x)), "form.unknownOption"),
  version: z.coerce.number("form.invalid").int("form.invalid").min(1, "form.invalid"),
});
export type PreferencesInput = z.output<typeof preferencesSchema>;

export type PreferenceValues = { digest: string; wanted: string[] };
export function valuesOf(p: MailPreferences): PreferenceValues {
  return { digest: p.digest ?? "default", wanted: MAIL_CATEGORIES.filter((c) => !p.optOuts.includes(c)) };
}

/** Statements that bring the person's waiting messages in line with new preferences. */
function outboxFollows(db: Db, personId: string, mode: DigestMode, optOuts: MailCategory[], today: string, now: Date) {
  const dropped = BUNDLE_KINDS.filter((k) => optOuts.includes(CATEGORY_OF[k]));
  const waiting = BUNDLE_KINDS.filter((k) => k !== "digest");
  return [
    db
      .update(outbox)
      .set({ status: "given_up", error: "opted out", nextAttemptAt: null })
      .where(
        and(
          eq(outbox.personId, personId),
          inArray(outbox.status, ["queued", "failed"]),
          inArray(outbox.kind, dropped.length ? dropped : ["-"]),
        ),
      ),
    db
      .update(outbox)
      .set({ nextAttemptAt: releaseAt(mode, today, now) })
      .where(and(eq(outbox.personId, personId), eq(outbox.status, "queued"), inArray(outbox.kind, waiting))),
  ];
}

/** Saves the form; throws StaleVersionError when the preferences changed since the form was loaded. */
export async function savePreferences(
  db: Db,
  before: MailPreferences,
  input: PreferencesInput,
  actorId: string | null,
  now: Date,
  today: string,
) {
  const digest = input.digest === "default" ? null : input.digest;
  const optOuts = MAIL_CATEGORIES.filter((c) => !input.wanted.includes(c));
  await updateVersioned(
    db,
    people,
    {
      before,
      version: input.version,
      set: { digest, mailOptOuts: JSON.stringify(optOuts) },
      actorId,
      entity: "person",
      action: "mail_preferences",
      with: outboxFollows(db, before.id, digest ?? before.defaultMode, optOuts, today, now),
      changes: { digest: [before.digest, digest], optOuts: [before.optOuts, optOuts] },
    },
    now,
  );
}

/** One-click unsubscribe: adds the categories to the opt-outs (idempotent; retried once if the row moved meanwhile). */
export async function unsubscribe(db: Db, personId: string, categories: MailCategory[], now: Date, today: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = await loadPreferences(db, personId);
    if (!before) return false;
    const optOuts = MAIL_CATEGORIES.filter((c) => before.optOuts.includes(c) || categories.includes(c));
    if (optOuts.length === before.optOuts.length) return true;
    try {
      await updateVersioned(
        db,
        people,
        {
          before,
          version: before.version,
          set: { mailOptOuts: JSON.stringify(optOuts) },
          actorId: personId,
          entity: "person",
          action: "mail_unsubscribe",
          with: outboxFollows(db, personId, before.digest ?? before.defaultMode, optOuts, today, now),
          changes: { optOuts: [before.optOuts, optOuts] },
        },
        now,
      );
      return true;
    } catch (err) {
      if (!(err instanceof StaleVersionError)) throw err;
    }
  }
  return false;
}
