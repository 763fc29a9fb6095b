// Admin: neighbourhoods and partner organisations (with the neighbourhoods a partner may read).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireRole } from "../middleware/require-role";
import { StaleVersionError } from "../db/versioned";
import { renderError } from "./errors";
import {
  createNeighbourhood,
  getNeighbourhood,
  listNeighbourhoods,
  neighbourhoodContract,
  setNeighbourhoodArchived,
  updateNeighbourhood,
  validateNeighbourhood,
} from "../domain/neighbourhoods/neighbourhoods";
import {
  createPartner,
  getPartner,
  listPartners,
  neighbourhoodOptions,
  partnerContract,
  setPartnerArchived,
  updatePartner,
  validatePartner,
} from "../domain/people/partners";
import { NeighbourhoodForm, NeighbourhoodsList } from "../../views/admin/neighbourhoods-views";
import { PartnerForm, PartnersList } from "../../views/admin/partners-views";
import { flashRedirect, savedText } from "../middleware/flash";

export const adminPartnersRoutes = new Hono<AppEnv>();
adminPartnersRoutes.use("/admin/partners", requireRole("admin"));
adminPartnersRoutes.use("/admin/partners/*", requireRole("admin"));
adminPartnersRoutes.use("/admin/neighbourhoods", requireRole("admin"));
adminPartnersRoutes.use("/admin/neighbourhoods/*", requireRole("admin"));

// ---- Neighbourhoods ----

adminPartnersRoutes.get("/admin/neighbourhoods", async (c) => {
  const { t, db } = c.var;
  return c.render(<NeighbourhoodsList t={t} csrfToken={c.var.csrfToken} rows={await listNeighbourhoods(db)} />, {
    title: t("adminHood.title"),
  });
});

adminPartnersRoutes.get("/admin/neighbourhoods/new", (c) => {
  const { t } = c.var;
  return c.render(<NeighbourhoodForm t={t} csrfToken={c.var.csrfToken} values={{ name: "", municipality: "", slug: "" }} errors={{}} />, {
    title: t("adminHood.new"),
  });
});

adminPartnersRoutes.post("/admin/neighbourhoods", async (c) => {
  const { t, db, now, user } = c.var;
  const body = await c.req.parseBody();
  const parsed = await validateNeighbourhood(db, body);
  if (!parsed.ok) {
    c.status(422);
    const values = neighbourhoodContract.formValuesFromBody(body);
    return c.render(<NeighbourhoodForm t={t} csrfToken={c.var.csrfToken} values={values} errors={parsed.errors} />, {
      title: t("adminHood.new"),
    });
  }
  await createNeighbourhood(db, parsed.data, user!.id, now);
  return flashRedirect(c, "/admin/neighbourhoods", savedText(t, "added", "neighbourhood", parsed.data.name));
});

adminPartnersRoutes.get("/admin/neighbourhoods/:id/edit", async (c) => {
  const { t, db } = c.var;
  const hood = await getNeighbourhood(db, c.req.param("id"));
  if (!hood) return renderError(c, 404, "notFound");
  const values = neighbourhoodContract.formValues(neighbourhoodContract.stored(hood), c.var.locale);
  return c.render(<NeighbourhoodForm t={t} csrfToken={c.var.csrfToken} values={values} errors={{}} current={hood} />, {
    title: t("adminHood.edit"),
  });
});

