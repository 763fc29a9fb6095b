import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, makeWorld, signedIn } from "../helpers/factories";
import { auditLog, initiativeCoordinators, outbox, people } from "../../src/db/schema";

describe("an admin invites people and gives them roles", () => {
  it("invites a coordinator, who gets a magic link by mail", async () => {
    const { admin, initiative } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const res = await browser.post("/admin/people", {
      name: "Fatima el Amrani",
      email: "Fatima@Example.org",
      locale: "nl",
      coordinatorOf: initiative.id,
    });
    expect(res.status).toBe(303);
    const person = await db.query.people.findFirst({ where: eq(people.email, "fatima@example.org") });
    expect(person?.name).toBe("Fatima el Amrani");
    const roles = await db.select().from(initiativeCoordinators).where(eq(initiativeCoordinators.personId, person!.id));
    expect(roles.map((r) => r.initiativeId)).toEqual([initiative.id]);
    const [mail] = await db.select().from(outbox).where(eq(outbox.recipient, "fatima@example.org"));
    expect(mail?.kind).toBe("invite");
    expect(mail?.bodyText).toContain("/sign-in/verify?token=");
    const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, person!.id));
    expect(trail.map((a) => a.action)).toContain("create");
    expect((await browser.get(res.location!)).html).toContain("Uitnodiging gestuurd naar fatima@example.org");
  });

  it("answers bad input next to the fields and writes nothing", async () => {
    const { admin, coordinator } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const count = (await db.select().from(people)).length;
    const res = await browser.post("/admin/people", { name: "", email: "geen-mail", locale: "fr", coordinatorOf: "bestaat-niet" });
    expect(res.status).toBe(422);
    expect(res.html).toContain("Vul dit veld in.");
    expect(res.html).toContain("Vul een geldig e-mailadres in");
    expect(res.html).toContain("Kies een van de mogelijkheden.");
    const dup = await browser.post("/admin/people", { name: "Dubbel", email: coordinator.email, locale: "nl" });
    expect(dup.status).toBe(409);
    expect(dup.html).toContain(`${coordinator.name} staat al in Wijkonderhoud`);
    expect(dup.html).not.toContain("hoort al bij iemand anders");
    const unknownInitiative = await browser.post("/admin/people", {
      name: "Onbekend",
      email: "onbekend@example.org",
      locale: "nl",
      coordinatorOf: "bestaat-niet",
    });
    expect(unknownInitiative.status).toBe(422);
    expect((await db.select().from(people)).length).toBe(count);
    expect(await db.query.people.findFirst({ where: eq(people.email, "onbekend@example.org") })).toBeUndefined();
  });

  it("inviting someone who is already known offers to give her the role instead, and keeps what she has", async () => {
    const { admin, initiative, partnerPerson } = await makeWorld();
    const browser = await signedIn(admin.id);
    await browser.get("/admin/people/new");
    const before = (await db.select().from(people)).length;
    const mails = (await db.select().from(outbox)).length;
    const offer = await browser.post("/admin/people", {
      name: "Andere naam",
      email: partnerPerson.email!.toUpperCase(),
      locale: "en",
      coordinatorOf: initiative.id,
    });
    expect(offer.status).toBe(409);
    expect(offer.html).toContain(`${partnerPerson.name} staat al in Wijkonderhoud`);
    expect(offer.html).toContain(`Rollen die erbij komen: Coördinator: ${initiative.name}.`);
    expect(offer.html).toContain(`<form method="post" action="/admin/people/${partnerPerson.id}">`);
    expect((await db.select().from(people)).length).toBe(before);
    // Accepting the offer: the role is added, her own name, language and partner role stay; no invitation mail.
    // The offer's own form, as a browser would send it.
    const form = offer.html.slice(offer.html.indexOf(`action="/admin/people/${partnerPerson.id}"`)).split("</form>")[0]!;
    const fields: Record<string, string[]> = {};
    for (const m of form.matchAll(/<input type="hidden" name="([a-zA-Z]+)" value="([^"]*)"\/>/g))
      if (m[1] !== "_csrf") (fields[m[1]!] ??= []).push(m[2]!);
    expect(fields.coordinatorOf).toEqual([initiative.id]);
    const given = await browser.post(`/admin/people/${partnerPerson.id}`, fields);
    expect(given.status).toBe(303);
    const roles = await db.select().from(initiativeCoordinators).where(eq(initiativeCoordinators.personId, partnerPerson.id));
    expect(roles.map((r) => r.initiativeId)).toEqual([initiative.id]);
    const after = await db.query.people.findFirst({ where: eq(people.id, partnerPerson.id) });
    expect(after).toMatchObject({ name: partnerPerson.name, locale: partnerPerson.locale });
    expect((await db.select().from(outbox)).length).toBe(mails);
    expect((await browser.get(given.location!)).html).toMatch(/role="status"[^>]*>Opgeslagen: de rollen van /);
  });

  it("changes roles, and refuses a stale form without losing the input", async () => {
    const { admin, nobody, initiative } = await makeWorld();
    const first = await signedIn(admin.id);
    const second = await signedIn(admin.id);
    await first.get(`/admin/people/${nobody.id}`);
    await second.get(`/admin/people/${nobody.id}`);

    const saved = await first.post(`/admin/people/${nobody.id}`, {
      name: "Nina Nieuw",
      locale: "en",
      version: "1",
      coordinatorOf: initiative.id,
    });
    expect(saved.status).toBe(303);
    const stale = await second.post(`/admin/people/${nobody.id}`, { name: "Nina Oud", locale: "nl", version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain("Iemand anders heeft deze persoon intussen gewijzigd");
    expect(stale.html).toContain('value="Nina Oud"'); // the user's input is kept
    expect(stale.html).toContain("<strong>Nina Nieuw</strong>"); // and what changed is shown

    const row = await db.query.people.findFirst({ where: eq(people.id, nobody.id) });
    expect(row?.name).toBe("Nina Nieuw");
    expect(row?.version).toBe(2);
    const roles = await db.select().from(initiativeCoordinators).where(eq(initiativeCoordinators.personId, nobody.id));
    expect(roles).toHaveLength(1);
  });
});
