import { Hono } from "hono";
import type { AppEnv } from "../env";
import { StaleVersionError } from "../db/versioned";
import { yearOf } from "../lib/dates";
import { safeNext } from "../lib/safe-next";
import {
  createInitiative,
  initiativeContract,
  initiativeStatusContract,
  setInitiativeArchived,
  setInitiativeStatus,
  updateInitiative,
} from "../domain/initiatives/initiatives";
import { loadHistory, loadInitiativePage } from "../domain/initiatives/initiative-page";
import { ArchiveForm, InitiativeForm } from "../../views/initiatives/initiative-forms";
import { InitiativePage } from "../../views/initiatives/initiative-page";
import { StatusForm } from "../../views/initiatives/initiative-header";
import { HistoryPage } from "../../views/initiatives/history-page";
import { RiskBadge } from "../../views/risk/risk-badge";
import { HelpersLink } from "../../views/offers/helpers-link";
import { RiskHistory } from "../../views/risk/risk-history";
import { FundingSection } from "../../views/money/funding-section";
import { TasksSection } from "../../views/tasks/tasks-section";
import { VolunteersSection } from "../../views/people/volunteers-section";
import { BrokenAddresses } from "../../views/mail/broken-addresses";
import { CommitmentsSection } from "../../views/money/commitments-section";
import { YearRings } from "../../views/initiatives/year-rings";
import { InitiativeAssetsSection } from "../../views/assets/initiative-assets-section";
import { DocumentsSection } from "../../views/documents/binder-views";
import { renderError } from "./errors";
import { flashRedirect, savedText } from "../middleware/flash";

export const initiativesRoutes = new Hono<AppEnv>();

initiativesRoutes.get("/neighbourhoods/:neighbourhoodId/initiatives/new", (c) => {
  const t = c.var.t;
  const values = { startedYear: String(yearOf(c.var.today)), status: "active", continuationPlan: "none" };
  return c.render(
    <InitiativeForm
      t={t}
      csrfToken={c.var.csrfToken}
      action={`/neighbourhoods/${c.var.neighbourhood.id}/initiatives`}
      title={t("initiatives.new")}
      values={values}
      errors={{}}
    />,
    { title: t("initiatives.new") },
  );
});

initiativesRoutes.post("/neighbourhoods/:neighbourhoodId/initiatives", async (c) => {
  const { t, db, now, user } = c.var;
  const body = await c.req.parseBody();
  const parsed = initiativeContract.parseForm(body, c.var.today);
  if (!parsed.ok) {
    c.status(422);
    return c.render(
      <InitiativeForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`/neighbourhoods/${c.var.neighbourhood.id}/initiatives`}
        title={t("initiatives.new")}
        values={initiativeContract.formValuesFromBody(body)}
        errors={parsed.errors}
      />,
      { title: t("initiatives.new") },
    );
  }
  const id = await createInitiative(db, c.var.neighbourhood.id, parsed.data, user!.id, now);
  return flashRedirect(c, `/initiatives/${id}`, t("flash.initiativeCreated", { name: parsed.data.name }));
});

initiativesRoutes.get("/initiatives/:initiativeId", async (c) => {
  const { t, db, locale } = c.var;
  const initiative = c.var.initiative;
  const today = c.var.today;
  const {
    overview,
    risk,
    attention,
    moneyEnding,
    assets,
    rings,
    funding,
    commitments,
    commitmentRights,
    tasks,
    volunteers,
    checkins,
    reminders,
    brokenAddresses,
    documents,
  } = await loadInitiativePage(db, initiative, { user: c.var.user, canEdit: c.var.canEdit }, today);
  const section = { t, locale, csrfToken: c.var.csrfToken, initiativeId: initiative.id, canEdit: c.var.canEdit };
  const badges = Object.fromEntries(
    overview.current.map((d) => [
      d.activity.id,
      <>
        <RiskBadge t={t} locale={locale} risk={risk.byActivity[d.activity.id]} />
        <HelpersLink
          t={t}
          initiativeId={initiative.id}
          activityId={d.activity.id}
          risk={risk.byActivity[d.activity.id]}
          canEdit={c.var.canEdit}
        />
      </>,
    ]),
  );
  return c.render(
    <InitiativePage
      riskLevel={overview.current.length ? risk.level : null}
      attention={attention}
      moneyEnding={moneyEnding}
      activityBadges={badges}
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      canEdit={c.var.canEdit}
      initiative={initiative}
      neighbourhood={overview.neighbourhood}
      coordinators={overview.coordinators}
      current={overview.current}
      archived={overview.archived}
    >
      <TasksSection {...section} data={tasks} reminders={reminders} />
      <VolunteersSection {...section} data={volunteers} />
      {c.var.canEdit && (
        <p>
          <a href={`/initiatives/${initiative.id}/imports`}>{t("imports.volunteers.title")}</a>
        </p>
      )}
      {brokenAddresses.length > 0 && <BrokenAddresses t={t} locale={locale} data={brokenAddresses} />}
      <FundingSection {...section} data={funding} documents={documents} />
      <DocumentsSection t={t} locale={locale} initiativeId={initiative.id} canEdit={c.var.canEdit} documents={documents} />
      <CommitmentsSection {...section} data={commitments} ownOrgIds={commitmentRights.orgIds} />
      <YearRings t={t} locale={locale} rings={rings} initiativeId={initiative.id} canEdit={c.var.canEdit} checkins={checkins} />
      <InitiativeAssetsSection {...section} data={assets} />
      <RiskHistory t={t} locale={locale} events={risk.events} />
    </InitiativePage>,
    { title: initiative.name },
  );
});

