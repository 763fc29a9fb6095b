// The outbox (admins only): every email recorded or sent, without bodies — what each message is
// (kind; for reminders the stage), who it is for, and how sending went: attempts (one per daily
// run that tried it), the next attempt, the last error, when it went out and the provider's id.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { LOCALES, OUTBOX_STATUSES } from "../../db/schema";
import { MAX_SEND_RUNS } from "../../domain/mail/outbox";
import { OUTBOX_KINDS, OUTBOX_STAGES, outboxPage, type OutboxQuery } from "../../domain/mail/outbox-messages";
import { listed, listQuery, op, type ApiApp } from "../ops";
import { decodeCursor, toPage } from "../pagination";
import { requireAdmin } from "../scope";

const OutboxMessage = z
  .object({
    id: z.string(),
    kind: z.enum(OUTBOX_KINDS).openapi({
      description:
        "reminder, escalation (nobody answered a reminder), alert (an activity's risk rose), checkin (the yearly check-in), digest, handover (a critical role ended: its reserve is told), message (a coordinator's message to the volunteers), sign_in, invite, offer_confirm (the link that makes an offer from the public page), help_ask (a coordinator asks a resident to help).",
    }),
    stage: z
      .enum(OUTBOX_STAGES)
      .nullable()
      .openapi({ description: "Reminders: lead (before the due date), due, overdue; escalation for escalations. Null for other kinds." }),
    escalatedTo: z.enum(["coordinators", "partners"]).nullable().openapi({ description: "Escalations: who was told." }),
    subject: z.string(),
    recipient: z.string().openapi({ description: "The address it was sent to." }),
    personId: z.string().nullable(),
    locale: z.enum(LOCALES),
    status: z.enum(OUTBOX_STATUSES).openapi({
      description: "recorded (kept, not sent: no provider configured), queued, sent, failed (tried again by the next daily run), given_up.",
    }),
    attempts: z
      .number()
      .int()
      .openapi({
        description: `Daily runs that tried to send it (the retries within one run count once). Given up after ${MAX_SEND_RUNS}.`,
      }),
    lastAttemptOn: z.string().nullable().openapi({ format: "date", description: "The daily run that last tried it." }),
    nextAttemptAt: z.string().nullable().openapi({ format: "date-time", description: "When a failed message may be tried again." }),
    lastError: z.string().nullable().openapi({ description: "Why the last attempt failed, or why it was given up." }),
    sentAt: z.string().nullable().openapi({ format: "date-time" }),
    providerId: z.string().nullable().openapi({ description: "The mail provider's id of the email it went out in (Resend)." }),
    bundleId: z
      .string()
      .nullable()
      .openapi({ description: "The message that carries the email this one was bundled in (one email per person per run)." }),
    subjectType: z.string().nullable().openapi({ description: "What it is about: task, activity, initiative or person." }),
    subjectId: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("OutboxMessage");

export function registerOutboxApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/outbox", {
      id: "listOutbox",
      tag: "Outbox",
      summary: "Every email recorded or sent, with what it is and how sending went (admin; without bodies)",
    }),
    request: {
      query: listQuery(
        {
          kind: z.enum(OUTBOX_KINDS).optional(),
          stage: z.enum(OUTBOX_STAGES).optional().openapi({ description: "Reminders at this stage (escalation: every escalation)." }),
          status: z.enum(OUTBOX_STATUSES).optional(),
          personId: z.string().max(64).optional(),
        },
        false,
      ),
    },
    responses: listed("OutboxMessage", OutboxMessage),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const rows = await outboxPage(c.var.db, q, { limit: q.limit, after: q.cursor ? decodeCursor(q.cursor) : undefined });
    return c.json(
      toPage(rows, q.limit, (r) => ({ at: r.createdAt, id: r.id })),
      200,
    );
  });
}
