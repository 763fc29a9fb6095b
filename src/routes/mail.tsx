// Everything behind the links in emails (answers, preferences, unsubscribe), the signed-in
// preferences page, the mail provider's webhook and the admins' outbox. GETs never change anything;
// the one-click unsubscribe POST and the webhook are exempt from CSRF (they come from elsewhere by
// design) and carry their own proof: a signed link, a signed request.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { parseWith, type FieldErrors } from "../lib/validation";
import { StaleVersionError } from "../db/versioned";
import { requireRole, requireSignIn } from "../middleware/require-role";
import { renderError } from "./errors";
import { answerFromEmail, answerState, loadAnswerContext, parseChoice, type AnswerContext } from "../domain/mail/answers";
import { providerEventSchema, recordProviderEvent } from "../domain/mail/addresses";
import { listOutbox, MAX_SEND_RUNS, parseOutboxFilter } from "../domain/mail/outbox";
import {
  loadPreferences,
  preferencesSchema,
  savePreferences,
  unsubscribe,
  valuesOf,
  type PreferenceValues,
} from "../domain/mail/preferences";
import { activeFeed } from "../domain/calendar/feeds";
import { ANSWER_LINK_DAYS, PREFERENCE_LINK_DAYS, addDaysInstant, readLink, signLink } from "../domain/mail/tokens";
import { verifyWebhook } from "../mail/webhook";
import { AnswerPage, BadAnswerLinkPage } from "../../views/mail-pages/answer-pages";
import { OutboxAdminPage } from "../../views/mail-pages/outbox-page";
import { PreferencesPage, UnsubscribePage } from "../../views/mail-pages/preference-pages";

type C = Context<AppEnv>;
export const mailRoutes = new Hono<AppEnv>();

const today = (c: C) => c.var.today;
const signInHref = (next: string) => `/sign-in?next=${encodeURIComponent(next)}`;

// --- one-click answers ------------------------------------------------------------------------

async function answerContext(c: C): Promise<{ ctx: AnswerContext } | { response: Response | Promise<Response> }> {
  const { t, db, now } = c.var;
  const lookup = await loadAnswerContext(db, c.env.SESSION_SECRET, c.req.param("token") ?? "", now, today(c));
  if (!lookup.ok) {
    c.status(lookup.reason === "notFound" ? 404 : 410);
    const message = lookup.reason === "expired" ? t("mailpage.answer.expired", { days: ANSWER_LINK_DAYS }) : t("mailpage.answer.invalid");
    return {
      response: c.render(<BadAnswerLinkPage t={t} message={message} signInHref={signInHref("/")} />, {
        title: t("mailpage.answer.invalidTitle"),
      }),
    };
  }
  const ctx = lookup.context;
  const taskHref = `/initiatives/${ctx.initiative.id}/tasks/${ctx.task.id}`;
  // Someone signed in as another person: the answer would be recorded in the wrong name.
  if (c.var.user?.id && c.var.user.id !== ctx.person.id) {
    c.status(403);
    return {
      response: c.render(
        <BadAnswerLinkPage
          t={t}
          message={t("mailpage.answer.wrongPerson", { name: c.var.user.name })}
          signInHref={signInHref(taskHref)}
          taskHref={taskHref}
        />,
        {
          title: t("mailpage.answer.invalidTitle"),
        },
      ),
    };
  }
  return { ctx };
}

function renderAnswer(c: C, ctx: AnswerContext, choice: ReturnType<typeof parseChoice> & string, saved: boolean) {
  const { t, locale } = c.var;
  const state = answerState(ctx, choice, today(c));
  const taskHref = `/initiatives/${ctx.initiative.id}/tasks/${ctx.task.id}`;
  if (state.state === "meanwhile" || state.state === "nothingDue") c.status(409);
  if (state.state === "notLinked") c.status(403);
  return c.render(
    <AnswerPage
      t={t}
      locale={locale}
      csrfToken={c.var.csrfToken}
      action={`/mail/answers/${c.req.param("token")}`}
      choice={choice}
      task={{ title: ctx.task.title, initiativeName: ctx.initiative.name, dueOn: ctx.claims.o, href: taskHref }}
      state={state}
      saved={saved}
      signInHref={signInHref(taskHref)}
    />,
    { title: t("mailpage.answer.title") },
  );
}

