// One "today" per request (src/middleware/context.ts): the date in Amsterdam, the same for a page,
// a CSV download and the API, also in the hour after midnight when UTC still has yesterday.
import { describe, expect, it } from "vitest";
import { appAt, makeWorld, signedIn } from "../helpers/factories";
import { api } from "../helpers/api-factories";

// 00:30 on 1 January 2027 in Amsterdam (CET, UTC+1) is still 31 December 2026 in UTC.
const AT = "2026-12-31T23:30:00.000Z";

describe("one today everywhere", () => {
  it("a page, a CSV and the API all use 2027-01-01 at 00:30 in Amsterdam", async () => {
    const w = await makeWorld();
    const browser = await signedIn(w.admin.id, AT);

    const page = await browser.get(`/neighbourhoods/${w.hood.id}/overview`);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Stand op 1 januari 2027.");

    const csv = await browser.get(`/neighbourhoods/${w.hood.id}/overview/cliff.csv`);
    expect(csv.status).toBe(200);
    expect(csv.res.headers.get("content-disposition")).toContain("-cliff-2027-01-01.csv");
    const firstQuarter = csv.html.split("\r\n")[1] ?? "";
    expect(firstQuarter).toContain("2027");
    expect(firstQuarter).not.toContain("2026");

    const res = await api(`/api/v1/overview?neighbourhoodId=${w.hood.id}`, { fetcher: appAt(AT) });
    expect(res.status).toBe(200);
    expect(res.body.today).toBe("2027-01-01");
  });
});
