import { describe, expect, it } from "vitest";
import { DataTable } from "../../views/components/data-table";
import { usePage, withPage } from "../../views/components/page-context";

const render = (node: unknown) => String(node);

describe("one table component for every table", () => {
  it("stacks rows on a phone when there are more than two columns: each cell carries its column's name", () => {
    const html = render(
      <DataTable caption="Geld per kwartaal" head={["Kwartaal", "Toegekend", "Aangevraagd"]} rows={[["K1 2027", "€ 0", "€ 3.000"]]} />,
    );
    expect(html).toBe(
      '<div class="table-wrap" tabindex="0"><table class="stack"><caption>Geld per kwartaal</caption>' +
        '<thead><tr><th scope="col">Kwartaal</th><th scope="col">Toegekend</th><th scope="col">Aangevraagd</th></tr></thead>' +
        '<tbody><tr><th scope="row" data-label="Kwartaal">K1 2027</th><td data-label="Toegekend">€ 0</td><td data-label="Aangevraagd">€ 3.000</td></tr></tbody></table></div>',
    );
  });

  it("keeps a list of figures (label, value) a plain table", () => {
    const html = render(
      <>
        <DataTable caption="Nu" rows={[["Initiatieven", 3]]} />
        <DataTable caption="Per niveau" head={["Niveau", "Aantal"]} rows={[["Dringend", 1]]} />
      </>,
    );
    expect(html).not.toContain('class="stack"');
    expect(html).not.toContain("data-label");
    expect(html).toContain('<th scope="row">Dringend</th><td>1</td>');
  });

  it("shares a page's state only while the page renders", () => {
    const state = { flash: null, labels: new Map() };
    expect(withPage(state, () => usePage())).toBe(state);
    expect(usePage()).toBeNull();
  });
});
