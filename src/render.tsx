import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import type { AppEnv } from "./env";
import { Layout } from "../views/layout/layout";
import { rolesOf } from "./domain/auth/access";
import { staticFiles } from "./static-files";
import { consumeFlash } from "./middleware/flash";
import { withPage } from "../views/components/page-context";

declare module "hono" {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/**
 * Full pages go through the layout (c.render); htmx fragments use c.html on their own.
 * (What hono/jsx-renderer does for us, without its streaming and client-side JSX code, which
 * made up a tenth of the bundle's hono.)
 */
export const renderer = createMiddleware<AppEnv>(async (c, next) => {
  c.setRenderer((content, { title }) => {
    const user = c.var.user;
    // The status set so far (c.status before c.render): a failed page says so in its title.
    const failed = c.newResponse(null).status >= 400;
    const flash = failed ? null : consumeFlash(c);
    // The page's shared state (its flash, its fields' labels) while it renders.
    return withPage({ flash, labels: new Map() }, () =>
      c.html(
        html`<!DOCTYPE html>${(
            <Layout
              title={title}
              failed={failed}
              t={c.var.t}
              locale={c.var.locale}
              csrfToken={c.var.csrfToken}
              path={c.req.path}
              user={user ? { name: user.name, roles: rolesOf(user) } : null}
              showDevLinks={c.env.APP_ENV === "development"}
              assets={staticFiles}
            >
              {content}
            </Layout>
          )}`,
      ),
    );
  });
  await next();
});
