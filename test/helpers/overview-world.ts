// A hand-computed world for the overview: two neighbourhoods, a partner linked to one, money ending
// in known quarters (with renewals, successors, partial cover and a gap), volunteers over known
// years, stopped, handed-over and paused initiatives, archived records. Every figure the overview
// shows is worked out by hand below (EXPECTED), and the domain, route and API tests compare what
// the app says against it. Names are unique per call (storage is shared within a test file).
import * as s from "../../src/db/schema";
import { db, makeInitiative, makeNeighbourhood, makePartner, makePerson } from "./factories";
import {
  activity,
  asset,
  checkin,
  commitment,
  coordinate,
  facility,
  involvement,
  linkPartner,
  person,
  risk,
  stream,
} from "./overview-factories";

/** The day the overview is looked at: the cliff window runs from 2026-04-01 up to (not including) 2028-04-01. */
export const TODAY = "2026-05-15";
export const NOW = "2026-05-15T10:00:00.000Z";

let worlds = 0;

export async function buildOverviewWorld() {
  const n = ++worlds;
  const hood = await makeNeighbourhood({ name: `Klein Zuid ${n}` });
  const other = await makeNeighbourhood({ name: `Elders ${n}` });
  const own = await makePartner({ name: `Gemeente Teststad ${n}`, kind: "municipality" });
  const otherPartner = await makePartner({ name: `Fonds Anders ${n}`, kind: "fund" });
  await linkPartner(own.id, hood.id);
  const partnerPerson = await makePerson({ name: `Pien Partner ${n}` });
  await db.insert(s.partnerMembers).values({ partnerId: own.id, personId: partnerPerson.id });
  const admin = await makePerson({ name: `Ada Beheer ${n}`, isAdmin: true });

  // Initiatives. Active per year (2017–2026), by the documented rule:
  //   A 2018–, active now; check-in 2022 'paused' (still counts)       → 2018..2026
  //   B 2020, stopped since 2024-03-01, no check-ins                    → 2020..2023, stopped 2024
  //   C 2015, handed over since 2023-09-01; check-in 2019 'stopped'     → 2017, 2018, 2020..2022; stopped 2019, handed over 2023
  //   E 2026, active                                                    → 2026
  //   F 2024, paused now                                                → 2024..2026
  //   D archived                                                        → nowhere
  // Living now (counted: active or paused, not archived): A, E, F.
  const A = await makeInitiative(hood.id, { name: "Moestuin", startedYear: 2018, status: "active" });
  const B = await makeInitiative(hood.id, { name: "Taalcafé", startedYear: 2020, status: "stopped", statusSince: "2024-03-01" });
  const C = await makeInitiative(hood.id, {
    name: "Repair café",
    startedYear: 2015,
    status: "handed_over",
    statusSince: "2023-09-01T10:00:00.000Z",
  });
  const D = await makeInitiative(hood.id, {
    name: "Speeltuin",
    startedYear: 2019,
    status: "active",
    archivedAt: "2025-01-01T00:00:00.000Z",
  });
  const E = await makeInitiative(hood.id, { name: "Buurtmaaltijd", startedYear: 2026, status: "active" });
  const F = await makeInitiative(hood.id, { name: "Kookclub", startedYear: 2024, status: "paused" });
  const O = await makeInitiative(other.id, { name: "Elders actief", startedYear: 2010, status: "active" });
  await checkin(A.id, 2022, "paused");
  await checkin(C.id, 2019, "stopped");
  await checkin(D.id, 2020, "active");

  const X = await facility(hood.id, "Buurthuis De Linde", {
    ownerPartnerId: own.id,
    agreement: "bruikleen",
    agreementEndsOn: "2026-09-30",
  });
  await facility(hood.id, "Moestuin aan de dijk");
  await facility(hood.id, "Oude loods", { archivedAt: "2025-01-01T00:00:00.000Z" });
  await facility(other.id, "Elders buurthuis");

  // Activities. Counted now: a1, e1, f1 (a2 archived; b1, c1 under stopped / handed-over; d1 archived initiative).
  const a1 = await activity(A.id, "Tuindag", { facilityId: X.id });
  const a2 = await activity(A.id, "Oogstfeest", { facilityId: X.id, archivedAt: "2025-10-01T00:00:00.000Z" });
  const b1 = await activity(B.id, "Conversatie");
  const c1 = await activity(C.id, "Reparatie", { facilityId: X.id });
  const d1 = await activity(D.id, "Schommelen");
  const e1 = await activity(E.id, "Maaltijd");
  const f1 = await activity(F.id, "Koken");
  const o1 = await activity(O.id, "Elders");

  // Volunteers (distinct people per year; 2016 only feeds 2017's retention):
  //   p1 A 2018-03-01–        p2 A 2020–2022-06-30     p3 (erased) B 2021-05-01–2024-03-01
  //   p4 A 2025 and E 2026-01-10–                      p5 F 2024-02-01–2026-05-14 (ended yesterday)
  //   p7 C 2016–2018          p8 C broken interval (until before since): counts nowhere
  //   p6 only in archived D; p9 only in the other neighbourhood; p10 in stopped B, still open
  //   (counts in the years, not among today's volunteers: B is not living)
  const p1 = await person("Anna");
  const p2 = await person("Bert");
  const p3 = await person("", { erasedAt: "2025-02-01T00:00:00.000Z" });
  const p4 = await person("Piet Geheim");
  const p5 = await person("Eva");
  const p6 = await person("Dirk");
  const p7 = await person("Gijs");
  const p8 = await person("Hans");
  const p9 = await person("Ida");
  const p10 = await person("Jet");
  await involvement(p1.id, A.id, "2018-03-01");
  await involvement(p2.id, A.id, "2020-01-01", "2022-06-30");
  await involvement(p3.id, B.id, "2021-05-01", "2024-03-01");
  await involvement(p4.id, A.id, "2025-01-01", "2025-12-31");
  await involvement(p4.id, E.id, "2026-01-10");
  await involvement(p5.id, F.id, "2024-02-01", "2026-05-14");
  await involvement(p6.id, D.id, "2019-01-01");
  await involvement(p7.id, C.id, "2016-01-01", "2018-12-31");
  await involvement(p8.id, C.id, "2020-05-01", "2019-01-01");
  await involvement(p9.id, O.id, "2015-01-01");
  await involvement(p10.id, B.id, "2026-01-01");

  // Money. Quarter = the quarter of the end date. "covered" = what replaces it (rules of
  // src/domain/risk/replacement.ts); shortfall = amount − covered.
  const s1 = await stream(
    A.id,
    {
      sourcePartnerId: own.id,
      sourceName: own.name,
      kind: "wijkbudget",
      amountCentsPerYear: 300_000,
      startsOn: "2024-01-01",
      endsOn: "2026-06-30",
      renewalState: "none",
    },
    [a1.id, a2.id],
  ); // 2026-Q2, own; covered 100_000 by s14 → shortfall 200_000 (nothing pending)
  const s2 = await stream(
    E.id,
    {
      sourcePartnerId: otherPartner.id,
      sourceName: otherPartner.name,
      kind: "fund",
      amountCentsPerYear: 500_000,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      renewalState: "applied",
    },
    [e1.id],
  ); // 2026-Q4; covered 200_000 by s15 → shortfall 300_000, pending (renewal applied)
  await stream(
    F.id,
    {
      sourceName: "Sponsor BV",
      kind: "sponsor",
      amountCentsPerYear: 100_000,
      startsOn: "2025-01-01",
      endsOn: "2027-03-31",
      renewalState: "granted",
    },
    [f1.id],
  ); // s3: 2027-Q1, renewal granted → all arranged (F is paused: living)
  await stream(
    A.id,
    {
      sourcePartnerId: own.id,
      kind: "subsidy",
      amountCentsPerYear: 200_000,
      startsOn: "2022-01-01",
      endsOn: "2024-12-31",
      status: "ended",
    },
    [a1.id, a2.id],
  ); // s4 past
  await stream(
    B.id,
    { sourceName: "Gemeente", kind: "subsidy", amountCentsPerYear: 150_000, startsOn: "2020-01-01", endsOn: "2023-12-31" },
    [b1.id],
  ); // s5 past
  await stream(C.id, { kind: "fund", amountCentsPerYear: 80_000, startsOn: "2019-01-01", endsOn: "2021-06-30" }, [c1.id]); // s6 past
  await stream(F.id, { kind: "own_income", amountCentsPerYear: 50_000, startsOn: "2024-01-01", endsOn: "2025-12-31" }, [f1.id]); // s7 past
  await stream(E.id, { kind: "fund", amountCentsPerYear: 999_999, startsOn: "2026-01-01", endsOn: "2026-09-30", status: "applied" }, [
    e1.id,
  ]); // s8 not granted
  await stream(
    A.id,
    { kind: "fund", amountCentsPerYear: 777_777, startsOn: "2026-01-01", endsOn: "2026-08-31", archivedAt: "2026-02-01T00:00:00.000Z" },
    [a1.id],
  ); // s9 archived
  await stream(D.id, { kind: "fund", amountCentsPerYear: 888_888, startsOn: "2026-01-01", endsOn: "2026-07-31" }, [d1.id]); // s10 archived initiative
  await stream(
    A.id,
    { kind: "housing_corporation", amountCentsPerYear: 400_000, startsOn: "2026-04-01", endsOn: "2028-04-01", renewalState: "planned" },
    [a1.id],
  ); // s11 just past the window
  const s12 = await stream(
    E.id,
    {
      sourcePartnerId: own.id,
      sourceName: own.name,
      kind: "housing_corporation",
      amountCentsPerYear: 250_000,
      startsOn: "2026-01-01",
      endsOn: "2028-03-31",
      renewalState: "planned",
    },
    [e1.id, f1.id],
  ); // 2028-Q1, own; pending (renewal planned) → shortfall 250_000
  await stream(
    A.id,
    { kind: "sponsor", amountCentsPerYear: 60_000, startsOn: "2025-04-01", endsOn: "2026-04-02", renewalState: "granted" },
    [a1.id],
  ); // s13: 2026-Q2, renewal granted → arranged
  // s14: the renewal of s1, in part: € 1.000 a year from the day after s1 ends; linked to no activity.
  await stream(A.id, {
    sourcePartnerId: own.id,
    sourceName: own.name,
    kind: "wijkbudget",
    amountCentsPerYear: 100_000,
    startsOn: "2026-07-01",
    endsOn: null,
    replacesFundingId: s1.id,
  });
  // s15: the successor of s2, in part; it ends 2027-12-31 itself (2027-Q4), and s16 starts too late to cover it.
  const s15 = await stream(E.id, {
    sourceName: "Fonds Nieuw",
    kind: "fund",
    amountCentsPerYear: 200_000,
    startsOn: "2027-01-01",
    endsOn: "2027-12-31",
    replacesFundingId: s2.id,
  }); // 2027-Q4; a gap before s16 → shortfall 200_000, nothing pending
  await stream(E.id, {
    sourceName: "Fonds Later",
    kind: "fund",
    amountCentsPerYear: 200_000,
    startsOn: "2028-01-05",
    replacesFundingId: s15.id,
  }); // s16
  // s17: granted money of the stopped initiative B ending inside the window: not counted in the cliff.
  await stream(
    B.id,
    { sourceName: "Gemeente", kind: "subsidy", amountCentsPerYear: 70_000, startsOn: "2026-01-01", endsOn: "2026-09-30" },
    [b1.id],
  );
  await stream(
    O.id,
    {
      sourcePartnerId: own.id,
      sourceName: own.name,
      kind: "fund",
      amountCentsPerYear: 123_456,
      startsOn: "2026-01-01",
      endsOn: "2026-06-30",
    },
    [o1.id],
  ); // other neighbourhood: 2026-Q2

  await commitment(own.id, A.id, { description: "4 uur opbouwwerk", endsOn: "2026-12-31" }); // k1 2026-Q4, own; activities of A counted: a1
  await commitment(otherPartner.id, E.id, { kind: "room", description: "Zaal", activityId: e1.id, endsOn: "2027-06-30" }); // k2 2027-Q2
  await commitment(own.id, D.id, { endsOn: "2026-10-01" }); // archived initiative
  await commitment(otherPartner.id, B.id, { endsOn: "2026-08-31" }); // stopped initiative: not counted

  await asset(hood.id, "gifts", "Fatma kookt");
  await asset(hood.id, "gifts", "Oud talent", { archivedAt: "2025-01-01T00:00:00.000Z" });
  await asset(hood.id, "places", "Pleintje");
  await asset(hood.id, "stories", "Het verhaal van de dijk");
  await asset(other.id, "places", "Elders plein");

  const cor = await person("Cor Coördinator");
  const gone = await person("", { erasedAt: "2025-01-01T00:00:00.000Z" });
  const els = await person("Els Eerlijk");
  await coordinate(A.id, cor.id);
  await coordinate(A.id, gone.id);
  await coordinate(E.id, els.id);

  // Stored judgements (as the risk engine stores them). c1 and b1 are under initiatives that are
  // no longer living: their rows are history and count nowhere now.
  const cliffFlag = {
    rule: "funding_cliff",
    severity: "urgent",
    since: "2026-01-01",
    subjectId: s1.id,
    params: {
      sourceName: own.name,
      kind: "wijkbudget",
      endsOn: "2026-06-30",
      daysLeft: 46,
      monthsLeft: 1,
      renewalState: "none",
      amountCentsPerYear: 300_000,
      coveredCentsPerYear: 100_000,
      shortfallCentsPerYear: 200_000,
    },
  };
  const keyPerson = {
    rule: "key_person",
    severity: "at_risk",
    since: "2026-02-01",
    subjectId: "key_holder",
    params: { activityName: "Maaltijd", role: "key_holder", personId: p4.id, personName: "Piet Geheim" },
  };
  await risk(a1, hood.id, "urgent", { flags: [cliffFlag], runwayMonths: 1, levelSince: "2026-01-01" });
  await risk(a2, hood.id, "urgent");
  await risk(b1, hood.id, "ok");
  await risk(c1, hood.id, "at_risk", { runwayMonths: 3, levelSince: "2026-03-01" });
  await risk(e1, hood.id, "at_risk", { flags: [keyPerson], levelSince: "2026-02-01" });
  await risk(f1, hood.id, "watch", { levelSince: "2025-06-01" });
  await risk(d1, hood.id, "urgent");
  await risk(o1, other.id, "urgent");

  const intervals = [
    { personId: p1.id, since: "2018-03-01", until: null },
    { personId: p2.id, since: "2020-01-01", until: "2022-06-30" },
    { personId: p3.id, since: "2021-05-01", until: "2024-03-01" },
    { personId: p4.id, since: "2025-01-01", until: "2025-12-31" },
    { personId: p4.id, since: "2026-01-10", until: null },
    { personId: p5.id, since: "2024-02-01", until: "2026-05-14" },
    { personId: p7.id, since: "2016-01-01", until: "2018-12-31" },
    { personId: p8.id, since: "2020-05-01", until: "2019-01-01" },
    { personId: p10.id, since: "2026-01-01", until: null },
  ];
  return { hood, other, own, otherPartner, partnerPerson, admin, A, B, C, E, F, a1, c1, e1, f1, s1, s2, s12, intervals };
}

