// The partner overview's JSON, typed and documented field by field for the OpenAPI document.
// Fields read straight from an overview part (src/domain/overview/sql.ts) take their type from the
// part's own declaration and need a description here for each of them (a new field in the part
// does not type-check until it is described). The handler's answer is checked against these
// schemas by TypeScript, and test/api/overview-api.test.ts parses a real answer with them (strict
// objects: an undocumented field fails).
import "@hono/zod-openapi"; // adds .openapi() to zod's schemas before this module uses it
import * as z from "zod";
import { ASSET_CATEGORIES, FUNDING_KINDS, RISK_LEVELS } from "../../db/schema";
import { PARTS, type Fields, type Kind } from "../../domain/overview/sql";
import { OVERVIEW_TABLES } from "../../domain/overview/tables";
import { RiskFlag } from "./risks";

type KindSchema = {
  text: z.ZodString;
  textOrNull: z.ZodNullable<z.ZodString>;
  int: z.ZodNumber;
  intOrNull: z.ZodNullable<z.ZodNumber>;
  bool: z.ZodBoolean;
  json: z.ZodUnknown;
};
const KIND: { [K in Kind]: () => KindSchema[K] } = {
  text: () => z.string(),
  textOrNull: () => z.string().nullable(),
  int: () => z.number().int(),
  intOrNull: () => z.number().int().nullable(),
  bool: () => z.boolean(),
  json: () => z.unknown(),
};

/** The zod shape of an overview part's fields, but those in S. */
type PartShape<F extends Fields, S extends keyof F> = { [K in Exclude<keyof F, S>]: KindSchema[F[K]] };

/** The fields of an overview part as zod, each with its description; `skip` leaves fields out (the caller reshapes them). */
function partShape<const F extends Fields, const S extends keyof F = never>(
  fields: F,
  about: { [K in Exclude<keyof F, S>]: string },
  skip: readonly S[] = [],
): PartShape<F, S> {
  const out: Record<string, z.ZodType> = {};
  for (const [key, kind] of Object.entries(fields)) {
    if ((skip as readonly string[]).includes(key)) continue;
    out[key] = KIND[kind]().openapi({ description: (about as Record<string, string>)[key]! });
  }
  // Built key by key from `fields`, so TypeScript cannot follow the mapping: the type says what it is.
  return out as PartShape<F, S>;
}

const int = (description: string) => z.number().int().openapi({ description });
const cents = (description: string) =>
  z
    .number()
    .int()
    .openapi({ description: `${description} In cents per year.` });
const date = (description: string) => z.string().openapi({ format: "date", description });
const level = z.enum(RISK_LEVELS);

const Neighbourhood = z
  .strictObject(
    partShape(PARTS.hoods.fields, {
      id: "The neighbourhood's id.",
      name: "Its name.",
      slug: "Its short name in addresses (the public page, file names).",
      municipality: "Its municipality.",
      published: "Whether it has a public page.",
      activeInitiatives: "Initiatives that are active now (not archived).",
      pausedInitiatives: "Initiatives that are paused now.",
      activities: "Counted activities: not archived, of an active or paused initiative.",
      volunteers: "People volunteering today in an active or paused initiative here.",
      urgent: "Counted activities at level urgent.",
      atRisk: "Counted activities at level at_risk.",
      watch: "Counted activities at level watch.",
      cliffCents: "Money per year (cents) of granted streams ending in the funding cliff's eight quarters.",
      shortfallCents: "Of that, what no granted renewal or successor replaces (cents per year).",
      facilities: "Facilities (not archived).",
    }),
  )
  .openapi("OverviewNeighbourhood");

const Now = z
  .strictObject(
    partShape(PARTS.now.fields, {
      activeInitiatives: "Active initiatives (not archived).",
      pausedInitiatives: "Paused initiatives.",
      activities: "Counted activities: not archived, of an active or paused initiative. The levels add up to this.",
      volunteers: "Distinct people volunteering today in an active or paused initiative (each once, also across neighbourhoods).",
      facilities: "Facilities (not archived).",
    }),
  )
  .openapi("OverviewNow", { description: "What runs now." });

const Levels = z
  .strictObject({
    ok: int("Counted activities without flags (or only a planned ending)."),
    watch: int("Counted activities at level watch."),
    at_risk: int("Counted activities at level at_risk."),
    urgent: int("Counted activities at level urgent."),
  })
  .openapi("OverviewLevels", { description: "Counted activities per level; they add up to now.activities." });

const AtRiskItem = z
  .strictObject({
    ...partShape(
      PARTS.atRisk.fields,
      {
        activityId: "The activity's id.",
        activityName: "The activity's name.",
        initiativeId: "Its initiative's id.",
        initiativeName: "The initiative's name.",
        neighbourhoodId: "The neighbourhood's id.",
        neighbourhoodName: "The neighbourhood's name.",
        runwayMonths: "Whole months until its money runs out; null when none ends.",
        levelSince: "The day the current level began.",
      },
      ["level", "flags", "coordinators"],
    ),
    level: level.openapi({ description: "watch, at_risk or urgent." }),
    flags: z.array(RiskFlag).openapi({ description: "Its flags, without volunteers' names." }),
    coordinators: z.array(z.string()).openapi({ description: "The initiative's coordinators by name (the only people shown by name)." }),
  })
  .openapi("OverviewAtRiskItem");

