import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { ErrorPage, type ErrorKind } from "../../views/errors/error-page";

/** Error pages in the site's own style; htmx requests get just the message. */
export function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, kind: ErrorKind) {
  const t = c.var.t;
  c.status(status);
  if (c.req.header("hx-request")) return c.html(<ErrorPage t={t} kind={kind} />, status);
  return c.render(<ErrorPage t={t} kind={kind} />, { title: t(`error.${kind}.title`) });
}
