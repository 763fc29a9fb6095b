// Residents' offers (admins only: they carry residents' names and addresses), a coordinator's
// decision on one, asking a resident to help an activity (the same check and mail as the page), and
// the kinds of help on the public form (readable by every token; added by admins).
import { and, eq } from "drizzle-orm";
import { createRoute } from "@hono/zod-openapi";
import * as z from "zod";
import { activities, helpAsks, offerTags, offers, OFFER_FREQUENCIES, OFFER_STATUSES } from "../../db/schema";
import { StaleVersionError } from "../../db/versioned";
import { decideOffer, getOffer, offersByIds, type OfferView } from "../../domain/offers/offers";
import { askContract, createAsk, markUnsent, validateAsk } from "../../domain/offers/asks";
import { checkTag, createTag, getTag, offerTagContract } from "../../domain/offers/tags";
import { deliver } from "../../mail/deliver";
import { askMail } from "../../mail/offer-mails";
import type { ApiContext } from "../context";
import { ApiError, invalid, notFound, stale } from "../errors";
import { changed, found, idParams, jsonBody, listed, listQuery, op, type ApiApp } from "../ops";
import { archivedWhere, keysetPage } from "../pagination";
import { recordSchema } from "../records";
import { byId, findInitiative, requireAdmin, today } from "../scope";
import { accepted, version } from "./common";

const TAG = "Offers";

export const OfferRecord = z
  .object({
    id: z.string().openapi({ description: "The offer's id, which is also its resident-gift asset's id." }),
    neighbourhoodId: z.string(),
    status: z.enum(OFFER_STATUSES).openapi({ description: "waiting (for a coordinator), accepted (in the asset register), declined." }),
    frequency: z.enum(OFFER_FREQUENCIES),
    name: z.string().openapi({ description: "The asset's name: the start of what they wrote." }),
    description: z.string().openapi({ description: "What they offer, in their words." }),
    tagIds: z.array(z.string()).openapi({ description: "The kinds of help they ticked (see /tags)." }),
    personId: z.string(),
    personName: z.string(),
    email: z.string().nullable(),
    consentOn: z.string().openapi({ format: "date" }),
    confirmedAt: z.string().openapi({ format: "date-time" }),
    decidedAt: z.string().nullable().openapi({ format: "date-time" }),
    inRegister: z.boolean().openapi({ description: "Accepted and not archived from the asset register: it can be asked." }),
    version: z.number().int(),
  })
  .openapi("Offer");

const HelpAskRecord = recordSchema("HelpAsk", helpAsks);
const OfferTagRecord = recordSchema("OfferTag", offerTags);

const record = (o: OfferView): z.output<typeof OfferRecord> => ({
  id: o.id,
  neighbourhoodId: o.neighbourhoodId,
  status: o.status,
  frequency: o.frequency,
  name: o.name,
  description: o.description,
  tagIds: [...o.tagIds].sort(),
  personId: o.person.id,
  personName: o.person.name,
  email: o.person.email,
  consentOn: o.consentOn,
  confirmedAt: o.confirmedAt,
  decidedAt: o.decidedAt,
  inRegister: o.status === "accepted" && !o.archived,
  version: o.version,
});

async function load(c: ApiContext, id: string): Promise<OfferView> {
  requireAdmin(c);
  const offer = await getOffer(c.var.db, id);
  if (!offer) throw notFound();
  return offer;
}

const DecisionBody = z
  .strictObject({ decision: z.enum(["accept", "decline"]), version: version().optional() })
  .openapi("OfferDecision", { description: "accept: into the asset register; decline: archived. Send the version you read." });