const CliffQuarter = z
  .strictObject({
    key: z.string().openapi({ description: 'The quarter as "YYYY-Q", e.g. "2026-3".', example: "2026-3" }),
    year: int("The quarter's year."),
    quarter: int("The quarter (1–4)."),
    startsOn: date("Its first day."),
    endsOn: date("Its last day."),
    cents: cents("Money of granted streams ending this quarter."),
    arranged: cents("Of that, replaced by a granted renewal or granted successors."),
    pending: cents("Of that, not replaced yet but on its way (a renewal planned or applied for, a successor applied for)."),
    none: cents("Of that, nothing arranged."),
    shortfall: cents("What is not replaced: pending + none."),
    streams: int("How many streams end this quarter."),
    ownCents: cents("The viewing partner's own streams ending this quarter (0 for admins)."),
    ownShortfall: cents("Of the partner's own, what is not replaced."),
    ownStreams: int("How many of the partner's own streams end this quarter."),
    activities: int("Counted activities linked to the money ending this quarter."),
    shortfallActivities: int("Of those, the ones linked to money that is not (all) replaced."),
    commitments: int("Partner commitments ending this quarter."),
    ownCommitments: int("Of those, the viewing partner's own."),
  })
  .openapi("OverviewCliffQuarter");

const OwnItem = z
  .strictObject({
    ...partShape(
      PARTS.own.fields,
      {
        id: "The stream's or commitment's id.",
        what: "A stream's source, or a commitment's description.",
        kind: "A stream's kind (wijkbudget, subsidy, …) or a commitment's kind (hours, room, money, material).",
        cents: "A stream's money per year in cents; null for a commitment.",
        shortfallCents: "Of a stream's money, what is not replaced (cents per year); null for a commitment.",
        endsOn: "The day it ends.",
        renewalState: "Its renewal: none, planned, applied or granted.",
        initiativeId: "The initiative's id.",
        initiativeName: "The initiative's name.",
        activities: "Counted activities that lean on it.",
      },
      ["type", "total"],
    ),
    type: z.enum(["funding", "commitment"]).openapi({ description: "A funding stream from the partner, or a commitment of the partner." }),
  })
  .openapi("OverviewOwnItem", { description: "The viewing partner's own money or commitment that ends within the funding cliff." });

const Cliff = z
  .strictObject({
    quarters: z.array(CliffQuarter).openapi({ description: "Today's quarter and the seven after it." }),
    totalCents: cents("All money ending in those quarters."),
    arrangedCents: cents("Of that, replaced."),
    shortfallCents: cents("Of that, not replaced."),
    ownCents: cents("The viewing partner's own money ending."),
    ownShortfallCents: cents("Of the partner's own, not replaced."),
    totalActivities: int("Counted activities linked to money ending in those quarters (each once)."),
    shortfallActivities: int("Of those, linked to money not (all) replaced."),
    own: z.array(OwnItem).openapi({ description: "The partner's own streams and commitments ending then (empty for admins)." }),
    ownTotal: int("How many there are in all."),
  })
  .openapi("OverviewCliff", { description: "The funding cliff: money per year of granted streams that ends in the next eight quarters." });

const perKind = z
  .strictObject(
    Object.fromEntries(FUNDING_KINDS.map((k) => [k, cents(`Money of kind ${k}.`)])) as Record<(typeof FUNDING_KINDS)[number], z.ZodNumber>,
  )
  .openapi({ description: "Money per kind of funding (cents per year)." });

const YearFigures = z
  .strictObject({
    year: int("The calendar year."),
    activeInitiatives: int("Initiatives active (or paused) that year: by its check-in, else by its status and when that began."),
    started: int("Initiatives started that year."),
    stopped: int("Initiatives stopped that year."),
    handedOver: int("Initiatives handed over that year."),
    volunteers: int("Distinct people volunteering at some time that year."),
    newcomers: int("Of those, not volunteering the year before."),
    leavers: int("Volunteering the year before, not this year."),
    returning: int("Volunteering this year and the year before."),
    retention: z
      .number()
      .nullable()
      .openapi({ description: "returning ÷ volunteers the year before (0–1); null when there were none the year before." }),
    funding: perKind,
    fundingTotal: cents("Money of every granted (or since ended) stream running at some time that year."),
  })
  .openapi("OverviewYear");

const Continuity = z
  .strictObject({
    living: int("Active or paused initiatives."),
    olderThan: z
      .strictObject({
        1: int("Of those, started at least 1 year ago."),
        3: int("Started at least 3 years ago."),
        5: int("Started at least 5 years ago."),
      })
      .openapi({ description: "Living initiatives by age in years." }),
    afterFundingEnded: z
      .strictObject({
        continued: int("Activities whose money ended and that go on (initiative active)."),
        paused: int("Their initiative is paused."),
        handedOver: int("Their initiative was handed over."),
        stopped: int("Stopped (the initiative stopped, or the activity was archived)."),
        total: int("All activities whose money ended."),
      })
      .openapi({ description: "What became of activities after a stream they leaned on ended." }),
  })
  .openapi("OverviewContinuity", { description: "How lasting the initiatives are." });

