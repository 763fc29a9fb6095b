// One plain sentence per flag, in the reader's language, naming the cause and the date.
// Dutch at B1 level: short sentences, everyday words.
import type { Flag, Severity } from "./rules";
import { formatDate, formatWholeMoney } from "../../i18n/format";

export type ExplainLocale = "nl" | "en";

const SEVERITY_LABELS: Record<ExplainLocale, Record<Severity, string>> = {
  nl: { ok: "in orde", watch: "let op", at_risk: "in gevaar", urgent: "dringend" },
  en: { ok: "ok", watch: "watch", at_risk: "at risk", urgent: "urgent" },
};

export function severityLabel(sev: Severity, locale: ExplainLocale): string {
  return SEVERITY_LABELS[locale][sev];
}

/** "30 juni 2027" / "30 June 2027". */
export const formatDay = (iso: string, locale: ExplainLocale): string => formatDate(locale, iso);

const FUNDING_NOUNS: Record<ExplainLocale, Record<string, string>> = {
  nl: {
    wijkbudget: "Het wijkbudget",
    subsidy: "De subsidie",
    fund: "De bijdrage",
    housing_corporation: "De bijdrage",
    sponsor: "De sponsoring",
    own_income: "De eigen inkomsten",
    in_kind: "De bijdrage in natura",
  },
  en: {
    wijkbudget: "The neighbourhood budget",
    subsidy: "The subsidy",
    fund: "The grant",
    housing_corporation: "The contribution",
    sponsor: "The sponsorship",
    own_income: "The own income",
    in_kind: "The in-kind support",
  },
};

const ROLE_LABELS: Record<ExplainLocale, Record<string, string>> = {
  nl: {
    coordinator: "coördinator",
    treasurer: "penningmeester",
    key_holder: "sleutelbeheerder",
    cook: "kok",
    volunteer: "vrijwilliger",
    partner_contact: "contactpersoon",
  },
  en: {
    coordinator: "coordinator",
    treasurer: "treasurer",
    key_holder: "key holder",
    cook: "cook",
    volunteer: "volunteer",
    partner_contact: "partner contact",
  },
};

/** "penningmeester" / "treasurer": a role in the reader's language (the role's code when unknown). */
export function roleLabel(role: string, locale: ExplainLocale): string {
  return ROLE_LABELS[locale][role] ?? role;
}

function str(p: Flag["params"], key: string, fallback = ""): string {
  const v = p[key];
  return v === undefined ? fallback : String(v);
}

function num(p: Flag["params"], key: string): number | null {
  const v = p[key];
  return typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : null;
}

function fundingNoun(p: Flag["params"], locale: ExplainLocale): string {
  const noun = FUNDING_NOUNS[locale][str(p, "kind")] ?? (locale === "nl" ? "Het geld" : "The money");
  const source = str(p, "sourceName");
  return source ? `${noun} ${locale === "nl" ? "van" : "from"} ${source}` : noun;
}

/** "Nog 2 maanden." / "2 months left." — from monthsLeft, or days when less than a month is left. */
function timeLeft(p: Flag["params"], locale: ExplainLocale): string {
  const months = num(p, "monthsLeft");
  const days = num(p, "daysLeft");
  if (months !== null && months >= 1) {
    return locale === "nl"
      ? `Nog ${months} ${months === 1 ? "maand" : "maanden"}.`
      : `${months} ${months === 1 ? "month" : "months"} left.`;
  }
  if (days !== null && days >= 1) {
    return locale === "nl" ? `Nog ${days} ${days === 1 ? "dag" : "dagen"}.` : `${days} ${days === 1 ? "day" : "days"} left.`;
  }
  if (days === 0) return locale === "nl" ? "Vandaag is de laatste dag." : "Today is the last day.";
  return "";
}

function renewalSentence(p: Flag["params"], locale: ExplainLocale): string {
  switch (str(p, "renewalState")) {
    case "applied":
      return locale === "nl" ? "verlenging aangevraagd, nog niet toegekend" : "renewal applied for, not yet granted";
    case "planned":
      return locale === "nl" ? "verlenging gepland, nog niet aangevraagd" : "renewal planned, not yet applied for";
    default:
      return locale === "nl" ? "er is geen verlenging toegekend" : "no renewal has been granted";
  }
}

