// A neighbourhood's public page (no sign-in needed) and the switch that publishes it: for admins
// only (publishing speaks for the whole neighbourhood; the gate would also let its coordinators write).
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { loadPublicPage, parsePublication, setPublished } from "../domain/overview/public-page";
import { renderPublicPage } from "./offers-public";
import { renderError } from "./errors";
import { flashRedirect, savedText } from "../middleware/flash";

export const publicPagesRoutes = new Hono<AppEnv>();

publicPagesRoutes.get("/buurt/:slug", async (c) => {
  const page = await loadPublicPage(c.var.db, c.req.param("slug"));
  if (!page) return renderError(c, 404, "notFound");
  // With the form "Dit wil ik doen / dit kan ik" (src/routes/offers-public.tsx).
  return renderPublicPage(c, page);
});

publicPagesRoutes.post("/neighbourhoods/:neighbourhoodId/publication", async (c) => {
  if (!c.var.user?.isAdmin) return renderError(c, 403, "forbidden");
  const hood = c.var.neighbourhood;
  const parsed = parsePublication(await c.req.parseBody());
  if (!parsed.ok) return renderError(c, 422, "badRequest");
  await setPublished(c.var.db, hood, parsed.data.published, c.var.user?.id ?? null, c.var.now);
  const words = parsed.data.published ? "flash.published" : "flash.unpublished";
  return flashRedirect(c, `/neighbourhoods/${hood.id}#public-page`, c.var.t(words));
});
