// "Dit wil ik doen / dit kan ik": what a resident offers on the neighbourhood's public page. Double
// opt-in: nothing is stored when the form is sent. The offer travels in a signed link that expires
// (OFFER_LINK_HOURS) to the address given; only when that link is used does it become an offer
// (offers.ts, confirmOffer). The form is rate-limited per address and per client and has a field
// that people never see (a bot that fills it in is answered as if it worked, and nothing is sent).
import { and, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { LOCALES, OFFER_FREQUENCIES, offerTags, type Locale } from "../../db/schema";
import type { FieldErrors, Parsed } from "../../lib/validation";
import { defineContract, type FormValues, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { sha256 } from "../../lib/crypto";
import { addMinutes } from "../../lib/time";
import { isDate } from "../../lib/dates";
import { hitRateLimits, type Limit } from "../auth/rate-limit";
import { readLink, signLink, type OfferClaims } from "../mail/tokens";

export type OfferFrequency = (typeof OFFER_FREQUENCIES)[number];

/** The confirmation link works this long. */
export const OFFER_LINK_HOURS = 48;
/** At most this many kinds of help per offer. */
export const MAX_OFFER_TAGS = 8;
/** The text of an offer: long enough to say what, short enough for a link. */
export const OFFER_TEXT_MAX = 500;
export const OFFERS_PER_ADDRESS: Limit = { max: 3, windowSeconds: 60 * 60 };
export const OFFERS_PER_CLIENT: Limit = { max: 10, windowSeconds: 60 * 60 };
/** The field people never see (hidden by the style sheet, skipped by keyboard and screen readers). */
export const HONEYPOT_FIELD = "website";

const consentGiven: Rule<typeof requestFields> = (v) => (v.consent === false ? { consent: "offers.error.consent" } : {});

const requestFields = {
  name: f.requiredText("offers.form.name", 120),
  email: f.requiredEmail("offers.form.email"),
  description: f.requiredText("offers.form.description", OFFER_TEXT_MAX),
  tagIds: f.idList("offers.form.tags", { max: MAX_OFFER_TAGS }),
  frequency: f.choice("offers.form.frequency", OFFER_FREQUENCIES),
  consent: f.checkbox("offers.form.consent"),
};

/** The public form's fields, once. */
export const offerRequestContract = defineContract({ name: "OfferRequest", fields: requestFields, rules: [consentGiven] });
export type OfferRequest = Values<typeof requestFields>;
export type OfferRequestFormValues = FormValues<typeof requestFields>;

/** A bot filled in the field people never see. */
export function isBot(body: Record<string, unknown>): boolean {
  const v = body[HONEYPOT_FIELD];
  return v !== undefined && v !== "";
}

/** Only kinds of help that are on the list now may be ticked. */
export async function checkOfferTags(db: Db, ids: string[]): Promise<FieldErrors> {
  if (ids.length === 0) return {};
  const found = await db
    .select({ id: offerTags.id })
    .from(offerTags)
    .where(and(inArray(offerTags.id, ids), isNull(offerTags.archivedAt)));
  return found.length === new Set(ids).size ? {} : { tagIds: "form.unknownOption" };
}

/** Parses and checks the public form: every message at once. */
export async function validateOfferRequest(db: Db, body: Record<string, unknown>): Promise<Parsed<OfferRequest>> {
  const parsed = offerRequestContract.parseForm(body);
  if (!parsed.ok) return parsed;
  const errors = await checkOfferTags(db, parsed.data.tagIds);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : parsed;
}

/** Counts the request against the limits per address and per client; false when one is used up. */
export async function offerRequestAllowed(db: Db, email: string, client: string, now: Date): Promise<boolean> {
  return hitRateLimits(
    db,
    [
      { key: `offer:address:${await sha256(email)}`, limit: OFFERS_PER_ADDRESS },
      { key: `offer:client:${await sha256(client)}`, limit: OFFERS_PER_CLIENT },
    ],
    now,
  );
}

/** The pending offer, as its confirmation link carries it. `id` becomes the offer's (and its asset's) id. */
export type PendingOffer = {
  id: string;
  neighbourhoodId: string;
  name: string;
  email: string;
  description: string;
  tagIds: string[];
  frequency: OfferFrequency;
  locale: Locale;
  consentOn: string;
  expiresAt: string;
};

/** The signed link's token for this request; nothing is stored. */
export async function signOfferRequest(
  secret: string,
  neighbourhoodId: string,
  input: OfferRequest,
  locale: Locale,
  today: string,
  now: Date,
): Promise<{ token: string; pending: PendingOffer }> {
  const pending: PendingOffer = {
    id: crypto.randomUUID(),
    neighbourhoodId,
    name: input.name,
    email: input.email,
    description: input.description,
    tagIds: input.tagIds,
    frequency: input.frequency,
    locale,
    consentOn: today,
    expiresAt: addMinutes(now, OFFER_LINK_HOURS * 60).toISOString(),
  };
  const claims: OfferClaims = {
    k: "o",
    i: pending.id,
    n: neighbourhoodId,
    nm: pending.name,
    e: pending.email,
    d: pending.description,
    tg: pending.tagIds,
    f: pending.frequency,
    l: locale,
    c: today,
    exp: pending.expiresAt,
  };
  return { token: await signLink(secret, claims), pending };
}

export type ReadOffer = { ok: true; pending: PendingOffer } | { ok: false; reason: "invalid" | "expired" };

/** Checks the link (signature, expiry against `now`) and gives the pending offer it carries. */
export async function readOfferRequest(secret: string, token: string, now: Date): Promise<ReadOffer> {
  const read = await readLink(secret, token, "o", now);
  if (!read.ok) return read;
  const c = read.claims;
  const frequency = (OFFER_FREQUENCIES as readonly string[]).includes(c.f) ? (c.f as OfferFrequency) : null;
  const locale = (LOCALES as readonly string[]).includes(c.l) ? (c.l as Locale) : null;
  if (!frequency || !locale || !isDate(c.c) || !c.nm || !c.e || !c.d) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    pending: {
      id: c.i,
      neighbourhoodId: c.n,
      name: c.nm,
      email: c.e,
      description: c.d,
      tagIds: c.tg,
      frequency,
      locale,
      consentOn: c.c,
      expiresAt: c.exp,
    },
  };
}

/** The message key of an offer's confirmation mail (the outbox sends it at most once). */
export const confirmMailKey = (offerId: string) => `offer_confirm:${offerId}`;
