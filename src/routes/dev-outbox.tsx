import { Hono } from "hono";
import { desc } from "drizzle-orm";
import type { AppEnv } from "../env";
import { outbox } from "../db/schema";
import { OutboxPage } from "../../views/dev/outbox-page";

/** Development only (mounted when APP_ENV=development): the mail the app would have sent. */
export const devOutboxRoutes = new Hono<AppEnv>();

devOutboxRoutes.get("/dev/outbox", async (c) => {
  const { t, db, locale } = c.var;
  const rows = await db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(50);
  return c.render(<OutboxPage t={t} locale={locale} rows={rows} />, { title: t("dev.outbox.title") });
});
