// "Wie kan helpen?" and the ask by mail, end to end through the app: the link beside a flagged
// activity, the page (for the initiative's coordinators only), the one-tap ask and its mail, and
// the resident's yes or no from the mail (GET shows, POST answers) — yes clears the flag.
import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import * as s from "../../src/db/schema";
import { recomputeRisk } from "../../src/domain/risk/store";
import { todayInAmsterdam } from "../../src/lib/dates";
import { askMail } from "../../src/mail/offer-mails";
import { Browser } from "../helpers/browser";
import { appAt, db, makeInitiative, makePerson, makeWorld, signedIn } from "../helpers/factories";
import { makeActivity, makeInvolvement } from "../helpers/people-factories";
import { makeOffer } from "../helpers/offer-factories";
import { makeCoordinatorOf } from "../helpers/workspace-factories";

const AT = "2026-06-15T10:00:00.000Z";
const NOW = new Date(AT);
const TODAY = todayInAmsterdam(NOW);
/** Everyone uses the app on the same fixed day. */
const as = (personId: string) => signedIn(personId, AT);

/** An activity with one volunteer (too few), an accepted offer that fits it and one that does not. */
async function scene() {
  const w = await makeWorld();
  const activity = await makeActivity(w.initiative.id, { name: "Reparatiemiddag", rhythm: "eerste zaterdag" });
  const only = await makePerson({ name: "Enige Vrijwilliger" });
  await makeInvolvement(w.initiative.id, only.id, { activityId: activity.id, since: "2025-01-01" });
  await recomputeRisk(db, { initiativeIds: [w.initiative.id] }, TODAY, NOW);
  const fits = await makeOffer(w.hood.id, {
    name: "Lieke de Wit",
    description: "Ik repareer graag lampen",
    tagIds: ["tag-klussen"],
  });
  const other = await makeOffer(w.hood.id, { name: "Omar Ander", description: "Ik rijd mensen naar de markt", tagIds: ["tag-vervoer"] });
  const page = `/initiatives/${w.initiative.id}/activities/${activity.id}/helpers`;
  return { ...w, activity, fits, other, page };
}

async function flags(activityId: string) {
  const [row] = await db.select().from(s.activityRisks).where(eq(s.activityRisks.activityId, activityId));
  return (JSON.parse(row!.flags) as { rule: string }[]).map((f) => f.rule);
}

function answerLink(text: string | null, answer: "yes" | "no"): string {
  const m = new RegExp(`http://localhost(/mail/asks/[^\\s?]+\\?answer=${answer})`).exec(text ?? "");
  if (!m) throw new Error(`no ${answer} link in: ${text}`);
  return m[1]!;
}

async function ask(browser: Browser, w: Awaited<ReturnType<typeof scene>>, offerId = w.fits.id, extra: Record<string, string> = {}) {
  await browser.get(w.page);
  return browser.post(`/initiatives/${w.initiative.id}/activities/${w.activity.id}/asks`, { offerId, role: "volunteer", ...extra });
}

