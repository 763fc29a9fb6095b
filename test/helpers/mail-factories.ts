// Helpers for the mail tests: a fake Resend at the fetch level (with its idempotency behaviour),
// a D1 binding that counts statements, a step runner that records statements and requests per
// step, a world with people in every role, and webhook signing.
import { env } from "cloudflare:workers";
import { vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { createDb } from "../../src/db/client";
import * as s from "../../src/db/schema";
import type { StepRunner, DailyContext } from "../../src/jobs/daily-steps";
import { runDaily } from "../../src/jobs/daily-steps";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson } from "./factories";

// ---------------------------------------------------------------------------------------------
// A fake Resend
// ---------------------------------------------------------------------------------------------

export type Delivered = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };
export type Behaviour = "ok" | "timeout" | { status: number; name: string; message?: string; retryAfter?: number } | { rejectTo: string[] };
type Call = { url: string; key: string | null; body: unknown[] | Record<string, unknown>; behaviour: Behaviour };

export function fakeResend(script: (callNo: number) => Behaviour = () => "ok") {
  const calls: Call[] = [];
  const delivered: Delivered[] = [];
  const remembered = new Map<string, string>();
  let ids = 0;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("https://api.resend.com/")) throw new Error(`unexpected request to ${url}`);
    const headers = new Headers(init?.headers);
    const key = headers.get("idempotency-key");
    const body = JSON.parse(String(init?.body ?? "null")) as unknown[] | Record<string, unknown>;
    const behaviour = script(calls.length);
    calls.push({ url, key, body, behaviour });
    if (behaviour === "timeout") {
      return new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener("abort", () => reject(signal.reason));
      });
    }
    if (typeof behaviour === "object" && "status" in behaviour) {
      const h: Record<string, string> = { "content-type": "application/json" };
      if (behaviour.retryAfter !== undefined) h["retry-after"] = String(behaviour.retryAfter);
      return new Response(
        JSON.stringify({ statusCode: behaviour.status, name: behaviour.name, message: behaviour.message ?? behaviour.name }),
        { status: behaviour.status, headers: h },
      );
    }
    // Like Resend: the same idempotency key gives the same answer and sends nothing again.
    if (key && remembered.has(key))
      return new Response(remembered.get(key)!, { status: 200, headers: { "content-type": "application/json" } });
    const rejected = typeof behaviour === "object" && "rejectTo" in behaviour ? behaviour.rejectTo : [];
    const emails = (Array.isArray(body) ? body : [body]) as {
      to: string | string[];
      subject: string;
      text: string;
      html: string;
      headers?: Record<string, string>;
    }[];
    const created: { id: string }[] = [];
    const errors: { index: number; message: string }[] = [];
    emails.forEach((e, index) => {
      if (rejected.includes(Array.isArray(e.to) ? e.to[0]! : e.to)) return errors.push({ index, message: "Invalid `to` field." });
      delivered.push({
        to: Array.isArray(e.to) ? e.to[0]! : e.to,
        subject: e.subject,
        text: e.text,
        html: e.html,
        headers: e.headers ?? {},
      });
      created.push({ id: `re_${++ids}` });
    });
    const response = JSON.stringify(Array.isArray(body) ? { data: created, errors } : created[0]);
    if (key) remembered.set(key, response);
    return new Response(response, { status: 200, headers: { "content-type": "application/json" } });
  });
  return {
    calls,
    delivered,
    /** Requests made so far (to count per step). */
    get count() {
      return calls.length;
    },
    restore: () => spy.mockRestore(),
  };
}

/** Runs `fn` with a Resend API key configured (the Workflow shares this env object). */
export async function withResendKey<T>(fn: () => Promise<T>): Promise<T> {
  const bindings = env as unknown as { RESEND_API_KEY: string };
  const before = bindings.RESEND_API_KEY;
  bindings.RESEND_API_KEY = "re_test_key";
  try {
    return await fn();
  } finally {
    bindings.RESEND_API_KEY = before;
  }
}