const Assets = z
  .strictObject(
    Object.fromEntries(ASSET_CATEGORIES.map((k) => [k, int(`Assets in the category ${k}.`)])) as Record<
      (typeof ASSET_CATEGORIES)[number],
      z.ZodNumber
    >,
  )
  .openapi("OverviewAssets", { description: "The asset register (buurtkracht) per category (not archived)." });

const Facility = z
  .strictObject({
    ...partShape(
      PARTS.facilities.fields,
      {
        id: "The facility's id.",
        name: "Its name.",
        kind: "Its kind, as typed (community centre, garden, …).",
        neighbourhoodName: "The neighbourhood's name.",
        ownerName: "The owner (a partner), or null.",
        agreement: "The agreement that lets residents use it.",
        endsOn: "The day the agreement ends, or null.",
        renewalState: "Its renewal: none, planned, applied or granted.",
        activities: "Counted activities that take place there.",
      },
      ["ownerId", "total"],
    ),
    own: z.boolean().openapi({ description: "Owned by the viewing partner." }),
  })
  .openapi("OverviewFacility");

const Headline = z
  .strictObject({
    money: z
      .array(
        z.strictObject({
          key: z.string().openapi({ description: 'The quarter as "YYYY-Q".' }),
          year: int("The quarter's year."),
          quarter: int("The quarter (1–4)."),
          cents: cents("Money ending that quarter."),
          shortfall: cents("Of that, not replaced."),
          pending: cents("Of that, on its way."),
        }),
      )
      .openapi({ description: "The quarters among the next four in which money ends, in order." }),
    moneyCents: cents("All money ending in those quarters."),
    shortfallCents: cents("Of that, not replaced."),
    urgent: int("Counted activities at level urgent."),
    atRisk: int("Counted activities at level at_risk."),
    urgentItems: z
      .array(
        z.strictObject({
          activityId: z.string().openapi({ description: "The activity's id." }),
          activityName: z.string().openapi({ description: "Its name." }),
          initiativeId: z.string().openapi({ description: "Its initiative's id." }),
          initiativeName: z.string().openapi({ description: "The initiative's name." }),
          reason: z.string().nullable().openapi({ description: "Its first reason in a sentence." }),
        }),
      )
      .openapi({ description: "The most urgent activities (at most three)." }),
    volunteers: z
      .strictObject({
        year: int("This year."),
        count: int("Volunteers this year."),
        lastYear: int("Last year."),
        lastCount: int("Volunteers last year."),
      })
      .nullable()
      .openapi({ description: "Volunteers this year and last year; null when neither year had any." }),
  })
  .openapi("OverviewHeadline", { description: "The story in a few lines, from the figures below." });

export const OverviewSchema = z
  .strictObject({
    today: date("The day the figures are for (today in the Netherlands)."),
    neighbourhoods: z.array(Neighbourhood).openapi({ description: "The neighbourhoods covered, by name, each with its own figures." }),
    now: Now,
    levels: Levels,
    atRisk: z.array(AtRiskItem).openapi({ description: "Counted activities at watch or worse, most urgent first (all of them)." }),
    atRiskTotal: int("How many counted activities are at watch or worse."),
    cliff: Cliff,
    years: z.array(YearFigures).openapi({ description: "The last ten years, oldest first, this year included." }),
    continuity: Continuity,
    assets: Assets,
    assetsTotal: int("All assets (not archived)."),
    facilities: z.array(Facility).openapi({ description: "Facilities by the end of their agreement (those without an end last)." }),
    facilitiesTotal: int("How many facilities there are."),
    headline: Headline,
  })
  .openapi("Overview", {
    description:
      "The partner overview's figures. Counted activities: not archived, of an active or paused initiative (the same in every figure). Money in cents per year.",
  });

export const TableName = z.enum(OVERVIEW_TABLES).openapi({ description: "Which table of the overview." });

const cell = z
  .union([z.string(), z.number(), z.array(z.string()), z.null()])
  .openapi({ description: "Money in cents, dates YYYY-MM-DD, percent as a share (0–1), counts as numbers, lists (reasons) as arrays." });

export const OverviewTableSchema = z
  .strictObject({
    table: TableName,
    caption: z.string().openapi({ description: "The table's caption in the caller's language." }),
    today: date("The day the figures are for."),
    columns: z
      .array(
        z.strictObject({
          key: z.string().openapi({ description: "The key of this column in each row." }),
          header: z.string().openapi({ description: "The column's header, as in the CSV." }),
          type: z.enum(["count", "money", "date", "text", "percent", "list"]).openapi({ description: "What kind of value it holds." }),
        }),
      )
      .openapi({ description: "The columns in order: the same as the CSV's (a partner's own money only for partner tokens)." }),
    rows: z.array(z.record(z.string(), cell)).openapi({ description: "The rows, each an object by column key." }),
  })
  .openapi("OverviewTable");
