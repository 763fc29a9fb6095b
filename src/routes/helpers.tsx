// "Wie kan helpen?" for an activity, and asking a resident with one tap. For the initiative's own
// coordinators and admins only (others who may read the initiative are refused: the page shows
// residents' offers and addresses). The ask is recorded, then mailed at once through the outbox.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { askContract, canMail, createAsk, markUnsent, validateAsk } from "../domain/offers/asks";
import { defaultSearch, loadHelpersPage, rankOffers, searchWords, type Search } from "../domain/offers/matching";
import { getOffer } from "../domain/offers/offers";
import { normaliseRole } from "../domain/people/involvements";
import { deliver } from "../mail/deliver";
import { askMail } from "../mail/offer-mails";
import { flashRedirect } from "../middleware/flash";
import { renderError } from "./errors";
import { HelpersPage } from "../../views/offers/helpers-page";

type C = Context<AppEnv>;
export const helpersRoutes = new Hono<AppEnv>();

const P = "/initiatives/:initiativeId/activities/:activityId";
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []).filter((x) => x.length <= 64).slice(0, 20);

/** The search as the GET form (or an ask's hidden fields) sent it, else what the activity's flags suggest. */
function searchFrom(c: C, fallback: Search): Search {
  const q = c.req.queries();
  if (q.search === undefined && q.role === undefined) return fallback;
  const role = normaliseRole((q.role?.[0] ?? "").slice(0, 60)) || fallback.role;
  return { tagIds: list(q.tag), q: (q.q?.[0] ?? "").slice(0, 200), role, critical: q.critical !== undefined };
}

helpersRoutes.get(`${P}/helpers`, async (c) => {
  const { t, db, initiative } = c.var;
  if (!c.var.canEdit) return renderError(c, 403, "forbidden");
  const data = await loadHelpersPage(db, initiative.id, c.req.param("activityId"), c.var.today);
  if (!data) return renderError(c, 404, "notFound");
  const search = searchFrom(
    c,
    defaultSearch(data.needs, data.tags, `${data.activity.name} ${data.initiative.name} ${data.initiative.purpose}`),
  );
  const ranked = rankOffers(data.offers, { tagIds: search.tagIds, words: searchWords(search.q) });
  return c.render(
    <HelpersPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      initiative={initiative}
      data={data}
      search={search}
      ranked={ranked}
      now={c.var.now}
    />,
    { title: t("offers.helpers.title", { activity: data.activity.name }) },
  );
});

helpersRoutes.post(`${P}/asks`, async (c) => {
  const { t, db, initiative, now, user } = c.var;
  const activityId = c.req.param("activityId");
  const data = await loadHelpersPage(db, initiative.id, activityId, c.var.today);
  if (!data) return renderError(c, 404, "notFound");
  const body = await c.req.parseBody({ all: true });
  const again = new URLSearchParams({ search: "1" });
  for (const id of list(body.tag as string | string[] | undefined)) again.append("tag", id);
  if (typeof body.q === "string" && body.q) again.set("q", body.q);
  const pageUrl = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(again);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `/initiatives/${initiative.id}/activities/${activityId}/helpers?${params.toString()}`;
  };
  const checked = await validateAsk(db, initiative, activityId, askContract.parseForm(body), (id) => getOffer(db, id), now);
  if (!checked.ok) {
    const message = Object.values(checked.errors)[0] ?? "form.invalid";
    return flashRedirect(c, pageUrl(), t(message), "error");
  }
  const { offer, data: input } = checked;
  const back = pageUrl({ role: input.role, ...(input.critical ? { critical: "on" } : {}) });
  const ask = await createAsk(db, initiative, { ...data.activity, initiativeId: initiative.id }, offer, input, user!.id, now);
  const sent =
    canMail(offer.person) && offer.person.email
      ? await deliver(
          c.env,
          db,
          await askMail(
            { secret: c.env.SESSION_SECRET, appUrl: new URL(c.req.url).origin },
            {
              ask,
              person: { id: offer.person.id, name: offer.person.name, email: offer.person.email, locale: offer.person.locale },
              activity: data.activity,
              initiative,
              askerName: user!.name,
              offerText: offer.description,
            },
          ),
          now,
        )
      : { status: "failed" as const };
  if (sent.status === "failed") {
    await markUnsent(db, ask.id);
    return flashRedirect(c, back, t("offers.flash.unsent", { name: offer.person.name }), "error");
  }
  return flashRedirect(c, back, t("offers.flash.asked", { name: offer.person.name }));
});
