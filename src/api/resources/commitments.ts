// Partner commitments. Admin tokens manage all; a partner token manages only its own
// organisation's, and only where that organisation is linked to the initiative's neighbourhood —
// the same finer rule the screens apply (commitmentAccess).
import { and, eq } from "drizzle-orm";
import * as z from "zod";
import { commitments } from "../../db/schema";
import {
  checkCommitmentLinks,
  commitmentAccess,
  commitmentSchema,
  commitmentUpdateSchema,
  createCommitment,
  mayManageCommitmentOf,
  mayManageCommitmentsAtAll,
  setCommitmentArchived,
  updateCommitment,
} from "../../domain/money/commitments";
import { isAdmin, type ApiContext } from "../context";
import { forbidden } from "../errors";
import { assertNoErrors, createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { archivedWhere, keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { byId, initiativeFromBody, initiativeOfRecord, json, underInitiatives, type InitiativeRow } from "../scope";
import { ArchiveBody, checkVersion, str, versioned } from "./common";

const TAG = "Commitments";
export const CommitmentRecord = recordSchema("Commitment", commitments);
const fields = fieldsFrom(commitmentSchema.shape, ["partnerId", "activityId", "kind", "description", "startsOn", "endsOn", "renewalState"]);
const Create = createBody("Commitment", { initiativeId: str, ...fields });
const Update = updateBody("Commitment", fields);

function access(c: ApiContext, initiative: InitiativeRow) {
  const p = c.var.principal;
  return commitmentAccess(c.var.db, p.user, initiative, isAdmin(p));
}

/** The organisation must be one this token may act for, before and after the change. */
async function checked(c: ApiContext, initiative: InitiativeRow, input: { partnerId: string; activityId?: string | undefined }) {
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

const current = (r: typeof commitments.$inferSelect) => ({
  partnerId: r.partnerId,
  activityId: r.activityId,
  kind: r.kind,
  description: r.description,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  renewalState: r.renewalState,
});

export function commitmentRoutes(app: ApiApp) {
  const query = {
    initiativeId: z.string().max(64).optional(),
    neighbourhoodId: z.string().max(64).optional(),
    partnerId: z.string().max(64).optional(),
  };
  register(
    app,
    listOp({
      id: "listCommitments",
      path: "/commitments",
      tag: TAG,
      summary: "List partner commitments",
      item: CommitmentRecord,
      name: "Commitment",
      query,
    }),
    async (c) => {
      const q = valid<
        PageParams & { archived: "exclude" | "include" | "only"; initiativeId?: string; neighbourhoodId?: string; partnerId?: string }
      >(c, "query");
      const where = and(
        ...(await underInitiatives(c, commitments.initiativeId, q)),
        archivedWhere(commitments.archivedAt, q.archived),
        q.partnerId ? eq(commitments.partnerId, q.partnerId) : undefined,
      );
      return json(c, await keysetPage(c.var.db, commitments, where, q));
    },
  );

  register(
    app,
    getOp({ id: "getCommitment", path: "/commitments/{id}", tag: TAG, summary: "Get a commitment", item: CommitmentRecord }),
    async (c) => json(c, (await load(c, valid<{ id: string }>(c, "param").id, false)).row),
  );

  const create = writeOp({
    id: "createCommitment",
    method: "post",
    path: "/commitments",
    tag: TAG,
    summary: "Record a commitment (admin, or a partner for its own organisation)",
    body: Create,
    item: CommitmentRecord,
    status: 201,
    params: false,
  });
  register(app, create, async (c) => {
    const { db, now, principal } = c.var;
    const body = valid<Record<string, unknown> & { initiativeId: string }>(c, "json");
    const initiative = await initiativeFromBody(c, body.initiativeId, false);
    const { initiativeId: _i, ...rest } = withoutNulls(body);
    const input = domainParse(commitmentSchema, rest);
    await checked(c, initiative, input);
    const id = await createCommitment(db, initiative, input, principal.actorId, now);
    return json(c, await byId(db, commitments, id), 201);
  });

  register(
    app,
    writeOp({
      id: "updateCommitment",
      method: "patch",
      path: "/commitments/{id}",
      tag: TAG,
      summary: "Change a commitment",
      body: Update,
      item: CommitmentRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const { row, initiative } = await load(c, valid<{ id: string }>(c, "param").id, true);
      const input = domainParse(commitmentUpdateSchema, withoutNulls({ ...current(row), ...valid<Record<string, unknown>>(c, "json") }));
      await checked(c, initiative, input);
      await versioned(
        () => updateCommitment(db, initiative, row, input, principal.actorId, now),
        () => byId(db, commitments, row.id),
      );
      return json(c, await byId(db, commitments, row.id));
    },
  );

  for (const [segment, archive] of [
    ["archival", true],
    ["restoration", false],
  ] as const) {
    const op = writeOp({
      id: archive ? "archiveCommitment" : "restoreCommitment",
      method: "post",
      path: `/commitments/{id}/${segment}`,
      tag: TAG,
      summary: archive ? "Archive a commitment" : "Restore a commitment",
      body: ArchiveBody,
      bodyRequired: false,
      item: CommitmentRecord,
    });
    register(app, op, async (c) => {
      const { db, now, principal } = c.var;
      const { row, initiative } = await load(c, valid<{ id: string }>(c, "param").id, true);
      checkVersion(valid<{ version?: number }>(c, "json").version, row, row);
      await setCommitmentArchived(db, initiative, row, archive, principal.actorId, now);
      return json(c, await byId(db, commitments, row.id));
    });
  }
}
