// People and their roles: admins only (personal data). Same rules as the admin screens; creating a
// person sends no mail (they sign in with their address when they like). Erasure is final.
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { initiativeCoordinators, partnerMembers, people } from "../../db/schema";
import {
  checkRoleLinks,
  createPersonWithRoles,
  emailTaken,
  getPersonWithRoles,
  inviteSchema,
  updatePersonRoles,
  updateRolesSchema,
  type PersonWithRoles,
} from "../../domain/people/people";
import { erasePerson } from "../../domain/data/erasure";
import { exportPerson } from "../../domain/data/exports";
import type { ApiContext } from "../context";
import { invalid, notFound } from "../errors";
import { createBody, domainParse, fieldsFrom, updateBody, withoutNulls } from "../input";
import { getOp, listOp, register, valid, writeOp, type ApiApp } from "../ops";
import { keysetPage, type PageParams } from "../pagination";
import { recordSchema } from "../records";
import { json, requireAdmin } from "../scope";
import { versioned } from "./common";

const TAG = "People";
export const PersonRecord = recordSchema("Person", people, {
  extra: { mailOptOuts: z.array(z.string()), coordinatorOf: z.array(z.string()), partnerOrgIds: z.array(z.string()) },
});
const fields = fieldsFrom(inviteSchema.shape, ["name", "email", "locale", "coordinatorOf", "partnerOrgIds"], {
  isAdmin: z.boolean().optional(),
});
const Create = createBody("Person", fields);
const { email: _email, ...updatable } = fields;
const Update = updateBody("Person", updatable);

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

export function peopleRoutes(app: ApiApp) {
  const query = {
    neighbourhoodId: z.string().max(64).optional(),
    erased: z
      .enum(["exclude", "include", "only"])
      .default("exclude")
      .openapi({ description: "Erased (anonymised) people: left out by default." }),
  };
  register(
    app,
    listOp({
      id: "listPeople",
      path: "/people",
      tag: TAG,
      summary: "List people (admin)",
      item: PersonRecord,
      name: "Person",
      query,
      archived: false,
    }),
    async (c) => {
      requireAdmin(c);
      const q = valid<PageParams & { neighbourhoodId?: string; erased: "exclude" | "include" | "only" }>(c, "query");
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
      return json(c, { ...page, data });
    },
  );

  register(
    app,
    getOp({ id: "getPerson", path: "/people/{id}", tag: TAG, summary: "Get a person (admin)", item: PersonRecord }),
    async (c) => json(c, personRecord(await load(c, valid<{ id: string }>(c, "param").id))),
  );

  register(
    app,
    writeOp({
      id: "createPerson",
      method: "post",
      path: "/people",
      tag: TAG,
      summary: "Create a person with roles (admin)",
      description: "No invitation mail is sent.",
      body: Create,
      item: PersonRecord,
      status: 201,
      params: false,
    }),
    async (c) => {
      requireAdmin(c);
      const { db, now, principal } = c.var;
      const input = domainParse(inviteSchema, withoutNulls(valid(c, "json")));
      const errors = await checkRoleLinks(db, input);
      if (await emailTaken(db, input.email)) Object.assign(errors, { email: "form.emailTaken" });
      if (Object.keys(errors).length > 0) throw invalid(errors);
      const id = await createPersonWithRoles(db, input, principal.actorId, now);
      return json(c, personRecord((await getPersonWithRoles(db, id))!), 201);
    },
  );

  register(
    app,
    writeOp({
      id: "updatePerson",
      method: "patch",
      path: "/people/{id}",
      tag: TAG,
      summary: "Change a person's name, language and roles (admin)",
      body: Update,
      item: PersonRecord,
    }),
    async (c) => {
      const { db, now, principal } = c.var;
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      const current = {
        name: before.name,
        locale: before.locale,
        isAdmin: before.isAdmin,
        coordinatorOf: before.coordinatorOf,
        partnerOrgIds: before.partnerOrgIds,
      };
      const input = domainParse(updateRolesSchema, { ...current, ...withoutNulls(valid(c, "json")) });
      const errors = await checkRoleLinks(db, input);
      if (Object.keys(errors).length > 0) throw invalid(errors);
      await versioned(
        () => updatePersonRoles(db, before, input, principal.actorId, now),
        async () => personRecord((await getPersonWithRoles(db, before.id))!),
      );
      return json(c, personRecord((await getPersonWithRoles(db, before.id))!));
    },
  );

  const erasure = writeOp({
    id: "erasePerson",
    method: "post",
    path: "/people/{id}/erasure",
    tag: TAG,
    summary: "Erase a person (admin; final)",
    description:
      "Final. Name, contact details and free text about the person are removed; their involvements stay as anonymous intervals so the year figures do not change; sessions and tokens end. The audit trail records that an erasure happened.",
    item: PersonRecord,
  });
  register(app, erasure, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, valid<{ id: string }>(c, "param").id);
    await erasePerson(db, before.id, principal.actorId, now);
    const row = await db.query.people.findFirst({ where: eq(people.id, before.id) });
    return json(c, personRecord({ ...row!, coordinatorOf: [], partnerOrgIds: [] }));
  });

  register(
    app,
    getOp({
      id: "exportPerson",
      path: "/people/{id}/export",
      tag: TAG,
      summary: "Everything stored about a person, as JSON (admin)",
      item: z.record(z.string(), z.unknown()).openapi("PersonExport"),
    }),
    async (c) => {
      const before = await load(c, valid<{ id: string }>(c, "param").id);
      return json(c, await exportPerson(c.var.db, before.id, c.var.now));
    },
  );
}