export function mailEnv(sending: boolean): DailyContext["env"] {
  return {
    RESEND_API_KEY: sending ? "re_test_key" : "",
    MAIL_FROM: env.MAIL_FROM,
    SESSION_SECRET: env.SESSION_SECRET,
    APP_URL: env.APP_URL,
    APP_ENV: env.APP_ENV,
  };
}

// ---------------------------------------------------------------------------------------------
// Counting D1 statements and requests per step
// ---------------------------------------------------------------------------------------------

type Wrapped = D1PreparedStatement & { __inner: D1PreparedStatement };

/** A D1 binding that counts every statement it runs (a batch counts each of its statements). */
export function countingD1(inner: D1Database, failOnce?: (query: string) => boolean) {
  const counter = { statements: 0 };
  let failed = false;
  const maybeFail = (query: string) => {
    if (!failed && failOnce?.(query)) {
      failed = true;
      throw new Error("simulated crash: the database went away");
    }
  };
  const wrap = (stmt: D1PreparedStatement, query: string): Wrapped =>
    ({
      __inner: stmt,
      __query: query,
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), query),
      first: (col?: string) => {
        counter.statements++;
        maybeFail(query);
        return col === undefined ? stmt.first() : stmt.first(col);
      },
      all: () => {
        counter.statements++;
        maybeFail(query);
        return stmt.all();
      },
      raw: (opts?: { columnNames?: boolean }) => {
        counter.statements++;
        maybeFail(query);
        return stmt.raw(opts as { columnNames: true });
      },
      run: () => {
        counter.statements++;
        maybeFail(query);
        return stmt.run();
      },
    }) as unknown as Wrapped;
  const d1 = {
    prepare: (query: string) => wrap(inner.prepare(query), query),
    batch: (stmts: D1PreparedStatement[]) => {
      counter.statements += stmts.length;
      for (const st of stmts) maybeFail((st as Wrapped & { __query?: string }).__query ?? "");
      return inner.batch(stmts.map((st) => (st as Wrapped).__inner ?? st));
    },
    exec: (query: string) => {
      counter.statements++;
      return inner.exec(query);
    },
  } as unknown as D1Database;
  return { d1, counter };
}

export type StepRecord = { name: string; statements: number; requests: number; result: unknown };

/** Runs the daily steps as the Workflow would, recording D1 statements and outbound requests per step. */
export async function runCounted(options: {
  today: string;
  now: string;
  sending: boolean;
  resend?: ReturnType<typeof fakeResend>;
  slices?: DailyContext["slices"];
  /** Crash the run before this step starts (as if the Worker died). */
  failAt?: (name: string) => boolean;
  /** Make one D1 statement fail (e.g. the one marking mail sent). */
  failStatementOnce?: (query: string) => boolean;
  /** Attempts per send step, like the platform's retries. */
  sendAttempts?: number;
}) {
  const { d1, counter } = countingD1(env.DB, options.failStatementOnce);
  const steps: StepRecord[] = [];
  const runner: StepRunner = {
    async do(name, kind, fn) {
      if (options.failAt?.(name)) throw new Error(`simulated crash before ${name}`);
      const before = { statements: counter.statements, requests: options.resend?.count ?? 0 };
      const attempts = kind === "send" ? (options.sendAttempts ?? 1) : 1;
      let result: unknown;
      for (let attempt = 1; ; attempt++) {
        try {
          result = await fn();
          break;
        } catch (err) {
          steps.push({
            name: `${name} (attempt ${attempt} failed)`,
            statements: counter.statements - before.statements,
            requests: (options.resend?.count ?? 0) - before.requests,
            result: String(err),
          });
          before.statements = counter.statements;
          before.requests = options.resend?.count ?? 0;
          if (attempt >= attempts) throw err;
        }
      }
      // What the platform stores must be plain JSON.
      const stored = JSON.parse(JSON.stringify(result ?? null));
      steps.push({
        name,
        statements: counter.statements - before.statements,
        requests: (options.resend?.count ?? 0) - before.requests,
        result: stored,
      });
      return stored;
    },
  };
  const summary = await runDaily(runner, {
    env: mailEnv(options.sending),
    db: createDb(d1),
    today: options.today,
    now: new Date(options.now),
    send: { sleep: async () => {}, timeoutMs: 200 },
    slices: options.slices,
  });
  return { summary, steps };
}

