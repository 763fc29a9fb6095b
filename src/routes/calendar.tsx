// Calendar subscriptions: the feed itself at its secret address (no sign-in: the address is the
// key), the person's own address on /preferences, and a coordinator's address of one initiative.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { translator } from "../i18n";
import { activeFeed, createFeed, resolveFeed, revokeFeed } from "../domain/calendar/feeds";
import { calendarEvents, type CalendarScope } from "../domain/calendar/events";
import { calendarText } from "../lib/ical";
import { requireSignIn } from "../middleware/require-role";
import { flashRedirect } from "../middleware/flash";
import { renderError } from "./errors";
import { preferencesPage } from "./mail";
import { InitiativeCalendarPage } from "../../views/calendar/calendar-views";

export const calendarRoutes = new Hono<AppEnv>();

const origin = (c: Context<AppEnv>) => new URL(c.req.url).origin;
const feedUrl = (c: Context<AppEnv>, token: string) => `${origin(c)}/calendar/${token}.ics`;
/** The person's own feed: the initiatives they coordinate, the tasks that are theirs, their organisations' dates. */
const personScope = (user: { id: string | null; coordinatorOf: string[]; partnerOrgIds: string[] }): CalendarScope => ({
  initiativeIds: user.coordinatorOf,
  personId: user.id,
  partnerIds: user.partnerOrgIds,
});

calendarRoutes.get("/calendar/:file", async (c) => {
  const file = c.req.param("file");
  const resolved = file.endsWith(".ics") ? await resolveFeed(c.var.db, file.slice(0, -4), c.var.today) : null;
  // Unknown, revoked, or no longer theirs: as if it never existed.
  if (!resolved) return renderError(c, 404, "notFound");
  const { feed, user } = resolved;
  const t = translator(user.locale);
  const scope: CalendarScope = feed.initiativeId ? { initiativeIds: [feed.initiativeId] } : personScope(user);
  const events = await calendarEvents(c.var.db, scope, t, origin(c), c.var.today);
  const name = feed.initiativeId
    ? t("calendar.name.initiative", {
        initiative: (await c.var.db.query.initiatives.findFirst({ where: (i, { eq }) => eq(i.id, feed.initiativeId!) }))?.name ?? "",
      })
    : t("calendar.name.person", { name: user.name });
  return c.body(calendarText({ name, events, now: c.var.now }), 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": 'inline; filename="wijkonderhoud.ics"',
    "Cache-Control": "private, no-store",
  });
});

// ---- the person's own address (/preferences shows it; see src/routes/mail.tsx) ----

calendarRoutes.use("/preferences/calendar/*", requireSignIn);
calendarRoutes.use("/preferences/calendar", requireSignIn);

calendarRoutes.post("/preferences/calendar", async (c) => {
  const user = c.var.user;
  if (!user?.id) return renderError(c, 404, "notFound");
  const { token } = await createFeed(c.var.db, { id: user.id }, null, c.var.now);
  // Shown once: the page is answered directly (never a redirect with the address in it).
  return preferencesPage(c, user.id, "/preferences", feedUrl(c, token));
});

calendarRoutes.post("/preferences/calendar/revocation", async (c) => {
  const user = c.var.user;
  if (!user?.id) return renderError(c, 404, "notFound");
  await revokeFeed(c.var.db, { id: user.id }, null, c.var.now);
  return flashRedirect(c, "/preferences#calendar", c.var.t("calendar.revoked"));
});

// ---- a coordinator's address of one initiative (the scope gate has loaded it) ----

async function initiativePage(c: Context<AppEnv>, newUrl?: string) {
  const { t, db, initiative, user, today } = c.var;
  const [feed, events] = await Promise.all([
    activeFeed(db, user!.id!, initiative.id),
    calendarEvents(db, { initiativeIds: [initiative.id] }, t, origin(c), today),
  ]);
  return c.render(
    <InitiativeCalendarPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      feed={feed}
      newUrl={newUrl}
      upcoming={events.filter((e) => e.date >= today).slice(0, 12)}
    />,
    { title: t("calendar.initiative.title", { initiative: initiative.name }) },
  );
}

/** Coordinators and admins, as people (a feed belongs to someone); readers of the initiative are refused. */
const mayHaveFeed = (c: Context<AppEnv>) => c.var.canEdit && !!c.var.user?.id;

calendarRoutes.get("/initiatives/:initiativeId/calendar", (c) => (mayHaveFeed(c) ? initiativePage(c) : renderError(c, 403, "forbidden")));

calendarRoutes.post("/initiatives/:initiativeId/calendar", async (c) => {
  if (!mayHaveFeed(c)) return renderError(c, 403, "forbidden");
  const { token } = await createFeed(c.var.db, { id: c.var.user!.id! }, c.var.initiative, c.var.now);
  return initiativePage(c, feedUrl(c, token));
});

calendarRoutes.post("/initiatives/:initiativeId/calendar/revocation", async (c) => {
  if (!mayHaveFeed(c)) return renderError(c, 403, "forbidden");
  await revokeFeed(c.var.db, { id: c.var.user!.id! }, c.var.initiative, c.var.now);
  return flashRedirect(c, `/initiatives/${c.var.initiative.id}/calendar`, c.var.t("calendar.revoked"));
});
