// Stand-in for "postal-mime" in the Worker bundle: wrangler.toml aliases `postal-mime` to this file.
//
// The resend SDK imports postal-mime (~110 KiB) for one method only: parsing a *received* email
// in `resend.emails.receiving.forward(...)` (passthrough mode). Wijkonderhoud only sends mail
// (src/mail/deliver.ts uses `emails.send` and `batch.send`) and never receives it through
// Resend, so nothing at runtime reaches this code. Should that ever change, this fails loudly
// instead of silently: remove the alias then.
function notBundled(): never {
  throw new Error("postal-mime is not part of this Worker (see src/shims/postal-mime.ts)");
}

export default class PostalMime {
  static async parse(_email: unknown, _options?: unknown): Promise<never> {
    notBundled();
  }
  async parse(_email: unknown): Promise<never> {
    notBundled();
  }
}

export function addressParser(_value: string, _options?: unknown): never {
  notBundled();
}

export function decodeWords(_value: string): never {
  notBundled();
}
