// The outbox as the API shows it: every message with what it is (its kind and, for reminders,
// the stage: lead, due, overdue, escalation) and how sending went (attempts — one per daily run —,
// the next attempt, the last error, when it was sent and the provider's id).
import { and, asc, eq, gt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox, type OUTBOX_STATUSES } from "../../db/schema";
import { BUNDLE_KINDS } from "./outbox";

/** Every kind of message in the outbox: the daily run's bundles and the mails sent on the spot. */
export const OUTBOX_KINDS = [...BUNDLE_KINDS, "sign_in", "invite", "offer_confirm", "help_ask"] as const;
/** Where a reminder stands: before, on and after its due date, or escalated to others. */
export const OUTBOX_STAGES = ["lead", "due", "overdue", "escalation"] as const;
export type OutboxStage = (typeof OUTBOX_STAGES)[number];

export type OutboxQuery = {
  kind?: string | undefined;
  stage?: OutboxStage | undefined;
  status?: (typeof OUTBOX_STATUSES)[number] | undefined;
  personId?: string | undefined;
};

// (json_valid: a message whose payload cannot be read simply has no stage)
const PAYLOAD_STAGE = sql<string | null>`CASE WHEN json_valid(${outbox.payload}) THEN json_extract(${outbox.payload}, '$.stage') END`;

/** One page of messages matching the query, in (createdAt, id) order, with the reminder stage of each. */
export async function outboxPage(db: Db, q: OutboxQuery, page: { limit: number; after?: { at: string; id: string } | undefined }) {
  const where: (SQL | undefined)[] = [
    q.kind ? eq(outbox.kind, q.kind) : undefined,
    q.status ? eq(outbox.status, q.status) : undefined,
    q.personId ? eq(outbox.personId, q.personId) : undefined,
    q.stage === "escalation"
      ? eq(outbox.kind, "escalation")
      : q.stage
        ? and(eq(outbox.kind, "reminder"), sql`${PAYLOAD_STAGE} = ${q.stage}`)
        : undefined,
    page.after
      ? or(gt(outbox.createdAt, page.after.at), and(eq(outbox.createdAt, page.after.at), gt(outbox.id, page.after.id)))
      : undefined,
  ];
  const rows = await db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      payloadStage: PAYLOAD_STAGE,
      subject: outbox.subject,
      recipient: outbox.recipient,
      personId: outbox.personId,
      locale: outbox.locale,
      status: outbox.status,
      attempts: outbox.attempts,
      lastAttemptOn: outbox.lastAttemptOn,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.error,
      sentAt: outbox.sentAt,
      providerId: outbox.providerId,
      bundleId: outbox.bundleId,
      subjectType: outbox.subjectType,
      subjectId: outbox.subjectId,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(and(...where))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(page.limit + 1);
  return rows.map(({ payloadStage, ...r }) => ({
    ...r,
    stage: stageOf(r.kind, payloadStage),
    escalatedTo: r.kind === "escalation" && (payloadStage === "coordinators" || payloadStage === "partners") ? payloadStage : null,
  }));
}

function stageOf(kind: string, payloadStage: string | null): OutboxStage | null {
  if (kind === "escalation") return "escalation";
  if (kind === "reminder" && (payloadStage === "lead" || payloadStage === "due" || payloadStage === "overdue")) return payloadStage;
  return null;
}