export function registerOffersApi(app: ApiApp) {
  const list = createRoute({
    ...op("get", "/offers", { id: "listOffers", tag: TAG, summary: "List residents' offers (admin)" }),
    request: {
      query: listQuery({ neighbourhoodId: z.string().max(64).optional(), status: z.enum(OFFER_STATUSES).optional() }, false),
    },
    responses: listed("Offer", OfferRecord),
  });
  app.openapi(list, async (c) => {
    requireAdmin(c);
    const q = c.req.valid("query");
    const where = and(
      q.neighbourhoodId ? eq(offers.neighbourhoodId, q.neighbourhoodId) : undefined,
      q.status ? eq(offers.status, q.status) : undefined,
    );
    const page = await keysetPage(c.var.db, offers, where, q);
    const views = await offersByIds(
      c.var.db,
      page.data.map((o) => o.id),
    );
    return c.json({ data: views.map(record), nextCursor: page.nextCursor }, 200);
  });

  const get = createRoute({
    ...op("get", "/offers/{id}", { id: "getOffer", tag: TAG, summary: "Get a resident's offer (admin)" }),
    request: { params: idParams },
    responses: found(OfferRecord),
  });
  app.openapi(get, async (c) => c.json(record(await load(c, c.req.valid("param").id)), 200));

  const decide = createRoute({
    ...op("post", "/offers/{id}/decision", {
      id: "decideOffer",
      tag: TAG,
      summary: "Accept or decline a resident's offer (admin)",
    }),
    request: { params: idParams, body: jsonBody(DecisionBody) },
    responses: changed(OfferRecord),
  });
  app.openapi(decide, async (c) => {
    const { db, now, principal } = c.var;
    const before = await load(c, c.req.valid("param").id);
    const body = c.req.valid("json");
    try {
      await decideOffer(db, before, body.decision, body.version, principal.actorId, now, today(c));
    } catch (err) {
      if (err instanceof StaleVersionError) throw stale(record((await getOffer(db, before.id)) ?? before));
      throw err;
    }
    return c.json(record((await getOffer(db, before.id))!), 200);
  });

  const ask = createRoute({
    ...op("post", "/activities/{id}/asks", {
      id: "askToHelp",
      tag: TAG,
      summary: "Ask a resident with an accepted offer to help this activity (admin)",
      description:
        "Records the ask and mails the resident at once, with one-click answers (yes makes the involvement with this role and clears the activity's people flags when it should).",
    }),
    request: { params: idParams, body: jsonBody(askContract.createBody({}, "HelpAskCreate")) },
    responses: changed(HelpAskRecord, 201),
  });
  app.openapi(ask, async (c) => {
    const { db, now, principal } = c.var;
    const activity = await byId(db, activities, c.req.valid("param").id);
    requireAdmin(c);
    const initiative = await findInitiative(db, activity.initiativeId);
    if (!initiative) throw notFound();
    const checked = await validateAsk(
      db,
      initiative,
      activity.id,
      askContract.fromJson(c.req.valid("json")),
      (id) => getOffer(db, id),
      now,
    );
    if (!checked.ok) throw invalid(checked.errors);
    const row = await createAsk(db, initiative, activity, checked.offer, checked.data, principal.actorId, now);
    const person = checked.offer.person;
    const mail = await askMail(
      { secret: c.env.SESSION_SECRET, appUrl: new URL(c.req.url).origin },
      {
        ask: row,
        person: { id: person.id, name: person.name, email: person.email!, locale: person.locale },
        activity,
        initiative,
        askerName: principal.user.id ? principal.user.name : null,
        offerText: checked.offer.description,
      },
    );
    const sent = await deliver(c.env, db, mail, now);
    if (sent.status === "failed") {
      await markUnsent(db, row.id);
      throw new ApiError(409, "conflict");
    }
    return c.json(row, 201);
  });

  const tags = createRoute({
    ...op("get", "/tags", { id: "listOfferTags", tag: TAG, summary: "List the kinds of help residents can tick when they offer to help" }),
    request: { query: listQuery({}) },
    responses: listed("OfferTag", OfferTagRecord),
  });
  app.openapi(tags, async (c) => {
    const q = c.req.valid("query");
    return c.json(await keysetPage(c.var.db, offerTags, archivedWhere(offerTags.archivedAt, q.archived), q), 200);
  });

  const addTag = createRoute({
    ...op("post", "/tags", { id: "createOfferTag", tag: TAG, summary: "Add a kind of help to the public offer form (admin)" }),
    request: { body: jsonBody(offerTagContract.createBody()) },
    responses: changed(OfferTagRecord, 201),
  });
  app.openapi(addTag, async (c) => {
    const { db, now, principal } = c.var;
    requireAdmin(c);
    const input = accepted(await checkTag(db, offerTagContract.fromJson(c.req.valid("json"))));
    const id = await createTag(db, input, principal.actorId, now);
    return c.json((await getTag(db, id))!, 201);
  });
}