mailRoutes.get("/mail/answers/:token", async (c) => {
  const found = await answerContext(c);
  if ("response" in found) return found.response;
  const choice = parseChoice(c.req.query("answer"));
  if (!choice) return renderError(c, 400, "badRequest");
  return renderAnswer(c, found.ctx, choice, c.req.query("saved") === "1");
});

mailRoutes.post("/mail/answers/:token", async (c) => {
  const body = await c.req.parseBody();
  const found = await answerContext(c);
  if ("response" in found) return found.response;
  const choice = parseChoice(body.answer);
  if (!choice) return renderError(c, 400, "badRequest");
  const ctx = found.ctx;
  if (answerState(ctx, choice, today(c)).state !== "confirm") return renderAnswer(c, ctx, choice, false);
  const outcome = await answerFromEmail(c.var.db, ctx, choice, c.var.now, today(c));
  if (!outcome.ok) {
    const again = await loadAnswerContext(c.var.db, c.env.SESSION_SECRET, c.req.param("token"), c.var.now, today(c));
    return again.ok ? renderAnswer(c, again.context, choice, false) : renderError(c, 404, "notFound");
  }
  // Post/redirect/get: the page then shows the answer as this link's (used) answer.
  return c.redirect(`/mail/answers/${c.req.param("token")}?answer=${choice}&saved=1`, 303);
});

// --- preferences ------------------------------------------------------------------------------

/**
 * The preferences page. Signed in (`/preferences`), it also manages the person's calendar
 * address (src/routes/calendar.tsx); `newFeedUrl` is that address right after it was made.
 */
export async function preferencesPage(c: C, personId: string, action: string, newFeedUrl?: string) {
  const { t, db } = c.var;
  const prefs = await loadPreferences(db, personId);
  if (!prefs) return renderError(c, 404, "notFound");
  const calendar = action === "/preferences" ? { feed: await activeFeed(db, personId, null), newUrl: newFeedUrl } : undefined;
  return c.render(
    <PreferencesPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      action={action}
      prefs={prefs}
      values={valuesOf(prefs)}
      errors={{}}
      version={prefs.version}
      saved={c.req.query("saved") === "1"}
      calendar={calendar}
    />,
    { title: t("mailpage.prefs.title") },
  );
}

async function savePreferencesForm(c: C, personId: string, action: string) {
  const { t, db, now } = c.var;
  const prefs = await loadPreferences(db, personId);
  if (!prefs) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const parsed = parseWith(preferencesSchema, body);
  const typed: PreferenceValues = {
    digest: typeof body.digest === "string" ? body.digest : "",
    wanted: (Array.isArray(body.wanted) ? body.wanted : body.wanted ? [body.wanted] : []).filter((x): x is string => typeof x === "string"),
  };
  const page = (status: 409 | 422, errors: FieldErrors, stale: boolean, version: number) => {
    c.status(status);
    return c.render(
      <PreferencesPage
        t={t}
        locale={c.var.locale}
        csrfToken={c.var.csrfToken}
        action={action}
        prefs={prefs}
        values={typed}
        errors={errors}
        version={version}
        stale={stale}
      />,
      {
        title: t("mailpage.prefs.title"),
      },
    );
  };
  if (!parsed.ok) return page(422, parsed.errors, false, Number(body.version) > 0 ? Number(body.version) : prefs.version);
  try {
    await savePreferences(db, prefs, parsed.data, c.var.user?.id ?? personId, now, today(c));
  } catch (err) {
    if (err instanceof StaleVersionError) return page(409, {}, true, prefs.version);
    throw err;
  }
  return c.redirect(`${action}?saved=1`, 303);
}

mailRoutes.use("/preferences", requireSignIn);
mailRoutes.get("/preferences", (c) =>
  c.var.user?.id ? preferencesPage(c, c.var.user.id, "/preferences") : renderError(c, 404, "notFound"),
);
mailRoutes.post("/preferences", (c) =>
  c.var.user?.id ? savePreferencesForm(c, c.var.user.id, "/preferences") : renderError(c, 404, "notFound"),
);

