// People and their roles: admins only (personal data). The admin screens' contracts (newPersonContract,
// personContract); creating a person sends no mail (they sign in with their address when they like).
// Erasure is final.
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { initiativeCoordinators, partnerMembers, people } from "../../db/schema";
import {
  checkRoleLinks,
  createPersonWithRoles,
  emailTaken,
  getPersonWithRoles,
  newPersonContract,
  personContract,
  updatePersonRoles,
  type PersonWithRoles,
} from "../../domain/people/people";
import { erasePerson } from "../../domain/data/erasure";
import { exportPerson } from "../../domain/data/exports";
import type { ApiContext } from "../context";
import { notFound } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { requireAdmin } from "../scope";
import { accepted, assertNoErrors, versioned } from "./common";

const TAG = "People";
export const PersonRecord = recordSchema("Person", people, {
  extra: { mailOptOuts: z.array(z.string()), coordinatorOf: z.array(z.string()), partnerOrgIds: z.array(z.string()) },
});

function optOuts(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function personRecord(p: PersonWithRoles) {
  return { ...p, mailOptOuts: optOuts(p.mailOptOuts) };
}

async function load(c: ApiContext, id: string) {
  requireAdmin(c);
  const row = await getPersonWithRoles(c.var.db, id);
  if (!row) throw notFound();
  return row;
}

/** The stored person as a record (they exist: just read or written). */
async function record(c: ApiContext, id: string) {
  return personRecord((await getPersonWithRoles(c.var.db, id))!);
}

export function registerPeopleApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/people", { id: "listPeople", tag: TAG, summary: "List people (admin)" }),
    request: {
      query: listQuery(
        {
          neighbourhoodId: z.string().max(64).optional(),
          erased: z
            .enum(["exclude", "include", "only"])
            .default("exclude")
            .openapi({ description: "Erased (anonymised) people: left out by default." }),
        },
        false,
      ),
    },
    responses: listed("Person", PersonRecord),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const db = c.var.db;
    const where = and(
      q.erased === "include" ? undefined : q.erased === "only" ? isNotNull(people.erasedAt) : isNull(people.erasedAt),
      q.neighbourhoodId ? eq(people.neighbourhoodId, q.neighbourhoodId) : undefined,
    );
    const page = await keysetPage(db, people, where, q);
    const ids = page.data.map((p) => p.id);
    const [coords, members] = ids.length
      ? await db.batch([
          db.select().from(initiativeCoordinators).where(inArray(initiativeCoordinators.personId, ids)),
          db.select().from(partnerMembers).where(inArray(partnerMembers.personId, ids)),
        ])
      : [[], []];
    const data = page.data.map((p) =>
      personRecord({
        ...p,
        coordinatorOf: coords.filter((r) => r.personId === p.id).map((r) => r.initiativeId),
        partnerOrgIds: members.filter((r) => r.personId === p.id).map((r) => r.partnerId),
      }),
    );
    return c.json({ ...page, data }, 200);
  });

  const get = createRoute({
    ...op("get", "/people/{id}", { id: "getPerson", tag: TAG, summary: "Get a person (admin)" }),
    request: { params: idParams },
    responses: found(PersonRecord),
  });
  app.openapi(get, async (c) => c.json(personRecord(await load(c, c.req.valid("param").id)), 200));

  const create = createRoute({
    ...op("post", "/people", {
      id: "createPerson",
      tag: TAG,
      summary: "Create a person with roles (admin)",
      description: "No invitation mail is sent.",
    }),
    request: { body: jsonBody(newPersonContract.createBody()) },
    responses: changed(PersonRecord, 201),
  });
  app.openapi(create, async (c) => {
    requireAdmin(c);
    const { db, now, principal } = c.var;
    const input = accepted(newPersonContract.fromJson(c.req.valid("json")));
    const errors = await checkRoleLinks(db, input);
    if (await emailTaken(db, input.email)) Object.assign(errors, { email: "form.emailTaken" });
    assertNoErrors(errors);
    const id = await createPersonWithRoles(db, input, principal.actorId, now);
    return c.json(await record(c, id), 201);
  });

  const update = createRoute({
    ...op("patch", "/people/{id}", { id: "updatePerson", tag: TAG, summary: "Change a person's name, language and roles (admin)" }),
    request: { params: idParams, body: jsonBody(personContract.updateBody()) },
    responses: changed(PersonRecord),
  });
  app.openapi(update, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    const { version, ...patch } = c.req.valid("json");
    const input = accepted(personContract.fromJson(patch, personContract.stored(before)));
    assertNoErrors(await checkRoleLinks(db, input));
    await versioned(
      () => updatePersonRoles(db, before, { ...input, version }, principal.actorId, now),
      () => record(c, before.id),
    );
    return c.json(await record(c, before.id), 200);
  });

  const erasure = createRoute({
    ...op("post", "/people/{id}/erasure", {
      id: "erasePerson",
      tag: TAG,
      summary: "Erase a person (admin; final)",
      description:
        "Final. Name, contact details and free text about the person are removed; their involvements stay as anonymous intervals so the year figures do not change; sessions and tokens end. The audit trail records that an erasure happened.",
    }),
    request: { params: idParams },
    responses: changed(PersonRecord),
  });
  app.openapi(erasure, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    await erasePerson(db, before.id, principal.actorId, now, c.env.DOCUMENTS);
    const row = await db.query.people.findFirst({ where: eq(people.id, before.id) });
    return c.json(personRecord({ ...row!, coordinatorOf: [], partnerOrgIds: [] }), 200);
  });

  const exported = createRoute({
    ...op("get", "/people/{id}/export", { id: "exportPerson", tag: TAG, summary: "Everything stored about a person, as JSON (admin)" }),
    request: { params: idParams },
    responses: found(z.record(z.string(), z.unknown()).openapi("PersonExport")),
  });
  app.openapi(exported, async (c) => {
    const before = await load(c, c.req.valid("param").id);
    return c.json(await exportPerson(c.var.db, before.id, c.var.now), 200);
  });
}