adminPartnersRoutes.post("/admin/neighbourhoods/:id", async (c) => {
  const { t, db, now, user } = c.var;
  const hood = await getNeighbourhood(db, c.req.param("id"));
  if (!hood) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody();
  const parsed = await validateNeighbourhood(db, body, hood.id);
  const form = (status: 409 | 422, current = hood, errors = parsed.ok ? {} : parsed.errors) => {
    c.status(status);
    return c.render(
      <NeighbourhoodForm
        t={t}
        csrfToken={c.var.csrfToken}
        values={neighbourhoodContract.formValuesFromBody(body)}
        errors={errors}
        current={current}
        stale={status === 409}
      />,
      { title: t("adminHood.edit") },
    );
  };
  if (!parsed.ok) return form(422);
  try {
    await updateNeighbourhood(db, hood, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    return form(409, (await getNeighbourhood(db, hood.id)) ?? hood);
  }
  return flashRedirect(c, "/admin/neighbourhoods", savedText(t, "saved", "neighbourhood", parsed.data.name));
});

// ---- Partner organisations ----

adminPartnersRoutes.get("/admin/partners", async (c) => {
  const { t, db } = c.var;
  const [rows, hoods] = await Promise.all([listPartners(db), neighbourhoodOptions(db)]);
  return c.render(<PartnersList t={t} csrfToken={c.var.csrfToken} rows={rows} hoods={hoods} />, {
    title: t("partners.title"),
  });
});

adminPartnersRoutes.get("/admin/partners/new", async (c) => {
  const { t, db } = c.var;
  const values = { name: "", kind: "municipality", neighbourhoodIds: [] };
  return c.render(<PartnerForm t={t} csrfToken={c.var.csrfToken} values={values} errors={{}} hoods={await neighbourhoodOptions(db)} />, {
    title: t("partners.new"),
  });
});

adminPartnersRoutes.post("/admin/partners", async (c) => {
  const { t, db, now, user } = c.var;
  const body = await c.req.parseBody({ all: true });
  const parsed = await validatePartner(db, body, false);
  if (!parsed.ok) {
    c.status(422);
    const hoods = await neighbourhoodOptions(db);
    return c.render(
      <PartnerForm
        t={t}
        csrfToken={c.var.csrfToken}
        values={partnerContract.formValuesFromBody(body)}
        errors={parsed.errors}
        hoods={hoods}
      />,
      { title: t("partners.new") },
    );
  }
  await createPartner(db, parsed.data, user!.id, now);
  return flashRedirect(c, "/admin/partners", savedText(t, "added", "partner", parsed.data.name));
});

adminPartnersRoutes.get("/admin/partners/:id/edit", async (c) => {
  const { t, db } = c.var;
  const partner = await getPartner(db, c.req.param("id"));
  if (!partner) return renderError(c, 404, "notFound");
  const hoods = await neighbourhoodOptions(db);
  const values = partnerContract.formValues(partnerContract.stored(partner), c.var.locale);
  return c.render(<PartnerForm t={t} csrfToken={c.var.csrfToken} values={values} errors={{}} hoods={hoods} current={partner} />, {
    title: t("partners.edit"),
  });
});

adminPartnersRoutes.post("/admin/partners/:id", async (c) => {
  const { t, db, now, user } = c.var;
  const partner = await getPartner(db, c.req.param("id"));
  if (!partner) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = await validatePartner(db, body, true);
  const form = async (status: 409 | 422, current = partner, errors = parsed.ok ? {} : parsed.errors) => {
    c.status(status);
    const hoods = await neighbourhoodOptions(db);
    return c.render(
      <PartnerForm
        t={t}
        csrfToken={c.var.csrfToken}
        values={partnerContract.formValuesFromBody(body)}
        errors={errors}
        hoods={hoods}
        current={current}
        stale={status === 409}
      />,
      { title: t("partners.edit") },
    );
  };
  if (!parsed.ok) return form(422);
  try {
    await updatePartner(db, partner, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    return form(409, (await getPartner(db, partner.id)) ?? partner, {});
  }
  return flashRedirect(c, "/admin/partners", savedText(t, "saved", "partner", parsed.data.name));
});

// ---- Archive and restore, for both ----

for (const [path, archive] of [
  ["archival", true],
  ["restoration", false],
] as const) {
  adminPartnersRoutes.post(`/admin/neighbourhoods/:id/${path}`, async (c) => {
    const hood = await getNeighbourhood(c.var.db, c.req.param("id"));
    if (!hood) return renderError(c, 404, "notFound");
    await setNeighbourhoodArchived(c.var.db, hood, archive, c.var.user!.id, c.var.now);
    return flashRedirect(c, "/admin/neighbourhoods", savedText(c.var.t, archive ? "archived" : "restored", "neighbourhood", hood.name));
  });
  adminPartnersRoutes.post(`/admin/partners/:id/${path}`, async (c) => {
    const partner = await getPartner(c.var.db, c.req.param("id"));
    if (!partner) return renderError(c, 404, "notFound");
    await setPartnerArchived(c.var.db, partner, archive, c.var.user!.id, c.var.now);
    return flashRedirect(c, "/admin/partners", savedText(c.var.t, archive ? "archived" : "restored", "partner", partner.name));
  });
}
