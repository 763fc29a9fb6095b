// Words and links for the daily emails, in the recipient's language: a subject line per message
// (stored with its claim) and one email per envelope (all ready messages of one recipient).
// Rendering depends only on the outbox rows (their payload and creation time) and the secret, so a
// retried batch renders byte-for-byte the same and Resend's idempotency key recognises it.
import { LOCALES, type Locale } from "../db/schema";
import { formatDate, formatMoney, translator, type Translate } from "../i18n";
import type { AlertPayload } from "../domain/mail/alerts";
import { checkinGraceDate } from "../domain/initiatives/checkins";
import type { DigestPayload } from "../domain/mail/digests";
import type { CheckinPayload } from "../domain/mail/checkin-invitations";
import { CATEGORY_OF, type BundleKind, type Claim, type Draft, type Envelope, type QueuedRow } from "../domain/mail/outbox";
import { ANSWER_LINK_DAYS, PREFERENCE_LINK_DAYS, addDaysInstant, signLink, type MailCategory } from "../domain/mail/tokens";
import type { ReminderPayload } from "../domain/mail/reminders";
import { explainFlag, severityLabel } from "../domain/risk/explain";
import { handoverSubject, roleWords, type HandoverPayload } from "../domain/people/handover";
import { messageSubject, type MessagePayload } from "../domain/messages/volunteer-messages";
import { BundleMailHtml, bundleMailText, type BundleView, type MailItemView } from "../../views/mail/bundle-mail";
import type { OutgoingEmail } from "./deliver";

/** Messages shown in full per email; the rest of a long list is counted and linked. */
export const ITEMS_PER_EMAIL = 10;

export type LinkContext = { secret: string; appUrl: string };

/** The base address for links in emails: APP_URL, or the local dev server in development. */
export function appUrlOf(env: Pick<Env, "APP_URL" | "APP_ENV">): string {
  const url = (env.APP_URL ?? "").replace(/\/+$/, "");
  if (url) return url;
  if (env.APP_ENV === "development") return "http://localhost:8787";
  throw new Error("APP_URL must be set (wrangler.toml [vars]) so that emails can link back to the app.");
}

function subjectFor(kind: BundleKind, payload: Record<string, unknown>, t: Translate, locale: Locale): string {
  switch (kind) {
    case "reminder":
    case "escalation": {
      const p = payload as ReminderPayload;
      return t(`mail.reminder.subject.${p.stage}`, { title: p.title, initiative: p.initiativeName });
    }
    case "alert": {
      const p = payload as AlertPayload;
      return t("mail.alert.subject", { activity: p.activityName, level: severityLabel(p.toLevel, locale) });
    }
    case "checkin": {
      const p = payload as CheckinPayload;
      return t("mail.checkin.subject", { year: p.year, initiative: p.initiativeName });
    }
    case "digest":
      return t((payload as DigestPayload).mode === "monthly" ? "mail.digest.subject.monthly" : "mail.digest.subject.weekly");
    case "handover":
      return handoverSubject(payload as HandoverPayload, t);
    case "message":
      return messageSubject(payload as MessagePayload, t);
  }
}

/** The subject line stored with a claim (what the admin outbox shows). Throws for a language it does not know. */
export function withSubject(d: Draft): Claim {
  if (!(LOCALES as readonly string[]).includes(d.locale)) throw new RangeError(`unknown language "${String(d.locale)}"`);
  return { ...d, subject: subjectFor(d.kind, d.payload, translator(d.locale), d.locale) };
}

