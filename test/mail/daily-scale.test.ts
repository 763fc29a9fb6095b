// 10,000 due tasks: every step of the daily run stays within the free plan's per-step limits
// (50 D1 statements, 50 subrequests), counted on the real D1 binding and the fetch level.
import { afterAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { fakeResend, isolate, runCounted } from "../helpers/mail-factories";

const INITIATIVES = 100;
const TASKS_PER_INITIATIVE = 100;
const HOODS = 10;
const stamp = "2026-01-01T00:00:00.000Z";

async function insertJson(table: string, columns: string[], rows: Record<string, unknown>[]) {
  const select = columns.map((c) => `json_extract(value, '$.${c}')`).join(", ");
  for (let i = 0; i < rows.length; i += 2000) {
    await env.DB.prepare(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(?)`)
      .bind(JSON.stringify(rows.slice(i, i + 2000)))
      .run();
  }
}

describe("the daily run at scale", () => {
  const resend = fakeResend();
  afterAll(() => resend.restore());

  it("handles 10,000 due tasks in bounded steps, one email per person", { timeout: 180_000 }, async () => {
    await isolate();
    const hoods = Array.from({ length: HOODS }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Schaalbuurt ${i}`,
      municipality: "Teststad",
      slug: `schaal-${i}-${crypto.randomUUID()}`,
      created_at: stamp,
      updated_at: stamp,
    }));
    const coordinators = Array.from({ length: INITIATIVES }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Coördinator ${i}`,
      email: `coord-${i}-${crypto.randomUUID()}@example.org`,
      locale: "nl",
      created_at: stamp,
      updated_at: stamp,
    }));
    const partners = hoods.map((h, i) => ({
      id: crypto.randomUUID(),
      name: `Partner ${i}`,
      email: `partner-${i}-${crypto.randomUUID()}@example.org`,
      locale: "nl",
      created_at: stamp,
      updated_at: stamp,
      hood: h.id,
    }));
    const orgs = hoods.map((_, i) => ({
      id: crypto.randomUUID(),
      name: `Corporatie ${i}`,
      kind: "housing_corporation",
      created_at: stamp,
      updated_at: stamp,
    }));
    const initiatives = coordinators.map((_, i) => ({
      id: crypto.randomUUID(),
      neighbourhood_id: hoods[i % HOODS]!.id,
      name: `Initiatief ${i}`,
      started_year: 2020,
      created_at: stamp,
      updated_at: stamp,
    }));
    const tasks = initiatives.flatMap((init, i) =>
      Array.from({ length: TASKS_PER_INITIATIVE }, (_, k) => ({
        id: crypto.randomUUID(),
        initiative_id: init.id,
        subject_type: "initiative",
        subject_id: init.id,
        title: `Taak ${i}.${k}`,
        schedule_kind: "once",
        // half due today, half overdue
        due_on: k % 2 === 0 ? "2027-03-15" : "2027-03-01",
        lead_days: 14,
        grace_days: 7,
        assignee_roles: '["coordinator"]',
        created_at: stamp,
        updated_at: stamp,
      })),
    );
    await insertJson("neighbourhoods", ["id", "name", "municipality", "slug", "created_at", "updated_at"], hoods);
    await insertJson("people", ["id", "name", "email", "locale", "created_at", "updated_at"], [...coordinators, ...partners]);
    await insertJson("partner_orgs", ["id", "name", "kind", "created_at", "updated_at"], orgs);
    await insertJson(
      "partner_members",
      ["partner_id", "person_id"],
      orgs.map((o, i) => ({ partner_id: o.id, person_id: partners[i]!.id })),
    );
    await insertJson(
      "partner_neighbourhoods",
      ["partner_id", "neighbourhood_id"],
      orgs.map((o, i) => ({ partner_id: o.id, neighbourhood_id: hoods[i]!.id })),
    );
    await insertJson("initiatives", ["id", "neighbourhood_id", "name", "started_year", "created_at", "updated_at"], initiatives);
    await insertJson(
      "initiative_coordinators",
      ["initiative_id", "person_id"],
      initiatives.map((init, i) => ({ initiative_id: init.id, person_id: coordinators[i]!.id })),
    );
    await insertJson(
      "tasks",
      [
        "id",
        "initiative_id",
        "subject_type",
        "subject_id",
        "title",
        "schedule_kind",
        "due_on",
        "lead_days",
        "grace_days",
        "assignee_roles",
        "created_at",
        "updated_at",
      ],
      tasks,
    );

    // 15 March 2027 is a Monday: reminders, escalations and the partners' weekly digest in one run.
    const { summary, steps } = await runCounted({ today: "2027-03-15", now: "2027-03-15T04:00:00Z", sending: true, resend });

    const worst = { statements: Math.max(...steps.map((s) => s.statements)), requests: Math.max(...steps.map((s) => s.requests)) };
    for (const step of steps) {
      expect(step.statements, `${step.name}: D1 statements`).toBeLessThanOrEqual(50);
      expect(step.requests, `${step.name}: requests`).toBeLessThanOrEqual(50);
    }
    expect(worst.statements).toBeLessThanOrEqual(10);
    expect(worst.requests).toBeLessThanOrEqual(1);
    expect(steps.length).toBeLessThan(1024); // the Workflow's step limit
    expect(summary.reminderSlices).toBe(101);
    expect(summary.claimed.reminders).toBe(10_000);
    expect(summary.claimed.digests).toBe(HOODS);

    // One email per person, however many items: 100 coordinators + 10 partners, 25 per batch request.
    expect(resend.delivered).toHaveLength(INITIATIVES + HOODS);
    expect(new Set(resend.delivered.map((d) => d.to)).size).toBe(INITIATIVES + HOODS);
    expect(resend.calls).toHaveLength(Math.ceil((INITIATIVES + HOODS) / 25));
    const mail = resend.delivered.find((d) => d.to === coordinators[7]!.email)!;
    expect(mail.subject).toBe("Wijkonderhoud: 100 berichten voor jou");
    expect(mail.text).toContain("En nog 90 andere berichten.");
    const digest = resend.delivered.find((d) => d.to === partners[3]!.email)!;
    expect(digest.text).toContain(`Taken die te laat zijn: ${(INITIATIVES / HOODS) * (TASKS_PER_INITIATIVE / 2)}`);
  });
});