const q = (key: string, over: Record<string, number> = {}) => ({
  key,
  cents: 0,
  arranged: 0,
  pending: 0,
  none: 0,
  shortfall: 0,
  streams: 0,
  ownCents: 0,
  ownShortfall: 0,
  ownStreams: 0,
  activities: 0,
  shortfallActivities: 0,
  commitments: 0,
  ownCommitments: 0,
  ...over,
});

/** The hand computation, for the partner's view of the neighbourhood (Klein Zuid) on TODAY. */
export const EXPECTED = {
  now: { activeInitiatives: 2, pausedInitiatives: 1, activities: 3, volunteers: 2, facilities: 2 },
  // a1 urgent, e1 at risk, f1 watch: they add up to the 3 activities counted now.
  levels: { ok: 0, watch: 1, at_risk: 1, urgent: 1 },
  atRisk: ["Tuindag", "Maaltijd", "Koken"],
  cliff: {
    quarters: [
      // s1 (3.000, 1.000 covered by s14) + s13 (600, renewal granted); a1 depends on both.
      q("2026-2", {
        cents: 360_000,
        arranged: 160_000,
        none: 200_000,
        shortfall: 200_000,
        streams: 2,
        ownCents: 300_000,
        ownShortfall: 200_000,
        ownStreams: 1,
        activities: 1,
        shortfallActivities: 1,
      }),
      q("2026-3"), // s17 (stopped initiative) and its commitment are not counted
      // s2 (5.000, 2.000 covered by s15, renewal applied) and k1 (own)
      q("2026-4", {
        cents: 500_000,
        arranged: 200_000,
        pending: 300_000,
        shortfall: 300_000,
        streams: 1,
        activities: 1,
        shortfallActivities: 1,
        commitments: 1,
        ownCommitments: 1,
      }),
      q("2027-1", { cents: 100_000, arranged: 100_000, streams: 1, activities: 1 }), // s3, renewal granted
      q("2027-2", { commitments: 1 }), // k2
      q("2027-3"),
      q("2027-4", { cents: 200_000, none: 200_000, shortfall: 200_000, streams: 1 }), // s15: s16 starts too late; no activity linked
      // s12 (own, renewal planned); e1 and f1 depend on it
      q("2028-1", {
        cents: 250_000,
        pending: 250_000,
        shortfall: 250_000,
        streams: 1,
        ownCents: 250_000,
        ownShortfall: 250_000,
        ownStreams: 1,
        activities: 2,
        shortfallActivities: 2,
      }),
    ],
    totalCents: 1_410_000,
    arrangedCents: 460_000,
    shortfallCents: 950_000,
    ownCents: 550_000,
    ownShortfallCents: 450_000,
    totalActivities: 3,
    shortfallActivities: 3,
    /** [type, ends on, amount, shortfall, activities] */
    own: [
      ["funding", "2026-06-30", 300_000, 200_000, 1],
      ["commitment", "2026-12-31", null, null, 1],
      ["funding", "2028-03-31", 250_000, 250_000, 2],
    ],
  },
  years: {
    year: [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    activeInitiatives: [1, 2, 1, 3, 3, 3, 2, 2, 2, 3],
    started: [0, 1, 0, 1, 0, 0, 0, 1, 0, 1],
    stopped: [0, 0, 1, 0, 0, 0, 0, 1, 0, 0],
    handedOver: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
    // p10 (stopped B, 2026–) counts in 2026: the years look back at every initiative that is not archived.
    volunteers: [1, 2, 1, 2, 3, 3, 2, 3, 3, 4],
    newcomers: [0, 1, 0, 1, 1, 0, 0, 1, 1, 1],
    leavers: [0, 0, 1, 0, 0, 0, 1, 0, 1, 0],
    retention: [1, 1, 0.5, 1, 1, 1, 2 / 3, 1, 2 / 3, 1],
    // 2026: s1 300k + s14 100k (wijkbudget), s17 70k (subsidy), s2 500k (fund), s11 400k + s12 250k (corporation), s3 100k + s13 60k (sponsor)
    fundingTotal: [0, 0, 80_000, 230_000, 230_000, 350_000, 350_000, 550_000, 510_000, 1_780_000],
    funding2026: {
      wijkbudget: 400_000,
      subsidy: 70_000,
      fund: 500_000,
      housing_corporation: 650_000,
      sponsor: 160_000,
      own_income: 0,
      in_kind: 0,
    },
  },
  continuity: {
    living: 3,
    olderThan: { 1: 2, 3: 1, 5: 1 },
    afterFundingEnded: { continued: 1, paused: 1, handedOver: 1, stopped: 2, total: 5 },
  },
  assets: { gifts: 1, associations: 0, institutions: 0, places: 1, economy: 0, stories: 1, connections: 0 },
  /** [name, ends on, own, activities] — a1 uses X (c1 too, but C is handed over) */
  facilities: [
    ["Buurthuis De Linde", "2026-09-30", true, 1],
    ["Moestuin aan de dijk", null, false, 0],
  ],
  hood: {
    activeInitiatives: 2,
    pausedInitiatives: 1,
    activities: 3,
    volunteers: 2,
    urgent: 1,
    atRisk: 1,
    watch: 1,
    cliffCents: 1_410_000,
    shortfallCents: 950_000,
    facilities: 2,
  },
  /** The other neighbourhood: O with o1 (urgent), p9, one facility, O's own-partner stream ending 2026-Q2 with nothing arranged. */
  otherHood: {
    activeInitiatives: 1,
    pausedInitiatives: 0,
    activities: 1,
    volunteers: 1,
    urgent: 1,
    atRisk: 0,
    watch: 0,
    cliffCents: 123_456,
    shortfallCents: 123_456,
    facilities: 1,
  },
  /** The first four quarters with money ending, as the headline says it. */
  headline: {
    money: [
      { key: "2026-2", cents: 360_000, shortfall: 200_000, pending: 0 },
      { key: "2026-4", cents: 500_000, shortfall: 300_000, pending: 300_000 },
      { key: "2027-1", cents: 100_000, shortfall: 0, pending: 0 },
    ],
    moneyCents: 960_000,
    shortfallCents: 500_000,
    urgent: 1,
    atRisk: 1,
    volunteers: { year: 2026, count: 4, lastYear: 2025, lastCount: 3 },
  },
};