async function itemView(row: QueuedRow, personId: string, t: Translate, locale: Locale, links: LinkContext): Promise<MailItemView | null> {
  const payload = JSON.parse(row.payload ?? "{}") as Record<string, unknown>;
  const heading = row.subject;
  switch (row.kind) {
    case "reminder":
    case "escalation": {
      const p = payload as ReminderPayload;
      const lines = [t(`mail.reminder.when.${p.stage}`, { initiative: p.initiativeName, date: formatDate(locale, p.dueOn) })];
      if (p.why) lines.push(t("mail.reminder.why", { why: p.why }));
      if (p.leansOn.length > 0) lines.push(t("mail.reminder.leansOn", { names: p.leansOn.join(", ") }));
      const open = { label: t("mail.reminder.open"), href: `${links.appUrl}/initiatives/${p.initiativeId}/tasks/${p.taskId}` };
      // Partner contacts are asked to get in touch, not to answer for the initiative.
      if (p.stage === "partners") return { heading, lines, actions: [], link: open };
      const token = await signLink(links.secret, {
        k: "a",
        p: personId,
        t: p.taskId,
        o: p.dueOn,
        iat: row.createdAt,
        exp: addDaysInstant(row.createdAt, ANSWER_LINK_DAYS),
      });
      // The same words as the buttons in the app (tasks.answer.*).
      const words = { done: "tasks.answer.done", snoozed: "tasks.answer.snooze", not_applicable: "tasks.answer.notApplicable" } as const;
      const answer = (a: "done" | "snoozed" | "not_applicable") => ({
        label: t(words[a]),
        href: `${links.appUrl}/mail/answers/${token}?answer=${a}`,
      });
      return {
        heading,
        lines,
        actionsIntro: t("mail.reminder.answerIntro"),
        actions: [answer("done"), answer("snoozed"), answer("not_applicable")],
      };
    }
    case "alert": {
      const p = payload as AlertPayload;
      const from = p.fromLevel ?? "ok";
      const lines = [
        t("mail.alert.intro", {
          activity: p.activityName,
          initiative: p.initiativeName,
          date: formatDate(locale, p.on),
          from: severityLabel(from, locale),
          to: severityLabel(p.toLevel, locale),
        }),
        ...p.flags.map((f) => explainFlag(f, locale)),
      ];
      return { heading, lines, actions: [], link: { label: t("mail.alert.open"), href: `${links.appUrl}/initiatives/${p.initiativeId}` } };
    }
    case "checkin": {
      const p = payload as CheckinPayload;
      return {
        heading,
        lines: [
          t("mail.checkin.body", { year: p.year, initiative: p.initiativeName, until: formatDate(locale, checkinGraceDate(p.year)) }),
        ],
        actions: [{ label: t("mail.checkin.open"), href: `${links.appUrl}/initiatives/${p.initiativeId}/checkins/${p.year}` }],
      };
    }
    case "handover": {
      const p = payload as HandoverPayload;
      const lines = [
        t("mail.handover.intro", {
          from: p.fromName,
          role: roleWords(p.role, t),
          initiative: p.initiativeName,
          date: formatDate(locale, p.lastDay),
        }),
      ];
      if (p.note) lines.push(t("mail.handover.note"), ...p.note.split(/\r?\n/).filter((l) => l.trim() !== ""));
      else lines.push(t("mail.handover.noNote"));
      if (p.tasks.length === 0) lines.push(t("mail.handover.noTasks"));
      else {
        lines.push(t("mail.handover.tasks"));
        for (const task of p.tasks)
          lines.push(task.dueOn ? t("mail.handover.taskLine", { title: task.title, date: formatDate(locale, task.dueOn) }) : task.title);
        if (p.moreTasks > 0) lines.push(t("mail.handover.moreTasks", { count: p.moreTasks }));
        lines.push(t("mail.handover.reminders"));
      }
      return { heading, lines, actions: [] };
    }
    case "message": {
      const p = payload as MessagePayload;
      const to = p.activityName
        ? t("mail.message.toActivity", { activity: p.activityName, initiative: p.initiativeName })
        : p.initiativeName;
      const intro = p.fromName ? t("mail.message.intro", { from: p.fromName, to }) : t("mail.message.introNoSender", { to });
      return { heading, lines: [intro, ...p.body.split(/\r?\n/).filter((l) => l.trim() !== "")], actions: [] };
    }
    case "digest":
      return null;
  }
}

function digestView(p: DigestPayload, t: Translate, locale: Locale): NonNullable<BundleView["digest"]> {
  const more = (shown: number, total: number) => (total > shown ? t("mail.digest.andMore", { count: total - shown }) : undefined);
  const section = (heading: string, lines: string[], total: number) => ({
    heading,
    lines: total === 0 ? [t("mail.digest.none")] : lines,
    more: more(lines.length, total),
  });
  return {
    title: t(p.mode === "monthly" ? "mail.digest.subject.monthly" : "mail.digest.subject.weekly"),
    intro: t("mail.digest.intro", { hoods: p.neighbourhoods.join(", "), from: formatDate(locale, p.from), to: formatDate(locale, p.to) }),
    sections: [
      section(
        t("mail.digest.risks", { count: p.risksTotal }),
        p.risks.map((r) =>
          t("mail.digest.riskLine", {
            activity: r.activityName,
            initiative: r.initiativeName,
            hood: r.neighbourhoodName,
            level: severityLabel(r.toLevel, locale),
            date: formatDate(locale, r.on),
          }),
        ),
        p.risksTotal,
      ),
      section(
        t("mail.digest.money", { count: p.moneyTotal, amount: formatMoney(locale, p.moneyCentsPerYear) }),
        p.money.map((m) =>
          t("mail.digest.moneyLine", {
            source: m.sourceName,
            initiative: m.initiativeName,
            hood: m.neighbourhoodName,
            amount: formatMoney(locale, m.amountCentsPerYear),
            date: formatDate(locale, m.endsOn),
          }),
        ),
        p.moneyTotal,
      ),
      section(
        t("mail.digest.checkins", { count: p.checkinsTotal }),
        p.checkins.map((c) => t("mail.digest.checkinLine", { initiative: c.initiativeName, hood: c.neighbourhoodName, year: c.year })),
        p.checkinsTotal,
      ),
      { heading: t("mail.digest.overdue", { count: p.overdueTasks }), lines: [] },
    ],
  };
}