/**
 * Storage is shared within a test file: park what earlier tests left (their tasks, initiatives,
 * partner organisations and waiting mail), so a daily run sees only this test's world.
 */
export async function isolate() {
  await env.DB.batch([
    env.DB.prepare("UPDATE tasks SET archived_at = '2000-01-01T00:00:00.000Z' WHERE archived_at IS NULL"),
    env.DB.prepare("UPDATE initiatives SET archived_at = '2000-01-01T00:00:00.000Z' WHERE archived_at IS NULL"),
    env.DB.prepare("UPDATE partner_orgs SET archived_at = '2000-01-01T00:00:00.000Z' WHERE archived_at IS NULL"),
    env.DB.prepare("UPDATE outbox SET status = 'given_up', error = 'parked by the test' WHERE status IN ('queued', 'failed')"),
    // The rows above (and each test's world) are written around the domain, so the overview's stored
    // past no longer follows them: the next daily run derives it afresh instead of reporting it.
    env.DB.prepare("DELETE FROM overview_rollup_state"),
  ]);
}

// ---------------------------------------------------------------------------------------------
// A world: one initiative with people in every role
// ---------------------------------------------------------------------------------------------

const stamp = { createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" };

export async function makeMailWorld(over: { name?: string } = {}) {
  const hood = await makeNeighbourhood({ name: `Buurt ${over.name ?? "Noord"}` });
  const initiative = await makeInitiative(hood.id, { name: over.name ?? "Buurtmoestuin" });
  const coordinator = await makePerson({ name: "Cor Coördinator" });
  await db.insert(s.initiativeCoordinators).values({ initiativeId: initiative.id, personId: coordinator.id });
  const keyHolder = await makePerson({ name: "Kees Sleutel", locale: "en" });
  await db.insert(s.involvements).values({
    id: crypto.randomUUID(),
    personId: keyHolder.id,
    initiativeId: initiative.id,
    role: "key_holder",
    since: "2025-01-01",
    ...stamp,
  });
  const volunteer = await makePerson({ name: "Vera Vrijwilliger" });
  await db.insert(s.involvements).values({
    id: crypto.randomUUID(),
    personId: volunteer.id,
    initiativeId: initiative.id,
    role: "volunteer",
    since: "2025-01-01",
    ...stamp,
  });
  const partner = await makePartner({ name: "Woonstichting" });
  await db.insert(s.partnerNeighbourhoods).values({ partnerId: partner.id, neighbourhoodId: hood.id });
  const partnerPerson = await makePerson({ name: "Pim Partner" });
  await db.insert(s.partnerMembers).values({ partnerId: partner.id, personId: partnerPerson.id });
  return { hood, initiative, coordinator, keyHolder, volunteer, partner, partnerPerson };
}

export async function makeMailTask(initiativeId: string, over: Partial<typeof s.tasks.$inferInsert> = {}) {
  const row = {
    id: crypto.randomUUID(),
    initiativeId,
    subjectType: "initiative" as const,
    subjectId: initiativeId,
    title: "AED controleren",
    why: "De AED moet werken als het nodig is.",
    scheduleKind: "once" as const,
    dueOn: "2027-03-15" as string | null,
    leadDays: 14,
    graceDays: 7,
    assigneeRoles: '["key_holder"]',
    ...stamp,
    ...over,
  };
  await db.insert(s.tasks).values(row);
  return row;
}

/** The outbox rows of one person (optionally one kind), oldest first. */
export async function outboxOf(personId: string) {
  const { asc, eq } = await import("drizzle-orm");
  return db.select().from(s.outbox).where(eq(s.outbox.personId, personId)).orderBy(asc(s.outbox.createdAt), asc(s.outbox.messageKey));
}

/** Signs a webhook body the way Resend (svix / Standard Webhooks) does. */
export function signWebhook(secret: string, id: string, at: Date, body: string) {
  const signature = new Webhook(secret).sign(id, at, body);
  return { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature };
}
