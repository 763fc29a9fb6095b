// Risk through the API: the stored judgement per activity (a list with filters, and one activity's)
// and the risk history — every change of level or flags with its date. Flags have the one public
// shape (src/domain/risk/flag-view.ts). Partner tokens read only their neighbourhoods, and never
// a volunteer's name (as on the overview); admins see the names the screens show them.
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { RISK_LEVELS } from "../../db/schema";
import { FLAG_SUBJECT_TYPES, RISK_RULES } from "../../domain/risk/flag-view";
import { getActivityRisk, listActivityRisks, listRiskEvents, type RiskReader } from "../../domain/risk/records";
import { dateField } from "../../lib/dates";
import { isAdmin, type ApiContext } from "../context";
import { ApiError, forbidden, notFound } from "../errors";
import { found, listed, listQuery, op, type ApiApp } from "../ops";
import { decodeCursor, toPage } from "../pagination";
import { requireRead } from "../scope";

const TAG = "Risks";

const level = (description: string) => z.enum(RISK_LEVELS).openapi({ description });

export const RiskFlag = z
  .object({
    code: z.enum(RISK_RULES).openapi({ description: "The rule that raised the flag." }),
    severity: level("How serious: watch, at_risk or urgent (ok only on a planned ending)."),
    since: z.string().openapi({ format: "date", description: "The day this condition began; stable while it holds." }),
    reason: z.string().openapi({ description: "One plain sentence naming the cause and the date, in the caller's language." }),
    subject: z
      .object({
        type: z.enum(FLAG_SUBJECT_TYPES).openapi({ description: "What kind of thing the flag is about." }),
        id: z.string().openapi({ description: "The subject's id (for a source: the partner's id or its name; for a role: the role)." }),
        name: z.string().openapi({ description: "The subject's name (a role in words; never a volunteer's name)." }),
      })
      .openapi({ description: "What the flag is about: a funding stream, a facility, a role, the activity itself…" }),
    endsOn: z.string().optional().openapi({ format: "date", description: "When the money, place or commitment ends (or ended)." }),
    shortfallCentsPerYear: z.number().int().optional().openapi({
      description: "Money per year (cents) that falls away: the ending stream's amount minus the granted renewal or successors.",
    }),
  })
  .openapi("RiskFlag");

const context = {
  activityId: z.string().openapi({ description: "The activity judged." }),
  activityName: z.string().openapi({ description: "The activity's name." }),
  initiativeId: z.string().openapi({ description: "Its initiative." }),
  initiativeName: z.string().openapi({ description: "The initiative's name." }),
  neighbourhoodId: z.string().openapi({ description: "The initiative's neighbourhood." }),
};

const RiskRecord = z
  .object({
    ...context,
    level: level("The activity's level: its worst flag, or ok."),
    levelSince: z.string().openapi({ format: "date", description: "The day the current level began." }),
    runwayMonths: z.number().int().nullable().openapi({ description: "Whole months until its money runs out; null when none ends." }),
    judgedOn: z.string().openapi({ format: "date", description: "The day it was last judged (every change and every daily run)." }),
    flags: z.array(RiskFlag).openapi({ description: "Every flag it has now." }),
  })
  .openapi("ActivityRisk");

const RiskEventRecord = z
  .object({
    id: z.string().openapi({ description: "The change's id." }),
    ...context,
    on: z.string().openapi({ format: "date", description: "The day of the change." }),
    fromLevel: level("The level before the change; null for the activity's first judgement.").nullable(),
    toLevel: level("The level after the change."),
    flags: z.array(RiskFlag).openapi({ description: "The flags after the change (each with the day its condition began)." }),
    added: z.array(z.enum(RISK_RULES)).openapi({ description: "Rules that were raised with this change." }),
    resolved: z.array(z.enum(RISK_RULES)).openapi({ description: "Rules that went away with this change." }),
    recordedAt: z.string().openapi({ format: "date-time", description: "The instant the change was recorded." }),
  })
  .openapi("RiskEvent");

const id = (what: string) => z.string().max(64).optional().openapi({ description: what });