describe("Wie kan helpen?", () => {
  it("is offered beside an activity that lacks volunteers, to its coordinators only", async () => {
    const w = await scene();
    expect(await flags(w.activity.id)).toContain("few_volunteers");
    const mine = await (await as(w.coordinator.id)).get(`/initiatives/${w.initiative.id}`);
    expect(mine.html).toContain(`href="${w.page}"`);
    const partner = await (await as(w.partnerPerson.id)).get(`/initiatives/${w.initiative.id}`);
    expect(partner.status).toBe(200);
    expect(partner.html).not.toContain(w.page);
  });

  it("lists the fitting offer first and the others below; refuses partners and other coordinators of the neighbourhood", async () => {
    const w = await scene();
    const coordinator = await as(w.coordinator.id);
    // With the kind of help "klussen" ticked, as a coordinator would (a GET form).
    const res = await coordinator.get(`${w.page}?search=1&tag=tag-klussen&role=vrijwilliger`);
    expect(res.status).toBe(200);
    expect(res.html).toContain("Er zijn te weinig vrijwilligers.");
    const byTag = res.html.indexOf("Past bij de soort hulp");
    const others = res.html.indexOf("Ander aanbod in de buurt (1)");
    expect(byTag).toBeGreaterThan(0);
    expect(res.html.indexOf("Vraag Lieke de Wit")).toBeGreaterThan(byTag);
    expect(res.html.indexOf("Vraag Omar Ander")).toBeGreaterThan(others);
    // A search on words finds the text.
    const words = await coordinator.get(`${w.page}?search=1&q=markt`);
    expect(words.html.indexOf("Noemt wat je zoekt")).toBeLessThan(words.html.indexOf("Vraag Omar Ander"));

    const neighbour = await makeCoordinatorOf((await makeInitiative(w.hood.id, { name: "Ander initiatief" })).id);
    expect((await (await as(neighbour.id)).get(w.page)).status).toBe(403);
    expect((await (await as(w.partnerPerson.id)).get(w.page)).status).toBe(403);
    expect((await coordinator.get(`/initiatives/${w.initiative.id}/activities/${crypto.randomUUID()}/helpers`)).status).toBe(404);
    const other = await coordinator.get(`/initiatives/${w.otherInitiative.id}/activities/${w.activity.id}/helpers`);
    expect(other.status).toBe(403);
  });

  it("asks with one tap: a mail with yes and no; yes from the mail makes the volunteer and the flag clears", async () => {
    const w = await scene();
    const coordinator = await as(w.coordinator.id);
    const res = await ask(coordinator, w);
    expect(res.status).toBe(303);
    expect(res.location).toContain(`${w.page}?`);
    expect((await coordinator.get(res.location!)).html).toContain("Lieke de Wit is gevraagd om mee te helpen.");
    const [mail] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.fits.person.id), eq(s.outbox.kind, "help_ask")));
    expect(mail).toMatchObject({ subject: "Wil je helpen bij Reparatiemiddag?", locale: "nl" });
    expect(mail!.bodyText).toContain("Cor Coördinator van Buurtmoestuin vraagt of je wilt helpen bij Reparatiemiddag, als vrijwilliger.");
    expect(mail!.bodyText).toContain("Ik repareer graag lampen");
    expect(mail!.bodyText).toContain("/mail/unsubscribe/");

    // The mail scanner opens the link: nothing happens yet.
    const resident = new Browser(appAt(AT));
    const page = await resident.get(answerLink(mail!.bodyText, "yes"));
    expect(page.status).toBe(200);
    expect(page.html).toContain("Doe je mee met Reparatiemiddag?");
    expect(await db.select().from(s.involvements).where(eq(s.involvements.personId, w.fits.person.id))).toEqual([]);
    const answered = await resident.post(answerLink(mail!.bodyText, "yes").split("?")[0]!, { answer: "yes" });
    expect(answered.status).toBe(303);
    expect((await resident.get(answered.location!)).html).toContain("Fijn dat je meedoet!");
    const [involvement] = await db.select().from(s.involvements).where(eq(s.involvements.personId, w.fits.person.id));
    expect(involvement).toMatchObject({ activityId: w.activity.id, role: "volunteer", since: TODAY, until: null });
    expect(await flags(w.activity.id)).not.toContain("few_volunteers");
    // The initiative page no longer points to "Wie kan helpen?" for it, and the ask shows the answer.
    expect((await coordinator.get(`/initiatives/${w.initiative.id}`)).html).not.toContain(`href="${w.page}"`);
    expect((await coordinator.get(w.page)).html).toContain("Lieke de Wit · vrijwilliger · gevraagd op");
    // Clicking "no" afterwards changes nothing: the answer was given.
    const late = await resident.get(answerLink(mail!.bodyText, "no"));
    expect(late.html).toContain("ja: je doet mee");
    // Someone who helps already is not asked again.
    const again = await ask(coordinator, w);
    expect((await coordinator.get(again.location!)).html).toContain("Deze bewoner doet al mee met deze activiteit.");
    expect(await db.select().from(s.helpAsks).where(eq(s.helpAsks.offerId, w.fits.id))).toHaveLength(1);
  });

  it("no from the mail is kept and makes nothing; an open ask is not made twice", async () => {
    const w = await scene();
    const coordinator = await as(w.coordinator.id);
    await ask(coordinator, w, w.other.id);
    const twice = await ask(coordinator, w, w.other.id);
    expect((await coordinator.get(twice.location!)).html).toContain("al gevraagd voor deze activiteit");
    const rows = await db.select().from(s.helpAsks).where(eq(s.helpAsks.offerId, w.other.id));
    expect(rows).toHaveLength(1);
    const [mail] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.other.person.id), eq(s.outbox.kind, "help_ask")));
    const resident = new Browser(appAt(AT));
    const link = answerLink(mail!.bodyText, "no");
    await resident.get(link);
    const res = await resident.post(link.split("?")[0]!, { answer: "no" });
    expect(res.status).toBe(303);
    expect((await resident.get(res.location!)).html).toContain("Dank je voor je antwoord.");
    expect((await db.select().from(s.helpAsks).where(eq(s.helpAsks.id, rows[0]!.id)))[0]!.status).toBe("no");
    expect(await db.select().from(s.involvements).where(eq(s.involvements.personId, w.other.person.id))).toEqual([]);
    expect(await flags(w.activity.id)).toContain("few_volunteers");
  });

  it("refuses to ask someone who wants no asks, an offer of another neighbourhood, and anyone for partners", async () => {
    const w = await scene();
    await db
      .update(s.people)
      .set({ mailOptOuts: JSON.stringify(["asks"]) })
      .where(eq(s.people.id, w.fits.person.id));
    const coordinator = await as(w.coordinator.id);
    expect((await coordinator.get(w.page)).html).toContain("Lieke de Wit: kan nu geen mail krijgen");
    const res = await ask(coordinator, w);
    expect((await coordinator.get(res.location!)).html).toContain("kan nu geen mail krijgen (geen werkend adres, of wil geen vragen meer)");
    const elsewhere = await makeOffer(w.otherHood.id);
    const res2 = await ask(coordinator, w, elsewhere.id);
    expect((await coordinator.get(res2.location!)).html).toContain("hoort bij een andere buurt");
    const partner = await as(w.partnerPerson.id);
    await partner.get("/");
    expect(
      (await partner.post(`/initiatives/${w.initiative.id}/activities/${w.activity.id}/asks`, { offerId: w.other.id, role: "volunteer" }))
        .status,
    ).toBe(403);
    expect(await db.select().from(s.helpAsks).where(eq(s.helpAsks.activityId, w.activity.id))).toEqual([]);
  });

  it("an answer link that expired or was changed answers nothing", async () => {
    const w = await scene();
    const coordinator = await as(w.coordinator.id);
    await ask(coordinator, w);
    const [mail] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.personId, w.fits.person.id), eq(s.outbox.kind, "help_ask")));
    const link = answerLink(mail!.bodyText, "yes");
    const later = new Browser(appAt(new Date(NOW.getTime() + 31 * 86_400_000).toISOString()));
    const expired = await later.get(link);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("verlopen");
    expect((await new Browser(appAt(AT)).get(link.replace("?", "x?"))).status).toBe(410);
    expect((await db.select().from(s.helpAsks).where(eq(s.helpAsks.offerId, w.fits.id)))[0]!.status).toBe("asked");
  });
});

