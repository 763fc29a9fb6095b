// Funding streams of an initiative (financiering) and the activities that lean on each one.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { readTogether } from "../../db/read-together";
import {
  activities,
  fundingActivities,
  fundingStreams,
  partnerOrgs,
  FUNDING_KINDS,
  FUNDING_STATUSES,
  RENEWAL_STATES,
} from "../../db/schema";
import type { FieldErrors } from "../../lib/validation";
import { addDays } from "../../lib/dates";
import { defineContract, type FormValues, type Rule, type Values } from "../../lib/contract/define";
import * as f from "../../lib/contract/fields";
import { rejudgeAfterWrite } from "../risk/store";
import { updateVersioned } from "../versioned-update";
import { rollupStatements } from "../overview/rollup";
import { audit } from "../audit";
import { setArchived } from "../archive";

export type FundingRow = typeof fundingStreams.$inferSelect;
export type Option = { id: string; name: string };

// ---- funding streams ----

/** A source is named: a partner organisation, or a name typed by hand. */
const sourceGiven: Rule<typeof fundingFields> = (v) =>
  v.sourcePartnerId || v.sourceName || !("sourcePartnerId" in v) ? {} : { sourceName: "money.funding.sourceRequired" };

/** An end date, when given, may not lie before the start. */
export const endsNotBeforeStart = (v: { startsOn?: string; endsOn?: string | null }): FieldErrors =>
  v.startsOn && v.endsOn && v.endsOn < v.startsOn ? { endsOn: "money.date.endBeforeStart" } : {};

const fundingFields = {
  sourcePartnerId: f.optionalId("history.field.sourcePartnerId"),
  sourceName: f.optionalText("history.field.sourceName", 200),
  kind: f.choice("history.field.kind", FUNDING_KINDS),
  amountCentsPerYear: f.euros("overview.col.amount"),
  startsOn: f.requiredDate("money.funding.startsOn"),
  endsOn: f.optionalDate("money.funding.endsOn"),
  status: f.choice("money.funding.status", FUNDING_STATUSES),
  renewalState: f.choice("money.renewal", RENEWAL_STATES, { fallback: "none" }),
  reportDueOn: f.optionalDate("history.field.reportDueOn"),
  reference: f.optionalText("money.funding.reference", 100),
  /** The stream of the same initiative this one renews or succeeds (checkFundingLinks: no cycle, not itself). */
  replacesFundingId: f.optionalId("money.funding.replaces"),
  activityIds: f.idList("money.funding.activities"),
};

/** A funding stream: its fields, once, for the form, the API and PATCH. */
export const fundingContract = defineContract({
  name: "Funding",
  fields: fundingFields,
  rules: [endsNotBeforeStart, sourceGiven],
  // With a partner as source the stored name is the partner's; the form and a PATCH leave it empty.
  stored: { sourceName: (row: FundingRow) => (row.sourcePartnerId ? null : row.sourceName) },
});
export type FundingInput = Values<typeof fundingFields>;
export type FundingFormValues = FormValues<typeof fundingFields>;

/** A stream of the same initiative, to choose as the one a stream renews or succeeds. */
export type StreamOption = { id: string; sourceName: string; amountCentsPerYear: number; endsOn: string | null };
export type FundingFormOptions = { partners: Option[]; activities: Option[]; streams: StreamOption[] };

/** Ids of the streams that (in turn) renew or succeed `id`: choosing one of them as what `id` replaces would make a cycle. */
function successorsOf(id: string, links: { id: string; replacesFundingId: string | null }[]): Set<string> {
  const out = new Set<string>([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const l of links)
      if (!out.has(l.id) && l.replacesFundingId !== null && out.has(l.replacesFundingId)) {
        out.add(l.id);
        grew = true;
      }
  }
  return out;
}

/**
 * Partner organisations to choose as source, the initiative's activities and its other streams
 * (what this one may renew or succeed), in one round trip.
 */
