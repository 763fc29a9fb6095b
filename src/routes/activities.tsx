import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { StaleVersionError } from "../db/versioned";
import {
  activityContract,
  checkFacility,
  createActivity,
  getActivity,
  setActivityArchived,
  updateActivity,
} from "../domain/initiatives/activities";
import { listFacilityOptions as facilityOptions } from "../domain/neighbourhoods/facilities";
import { ActivityForm, ArchiveForm } from "../../views/initiatives/initiative-forms";
import { flashRedirect, savedText } from "../middleware/flash";

export const activitiesRoutes = new Hono<AppEnv>();

const scope = (c: Context<AppEnv>) => ({ initiativeId: c.var.initiative.id, neighbourhoodId: c.var.initiative.neighbourhoodId });
/** Back to the activities on the initiative page, saying what happened to which activity. */
const back = (c: Context<AppEnv>, action: "added" | "saved" | "archived" | "restored", name: string) =>
  flashRedirect(c, `/initiatives/${c.var.initiative.id}#activities`, savedText(c.var.t, action, "activity", name));

activitiesRoutes.get("/initiatives/:initiativeId/activities/new", async (c) => {
  const { t, db } = c.var;
  const i = c.var.initiative;
  return c.render(
    <ActivityForm
      t={t}
      csrfToken={c.var.csrfToken}
      action={`/initiatives/${i.id}/activities`}
      title={t("activities.new")}
      values={{}}
      errors={{}}
      facilities={await facilityOptions(db, i.neighbourhoodId)}
    />,
    { title: t("activities.new") },
  );
});

activitiesRoutes.post("/initiatives/:initiativeId/activities", async (c) => {
  const { t, db, now, user } = c.var;
  const i = c.var.initiative;
  const body = await c.req.parseBody();
  const parsed = activityContract.parseForm(body);
  const errors = parsed.ok ? await checkFacility(db, i.neighbourhoodId, parsed.data.facilityId) : parsed.errors;
  if (!parsed.ok || Object.keys(errors).length > 0) {
    c.status(422);
    return c.render(
      <ActivityForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`/initiatives/${i.id}/activities`}
        title={t("activities.new")}
        values={activityContract.formValuesFromBody(body)}
        errors={errors}
        facilities={await facilityOptions(db, i.neighbourhoodId)}
      />,
      { title: t("activities.new") },
    );
  }
  await createActivity(db, scope(c), parsed.data, user!.id, now);
  return back(c, "added", parsed.data.name);
});

activitiesRoutes.get("/initiatives/:initiativeId/activities/:activityId/edit", async (c) => {
  const { t, db } = c.var;
  const i = c.var.initiative;
  const activity = await getActivity(db, i.id, c.req.param("activityId"));
  if (!activity) return c.notFound();
  const base = `/initiatives/${i.id}/activities/${activity.id}`;
  return c.render(
    <>
      <ActivityForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={base}
        title={t("activities.edit")}
        values={activityContract.formValues(activityContract.stored(activity), c.var.locale)}
        version={activity.version}
        errors={{}}
        facilities={await facilityOptions(db, i.neighbourhoodId)}
      />
      <ArchiveForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`${base}/${activity.archivedAt ? "restoration" : "archival"}`}
        label={t(activity.archivedAt ? "initiatives.restore" : "initiatives.archive")}
      />
    </>,
    { title: t("activities.edit") },
  );
});

activitiesRoutes.post("/initiatives/:initiativeId/activities/:activityId", async (c) => {
  const { t, db, now, user } = c.var;
  const i = c.var.initiative;
  const before = await getActivity(db, i.id, c.req.param("activityId"));
  if (!before) return c.notFound();
  const body = await c.req.parseBody();
  const parsed = activityContract.parseFormUpdate(body);
  const errors = parsed.ok ? await checkFacility(db, i.neighbourhoodId, parsed.data.facilityId) : parsed.errors;
  const form = async (status: 409 | 422, stale?: [string, string][]) => {
    c.status(status);
    return c.render(
      <ActivityForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`/initiatives/${i.id}/activities/${before.id}`}
        title={t("activities.edit")}
        values={activityContract.formValuesFromBody(body)}
        version={stale ? before.version : typeof body.version === "string" ? body.version : ""}
        errors={errors}
        facilities={await facilityOptions(db, i.neighbourhoodId)}
        stale={stale}
      />,
      { title: t("activities.edit") },
    );
  };
  if (!parsed.ok || Object.keys(errors).length > 0) return form(422);
  try {
    await updateActivity(db, scope(c), before, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    return form(409, [
      [t("activities.name"), before.name],
      [t("activities.rhythm"), before.rhythm],
      [t("activities.place"), before.place],
    ]);
  }
  return back(c, "saved", parsed.data.name);
});

for (const [path, archived] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  activitiesRoutes.post(`/initiatives/:initiativeId/activities/:activityId/${path}`, async (c) => {
    const before = await getActivity(c.var.db, c.var.initiative.id, c.req.param("activityId"));
    if (!before) return c.notFound();
    await setActivityArchived(c.var.db, scope(c), before, archived, c.var.user!.id, c.var.now);
    return back(c, archived ? "archived" : "restored", before.name);
  });
}
