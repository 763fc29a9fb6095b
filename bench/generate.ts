// The reference datasets of the benchmark (issue 8): S, M (a large city) and L (five times M).
// Deterministic: the same seed, size and reference date give the same rows, byte for byte
// (checked by `datasetHash`). Dates are relative to the reference date ("today"), so the data
// always has money ending soon, tasks coming due and check-ins up to last year.
//
// Rows are plain objects keyed by SQL column names, in foreign-key order; sql.ts turns them into
// multi-row INSERT statements.
import { Rng } from "./rng";
import { currentOccurrence, type ScheduleSpec, type TaskEventLite } from "../src/domain/tasks/schedule";
import { addDays } from "../src/lib/dates";

export type SizeName = "S" | "M" | "L" | "XL";
export type SizeSpec = {
  neighbourhoods: number;
  initiatives: number;
  activities: number;
  people: number;
  involvements: number;
  fundings: number;
  tasks: number;
  assets: number;
  partners: number;
  facilities: number;
  commitments: number;
};

const M: SizeSpec = {
  neighbourhoods: 40,
  initiatives: 800,
  activities: 2000,
  people: 12_000,
  involvements: 15_000,
  fundings: 4000,
  tasks: 5000,
  assets: 8000,
  partners: 60,
  facilities: 160,
  commitments: 800,
};
export const SIZES: Record<SizeName, SizeSpec> = {
  S: {
    neighbourhoods: 3,
    initiatives: 30,
    activities: 80,
    people: 400,
    involvements: 500,
    fundings: 150,
    tasks: 200,
    assets: 300,
    partners: 6,
    facilities: 8,
    commitments: 30,
  },
  M,
  L: times(M, 5),
  // A country on paper (docs/SCALE.md): 1,000 neighbourhoods, not part of the budgets.
  XL: times(M, 25),
};
function times(spec: SizeSpec, n: number): SizeSpec {
  return Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, v * n])) as SizeSpec;
}
/** Years of check-ins (the years before the reference year). */
export const CHECKIN_YEARS = 10;

export type Value = string | number | null;
export type Row = Record<string, Value>;
export type Table = { name: string; rows: Row[] };

/** Who the benchmark signs in as (sessions are made by the loader), and what it asks for. */
export type Fixtures = {
  today: string;
  coordinatorId: string;
  coordinatorEmail: string;
  partnerId: string; // a member of a housing corporation linked to a few neighbourhoods
  cityPartnerId: string; // a member of the first city's municipality, linked to its 40 (or fewer) neighbourhoods
  adminId: string;
  /** The coordinator's neighbourhood, its initiatives (own ones first), and the partner's neighbourhood. */
  neighbourhoodId: string;
  initiativeIds: string[];
  ownInitiativeIds: string[];
  partnerNeighbourhoodId: string;
};

export type Dataset = { size: SizeName; seed: string; today: string; tables: Table[]; fixtures: Fixtures; counts: Record<string, number> };

