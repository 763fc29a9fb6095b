import { describe, expect, it } from "vitest";
import { fractionToPercent, parseThresholdsForm, percentToFraction, thresholdFormValues } from "../../../src/domain/risk/thresholds-form";
import { DEFAULT_THRESHOLDS } from "../../../src/domain/risk/rules";

const body = (over: Record<string, string> = {}) => ({
  horizonDays: "180",
  urgentDays: "60",
  concentrationShare: "40",
  shrinkRatio: "70",
  staleCheckinMonths: "13",
  staleAssetMonths: "24",
  ...over,
});

describe("the thresholds form speaks percent; the stored thresholds stay fractions", () => {
  it("reads 40, 40%, 40 %, 40,5 and 40.5", () => {
    expect(percentToFraction("40")).toBe(0.4);
    expect(percentToFraction("40%")).toBe(0.4);
    expect(percentToFraction(" 40 % ")).toBe(0.4);
    expect(percentToFraction("40,5")).toBeCloseTo(0.405, 10);
    expect(percentToFraction("40.5")).toBeCloseTo(0.405, 10);
    expect(percentToFraction("100")).toBe(1);
  });

  it("refuses what is not a percentage", () => {
    for (const bad of ["", "veertig", "40%%", "-5", "4 0", "1e2", "40,555"]) expect(percentToFraction(bad), bad).toBeNull();
  });

  it("shows fractions back as percent, with a Dutch comma in Dutch", () => {
    expect(fractionToPercent(0.4, "nl")).toBe("40");
    expect(fractionToPercent(0.405, "nl")).toBe("40,5");
    expect(fractionToPercent(0.405, "en")).toBe("40.5");
    expect(thresholdFormValues(DEFAULT_THRESHOLDS, "nl")).toMatchObject({
      concentrationShare: "40",
      shrinkRatio: "70",
      horizonDays: "180",
    });
  });

  it("parses the form into stored fractions, and explains a bad or out-of-range percentage", () => {
    expect(parseThresholdsForm(body({ concentrationShare: "50%", shrinkRatio: "62,5" }))).toEqual({
      ok: true,
      data: { ...DEFAULT_THRESHOLDS, concentrationShare: 0.5, shrinkRatio: 0.625 },
    });
    expect(parseThresholdsForm(body({ concentrationShare: "abc" }))).toEqual({
      ok: false,
      errors: { concentrationShare: "risk.settings.percent" },
    });
    // A fraction typed by habit (0,4) is 0.4 %: below the 5 % minimum, so it is explained, not stored.
    expect(parseThresholdsForm(body({ shrinkRatio: "0,4" }))).toEqual({ ok: false, errors: { shrinkRatio: "risk.settings.shareRange" } });
    expect(parseThresholdsForm(body({ horizonDays: "10", urgentDays: "5", concentrationShare: "" }))).toEqual({
      ok: false,
      errors: { horizonDays: "risk.settings.horizonRange", concentrationShare: "risk.settings.percent" },
    });
  });
});