/** A message of an envelope that could not be put into words (e.g. an unreadable payload). */
export type Unsendable = { id: string; messageKey: string; error: string };
export type Composed = { email: OutgoingEmail | null; unsendable: Unsendable[] };

const problem = (row: QueuedRow, err: unknown): Unsendable => ({
  id: row.id,
  messageKey: row.messageKey,
  error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
});

/**
 * One email for one recipient, from their waiting messages (the first ITEMS_PER_EMAIL shown in
 * full). Each message is worded on its own: one that cannot be (an unreadable payload, a date that
 * is no date) is returned in `unsendable` and the email goes out with the others; `email` is null
 * when nothing of the envelope can be composed.
 */
export async function composeEnvelope(envelope: Envelope, links: LinkContext): Promise<Composed> {
  const unsendable: Unsendable[] = [];
  if (!(LOCALES as readonly string[]).includes(envelope.locale)) {
    const err = new RangeError(`unknown language "${String(envelope.locale)}"`);
    return { email: null, unsendable: envelope.rows.map((r) => problem(r, err)) };
  }
  const t = translator(envelope.locale);
  const personId = envelope.personId ?? "";
  const good: QueuedRow[] = [];
  const items: MailItemView[] = [];
  let digest: BundleView["digest"];
  let digestRow: QueuedRow | undefined;
  for (const row of envelope.rows) {
    try {
      if (row.kind === "digest") {
        // One digest per email: a second one (weekly and monthly on the same day) rides along unshown.
        if (!digestRow) {
          digest = digestView(JSON.parse(row.payload ?? "{}") as DigestPayload, t, envelope.locale);
          digestRow = row;
        }
      } else {
        const view = await itemView(row, personId, t, envelope.locale, links);
        if (view) items.push(view);
      }
      good.push(row);
    } catch (err) {
      unsendable.push(problem(row, err));
    }
  }
  if (good.length === 0) return { email: null, unsendable };
  try {
    const email = await bundleEmail(envelope, { good, items, digest, digestRow, unsendable: unsendable.length }, t, links);
    return { email, unsendable };
  } catch (err) {
    return { email: null, unsendable: envelope.rows.map((r) => problem(r, err)) };
  }
}

async function bundleEmail(
  envelope: Envelope,
  parts: { good: QueuedRow[]; items: MailItemView[]; digest: BundleView["digest"]; digestRow: QueuedRow | undefined; unsendable: number },
  t: Translate,
  links: LinkContext,
): Promise<OutgoingEmail> {
  const locale = envelope.locale;
  const personId = envelope.personId ?? "";
  const { good, items, digest, digestRow } = parts;
  const first = good[0]!;
  const total = envelope.total - parts.unsendable;
  const subject = digestRow ? digestRow.subject : total === 1 ? first.subject : t("mail.bundle.subject", { count: total });

  const categories = [...new Set(good.map((r) => CATEGORY_OF[r.kind]))] as MailCategory[];
  const exp = addDaysInstant(first.createdAt, PREFERENCE_LINK_DAYS);
  const unsubscribeAll = `${links.appUrl}/mail/unsubscribe/${await signLink(links.secret, { k: "u", p: personId, c: categories, exp })}`;
  const footerLinks = [
    {
      label: t("mail.footer.preferences"),
      href: `${links.appUrl}/mail/preferences/${await signLink(links.secret, { k: "m", p: personId, exp })}`,
    },
  ];
  for (const c of categories) {
    footerLinks.push({
      label: t(`mail.footer.unsubscribe.${c}`),
      href: `${links.appUrl}/mail/unsubscribe/${await signLink(links.secret, { k: "u", p: personId, c: [c], exp })}`,
    });
  }

  const shown = good.length;
  const view: BundleView = {
    lang: locale,
    subject,
    greeting: envelope.personName ? t("mail.greeting", { name: envelope.personName }) : t("mail.greetingNoName"),
    intro: !digestRow && total > 1 ? t("mail.bundle.intro", { count: total }) : undefined,
    digest,
    items,
    more:
      total > shown
        ? {
            text: t("mail.bundle.more", { count: total - shown }),
            link: { label: t("mail.bundle.moreLink"), href: `${links.appUrl}/` },
          }
        : undefined,
    footer: t("mail.footer.why"),
    footerLinks,
  };
  return {
    to: envelope.recipient,
    subject,
    text: bundleMailText(view),
    html: "<!doctype html>" + String(<BundleMailHtml view={view} />),
    headers: { "List-Unsubscribe": `<${unsubscribeAll}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
