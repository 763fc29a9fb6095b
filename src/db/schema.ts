// The one truth about columns. Dates are ISO dates (YYYY-MM-DD), instants ISO strings,
// money whole cents. Editable records carry a version (optimistic concurrency) and who/when.
// One file (over 400 lines): drizzle-kit reads the whole schema from here to generate migrations, and
// the tables refer to each other.
import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, primaryKey, uniqueIndex, index, check, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

const id = () => text("id").primaryKey();
const meta = () => ({
  version: integer("version").notNull().default(1),
  createdAt: text("created_at").notNull(),
  createdBy: text("created_by"),
  updatedAt: text("updated_at").notNull(),
  updatedBy: text("updated_by"),
});

export const LOCALES = ["nl", "en"] as const;
export const DIGEST_MODES = ["immediate", "weekly", "monthly"] as const;
export const MAIL_CATEGORIES = ["reminders", "alerts", "digests", "checkins", "messages", "asks"] as const;
export type Locale = (typeof LOCALES)[number];

export const neighbourhoods = sqliteTable(
  "neighbourhoods",
  {
    id: id(),
    name: text("name").notNull(),
    municipality: text("municipality").notNull(),
    slug: text("slug").notNull().unique(),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [index("neighbourhoods_created").on(t.createdAt, t.id)], // the API's pages (src/api/pagination.ts)
);

export const people = sqliteTable(
  "people",
  {
    id: id(),
    name: text("name").notNull(),
    // Lower-cased; unique when present. Residents without an account may have none.
    email: text("email"),
    phone: text("phone"),
    locale: text("locale", { enum: LOCALES }).notNull().default("nl"),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    neighbourhoodId: text("neighbourhood_id").references(() => neighbourhoods.id),
    erasedAt: text("erased_at"),
    // Email preferences. digest null = the default for the person's role (partners: weekly).
    digest: text("digest", { enum: DIGEST_MODES }),
    // JSON array of MAIL_CATEGORIES the person opted out of.
    mailOptOuts: text("mail_opt_outs").notNull().default("[]"),
    emailStatus: text("email_status", { enum: ["ok", "bounced", "complained"] })
      .notNull()
      .default("ok"),
    emailStatusAt: text("email_status_at"),
    ...meta(),
  },
  (t) => [
    index("people_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    uniqueIndex("people_email_unique").on(t.email),
  ],
);

export const PARTNER_KINDS = ["municipality", "housing_corporation", "welfare", "care", "fund", "business", "other"] as const;

export const partnerOrgs = sqliteTable(
  "partner_orgs",
  {
    id: id(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PARTNER_KINDS }).notNull(),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [index("partner_orgs_created").on(t.createdAt, t.id)], // the API's pages (src/api/pagination.ts)
);

export const partnerMembers = sqliteTable(
  "partner_members",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partnerOrgs.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.personId] }), index("partner_members_person").on(t.personId)],
);

export const partnerNeighbourhoods = sqliteTable(
  "partner_neighbourhoods",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partnerOrgs.id),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.neighbourhoodId] }), index("partner_neighbourhoods_neighbourhood").on(t.neighbourhoodId)],
);

export const INITIATIVE_STATUSES = ["active", "paused", "stopped", "handed_over"] as const;
export const CONTINUATION_PLANS = ["none", "successor_funding", "partner_takeover", "volunteers_only", "planned_ending"] as const;

export const initiatives = sqliteTable(
  "initiatives",
  {
    id: id(),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
    name: text("name").notNull(),
    purpose: text("purpose").notNull().default(""),
    startedYear: integer("started_year").notNull(),
    status: text("status", { enum: INITIATIVE_STATUSES }).notNull().default("active"),
    statusSince: text("status_since"),
    continuationPlan: text("continuation_plan", { enum: CONTINUATION_PLANS }).notNull().default("none"),
    continuationNote: text("continuation_note").notNull().default(""),
    plannedEndOn: text("planned_end_on"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("initiatives_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("initiatives_neighbourhood").on(t.neighbourhoodId),
  ],
);

export const initiativeCoordinators = sqliteTable(
  "initiative_coordinators",
  {
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.personId] }), index("coordinators_person").on(t.personId)],
);

