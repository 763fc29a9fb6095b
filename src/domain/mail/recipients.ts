// Who may be mailed, and when: the people behind a task's roles, an initiative's coordinators and
// partner contacts, loaded for a whole slice of initiatives in one statement; and the rules every
// email obeys (an address that works, not erased, not opted out; immediate or in a digest).
import { sql, type SQL } from "drizzle-orm";
import { MAIL_CATEGORIES, type Locale } from "../../db/schema";
import { jsonList } from "../../db/read-together";
import { addDays, addMonths, isoWeekday, startOfMonth } from "../../lib/dates";
import type { MailCategory } from "./tokens";

export type DigestMode = "immediate" | "weekly" | "monthly";
export type LinkRole = "coordinator" | "treasurer" | "key_holder" | "partner_contact";

export type MailPerson = {
  personId: string;
  name: string;
  email: string | null;
  locale: Locale;
  digest: DigestMode | null;
  optOuts: string; // JSON array of categories
  emailStatus: "ok" | "bounced" | "complained";
  erasedAt: string | null;
  isPartner: number; // 0/1 from SQLite
  isCoordinator: number;
};

/** The person columns every recipient query returns (aliased: D1 returns columns by name). */
export const PERSON_COLUMNS = sql.raw(`p.id AS "personId", p.name AS "name", p.email AS "email", p.locale AS "locale", p.digest AS "digest",
  p.mail_opt_outs AS "optOuts", p.email_status AS "emailStatus", p.erased_at AS "erasedAt",
  EXISTS (SELECT 1 FROM partner_members pm2 JOIN partner_orgs po2 ON po2.id = pm2.partner_id AND po2.archived_at IS NULL WHERE pm2.person_id = p.id) AS "isPartner",
  EXISTS (SELECT 1 FROM initiative_coordinators ic2 WHERE ic2.person_id = p.id) AS "isCoordinator"`);

export { jsonList };

/**
 * The people who hold each role in these initiatives on `today`: coordinators; treasurers and key
 * holders (active involvements); partner contacts (members of a partner organisation with a
 * commitment or a funding stream in the initiative, or linked to its neighbourhood).
 */
export type RoleLink = MailPerson & { initiativeId: string; role: LinkRole };
// CROSS JOIN keeps SQLite's join order: the links of these initiatives first, then each person by
// primary key. (With a plain JOIN, D1's SQLite chose to scan ALL people and probe the links: a
// cost per slice that grows with the whole people table, paid by every reminder and alert slice.)
export function roleLinksSql(initiativeIds: readonly string[], today: string): SQL {
  const ids = jsonList(initiativeIds);
  return sql`
    WITH links(iid, role, pid) AS (
      SELECT ic.initiative_id, 'coordinator', ic.person_id FROM initiative_coordinators ic WHERE ic.initiative_id IN ${ids}
      UNION
      SELECT v.initiative_id, v.role, v.person_id FROM involvements v
        WHERE v.initiative_id IN ${ids} AND v.role IN ('treasurer', 'key_holder') AND v.since <= ${today} AND (v.until IS NULL OR v.until >= ${today})
      UNION
      SELECT c.initiative_id, 'partner_contact', pm.person_id FROM commitments c
        JOIN partner_orgs po ON po.id = c.partner_id AND po.archived_at IS NULL
        JOIN partner_members pm ON pm.partner_id = po.id
        WHERE c.initiative_id IN ${ids} AND c.archived_at IS NULL
      UNION
      SELECT f.initiative_id, 'partner_contact', pm.person_id FROM funding_streams f
        JOIN partner_orgs po ON po.id = f.source_partner_id AND po.archived_at IS NULL
        JOIN partner_members pm ON pm.partner_id = po.id
        WHERE f.initiative_id IN ${ids} AND f.archived_at IS NULL
      UNION
      SELECT i.id, 'partner_contact', pm.person_id FROM initiatives i
        JOIN partner_neighbourhoods pn ON pn.neighbourhood_id = i.neighbourhood_id
        JOIN partner_orgs po ON po.id = pn.partner_id AND po.archived_at IS NULL
        JOIN partner_members pm ON pm.partner_id = po.id
        WHERE i.id IN ${ids}
    )
    SELECT links.iid AS "initiativeId", links.role AS "role", ${PERSON_COLUMNS}
    FROM links CROSS JOIN people p ON p.id = links.pid
    ORDER BY links.iid, p.name, p.id`;
}

/** The people assigned by name to these tasks. */
export type Assignee = MailPerson & { taskId: string };
export function assigneesSql(taskIds: readonly string[]): SQL {
  return sql`
    SELECT ta.task_id AS "taskId", ${PERSON_COLUMNS}
    FROM task_assignees ta JOIN people p ON p.id = ta.person_id
    WHERE ta.task_id IN ${jsonList(taskIds)}
    ORDER BY p.name, p.id`;
}

export function parseOptOuts(json: string): MailCategory[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? MAIL_CATEGORIES.filter((c) => v.includes(c)) : [];
  } catch {
    return [];
  }
}

/** May this person get mail of this category? An address that works, not erased, not opted out. */
export function mailable(person: MailPerson, category: MailCategory): person is MailPerson & { email: string } {
  return !!person.email && !person.erasedAt && person.emailStatus === "ok" && !parseOptOuts(person.optOuts).includes(category);
}

/**
 * Immediate or a digest. No choice made means the role's default: a partner (who coordinates
 * nothing) gets a weekly digest, everyone else immediate emails.
 */
export function digestMode(person: Pick<MailPerson, "digest" | "isPartner" | "isCoordinator">): DigestMode {
  return person.digest ?? (person.isPartner && !person.isCoordinator ? "weekly" : "immediate");
}

/** The day a digest in this mode next goes out, on or after `today`: Mondays, or the 1st of the month. */
export function nextDigestDay(mode: "weekly" | "monthly", today: string): string {
  if (mode === "weekly") return addDays(today, (8 - isoWeekday(today)) % 7);
  if (today.endsWith("-01")) return today;
  return addMonths(startOfMonth(today), 1);
}

export function isDigestDay(mode: "weekly" | "monthly", today: string): boolean {
  return nextDigestDay(mode, today) === today;
}

/**
 * The instant from which a message may be sent: now for immediate mail, otherwise the evening
 * before the digest day in UTC (before midnight in Amsterdam, summer or winter), so that the
 * early-morning run of that day picks it up.
 */
export function releaseAt(mode: DigestMode, today: string, now: Date): string {
  if (mode === "immediate") return now.toISOString();
  return `${addDays(nextDigestDay(mode, today), -1)}T21:00:00.000Z`;
}
