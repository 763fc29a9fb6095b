// Sign-in and invitation mails go out on the spot, through the same claim-then-send path.
import { afterEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { classify, deliver } from "../../src/mail/deliver";
import { signInMail } from "../../src/mail/sign-in-mail";
import { db, makePerson } from "../helpers/factories";
import { fakeResend } from "../helpers/mail-factories";

let resend: ReturnType<typeof fakeResend> | null = null;
afterEach(() => {
  resend?.restore();
  resend = null;
});

const sending = { RESEND_API_KEY: "re_test_key", MAIL_FROM: env.MAIL_FROM };
const now = new Date("2027-03-16T10:00:00Z");

async function mailFor() {
  const person = await makePerson({ name: "Sara Signin" });
  return signInMail({
    purpose: "sign_in",
    tokenId: crypto.randomUUID(),
    link: "http://localhost/sign-in/verify?token=abc",
    person: { ...person, email: person.email },
  });
}

describe("deliver (sign-in and invitations)", () => {
  it("claims, sends with the message key as idempotency key, marks sent and keeps no body", async () => {
    const mail = await mailFor();
    resend = fakeResend();
    expect(await deliver(sending, db, mail, now)).toEqual({ status: "sent" });
    expect(await deliver(sending, db, mail, now)).toEqual({ status: "duplicate" });
    expect(resend.calls.map((c) => c.key)).toEqual([mail.key]);
    const [row] = await db.select().from(s.outbox).where(eq(s.outbox.messageKey, mail.key));
    expect(row).toMatchObject({ status: "sent", providerId: "re_1", bodyText: null, attempts: 1 });
  });

  it("retries a 429 with the same key and records a failure with its error", async () => {
    const first = await mailFor();
    resend = fakeResend((n) => (n === 0 ? { status: 429, name: "rate_limit_exceeded", retryAfter: 0 } : "ok"));
    expect(await deliver(sending, db, first, now, { sleep: async () => {} })).toEqual({ status: "sent" });
    expect(resend.calls.map((c) => c.key)).toEqual([first.key, first.key]);
    resend.restore();

    const second = await mailFor();
    resend = fakeResend(() => ({ status: 422, name: "validation_error", message: "Invalid `to` field." }));
    expect(await deliver(sending, db, second, now)).toMatchObject({ status: "failed" });
    const [row] = await db.select().from(s.outbox).where(eq(s.outbox.messageKey, second.key));
    expect(row).toMatchObject({ status: "failed" });
    expect(row!.error).toContain("validation_error");
  });

  it("only records when no API key is set", async () => {
    const mail = await mailFor();
    resend = fakeResend();
    expect(await deliver({ RESEND_API_KEY: "", MAIL_FROM: env.MAIL_FROM }, db, mail, now)).toEqual({ status: "recorded" });
    expect(resend.calls).toEqual([]);
  });

  it("classifies Resend's errors: quota is not retried, rate limits and server errors are", () => {
    expect(classify({ name: "daily_quota_exceeded", statusCode: 429, message: "" }, null).kind).toBe("quota");
    expect(classify({ name: "monthly_quota_exceeded", statusCode: 429, message: "" }, null).kind).toBe("quota");
    expect(classify({ name: "rate_limit_exceeded", statusCode: 429, message: "" }, { "retry-after": "2" })).toMatchObject({
      kind: "retry",
      retryAfterMs: 2000,
    });
    expect(classify({ name: "application_error", statusCode: null, message: "Unable to fetch data." }, null).kind).toBe("retry");
    expect(classify({ name: "internal_server_error", statusCode: 500, message: "" }, null).kind).toBe("retry");
    expect(classify({ name: "invalid_api_key", statusCode: 403, message: "" }, null).kind).toBe("rejected");
  });
});
