// Signed links in emails, for people who may have no account: answering one task occurrence,
// managing one's mail preferences, unsubscribing from categories. A link is its own proof:
// "v1.<claims>.<HMAC-SHA256>" with SESSION_SECRET (domain-separated from other signatures).
// Rendering the same email again gives the same links (no randomness, the dates come from the
// outbox row), so a retried batch is byte-for-byte the same request.
import * as z from "zod";
import { MAIL_CATEGORIES } from "../../db/schema";
import { base64url, constantTimeEqual } from "../../lib/crypto";
import { isDate } from "../../lib/dates";
import { addDaysToInstant } from "../../lib/time";

export type MailCategory = (typeof MAIL_CATEGORIES)[number];

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Answer links work this long after the email was made. */
export const ANSWER_LINK_DAYS = 60;
/** Unsubscribe and preference links work this long. */
export const PREFERENCE_LINK_DAYS = 365;

const claimsSchema = z.discriminatedUnion("k", [
  // one task occurrence (task t, due date o) for one person p, issued at iat
  z.object({
    k: z.literal("a"),
    p: z.string().min(1),
    t: z.string().min(1),
    o: z.string().refine(isDate),
    iat: z.string(),
    exp: z.string(),
  }),
  // unsubscribe person p from categories c
  z.object({ k: z.literal("u"), p: z.string().min(1), c: z.array(z.enum(MAIL_CATEGORIES)).min(1), exp: z.string() }),
  // manage the preferences of person p
  z.object({ k: z.literal("m"), p: z.string().min(1), exp: z.string() }),
  // an offer from the public page, not stored until this link is used (double opt-in): the offer's
  // id i, neighbourhood n, name nm, email e, text d, kinds of help tg, how often f, language l,
  // consent given on c (src/domain/offers/offer-requests.ts)
  z.object({
    k: z.literal("o"),
    i: z.string().min(1),
    n: z.string().min(1),
    nm: z.string(),
    e: z.string(),
    d: z.string(),
    tg: z.array(z.string()).max(20),
    f: z.string(),
    l: z.string(),
    c: z.string().refine(isDate),
    exp: z.string(),
  }),
  // ask a (help_asks row) to person p: answered yes or no (src/domain/offers/asks.ts)
  z.object({ k: z.literal("h"), a: z.string().min(1), p: z.string().min(1), exp: z.string() }),
]);
export type LinkClaims = z.output<typeof claimsSchema>;
export type AnswerClaims = Extract<LinkClaims, { k: "a" }>;
export type UnsubscribeClaims = Extract<LinkClaims, { k: "u" }>;
export type PreferenceClaims = Extract<LinkClaims, { k: "m" }>;
export type OfferClaims = Extract<LinkClaims, { k: "o" }>;
export type AskClaims = Extract<LinkClaims, { k: "h" }>;

/** Longer than any link we make (an offer's link carries its text): a bound on the work a forged one costs. */
const MAX_TOKEN_LENGTH = 8000;

/** Imports the HMAC key once per secret: a send step signs many links. */
const keys = new Map<string, Promise<CryptoKey>>();
function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(`mail-link:${secret}`), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return key;
}

async function signature(secret: string, body: string): Promise<string> {
  return base64url(await crypto.subtle.sign("HMAC", await keyFor(secret), encoder.encode(body)));
}

function fromBase64url(s: string): string {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  return decoder.decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

export function addDaysInstant(instant: string, days: number): string {
  return addDaysToInstant(new Date(instant), days).toISOString();
}

export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  const body = base64url(encoder.encode(JSON.stringify(claims)));
  return `v1.${body}.${await signature(secret, body)}`;
}

export type ReadLink<K extends LinkClaims["k"]> =
  { ok: true; claims: Extract<LinkClaims, { k: K }> } | { ok: false; reason: "invalid" | "expired" };

/** Checks signature, shape, kind and expiry (against `now`, never the wall clock). */
export async function readLink<K extends LinkClaims["k"]>(secret: string, token: string, kind: K, now: Date): Promise<ReadLink<K>> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== "v1" || !parts[1] || !parts[2] || token.length > MAX_TOKEN_LENGTH)
    return { ok: false, reason: "invalid" };
  const expected = await signature(secret, parts[1]);
  if (!constantTimeEqual(parts[2], expected)) return { ok: false, reason: "invalid" };
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64url(parts[1]));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = claimsSchema.safeParse(raw);
  if (!parsed.success || parsed.data.k !== kind) return { ok: false, reason: "invalid" };
  const exp = Date.parse(parsed.data.exp);
  if (!Number.isFinite(exp) || exp <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims: parsed.data as Extract<LinkClaims, { k: K }> };
}
