// The public side of the neighbourhood's offers: the form on /buurt/:slug ("Dit wil ik doen / dit
// kan ik"), the page that says to look in the mail, and the links in the offers' emails: confirming
// an offer (GET shows it, POST keeps it) and answering an ask to help (GET shows the ask, POST
// answers). No account: the signed links are their own proof. Every POST carries the CSRF token of
// the page it came from.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors } from "../lib/validation";
import { loadPublicPage, type PublicPage } from "../domain/overview/public-page";
import {
  OFFER_LINK_HOURS,
  isBot,
  offerRequestAllowed,
  offerRequestContract,
  readOfferRequest,
  signOfferRequest,
  validateOfferRequest,
  type OfferRequestFormValues,
} from "../domain/offers/offer-requests";
import { confirmOffer, countAccepted, getOffer, offerNeighbourhood } from "../domain/offers/offers";
import { activeTags, listTags, tagLabel } from "../domain/offers/tags";
import { ASK_LINK_DAYS, answerAsk, askState, loadAskContext, parseAnswer, type AskContext } from "../domain/offers/asks";
import { isRoleKey } from "../domain/people/involvements";
import { deliver } from "../mail/deliver";
import { offerConfirmMail } from "../mail/offer-mails";
import { renderError } from "./errors";
import { PublicNeighbourhoodPage } from "../../views/public/public-page";
import { OfferForm, OfferSentPage } from "../../views/offers/offer-form";
import { AskAnswerPage, BadOfferLinkPage, ConfirmOfferPage } from "../../views/offers/link-pages";

type C = Context<AppEnv>;
export const offersPublicRoutes = new Hono<AppEnv>();

const EMPTY_FORM: OfferRequestFormValues = { name: "", email: "", description: "", tagIds: [], frequency: "", consent: false };

/** The public page with the offer form (empty, or as typed with its messages). */
export async function renderPublicPage(c: C, page: PublicPage, values: OfferRequestFormValues = EMPTY_FORM, errors: FieldErrors = {}) {
  const { t, db } = c.var;
  const [tags, offered] = await Promise.all([activeTags(db), countAccepted(db, page.neighbourhood.id)]);
  return c.render(
    <PublicNeighbourhoodPage t={t} page={page}>
      <OfferForm
        t={t}
        locale={c.var.locale}
        csrfToken={c.var.csrfToken}
        slug={page.neighbourhood.slug}
        tags={tags}
        values={values}
        errors={errors}
        offered={offered}
      />
    </PublicNeighbourhoodPage>,
    { title: t("public.title", { name: page.neighbourhood.name }) },
  );
}

offersPublicRoutes.post("/buurt/:slug/offers", async (c) => {
  const { t, db, now } = c.var;
  const page = await loadPublicPage(db, c.req.param("slug"));
  if (!page) return renderError(c, 404, "notFound");
  const sent = `/buurt/${page.neighbourhood.slug}/offers/sent`;
  const body = await c.req.parseBody({ all: true });
  // A bot that filled in the field people never see: answered as if it worked, nothing is sent.
  if (isBot(body)) return c.redirect(sent, 303);
  const parsed = await validateOfferRequest(db, body);
  if (!parsed.ok) {
    c.status(422);
    return renderPublicPage(c, page, offerRequestContract.formValuesFromBody(body), parsed.errors);
  }
  if (!(await offerRequestAllowed(db, parsed.data.email, c.req.header("cf-connecting-ip") ?? "local", now))) {
    c.status(429);
    c.header("Retry-After", "3600");
    return c.render(
      <article>
        <h1>{t("offers.public.title")}</h1>
        <p role="alert" class="error-summary">
          {t("offers.rateLimited")}
        </p>
      </article>,
      { title: t("offers.public.title") },
    );
  }
  const { token, pending } = await signOfferRequest(
    c.env.SESSION_SECRET,
    page.neighbourhood.id,
    parsed.data,
    c.var.locale,
    c.var.today,
    now,
  );
  const link = new URL(`/mail/offers/${token}`, c.req.url).toString();
  await deliver(c.env, db, offerConfirmMail({ pending, hoodName: page.neighbourhood.name, link }), now);
  return c.redirect(sent, 303);
});

offersPublicRoutes.get("/buurt/:slug/offers/sent", async (c) => {
  const page = await loadPublicPage(c.var.db, c.req.param("slug"));
  if (!page) return renderError(c, 404, "notFound");
  return c.render(<OfferSentPage t={c.var.t} hood={page.neighbourhood} hours={OFFER_LINK_HOURS} />, {
    title: c.var.t("offers.sent.title"),
  });
});

// --- confirming an offer --------------------------------------------------------------------------