const FIRST = [
  "Anna",
  "Jan",
  "Fatima",
  "Mohamed",
  "Els",
  "Kees",
  "Noor",
  "Bram",
  "Lotte",
  "Yusuf",
  "Ria",
  "Tom",
  "Sanne",
  "Ahmed",
  "Emma",
  "Daan",
  "Ayşe",
  "Pieter",
  "Mila",
  "Sem",
  "Zeynep",
  "Henk",
  "Iris",
  "Kofi",
  "Marja",
  "Luuk",
  "Sara",
  "Youssef",
  "Fenna",
  "Ravi",
];
const LAST = [
  "de Vries",
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "Yilmaz",
  "el Amrani",
  "Dekker",
  "Kaya",
  "Hendriks",
  "Bouzid",
  "van Dam",
  "Peters",
  "Kok",
  "Brouwer",
  "de Graaf",
  "Vos",
  "Öztürk",
  "Mensah",
  "Koster",
  "Prins",
  "Huisman",
  "Sarmo",
  "van Dijk",
  "Postma",
  "Kuipers",
  "Bos",
];
const HOOD_WORDS = [
  "Vlinder",
  "Linden",
  "Eiken",
  "Beuken",
  "Merel",
  "Spreeuw",
  "Kastanje",
  "Wilgen",
  "Rozen",
  "Tulpen",
  "Haven",
  "Molen",
  "Kerk",
  "Dijk",
  "Park",
  "Veld",
  "Bloem",
  "Zon",
  "Water",
  "Berg",
];
const HOOD_SUFFIX = ["buurt", "wijk", "kwartier", "hof", "dorp"];
const INITIATIVE_KINDS = [
  "Moestuin",
  "Eettafel",
  "Taalcafé",
  "Repair Café",
  "Buurtkoor",
  "Speeltuinvereniging",
  "Kledingbank",
  "Huiswerkklas",
  "Wandelclub",
  "Buurtbieb",
  "Fietsenwerkplaats",
  "Koffieochtend",
  "Zwerfvuilploeg",
  "Seniorensoos",
  "Jongerenpodium",
  "Buurtmuseum",
];
const ACTIVITY_NAMES = [
  "Tuindag",
  "Wekelijkse maaltijd",
  "Taalgesprek",
  "Reparatiemiddag",
  "Repetitie",
  "Speelmiddag",
  "Uitgifte",
  "Huiswerkuur",
  "Wandeling",
  "Inloopochtend",
  "Opruimronde",
  "Voorstelling",
  "Oogstfeest",
  "Workshop",
  "Spelletjesavond",
];
const RHYTHMS = [
  "elke zaterdag",
  "elke donderdag",
  "elke dinsdagochtend",
  "eerste zaterdag van de maand",
  "om de week",
  "vier keer per jaar",
  "elke werkdag",
  "één keer",
];
const ROLES = ["volunteer", "volunteer", "volunteer", "volunteer", "host", "cook", "driver", "teacher"];
const FUNDING_KINDS = ["wijkbudget", "subsidy", "fund", "housing_corporation", "sponsor", "own_income", "in_kind"] as const;
const PARTNER_KINDS = ["housing_corporation", "welfare", "care", "fund", "business", "other"] as const;
const ASSET_CATEGORIES = ["gifts", "associations", "institutions", "places", "economy", "stories", "connections"] as const;
const RENEWAL = ["none", "planned", "applied", "granted"] as const;
const TASK_TITLES = [
  "Verzekering controleren",
  "Vrijwilligers bedanken",
  "VOG aanvragen",
  "BHV-cursus plannen",
  "Sleutels en alarmcode controleren",
  "Jaarverslag maken",
  "Gereedschap nakijken",
  "Brandblusser laten keuren",
  "Contract met de woonstichting verlengen",
  "Verantwoording subsidie insturen",
  "Voorraad aanvullen",
  "Buren uitnodigen",
];
const STORY = "We kwamen elke week samen; nieuwe buren deden mee en we leerden veel van elkaar. ";

const pad = (n: number) => String(n).padStart(2, "0");

