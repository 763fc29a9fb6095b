// Demo data for local development: a fictional neighbourhood, De Vlinderbuurt in Lindenstad, with
// initiatives of different ages, money ending at different moments, a place whose agreement ends,
// a cook nobody can replace and a key holder with a reserve and a handover note, ten years of
// check-ins, upkeep tasks and assets in every category, residents' offers on the public page (on):
// one accepted (a cook, for the meal whose only cook is a key person), one waiting for a
// coordinator; and a grant decision letter (a small PDF made here) in the garden's binder, which the
// housing corporation's Pieter (linked to the neighbourhood) may download and the fund's Lisa (not
// linked) may not. Dates are relative to `today`, so the demo always shows what is coming up; the
// risk of every activity is computed at the end, so each kind of flag is visible.
// One file (over 400 lines): the demo is one story; its parts refer to each other's rows.
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import * as s from "../db/schema";
import { formatDate, translator } from "../i18n";
import { addDocument, findSubject } from "../domain/documents/documents";
import { simplePdf } from "./demo-pdf";
import { addFromLibrary } from "../domain/tasks/library";
import { recomputeRisk } from "../domain/risk/store";
import { addDays, todayInAmsterdam, yearOf } from "../lib/dates";

export const DEMO_PEOPLE = {
  admin: { email: "beheer@vlinderbuurt.example", name: "Anouk de Beheerder" },
  coordinator: { email: "samira@vlinderbuurt.example", name: "Samira Bouzid" },
  coordinator2: { email: "henk@vlinderbuurt.example", name: "Henk Jansen" },
  partner: { email: "pieter@woonstichting.example", name: "Pieter van Dam" },
  /** A partner whose organisation (Fonds Samen Doen) is not linked to the demo neighbourhood. */
  otherPartner: { email: "lisa@fondssamendoen.example", name: "Lisa Verbeek" },
} as const;

export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(s.neighbourhoods);
  return (row?.n ?? 0) === 0;
}

/**
 * Inserts the demo when the database is empty; does nothing otherwise. Returns whether it seeded.
 * `documents` is the R2 bucket the demo's grant decision letter goes into.
 */
