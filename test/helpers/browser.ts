// A tiny browser for route tests: keeps cookies, reads the CSRF token from the last page,
// sends same-origin form posts. Requests go to the real Worker (exports.default.fetch).
import { exports } from "cloudflare:workers";

export const ORIGIN = "http://localhost";

export class Browser {
  cookies = new Map<string, string>();
  lastHtml = "";
  constructor(private fetcher: (req: Request) => Promise<Response> = (req) => exports.default.fetch(req)) {}

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string, headers: Record<string, string> = {}) {
    const res = await this.fetcher(new Request(ORIGIN + path, { headers: this.headers(headers), redirect: "manual" }));
    this.store(res);
    const html = await res.text();
    if ((res.headers.get("content-type") ?? "").includes("html")) this.lastHtml = html;
    return { res, html, status: res.status, location: res.headers.get("location") };
  }

  csrfToken(): string {
    const m = this.lastHtml.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error("no CSRF token on the last page");
    return m[1]!;
  }

  /** Posts a form as a browser would: same origin, with the page's CSRF token unless given. */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? this.csrfToken() : opts.csrf;
    if (token !== null) body.append("_csrf", token);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await this.fetcher(
      new Request(ORIGIN + path, {
        method: "POST",
        body,
        redirect: "manual",
        headers: this.headers({ "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...opts.headers }),
      }),
    );
    this.store(res);
    const html = await res.text();
    if ((res.headers.get("content-type") ?? "").includes("html")) this.lastHtml = html;
    return { res, html, status: res.status, location: res.headers.get("location") };
  }

  /** Posts a multipart form (a file upload) as a browser would: same origin, the page's CSRF token unless given. */
  async postMultipart(
    path: string,
    fields: Record<string, string> = {},
    files: Record<string, File> = {},
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const body = new FormData();
    const token = opts.csrf === undefined ? this.csrfToken() : opts.csrf;
    if (token !== null) body.append("_csrf", token);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    for (const [k, file] of Object.entries(files)) body.append(k, file, file.name);
    const res = await this.fetcher(
      new Request(ORIGIN + path, { method: "POST", body, redirect: "manual", headers: this.headers({ origin: ORIGIN, ...opts.headers }) }),
    );
    this.store(res);
    const html = await res.text();
    if ((res.headers.get("content-type") ?? "").includes("html")) this.lastHtml = html;
    return { res, html, status: res.status, location: res.headers.get("location") };
  }

  /** A GET whose answer is kept as bytes (a download). */
  async download(path: string) {
    const res = await this.fetcher(new Request(ORIGIN + path, { headers: this.headers(), redirect: "manual" }));
    this.store(res);
    return { res, status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
  }
}
