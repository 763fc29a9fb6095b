// Verifies Resend's webhook signatures (Standard Webhooks / svix format: HMAC-SHA256 over
// "<id>.<timestamp>.<body>" with the base64 secret after "whsec_"). Written out here rather than
// calling the SDK's verify because that one compares with the wall clock; here "now" is an
// argument like everywhere else, so a stale request is refused against the request's own clock.
import { constantTimeEqual } from "../lib/crypto";

/** Requests older or newer than this are refused (replays). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type WebhookHeaders = { id?: string | undefined; timestamp?: string | undefined; signature?: string | undefined };
export type WebhookCheck = { ok: true } | { ok: false; reason: "unconfigured" | "missing" | "stale" | "signature" };

function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes: ArrayBuffer): string {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

export async function verifyWebhook(secret: string, body: string, headers: WebhookHeaders, now: Date): Promise<WebhookCheck> {
  if (!secret) return { ok: false, reason: "unconfigured" };
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing" };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(Math.floor(now.getTime() / 1000) - ts) > WEBHOOK_TOLERANCE_SECONDS)
    return { ok: false, reason: "stale" };
  let keyBytes: Uint8Array;
  try {
    keyBytes = base64ToBytes(secret.startsWith("whsec_") ? secret.slice(6) : secret);
  } catch {
    return { ok: false, reason: "unconfigured" };
  }
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const expected = bytesToBase64(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)));
  // The header may carry several signatures ("v1,<sig> v1,<sig2>") while a secret is rotated.
  for (const part of signature.split(" ")) {
    const [version, sig] = part.split(",");
    if (version === "v1" && sig && constantTimeEqual(sig, expected)) return { ok: true };
  }
  return { ok: false, reason: "signature" };
}
