// Stand-in for "standardwebhooks" in the Worker bundle: wrangler.toml aliases it to this file.
//
// The resend SDK imports it (with a SHA-256 and a base64 library, ~25 KiB) for one method only:
// `resend.webhooks.verify(...)`. We verify Resend's webhook signatures ourselves with WebCrypto
// (src/mail/webhook.ts, against the request's clock), so nothing at runtime reaches this code.
// The tests still sign their webhooks with the real package (vitest.config.ts keeps it for test/).
function notBundled(): never {
  throw new Error("standardwebhooks is not part of this Worker (see src/shims/standardwebhooks.ts)");
}

export class WebhookVerificationError extends Error {}

export class Webhook {
  constructor(_secret: string | Uint8Array, _options?: { format?: "raw" }) {}
  verify(_payload: string, _headers: Record<string, string>): never {
    notBundled();
  }
  sign(_msgId: string, _timestamp: Date, _payload: string): never {
    notBundled();
  }
}
