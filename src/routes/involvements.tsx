import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import {
  checkEnding,
  checkInvolvementLinks,
  createInvolvement,
  DuplicateInvolvementError,
  EmailOfErasedPersonError,
  endInvolvement,
  getInvolvement,
  involvementContract,
  involvementEndingContract,
  involvementOptions,
  loadVolunteersSection,
  newInvolvementContract,
  updateInvolvement,
  type InvolvementFormValues,
  type InvolvementRow,
} from "../domain/people/involvements";
import { renderError } from "./errors";
import { EditInvolvementPage, NewInvolvementPage, VolunteersPage } from "../../views/people/involvement-views";
import { flashRedirect, savedText } from "../middleware/flash";

export const involvementsRoutes = new Hono<AppEnv>();

const BASE = "/initiatives/:initiativeId/involvements";
const initiativePage = (id: string) => `/initiatives/${id}#volunteers`;

/** Reading is open to everyone the gate lets in; forms are for those who may change things. */
function refuseReaders(c: Context<AppEnv>) {
  return c.var.canEdit ? null : renderError(c, 403, "forbidden");
}

involvementsRoutes.get(BASE, async (c) => {
  const { t, db, initiative } = c.var;
  const data = await loadVolunteersSection(db, initiative.id, c.var.today);
  const linkedId = c.req.query("linked");
  const linked = linkedId ? await getInvolvement(db, initiative.id, linkedId) : null;
  const notice = linked?.personEmail ? t("volunteers.linked", { email: linked.personEmail, name: linked.personName }) : undefined;
  return c.render(
    <VolunteersPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      canEdit={c.var.canEdit}
      data={data}
      notice={notice}
    />,
    { title: t("volunteers.pageTitle", { initiative: initiative.name }) },
  );
});

involvementsRoutes.get(`${BASE}/new`, async (c) => {
  const refused = refuseReaders(c);
  if (refused) return refused;
  const { t, db, initiative } = c.var;
  const values = { role: t("volunteers.role.volunteer"), since: c.var.today };
  return c.render(
    <NewInvolvementPage
      t={t}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      options={await involvementOptions(db, initiative)}
      values={values}
      errors={{}}
    />,
    {
      title: t("volunteers.form.newTitle"),
    },
  );
});

involvementsRoutes.post(BASE, async (c) => {
  const { t, db, now, user, initiative } = c.var;
  const body = await c.req.parseBody({ all: true });
  const options = await involvementOptions(db, initiative);
  const parsed = newInvolvementContract.parseForm(body);
  let errors: FieldErrors = parsed.ok ? checkInvolvementLinks(options, parsed.data) : parsed.errors;
  const rerender = () => {
    c.status(422);
    return c.render(
      <NewInvolvementPage
        t={t}
        csrfToken={c.var.csrfToken}
        initiative={initiative}
        options={options}
        values={newInvolvementContract.formValuesFromBody(body)}
        errors={errors}
      />,
      {
        title: t("volunteers.form.newTitle"),
      },
    );
  };
  if (!parsed.ok || Object.keys(errors).length > 0) return rerender();
  try {
    const created = await createInvolvement(db, initiative, parsed.data, user?.id ?? null, now);
    if (created.linked) return c.redirect(`/initiatives/${initiative.id}/involvements?linked=${created.involvementId}`, 303);
  } catch (err) {
    if (err instanceof DuplicateInvolvementError) errors = err.errors;
    else if (err instanceof EmailOfErasedPersonError) errors = { email: "form.emailTaken" };
    else throw err;
    return rerender();
  }
  const name = parsed.data.name ?? options.people.find((p) => p.id === parsed.data.personId)?.name ?? "";
  return flashRedirect(c, initiativePage(initiative.id), savedText(t, "added", "involvement", name));
});

async function editPage(
  c: Context<AppEnv>,
  inv: InvolvementRow,
  opts: {
    status?: 409 | 422;
    values?: InvolvementFormValues;
    errors?: FieldErrors;
    stale?: boolean;
    ending?: { lastDay: string; errors: FieldErrors };
  },
) {
  const { t, db, locale, initiative } = c.var;
  if (opts.status) c.status(opts.status);
  const name = inv.personErased ? t("volunteers.erased") : inv.personName;
  return c.render(
    <EditInvolvementPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      involvement={inv}
      options={await involvementOptions(db, initiative, inv.activityId)}
      values={opts.values ?? involvementContract.formValues(involvementContract.stored(inv), locale)}
      errors={opts.errors ?? {}}
      stale={opts.stale}
      ending={opts.ending ?? { lastDay: c.var.today, errors: {} }}
    />,
    { title: t("volunteers.form.editTitle", { name }) },
  );
}

involvementsRoutes.get(`${BASE}/:id/edit`, async (c) => {
  const refused = refuseReaders(c);
  if (refused) return refused;
  const inv = await getInvolvement(c.var.db, c.var.initiative.id, c.req.param("id"));
  if (!inv) return renderError(c, 404, "notFound");
  return editPage(c, inv, {});
});

involvementsRoutes.post(`${BASE}/:id`, async (c) => {
  const { db, now, user, initiative } = c.var;
  const inv = await getInvolvement(db, initiative.id, c.req.param("id"));
  if (!inv) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = involvementContract.parseFormUpdate(body);
  const options = await involvementOptions(db, initiative, inv.activityId);
  const errors = parsed.ok ? checkInvolvementLinks(options, parsed.data) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0)
    return editPage(c, inv, { status: 422, values: involvementContract.formValuesFromBody(body), errors });
  try {
    await updateInvolvement(db, initiative, inv, parsed.data, user?.id ?? null, now);
  } catch (err) {
    if (err instanceof DuplicateInvolvementError)
      return editPage(c, inv, { status: 422, values: involvementContract.formValuesFromBody(body), errors: err.errors });
    if (!(err instanceof StaleVersionError)) throw err;
    const current = (await getInvolvement(db, initiative.id, inv.id)) ?? inv;
    return editPage(c, current, { status: 409, values: involvementContract.formValuesFromBody(body), stale: true });
  }
  return flashRedirect(c, initiativePage(initiative.id), savedText(c.var.t, "saved", "involvement", inv.personName));
});

involvementsRoutes.post(`${BASE}/:id/ending`, async (c) => {
  const { db, now, user, initiative } = c.var;
  const inv = await getInvolvement(db, initiative.id, c.req.param("id"));
  if (!inv) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody();
  const parsed = involvementEndingContract.parseFormUpdate(body);
  const errors = parsed.ok ? checkEnding(inv, parsed.data) : parsed.errors;
  const lastDay = typeof body.lastDay === "string" ? body.lastDay : "";
  if (!parsed.ok || Object.keys(errors).length > 0) return editPage(c, inv, { status: 422, ending: { lastDay, errors } });
  try {
    await endInvolvement(db, initiative, inv, parsed.data, user?.id ?? null, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    const current = (await getInvolvement(db, initiative.id, inv.id)) ?? inv;
    return editPage(c, current, { status: 409, stale: true, ending: { lastDay, errors: {} } });
  }
  return flashRedirect(c, initiativePage(initiative.id), c.var.t("flash.volunteerEnded", { name: inv.personName }));
});