export async function seedDemo(db: Db, now: Date, documents: R2Bucket): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const today = todayInAmsterdam(now);
  const day = (n: number) => addDays(today, n);
  const year = yearOf(today);
  const at = now.toISOString();
  const stamp = { createdAt: at, updatedAt: at };
  const id = () => crypto.randomUUID();

  // Its public page is on, with the form where residents offer their help.
  const hood = { id: id(), name: "De Vlinderbuurt", municipality: "Lindenstad", slug: "vlinderbuurt", published: true, ...stamp };
  const corp = { id: id(), name: "Woonstichting Lindenhof", kind: "housing_corporation" as const, ...stamp };
  const gemeente = { id: id(), name: "Gemeente Lindenstad", kind: "municipality" as const, ...stamp };
  const welzijn = { id: id(), name: "Welzijn Lindenstad", kind: "welfare" as const, ...stamp };
  const fonds = { id: id(), name: "Fonds Samen Doen", kind: "fund" as const, ...stamp };

  const person = (name: string, over: Partial<typeof s.people.$inferInsert> = {}) => ({
    id: id(),
    name,
    locale: "nl" as const,
    neighbourhoodId: hood.id,
    ...stamp,
    ...over,
  });
  const admin = person(DEMO_PEOPLE.admin.name, { email: DEMO_PEOPLE.admin.email, isAdmin: true });
  const samira = person(DEMO_PEOPLE.coordinator.name, { email: DEMO_PEOPLE.coordinator.email });
  const henk = person(DEMO_PEOPLE.coordinator2.name, { email: DEMO_PEOPLE.coordinator2.email });
  const pieter = person(DEMO_PEOPLE.partner.name, { email: DEMO_PEOPLE.partner.email });
  const lisa = person(DEMO_PEOPLE.otherPartner.name, { email: DEMO_PEOPLE.otherPartner.email, neighbourhoodId: null });
  const residents = [
    "Fatima el Amrani",
    "Jan de Vries",
    "Ria Bakker",
    "Mohamed Yilmaz",
    "Els Visser",
    "Kees Mulder",
    "Anna Smit",
    "Tom Meijer",
    "Noor Hendriks",
    "Bram de Boer",
    "Lotte Dekker",
    "Yusuf Kaya",
  ].map((name, i) => person(name, i % 3 === 0 ? { email: `${name.split(" ")[0]!.toLowerCase()}@vlinderbuurt.example` } : {}));
  const r = (i: number) => residents[i]!;
  // Residents who offered their help on the public page (they confirmed it from the mail).
  const dewi = person("Dewi Kartosen", { email: "dewi@vlinderbuurt.example" });
  const bas = person("Bas Hoekstra", { email: "bas@vlinderbuurt.example" });

  const initiative = (name: string, purpose: string, startedYear: number, over: Partial<typeof s.initiatives.$inferInsert> = {}) => ({
    id: id(),
    neighbourhoodId: hood.id,
    name,
    purpose,
    startedYear,
    statusSince: `${startedYear}-03-01`,
    ...stamp,
    ...over,
  });
  const garden = initiative("Moestuin De Vlinder", "Samen groente kweken en oogsten op het veld achter de school.", year - 10, {
    continuationPlan: "successor_funding",
    continuationNote: "De gemeente heeft de subsidie verlengd, met wat minder geld.",
  });
  const meal = initiative("Eettafel Op De Hoek", "Elke week samen eten voor een klein bedrag, gekookt door buren.", year - 4);
  const language = initiative("Taalcafé Vlinder", "Nederlands oefenen in gesprek, met koffie.", year - 2, {
    continuationPlan: "volunteers_only",
    continuationNote: "Sinds het fonds stopte, draait het op vrijwilligers en een fooienpot.",
  });
  const repair = initiative("Repair Café", "Samen spullen repareren in plaats van weggooien.", year - 6);
  const festival = initiative("Buurtfeest 2026", "Het jubileumfeest van de buurt, één keer, met afscheid.", year - 1, {
    continuationPlan: "planned_ending",
    plannedEndOn: day(75),
    continuationNote: "Na het feest stoppen we, met een mooie afsluiting.",
  });

  const buurthuis = {
    id: id(),
    neighbourhoodId: hood.id,
    name: "Buurthuis De Linde",
    kind: "buurthuis",
    ownerPartnerId: corp.id,
    agreement: "Bruikleenovereenkomst met de woonstichting",
    agreementEndsOn: day(100),
    ...stamp,
  };
  const veld = {
    id: id(),
    neighbourhoodId: hood.id,
    name: "Moestuinveld achter de school",
    kind: "moestuin",
    ownerPartnerId: gemeente.id,
    agreement: "Gebruiksovereenkomst met de gemeente",
    agreementEndsOn: day(900),
    renewalState: "none" as const,
    ...stamp,
  };

  const activity = (initiativeId: string, name: string, rhythm: string, facilityId: string | null, place = "") => ({
    id: id(),
    initiativeId,
    name,
    rhythm,
    place,
    facilityId,
    ...stamp,
  });
  const tuindag = activity(garden.id, "Tuindag", "elke zaterdag", veld.id);
  const oogst = activity(garden.id, "Oogstmaaltijd", "vier keer per jaar", buurthuis.id);
  const maaltijd = activity(meal.id, "Wekelijkse maaltijd", "elke donderdag", buurthuis.id);
  const gesprek = activity(language.id, "Taalgesprek", "elke dinsdagochtend", null, "Bibliotheek Lindenstad");
  const reparatie = activity(repair.id, "Reparatiemiddag", "eerste zaterdag van de maand", buurthuis.id);
  const feest = activity(festival.id, "Jubileumfeest", "één keer", null, "Het pleintje");

  const funding = (
    initiativeId: string,
    over: Partial<typeof s.fundingStreams.$inferInsert> & { sourceName: string; kind: s.FundingKind },
  ) => ({
    id: id(),
    initiativeId,
    amountCentsPerYear: 250_000,
    startsOn: `${year - 1}-01-01`,
    status: "granted" as const,
    ...stamp,
    ...over,
  });
  const gardenSubsidy = funding(garden.id, {
    sourceName: gemeente.name,
    sourcePartnerId: gemeente.id,
    kind: "subsidy",
    amountCentsPerYear: 300_000,
    startsOn: `${year - 10}-01-01`,
    endsOn: day(120),
    renewalState: "none",
    reportDueOn: day(150),
    reference: `SUB-${year - 10}-0147`,
  });
  // The renewal, as its own stream: € 2.500 of the € 3.000 a year is arranged, € 500 falls away.
  const gardenSubsidyRenewal = funding(garden.id, {
    sourceName: gemeente.name,
    sourcePartnerId: gemeente.id,
    kind: "subsidy",
    amountCentsPerYear: 250_000,
    startsOn: day(121),
    endsOn: day(121 + 3 * 365),
    replacesFundingId: gardenSubsidy.id,
  });
  const gardenFund = funding(garden.id, {
    sourceName: "Groenfonds Lindenstad",
    kind: "fund",
    amountCentsPerYear: 150_000,
    startsOn: `${year - 3}-01-01`,
  });
  const mealBudget = funding(meal.id, {
    sourceName: "Wijkbudget Vlinderbuurt",
    sourcePartnerId: gemeente.id,
    kind: "wijkbudget",
    amountCentsPerYear: 400_000,
    endsOn: day(45),
    reportDueOn: day(75),
  });
  const mealOwn = funding(meal.id, {
    sourceName: "Bijdrage van de eters",
    kind: "own_income",
    amountCentsPerYear: 120_000,
    startsOn: `${year - 4}-01-01`,
  });
  const languageFund = funding(language.id, {
    sourceName: fonds.name,
    sourcePartnerId: fonds.id,
    kind: "fund",
    amountCentsPerYear: 200_000,
    startsOn: `${year - 2}-01-01`,
    endsOn: day(-60),
    status: "ended",
  });
  const repairSponsor = funding(repair.id, {
    sourceName: "Bouwmarkt Lindenstad",
    kind: "sponsor",
    amountCentsPerYear: 80_000,
    startsOn: `${year - 5}-01-01`,
    endsOn: day(-20),
    status: "ended",
  });
  const festivalBudget = funding(festival.id, {
    sourceName: "Wijkbudget Vlinderbuurt",
    sourcePartnerId: gemeente.id,
    kind: "wijkbudget",
    amountCentsPerYear: 500_000,
    endsOn: day(75),
  });

  const inv = (
    p: { id: string },
    initiativeId: string,
    role: string,
    since: string,
    over: Partial<typeof s.involvements.$inferInsert> = {},
  ) => ({
    id: id(),
    personId: p.id,
    initiativeId,
    role,
    since,
    ...stamp,
    ...over,
  });
  const involvementRows = [
    inv(samira, garden.id, "coordinator", `${year - 10}-03-01`),
    // The key holder has a reserve who could take over, and wrote down what they would need to know.
    inv(r(0), garden.id, "key_holder", `${year - 8}-04-01`, {
      critical: true,
      activityId: tuindag.id,
      reservePersonId: r(3).id,
      handoverNote:
        "De sleutel van de schuur hangt aan het rode koord in mijn gang; de reservesleutel ligt bij de conciërge van De Regenboog. " +
        "Het hek gaat op zaterdag om 9 uur open; de code vraag je aan Samira. Water: de kraan achter de school.",
    }),
    inv(r(1), garden.id, "treasurer", `${year - 6}-01-01`, { critical: true }),
    inv(r(2), garden.id, "treasurer", `${year - 3}-01-01`, { critical: true }),
    inv(r(3), garden.id, "volunteer", `${year - 5}-05-01`),
    inv(r(4), garden.id, "volunteer", `${year - 2}-05-01`),
    inv(r(5), garden.id, "volunteer", `${year - 9}-05-01`, { until: `${year - 2}-12-31` }),
    inv(samira, meal.id, "coordinator", `${year - 4}-01-01`),
    inv(r(6), meal.id, "cook", `${year - 4}-01-01`, { critical: true, activityId: maaltijd.id }),
    inv(r(7), meal.id, "host", `${year - 3}-01-01`),
    inv(r(8), meal.id, "volunteer", `${year - 3}-01-01`, { until: `${year - 1}-10-31` }),
    inv(r(9), meal.id, "volunteer", `${year - 2}-01-01`, { until: `${year - 1}-11-30` }),
    inv(r(10), meal.id, "volunteer", `${year - 2}-01-01`, { until: `${year - 1}-12-31` }),
    inv(henk, language.id, "coordinator", `${year - 2}-09-01`),
    inv(r(11), language.id, "host", `${year - 2}-09-01`),
    inv(r(3), language.id, "volunteer", `${year - 1}-01-01`),
    inv(henk, repair.id, "coordinator", `${year - 6}-01-01`),
    inv(r(5), festival.id, "volunteer", `${year - 1}-06-01`),
  ];

  const checkin = (initiativeId: string, y: number, over: Partial<typeof s.checkins.$inferInsert> = {}) => ({
    id: id(),
    initiativeId,
    year: y,
    status: "active" as const,
    createdAt: `${y}-12-10T10:00:00.000Z`,
    updatedAt: `${y}-12-10T10:00:00.000Z`,
    ...over,
  });
  const gardenStories = [
    "Het eerste jaar: tien bakken en veel onkruid.",
    "De school doet mee; kinderen zaaien bonen.",
    "Een waterpomp gekregen van de woonstichting.",
    "Eerste oogstmaaltijd in het buurthuis.",
    "Een koude lente, maar de pompoenen waren enorm.",
    "Nieuwe penningmeester en een kas van pallets.",
    "Tuindag elke zaterdag, ook in de winter.",
    "Samen met het taalcafé een kruidentuin.",
    "Twintig buren deden mee met de oogst.",
    "Subsidie verlengd; nu ook een fonds voor het gereedschap.",
  ];
  const checkinRows = [
    ...gardenStories.map((story, i) =>
      checkin(garden.id, year - 10 + i, {
        volunteers: 3 + (i % 4),
        peopleReached: 20 + i * 8,
        story,
        wentWell: i % 2 ? "Veel nieuwe gezichten." : "",
      }),
    ),
    checkin(meal.id, year - 2, { volunteers: 6, peopleReached: 40, story: "Elke week dertig eters." }),
    checkin(meal.id, year - 1, { volunteers: 4, peopleReached: 35, story: "Twee koks gestopt; gelukkig kookt Anna nog." }),
    checkin(language.id, year - 1, { volunteers: 3, peopleReached: 25, story: "Het fonds stopt; we gaan door met vrijwilligers." }),
    checkin(repair.id, year - 3, { volunteers: 4, peopleReached: 60, story: "Honderd dingen gemaakt." }),
  ];

  const commitment = {
    id: id(),
    partnerId: corp.id,
    initiativeId: meal.id,
    kind: "room" as const,
    description: "De grote zaal op donderdag",
    startsOn: `${year - 4}-01-01`,
    endsOn: day(90),
    ...stamp,
  };
  const welzijnHours = {
    id: id(),
    partnerId: welzijn.id,
    initiativeId: garden.id,
    kind: "hours" as const,
    description: "4 uur per week een opbouwwerker",
    startsOn: `${year - 2}-01-01`,
    ...stamp,
  };

  const asset = (
    category: s.AssetCategory,
    name: string,
    description: string,
    confirmed: string,
    over: Partial<typeof s.assets.$inferInsert> = {},
  ) => ({
    id: id(),
    neighbourhoodId: hood.id,
    category,
    name,
    description,
    lastConfirmedOn: confirmed,
    ...stamp,
    ...over,
  });
  const assetRows = [
    asset("gifts", "Ria kan naaien", "Zoomt broeken en repareert tassen voor buren.", day(-30)),
    asset("gifts", "Kees weet alles van fietsen", "Helpt bij het Repair Café.", day(-900)),
    asset("associations", "Voetbalclub VV Vlinder", "Jeugdteams en een kantine.", day(-120)),
    asset("institutions", "Basisschool De Regenboog", "Stelt het veld en de aula beschikbaar.", day(-60)),
    asset("places", "Het pleintje bij de kerk", "Bankjes, schaduw en ruimte voor een feest.", day(-200)),
    asset("economy", "Bakkerij Van Dijk", "Geeft brood van gisteren aan de eettafel.", day(-40), {
      contactName: "Marja van Dijk",
      contactInfo: "06 12345678",
      contactConsentOn: day(-40),
    }),
    asset("stories", "Hoe de buurt de speeltuin redde (1998)", "Het verhaal van de handtekeningenactie.", day(-400)),
    asset("connections", "De appgroep van de Bloemstraat", "Buren helpen elkaar met boodschappen.", day(-15)),
  ];
  const leansOn = [
    { assetId: assetRows[3]!.id, initiativeId: garden.id },
    { assetId: assetRows[5]!.id, initiativeId: meal.id },
    { assetId: assetRows[1]!.id, initiativeId: repair.id },
    { assetId: assetRows[4]!.id, initiativeId: festival.id },
  ];

  const overdueTask = {
    id: id(),
    initiativeId: repair.id,
    subjectType: "initiative" as const,
    subjectId: repair.id,
    title: "Elektrische apparaten laten keuren",
    why: "Zonder keuring mogen we geen apparaten met stroom repareren.",
    scheduleKind: "once" as const,
    dueOn: day(-45),
    leadDays: 14,
    graceDays: 7,
    assigneeRoles: JSON.stringify(["coordinator"]),
    ...stamp,
  };

  const soonTask = {
    id: id(),
    initiativeId: meal.id,
    subjectType: "facility" as const,
    subjectId: buurthuis.id,
    title: "Sleutel en alarmcode van het buurthuis controleren",
    why: "Zonder sleutel kan de maaltijd op donderdag niet door.",
    scheduleKind: "interval" as const,
    dueOn: day(4),
    intervalCount: 3,
    intervalUnit: "month" as const,
    intervalFrom: "completion" as const,
    leadDays: 7,
    graceDays: 7,
    assigneeRoles: JSON.stringify(["key_holder", "coordinator"]),
    ...stamp,
  };

  // A resident without an account holds the shed key: their reminder arrives by mail.
  const shedTask = {
    id: id(),
    initiativeId: garden.id,
    subjectType: "activity" as const,
    subjectId: tuindag.id,
    title: "Schuur en gereedschap nalopen voor de winter",
    why: "Zonder werkend gereedschap kan de tuindag niet door.",
    scheduleKind: "interval" as const,
    dueOn: day(3),
    intervalCount: 1,
    intervalUnit: "year" as const,
    intervalFrom: "due" as const,
    leadDays: 7,
    graceDays: 7,
    assigneeRoles: JSON.stringify(["key_holder"]),
    ...stamp,
  };

  // An admin added a kind of help to the starter list (which the migration brings).
  const repairing = { id: id(), name: "repareren", nameEn: "repairing", ...stamp };
  const offer = (who: { id: string }, text: string, over: Partial<typeof s.offers.$inferInsert>) => ({
    asset: {
      id: id(),
      neighbourhoodId: hood.id,
      category: "gifts" as const,
      name: text,
      description: text,
      lastConfirmedOn: day(-12),
      ...stamp,
    },
    offer: {
      neighbourhoodId: hood.id,
      personId: who.id,
      frequency: "weekly" as const,
      consentOn: day(-12),
      confirmedAt: at,
      ...stamp,
      ...over,
    },
  });
  const offerRows = [
    {
      ...offer(dewi, "Ik kook graag voor grote groepen, ook Surinaams.", { status: "accepted", decidedAt: at, decidedBy: samira.id }),
      tags: ["tag-koken"],
    },
    { ...offer(bas, "Ik heb een bakfiets en haal graag boodschappen op voor buren.", { frequency: "sometimes" }), tags: ["tag-vervoer"] },
  ];

  await db.batch([
    db.insert(s.neighbourhoods).values(hood),
    db.insert(s.partnerOrgs).values([corp, gemeente, welzijn, fonds]),
    db.insert(s.partnerNeighbourhoods).values([corp, gemeente, welzijn].map((p) => ({ partnerId: p.id, neighbourhoodId: hood.id }))),
    db.insert(s.people).values([admin, samira, henk, pieter, lisa]),
    db.insert(s.people).values(residents.slice(0, 6)),
    db.insert(s.people).values(residents.slice(6)),
    db.insert(s.people).values([dewi, bas]),
    db.insert(s.offerTags).values(repairing),
    ...offerRows.flatMap((o) => [
      db.insert(s.assets).values(o.asset),
      db.insert(s.offers).values({ id: o.asset.id, ...o.offer }),
      ...o.tags.map((tagId) => db.insert(s.offerTagLinks).values({ offerId: o.asset.id, tagId })),
    ]),
    db.insert(s.partnerMembers).values([
      { partnerId: corp.id, personId: pieter.id },
      { partnerId: fonds.id, personId: lisa.id },
    ]),
    db.insert(s.initiatives).values([garden, meal, language]),
    db.insert(s.initiatives).values([repair, festival]),
    db.insert(s.initiativeCoordinators).values([
      { initiativeId: garden.id, personId: samira.id },
      { initiativeId: meal.id, personId: samira.id },
      { initiativeId: language.id, personId: henk.id },
      { initiativeId: repair.id, personId: henk.id },
      { initiativeId: festival.id, personId: samira.id },
    ]),
    db.insert(s.facilities).values([buurthuis, veld]),
    ...[tuindag, oogst, maaltijd, gesprek, reparatie, feest].map((a) => db.insert(s.activities).values(a)),
    ...[gardenSubsidy, gardenSubsidyRenewal, gardenFund, mealBudget, mealOwn, languageFund, repairSponsor, festivalBudget].map((f) =>
      db.insert(s.fundingStreams).values(f),
    ),
    db.insert(s.fundingActivities).values([
      { fundingId: gardenSubsidy.id, activityId: tuindag.id },
      { fundingId: gardenSubsidy.id, activityId: oogst.id },
      { fundingId: gardenFund.id, activityId: tuindag.id },
      { fundingId: mealBudget.id, activityId: maaltijd.id },
      { fundingId: mealOwn.id, activityId: maaltijd.id },
      { fundingId: languageFund.id, activityId: gesprek.id },
      { fundingId: repairSponsor.id, activityId: reparatie.id },
      { fundingId: festivalBudget.id, activityId: feest.id },
    ]),
    ...involvementRows.map((row) => db.insert(s.involvements).values(row)),
    ...checkinRows.map((row) => db.insert(s.checkins).values(row)),
    db.insert(s.commitments).values([commitment, welzijnHours]),
    ...assetRows.map((a) => db.insert(s.assets).values(a)),
    db.insert(s.assetInitiatives).values(leansOn),
    db.insert(s.tasks).values([overdueTask, soonTask, shedTask]),
  ]);

  // Upkeep from the starter library, through the same code a coordinator's tap runs.
  const t = translator("nl");
  for (const [init, keys] of [
    [garden, ["insurance", "thanks", "corporation", "assets"]],
    [meal, ["insurance", "vog", "bhv", "thanks"]],
    [language, ["thanks"]],
    [repair, ["insurance"]],
  ] as const) {
    for (const key of keys) await addFromLibrary(db, init, key, undefined, t, samira.id, now, today);
  }
  await addFromLibrary(db, garden, "report", gardenSubsidy.id, t, samira.id, now, today);
  await addFromLibrary(db, meal, "report", mealBudget.id, t, samira.id, now, today);

  // The garden's grant decision letter, through the same code an upload runs (R2, then the row).
  const letter = simplePdf(`${gemeente.name} - Beschikking subsidie`, [
    `Aan: ${garden.name}, t.a.v. ${samira.name}`,
    `Kenmerk: ${gardenSubsidy.reference}`,
    "",
    `Geachte mevrouw ${samira.name.split(" ").at(-1)},`,
    "",
    `Hierbij kennen wij ${garden.name} een subsidie toe van € 3.000 per jaar`,
    "voor het samen kweken en oogsten op het veld achter de school.",
    `De subsidie loopt tot en met ${formatDate("nl", gardenSubsidy.endsOn!)}.`,
    `Stuur de verantwoording vóór ${formatDate("nl", gardenSubsidy.reportDueOn!)}.`,
    "",
    "Met vriendelijke groet,",
    `${gemeente.name}, afdeling Wijkzaken`,
    "",
    "(Een voorbeeld uit de demo van Wijkonderhoud.)",
  ]);
  const subsidy = (await findSubject(db, "funding", gardenSubsidy.id))!;
  await addDocument(
    db,
    documents,
    subsidy,
    { kind: "grant_decision", title: `Beschikking subsidie ${garden.name}` },
    { name: `Beschikking ${gardenSubsidy.reference}.pdf`, bytes: letter },
    samira.id,
    now,
  );

  await recomputeRisk(db, { neighbourhoodId: hood.id }, today, now);
  return true;
}
