import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { strFromU8, unzipSync } from "fflate";
import * as s from "../../../src/db/schema";
import { exportNeighbourhood, exportPerson, exportZip, rowsToCsv } from "../../../src/domain/data/exports";
import { db, makeInitiative, makeNeighbourhood, makePerson } from "../../helpers/factories";
import { makeCheckin, makeInvolvement } from "../../helpers/people-factories";
import { makeActivity, makeFunding } from "../../helpers/money-factories";
import { makeAsset } from "../../helpers/api-factories";
import { audit } from "../../../src/domain/audit";
import { withDocumentFiles, zipPathOf } from "../../../src/domain/documents/document-export";
import { makeDocument, pdfBytes } from "../../helpers/document-files";

const NOW = new Date("2026-06-15T10:00:00Z");

describe("a neighbourhood's full record", () => {
  it("holds every object of the neighbourhood, its history, and nothing of another neighbourhood", async () => {
    const hood = await makeNeighbourhood({ name: "Lindenkwartier" });
    const other = await makeNeighbourhood({ name: "Elders" });
    const initiative = await makeInitiative(hood.id, { name: "Buurtmoestuin Linde" });
    const elsewhere = await makeInitiative(other.id, { name: "Niet van ons" });
    const activity = await makeActivity(initiative.id);
    const funding = await makeFunding(initiative.id, {}, [activity.id]);
    const volunteer = await makePerson({ name: "Gerrit Groen", phone: "0612345678" });
    await makeInvolvement(initiative.id, volunteer.id);
    await makeCheckin(initiative.id, 2025);
    await makeAsset(hood.id);
    await audit(
      db,
      {
        actorId: null,
        entity: "initiative",
        entityId: initiative.id,
        action: "update",
        initiativeId: initiative.id,
        neighbourhoodId: hood.id,
        changes: { name: ["Moestuin", "Buurtmoestuin Linde"] },
      },
      NOW,
    );
    await db.insert(s.riskEvents).values({
      id: crypto.randomUUID(),
      activityId: activity.id,
      initiativeId: initiative.id,
      neighbourhoodId: hood.id,
      on: "2026-01-02",
      toLevel: "watch",
      flags: "[]",
      createdAt: NOW.toISOString(),
    });

    const data = await exportNeighbourhood(db, hood.id, NOW);
    expect(data.neighbourhood?.name).toBe("Lindenkwartier");
    expect(data.initiatives.map((i) => i.id)).toEqual([initiative.id]);
    expect(data.activities.map((a) => a.id)).toEqual([activity.id]);
    expect(data.fundingStreams.map((f) => f.id)).toEqual([funding.id]);
    expect(data.fundingActivities).toEqual([{ fundingId: funding.id, activityId: activity.id }]);
    expect(data.people.map((p) => p.name)).toContain("Gerrit Groen");
    expect(data.checkins).toHaveLength(1);
    expect(data.assets).toHaveLength(1);
    expect(data.riskEvents).toHaveLength(1);
    expect(data.auditLog.some((a) => a.entityId === initiative.id)).toBe(true);
    expect(JSON.stringify(data)).not.toContain(elsewhere.id);
  });

  it("as a zip of CSV files that Dutch Excel opens (BOM, semicolons), one per kind of object", async () => {
    const hood = await makeNeighbourhood({ name: "Zipbuurt" });
    const initiative = await makeInitiative(hood.id, { name: "Taalcafé; élan", purpose: "=SUM(A1)" });
    await makeActivity(initiative.id);
    const zip = await exportZip(await exportNeighbourhood(db, hood.id, NOW));
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["neighbourhood.csv", "initiatives.csv", "activities.csv", "involvements.csv", "auditLog.csv", "README.txt"]),
    );
    const bytes = files["initiatives.csv"]!;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = strFromU8(bytes);
    expect(csv.split("\r\n")[0]).toContain("id;neighbourhoodId;name");
    expect(csv).toContain('"Taalcafé; élan"');
    // A formula is written as text, never run by Excel.
    expect(csv).toContain("'=SUM(A1)");
  });

  it("writes an empty kind as a header-less empty file, and values as text", () => {
    expect(rowsToCsv([])).toBe("\uFEFF\r\n");
    expect(rowsToCsv([{ a: true, b: null, c: [1, 2] }])).toBe("\uFEFFa;b;c\r\ntrue;;[1,2]\r\n");
  });
});

describe("a person's own data", () => {
  it("has their record, roles, involvements, answers, sessions and mail, without secrets", async () => {
    const hood = await makeNeighbourhood();
    const initiative = await makeInitiative(hood.id);
    const person = await makePerson({ name: "Petra Eigen" });
    await makeInvolvement(initiative.id, person.id);
    await db.insert(s.initiativeCoordinators).values({ initiativeId: initiative.id, personId: person.id });
    await db.insert(s.sessions).values({
      id: crypto.randomUUID(),
      tokenHash: "secret-hash-value",
      personId: person.id,
      createdAt: NOW.toISOString(),
      expiresAt: "2026-07-15T00:00:00Z",
    });
    const data = await exportPerson(db, person.id, NOW);
    expect(data.person).toMatchObject({ id: person.id, name: "Petra Eigen", mailOptOuts: [] });
    expect(data.involvements).toHaveLength(1);
    expect(data.coordinatorOf).toEqual([{ initiativeId: initiative.id, initiativeName: initiative.name }]);
    expect(data.sessions).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("secret-hash-value");
  });
});

describe("documents in the exports", () => {
  it("lists every document in the manifest and carries the files in the zip, stored, up to the cap; the rest is marked as left out", async () => {
    const hood = await makeNeighbourhood({ name: "Mapbuurt" });
    const initiative = await makeInitiative(hood.id, { name: "Eettafel" });
    const funding = await makeFunding(initiative.id);
    const letter = pdfBytes("Beschikking");
    const first = await makeDocument("funding", funding.id, {
      name: "Beschikking 2026.pdf",
      bytes: letter,
      at: "2026-01-01T00:00:00.000Z",
    });
    const second = await makeDocument("initiative", initiative.id, {
      kind: "insurance",
      name: "polis.pdf",
      bytes: pdfBytes("Polis met een langere tekst om groter te zijn"),
      at: "2026-02-01T00:00:00.000Z",
    });
    const exported = await exportNeighbourhood(db, hood.id, NOW);
    expect(exported.documents.map((d) => d.id)).toEqual([first.id, second.id]);
    expect(exported.documents[0]).toMatchObject({ fileName: "Beschikking 2026.pdf", sizeBytes: letter.byteLength, sha256: first.sha256 });
    expect(exported.documents[0]).not.toHaveProperty("storageKey");

    // All files fit: both in the zip, byte for byte, and the manifest says where.
    const all = await withDocumentFiles(db, env.DOCUMENTS, exported);
    const files = unzipSync(await exportZip(all.data, all.files));
    expect(files[zipPathOf(first)]).toEqual(letter);
    expect(files[zipPathOf(second)]).toBeDefined();
    const manifest = strFromU8(files["documents.csv"]!);
    expect(manifest).toContain("fileInZip");
    expect(manifest).toContain(zipPathOf(first));
    expect(strFromU8(files["README.txt"]!)).toContain("fileInZip");

    // With room for the first file only, the second is listed but left out.
    const some = await withDocumentFiles(db, env.DOCUMENTS, exported, letter.byteLength);
    expect(some.data.documents.map((d) => d.fileInZip)).toEqual([zipPathOf(first), ""]);
    expect(Object.keys(some.files)).toEqual([zipPathOf(first)]);
  });
});