async function preferenceLink(c: C) {
  const read = await readLink(c.env.SESSION_SECRET, c.req.param("token") ?? "", "m", c.var.now);
  if (read.ok) return read.claims.p;
  const t = c.var.t;
  c.status(410);
  return c.render(
    <BadAnswerLinkPage
      t={t}
      message={read.reason === "expired" ? t("mailpage.answer.expired", { days: PREFERENCE_LINK_DAYS }) : t("mailpage.answer.invalid")}
      signInHref={signInHref("/preferences")}
    />,
    { title: t("mailpage.answer.invalidTitle") },
  );
}

mailRoutes.get("/mail/preferences/:token", async (c) => {
  const person = await preferenceLink(c);
  return typeof person === "string" ? preferencesPage(c, person, `/mail/preferences/${c.req.param("token")}`) : person;
});
mailRoutes.post("/mail/preferences/:token", async (c) => {
  const person = await preferenceLink(c);
  return typeof person === "string" ? savePreferencesForm(c, person, `/mail/preferences/${c.req.param("token")}`) : person;
});

// --- unsubscribe (RFC 8058 one-click: the POST needs nothing but the signed link) -------------

async function unsubscribePage(c: C, done: boolean) {
  const { t, db, now } = c.var;
  const token = c.req.param("token") ?? "";
  const read = await readLink(c.env.SESSION_SECRET, token, "u", now);
  if (!read.ok) {
    c.status(410);
    return c.render(<BadAnswerLinkPage t={t} message={t("mailpage.answer.invalid")} signInHref={signInHref("/preferences")} />, {
      title: t("mailpage.answer.invalidTitle"),
    });
  }
  if (done && !(await unsubscribe(db, read.claims.p, read.claims.c, now, today(c)))) return renderError(c, 404, "notFound");
  const preferences = await signLink(c.env.SESSION_SECRET, {
    k: "m",
    p: read.claims.p,
    exp: addDaysInstant(now.toISOString(), PREFERENCE_LINK_DAYS),
  });
  return c.render(
    <UnsubscribePage
      t={t}
      action={`/mail/unsubscribe/${token}`}
      categories={read.claims.c}
      preferencesHref={`/mail/preferences/${preferences}`}
      done={done}
    />,
    { title: t("mailpage.unsub.title") },
  );
}

mailRoutes.get("/mail/unsubscribe/:token", (c) => unsubscribePage(c, false));
mailRoutes.post("/mail/unsubscribe/:token", (c) => unsubscribePage(c, true));

// --- the Resend webhook -------------------------------------------------------------------------

mailRoutes.post("/webhooks/resend", async (c) => {
  const raw = await c.req.text();
  const header = (name: string) => c.req.header(`svix-${name}`) ?? c.req.header(`webhook-${name}`);
  const check = await verifyWebhook(
    c.env.RESEND_WEBHOOK_SECRET ?? "",
    raw,
    { id: header("id"), timestamp: header("timestamp"), signature: header("signature") },
    c.var.now,
  );
  if (!check.ok) return c.json({ error: check.reason }, check.reason === "unconfigured" ? 503 : 401);
  let event;
  try {
    event = providerEventSchema.safeParse(JSON.parse(raw));
  } catch {
    return c.json({ error: "malformed" }, 400);
  }
  if (!event.success) return c.json({ error: "malformed" }, 400);
  const fresh = await recordProviderEvent(c.var.db, header("id")!, event.data, c.var.now);
  return c.json({ ok: true, duplicate: !fresh });
});

// --- the admins' outbox --------------------------------------------------------------------------

mailRoutes.use("/admin/outbox", requireRole("admin"));
mailRoutes.get("/admin/outbox", async (c) => {
  const { t, db, locale } = c.var;
  const filter = parseOutboxFilter(c.req.query());
  return c.render(
    <OutboxAdminPage t={t} locale={locale} filter={filter} rows={await listOutbox(db, filter)} maxAttempts={MAX_SEND_RUNS} />,
    {
      title: t("mailpage.outbox.title"),
    },
  );
});
