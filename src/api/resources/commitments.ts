// Partner commitments. Admin tokens manage all; a partner token manages only its own
// organisation's, and only where that organisation is linked to the initiative's neighbourhood —
// the same finer rule the screens apply (commitmentAccess). The fields are the domain's contract.
import { and, eq } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { commitments } from "../../db/schema";
import {
  checkCommitmentLinks,
  commitmentAccess,
  commitmentContract,
  createCommitment,
  mayManageCommitmentOf,
  mayManageCommitmentsAtAll,
  setCommitmentArchived,
  updateCommitment,
} from "../../domain/money/commitments";
import { isAdmin, type ApiContext } from "../context";
import { forbidden } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, underInitiatives, type InitiativeRow } from "../scope";
import { accepted, archiveRoutes, assertNoErrors, checkVersion, str, versioned } from "./common";

const TAG = "Commitments";
export const CommitmentRecord = recordSchema("Commitment", commitments);

function access(c: ApiContext, initiative: InitiativeRow) {
  const p = c.var.principal;
  return commitmentAccess(c.var.db, p.user, initiative, isAdmin(p));
}

/** The organisation must be one this token may act for, before and after the change. */
async function checked(c: ApiContext, initiative: InitiativeRow, input: { partnerId: string; activityId?: string | null }) {
  const a = await access(c, initiative);
  if (!mayManageCommitmentsAtAll(a) || !mayManageCommitmentOf(a, input.partnerId)) {
    // An unknown organisation is a field error for everyone; a foreign one is refused.
    const links = await checkCommitmentLinks(c.var.db, initiative.id, { all: true, orgIds: [] }, input);
    if (links.errors.partnerId) assertNoErrors(links.errors);
    throw forbidden();
  }
  const links = await checkCommitmentLinks(c.var.db, initiative.id, a, input);
  if (links.forbidden) throw forbidden();
  assertNoErrors(links.errors);
}

async function load(c: ApiContext, id: string, write: boolean) {
  const row = await byId(c.var.db, commitments, id);
  const initiative = await initiativeOfRecord(c, row.initiativeId);
  if (write && !mayManageCommitmentOf(await access(c, initiative), row.partnerId)) throw forbidden();
  return { row, initiative };
}

export function registerCommitmentsApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/commitments", { id: "listCommitments", tag: TAG, summary: "List partner commitments" }),
    request: {
      query: listQuery({
        initiativeId: z.string().max(64).optional(),
        neighbourhoodId: z.string().max(64).optional(),
        partnerId: z.string().max(64).optional(),
      }),
    },
    responses: listed("Commitment", CommitmentRecord),
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const where = and(
      ...(await underInitiatives(c, commitments.initiativeId, q)),
      archivedWhere(commitments.archivedAt, q.archived),
      q.partnerId ? eq(commitments.partnerId, q.partnerId) : undefined,
    );
    return c.json(await keysetPage(c.var.db, commitments, where, q), 200);
  });

  const get = createRoute({
    ...op("get", "/commitments/{id}", { id: "getCommitment", tag: TAG, summary: "Get a commitment" }),
    request: { params: idParams },
    responses: found(CommitmentRecord),
  });
  app.openapi(get, async (c) => c.json((await load(c, c.req.valid("param").id, false)).row, 200));

  const create = createRoute({
    ...op("post", "/commitments", {
      id: "createCommitment",
      tag: TAG,
      summary: "Record a commitment (admin, or a partner for its own organisation)",
    }),
    request: { body: jsonBody(commitmentContract.createBody({ initiativeId: str })) },
    responses: changed(CommitmentRecord, 201),
  });
  app.openapi(create, async (c) => {
    const { db, now, principal } = c.var;
    const { initiativeId, ...json } = c.req.valid("json");
    const initiative = await initiativeFromBody(c, initiativeId, false);
    const input = accepted(commitmentContract.fromJson(json));
    await checked(c, initiative, input);
    const id = await createCommitment(db, initiative, input, principal.actorId, now);
    return c.json(await byId(db, commitments, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/commitments/{id}", { id: "updateCommitment", tag: TAG, summary: "Change a commitment" }),
    request: { params: idParams, body: jsonBody(commitmentContract.updateBody()) },
    responses: changed(CommitmentRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const { row, initiative } = await load(c, c.req.valid("param").id, true);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(commitmentContract.fromJson(patch, commitmentContract.stored(row)));
    await checked(c, initiative, input);
    await versioned(
      () => updateCommitment(db, initiative, row, { ...input, version }, principal.actorId, now),
      () => byId(db, commitments, row.id),
    );
    return c.json(await byId(db, commitments, row.id), 200);
  });

  archiveRoutes(app, {
    path: "/commitments",
    tag: TAG,
    noun: "Commitment",
    what: "a commitment",
    record: CommitmentRecord,
    handle: async (c, id, archive, version) => {
      const { db, now, principal } = c.var;
      const { row, initiative } = await load(c, id, true);
      checkVersion(version, row, row);
      await setCommitmentArchived(db, initiative, row, archive, principal.actorId, now);
      return byId(db, commitments, row.id);
    },
  });
}