export async function fundingFormOptions(
  db: Db,
  initiativeId: string,
  current: { id?: string; activityIds?: string[]; replacesFundingId?: string | null } = {},
): Promise<FundingFormOptions> {
  const [partners, acts, streams] = await db.batch([
    db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name })
      .from(partnerOrgs)
      .where(isNull(partnerOrgs.archivedAt))
      .orderBy(asc(partnerOrgs.name)),
    db
      .select({ id: activities.id, name: activities.name, archivedAt: activities.archivedAt })
      .from(activities)
      .where(eq(activities.initiativeId, initiativeId))
      .orderBy(asc(activities.name)),
    db
      .select({
        id: fundingStreams.id,
        sourceName: fundingStreams.sourceName,
        amountCentsPerYear: fundingStreams.amountCentsPerYear,
        endsOn: fundingStreams.endsOn,
        replacesFundingId: fundingStreams.replacesFundingId,
        archivedAt: fundingStreams.archivedAt,
      })
      .from(fundingStreams)
      .where(eq(fundingStreams.initiativeId, initiativeId))
      .orderBy(sql`${fundingStreams.endsOn} IS NULL`, asc(fundingStreams.endsOn), asc(fundingStreams.sourceName)),
  ]);
  // Archived activities stay choosable while the stream still carries them.
  const linked = current.activityIds ?? [];
  const choosable = acts.filter((a) => !a.archivedAt || linked.includes(a.id)).map(({ id, name }) => ({ id, name }));
  // Not itself, nothing that already follows it (a cycle), no archived stream unless it is the one chosen.
  const excluded = current.id ? successorsOf(current.id, streams) : new Set<string>();
  const replaceable = streams
    .filter((f) => !excluded.has(f.id) && (!f.archivedAt || f.id === current.replacesFundingId))
    .map(({ id, sourceName, amountCentsPerYear, endsOn }) => ({ id, sourceName, amountCentsPerYear, endsOn }));
  return { partners, activities: choosable, streams: replaceable };
}

/**
 * The checks zod cannot do: the partner exists, every activity belongs to this initiative (an id
 * from another initiative is refused, not linked), and the stream it replaces is another stream of
 * this initiative that does not (in turn) replace this one. Returns the source name to store.
 */
export async function checkFundingLinks(
  db: Db,
  initiativeId: string,
  input: { sourcePartnerId?: string | null; sourceName?: string | null; activityIds: string[]; replacesFundingId?: string | null },
  /** The stream being edited; absent for a new one. */
  selfId?: string,
): Promise<{ errors: FieldErrors; sourceName: string }> {
  const errors: FieldErrors = {};
  let sourceName = input.sourceName ?? "";
  const ids = [...new Set(input.activityIds)];
  const [partner, own, streams] = await db.batch([
    db
      .select({ id: partnerOrgs.id, name: partnerOrgs.name })
      .from(partnerOrgs)
      .where(eq(partnerOrgs.id, input.sourcePartnerId ?? "")),
    db.select({ id: activities.id }).from(activities).where(eq(activities.initiativeId, initiativeId)),
    db
      .select({ id: fundingStreams.id, replacesFundingId: fundingStreams.replacesFundingId })
      .from(fundingStreams)
      .where(eq(fundingStreams.initiativeId, initiativeId)),
  ]);
  if (input.sourcePartnerId) {
    const p = partner[0];
    if (!p) errors.sourcePartnerId = "form.unknownOption";
    else sourceName = p.name;
  }
  const ownIds = new Set(own.map((a) => a.id));
  if (ids.some((id) => !ownIds.has(id))) errors.activityIds = "money.funding.activityUnknown";
  const replaces = input.replacesFundingId;
  if (replaces) {
    if (replaces === selfId) errors.replacesFundingId = "money.funding.replacesSelf";
    else if (!streams.some((f) => f.id === replaces)) errors.replacesFundingId = "money.funding.replacesUnknown";
    else if (selfId && successorsOf(selfId, streams).has(replaces)) errors.replacesFundingId = "money.funding.replacesCycle";
  }
  return { errors, sourceName };
}

/**
 * A stream of this initiative (not archived) that a new one would repeat: the same source (the
 * same partner, or the same name), the same amount per year and the same dates. Such a stream is
 * only added after the person confirms it (the form's second step, the API's confirmDuplicate).
 */
