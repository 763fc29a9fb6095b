import { Hono } from "hono";
import { setCookie, deleteCookie } from "hono/cookie";
import * as z from "zod";
import type { AppEnv } from "../env";
import { parseWith, email } from "../lib/validation";
import { sha256 } from "../lib/crypto";
import { consumeLoginToken, createLoginToken, endSession, findPersonByEmail, peekLoginToken, SESSION_DAYS } from "../domain/auth/sign-in";
import { hitRateLimits, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_CLIENT } from "../domain/auth/rate-limit";
import { deliver } from "../mail/deliver";
import { signInMail } from "../mail/sign-in-mail";
import { SESSION_COOKIE } from "../middleware/session";
import { CheckMailPage, ConfirmSignInPage, InvalidLinkPage, SignInForm, SignInPage } from "../../views/auth/sign-in-page";
import { loadUser } from "../domain/auth/access";
import { safeNext } from "../lib/safe-next";

export const authRoutes = new Hono<AppEnv>();

const signInSchema = z.object({ email: email(), next: z.string().optional() });

authRoutes.get("/sign-in", (c) => {
  const t = c.var.t;
  const notice = c.req.query("signed-out") !== undefined ? t("signIn.signedOut") : undefined;
  return c.render(
    <SignInPage t={t} csrfToken={c.var.csrfToken} errors={{}} next={safeNext(c.req.query("next")) ?? undefined} notice={notice} />,
    {
      title: t("signIn.title"),
    },
  );
});

authRoutes.post("/sign-in", async (c) => {
  const { t, db, now } = c.var;
  const body = await c.req.parseBody();
  const parsed = parseWith(signInSchema, body);
  const next = safeNext(body.next) ?? undefined;
  if (!parsed.ok) {
    const form = <SignInForm t={t} csrfToken={c.var.csrfToken} errors={parsed.errors} email={String(body.email ?? "")} next={next} />;
    if (c.req.header("hx-request")) return c.html(form, 422);
    c.status(422);
    return c.render(<SignInPage t={t} csrfToken={c.var.csrfToken} errors={parsed.errors} email={String(body.email ?? "")} next={next} />, {
      title: t("signIn.title"),
    });
  }
  const address = parsed.data.email;
  const client = c.req.header("cf-connecting-ip") ?? "local";
  const allowed = await hitRateLimits(
    db,
    [
      { key: `sign-in:address:${await sha256(address)}`, limit: SIGN_IN_PER_ADDRESS },
      { key: `sign-in:client:${await sha256(client)}`, limit: SIGN_IN_PER_CLIENT },
    ],
    now,
  );
  if (!allowed) {
    c.status(429);
    c.header("Retry-After", String(15 * 60));
    return c.render(
      <article>
        <h1>{t("signIn.title")}</h1>
        <p role="alert" class="error-summary">
          {t("signIn.rateLimited")}
        </p>
      </article>,
      { title: t("signIn.title") },
    );
  }
  // The same answer whether or not the address is known: nobody can probe who has access.
  const person = await findPersonByEmail(db, address);
  if (person?.email) {
    const { id, token } = await createLoginToken(db, person.id, "sign_in", now);
    const link = new URL(`/sign-in/verify?token=${token}${next ? `&next=${encodeURIComponent(next)}` : ""}`, c.req.url).toString();
    await deliver(c.env, db, signInMail({ purpose: "sign_in", tokenId: id, link, person: { ...person, email: person.email } }), now);
  }
  return c.redirect("/sign-in/sent", 303);
});

authRoutes.get("/sign-in/sent", (c) => c.render(<CheckMailPage t={c.var.t} />, { title: c.var.t("signIn.checkMail.title") }));

authRoutes.get("/sign-in/verify", async (c) => {
  const { t, db, now } = c.var;
  const token = c.req.query("token") ?? "";
  const row = token ? await peekLoginToken(db, token, now) : null;
  const person = row ? await loadUser(db, row.personId, null) : null;
  if (!row || !person) {
    c.status(410);
    return c.render(<InvalidLinkPage t={t} csrfToken={c.var.csrfToken} />, { title: t("signIn.invalid.title") });
  }
  return c.render(
    <ConfirmSignInPage
      t={t}
      csrfToken={c.var.csrfToken}
      token={token}
      name={person.name}
      next={safeNext(c.req.query("next")) ?? undefined}
    />,
    {
      title: t("signIn.confirm.title"),
    },
  );
});

authRoutes.post("/sessions", async (c) => {
  const { t, db, now } = c.var;
  const body = await c.req.parseBody();
  const token = typeof body.token === "string" ? body.token : "";
  const opened = token ? await consumeLoginToken(db, token, now) : null;
  if (!opened) {
    c.status(410);
    return c.render(<InvalidLinkPage t={t} csrfToken={c.var.csrfToken} />, { title: t("signIn.invalid.title") });
  }
  setCookie(c, SESSION_COOKIE, opened.sessionToken, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: SESSION_DAYS * 86_400,
  });
  return c.redirect(safeNext(body.next) ?? "/", 303);
});

authRoutes.post("/sign-out", async (c) => {
  const user = c.var.user;
  if (user?.sessionId) await endSession(c.var.db, user.sessionId, c.var.now);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
  return c.redirect("/sign-in?signed-out", 303);
});
