// The residents' own data: download it (a person their own; a coordinator their own initiatives;
// admins a whole neighbourhood) and erasure (by the person, signed in and confirmed, or by an admin). Erasure is
// final and the page says so before it runs. API tokens and spreadsheet imports are mounted here too.
import { Hono, type Context } from "hono";
import { deleteCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { requireRole, requireSignIn } from "../middleware/require-role";
import { SESSION_COOKIE } from "../middleware/session";
import { erasePerson } from "../domain/data/erasure";
import { exportNeighbourhood, exportPerson, exportZip } from "../domain/data/exports";
import { exportInitiative } from "../domain/data/initiative-export";
import { withDocumentFiles } from "../domain/documents/document-export";
import { formatDateTime } from "../i18n";
import { renderError } from "./errors";
import { apiTokensRoutes } from "./api-tokens";
import { importsRoutes } from "./imports";
import { ErasureDonePage, ErasurePage, MyDataPage, ExportPage, PersonDataPage } from "../../views/data-rights/data-rights-views";

export const dataRightsRoutes = new Hono<AppEnv>();
dataRightsRoutes.route("/", apiTokensRoutes);
dataRightsRoutes.route("/", importsRoutes);

type C = Context<AppEnv>;

function download(body: string | Uint8Array, type: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, "-")}"`,
      "cache-control": "private, no-store",
    },
  });
}

const jsonFile = (data: unknown, filename: string) => download(JSON.stringify(data, null, 2), "application/json; charset=utf-8", filename);
const confirmed = async (c: C) => (await c.req.parseBody()).confirm === "yes";

// ---- a person's own data ----

/** The signed-in person (not the API-secret bearer, which is nobody). */
function me(c: C) {
  const user = c.var.user;
  return user?.id ? { ...user, id: user.id } : null;
}

dataRightsRoutes.get("/me/data", requireSignIn, (c) => {
  const user = me(c);
  if (!user) return renderError(c, 404, "notFound");
  const t = c.var.t;
  return c.render(<MyDataPage t={t} canManageTokens={user.isAdmin || user.partnerOrgIds.length > 0} />, { title: t("rights.my.title") });
});

dataRightsRoutes.get("/me/export", requireSignIn, async (c) => {
  const user = me(c);
  if (!user) return renderError(c, 404, "notFound");
  return jsonFile(await exportPerson(c.var.db, user.id, c.var.now), `mijn-gegevens-${c.var.today}.json`);
});

dataRightsRoutes.get("/me/erasure", requireSignIn, (c) => {
  if (!me(c)) return renderError(c, 404, "notFound");
  const t = c.var.t;
  return c.render(
    <ErasurePage t={t} csrfToken={c.var.csrfToken} action="/me/erasure" cancel="/me/data" title={t("rights.erase.title")} errors={{}} />,
    {
      title: t("rights.erase.title"),
    },
  );
});

dataRightsRoutes.post("/me/erasure", requireSignIn, async (c) => {
  const user = me(c);
  if (!user) return renderError(c, 404, "notFound");
  const t = c.var.t;
  if (!(await confirmed(c))) {
    c.status(422);
    return c.render(
      <ErasurePage
        t={t}
        csrfToken={c.var.csrfToken}
        action="/me/erasure"
        cancel="/me/data"
        title={t("rights.erase.title")}
        errors={{ confirm: "rights.erase.error.confirm" }}
      />,
      { title: t("rights.erase.title") },
    );
  }
  await erasePerson(c.var.db, user.id, user.id, c.var.now, c.env.DOCUMENTS);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
  return c.redirect("/me/erasure/done", 303);
});

dataRightsRoutes.get("/me/erasure/done", (c) => {
  const t = c.var.t;
  return c.render(<ErasureDonePage t={t} message={t("rights.erase.done.body")} />, { title: t("rights.erase.done.title") });
});

// ---- admins, for anyone ----

dataRightsRoutes.use("/admin/people/:id/data", requireRole("admin"));
dataRightsRoutes.use("/admin/people/:id/export", requireRole("admin"));
dataRightsRoutes.use("/admin/people/:id/erasure", requireRole("admin"));

async function person(c: C) {
  return (await c.var.db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, c.req.param("id") ?? "") })) ?? null;
}

dataRightsRoutes.get("/admin/people/:id/data", async (c) => {
  const p = await person(c);
  if (!p || p.erasedAt) return renderError(c, 404, "notFound");
  return c.render(<PersonDataPage t={c.var.t} personId={p.id} name={p.name} />, { title: p.name });
});

dataRightsRoutes.get("/admin/people/:id/export", async (c) => {
  const p = await person(c);
  if (!p) return renderError(c, 404, "notFound");
  return jsonFile(await exportPerson(c.var.db, p.id, c.var.now), `persoon-${p.id}-${c.var.today}.json`);
});

