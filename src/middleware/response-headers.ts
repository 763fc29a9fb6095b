// Two headers on the way out, for every response the Worker makes (static files get the same
// Permissions-Policy from public/_headers):
// - Permissions-Policy: the app uses no camera, microphone, location, payment or device access, so
//   no page (nor anything it embeds) may ask for them. `browsing-topics` replaces the old
//   `interest-cohort` (FLoC), which browsers no longer know and warn about.
// - Cache-Control: no-store on what is personal: every page seen while signed in, every API
//   answer, and the pages a mail link opens (they show a person's name and task), so a shared
//   computer's back button or a proxy never shows them to the next person.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "bluetooth=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
].join(", ");

/** Paths that show personal data without a session: API answers and the pages behind mail links. */
const PERSONAL_WITHOUT_SESSION = /^\/(api(\/|$)|mail\/|sign-in\/verify|dev\/)/;

export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const personal = !!c.var.user || PERSONAL_WITHOUT_SESSION.test(c.req.path);
  const cacheControl = c.res.headers.get("cache-control") ?? "";
  const set = (headers: Headers) => {
    headers.set("Permissions-Policy", PERMISSIONS_POLICY);
    if (personal && !/\bno-store\b/i.test(cacheControl)) headers.set("Cache-Control", "no-store");
  };
  try {
    set(c.res.headers);
  } catch {
    // a response with immutable headers (e.g. a fetched one): copy it once
    c.res = new Response(c.res.body, c.res);
    set(c.res.headers);
  }
});
