import { describe, expect, it } from "vitest";
import "@hono/zod-openapi";
import { defineContract } from "../../src/lib/contract/define";
import * as f from "../../src/lib/contract/fields";

const KINDS = ["fund", "subsidy"] as const;
const contract = defineContract({
  name: "Probe",
  fields: {
    name: f.requiredText("form.required", 10),
    note: f.optionalText("form.required", 20),
    kind: f.choice("form.required", KINDS),
    state: f.choice("form.required", ["none", "granted"] as const, { fallback: "none" }),
    amount: f.euros("form.required"),
    startsOn: f.requiredDate("form.required"),
    endsOn: f.optionalDate("form.required"),
    count: f.integer("form.required", { min: 0, max: 9, fallback: 0 }),
    ok: f.checkbox("form.required"),
    ids: f.idList("form.required"),
  },
  rules: [(v) => (v.startsOn && v.endsOn && v.endsOn < v.startsOn ? { endsOn: "money.date.endBeforeStart" } : {})],
});

const form = (over: Record<string, unknown> = {}) => ({
  name: " Tuin ",
  note: "",
  kind: "fund",
  amount: "1.234,50",
  startsOn: "2026-01-01",
  endsOn: "",
  ...over,
});

describe("a contract's form", () => {
  it("turns a posted form into domain values: blanks are the field's fallback, euros are cents", () => {
    const parsed = contract.parseForm(form({ ids: ["a", "b", "a"], ok: "on", count: "3" }));
    expect(parsed).toEqual({
      ok: true,
      data: {
        name: "Tuin",
        note: null,
        kind: "fund",
        state: "none",
        amount: 123_450,
        startsOn: "2026-01-01",
        endsOn: null,
        count: 3,
        ok: true,
        ids: ["a", "b"],
      },
    });
  });

  it("names every wrong field at once, the cross-field rule included", () => {
    const parsed = contract.parseForm(
      form({ name: "", kind: "loterij", amount: "veel", startsOn: "2026-05-01", endsOn: "2026-04-30", count: "x", note: "a".repeat(21) }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        name: "form.required",
        kind: "form.unknownOption",
        amount: "money.amount.invalid",
        endsOn: "money.date.endBeforeStart",
        count: "form.invalid",
        note: "form.tooLong",
      },
    });
  });

  it("refuses impossible dates, lone surrogates and a text posted twice", () => {
    for (const startsOn of ["2026-02-30", "2026-13-01", "0050-01-01", "01-02-2026", "2026-1-1"]) {
      expect(contract.parseForm(form({ startsOn })), startsOn).toMatchObject({ ok: false, errors: { startsOn: "form.date" } });
    }
    expect(contract.parseForm(form({ name: "Tuin\ud800" }))).toMatchObject({ ok: false, errors: { name: "form.badText" } });
    expect(contract.parseForm(form({ name: ["a", "b"] }))).toMatchObject({ ok: false, errors: { name: "form.invalid" } });
  });

  it("shows a stored record as the form's inputs, and a failed post exactly as typed", () => {
    const stored = contract.stored({ name: "Tuin", note: null, kind: "fund", state: "granted", amount: 123_450, startsOn: "2026-01-01" });
    expect(contract.formValues(stored, "nl")).toMatchObject({ name: "Tuin", note: "", amount: "1234,50", endsOn: "", ok: false, ids: [] });
    expect(contract.formValuesFromBody({ name: "x", amount: "12,-", ids: "a", ok: "on" })).toMatchObject({
      name: "x",
      amount: "12,-",
      ids: ["a"],
      ok: true,
      note: "",
    });
  });

  it("needs the version on an update", () => {
    expect(contract.parseFormUpdate(form({ version: "3" }))).toMatchObject({ ok: true, data: { version: 3 } });
    expect(contract.parseFormUpdate(form({ version: "" }))).toMatchObject({ ok: false, errors: { version: "form.invalid" } });
  });
});

describe("a contract's API", () => {
  it("documents the create and update bodies, strict, with dates and cents", () => {
    const create = contract.createBody({});
    expect(create.safeParse({ name: "Tuin", kind: "fund", amount: 100, startsOn: "2026-01-01" }).success).toBe(true);
    expect(create.safeParse({ name: "Tuin", kind: "fund", amount: 100, startsOn: "2026-01-01", extra: 1 }).success).toBe(false);
    expect(create.safeParse({ name: "Tuin", kind: "fund", amount: "100", startsOn: "2026-01-01" }).success).toBe(false);
    expect(create.safeParse({ name: "Tuin", kind: "fund", amount: 100, startsOn: "2026-02-30" }).success).toBe(false);
    expect(contract.updateBody().safeParse({ version: 1 }).success).toBe(true);
    expect(contract.updateBody().safeParse({ name: "x" }).success).toBe(false);
  });

  it("on a PATCH keeps every field that is not sent, and null means none", () => {
    const stored = contract.stored({
      name: "Tuin",
      note: "notitie",
      kind: "fund",
      state: "granted",
      amount: 500,
      startsOn: "2026-01-01",
      endsOn: "2026-12-31",
      count: 2,
      ok: true,
      ids: ["a"],
    });
    expect(contract.fromJson({}, stored)).toEqual({ ok: true, data: stored });
    expect(contract.fromJson({ amount: 700 }, stored)).toEqual({ ok: true, data: { ...stored, amount: 700 } });
    expect(contract.fromJson({ note: null, state: null }, stored)).toEqual({ ok: true, data: { ...stored, note: null, state: "none" } });
    expect(contract.fromJson({ name: null }, stored)).toEqual({ ok: false, errors: { name: "form.required" } });
    // The cross-field rule runs on the merged record: a new start after the stored end is refused.
    expect(contract.fromJson({ startsOn: "2027-01-01" }, stored)).toEqual({ ok: false, errors: { endsOn: "money.date.endBeforeStart" } });
  });
});
