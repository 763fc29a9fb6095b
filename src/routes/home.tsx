import { Hono } from "hono";
import type { AppEnv } from "../env";
import { rolesOf } from "../domain/auth/access";
import { homeSummary } from "../domain/initiatives/home";
import { loadPartnerHome } from "../domain/overview/partner-home";
import { HomePage, VisitorPage } from "../../views/home/home-page";

export const homeRoutes = new Hono<AppEnv>();

homeRoutes.get("/", async (c) => {
  const { t, user } = c.var;
  if (!user) return c.render(<VisitorPage t={t} />, { title: t("app.name") });
  const today = c.var.today;
  const [summary, partnerHome] = await Promise.all([
    homeSummary(c.var.db, user, today),
    loadPartnerHome(c.var.db, user, today, c.var.locale),
  ]);
  return c.render(
    <HomePage
      t={t}
      locale={c.var.locale}
      csrfToken={c.var.csrfToken}
      name={user.name}
      roles={rolesOf(user)}
      partnerHome={partnerHome}
      {...summary}
    />,
    {
      title: t("home.title"),
    },
  );
});
