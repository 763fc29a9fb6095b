// Spreadsheet import under an initiative (people with involvements) and under a neighbourhood
// (initiatives with activities). The gate lets only editors POST here; the GET pages check it too.
// Without JavaScript the preview survives the round trip as the file's text in a hidden field.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env";
import { csvResponse } from "../lib/csv";
import {
  decodeCsv,
  importInitiatives,
  importVolunteers,
  MAX_IMPORT_BYTES,
  previewInitiatives,
  previewVolunteers,
  templateCsv,
  type ImportResult,
  type Preview,
} from "../domain/data/imports";
import { renderError } from "./errors";
import { ImportPreviewPage, ImportUploadPage } from "../../views/imports/imports-views";
import { flashRedirect } from "../middleware/flash";

export const importsRoutes = new Hono<AppEnv>();
type C = Context<AppEnv>;

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): string | null {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The two kinds of import share every step; this says where each one lives and what it calls. */
type Kind = {
  base: (c: C) => string;
  title: (c: C) => string;
  intro: (c: C) => string;
  template: { kind: "volunteers" | "initiatives"; file: string };
  preview: (c: C, text: string) => Promise<Preview>;
  run: (c: C, text: string, onlyValid: boolean) => Promise<ImportResult>;
};

const volunteers: Kind = {
  base: (c) => `/initiatives/${c.var.initiative.id}/imports`,
  title: (c) => c.var.t("imports.volunteers.title"),
  intro: (c) => c.var.t("imports.volunteers.intro", { initiative: c.var.initiative.name }),
  template: { kind: "volunteers", file: "vrijwilligers-voorbeeld.csv" },
  preview: (c, text) => previewVolunteers(c.var.db, c.var.initiative, text),
  run: (c, text, onlyValid) => importVolunteers(c.var.db, c.var.initiative, text, onlyValid, c.var.user?.id ?? null, c.var.now),
};

const initiatives: Kind = {
  base: (c) => `/neighbourhoods/${c.var.neighbourhood.id}/imports`,
  title: (c) => c.var.t("imports.initiatives.title"),
  intro: (c) => c.var.t("imports.initiatives.intro", { neighbourhood: c.var.neighbourhood.name }),
  template: { kind: "initiatives", file: "initiatieven-voorbeeld.csv" },
  preview: (c, text) => previewInitiatives(c.var.db, c.var.neighbourhood.id, text, c.var.today),
  run: (c, text, onlyValid) => importInitiatives(c.var.db, c.var.neighbourhood.id, text, onlyValid, c.var.user?.id ?? null, c.var.now),
};

function uploadPage(c: C, kind: Kind, status: 200 | 422 = 200, error?: string) {
  const { t } = c.var;
  c.status(status);
  return c.render(
    <ImportUploadPage
      t={t}
      csrfToken={c.var.csrfToken}
      title={kind.title(c)}
      intro={kind.intro(c)}
      action={`${kind.base(c)}/preview`}
      templateUrl={`${kind.base(c)}/template.csv`}
      error={error}
    />,
    { title: kind.title(c) },
  );
}

function previewPage(c: C, kind: Kind, preview: Preview, text: string, mustFix = false) {
  c.status(preview.fileProblems.length > 0 || mustFix ? 422 : 200);
  return c.render(
    <ImportPreviewPage
      t={c.var.t}
      csrfToken={c.var.csrfToken}
      title={kind.title(c)}
      preview={preview}
      action={kind.base(c)}
      backUrl={kind.base(c)}
      csv={toBase64(text)}
      mustFix={mustFix}
    />,
    { title: c.var.t("imports.preview.title") },
  );
}

function mount(prefix: string, kind: Kind) {
  // Reading these pages is for editors only (the gate treats them as reads).
  importsRoutes.use(prefix, async (c, next) => (c.var.canEdit ? next() : renderError(c, 403, "forbidden")));
  importsRoutes.use(`${prefix}/*`, async (c, next) => (c.var.canEdit ? next() : renderError(c, 403, "forbidden")));

  importsRoutes.get(prefix, (c) => uploadPage(c, kind));

  importsRoutes.get(`${prefix}/template.csv`, () => csvResponse(templateCsv(kind.template.kind), kind.template.file));

  importsRoutes.post(`${prefix}/preview`, async (c) => {
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return uploadPage(c, kind, 422, c.var.t("imports.error.noFile"));
    if (file.size > MAX_IMPORT_BYTES) return uploadPage(c, kind, 422, c.var.t("imports.error.tooBig"));
    const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    return previewPage(c, kind, await kind.preview(c, text), text);
  });

  importsRoutes.post(prefix, async (c) => {
    const body = await c.req.parseBody();
    const b64 = typeof body.csv === "string" && body.csv.length <= Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 8 ? body.csv : "";
    const text = fromBase64(b64);
    if (!text) return uploadPage(c, kind, 422, c.var.t("imports.error.noFile"));
    const result = await kind.run(c, text, body.mode === "valid");
    if (!result.ok) return previewPage(c, kind, result.preview, text, true);
    return flashRedirect(c, kind.base(c), c.var.t("imports.done", { written: result.written, skipped: result.skipped }));
  });
}

mount("/initiatives/:initiativeId/imports", volunteers);
mount("/neighbourhoods/:neighbourhoodId/imports", initiatives);
