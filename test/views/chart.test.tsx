import { describe, expect, it } from "vitest";
import { BarChart, StackedBarChart } from "../../views/components/chart";

const render = (node: unknown) => String(node);

describe("charts drawn in SVG", () => {
  it("set the text's size and ink once on the picture, and a stacked row's outlines once on its bars", () => {
    const html = render(
      <>
        <BarChart
          id="c1"
          title="Per niveau"
          desc="Twee niveaus."
          table={false}
          rows={[
            { label: "Dringend", value: 2 },
            { label: "Let op", value: 1 },
          ]}
        />
        <StackedBarChart
          id="c2"
          title="Geld"
          desc="Per jaar."
          table={false}
          series={[{ label: "Subsidie" }, { label: "Fonds" }]}
          rows={[
            { label: "2025", values: [3, 4] },
            { label: "2026", values: [0, 5] },
          ]}
        />
      </>,
    );
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toMatch(/ font-size="15" fill="#1b1b1b"/);
    // Every text inherits: none repeats the size or the ink.
    const texts = html.match(/<text [^>]*>/g) ?? [];
    expect(texts.length).toBe(2 * 2 + 2 + 2 * 2);
    for (const text of texts) expect(text).not.toMatch(/font-size|fill=/);
    // A stacked row's bars sit in one outlined group (a zero value draws no bar).
    const rows = html.match(/<g stroke="#1b1b1b" stroke-width="0.75">(.*?)<\/g>/g) ?? [];
    expect(rows.map((g) => (g.match(/<rect /g) ?? []).length)).toEqual([2, 1]);
    expect(rows.join("")).toContain('fill="url(#c2-p1)"');
  });
});