export async function findRepeatedFunding(
  db: Db,
  initiativeId: string,
  input: Pick<FundingInput, "sourcePartnerId" | "amountCentsPerYear" | "startsOn" | "endsOn">,
  sourceName: string,
): Promise<FundingWithActivities | null> {
  const sameSource = or(
    input.sourcePartnerId ? eq(fundingStreams.sourcePartnerId, input.sourcePartnerId) : undefined,
    sql`lower(trim(${fundingStreams.sourceName})) = lower(trim(${sourceName}))`,
  );
  const rows = await db
    .select({ id: fundingStreams.id })
    .from(fundingStreams)
    .where(
      and(
        eq(fundingStreams.initiativeId, initiativeId),
        isNull(fundingStreams.archivedAt),
        eq(fundingStreams.amountCentsPerYear, input.amountCentsPerYear),
        sql`substr(${fundingStreams.startsOn}, 1, 10) = ${input.startsOn}`,
        input.endsOn === null ? isNull(fundingStreams.endsOn) : sql`substr(${fundingStreams.endsOn}, 1, 10) = ${input.endsOn}`,
        sameSource,
      ),
    )
    .orderBy(asc(fundingStreams.createdAt))
    .limit(1);
  return rows[0] ? getFunding(db, initiativeId, rows[0].id) : null;
}

export type FundingWithActivities = FundingRow & { activityIds: string[] };

/** A stream of this initiative, or null (also when it belongs to another initiative). */
export async function getFunding(db: Db, initiativeId: string, id: string): Promise<FundingWithActivities | null> {
  const [rows, links] = await db.batch([
    db
      .select()
      .from(fundingStreams)
      .where(and(eq(fundingStreams.id, id), eq(fundingStreams.initiativeId, initiativeId))),
    db.select().from(fundingActivities).where(eq(fundingActivities.fundingId, id)),
  ]);
  const row = rows[0];
  if (!row) return null;
  return { ...row, activityIds: links.map((l) => l.activityId).sort() };
}

type Initiative = { id: string; neighbourhoodId: string };

/** The columns of a stream: its contract's values, with the source's name as stored. */
function columnsOf(input: FundingInput, sourceName: string) {
  const { activityIds: _links, ...columns } = input;
  return { ...columns, sourceName };
}

function linkRows(db: Db, fundingId: string, activityIds: string[]) {
  return [...new Set(activityIds)].map((activityId) => db.insert(fundingActivities).values({ fundingId, activityId }));
}

export async function createFunding(
  db: Db,
  initiative: Initiative,
  input: FundingInput,
  sourceName: string,
  actorId: string | null,
  now: Date,
) {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const fields = columnsOf(input, sourceName);
  await db.batch([
    db
      .insert(fundingStreams)
      .values({ id, initiativeId: initiative.id, ...fields, createdAt: at, createdBy: actorId, updatedAt: at, updatedBy: actorId }),
    ...linkRows(db, id, input.activityIds),
    audit(
      db,
      {
        actorId,
        entity: "funding",
        entityId: id,
        action: "create",
        initiativeId: initiative.id,
        neighbourhoodId: initiative.neighbourhoodId,
        changes: { ...fields, activityIds: [...new Set(input.activityIds)].sort() },
      },
      now,
    ),
    // Money in past years: the overview's rollup follows in the same batch.
    ...rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] }),
  ]);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
  return id;
}

/** Saves a stream; throws StaleVersionError (writing nothing) when someone saved in between. */
export async function updateFunding(
  db: Db,
  initiative: Initiative,
  before: FundingWithActivities,
  input: FundingInput & { version: number },
  sourceName: string,
  actorId: string | null,
  now: Date,
) {
  const activityIds = [...new Set(input.activityIds)].sort();
  await updateVersioned(
    db,
    fundingStreams,
    {
      before,
      version: input.version,
      set: columnsOf(input, sourceName),
      actorId,
      entity: "funding",
      initiativeId: initiative.id,
      neighbourhoodId: initiative.neighbourhoodId,
      with: [
        db.delete(fundingActivities).where(eq(fundingActivities.fundingId, before.id)),
        ...linkRows(db, before.id, activityIds),
        ...rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] }),
      ],
      audited: { activityIds },
    },
    now,
  );
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