/** Who reads: admins everything and with names; partner tokens their neighbourhoods, without volunteers' names. */
function reader(c: ApiContext): RiskReader {
  const p = c.var.principal;
  return { within: isAdmin(p) ? null : p.neighbourhoodIds, locale: c.var.locale, personNames: isAdmin(p) };
}

/** A filter on a neighbourhood the token may not read is refused, not answered with nothing. */
function checkFilter(c: ApiContext, q: { neighbourhoodId?: string | undefined }) {
  if (q.neighbourhoodId) requireRead(c, q.neighbourhoodId);
}

function decodeEventCursor(cursor: string) {
  const { at, id } = decodeCursor(cursor);
  const [on, recordedAt] = at.split("|");
  if (!on || !recordedAt) throw new ApiError(400, "invalid_query", { fields: [{ path: "cursor", key: "api.error.cursor" }] });
  return { on, recordedAt, id };
}

export function registerRisksApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/risks", {
      id: "listRisks",
      tag: TAG,
      summary: "Stored risk per activity, with the reasons",
      description:
        "The current judgement of every activity that is not archived, in a stable order. Partner tokens: their neighbourhoods, without volunteers' names.",
    }),
    request: {
      query: listQuery(
        {
          neighbourhoodId: id("Only this neighbourhood's activities."),
          initiativeId: id("Only this initiative's activities."),
          activityId: id("Only this activity."),
          level: z.enum(RISK_LEVELS).optional().openapi({ description: "Only activities at this level." }),
        },
        false,
      ),
    },
    responses: listed("ActivityRisk", RiskRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    checkFilter(c, q);
    const after = q.cursor ? decodeCursor(q.cursor).id : undefined;
    const rows = await listActivityRisks(c.var.db, reader(c), q, { limit: q.limit, afterActivityId: after });
    return c.json(
      toPage(rows, q.limit, (r) => ({ at: "", id: r.activityId })),
      200,
    );
  });

  const one = createRoute({
    ...op("get", "/risks/{activityId}", {
      id: "getRisk",
      tag: TAG,
      summary: "One activity's current judgement",
      description: "404 when the activity does not exist or has not been judged yet; 403 outside a partner token's neighbourhoods.",
    }),
    request: {
      params: z.object({
        activityId: z
          .string()
          .min(1)
          .max(64)
          .openapi({ param: { name: "activityId", in: "path" }, description: "The activity's id." }),
      }),
    },
    responses: found(RiskRecord),
  });
  app.openapi(one, async (c) => {
    const found = await getActivityRisk(c.var.db, reader(c), c.req.valid("param").activityId);
    if (!found.ok) throw found.reason === "missing" ? notFound() : forbidden();
    return c.json(found.risk, 200);
  });

  const events = createRoute({
    ...op("get", "/risk-events", {
      id: "listRiskEvents",
      tag: TAG,
      summary: "The risk history: every change of level or flags, with its date",
      description:
        "Oldest first (by day, then the moment it was recorded). A change is recorded when an activity's level or its flags change: by an edit, or by the daily run. " +
        "By default the history of archived activities (and of archived initiatives) is left out; archived=include or only shows it.",
    }),
    request: {
      query: listQuery({
        activityId: id("Only this activity's history."),
        initiativeId: id("Only the history of this initiative's activities."),
        neighbourhoodId: id("Only the history of this neighbourhood's activities."),
        since: dateField().optional().openapi({ description: "Only changes on or after this day (YYYY-MM-DD)." }),
      }),
    },
    responses: listed("RiskEvent", RiskEventRecord),
  });
  app.openapi(events, async (c) => {
    const q = c.req.valid("query");
    checkFilter(c, q);
    const after = q.cursor ? decodeEventCursor(q.cursor) : undefined;
    const rows = await listRiskEvents(c.var.db, reader(c), q, { limit: q.limit, after });
    const page = toPage(rows, q.limit, (e) => ({ at: `${e.on}|${e.recordedAt}`, id: e.id }));
    return c.json(page, 200);
  });
}
