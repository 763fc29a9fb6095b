// Messages from coordinators to the volunteers of an initiative: sent through the outbox like every
// mail, a few per initiative per day. For admin tokens only: what coordinators write to their
// volunteers, and who was skipped, is not for partners.
import { and, eq } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { volunteerMessages } from "../../db/schema";
import {
  checkMessageLinks,
  MESSAGES_PER_DAY,
  MessageLimitError,
  messageActivityOptions,
  sendVolunteerMessage,
  volunteerMessageContract,
} from "../../domain/messages/volunteer-messages";
import type { ApiContext } from "../context";
import { ApiError } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, underInitiatives } from "../scope";
import { accepted, assertNoErrors, str } from "./common";

const TAG = "Messages";
const Skipped = z
  .object({
    personId: z.string(),
    reason: z.enum(["no_address", "address_broken", "opted_out"]).openapi({
      description: "no_address (no email address), address_broken (it bounced or complained), opted_out (wants no messages).",
    }),
  })
  .openapi("MessageSkip");
const MessageRecord = recordSchema("VolunteerMessage", volunteerMessages, {
  omit: ["skipped"],
  extra: { skipped: z.array(Skipped).openapi({ description: "Who it was not sent to, and why." }) },
});

type Row = typeof volunteerMessages.$inferSelect;
function record(row: Row) {
  let skipped: z.output<typeof Skipped>[] = [];
  try {
    skipped = JSON.parse(row.skipped) as z.output<typeof Skipped>[];
  } catch {
    // an unreadable list reads as none
  }
  return { ...row, skipped };
}

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, volunteerMessages, id);
  await initiativeOfRecord(c, row.initiativeId);
  requireAdmin(c);
  return row;
}

export function registerMessagesApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/messages", { id: "listMessages", tag: TAG, summary: "List messages to volunteers, oldest first (admin)" }),
    request: {
      query: listQuery({ initiativeId: z.string().max(64).optional(), neighbourhoodId: z.string().max(64).optional() }, false),
    },
    responses: listed("VolunteerMessage", MessageRecord),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const where = and(...(await underInitiatives(c, volunteerMessages.initiativeId, q)));
    const page = await keysetPage(c.var.db, volunteerMessages, where, q);
    return c.json({ ...page, data: page.data.map(record) }, 200);
  });

  const get = createRoute({
    ...op("get", "/messages/{id}", { id: "getMessage", tag: TAG, summary: "Get a message to volunteers (admin)" }),
    request: { params: idParams },
    responses: found(MessageRecord),
  });
  app.openapi(get, async (c) => c.json(record(await load(c, c.req.valid("param").id)), 200));

  const send = createRoute({
    ...op("post", "/messages", {
      id: "sendMessage",
      tag: TAG,
      summary: "Send a message to the active volunteers of an initiative or one activity (admin)",
      description: `Everyone active today in the initiative (for an activity: its volunteers and those of the whole initiative) gets it through the outbox with the next daily run, or in their weekly digest; people without a working address or who opted out of messages are skipped, and the answer says who and why. At most ${MESSAGES_PER_DAY} per initiative per day (429 after that).`,
    }),
    request: { body: jsonBody(volunteerMessageContract.createBody({ initiativeId: str })) },
    responses: changed(MessageRecord, 201),
  });
  app.openapi(send, async (c) => {
    const { db, now, today, principal } = c.var;
    const { initiativeId, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(volunteerMessageContract.fromJson(json));
    assertNoErrors(checkMessageLinks(await messageActivityOptions(db, initiative.id), input));
    let sent;
    try {
      sent = await sendVolunteerMessage(
        db,
        initiative,
        input,
        { id: principal.actorId, name: principal.user.id ? principal.user.name : null },
        today,
        now,
      );
    } catch (err) {
      if (err instanceof MessageLimitError)
        throw new ApiError(429, "rate_limited", { messageKey: "messages.limitReached", vars: { max: MESSAGES_PER_DAY } });
      throw err;
    }
    const [row] = await db.select().from(volunteerMessages).where(eq(volunteerMessages.id, sent.id));
    return c.json(record(row!), 201);
  });
}