describe("the ask mail", () => {
  it("is in the resident's language, with one-click unsubscribe headers for asks", async () => {
    const mail = await askMail(
      { secret: env.SESSION_SECRET, appUrl: "https://wijk.example" },
      {
        ask: {
          id: "ask-1",
          offerId: "o",
          personId: "p-1",
          initiativeId: "i",
          activityId: "a",
          role: "treasurer",
          critical: true,
          status: "asked",
          askedBy: null,
          askedAt: "2026-06-15T10:00:00.000Z",
          answeredAt: null,
          involvementId: null,
        },
        person: { id: "p-1", name: "Sam", email: "sam@example.org", locale: "en" },
        activity: { name: "Weekly meal", rhythm: "Thursdays", place: "" },
        initiative: { name: "Eettafel" },
        askerName: null,
        offerText: "I keep accounts",
      },
    );
    expect(mail).toMatchObject({
      key: "help_ask:ask-1",
      kind: "help_ask",
      to: "sam@example.org",
      subject: "Would you like to help with Weekly meal?",
    });
    expect(mail.text).toContain("A coordinator of Eettafel asks whether you would like to help with Weekly meal, as treasurer.");
    expect(mail.text).toContain("When: Thursdays");
    expect(mail.text).not.toContain("Where:");
    expect(mail.headers!["List-Unsubscribe"]).toMatch(/^<https:\/\/wijk\.example\/mail\/unsubscribe\/v1\./);
    expect(mail.headers!["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail.html).toContain("Yes, I&#39;ll join");
  });
});