/** Archive (archivedAt set) or restore (cleared). Bumps the version so open edit forms notice. */
export async function setFundingArchived(
  db: Db,
  initiative: Initiative,
  before: FundingRow,
  archived: boolean,
  actorId: string | null,
  now: Date,
) {
  const where = {
    within: eq(fundingStreams.initiativeId, initiative.id),
    initiativeId: initiative.id,
    neighbourhoodId: initiative.neighbourhoodId,
  };
  const also = rollupStatements(db, { neighbourhoodIds: [initiative.neighbourhoodId] });
  await setArchived(db, fundingStreams, { before, archive: archived, actorId, entity: "funding", ...where, also }, now);
  await rejudgeAfterWrite(db, { initiativeIds: [initiative.id] }, now);
}

// ---- the section on the initiative page ----

export type FundingItem = FundingRow & {
  activities: Option[];
  /** The stream this one renews or succeeds, and the streams that renew or succeed this one. */
  replaces: StreamOption | null;
  replacedBy: StreamOption[];
  /** Granted, started and not yet ended on `today`. */
  running: boolean;
  /** Ends between today and 180 days from now. */
  endingSoon: boolean;
  /** The end date has passed. */
  ended: boolean;
};
export type FundingSectionData = { streams: FundingItem[]; archived: FundingItem[]; runningPerYearCents: number };

export const ENDING_SOON_DAYS = 180;

export function isRunning(s: Pick<FundingRow, "status" | "startsOn" | "endsOn" | "archivedAt">, today: string) {
  return !s.archivedAt && s.status === "granted" && s.startsOn <= today && (s.endsOn === null || s.endsOn >= today);
}

export function endsWithin(endsOn: string | null, today: string, days = ENDING_SOON_DAYS) {
  if (!endsOn) return false;
  const horizon = addDays(today, days);
  return endsOn >= today && endsOn <= horizon;
}

/** Every stream of the initiative (archived too) and every activity link of those streams. */
export function fundingReads(db: Db, initiativeId: string) {
  return {
    fundings: db
      .select()
      .from(fundingStreams)
      .where(eq(fundingStreams.initiativeId, initiativeId))
      .orderBy(sql`${fundingStreams.endsOn} IS NULL`, asc(fundingStreams.endsOn), asc(fundingStreams.sourceName)),
    fundingLinks: db
      .select({ fundingId: fundingActivities.fundingId, id: activities.id, name: activities.name, archivedAt: activities.archivedAt })
      .from(fundingActivities)
      .innerJoin(activities, eq(activities.id, fundingActivities.activityId))
      .where(
        inArray(
          fundingActivities.fundingId,
          db.select({ id: fundingStreams.id }).from(fundingStreams).where(eq(fundingStreams.initiativeId, initiativeId)),
        ),
      )
      .orderBy(asc(activities.name)),
  };
}
type FundingReads = ReturnType<typeof fundingReads>;
export type FundingReadRows = { [K in keyof FundingReads]: Awaited<FundingReads[K]> };

/** The funding section: the streams with the unarchived activities that lean on them. */
export function fundingSectionFrom(rows: FundingReadRows, today: string): FundingSectionData {
  const links = rows.fundingLinks.filter((l) => !l.archivedAt);
  const option = ({ id, sourceName, amountCentsPerYear, endsOn }: FundingRow): StreamOption => ({
    id,
    sourceName,
    amountCentsPerYear,
    endsOn,
  });
  const items: FundingItem[] = rows.fundings.map((r) => ({
    ...r,
    activities: links.filter((l) => l.fundingId === r.id).map((l) => ({ id: l.id, name: l.name })),
    replaces: rows.fundings.filter((f) => f.id === r.replacesFundingId).map(option)[0] ?? null,
    replacedBy: rows.fundings.filter((f) => f.replacesFundingId === r.id && !f.archivedAt).map(option),
    running: isRunning(r, today),
    endingSoon: !r.archivedAt && r.status !== "rejected" && endsWithin(r.endsOn, today),
    ended: r.endsOn !== null && r.endsOn < today,
  }));
  const streams = items.filter((i) => !i.archivedAt);
  return {
    streams,
    archived: items.filter((i) => !!i.archivedAt),
    runningPerYearCents: streams.filter((s) => s.running).reduce((sum, s) => sum + s.amountCentsPerYear, 0),
  };
}

/** The funding section in one statement. */
export async function loadFundingSection(db: Db, initiativeId: string, today: string): Promise<FundingSectionData> {
  return fundingSectionFrom(await readTogether(db, fundingReads(db, initiativeId)), today);
}
