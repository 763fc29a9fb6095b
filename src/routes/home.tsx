import { Hono } from "hono";
import type { AppEnv } from "../env";
import { rolesOf } from "../domain/auth/access";
import { homeSummary } from "../domain/initiatives/home";
import { HomePage, VisitorPage } from "../../views/home/home-page";

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", async (c) => {
  const { t, user } = c.var;
  if (!user) return c.render(<VisitorPage t={t} />, { title: t("app.name") });
  const summary = await homeSummary(c.var.db, user, c.var.today);
  return c.render(
    <HomePage t={t} locale={c.var.locale} csrfToken={c.var.csrfToken} name={user.name} roles={rolesOf(user)} {...summary} />,
    {
      title: t("home.title"),
    },
  );
});