function adminErasurePage(c: C, p: { id: string; name: string }, errors = {}) {
  const t = c.var.t;
  const title = t("rights.erase.titleOf", { name: p.name });
  return c.render(
    <ErasurePage
      t={t}
      csrfToken={c.var.csrfToken}
      action={`/admin/people/${p.id}/erasure`}
      cancel={`/admin/people/${p.id}`}
      title={title}
      errors={errors}
    />,
    { title },
  );
}

dataRightsRoutes.get("/admin/people/:id/erasure", async (c) => {
  const p = await person(c);
  if (!p) return renderError(c, 404, "notFound");
  const t = c.var.t;
  if (p.erasedAt) {
    return c.render(<ErasureDonePage t={t} message={t("rights.erase.doneOf", { date: formatDateTime(c.var.locale, p.erasedAt) })} />, {
      title: t("rights.erase.done.title"),
    });
  }
  return adminErasurePage(c, p);
});

dataRightsRoutes.post("/admin/people/:id/erasure", async (c) => {
  const p = await person(c);
  if (!p || p.erasedAt) return renderError(c, 404, "notFound");
  if (!(await confirmed(c))) {
    c.status(422);
    return adminErasurePage(c, p, { confirm: "rights.erase.error.confirm" });
  }
  await erasePerson(c.var.db, p.id, c.var.user!.id, c.var.now, c.env.DOCUMENTS);
  return c.redirect(`/admin/people/${p.id}/erasure`, 303);
});

// ---- a neighbourhood's full record: admins only (it holds every person's contact details, the
// whole audit trail and the risk history; the gate lets coordinators and partners read, not this) ----

function adminsOnly(c: C) {
  return c.var.user?.isAdmin ? null : renderError(c, 403, "forbidden");
}

dataRightsRoutes.get("/neighbourhoods/:neighbourhoodId/export", (c) => {
  const refused = adminsOnly(c);
  if (refused) return refused;
  const { t, neighbourhood: hood } = c.var;
  const title = t("rights.export.title", { name: hood.name });
  return c.render(<ExportPage t={t} title={title} intro={t("rights.export.intro")} base={`/neighbourhoods/${hood.id}`} />, { title });
});

dataRightsRoutes.get("/neighbourhoods/:neighbourhoodId/export.json", async (c) => {
  const refused = adminsOnly(c);
  if (refused) return refused;
  const hood = c.var.neighbourhood;
  return jsonFile(await exportNeighbourhood(c.var.db, hood.id, c.var.now), `${hood.slug}-${c.var.today}.json`);
});

dataRightsRoutes.get("/neighbourhoods/:neighbourhoodId/export.zip", async (c) => {
  const refused = adminsOnly(c);
  if (refused) return refused;
  const hood = c.var.neighbourhood;
  const { data, files } = await withDocumentFiles(c.var.db, c.env.DOCUMENTS, await exportNeighbourhood(c.var.db, hood.id, c.var.now));
  const zip = await exportZip(data, files);
  return download(zip, "application/zip", `${hood.slug}-${c.var.today}.zip`);
});

// ---- one initiative's own record: its coordinators and admins (the gate's canEdit), not the
// neighbourhood's other coordinators or partners, who may read the page ----

function editorsOnly(c: C) {
  return c.var.canEdit ? null : renderError(c, 403, "forbidden");
}

const initiativeFile = (c: C, ext: string) => `initiatief-${c.var.initiative.id}-${c.var.today}.${ext}`;

dataRightsRoutes.get("/initiatives/:initiativeId/export", (c) => {
  const refused = editorsOnly(c);
  if (refused) return refused;
  const { t, initiative } = c.var;
  const title = t("rights.export.title", { name: initiative.name });
  return c.render(<ExportPage t={t} title={title} intro={t("rights.export.initiativeIntro")} base={`/initiatives/${initiative.id}`} />, {
    title,
  });
});

dataRightsRoutes.get("/initiatives/:initiativeId/export.json", async (c) => {
  const refused = editorsOnly(c);
  if (refused) return refused;
  return jsonFile(await exportInitiative(c.var.db, c.var.initiative.id, c.var.now), initiativeFile(c, "json"));
});

dataRightsRoutes.get("/initiatives/:initiativeId/export.zip", async (c) => {
  const refused = editorsOnly(c);
  if (refused) return refused;
  const { data, files } = await withDocumentFiles(
    c.var.db,
    c.env.DOCUMENTS,
    await exportInitiative(c.var.db, c.var.initiative.id, c.var.now),
  );
  const zip = await exportZip(data, files);
  return download(zip, "application/zip", initiativeFile(c, "zip"));
});
