// Funding streams of an initiative and the activities that lean on each. Money in whole cents; the
// screens' schema (fundingSchema: end not before start, a source named) decides what is valid.
import { and, eq, inArray } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { fundingActivities, fundingStreams, FUNDING_KINDS, FUNDING_STATUSES } from "../../db/schema";
import {
  checkFundingLinks,
  createFunding,
  fundingSchema,
  fundingUpdateSchema,
  getFunding,
  setFundingArchived,
  updateFunding,
} from "../../domain/money/fundings";
import { centsToInput, MAX_EUROS } from "../../lib/money";
import type { ApiContext } from "../context";
import { notFound } from "../errors";
import { assertNoErrors, createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, requireAdmin, underInitiatives } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Fundings";
export const FundingRecord = recordSchema("Funding", fundingStreams, { extra: { activityIds: z.array(z.string()) } });
const amountCentsPerYear = z
  .number()
  .int()
  .min(0)
  .max(MAX_EUROS * 100)
  .openapi({ description: "Amount per year in whole cents." });
const fields = fieldsFrom(
  fundingSchema.shape,
  [
    "sourcePartnerId",
    "sourceName",
    "kind",
    "startsOn",
    "endsOn",
    "status",
    "renewalState",
    "reportDueOn",
    "replacesFundingId",
    "activityIds",
  ],
  { amountCentsPerYear },
);
const Create = createBody("Funding", { initiativeId: str, ...fields });
const Update = updateBody("Funding", fields);
const RENAME = { amount: "amountCentsPerYear" };

/** JSON → the form the screens post: cents become the euros the form schema reads. */
function toForm(input: Record<string, unknown>) {
  const { amountCentsPerYear: cents, ...rest } = withoutNulls(input);
  return { ...rest, amount: typeof cents === "number" ? centsToInput(cents, "en") : cents };
}

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, fundingStreams, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const funding = await getFunding(c.var.db, initiative.id, id);
  if (!funding) throw notFound();
  return { funding, initiative };
}

const current = (f: NonNullable<Awaited<ReturnType<typeof getFunding>>>) => ({
  sourcePartnerId: f.sourcePartnerId,
  sourceName: f.sourceName,
  kind: f.kind,
  amountCentsPerYear: f.amountCentsPerYear,
  startsOn: f.startsOn,
  endsOn: f.endsOn,
  status: f.status,
  renewalState: f.renewalState,
  reportDueOn: f.reportDueOn,
  replacesFundingId: f.replacesFundingId,
  activityIds: f.activityIds,
});

export function fundingRoutes(app: ApiApp) {
  const query = {
    initiativeId: z.string().max(64).optional(),
    neighbourhoodId: z.string().max(64).optional(),
    status: z.enum(FUNDING_STATUSES).optional(),
    kind: z.enum(FUNDING_KINDS).optional(),
  };
  register(
    app,
    listOp({
      id: "listFundings",
      path: "/fundings",
      tag: TAG,
      summary: "List funding streams",
      item: FundingRecord,
      name: "Funding",
      query,
    }),
    async (c) => {
      const q = valid<
        PageParams & {
          archived: "exclude" | "include" | "only";
          initiativeId?: string;
          neighbourhoodId?: string;
          status?: (typeof FUNDING_STATUSES)[number];
          kind?: (typeof FUNDING_KINDS)[number];
        }
      >(c, "query");
      const db = c.var.db;
      const where = and(
        ...(await underInitiatives(c, fundingStreams.initiativeId, q)),
        archivedWhere(fundingStreams.archivedAt, q.archived),
        q.status ? eq(fundingStreams.status, q.status) : undefined,
        q.kind ? eq(fundingStreams.kind, q.kind) : undefined,
      );
      const page = await keysetPage(db, fundingStreams, where, q);
      const ids = page.data.map((f) => f.id);
      const links = ids.length ? await db.select().from(fundingActivities).where(inArray(fundingActivities.fundingId, ids)) : [];
      return json(c, {
        ...page,
        data: page.data.map((f) => ({
          ...f,
          activityIds: links
            .filter((l) => l.fundingId === f.id)
            .map((l) => l.activityId)
            .sort(),
        })),
      });
    },
  );

  register(
    app,
    getOp({ id: "getFunding", path: "/fundings/{id}", tag: TAG, summary: "Get a funding stream", item: FundingRecord }),
    async (c) => json(c, (await load(c, valid<{ id: string }>(c, "param").id)).funding),
  );

  register(
    app,
    writeOp({
      id: "createFunding",
      method: "post",
      path: "/fundings",
      tag: TAG,
      summary: "Create a funding stream (admin)",
      body: Create,
      item: FundingRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const body = valid<Record<string, unknown> & { initiativeId: string }>(c, "json");
      const initiative = await initiativeFromBody(c, body.initiativeId, true);
      const { initiativeId: _i, ...rest } = body;
      const input = domainParse(fundingSchema, toForm(rest), RENAME);
      const links = await checkFundingLinks(db, initiative.id, input);
      assertNoErrors(links.errors, RENAME);
      const id = await createFunding(db, initiative, input, links.sourceName, principal.actorId, now);
      return json(c, await getFunding(db, initiative.id, id), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updateFunding",
      method: "patch",
      path: "/fundings/{id}",
      tag: TAG,
      summary: "Change a funding stream (admin)",
      body: Update,
      item: FundingRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const { funding, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      const input = domainParse(fundingUpdateSchema, toForm({ ...current(funding), ...valid<Record<string, unknown>>(c, "json") }), RENAME);
      const links = await checkFundingLinks(db, initiative.id, input, funding.id);
      assertNoErrors(links.errors, RENAME);
      await versioned(
        () => updateFunding(db, initiative, funding, input, links.sourceName, principal.actorId, now),
        () => getFunding(db, initiative.id, funding.id),
      );
      return json(c, await getFunding(db, initiative.id, funding.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveFunding" : "restoreFunding",
      method: "post",
      path: `/fundings/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a funding stream (admin)" : "Restore a funding stream (admin)",
      body: ArchiveBody,
      bodyRequired: false,
      item: FundingRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const { funding, initiative } = await load(c, valid<{ id: string }>(c, "param").id);
      requireAdmin(c);
      checkVersion(valid<{ version?: number }>(c, "json").version, funding, funding);
      await setFundingArchived(db, initiative, funding, archive, principal.actorId, now);
      return json(c, await getFunding(db, initiative.id, funding.id));
    });
  }
}