/** Builds a dataset. `today` is the reference date (YYYY-MM-DD). */
export function generate(size: SizeName, seed: string, today: string): Dataset {
  const spec = SIZES[size];
  const root = new Rng(`${seed}:${size}:${today}`);
  const year = Number(today.slice(0, 4));
  const day = (n: number) => addDays(today, n);
  const dateIn = (r: Rng, from: string, to: string) => {
    const span = Math.max(0, daysBetween(from, to));
    return addDays(from, r.int(0, span));
  };
  const instant = (r: Rng, date: string) => `${date}T${pad(r.int(7, 21))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}.000Z`;
  const stamp = (r: Rng, date: string, by: string | null = null) => {
    const at = instant(r, date);
    return { version: 1, created_at: at, created_by: by, updated_at: at, updated_by: by };
  };

  // --- neighbourhoods -----------------------------------------------------------------------
  const rh = root.fork("neighbourhoods");
  const hoods: Row[] = [];
  for (let i = 0; i < spec.neighbourhoods; i++) {
    const word = HOOD_WORDS[i % HOOD_WORDS.length]!;
    const suffix = HOOD_SUFFIX[Math.floor(i / HOOD_WORDS.length) % HOOD_SUFFIX.length]!;
    const round = Math.floor(i / (HOOD_WORDS.length * HOOD_SUFFIX.length));
    const name = `De ${word}${suffix}${round ? ` ${round + 1}` : ""}`;
    const municipality = `Benchstad${Math.floor(i / 40) ? ` ${Math.floor(i / 40) + 1}` : ""}`;
    hoods.push({
      id: rh.uuid(),
      name,
      municipality,
      slug: `${word}${suffix}-${i + 1}`.toLowerCase(),
      published: rh.chance(0.5) ? 1 : 0,
      archived_at: null,
      ...stamp(rh, day(-rh.int(400, 3650))),
    });
  }
  const hoodIds = hoods.map((h) => h.id as string);

  // --- people (their home neighbourhood; about 60 % with an email address) --------------------
  const rp = root.fork("people");
  const people: Row[] = [];
  const peopleByHood = new Map<string, string[]>();
  const emailOf = new Map<string, string | null>();
  for (let i = 0; i < spec.people; i++) {
    const hood = rp.pick(hoodIds);
    const id = rp.uuid();
    const email = i < 4 || rp.chance(0.6) ? `p${i}@bench.example` : null;
    const erased = i >= 4 && rp.chance(0.005);
    people.push({
      id,
      name: erased ? "Gewist" : `${rp.pick(FIRST)} ${rp.pick(LAST)}`,
      email: erased ? null : email,
      phone: rp.chance(0.3) ? `06 ${rp.int(10_000_000, 99_999_999)}` : null,
      locale: rp.chance(0.9) ? "nl" : "en",
      is_admin: i === 3 ? 1 : 0,
      neighbourhood_id: hood,
      erased_at: erased ? instant(rp, day(-rp.int(1, 700))) : null,
      digest: rp.weighted([
        [null, 85],
        ["weekly", 10],
        ["monthly", 5],
      ] as const),
      mail_opt_outs: rp.chance(0.05) ? '["digests"]' : "[]",
      email_status: rp.chance(0.01) ? "bounced" : "ok",
      email_status_at: null,
      ...stamp(rp, day(-rp.int(0, 3650))),
    });
    emailOf.set(id, erased ? null : email);
    if (!erased) push(peopleByHood, hood, id);
  }
  const personIds = people.map((p) => p.id as string);
  const [coordinatorId, partnerId, cityPartnerId, adminId] = personIds as [string, string, string, string];
  const benchHood = hoodIds[Math.min(1, hoodIds.length - 1)]!;
  people[0]!.neighbourhood_id = benchHood;
  const reserved = new Set([coordinatorId, partnerId, cityPartnerId, adminId]);
  const residents = new Map([...peopleByHood].map(([h, ids]) => [h, ids.filter((p) => !reserved.has(p))]));
  const residentsWithEmail = new Map([...residents].map(([h, ids]) => [h, ids.filter((p) => emailOf.get(p))]));
  const residentsOf = (hood: string) => residents.get(hood) ?? [];

  // --- partner organisations: a municipality per 40 neighbourhoods (a city, linked to each of its
  // neighbourhoods); corporations, welfare and care organisations linked to a few neighbourhoods
  // of one city; funds linked to none.
  const ro = root.fork("partners");
  const partners: Row[] = [];
  const partnerNeighbourhoods: Row[] = [];
  const partnerMembers: Row[] = [];
  const partnersByHood = new Map<string, string[]>();
  const withEmail = personIds.filter((id) => emailOf.get(id) && !reserved.has(id));
  const cities = Math.ceil(hoodIds.length / 40);
  const cityHoods = (c: number) => hoodIds.slice(c * 40, c * 40 + 40);
  for (let i = 0; i < spec.partners; i++) {
    const kind = i % 20 === 0 && i / 20 < cities ? "municipality" : i === 1 ? "housing_corporation" : ro.pick(PARTNER_KINDS);
    const city = kind === "municipality" ? i / 20 : i === 1 ? 0 : ro.int(0, cities - 1);
    const here = cityHoods(city);
    const id = ro.uuid();
    partners.push({
      id,
      name: `${kind === "municipality" ? "Gemeente" : ro.pick(["Stichting", "Woonstichting", "Welzijn", "Fonds", "Bedrijf"])} ${ro.pick(HOOD_WORDS)} ${i + 1}`,
      kind,
      archived_at: null,
      ...stamp(ro, day(-ro.int(1000, 3650))),
    });
    const linked =
      kind === "municipality" ? here : kind === "fund" ? [] : ro.sample(here, Math.max(1, Math.round(here.length / ro.int(4, 10))));
    if (i === 1 && !linked.includes(benchHood)) linked.push(benchHood);
    for (const h of linked) {
      partnerNeighbourhoods.push({ partner_id: id, neighbourhood_id: h });
      push(partnersByHood, h, id);
    }
    const members = ro.sample(withEmail, 2);
    if (i === 0) members.push(cityPartnerId);
    if (i === 1) members.push(partnerId);
    for (const m of new Set(members)) partnerMembers.push({ partner_id: id, person_id: m });
  }
  const partnerIds = partners.map((p) => p.id as string);
  const partnerName = new Map(partners.map((p) => [p.id as string, p.name]));
  const partnerHoodOf = (partner: string) =>
    partnerNeighbourhoods.filter((pn) => pn.partner_id === partner).map((pn) => pn.neighbourhood_id as string);

  // --- facilities ---------------------------------------------------------------------------
  const rf = root.fork("facilities");
  const facilities: Row[] = [];
  const facilitiesByHood = new Map<string, string[]>();
  for (let i = 0; i < spec.facilities; i++) {
    const hood = i < hoodIds.length ? hoodIds[i]! : rf.pick(hoodIds);
    const id = rf.uuid();
    const ends = rf.chance(0.8) ? day(rf.int(-200, 1500)) : null;
    facilities.push({
      id,
      neighbourhood_id: hood,
      name: `${rf.pick(["Buurthuis", "Wijkcentrum", "Gymzaal", "Kerkzaal", "Moestuinveld", "Clubhuis"])} ${rf.pick(HOOD_WORDS)}`,
      kind: rf.pick(["buurthuis", "zaal", "moestuin", "clubhuis"]),
      owner_partner_id: rf.chance(0.8) ? rf.pick(partnerIds) : null,
      agreement: "Gebruiksovereenkomst",
      agreement_ends_on: ends,
      renewal_state: rf.pick(RENEWAL),
      archived_at: rf.chance(0.02) ? instant(rf, day(-rf.int(1, 300))) : null,
      ...stamp(rf, day(-rf.int(300, 3650))),
    });
    push(facilitiesByHood, hood, id);
  }

  // --- initiatives and their coordinators ---------------------------------------------------
  const ri = root.fork("initiatives");
  const initiatives: Row[] = [];
  const coordinators: Row[] = [];
  const coordinatorsOf = new Map<string, string[]>();
  const benchOwn: string[] = [];
  for (let i = 0; i < spec.initiatives; i++) {
    const hood = i < 2 ? benchHood : ri.pick(hoodIds);
    const id = ri.uuid();
    const started = year - Math.floor(ri.next() * 15);
    const status =
      i < 2
        ? "active"
        : ri.weighted([
            ["active", 84],
            ["paused", 7],
            ["stopped", 6],
            ["handed_over", 3],
          ] as const);
    const statusSince = status === "active" ? `${started}-03-01` : dateIn(ri, `${Math.min(year, started + 1)}-01-01`, today);
    const plan = ri.weighted([
      ["none", 50],
      ["successor_funding", 20],
      ["partner_takeover", 8],
      ["volunteers_only", 15],
      ["planned_ending", 7],
    ] as const);
    initiatives.push({
      id,
      neighbourhood_id: hood,
      name: `${ri.pick(INITIATIVE_KINDS)} ${ri.pick(HOOD_WORDS)} ${i + 1}`,
      purpose: "Samen iets moois maken voor de buurt, door en voor bewoners.",
      started_year: started,
      status,
      status_since: statusSince,
      continuation_plan: plan,
      continuation_note: plan === "none" ? "" : "Afspraken staan in het verslag van de laatste bijeenkomst.",
      planned_end_on: plan === "planned_ending" ? day(ri.int(30, 400)) : null,
      archived_at: i >= 2 && ri.chance(0.03) ? instant(ri, day(-ri.int(1, 500))) : null,
      ...stamp(ri, minDate(`${started}-${pad(ri.int(1, 12))}-${pad(ri.int(1, 28))}`, today)),
    });
    const chosen = i < 2 ? [coordinatorId] : ri.sample(residentsWithEmail.get(hood) ?? [], ri.chance(0.3) ? 2 : 1);
    if (i < 2) benchOwn.push(id);
    for (const p of chosen) coordinators.push({ initiative_id: id, person_id: p });
    coordinatorsOf.set(id, chosen);
  }
  const initiativeIds = initiatives.map((i) => i.id as string);
  const initiativeById = new Map(initiatives.map((i) => [i.id as string, i]));

  // --- activities (every initiative at least one; the rest spread) --------------------------
  const ra = root.fork("activities");
  const activities: Row[] = [];
  const activitiesOf = new Map<string, string[]>();
  const facilityOfActivity = new Map<string, string | null>();
  for (let i = 0; i < spec.activities; i++) {
    const initiative = i < initiativeIds.length ? initiativeIds[i]! : ra.pick(initiativeIds);
    const init = initiativeById.get(initiative)!;
    const places = facilitiesByHood.get(init.neighbourhood_id as string) ?? [];
    const facility = places.length && ra.chance(0.45) ? ra.pick(places) : null;
    const id = ra.uuid();
    activities.push({
      id,
      initiative_id: initiative,
      name: ra.pick(ACTIVITY_NAMES),
      rhythm: ra.pick(RHYTHMS),
      place: facility ? "" : ra.pick(["Het pleintje", "Bibliotheek", "Schoolplein", "Bij iemand thuis", ""]),
      facility_id: facility,
      archived_at: ra.chance(0.04) ? instant(ra, day(-ra.int(1, 600))) : null,
      ...stamp(ra, dateIn(ra, `${init.started_year}-01-01`, today)),
    });
    push(activitiesOf, initiative, id);
    facilityOfActivity.set(id, facility);
  }

  // --- involvements: coordinators, a treasurer and a key holder per initiative, volunteers --
  const rv = root.fork("involvements");
  const involvements: Row[] = [];
  const addInvolvement = (
    initiative: string,
    person: string,
    role: string,
    critical: boolean,
    activity: string | null,
    since: string,
    until: string | null,
  ) =>
    involvements.push({
      id: rv.uuid(),
      person_id: person,
      initiative_id: initiative,
      activity_id: activity,
      role,
      critical: critical ? 1 : 0,
      since,
      until,
      ...stamp(rv, since),
    });
  for (const init of initiatives) {
    if (involvements.length >= spec.involvements) break;
    const id = init.id as string;
    const from = `${init.started_year}-01-01`;
    for (const c of coordinatorsOf.get(id) ?? []) addInvolvement(id, c, "coordinator", false, null, dateIn(rv, from, today), null);
    const pool = residentsOf(init.neighbourhood_id as string);
    // Critical roles: often one person (the key-person risk the app is about), sometimes with a backup.
    if (pool.length && rv.chance(0.8)) {
      const critical = rv.chance(0.35);
      addInvolvement(id, rv.pick(pool), "treasurer", critical, null, dateIn(rv, from, today), null);
      if (critical && rv.chance(0.3)) addInvolvement(id, rv.pick(pool), "treasurer", true, null, dateIn(rv, from, today), null);
    }
    if (pool.length && rv.chance(0.6)) {
      const critical = rv.chance(0.45);
      const activity = rv.pick(activitiesOf.get(id) ?? [null]);
      addInvolvement(id, rv.pick(pool), "key_holder", critical, activity, dateIn(rv, from, today), null);
      if (critical && rv.chance(0.3)) addInvolvement(id, rv.pick(pool), "key_holder", true, activity, dateIn(rv, from, today), null);
    }
  }
  while (involvements.length < spec.involvements) {
    const init = rv.pick(initiatives);
    const id = init.id as string;
    const pool = rv.chance(0.9) ? residentsOf(init.neighbourhood_id as string) : personIds;
    if (pool.length === 0) continue;
    const since = dateIn(rv, `${init.started_year}-01-01`, today);
    const until = rv.chance(0.4) ? dateIn(rv, since, day(rv.int(0, 200))) : null;
    addInvolvement(
      id,
      rv.pick(pool),
      rv.pick(ROLES),
      rv.chance(0.03),
      rv.chance(0.4) ? rv.pick(activitiesOf.get(id) ?? [null]) : null,
      since,
      until,
    );
  }

  // --- funding streams and the activities they pay for --------------------------------------
  const rm = root.fork("fundings");
  const fundings: Row[] = [];
  const fundingActivities: Row[] = [];
  const fundingsOf = new Map<string, Row[]>();
  for (let i = 0; i < spec.fundings; i++) {
    const initiative = i < initiativeIds.length ? initiativeIds[i]! : rm.pick(initiativeIds);
    const init = initiativeById.get(initiative)!;
    const kind = rm.pick(FUNDING_KINDS);
    const startsOn = dateIn(rm, `${Math.max(init.started_year as number, year - 12)}-01-01`, day(60));
    const ongoing = kind === "own_income" || kind === "in_kind" || rm.chance(0.1);
    const endsOn = ongoing ? null : addDays(startsOn, rm.int(1, 4) * 365 - rm.int(0, 30));
    const status =
      endsOn && endsOn < today
        ? rm.weighted([
            ["ended", 80],
            ["granted", 20],
          ] as const)
        : rm.weighted([
            ["granted", 85],
            ["applied", 10],
            ["rejected", 5],
          ] as const);
    const source = rm.chance(0.45) ? rm.pick(partnerIds) : null;
    const id = rm.uuid();
    const row: Row = {
      id,
      initiative_id: initiative,
      source_partner_id: source,
      source_name: source
        ? (partnerName.get(source) as string)
        : rm.pick(["Wijkbudget", "Bijdrage van deelnemers", "Sponsor uit de buurt", "Oranjefonds", "Collecte"]),
      kind,
      amount_cents_per_year: rm.int(5, 400) * 5_000,
      starts_on: startsOn,
      ends_on: endsOn,
      status,
      renewal_state: endsOn && endsOn >= today ? rm.pick(RENEWAL) : "none",
      report_due_on: endsOn && rm.chance(0.5) ? addDays(endsOn, 60) : null,
      archived_at: rm.chance(0.02) ? instant(rm, day(-rm.int(1, 400))) : null,
      ...stamp(rm, startsOn > today ? today : startsOn),
    };
    fundings.push(row);
    push(fundingsOf, initiative, row);
    for (const a of rm.sample(activitiesOf.get(initiative) ?? [], rm.int(1, 2))) fundingActivities.push({ funding_id: id, activity_id: a });
  }

  // --- partner commitments ------------------------------------------------------------------
  const rc = root.fork("commitments");
  const commitments: Row[] = [];
  for (let i = 0; i < spec.commitments; i++) {
    const init = rc.pick(initiatives);
    const linked = partnersByHood.get(init.neighbourhood_id as string) ?? partnerIds;
    const startsOn = dateIn(rc, `${Math.max(init.started_year as number, year - 8)}-01-01`, today);
    commitments.push({
      id: rc.uuid(),
      partner_id: rc.pick(linked.length ? linked : partnerIds),
      initiative_id: init.id as string,
      activity_id: rc.chance(0.5) ? rc.pick(activitiesOf.get(init.id as string) ?? [null]) : null,
      kind: rc.pick(["hours", "room", "money", "material"]),
      description: rc.pick([
        "De grote zaal op donderdag",
        "4 uur per week een opbouwwerker",
        "Materiaal voor de tuin",
        "Een bijdrage in de huur",
      ]),
      starts_on: startsOn,
      ends_on: rc.chance(0.7) ? day(rc.int(-300, 900)) : null,
      renewal_state: rc.pick(RENEWAL),
      archived_at: rc.chance(0.03) ? instant(rc, day(-rc.int(1, 300))) : null,
      ...stamp(rc, startsOn),
    });
  }

  // --- yearly check-ins: the ten years before this one --------------------------------------
  const rk = root.fork("checkins");
  const checkins: Row[] = [];
  for (const init of initiatives) {
    const stopYear = init.status === "stopped" || init.status === "handed_over" ? Number((init.status_since as string).slice(0, 4)) : null;
    for (let y = Math.max(init.started_year as number, year - CHECKIN_YEARS); y < year; y++) {
      if (stopYear !== null && y > stopYear) break;
      if (rk.chance(0.15)) continue; // not every year gets written
      const status = stopYear === y ? (init.status as string) : rk.chance(0.05) ? "paused" : "active";
      const at = `${y}-12-${pad(rk.int(1, 28))}T10:00:00.000Z`;
      checkins.push({
        id: rk.uuid(),
        initiative_id: init.id as string,
        year: y,
        status,
        volunteers: rk.int(1, 25),
        people_reached: rk.int(5, 300),
        went_well: STORY.slice(0, rk.int(20, STORY.length)),
        residents_offer: "Tijd, ideeën en een warme plek.",
        needed_from_partners: rk.chance(0.5) ? "Een vaste ruimte en hulp bij de subsidieaanvraag." : "",
        next_year: "Doorgaan en nieuwe vrijwilligers vinden.",
        story: STORY.repeat(rk.int(1, 4)),
        version: 1,
        created_at: at,
        created_by: null,
        updated_at: at,
        updated_by: null,
      });
    }
  }

  // --- assets per neighbourhood, some leaned on by initiatives -------------------------------
  const rs = root.fork("assets");
  const assets: Row[] = [];
  const assetInitiatives: Row[] = [];
  const initiativesByHood = new Map<string, string[]>();
  for (const i of initiatives) push(initiativesByHood, i.neighbourhood_id as string, i.id as string);
  for (let i = 0; i < spec.assets; i++) {
    const hood = rs.pick(hoodIds);
    const id = rs.uuid();
    const consent = rs.chance(0.2);
    assets.push({
      id,
      neighbourhood_id: hood,
      category: rs.pick(ASSET_CATEGORIES),
      name: `${rs.pick(["Ria kan naaien", "Voetbalclub", "Basisschool", "Het pleintje", "Bakkerij", "Het verhaal van de speeltuin", "De appgroep"])} ${i + 1}`,
      description: "Wat de buurt al heeft, en wie het kent.",
      contact_name: consent ? `${rs.pick(FIRST)} ${rs.pick(LAST)}` : null,
      contact_info: consent ? `06 ${rs.int(10_000_000, 99_999_999)}` : null,
      contact_consent_on: consent ? day(-rs.int(1, 900)) : null,
      last_confirmed_on: day(-Math.floor(Math.pow(rs.next(), 3) * 1200)),
      archived_at: rs.chance(0.03) ? instant(rs, day(-rs.int(1, 500))) : null,
      ...stamp(rs, day(-rs.int(0, 2500))),
    });
    const here = initiativesByHood.get(hood) ?? [];
    if (here.length && rs.chance(0.3))
      for (const init of rs.sample(here, rs.int(1, 2))) assetInitiatives.push({ asset_id: id, initiative_id: init });
  }

  // --- upkeep tasks with their history of answers ------------------------------------------
  // Past occurrences were mostly answered (done, sometimes late), a few were missed; so on the
  // reference date a realistic share is upcoming, due or overdue.
  const rt = root.fork("tasks");
  const tasks: Row[] = [];
  const taskAssignees: Row[] = [];
  const taskEvents: Row[] = [];
  for (let i = 0; i < spec.tasks; i++) {
    const initiative = i < initiativeIds.length ? initiativeIds[i]! : rt.pick(initiativeIds);
    const init = initiativeById.get(initiative)!;
    const acts = activitiesOf.get(initiative) ?? [];
    const money = (fundingsOf.get(initiative) ?? []).filter((f) => f.ends_on);
    let kind = rt.weighted([
      ["interval", 60],
      ["once", 15],
      ["window", 15],
      ["relative", 10],
    ] as const);
    if (kind === "relative" && money.length === 0) kind = "interval";
    let subjectType: "initiative" | "activity" | "facility" | "funding" = "initiative";
    let subjectId = initiative;
    const funding = kind === "relative" ? rt.pick(money) : null;
    if (funding) {
      subjectType = "funding";
      subjectId = funding.id as string;
    } else if (acts.length && rt.chance(0.3)) {
      const a = rt.pick(acts);
      const f = facilityOfActivity.get(a);
      if (f && rt.chance(0.4)) {
        subjectType = "facility";
        subjectId = f;
      } else {
        subjectType = "activity";
        subjectId = a;
      }
    }
    const unit = rt.weighted([
      ["year", 50],
      ["month", 35],
      ["week", 15],
    ] as const);
    const count = unit === "year" ? 1 : unit === "month" ? rt.pick([1, 3, 6]) : rt.pick([2, 4]);
    const windowStart = rt.int(1, 12);
    const s: ScheduleSpec = {
      scheduleKind: kind,
      dueOn: kind === "once" ? day(rt.int(-90, 365)) : kind === "interval" ? day(-rt.int(30, 900)) : null,
      intervalCount: kind === "interval" ? count : null,
      intervalUnit: kind === "interval" ? unit : null,
      intervalFrom: kind === "interval" ? rt.pick(["due", "completion"] as const) : null,
      windowStartMonth: kind === "window" ? windowStart : null,
      windowEndMonth: kind === "window" ? ((windowStart + rt.int(0, 2) - 1) % 12) + 1 : null,
      relativeOffsetDays: kind === "relative" ? -rt.pick([30, 60, 90, 120]) : null,
      leadDays: rt.pick([7, 14, 14, 30]),
      graceDays: rt.pick([7, 7, 14]),
      endsOn: null,
    };
    const id = rt.uuid();
    const roles = rt.sample(["coordinator", "treasurer", "key_holder", "partner_contact"], rt.int(1, 2));
    const anchor = funding ? (funding.ends_on as string) : null;
    tasks.push({
      id,
      initiative_id: initiative,
      subject_type: subjectType,
      subject_id: subjectId,
      title: rt.pick(TASK_TITLES),
      why: "Zonder dit kan de activiteit niet door.",
      template_key: null,
      schedule_kind: s.scheduleKind,
      due_on: s.dueOn,
      interval_count: s.intervalCount,
      interval_unit: s.intervalUnit,
      interval_from: s.intervalFrom,
      window_start_month: s.windowStartMonth,
      window_end_month: s.windowEndMonth,
      relative_anchor: kind === "relative" ? "funding_ends" : null,
      relative_offset_days: s.relativeOffsetDays,
      lead_days: s.leadDays,
      grace_days: s.graceDays,
      ends_on: null,
      assignee_roles: JSON.stringify(roles),
      archived_at: rt.chance(0.03) ? instant(rt, day(-rt.int(1, 300))) : null,
      ...stamp(rt, maxDate(day(-rt.int(0, 1000)), `${init.started_year}-01-01`)),
    });
    if (rt.chance(0.3)) {
      const pool = residentsWithEmail.get(init.neighbourhood_id as string) ?? [];
      if (pool.length) taskAssignees.push({ task_id: id, person_id: rt.pick(pool) });
    }
    // Answer past occurrences, as a coordinator would have: on time or a little late, until the
    // current occurrence lies ahead (or is in its due days). About one task in twelve is
    // left overdue now, so on the reference date some are upcoming, some due, a few overdue.
    const events: TaskEventLite[] = [];
    const neglected = rt.chance(0.08);
    for (let guard = 0; guard < 60; guard++) {
      const occ = currentOccurrence(s, events, today, anchor);
      if (!occ || occ.dueOn >= today) break;
      const late = rt.int(-7, occ.overdueAfter > today ? 3 : s.graceDays);
      const answered = addDays(occ.dueOn, late);
      if (answered > today || (neglected && addDays(occ.dueOn, 60) > today)) break; // still open
      const kindOf = rt.chance(0.93) ? "done" : "not_applicable";
      const on = answered;
      events.push({ kind: kindOf, occurrenceDueOn: occ.dueOn, on, snoozedUntil: null });
      taskEvents.push({
        id: rt.uuid(),
        task_id: id,
        kind: kindOf,
        occurrence_due_on: occ.dueOn,
        on,
        snoozed_until: null,
        note: "",
        by_person_id: rt.pick(coordinatorsOf.get(initiative) ?? [null]),
        via: rt.weighted([
          ["web", 70],
          ["email", 25],
          ["api", 5],
        ] as const),
        created_at: instant(rt, on),
      });
    }
  }

  const tables: Table[] = [
    { name: "neighbourhoods", rows: hoods },
    { name: "partner_orgs", rows: partners },
    { name: "people", rows: people },
    { name: "partner_members", rows: partnerMembers },
    { name: "partner_neighbourhoods", rows: partnerNeighbourhoods },
    { name: "facilities", rows: facilities },
    { name: "initiatives", rows: initiatives },
    { name: "initiative_coordinators", rows: coordinators },
    { name: "activities", rows: activities },
    { name: "involvements", rows: involvements },
    { name: "funding_streams", rows: fundings },
    { name: "funding_activities", rows: fundingActivities },
    { name: "commitments", rows: commitments },
    { name: "checkins", rows: checkins },
    { name: "assets", rows: assets },
    { name: "asset_initiatives", rows: assetInitiatives },
    { name: "tasks", rows: tasks },
    { name: "task_assignees", rows: taskAssignees },
    { name: "task_events", rows: taskEvents },
  ];
  const hoodInitiatives = initiatives.filter((i) => i.neighbourhood_id === benchHood && !i.archived_at).map((i) => i.id as string);
  const partnerHood = partnerHoodOf(partnerIds[1]!).includes(benchHood) ? benchHood : partnerHoodOf(partnerIds[1]!)[0]!;
  return {
    size,
    seed,
    today,
    tables,
    counts: Object.fromEntries(tables.map((t) => [t.name, t.rows.length])),
    fixtures: {
      today,
      coordinatorId,
      coordinatorEmail: emailOf.get(coordinatorId)!,
      partnerId,
      cityPartnerId,
      adminId,
      neighbourhoodId: benchHood,
      ownInitiativeIds: benchOwn,
      initiativeIds: [...benchOwn, ...hoodInitiatives.filter((i) => !benchOwn.includes(i))].slice(0, 12),
      partnerNeighbourhoodId: partnerHood,
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