export const facilities = sqliteTable(
  "facilities",
  {
    id: id(),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
    name: text("name").notNull(),
    kind: text("kind").notNull().default(""),
    ownerPartnerId: text("owner_partner_id").references(() => partnerOrgs.id),
    agreement: text("agreement").notNull().default(""),
    agreementEndsOn: text("agreement_ends_on"),
    renewalState: text("renewal_state", { enum: ["none", "planned", "applied", "granted"] })
      .notNull()
      .default("none"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("facilities_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("facilities_neighbourhood").on(t.neighbourhoodId),
  ],
);

export const activities = sqliteTable(
  "activities",
  {
    id: id(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    name: text("name").notNull(),
    rhythm: text("rhythm").notNull().default(""),
    place: text("place").notNull().default(""),
    facilityId: text("facility_id").references(() => facilities.id),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  // Holds what the overview reads per activity of an initiative (src/domain/overview/sql.ts, acts): no table row per activity.
  (t) => [
    index("activities_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("activities_initiative").on(t.initiativeId, t.archivedAt, t.id, t.facilityId, t.name),
  ],
);

export const involvements = sqliteTable(
  "involvements",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    activityId: text("activity_id").references(() => activities.id),
    role: text("role").notNull().default("volunteer"),
    critical: integer("critical", { mode: "boolean" }).notNull().default(false),
    since: text("since").notNull(),
    until: text("until"),
    // Succession of a critical role: who could take over, and what they need to know (keys,
    // accounts, contacts, habits). The note is for the initiative's coordinators only.
    reservePersonId: text("reserve_person_id").references((): AnySQLiteColumn => people.id),
    handoverNote: text("handover_note").notNull().default(""),
    ...meta(),
  },
  (t) => [
    index("involvements_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("involvements_initiative").on(t.initiativeId),
    index("involvements_reserve").on(t.reservePersonId),
    // Person first, then what the overview reads (which initiative, since, until): the overview
    // groups involvements per person by scanning this index in order, without a sort and without
    // reading table rows. It also serves every lookup by person (it replaces the index on person_id).
    index("involvements_person_span").on(t.personId, t.initiativeId, t.since, t.until),
  ],
);

export const FUNDING_KINDS = ["wijkbudget", "subsidy", "fund", "housing_corporation", "sponsor", "own_income", "in_kind"] as const;
export const FUNDING_STATUSES = ["applied", "granted", "rejected", "ended"] as const;
export const RENEWAL_STATES = ["none", "planned", "applied", "granted"] as const;

export const fundingStreams = sqliteTable(
  "funding_streams",
  {
    id: id(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    sourcePartnerId: text("source_partner_id").references(() => partnerOrgs.id),
    sourceName: text("source_name").notNull(),
    kind: text("kind", { enum: FUNDING_KINDS }).notNull(),
    amountCentsPerYear: integer("amount_cents_per_year").notNull().default(0),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on"),
    status: text("status", { enum: FUNDING_STATUSES }).notNull().default("granted"),
    renewalState: text("renewal_state", { enum: RENEWAL_STATES }).notNull().default("none"),
    reportDueOn: text("report_due_on"),
    // The stream this one renews or succeeds (same initiative, never a cycle): its money replaces
    // the ending stream's money, in part or in full (src/domain/risk/rules.ts).
    replacesFundingId: text("replaces_funding_id").references((): AnySQLiteColumn => fundingStreams.id),
    /** The number on the funder's decision letter (beschikking), to find the letter back. */
    reference: text("reference"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("funding_streams_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("funding_initiative").on(t.initiativeId),
    // Holds what a few neighbourhoods' continuity asks of a stream linked to an activity (sql.ts): no table row per link.
    index("funding_streams_ended").on(t.id, t.status, t.archivedAt, t.endsOn),
    // By end date, holding what the overview asks of every stream that ends (the funding cliff, the
    // streams whose money ended for continuity): over many neighbourhoods no table row per stream.
    index("funding_ends").on(t.endsOn, t.status, t.archivedAt, t.id),
    index("funding_replaces").on(t.replacesFundingId),
  ],
);

export const fundingActivities = sqliteTable(
  "funding_activities",
  {
    fundingId: text("funding_id")
      .notNull()
      .references(() => fundingStreams.id),
    activityId: text("activity_id")
      .notNull()
      .references(() => activities.id),
  },
  (t) => [primaryKey({ columns: [t.fundingId, t.activityId] }), index("funding_activities_activity").on(t.activityId, t.fundingId)],
);

export const COMMITMENT_KINDS = ["hours", "room", "money", "material"] as const;

export const commitments = sqliteTable(
  "commitments",
  {
    id: id(),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partnerOrgs.id),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    activityId: text("activity_id").references(() => activities.id),
    kind: text("kind", { enum: COMMITMENT_KINDS }).notNull(),
    description: text("description").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on"),
    renewalState: text("renewal_state", { enum: RENEWAL_STATES }).notNull().default("none"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("commitments_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("commitments_initiative").on(t.initiativeId),
  ],
);

export const checkins = sqliteTable(
  "checkins",
  {
    id: id(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    year: integer("year").notNull(),
    status: text("status", { enum: INITIATIVE_STATUSES }).notNull(),
    volunteers: integer("volunteers").notNull().default(0),
    peopleReached: integer("people_reached").notNull().default(0),
    wentWell: text("went_well").notNull().default(""),
    residentsOffer: text("residents_offer").notNull().default(""),
    neededFromPartners: text("needed_from_partners").notNull().default(""),
    nextYear: text("next_year").notNull().default(""),
    story: text("story").notNull().default(""),
    ...meta(),
  },
  (t) => [
    index("checkins_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    uniqueIndex("checkins_initiative_year").on(t.initiativeId, t.year),
  ],
);

// A correction to a frozen check-in: a dated note beside it, never an overwrite.
export const checkinNotes = sqliteTable(
  "checkin_notes",
  {
    id: id(),
    checkinId: text("checkin_id")
      .notNull()
      .references(() => checkins.id),
    body: text("body").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by"),
  },
  (t) => [index("checkin_notes_checkin").on(t.checkinId)],
);

export const ASSET_CATEGORIES = ["gifts", "associations", "institutions", "places", "economy", "stories", "connections"] as const;

export const assets = sqliteTable(
  "assets",
  {
    id: id(),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
    category: text("category", { enum: ASSET_CATEGORIES }).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    contactName: text("contact_name"),
    contactInfo: text("contact_info"),
    // A contact may be stored only with recorded consent: the date it was given.
    contactConsentOn: text("contact_consent_on"),
    lastConfirmedOn: text("last_confirmed_on").notNull(),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  // Holds what the overview counts (src/domain/overview/sql.ts, assets): no table row per asset.
  (t) => [
    index("assets_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("assets_neighbourhood").on(t.neighbourhoodId, t.category, t.archivedAt, t.id),
  ],
);

export const assetInitiatives = sqliteTable(
  "asset_initiatives",
  {
    assetId: text("asset_id")
      .notNull()
      .references(() => assets.id),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
  },
  (t) => [primaryKey({ columns: [t.assetId, t.initiativeId] }), index("asset_initiatives_initiative").on(t.initiativeId)],
);

export const TASK_SUBJECTS = ["initiative", "activity", "facility", "funding"] as const;
export const SCHEDULE_KINDS = ["once", "interval", "window", "relative"] as const;
export const INTERVAL_UNITS = ["day", "week", "month", "year"] as const;
export const RELATIVE_ANCHORS = ["funding_ends", "funding_report_due", "facility_agreement_ends"] as const;
export const TASK_ROLES = ["coordinator", "treasurer", "key_holder", "partner_contact"] as const;

export const tasks = sqliteTable(
  "tasks",
  {
    id: id(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    subjectType: text("subject_type", { enum: TASK_SUBJECTS }).notNull().default("initiative"),
    subjectId: text("subject_id").notNull(),
    title: text("title").notNull(),
    why: text("why").notNull().default(""),
    templateKey: text("template_key"),
    scheduleKind: text("schedule_kind", { enum: SCHEDULE_KINDS }).notNull(),
    // once: the date; interval: the first due date (anchor).
    dueOn: text("due_on"),
    intervalCount: integer("interval_count"),
    intervalUnit: text("interval_unit", { enum: INTERVAL_UNITS }),
    intervalFrom: text("interval_from", { enum: ["due", "completion"] }),
    windowStartMonth: integer("window_start_month"),
    windowEndMonth: integer("window_end_month"),
    relativeAnchor: text("relative_anchor", { enum: RELATIVE_ANCHORS }),
    relativeOffsetDays: integer("relative_offset_days"),
    leadDays: integer("lead_days").notNull().default(14),
    graceDays: integer("grace_days").notNull().default(7),
    endsOn: text("ends_on"),
    // JSON array of TASK_ROLES: reminders go to whoever holds the role at the time.
    assigneeRoles: text("assignee_roles").notNull().default("[]"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("tasks_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("tasks_initiative").on(t.initiativeId),
    index("tasks_subject").on(t.subjectType, t.subjectId),
  ],
);

export const taskAssignees = sqliteTable(
  "task_assignees",
  {
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.personId] })],
);

export const TASK_EVENT_KINDS = ["done", "not_applicable", "snoozed"] as const;

// The completion log: append-only.
export const taskEvents = sqliteTable(
  "task_events",
  {
    id: id(),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    kind: text("kind", { enum: TASK_EVENT_KINDS }).notNull(),
    occurrenceDueOn: text("occurrence_due_on").notNull(),
    on: text("on").notNull(),
    snoozedUntil: text("snoozed_until"),
    note: text("note").notNull().default(""),
    byPersonId: text("by_person_id").references(() => people.id),
    via: text("via", { enum: ["web", "email", "api"] })
      .notNull()
      .default("web"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("task_events_task").on(t.taskId, t.occurrenceDueOn)],
);

// The initiative's binder: documents attached to an initiative, a funding stream, a facility, a task
// or a volunteer (an involvement). The bytes live in R2 (the DOCUMENTS bucket) under `storage_key`;
// this row says what the file is. The content type is the one found in the file's first bytes,
// never the one the browser sent. Archived, never deleted — except on erasure of the person a
// document is about (`about_person_id`: set for documents attached to a volunteer).
export const DOCUMENT_SUBJECTS = ["initiative", "funding", "facility", "task", "involvement"] as const;
export const DOCUMENT_KINDS = ["insurance", "grant_decision", "agreement", "accounting", "other"] as const;

export const documents = sqliteTable(
  "documents",
  {
    id: id(),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
    // Null for a facility's documents: a facility belongs to the neighbourhood, not to one initiative.
    initiativeId: text("initiative_id").references(() => initiatives.id),
    subjectType: text("subject_type", { enum: DOCUMENT_SUBJECTS }).notNull(),
    subjectId: text("subject_id").notNull(),
    kind: text("kind", { enum: DOCUMENT_KINDS }).notNull(),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    aboutPersonId: text("about_person_id").references(() => people.id),
    storageKey: text("storage_key").notNull(),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("documents_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("documents_initiative").on(t.initiativeId),
    index("documents_neighbourhood").on(t.neighbourhoodId),
    index("documents_subject").on(t.subjectType, t.subjectId),
    index("documents_about_person").on(t.aboutPersonId),
  ],
);

// Who changed what, when. Append-only; an erasure is recorded as the fact, not the content.
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: text("at").notNull(),
    actorId: text("actor_id"),
    initiativeId: text("initiative_id"),
    neighbourhoodId: text("neighbourhood_id"),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    changes: text("changes").notNull().default("{}"),
  },
  (t) => [index("audit_initiative").on(t.initiativeId, t.at), index("audit_entity").on(t.entity, t.entityId)],
);

export const loginTokens = sqliteTable(
  "login_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    purpose: text("purpose", { enum: ["sign_in", "invite"] }).notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("login_tokens_person").on(t.personId)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_person").on(t.personId)],
);

export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

export const OUTBOX_STATUSES = ["recorded", "queued", "sent", "failed", "given_up"] as const;

// Every email, in every environment. Bodies are kept only where no provider sends them
// (local development), so production never stores a usable sign-in link.
export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    messageKey: text("message_key").notNull(),
    kind: text("kind").notNull(),
    personId: text("person_id").references(() => people.id),
    recipient: text("recipient").notNull(),
    locale: text("locale", { enum: LOCALES }).notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text"),
    bodyHtml: text("body_html"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: text("created_at").notNull(),
    sentAt: text("sent_at"),
    // What the message is about (e.g. task + occurrence), so screens can say when the last one went out.
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    // What is needed to render it again on a retry (never a secret or a link).
    payload: text("payload"),
    nextAttemptAt: text("next_attempt_at"),
    // The daily run (its date) that last tried to send it: a run's step retries count as one attempt.
    lastAttemptOn: text("last_attempt_on"),
    // The row that carries the email this message went out in (one email bundles a person's messages).
    bundleId: text("bundle_id"),
  },
  (t) => [
    uniqueIndex("outbox_message_key").on(t.messageKey),
    index("outbox_created").on(t.createdAt),
    index("outbox_status").on(t.status, t.nextAttemptAt),
    // The send phase's "ready" condition (domain/mail/outbox.ts, READY_AT): the same expression, so it is a
    // range, in the order the send steps take recipients (READY_AT, recipient; kind is there for their
    // filter): a step reads the head of the queue, not all of it. (A CASE, not coalesce(a, b):
    // drizzle-kit splits index expressions at commas.)
    index("outbox_ready").on(
      t.status,
      sql`(CASE WHEN ${t.nextAttemptAt} IS NULL THEN ${t.createdAt} ELSE ${t.nextAttemptAt} END)`,
      t.recipient,
      t.kind,
    ),
    index("outbox_subject").on(t.subjectType, t.subjectId),
    index("outbox_bundle").on(t.bundleId),
    // A send step's chosen recipients' rows (domain/mail/outbox.ts, takeEnvelopes and the marks after sending).
    index("outbox_recipient").on(t.recipient, t.status),
  ],
);

export const DAILY_RUN_STATUSES = ["running", "complete", "skipped_some", "failed"] as const;
export const DAILY_RUN_STEPS = ["rollup", "risk", "reminders", "alerts", "checkins", "digests", "send"] as const;
export const SKIPPED_RECORD_TYPES = ["activity", "task", "risk_event", "initiative", "person", "message", "neighbourhood"] as const;

// One row per daily run (its date): how it went and what each step did (JSON counts per step).
// Written by the run's own steps, idempotently: a repeated or resumed run updates its row.
export const dailyRuns = sqliteTable("daily_runs", {
  runOn: text("run_on").primaryKey(),
  status: text("status", { enum: DAILY_RUN_STATUSES }).notNull(),
  startedAt: text("started_at").notNull(),
  finishedAt: text("finished_at"),
  counts: text("counts").notNull().default("{}"), // JSON: per step { done, skipped, ... }
  skipped: integer("skipped").notNull().default(0),
  error: text("error"),
});

// The records a daily run could not handle (a corrupt date, an unreadable payload): each once per
// run, step and record, so a retried or repeated step records nothing twice.
export const dailyRunSkips = sqliteTable(
  "daily_run_skips",
  {
    id: id(),
    runOn: text("run_on")
      .notNull()
      .references(() => dailyRuns.runOn),
    step: text("step", { enum: DAILY_RUN_STEPS }).notNull(),
    recordType: text("record_type", { enum: SKIPPED_RECORD_TYPES }).notNull(),
    recordId: text("record_id").notNull(),
    // Where the record belongs, for links (null when it belongs to no initiative, e.g. a person).
    initiativeId: text("initiative_id"),
    error: text("error").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [uniqueIndex("daily_run_skips_record").on(t.runOn, t.step, t.recordType, t.recordId)],
);

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull(),
  updatedBy: text("updated_by"),
});

// A table that can never hold a row. A batch starts with an insert into it that yields a row
// only when the record's version is not the one the form was loaded with; the CHECK then fails
// and D1 rolls the whole batch back. That is optimistic concurrency without interactive transactions.
export const staleGuard = sqliteTable("stale_guard", { stale: integer("stale") }, (t) => [check("stale_guard_never", sql`${t.stale} = 0`)]);

export const RISK_LEVELS = ["ok", "watch", "at_risk", "urgent"] as const;

// The current judgement per activity, kept up to date on write and by the daily run,
// so pages and overviews read it instead of recomputing.
export const activityRisks = sqliteTable(
  "activity_risks",
  {
    activityId: text("activity_id")
      .primaryKey()
      .references(() => activities.id),
    initiativeId: text("initiative_id").notNull(),
    neighbourhoodId: text("neighbourhood_id").notNull(),
    level: text("level", { enum: RISK_LEVELS }).notNull(),
    flags: text("flags").notNull().default("[]"), // JSON Flag[]
    runwayMonths: integer("runway_months"),
    /** The day the current level began (flags carry their own `since`). */
    levelSince: text("level_since").notNull(),
    /** The day it was last judged: moves with every recompute and daily run, also when nothing changed. */
    judgedOn: text("computed_on").notNull(),
  },
  (t) => [
    index("activity_risks_neighbourhood").on(t.neighbourhoodId, t.level),
    index("activity_risks_initiative").on(t.initiativeId),
    // Holds what the overview reads per activity (src/domain/overview/sql.ts, acts): no table row per activity.
    index("activity_risks_level").on(t.activityId, t.level, t.runwayMonths, t.levelSince),
  ],
);

// Every change of an activity's level or flags, with the date: the risk history. Append-only.
export const riskEvents = sqliteTable(
  "risk_events",
  {
    id: id(),
    activityId: text("activity_id")
      .notNull()
      .references(() => activities.id),
    initiativeId: text("initiative_id").notNull(),
    neighbourhoodId: text("neighbourhood_id").notNull(),
    on: text("on").notNull(),
    fromLevel: text("from_level", { enum: RISK_LEVELS }),
    toLevel: text("to_level", { enum: RISK_LEVELS }).notNull(),
    flags: text("flags").notNull(), // JSON Flag[] after the change
    added: text("added").notNull().default("[]"), // JSON rule names that appeared
    resolved: text("resolved").notNull().default("[]"), // JSON rule names that went away
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("risk_events_initiative").on(t.initiativeId, t.on), index("risk_events_activity").on(t.activityId, t.on)],
);

// Delivery events from the mail provider's webhook (delivered, bounced, complained). Append-only.
export const mailEvents = sqliteTable(
  "mail_events",
  {
    id: id(),
    providerEventId: text("provider_event_id").notNull(),
    providerMessageId: text("provider_message_id"),
    type: text("type").notNull(),
    recipient: text("recipient"),
    at: text("at").notNull(),
  },
  (t) => [uniqueIndex("mail_events_provider_event").on(t.providerEventId), index("mail_events_message").on(t.providerMessageId)],
);

// API tokens made in the UI: shown once, stored hashed, named, revocable.
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: id(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: ["admin", "partner"] }).notNull(),
    partnerId: text("partner_id").references(() => partnerOrgs.id),
    createdBy: text("created_by").references(() => people.id),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("api_tokens_partner").on(t.partnerId)],
);

// Calendar subscriptions: a secret address per person (their own feed) or per person and
// initiative (a coordinator's feed of that initiative). Stored only as a hash, like API tokens and
// sign-in links; revoking one makes its old address answer 404.
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: id(),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    // null: the person's own feed; else the feed of this initiative (for its coordinators).
    initiativeId: text("initiative_id").references(() => initiatives.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
    lastUsedOn: text("last_used_on"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("calendar_feeds_person").on(t.personId, t.initiativeId)],
);

// A short message from a coordinator to the active volunteers of an initiative (or one activity).
// Each recipient's mail is a row in the outbox; this row keeps what was written and who it reached.
export const volunteerMessages = sqliteTable(
  "volunteer_messages",
  {
    id: id(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    activityId: text("activity_id").references(() => activities.id),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    /** The day it was sent (Europe/Amsterdam): the rate limit counts per initiative per day. */
    sentOn: text("sent_on").notNull(),
    createdAt: text("created_at").notNull(),
    createdBy: text("created_by").references(() => people.id),
    /** How many people it went to. */
    recipients: integer("recipients").notNull(),
    /** JSON [{ personId, reason }]: who was skipped and why (no address, address broken, opted out). */
    skipped: text("skipped").notNull().default("[]"),
  },
  (t) => [
    index("volunteer_messages_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("volunteer_messages_initiative").on(t.initiativeId, t.sentOn),
  ],
);

// ---- The neighbourhood's offers (ABCD): what residents offer to do, and asking them to help ----

export const OFFER_FREQUENCIES = ["once", "sometimes", "monthly", "weekly"] as const;
export const OFFER_STATUSES = ["waiting", "accepted", "declined"] as const;
export const HELP_ASK_STATUSES = ["asked", "yes", "no", "unsent"] as const;

// The kinds of help residents can tick on the public form (koken, penningmeester, …), kept by admins.
// `role` names the volunteer role a kind of help fills (key_person flags look for it).
export const offerTags = sqliteTable(
  "offer_tags",
  {
    id: id(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull().default(""),
    role: text("role"),
    archivedAt: text("archived_at"),
    ...meta(),
  },
  (t) => [
    index("offer_tags_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    uniqueIndex("offer_tags_name").on(t.name),
  ],
);

// An offer confirmed from its email link: a resident-gift asset (its name and text) with who offers
// it, how often, their consent, and whether a coordinator accepted it. Only accepted offers are in
// the asset register; waiting and declined ones are not.
export const offers = sqliteTable(
  "offers",
  {
    /** The offer's asset: an offer and its resident-gift asset share their id. */
    id: text("id")
      .primaryKey()
      .references(() => assets.id),
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    frequency: text("frequency", { enum: OFFER_FREQUENCIES }).notNull(),
    status: text("status", { enum: OFFER_STATUSES }).notNull().default("waiting"),
    /** The day the resident ticked their consent on the public form. */
    consentOn: text("consent_on").notNull(),
    confirmedAt: text("confirmed_at").notNull(),
    decidedAt: text("decided_at"),
    decidedBy: text("decided_by"),
    ...meta(),
  },
  (t) => [
    index("offers_created").on(t.createdAt, t.id), // the API's pages (src/api/pagination.ts)
    index("offers_neighbourhood").on(t.neighbourhoodId, t.status),
    index("offers_person").on(t.personId),
  ],
);

export const offerTagLinks = sqliteTable(
  "offer_tag_links",
  {
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id),
    tagId: text("tag_id")
      .notNull()
      .references(() => offerTags.id),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.tagId] }), index("offer_tag_links_tag").on(t.tagId)],
);

// A coordinator asked a resident with an accepted offer to help an activity in a role. The resident
// answers from the email (yes / no); yes made the involvement.
export const helpAsks = sqliteTable(
  "help_asks",
  {
    id: id(),
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id),
    personId: text("person_id")
      .notNull()
      .references(() => people.id),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id),
    activityId: text("activity_id")
      .notNull()
      .references(() => activities.id),
    role: text("role").notNull(),
    critical: integer("critical", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: HELP_ASK_STATUSES }).notNull().default("asked"),
    askedBy: text("asked_by"),
    askedAt: text("asked_at").notNull(),
    answeredAt: text("answered_at"),
    involvementId: text("involvement_id").references(() => involvements.id),
  },
  (t) => [
    index("help_asks_activity").on(t.activityId, t.askedAt),
    index("help_asks_person").on(t.personId),
    index("help_asks_offer").on(t.offerId),
  ],
);

export type FundingKind = (typeof FUNDING_KINDS)[number];
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------
// The overview's stored figures (src/domain/overview/rollup.ts): per neighbourhood and year (the
// past years and this one), the figures the year-on-year parts show, and who volunteers on the
// rollup's day; kept by every write that can change them (in the write's own batch), derived anew
// by the daily run when a year closes and moved to the new day every day. Only derived data: every
// row follows from the source tables, and the overview falls back to counting live when the rollup
// is not for today's year (or, for the figures of "now", not for today).

/**
 * Which year the rollup was derived for (it holds that year and the ROLLUP_YEARS years before it)
 * and the day its figures of "now" are for (null: derived before it kept them). One row.
 */
export const overviewRollupState = sqliteTable("overview_rollup_state", {
  id: integer("id").primaryKey(),
  currentYear: integer("current_year").notNull(),
  derivedAt: text("derived_at").notNull(),
  nowDay: text("now_day"),
});

/**
 * Initiatives and volunteers (distinct people within the neighbourhood) per neighbourhood and year;
 * on the current year's row also the volunteers on the rollup's day (`now_day`).
 */
export const overviewYears = sqliteTable(
  "overview_years",
  {
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    initiativesActive: integer("initiatives_active").notNull(),
    initiativesStarted: integer("initiatives_started").notNull(),
    initiativesStopped: integer("initiatives_stopped").notNull(),
    initiativesHandedOver: integer("initiatives_handed_over").notNull(),
    volunteersActive: integer("volunteers_active").notNull(),
    volunteersReturning: integer("volunteers_returning").notNull(),
    volunteersNow: integer("volunteers_now").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.neighbourhoodId, t.year] })],
);