initiativesRoutes.get("/initiatives/:initiativeId/edit", (c) => {
  const t = c.var.t;
  const i = c.var.initiative;
  return c.render(
    <>
      <InitiativeForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`/initiatives/${i.id}`}
        title={t("initiatives.edit")}
        values={initiativeContract.formValues(initiativeContract.stored(i), c.var.locale)}
        version={i.version}
        errors={{}}
      />
      {!i.archivedAt && (
        <ArchiveForm t={t} csrfToken={c.var.csrfToken} action={`/initiatives/${i.id}/archival`} label={t("initiatives.archive")} />
      )}
    </>,
    { title: t("initiatives.edit") },
  );
});

initiativesRoutes.post("/initiatives/:initiativeId", async (c) => {
  const { t, db, now, user } = c.var;
  const before = c.var.initiative;
  const body = await c.req.parseBody();
  const parsed = initiativeContract.parseFormUpdate(body, c.var.today);
  const form = (status: 409 | 422, errors = {}, stale?: [string, string][]) => {
    c.status(status);
    return c.render(
      <InitiativeForm
        t={t}
        csrfToken={c.var.csrfToken}
        action={`/initiatives/${before.id}`}
        title={t("initiatives.edit")}
        values={initiativeContract.formValuesFromBody(body)}
        version={stale ? before.version : typeof body.version === "string" ? body.version : before.version}
        errors={errors}
        stale={stale}
      />,
      { title: t("initiatives.edit") },
    );
  };
  if (!parsed.ok) return form(422, parsed.errors);
  try {
    await updateInitiative(db, before, parsed.data, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    return form(409, {}, [
      [t("initiatives.name"), before.name],
      [t("initiatives.status"), t(`initiatives.status.${before.status}`)],
      [t("initiatives.continuationPlan"), t(`initiatives.plan.${before.continuationPlan}`)],
      [t("initiatives.purpose"), before.purpose],
    ]);
  }
  return flashRedirect(c, `/initiatives/${before.id}`, savedText(t, "saved", "initiative", parsed.data.name));
});

/** The one-tap status change, from the home page or the initiative page. */
initiativesRoutes.post("/initiatives/:initiativeId/status", async (c) => {
  const { t, db, now, user, locale } = c.var;
  const before = c.var.initiative;
  const body = await c.req.parseBody();
  const parsed = initiativeStatusContract.parseFormUpdate(body);
  const htmx = !!c.req.header("hx-request");
  const next = safeNext(body.next) ?? `/initiatives/${before.id}`;
  if (!parsed.ok) return renderError(c, 422, "badRequest");
  try {
    await setInitiativeStatus(db, before, parsed.data.status, parsed.data.version, user!.id, now);
  } catch (err) {
    if (!(err instanceof StaleVersionError)) throw err;
    if (htmx)
      return c.html(
        <StatusForm
          t={t}
          locale={locale}
          csrfToken={c.var.csrfToken}
          initiative={before}
          next={next}
          notice={{ kind: "error", text: t("initiatives.stale") }}
        />,
        409,
      );
    return flashRedirect(c, next, `${before.name}: ${t("initiatives.stale")}`, "error");
  }
  const saved = t("flash.status", { status: t(`initiatives.status.${parsed.data.status}`) });
  if (!htmx) return flashRedirect(c, next, `${before.name}: ${saved}`);
  const after = { ...before, status: parsed.data.status, statusSince: c.var.today, version: parsed.data.version + 1 };
  return c.html(
    <StatusForm
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      initiative={after}
      next={next}
      notice={{ kind: "success", text: saved }}
    />,
  );
});

initiativesRoutes.post("/initiatives/:initiativeId/archival", async (c) => {
  await setInitiativeArchived(c.var.db, c.var.initiative, true, c.var.user!.id, c.var.now);
  return flashRedirect(c, `/initiatives/${c.var.initiative.id}`, savedText(c.var.t, "archived", "initiative", c.var.initiative.name));
});

initiativesRoutes.post("/initiatives/:initiativeId/restoration", async (c) => {
  await setInitiativeArchived(c.var.db, c.var.initiative, false, c.var.user!.id, c.var.now);
  return flashRedirect(c, `/initiatives/${c.var.initiative.id}`, savedText(c.var.t, "restored", "initiative", c.var.initiative.name));
});

/** The audit trail: for the initiative's coordinators and admins, not for partners. */
initiativesRoutes.get("/initiatives/:initiativeId/history", async (c) => {
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const entries = await loadHistory(c.var.db, c.var.initiative.id);
  return c.render(<HistoryPage t={c.var.t} locale={c.var.locale} initiative={c.var.initiative} entries={entries} />, {
    title: c.var.t("initiatives.history"),
  });
});
