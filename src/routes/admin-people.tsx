import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import {
  checkRoleLinks,
  createPersonWithRoles,
  emailTaken,
  getPersonWithRoles,
  personByEmail,
  listPeopleWithRoles,
  newPersonContract,
  personContract,
  roleOptions,
  updatePersonRoles,
} from "../domain/people/people";
import { countActiveSessions, createLoginToken, endAllSessions } from "../domain/auth/sign-in";
import { audit } from "../domain/audit";
import { StaleVersionError } from "../db/versioned";
import { deliver } from "../mail/deliver";
import { signInMail } from "../mail/sign-in-mail";
import { EditPersonPage, InviteForm, PeopleList } from "../../views/admin/people-views";
import { flashRedirect } from "../middleware/flash";

export const adminPeopleRoutes = new Hono<AppEnv>();
adminPeopleRoutes.use("/admin/people", requireRole("admin"));
adminPeopleRoutes.use("/admin/people/*", requireRole("admin"));

adminPeopleRoutes.get("/admin/people", async (c) => {
  const { t, db } = c.var;
  const [people, options] = await Promise.all([listPeopleWithRoles(db), roleOptions(db)]);
  return c.render(<PeopleList t={t} people={people} options={options} />, { title: t("people.title") });
});

adminPeopleRoutes.get("/admin/people/new", async (c) => {
  const { t, db } = c.var;
  return c.render(<InviteForm t={t} csrfToken={c.var.csrfToken} values={{}} options={await roleOptions(db)} errors={{}} />, {
    title: t("people.new"),
  });
});

adminPeopleRoutes.post("/admin/people", async (c) => {
  const { t, db, now, user } = c.var;
  const body = await c.req.parseBody({ all: true });
  const parsed = newPersonContract.parseForm(body);
  let errors = parsed.ok ? {} : parsed.errors;
  if (parsed.ok) {
    errors = await checkRoleLinks(db, parsed.data);
    // The address is someone's already: offer to give that person the roles chosen here instead.
    const known = Object.keys(errors).length === 0 ? await personByEmail(db, parsed.data.email) : null;
    if (known) {
      c.status(409);
      return c.render(
        <InviteForm
          t={t}
          csrfToken={c.var.csrfToken}
          values={newPersonContract.formValuesFromBody(body)}
          options={await roleOptions(db)}
          errors={{}}
          known={known}
        />,
        { title: t("people.new") },
      );
    }
    if (await emailTaken(db, parsed.data.email)) errors = { ...errors, email: "form.emailTaken" };
  }
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return c.render(
      <InviteForm
        t={t}
        csrfToken={c.var.csrfToken}
        values={newPersonContract.formValuesFromBody(body)}
        options={await roleOptions(db)}
        errors={errors}
      />,
      {
        title: t("people.new"),
      },
    );
  }
  const input = parsed.data;
  const personId = await createPersonWithRoles(db, input, user!.id, now);
  const { id, token } = await createLoginToken(db, personId, "invite", now);
  const link = new URL(`/sign-in/verify?token=${token}`, c.req.url).toString();
  await deliver(
    c.env,
    db,
    signInMail({
      purpose: "invite",
      tokenId: id,
      link,
      person: { id: personId, name: input.name, email: input.email, locale: input.locale },
      inviterName: user!.name,
    }),
    now,
  );
  return flashRedirect(c, "/admin/people", t("people.invite.sent", { email: input.email }));
});

adminPeopleRoutes.get("/admin/people/:id", async (c) => {
  const { t, db, now } = c.var;
  const person = await getPersonWithRoles(db, c.req.param("id"));
  if (!person) return c.notFound();
  return c.render(
    <EditPersonPage
      t={t}
      csrfToken={c.var.csrfToken}
      person={person}
      values={personContract.formValues(personContract.stored(person), c.var.locale)}
      options={await roleOptions(db)}
      errors={{}}
      activeSessions={await countActiveSessions(db, person.id, now)}
    />,
    { title: person.name },
  );
});

adminPeopleRoutes.post("/admin/people/:id", async (c) => {
  const { t, db, now, user } = c.var;
  const person = await getPersonWithRoles(db, c.req.param("id"));
  if (!person) return c.notFound();
  const body = await c.req.parseBody({ all: true });
  const parsed = personContract.parseFormUpdate(body);
  const errors = parsed.ok ? await checkRoleLinks(db, parsed.data) : parsed.errors;
  const rerender = async (status: 409 | 422, stale = false) => {
    c.status(status);
    return c.render(
      <EditPersonPage
        t={t}
        csrfToken={c.var.csrfToken}
        person={person}
        values={personContract.formValuesFromBody(body)}
        options={await roleOptions(db)}
        errors={errors}
        activeSessions={await countActiveSessions(db, person.id, now)}
        stale={stale}
      />,
      { title: person.name },
    );
  };
  if (!parsed.ok || Object.keys(errors).length > 0) return rerender(422);
  try {
    await updatePersonRoles(db, person, parsed.data, user!.id, now);
  } catch (err) {
    if (err instanceof StaleVersionError) return rerender(409, true);
    throw err;
  }
  return flashRedirect(c, `/admin/people/${person.id}`, t("flash.personSaved", { name: parsed.data.name }));
});

adminPeopleRoutes.post("/admin/people/:id/session-revocations", async (c) => {
  const { db, now, user } = c.var;
  const person = await getPersonWithRoles(db, c.req.param("id"));
  if (!person) return c.notFound();
  await db.batch([
    endAllSessions(db, person.id, now),
    audit(db, { actorId: user!.id, entity: "person", entityId: person.id, action: "sessions_ended" }, now),
  ]);
  return flashRedirect(c, `/admin/people/${person.id}`, c.var.t("people.sessions.ended", { name: person.name }));
});
