import { describe, expect, it } from "vitest";
import { centsToInput, parseEuros } from "../../src/lib/money";

describe("parseEuros turns typed euros into whole cents", () => {
  it.each([
    ["1.234,50", 123_450],
    ["1234,5", 123_450],
    ["1234,50", 123_450],
    ["€ 1.234", 123_400],
    ["€1.234,05", 123_405],
    ["1.234.567,89", 123_456_789],
    ["1234.50", 123_450],
    ["1234.5", 123_450],
    ["1234", 123_400],
    ["0", 0],
    ["0,99", 99],
    [",50", 50],
    ["  750  ", 75_000],
    ["12,-", 1_200],
    ["1 234,50", 123_450],
    ["100.000.000", 10_000_000_000],
  ])("reads %j as %i cents", (input, cents) => {
    expect(parseEuros(input)).toBe(cents);
  });

  it.each([
    [""],
    ["   "],
    ["€"],
    ["abc"],
    ["12abc"],
    ["1e5"],
    ["-5"],
    ["-1.234,50"],
    ["−5"],
    ["1,234"], // Dutch cents or English thousands? Refused rather than guessed.
    ["1234,567"],
    ["1.23.4"],
    ["12,34,56"],
    ["100.000.000,01"],
    ["250000000"],
    ["99999999999999999999"],
    ["NaN"],
    ["Infinity"],
  ])("refuses %j", (input) => {
    expect(parseEuros(input)).toBeNull();
  });

  it("writes cents back as something the parser reads again", () => {
    for (const cents of [0, 5, 99, 100, 123_450, 10_000_000_000]) {
      expect(parseEuros(centsToInput(cents, "nl"))).toBe(cents);
      expect(parseEuros(centsToInput(cents, "en"))).toBe(cents);
    }
    expect(centsToInput(123_450, "nl")).toBe("1234,50");
    expect(centsToInput(123_400, "nl")).toBe("1234");
  });
});
