// An initiative's dates as iCalendar (RFC 5545): the same events as a coordinator's calendar
// subscription (src/domain/calendar/events.ts), for whoever may read the initiative.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { calendarEvents } from "../../domain/calendar/events";
import { calendarText } from "../../lib/ical";
import { ErrorSchema } from "../records";
import { idParams, op, type ApiApp } from "../ops";
import { findInitiative, requireRead } from "../scope";
import { notFound } from "../errors";

const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

export function registerCalendarsApi(app: ApiApp) {
  const route = createRoute({
    ...op("get", "/initiatives/{id}/calendar", {
      id: "getInitiativeCalendar",
      tag: "Initiatives",
      summary: "The initiative's dates as iCalendar",
      description:
        "All-day events (VALUE=DATE) with stable UIDs: each upkeep task's next due date, funding end and accounting (report-due) dates, the end of the agreement about a place and of partner commitments, and the last day of the yearly check-in. From a year back onwards.",
    }),
    request: { params: idParams },
    responses: {
      200: { description: "An iCalendar file.", content: { "text/calendar": { schema: z.string().openapi({ format: "text/calendar" }) } } },
      401: error("No valid bearer token."),
      403: error("The token may not do this."),
      404: error("No such record (or not visible to this token)."),
      429: error("Too many requests."),
    },
  });
  app.openapi(route, async (c) => {
    const initiative = await findInitiative(c.var.db, c.req.valid("param").id);
    if (!initiative) throw notFound();
    requireRead(c, initiative.neighbourhoodId);
    const appUrl = new URL(c.req.url).origin;
    const events = await calendarEvents(c.var.db, { initiativeIds: [initiative.id] }, c.var.t, appUrl, c.var.today);
    const text = calendarText({ name: c.var.t("calendar.name.initiative", { initiative: initiative.name }), events, now: c.var.now });
    return c.body(text, 200, { "Content-Type": "text/calendar; charset=utf-8" });
  });
}
