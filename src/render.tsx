import { jsxRenderer } from "hono/jsx-renderer";
import type { AppEnv } from "./env";
import { Layout } from "../views/layout/layout";
import { rolesOf } from "./domain/access";
import { assetPaths } from "./assets";

declare module "hono" {
  interface ContextRenderer {
    (content: string | Promise<string>, props: { title: string }): Response | Promise<Response>;
  }
}

/** Full pages go through the layout (c.render); htmx fragments use c.html on their own. */
export const renderer = jsxRenderer<AppEnv>(
  ({ children, title }, c) => {
    const user = c.var.user;
    return (
      <Layout
        title={title}
        t={c.var.t}
        locale={c.var.locale}
        csrfToken={c.var.csrfToken}
        path={c.req.path}
        user={user ? { name: user.name, roles: rolesOf(user) } : null}
        showDevLinks={c.env.APP_ENV === "development"}
        assets={assetPaths}
      >
        {children}
      </Layout>
    );
  },
  { docType: true },
);
