// Funding streams of an initiative and the activities that lean on each. Money in whole cents. The
// fields, their limits and the cross-field rules are the domain's contract (fundingContract): the
// same one the screens use, so the API cannot accept what a form refuses, nor forget a field on PATCH.
import { and, eq, inArray } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { fundingActivities, fundingStreams, FUNDING_KINDS, FUNDING_STATUSES } from "../../db/schema";
import {
  checkFundingLinks,
  createFunding,
  findRepeatedFunding,
  fundingContract,
  getFunding,
  setFundingArchived,
  updateFunding,
} from "../../domain/money/fundings";
import type { ApiContext } from "../context";
import { ApiError, notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, requireAdmin, underInitiatives } from "../scope";
import { accepted, archiveRoutes, assertNoErrors, checkVersion, str, versioned } from "./common";

const TAG = "Fundings";
export const FundingRecord = recordSchema("Funding", fundingStreams, { extra: { activityIds: z.array(z.string()) } });

async function load(c: ApiContext, id: string) {
  const row = await byId(c.var.db, fundingStreams, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  const funding = await getFunding(c.var.db, initiative.id, id);
  if (!funding) throw notFound();
  return { funding, initiative };
}

export function registerFundingsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/fundings", { id: "listFundings", tag: TAG, summary: "List funding streams" }),
    request: {
      query: listQuery({
        initiativeId: z.string().max(64).optional(),
        neighbourhoodId: z.string().max(64).optional(),
        status: z.enum(FUNDING_STATUSES).optional(),
        kind: z.enum(FUNDING_KINDS).optional(),
      }),
    },
    responses: listed("Funding", FundingRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
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
    const data = page.data.map((f) => ({
      ...f,
      activityIds: links
        .filter((l) => l.fundingId === f.id)
        .map((l) => l.activityId)
        .sort(),
    }));
    return c.json({ ...page, data }, 200);
  });

  const get = createRoute({
    ...op("get", "/fundings/{id}", { id: "getFunding", tag: TAG, summary: "Get a funding stream" }),
    request: { params: idParams },
    responses: found(FundingRecord),
  });
  app.openapi(get, async (c) => c.json((await load(c, c.req.valid("param").id)).funding, 200));

  const create = createRoute({
    ...op("post", "/fundings", {
      id: "createFunding",
      tag: TAG,
      summary: "Create a funding stream (admin)",
      description:
        "A stream with the same source (partner or name), amount per year, start and end as one the initiative already has (not archived) is a likely duplicate: " +
        "it answers 409 with code `duplicate` and that stream in `error.existing`, and adds nothing. Send `confirmDuplicate: true` to add it anyway.",
    }),
    request: {
      body: jsonBody(
        fundingContract.createBody({
          initiativeId: str,
          confirmDuplicate: z
            .boolean("api.error.type")
            .optional()
            .openapi({
              description:
                "true: add it even when the initiative has a stream with the same source, amount and dates (otherwise 409 duplicate).",
            }),
        }),
      ),
    },
    responses: changed(FundingRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { initiativeId, confirmDuplicate, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, true);
    const input = accepted(fundingContract.fromJson(json));
    const links = await checkFundingLinks(db, initiative.id, input);
    assertNoErrors(links.errors);
    if (confirmDuplicate !== true) {
      const existing = await findRepeatedFunding(db, initiative.id, input, links.sourceName);
      if (existing) throw new ApiError(409, "duplicate", { existing });
    }
    const id = await createFunding(db, initiative, input, links.sourceName, principal.actorId, now);
    return c.json((await getFunding(db, initiative.id, id))!, 201);
  });

  const update = createRoute({
    ...op("patch", "/fundings/{id}", { id: "updateFunding", tag: TAG, summary: "Change a funding stream (admin)" }),
    request: { params: idParams, body: jsonBody(fundingContract.updateBody()) },
    responses: changed(FundingRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const { funding, initiative } = await load(c, c.req.valid("param").id);
    requireAdmin(c);
    const { version, ...patch } = c.req.valid("json");
    // Fields not sent keep their stored value: the contract merges over what is stored.
    const input = accepted(fundingContract.fromJson(patch, fundingContract.stored(funding)));
    const links = await checkFundingLinks(db, initiative.id, input, funding.id);
    assertNoErrors(links.errors);
    await versioned(
      () => updateFunding(db, initiative, funding, { ...input, version }, links.sourceName, principal.actorId, now),
      () => getFunding(db, initiative.id, funding.id),
    );
    return c.json((await getFunding(db, initiative.id, funding.id))!, 200);
  });

  archiveRoutes(app, {
    path: "/fundings",
    tag: TAG,
    noun: "Funding",
    what: "a funding stream (admin)",
    record: FundingRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const { funding, initiative } = await load(c, id);
      requireAdmin(c);
      checkVersion(version, funding, funding);
      await setFundingArchived(db, initiative, funding, archive, principal.actorId, now);
      return (await getFunding(db, initiative.id, funding.id))!;
    },
  });
}
