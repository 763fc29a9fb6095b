import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import {
  checkRoleLinks,
  createPersonWithRoles,
  emailTaken,
  getPersonWithRoles,
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

export const adminPeopleRoutes = new Hono<AppEnv>();
adminPeopleRoutes.use("/admin/people", requireRole("admin"));
adminPeopleRoutes.use("/admin/people/*", requireRole("admin"));

adminPeopleRoutes.get("/admin/people", async (c) => {
  const { t, db } = c.var;
  const [people, options] = await Promise.all([listPeopleWithRoles(db), roleOptions(db)]);
  const invited = c.req.query("invited");
  return c.render(
    <PeopleList t={t} people={people} options={options} notice={invited ? t("people.invite.sent", { email: invited }) : undefined} />,
    {
      title: t("people.title"),
    },
  );
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
  return c.redirect(`/admin/people?invited=${encodeURIComponent(input.email)}`, 303);
});

adminPeopleRoutes.get("/admin/people/:id", async (c) => {
  const { t, db, now } = c.var;
  const person = await getPersonWithRoles(db, c.req.param("id"));
  if (!person) return c.notFound();
  const notice =
    c.req.query("saved") !== undefined
      ? t("people.saved")
      : c.req.query("ended") !== undefined
        ? t("people.sessions.ended", { name: person.name })
        : undefined;
  return c.render(
    <EditPersonPage
      t={t}
      csrfToken={c.var.csrfToken}
      person={person}
      values={personContract.formValues(personContract.stored(person), c.var.locale)}
      options={await roleOptions(db)}
      errors={{}}
      activeSessions={await countActiveSessions(db, person.id, now)}
      notice={notice}
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
  return c.redirect(`/admin/people/${person.id}?saved`, 303);
});

adminPeopleRoutes.post("/admin/people/:id/session-revocations", async (c) => {
  const { db, now, user } = c.var;
  const person = await getPersonWithRoles(db, c.req.param("id"));
  if (!person) return c.notFound();
  await db.batch([
    endAllSessions(db, person.id, now),
    audit(db, { actorId: user!.id, entity: "person", entityId: person.id, action: "sessions_ended" }, now),
  ]);
  return c.redirect(`/admin/people/${person.id}?ended`, 303);
});