async function offerLink(c: C) {
  const { t, db, now } = c.var;
  const read = await readOfferRequest(c.env.SESSION_SECRET, c.req.param("token") ?? "", now);
  const hood = read.ok ? await offerNeighbourhood(db, read.pending.neighbourhoodId) : null;
  if (!read.ok || !hood) {
    c.status(read.ok ? 404 : 410);
    const message =
      !read.ok && read.reason === "expired" ? t("offers.confirm.expired", { hours: OFFER_LINK_HOURS }) : t("offers.confirm.invalid");
    return { response: c.render(<BadOfferLinkPage t={t} message={message} />, { title: t("offers.confirm.invalidTitle") }) };
  }
  return { pending: read.pending, hood };
}

offersPublicRoutes.get("/mail/offers/:token", async (c) => {
  const { t, db } = c.var;
  const found = await offerLink(c);
  if ("response" in found) return found.response;
  const { pending, hood } = found;
  const [offer, tags] = await Promise.all([getOffer(db, pending.id), listTags(db)]);
  const state = offer ? (c.req.query("saved") === "1" ? "saved" : "exists") : "confirm";
  return c.render(
    <ConfirmOfferPage
      t={t}
      csrfToken={c.var.csrfToken}
      action={`/mail/offers/${c.req.param("token")}`}
      hood={hood}
      pending={pending}
      tagNames={tags.filter((tag) => pending.tagIds.includes(tag.id)).map((tag) => tagLabel(tag, c.var.locale))}
      state={state}
    />,
    { title: t("offers.confirm.title") },
  );
});

offersPublicRoutes.post("/mail/offers/:token", async (c) => {
  const found = await offerLink(c);
  if ("response" in found) return found.response;
  const result = await confirmOffer(c.var.db, found.pending, c.var.now, c.var.today);
  if (result.state === "notFound") return renderError(c, 404, "notFound");
  return c.redirect(`/mail/offers/${c.req.param("token")}?saved=1`, 303);
});

// --- answering an ask to help -----------------------------------------------------------------------

async function askLink(c: C): Promise<{ ctx: AskContext } | { response: Response | Promise<Response> }> {
  const { t, db, now } = c.var;
  const lookup = await loadAskContext(db, c.env.SESSION_SECRET, c.req.param("token") ?? "", now);
  if (lookup.ok) return { ctx: lookup.context };
  c.status(lookup.reason === "notFound" ? 404 : 410);
  const message = lookup.reason === "expired" ? t("offers.answer.expired", { days: ASK_LINK_DAYS }) : t("offers.answer.invalid");
  return { response: c.render(<BadOfferLinkPage t={t} message={message} />, { title: t("offers.confirm.invalidTitle") }) };
}

function renderAsk(c: C, ctx: AskContext, choice: "yes" | "no", saved: boolean) {
  const { t } = c.var;
  const state = askState(ctx);
  if (state.state === "closed") c.status(409);
  return c.render(
    <AskAnswerPage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      action={`/mail/asks/${c.req.param("token")}`}
      choice={choice}
      ask={{
        activity: ctx.activity.name,
        initiative: ctx.initiative.name,
        role: isRoleKey(ctx.ask.role) ? t(`volunteers.role.${ctx.ask.role}`) : ctx.ask.role,
        rhythm: ctx.activity.rhythm,
        place: ctx.activity.place,
      }}
      state={state}
      saved={saved}
    />,
    { title: t("offers.answer.title") },
  );
}

offersPublicRoutes.get("/mail/asks/:token", async (c) => {
  const found = await askLink(c);
  if ("response" in found) return found.response;
  const choice = parseAnswer(c.req.query("answer"));
  if (!choice) return renderError(c, 400, "badRequest");
  return renderAsk(c, found.ctx, choice, c.req.query("saved") === "1");
});

offersPublicRoutes.post("/mail/asks/:token", async (c) => {
  const body = await c.req.parseBody();
  const found = await askLink(c);
  if ("response" in found) return found.response;
  const choice = parseAnswer(body.answer);
  if (!choice) return renderError(c, 400, "badRequest");
  if (askState(found.ctx).state !== "confirm") return renderAsk(c, found.ctx, choice, false);
  const answered = await answerAsk(c.var.db, found.ctx, choice, c.var.now, c.var.today);
  if (!answered) {
    const again = await loadAskContext(c.var.db, c.env.SESSION_SECRET, c.req.param("token"), c.var.now);
    return again.ok ? renderAsk(c, again.context, choice, false) : renderError(c, 404, "notFound");
  }
  return c.redirect(`/mail/asks/${c.req.param("token")}?answer=${choice}&saved=1`, 303);
});
