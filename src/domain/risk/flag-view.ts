// The one shape in which a flag leaves the app: the API's risks, the overview (page, CSV, JSON).
// Stored flags (rules.ts `Flag`) keep what the rules need (params); readers get the rule as `code`,
// a plain sentence in their language (`reason`), what the flag is about (`subject`, by name) and,
// where it applies, the end date and the money per year that falls away.
import type { Flag, RiskRule, Severity } from "./rules";
import { explainFlag, roleLabel, type ExplainLocale } from "./explain";

export type FlagSubjectType = "activity" | "initiative" | "funding" | "source" | "role" | "facility" | "commitment" | "asset" | "task";
export const FLAG_SUBJECT_TYPES: readonly FlagSubjectType[] = [
  "activity",
  "initiative",
  "funding",
  "source",
  "role",
  "facility",
  "commitment",
  "asset",
  "task",
];

/** Every rule, in the order of rules.ts (the API documents them as the values of `code`). */
export const RISK_RULES = [
  "funding_cliff",
  "running_on_nothing",
  "concentration",
  "key_person",
  "few_volunteers",
  "shrinking",
  "facility_ending",
  "commitment_ending",
  "stale_checkin",
  "stale_asset",
  "neglected_upkeep",
  "planned_ending",
] as const satisfies readonly RiskRule[];
// A rule added to RiskRule but not listed above fails here.
const _everyRule: (typeof RISK_RULES)[number] = null as unknown as RiskRule;

export type PublicFlag = {
  code: RiskRule;
  severity: Severity;
  /** The day this condition began (stable while it holds). */
  since: string;
  /** One plain sentence naming the cause and the date, in the reader's language. */
  reason: string;
  subject: { type: FlagSubjectType; id: string; name: string };
  /** When the money, place or commitment ends (or ended). */
  endsOn?: string;
  /** Money per year that falls away when a funding stream ends: its amount minus what renews or succeeds it. */
  shortfallCentsPerYear?: number;
};

/** What the flag belongs to: the activity and its initiative, by id and name. */
export type FlagContext = { activityId: string; activityName: string; initiativeId: string; initiativeName: string };

const text = (p: Flag["params"], key: string) => (p[key] === undefined ? "" : String(p[key]));

function subjectOf(flag: Flag, ctx: FlagContext, locale: ExplainLocale): PublicFlag["subject"] {
  const p = flag.params;
  const activity = { type: "activity" as const, id: ctx.activityId, name: ctx.activityName };
  switch (flag.rule) {
    case "funding_cliff":
      return { type: "funding", id: flag.subjectId, name: text(p, "sourceName") };
    case "planned_ending":
      return text(p, "phase") === "ended" ? activity : { type: "funding", id: flag.subjectId, name: text(p, "sourceName") };
    case "concentration":
      return { type: "source", id: flag.subjectId, name: text(p, "sourceName") };
    case "key_person":
      return { type: "role", id: flag.subjectId, name: roleLabel(flag.subjectId, locale) };
    case "facility_ending":
      return { type: "facility", id: flag.subjectId, name: text(p, "facilityName") };
    case "commitment_ending": {
      const what = text(p, "description");
      return { type: "commitment", id: flag.subjectId, name: what ? `${text(p, "partnerName")}: ${what}` : text(p, "partnerName") };
    }
    case "stale_checkin":
      return { type: "initiative", id: ctx.initiativeId, name: ctx.initiativeName };
    case "stale_asset":
      return { type: "asset", id: flag.subjectId, name: text(p, "assetName") };
    case "neglected_upkeep":
      return { type: "task", id: flag.subjectId, name: text(p, "title") };
    case "running_on_nothing":
    case "few_volunteers":
    case "shrinking":
      return activity;
  }
}

/**
 * A stored flag as readers get it. Volunteers' names stay out unless `personNames` (admins): the
 * overview and partners never see who holds a role, only the role.
 */
export function publicFlag(flag: Flag, ctx: FlagContext, locale: ExplainLocale, opts: { personNames?: boolean } = {}): PublicFlag {
  const { personName: _n, personId: _i, ...anonymous } = flag.params;
  const shown = opts.personNames ? flag : { ...flag, params: anonymous };
  const p = flag.params;
  const out: PublicFlag = {
    code: flag.rule,
    severity: flag.severity,
    since: flag.since,
    reason: explainFlag(shown, locale),
    subject: subjectOf(flag, ctx, locale),
  };
  if (typeof p.endsOn === "string") out.endsOn = p.endsOn;
  if (typeof p.shortfallCentsPerYear === "number") out.shortfallCentsPerYear = p.shortfallCentsPerYear;
  return out;
}