function duration(months: number | null, locale: ExplainLocale): string {
  const m = months ?? 0;
  if (m > 0 && m % 12 === 0) {
    const y = m / 12;
    return locale === "nl" ? `${y} jaar` : `${y} ${y === 1 ? "year" : "years"}`;
  }
  return locale === "nl" ? `${m} ${m === 1 ? "maand" : "maanden"}` : `${m} ${m === 1 ? "month" : "months"}`;
}

function join(...parts: string[]): string {
  return parts.filter((s) => s !== "").join(" ");
}

/** One plain sentence (sometimes two short ones) that names the cause and the date. */
export function explainFlag(flag: Flag, locale: ExplainLocale): string {
  const p = flag.params;
  const nl = locale === "nl";
  const d = (key: string): string => {
    const v = str(p, key);
    return v ? formatDay(v, locale) : "";
  };
  const since = formatDay(flag.since, locale);
  const activity = str(p, "activityName", nl ? "Deze activiteit" : "This activity");

  switch (flag.rule) {
    case "funding_cliff": {
      const shortfall = num(p, "shortfallCentsPerYear");
      // Flags stored before shortfalls were known: the sentence without amounts.
      if (shortfall === null)
        return join(
          `${fundingNoun(p, locale)} ${nl ? "stopt op" : "ends on"} ${d("endsOn")}; ${renewalSentence(p, locale)}.`,
          timeLeft(p, locale),
        );
      // "€ 2.500 per jaar valt weg op 20 januari 2027; € 500 per jaar is geregeld." — what falls away, and what is arranged.
      const covered = num(p, "coveredCentsPerYear") ?? 0;
      // A plain space after "€" (Intl writes a no-break space): the sentence is also read as text in CSV and JSON.
      const perYear = (cents: number) => `${formatWholeMoney(locale, cents).replace(/\u00a0/g, " ")} ${nl ? "per jaar" : "a year"}`;
      const state = str(p, "renewalState");
      const arranged =
        covered > 0
          ? `${perYear(covered)} ${nl ? "is geregeld" : "is arranged"}`
          : state === "applied" || state === "planned"
            ? renewalSentence(p, locale)
            : nl
              ? "niets geregeld"
              : "nothing arranged";
      return join(
        `${fundingNoun(p, locale)} ${nl ? "stopt" : "ends"}.`,
        `${perYear(shortfall)} ${nl ? "valt weg op" : "falls away on"} ${d("endsOn")}; ${arranged}.`,
        timeLeft(p, locale),
      );
    }

    case "planned_ending": {
      const planned = d("plannedEndOn");
      if (str(p, "phase") === "ended") {
        return nl
          ? join(
              `Het geld stopte op ${d("lastEndsOn")}. Dat hoort bij het geplande einde.`,
              planned ? `Het initiatief stopt op ${planned}.` : "",
            )
          : join(
              `The money stopped on ${d("lastEndsOn")}. That is part of the planned ending.`,
              planned ? `The initiative ends on ${planned}.` : "",
            );
      }
      return nl
        ? join(
            `${fundingNoun(p, locale)} stopt op ${d("endsOn")}. Dat is gepland: het initiatief gaat netjes afsluiten.`,
            planned ? `Gepland einde: ${planned}.` : "",
          )
        : join(
            `${fundingNoun(p, locale)} ends on ${d("endsOn")}. That is planned: the initiative is coming to a good end.`,
            planned ? `Planned ending: ${planned}.` : "",
          );
    }

    case "running_on_nothing":
      return nl
        ? `${activity} heeft geen geld meer sinds ${since}: het laatste geld (${str(p, "sourceName")}) stopte op ${d("lastEndsOn")}, en er is geen plan om zonder door te gaan.`
        : `${activity} has had no money since ${since}: the last money (${str(p, "sourceName")}) ended on ${d("lastEndsOn")}, and there is no plan to carry on without it.`;

    case "concentration": {
      const pct = num(p, "percent") ?? Math.round((num(p, "share") ?? 0) * 100);
      return nl
        ? `Sinds ${since} komt ${pct} % van het geld voor ${activity} van ${str(p, "sourceName")}. Als dat stopt, is er weinig over.`
        : `Since ${since}, ${pct}% of the money for ${activity} comes from ${str(p, "sourceName")}. If that stops, little is left.`;
    }

    case "key_person": {
      const role = str(p, "role");
      const label = roleLabel(role, locale);
      const who = str(p, "personName");
      // Flags stored before reserves existed have no `reserve`: no reserve.
      const reserve = num(p, "reserve") === 1;
      const next = nl
        ? reserve
          ? "Er is een reserve die het kan overnemen."
          : "Er is geen reserve. Zoek iemand die dit samen kan doen."
        : reserve
          ? "There is a reserve who could take over."
          : "There is no reserve. Find someone to share this.";
      return nl
        ? `Sinds ${since} is ${who || "maar één persoon"} ${who ? "als enige " : ""}${label} voor ${activity}. ${next}`
        : `Since ${since}, ${who || "only one person"} ${who ? "alone is" : "is"} ${label} for ${activity}. ${next}`;
    }

    case "few_volunteers": {
      const count = num(p, "count") ?? 0;
      return nl
        ? `Sinds ${since} heeft ${activity} ${count === 0 ? "geen actieve vrijwilligers" : "maar één actieve vrijwilliger"}.`
        : `Since ${since}, ${activity} has ${count === 0 ? "no active volunteers" : "only one active volunteer"}.`;
    }

    case "shrinking": {
      const now = num(p, "now") ?? 0;
      const then = num(p, "lastYear") ?? 0;
      return nl
        ? `${activity} heeft nu ${now} actieve ${now === 1 ? "vrijwilliger" : "vrijwilligers"}; op ${d("lastYearOn")} waren dat er ${then}.`
        : `${activity} now has ${now} active ${now === 1 ? "volunteer" : "volunteers"}; on ${d("lastYearOn")} there were ${then}.`;
    }

    case "facility_ending": {
      const name = str(p, "facilityName");
      if (str(p, "phase") === "ended") {
        return nl
          ? `De afspraak over ${name} is op ${d("endsOn")} afgelopen en is niet verlengd.`
          : `The agreement for ${name} ended on ${d("endsOn")} and has not been renewed.`;
      }
      return join(
        `${nl ? "De afspraak over" : "The agreement for"} ${name} ${nl ? "loopt af op" : "ends on"} ${d("endsOn")}; ${renewalSentence(p, locale)}.`,
        timeLeft(p, locale),
      );
    }

    case "commitment_ending": {
      const what = str(p, "description");
      const partner = str(p, "partnerName");
      const subject = nl
        ? `De afspraak met ${partner}${what ? ` (${what})` : ""}`
        : `The commitment from ${partner}${what ? ` (${what})` : ""}`;
      return join(`${subject} ${nl ? "stopt op" : "ends on"} ${d("endsOn")}; ${renewalSentence(p, locale)}.`, timeLeft(p, locale));
    }

    case "stale_checkin": {
      const months = duration(num(p, "months"), locale);
      const last = d("lastCheckinOn");
      if (last) {
        return nl
          ? `Het laatste jaarmoment is van ${last}, meer dan ${months} geleden. Tijd voor een nieuw jaarmoment.`
          : `The last yearly check-in is from ${last}, more than ${months} ago. Time for a new one.`;
      }
      return nl
        ? `Er is nog geen jaarmoment ingevuld, en dat had sinds ${since} gemoeten.`
        : `No yearly check-in has been filled in yet; one was due by ${since}.`;
    }

    case "stale_asset": {
      const months = duration(num(p, "months"), locale);
      return nl
        ? `${str(p, "assetName")} is voor het laatst bevestigd op ${d("lastConfirmedOn")}, meer dan ${months} geleden. Klopt het nog?`
        : `${str(p, "assetName")} was last confirmed on ${d("lastConfirmedOn")}, more than ${months} ago. Is it still right?`;
    }

    case "neglected_upkeep":
      return nl
        ? `De taak "${str(p, "title")}" moest op ${d("dueOn")} klaar zijn en is sinds ${d("overdueSince")} te laat.`
        : `The task "${str(p, "title")}" was due on ${d("dueOn")} and has been overdue since ${d("overdueSince")}.`;
  }
}
