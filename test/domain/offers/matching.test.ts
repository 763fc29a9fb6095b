import { describe, expect, it } from "vitest";
import { defaultSearch, needsOf, rankOffers, searchWords } from "../../../src/domain/offers/matching";
import { offerTitle } from "../../../src/domain/offers/offers";
import type { Flag } from "../../../src/domain/risk/rules";
import type { OfferTag } from "../../../src/domain/offers/tags";

const flag = (rule: Flag["rule"], params: Flag["params"] = {}, subjectId = "a1"): Flag => ({
  rule,
  severity: "at_risk",
  since: "2026-01-01",
  subjectId,
  params,
});
const tag = (id: string, name: string, role: string | null = null, nameEn = ""): OfferTag => ({
  id,
  name,
  nameEn,
  role,
  archivedAt: null,
  version: 1,
  createdAt: "",
  createdBy: null,
  updatedAt: "",
  updatedBy: null,
});
const TAGS = [
  tag("t-koken", "koken", "cook", "cooking"),
  tag("t-geld", "penningmeester", "treasurer"),
  tag("t-tuin", "tuin", null, "gardening"),
];
const offer = (id: string, tagIds: string[], description: string) => ({ id, tagIds, name: description.slice(0, 20), description });

describe("what an activity needs, from its flags", () => {
  it("reads a key person's role and too few volunteers, and nothing from other flags", () => {
    expect(
      needsOf([flag("funding_cliff"), flag("key_person", { role: "treasurer" }, "treasurer"), flag("few_volunteers", { count: 1 })]),
    ).toEqual([{ rule: "key_person", role: "treasurer" }, { rule: "few_volunteers" }]);
    expect(needsOf([flag("stale_checkin")])).toEqual([]);
  });
});

describe("the search a coordinator starts from", () => {
  it("for a key person: the kinds of help that fill the role, asking for that role as critical", () => {
    expect(defaultSearch([{ rule: "key_person", role: "treasurer" }, { rule: "few_volunteers" }], TAGS, "Tuindag")).toEqual({
      tagIds: ["t-geld"],
      q: "",
      role: "treasurer",
      critical: true,
    });
  });

  it("for too few volunteers: volunteers, with the kinds of help the activity's words name (Dutch or English)", () => {
    expect(defaultSearch([{ rule: "few_volunteers" }], TAGS, "Tuindag Moestuin De Vlinder")).toEqual({
      tagIds: ["t-tuin"],
      q: "",
      role: "volunteer",
      critical: false,
    });
    expect(defaultSearch([], TAGS, "Cooking club").tagIds).toEqual(["t-koken"]);
    expect(defaultSearch([], TAGS, "Repair Café").tagIds).toEqual([]);
  });
});

describe("ranking offers", () => {
  const offers = [
    offer("o1", [], "Ik heb een auto en rijd graag mensen naar het ziekenhuis"),
    offer("o2", ["t-koken"], "Ik kook voor grote groepen"),
    offer("o3", ["t-koken", "t-tuin"], "Koken en tuinieren"),
    offer("o4", [], "Ik REPAREER fietsen"),
    offer("o5", ["t-geld"], "Boekhouding"),
  ];

  it("puts offers with a wanted kind of help first (most matches first), then those naming a searched word, then the rest", () => {
    const r = rankOffers(offers, { tagIds: ["t-koken", "t-tuin"], words: searchWords("repareer, AUTO!") });
    expect(r.byTag.map((o) => o.id)).toEqual(["o3", "o2"]);
    expect(r.byText.map((o) => o.id)).toEqual(["o1", "o4"]);
    expect(r.others.map((o) => o.id)).toEqual(["o5"]);
  });

  it("without a search, every offer is among the rest, in the order given", () => {
    const r = rankOffers(offers, { tagIds: [], words: [] });
    expect(r.byTag).toEqual([]);
    expect(r.byText).toEqual([]);
    expect(r.others.map((o) => o.id)).toEqual(["o1", "o2", "o3", "o4", "o5"]);
  });

  it("searches whole words of three letters or more, in lower case, at most ten", () => {
    expect(searchWords("  Ik  kan KOKEN, én fietsen-maken; 12 ab ")).toEqual(["kan", "koken", "fietsen", "maken"]);
    expect(searchWords(Array.from({ length: 15 }, (_, i) => `woord${i}`).join(" "))).toHaveLength(10);
  });
});

describe("an offer's name in the register", () => {
  it("is its first line, cut at a word when it is long", () => {
    expect(offerTitle("Ik kook graag\nvoor de buurt")).toBe("Ik kook graag");
    const long = "Ik help graag bij de moestuin, met het onkruid en de oogst, en ik kan ook goed met kinderen omgaan als dat nodig is";
    const title = offerTitle(long);
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith("…")).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
  });
});
