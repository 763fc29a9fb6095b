// Who a send step mails next. takeEnvelopes reads only the head of the queue (the index
// outbox_ready) and then the chosen recipients' rows; this checks it against the plain rule over the
// whole queue: ready rows grouped by recipient, who has waited longest first (the earliest moment
// one of their rows could go), each envelope's rows digest-first.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { BUNDLE_KINDS, takeEnvelopes } from "../../../src/domain/mail/outbox";
import { db } from "../../helpers/factories";

const NOW = new Date("2027-05-10T04:00:00.000Z");
// Few distinct moments, so rows share created_at (as the rows of one batch do) and ties are tested.
const MOMENTS = ["2027-05-01T04:00:00.000Z", "2027-05-03T04:00:00.000Z", "2027-05-09T04:00:00.000Z", "2027-05-12T04:00:00.000Z"];
const KINDS = [...BUNDLE_KINDS, "sign_in"] as const; // sign_in is never bundled
const RANK: Record<string, number> = { digest: 0, alert: 1, escalation: 2, reminder: 3 };

const row = fc.record({
  to: fc.constantFrom("a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org", "f@example.org"),
  kind: fc.constantFrom(...KINDS),
  status: fc.constantFrom("queued", "queued", "failed", "sent", "given_up", "recorded"),
  created: fc.constantFrom(...MOMENTS),
  next: fc.option(fc.constantFrom(...MOMENTS), { nil: null }),
});
type Row = { key: string; to: string; kind: string; status: string; created: string; next: string | null };

/** The rule over the whole queue; `window`: how many rows of its head (in the order ready-at, recipient) are looked at. */
function expected(rows: Row[], emails: number, perEmail: number, window: number) {
  const now = NOW.toISOString();
  const ready = rows.filter(
    (r) =>
      (r.status === "queued" || r.status === "failed") &&
      (BUNDLE_KINDS as readonly string[]).includes(r.kind) &&
      (r.next ?? r.created) <= now,
  );
  const byOrder = (a: { at: string; to: string }, b: { at: string; to: string }) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
  const readyAt = (r: Row) => r.next ?? r.created;
  const head = ready
    .map((r) => ({ at: readyAt(r), to: r.to }))
    .sort(byOrder)
    .slice(0, window);
  const inHead = new Set(head.map((h) => h.to)).size;
  const first = new Map<string, string>();
  for (const r of ready) if (!first.has(r.to) || readyAt(r) < first.get(r.to)!) first.set(r.to, readyAt(r));
  const order = [...first].map(([to, at]) => ({ to, at })).sort(byOrder);
  return order.slice(0, Math.min(emails, inHead)).map(({ to }) => {
    const mine = ready.filter((r) => r.to === to);
    const shown = [...mine].sort(
      (a, b) =>
        (RANK[a.kind] ?? 4) - (RANK[b.kind] ?? 4) ||
        (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
        (a.key < b.key ? -1 : 1),
    );
    return {
      recipient: to,
      total: mine.length,
      messageKeys: mine.map((r) => r.key).sort(),
      shown: shown.slice(0, perEmail).map((r) => r.key),
    };
  });
}

describe("takeEnvelopes", () => {
  it("property: reading the head of the queue gives the same next recipients, rows and counts as grouping the whole queue", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        async (generated, emails, perEmail, window) => {
          await env.DB.prepare("DELETE FROM outbox").run();
          const rows: Row[] = generated.map((r, i) => ({ ...r, key: `k-${String(i).padStart(3, "0")}-${crypto.randomUUID()}` }));
          if (rows.length)
            await env.DB.batch(
              rows.map((r) =>
                env.DB.prepare(
                  `INSERT INTO outbox (id, message_key, kind, recipient, locale, subject, status, attempts, created_at, next_attempt_at)
                   VALUES (?, ?, ?, ?, 'nl', 'Onderwerp', ?, 0, ?, ?)`,
                ).bind(crypto.randomUUID(), r.key, r.kind, r.to, r.status, r.created, r.next),
              ),
            );
          const got = await takeEnvelopes(db, NOW, { emails, perEmail, window });
          const want = expected(rows, emails, perEmail, window ?? Number.MAX_SAFE_INTEGER);
          expect(
            got.map((e) => ({
              recipient: e.recipient,
              total: e.total,
              messageKeys: e.messageKeys,
              shown: e.rows.map((r) => r.messageKey),
            })),
          ).toEqual(want);
        },
      ),
      { numRuns: 150 },
    );
  });
});