/** Money per neighbourhood, year and kind: the yearly amount of every granted (or ended) stream running that year. */
export const overviewYearMoney = sqliteTable(
  "overview_year_money",
  {
    neighbourhoodId: text("neighbourhood_id")
      .notNull()
      .references(() => neighbourhoods.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    kind: text("kind").notNull(),
    cents: integer("cents").notNull(),
    streams: integer("streams").notNull(),
  },
  (t) => [primaryKey({ columns: [t.neighbourhoodId, t.year, t.kind] })],
);

/**
 * The few people who volunteer in more than one neighbourhood: in which neighbourhoods they were
 * active each year (and whether there the year before too), and (`now`, on the current year's
 * rows) where they volunteer on the rollup's day. Per-neighbourhood counts add up over a scope for everyone else; these rows correct the sum
 * so that a person counts once (overview of several neighbourhoods).
 */
export const overviewVolunteerSpread = sqliteTable(
  "overview_volunteer_spread",
  {
    personId: text("person_id").notNull(),
    year: integer("year").notNull(),
    neighbourhoodId: text("neighbourhood_id").notNull(),
    now: integer("now").notNull().default(0),
    /** Active in the same neighbourhood the year before (1/0): what the neighbourhood's own "returning" counted for them. */
    returnsHere: integer("returns_here").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.year, t.neighbourhoodId] }),
    // Covering for the overview's reads per scope (sql.ts: rolledVolYears, rolledVolunteersNow).
    index("overview_volunteer_spread_neighbourhood").on(t.neighbourhoodId, t.year, t.now, t.returnsHere, t.personId),
  ],
);
