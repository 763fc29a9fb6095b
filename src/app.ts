import { baseApp } from "./app-base";
import type { Clock } from "./middleware/context";
import { session } from "./middleware/session";
import { locale } from "./middleware/locale";
import { csrf } from "./middleware/csrf";
import { flash } from "./middleware/flash";
import { renderer } from "./render";
import { renderError } from "./routes/errors";
import { authRoutes } from "./routes/auth";
import { homeRoutes } from "./routes/home";
import { localeRoutes } from "./routes/locale";
import { adminPeopleRoutes } from "./routes/admin-people";
import { devOutboxRoutes } from "./routes/dev-outbox";
import { initiativesRoutes } from "./routes/initiatives";
import { activitiesRoutes } from "./routes/activities";
import { tasksRoutes } from "./routes/tasks";
import { fundingsRoutes } from "./routes/fundings";
import { commitmentsRoutes } from "./routes/commitments";
import { facilitiesRoutes } from "./routes/facilities";
import { checkinsRoutes } from "./routes/checkins";
import { involvementsRoutes } from "./routes/involvements";
import { assetsRoutes } from "./routes/assets";
import { neighbourhoodsRoutes } from "./routes/neighbourhoods";
import { adminPartnersRoutes } from "./routes/admin-partners";
import { risksRoutes } from "./routes/risks";
import { overviewRoutes } from "./routes/overview";
import { publicPagesRoutes } from "./routes/public-pages";
import { mailRoutes } from "./routes/mail";
import { dataRightsRoutes } from "./routes/data-rights";
import { API_PREFIX, apiRoute } from "./api/lazy";
import { adminSettingsRoutes } from "./routes/admin-settings";
import { adminRunsRoutes } from "./routes/admin-runs";
import { messagesRoutes } from "./routes/messages";
import { calendarRoutes } from "./routes/calendar";
import { documentsRoutes, uploadLimit } from "./routes/documents";
import { initiativeScope, neighbourhoodScope } from "./middleware/scope";
import { offersPublicRoutes } from "./routes/offers-public";
import { offersRoutes } from "./routes/offers";
import { helpersRoutes } from "./routes/helpers";
import { adminOfferTagsRoutes } from "./routes/admin-offer-tags";

/** Builds the app: middleware in order of need, then one sub-app per resource. */
export function buildApp(options: { clock?: Clock } = {}) {
  const app = baseApp(options.clock);
  // The API authenticates with bearer tokens only (no cookies, so no CSRF surface); the one-click
  // unsubscribe POST (RFC 8058) and the mail provider's webhook come from other sites by design.
  app.all(`${API_PREFIX}/*`, apiRoute);
  // A document upload too large to take is refused on its length before the CSRF check reads the body.
  app.use(session, locale, uploadLimit, csrf({ exempt: ["/mail/unsubscribe", "/webhooks/"] }), flash, renderer);

  app.route("/", homeRoutes);
  app.route("/", authRoutes);
  app.route("/", localeRoutes);
  app.route("/", adminPeopleRoutes);
  // Everything under an initiative or a neighbourhood passes one access gate first. In Hono
  // "/x/:id/*" also matches "/x/:id" itself, so one registration covers the page and below
  // (registering both ran the gate twice). Risk follows a change inside the domain function
  // that makes it (see rejudgeAfterWrite), whichever way the change comes in.
  app.use("/initiatives/:initiativeId/*", initiativeScope);
  app.use("/neighbourhoods/:neighbourhoodId/*", neighbourhoodScope);
  app.route("/", initiativesRoutes);
  app.route("/", activitiesRoutes);
  app.route("/", tasksRoutes);
  app.route("/", fundingsRoutes);
  app.route("/", commitmentsRoutes);
  app.route("/", facilitiesRoutes);
  app.route("/", checkinsRoutes);
  app.route("/", involvementsRoutes);
  app.route("/", messagesRoutes);
  app.route("/", calendarRoutes);
  app.route("/", assetsRoutes);
  app.route("/", documentsRoutes);
  app.route("/", neighbourhoodsRoutes);
  app.route("/", adminPartnersRoutes);
  app.route("/", risksRoutes);
  app.route("/", overviewRoutes);
  app.route("/", publicPagesRoutes);
  app.route("/", offersPublicRoutes);
  app.route("/", offersRoutes);
  app.route("/", helpersRoutes);
  app.route("/", adminOfferTagsRoutes);
  app.route("/", mailRoutes);
  app.route("/", dataRightsRoutes);
  app.route("/", adminSettingsRoutes);
  app.route("/", adminRunsRoutes);
  // Development-only pages do not exist at all in production.
  app.use("/dev/*", async (c, next) => (c.env.APP_ENV === "development" ? next() : renderError(c, 404, "notFound")));
  app.route("/", devOutboxRoutes);

  app.notFound((c) => renderError(c, 404, "notFound"));
  app.onError((err, c) => {
    console.error(err);
    if (!c.var.t) return c.text("Internal error", 500);
    return renderError(c, 500, "server");
  });
  return app;
}
